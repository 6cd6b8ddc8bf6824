// fides-gen: the generator's internal state, shared by its source files.
#pragma once

#include <array>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "catalogue.h"
#include "evaluate.h"
#include "generator.h"
#include "model.h"
#include "output.h"
#include "tables.h"
#include "util.h"

namespace fides::gen {

// Boundary scenarios: data put exactly on the clean side of a rule's limit.
enum Boundary : int {
  B_FIRST = 100,
  B_L09 = B_FIRST,  // the suspended doctor the day before, and in an emergency
  B_L10,            // amount = qty × price + 0.01
  B_V02,            // one component fewer than the panel size
  B_V03,            // main and sub-item on different days of one stay
  B_V06,            // daily items on every day of the stay, discharge day included
  B_V07,            // a test-only admission of exactly 1000.00
  B_P01,            // a payment course of exactly its limit
  B_P03,            // a test repeated exactly at its minimum interval
  B_P04,            // exactly 7, 3 and 30 days' supply
  B_P05,            // a refill overlapping by exactly the tolerance
  B_P06,            // readmission after 16 days; planned chemotherapy within 15
  B_P07,            // two bed-only days
  B_P08,            // fees on the day of death
  B_P10,            // four purchases of a drug in a month
  B_P12,            // an outpatient visit on the day of discharge
  B_R02,            // six cross-region purchases in a month
  B_R03,            // two visits on one day in one city
  B_END
};

const char* scenario_name(int scen);

// Visit tags: what the content builder does with a planned visit.
enum Tag : int {
  T_CLEAN = 0,
  T_PLANT,      // the scenario's planted visit
  T_PLANT_B,    // a second visit of the scenario
  T_PLANT_C,
  T_I03,        // a visit to a doctor-day target
  T_BOUND,      // a boundary visit
  T_BOUND_B,
};

struct DocTarget {
  int staff = 0;
  int day = 0;
  int quota = 81;
  int count = 0;
  bool boundary = false;  // exactly max_daily_visits: must not fire
  bool done = false;
  uint64_t open_at = 0;   // persons generated before it opens
};

struct TruthRow {
  int rule;
  std::string record, key;
  int date;  // for the appeal's decision date
};

struct SideRow {
  int rule;
  std::string record, key, because;
};

// One attempt at building one person.
struct PersonBuild {
  Person p;
  Rng rng;
  int scen = -1;          // plant rule, boundary, or -1 for a clean person
  int variant = 0;        // which variant / code of the scenario
  int attempt = 0;
  // scenario parameters
  int sc_code = -1, sc_code2 = -1, sc_staff = -1, sc_inst = -1, sc_inst2 = -1, sc_day = -1, sc_n = 0, sc_m = 0;
  int64_t sc_money = 0;
  std::vector<std::pair<int, int>> sc_days;  // (day, supply) of a planted course
  std::vector<uint8_t> occ;  // per day of the year: 1 stay, 2 other visit, 4 reserved
  int chronic = -1;          // diagnosis index
  std::vector<int> regimen;  // chronic drugs
  bool chemo = false;
  bool light = false;        // few visits (shared-phone boundary cluster)
  bool heavy = false;        // at least one stay (shared-phone cluster)
  bool cross_resident = false;
  int home_clinic = -1;
  int plan_order = 0;
  bool avoid_daily = false;  // the visit being built must not bill once-daily items
  bool fail = false;         // a scenario could not be built this way
  int force_inst = -1;       // see Slot
  bool no_drugs = false;
  std::vector<int> i03_targets;  // targets this person visits
  // trackers for clean lines
  std::vector<std::pair<int, int>> cover;      // drug → max(date + supply)
  std::vector<std::pair<int, int>> course;     // drug → total supply
  std::vector<std::pair<int, int>> dates;      // min-interval code → a date (all of them)
  std::vector<std::array<int, 3>> daily;       // (code, day, qty) of once-daily items
  std::vector<std::array<int, 3>> pharm_month; // (drug, month, visits)
  // expected findings
  std::vector<Finding> intended;
  std::vector<std::pair<Finding, std::string>> side;
  struct Deferred {
    int rule;
    int visit;  // index
  };
  std::vector<Deferred> deferred;  // R01 plants, checked at the end
};

// A member of a household to generate.
struct Slot {
  int role = 1;  // 0 child, 1 adult, 2 elderly
  std::string surname, phone, region;
  int city = 0;
  bool cross_resident = false;
  bool light = false, heavy = false;
  char gender = 0;  // 0: drawn
  int force_inst = -1;    // a diluting person's outpatient visits all go there
  bool no_drugs = false;  // and bill examinations and treatments, no drugs
};

class Gen {
 public:
  explicit Gen(const Options& o);
  Summary run();

 private:
  // setup (generator.cpp)
  void build_world();
  void plan_institution_plants();
  void plan_doc_targets();
  void write_world();
  void write_event(const char* kind, int inst, int staff, const std::string& person, int day, int64_t amount, int points,
                   const std::string& memo);
  void estimate_medians();
  std::string make_name(Rng& r, char gender, const std::string& surname);
  std::string next_phone(Rng& r);

  // the stream of persons (generator.cpp)
  void schedule();
  void run_persons(uint64_t target_lines);
  bool dilute(uint64_t max_lines, bool final_pass);
  bool make_person(int scen, int variant, const Slot& slot, bool forced, PersonBuild& out);
  bool make_cluster(bool plant, bool boundary, int size);
  Slot random_slot(Rng& r, int role);
  void emit(PersonBuild& b);
  void write_truth(int rule, const std::string& record, const std::string& key, int date);
  void finish();
  // --broken N (broken.cpp): appends N malformed rows, and the rows that refer
  // to them, to the input files, and lists each in broken.csv.
  void plant_broken();

  // The code of an institution or staff member, empty for none (-1): an
  // optional reference, written as an empty cell.
  std::string_view inst_code(int inst) const {
    return inst >= 0 ? std::string_view(insts_[static_cast<size_t>(inst)].code) : std::string_view();
  }
  std::string_view staff_code(int staff) const {
    return staff >= 0 ? std::string_view(staff_[static_cast<size_t>(staff)].code) : std::string_view();
  }

  // the person builder (person.cpp)
  bool build(PersonBuild& b, int scen, int variant, const Slot& slot, uint64_t index, int attempt);
  void make_base(PersonBuild& b, const Slot& slot);
  void make_traits(PersonBuild& b);
  void refresh_identity(PersonBuild& b);
  void set_age(PersonBuild& b, int age);
  int pick_row(PersonBuild& b, const Table& t, int skip = 0);
  bool plant_line(PersonBuild& b, Visit& v, int code, int rule, int date, int qty, int supply, int64_t price = -1);
  bool try_special(PersonBuild& b, Visit& v, int date);
  void add_panel_clean(PersonBuild& b, Visit& v, int date);
  int once_daily_in(const Visit& v) const;
  bool plan_scenario(PersonBuild& b);
  void plan_clean(PersonBuild& b);
  void plan_i03(PersonBuild& b);
  void build_contents(PersonBuild& b);
  void content(PersonBuild& b, Visit& v);
  void content_generic(PersonBuild& b, Visit& v);
  void content_outpatient(PersonBuild& b, Visit& v);
  void content_emergency(PersonBuild& b, Visit& v);
  void content_chronic(PersonBuild& b, Visit& v);
  void content_pharmacy(PersonBuild& b, Visit& v);
  void content_inpatient(PersonBuild& b, Visit& v, int bed_only_days, bool no_daily, bool inflate_daily);
  void content_scenario(PersonBuild& b, Visit& v);
  void inflate(PersonBuild& b, Visit& v, double factor);
  void drug_heavy(PersonBuild& b, Visit& v);
  void settle(PersonBuild& b, Visit& v);
  void collect_intended(PersonBuild& b);

  // lines
  bool can_add(PersonBuild& b, const Visit& v, int code, int date, int qty, int supply, bool realism = true);
  Line& add_line(PersonBuild& b, Visit& v, int code, int date, int qty, int supply, int64_t price = -1);
  bool add_clean(PersonBuild& b, Visit& v, int code, int date, int qty, int supply, int depth = 0);
  bool add_role(PersonBuild& b, Visit& v, Role r, int date, int qty = 1);
  bool add_drug(PersonBuild& b, Visit& v, int code, int date, int supply);
  int pick_drug(PersonBuild& b, Visit& v, int group, int date, int supply);
  int supply_for(PersonBuild& b, const Visit& v, int code);

  // planning helpers
  bool day_free(const PersonBuild& b, int day) const;
  int find_free_day(PersonBuild& b, int lo, int hi, int tries = 40);
  bool stay_free(const PersonBuild& b, int begin, int end, int gap) const;
  void mark_days(PersonBuild& b, int begin, int end, uint8_t bit);
  Visit& plan_visit(PersonBuild& b, int med, int inst, int begin, int end, const std::string& diag, int tag);
  int pick_inst(PersonBuild& b, int city, int min_level, int max_level, bool inpatient, bool avoid_plants);
  int pick_pharmacy(PersonBuild& b, int city);
  int pick_balanced(PersonBuild& b, int city, int min_level, int max_level, int med, int los, bool avoid_plants);
  std::vector<int> balance_candidates(PersonBuild& b, int city, int min_level, int max_level, int med, bool avoid_plants);
  double balance_score(int inst, int med, double cost) const;
  double expected_cost(int level, int med, int los) const;
  int balanced_los(int inst, const int* los, int n) const;
  int pick_doctor(PersonBuild& b, int inst, int med, int begin, int end);
  int other_city(PersonBuild& b, int city);
  int pick_diag(PersonBuild& b, uint8_t setting, int age);
  std::string diag_for(PersonBuild& b, int code, int except_rule, int med, int day);
  int single_plant_visit(PersonBuild& b, int code, int except_rule, int med = -1, int tag = T_PLANT);
  int plain_drug_for(PersonBuild& b, std::vector<int> groups, int avoid = -1);
  std::string diag_of_group(PersonBuild& b, int group, int day);
  void content_low_cost_stay(PersonBuild& b, Visit& v, bool exact);
  int los_draw(Rng& r);
  bool tailor_for_code(PersonBuild& b, int code, int except_rule);
  int context_med(int code, int except_rule) const;
  int context_inst(PersonBuild& b, int code, int except_rule, int med);
  int age_at(const PersonBuild& b, int day) const { return age_on(b.p.birth, day); }
  bool is_cross(const PersonBuild& b, int inst) const;

  // ---- configuration
  Options opt_;
  Params par_;
  Knowledge know_;
  Catalogue cat_;
  int year_ = 2024, y0_ = 0, y1_ = 0, ndays_ = 366;
  std::string ystr_;
  uint64_t persons_est_ = 0;

  // ---- the region
  std::vector<City> cities_;
  std::vector<Institution> insts_;
  std::vector<Staff> staff_;
  std::vector<std::vector<int>> city_type1_, city_pharm_, city_inp_;
  std::vector<int> pharm_index_;  // institution → pharmacy number, -1
  int n_pharm_ = 0;
  std::vector<int> suspended_;    // doctors with status 2 or 3
  std::vector<int> type1_;        // institutions of type 1
  std::array<int64_t, 4> median_est_{};

  // ---- counters
  uint64_t psn_seq_ = 0, visit_seq_ = 0, line_seq_ = 0, diag_seq_ = 0, evt_seq_ = 0, appeal_seq_ = 0, phone_seq_ = 0;
  uint64_t lines_written_ = 0, units_ = 0;
  Rng sched_;

  // ---- trackers over accepted persons
  std::vector<uint8_t> docday_;      // staff × day: visits (255 reserved for a target)
  std::vector<uint32_t> stock_;      // pharmacy × drug × month: quantity billed
  std::array<std::vector<int64_t>, 4> inp_totals_;  // non-cross-region stays by level
  struct CrossStay {
    uint64_t visit_seq;
    int level;
    int64_t total;
    bool planted;
    int date;
  };
  std::vector<CrossStay> cross_stays_;
  std::vector<DocTarget> targets_;
  // What visits cost, by med type and level, and each level's clean averages:
  // the institution a clean visit goes to keeps its peers' averages (I02, I05).
  struct TypeStats {
    double cost = 0, drug = 0, days = 0;
    int64_t n = 0;
  };
  std::array<std::array<TypeStats, 4>, 5> type_stats_{};
  struct LevelStats {
    double total = 0, n = 0, drug = 0, line = 0;
    std::array<double, 4> mix{};  // visits by kind at clean institutions
    double inp_total = 0, inp_n = 0, inp_days = 0;
  };
  std::array<LevelStats, 4> level_stats_{};
  struct Cluster {
    bool plant, boundary;
    int size;
    uint64_t open_at;
    bool done = false;
  };
  std::vector<Cluster> clusters_;
  std::deque<std::pair<int, int>> forced_;  // (scenario, variant)
  std::vector<int> forced_tries_;           // by scenario
  std::vector<uint64_t> scen_count_;        // successful plants by scenario

  // ---- outputs
  CsvOut f_inst_, f_staff_, f_person_, f_visit_, f_setl_, f_line_, f_diag_, f_stock_, f_event_, f_appeal_, f_truth_, f_side_;
  Summary sum_;
  // A written visit whose keys the malformed rows of --broken refer to.
  struct BrokenAnchor {
    std::string person;
    uint64_t visit_seq = 0, line_seq = 0;
    int day = 0;
  };
  BrokenAnchor broken_anchor_;
  std::vector<int> appeal_forced_;  // rules whose first finding gets an appeal
  int appeals_forced_left_ = 8;
};

int med_class(int med);

}  // namespace fides::gen
