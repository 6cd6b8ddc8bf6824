// fides-gen: the rules of the standard catalogue (stdlib/CATALOGUE.md) that
// depend on one person's history only, evaluated on a person before the
// person is written. The generator keeps a person only when exactly the
// planted findings come out (none for a clean person), so that clean data
// never triggers a rule by accident and truth.csv lists every planted finding.
#pragma once

#include <string>
#include <vector>

#include "catalogue.h"
#include "model.h"

namespace fides::gen {

enum Rule : int {
  L01, L02, L03, L04, L05, L06, L07, L08, L09, L10, L11,
  V01, V02, V03, V04, V05, V06, V07, V08, V09,
  P01, P02, P03, P04, P05, P06, P07, P08, P09, P10, P11, P12,
  I01, I02, I03, I04, I05,
  R01, R02, R03,
  RULE_COUNT
};

const char* rule_id(int rule);
// The record name of a rule's subject as findings.csv prints it.
const char* rule_record(int rule);
int rule_from_id(const std::string& id);  // -1 when unknown

// Default parameter values of the catalogue, which the generator plants against.
struct Params {
  int child_age_limit = 18;
  int adult_age_min = 18;
  int64_t amount_tolerance = 1;  // cents
  int daily_item_tolerance = 1;
  int64_t low_cost_admission = 100000;
  int ipt_days_tolerance = 0;
  int outpatient_supply_days = 7, emergency_supply_days = 3, chronic_supply_days = 30;
  int overlap_tolerance_days = 2;
  int readmit_days = 15;
  int bed_only_days = 3;
  int monthly_purchase_limit = 4;
  int max_daily_visits = 80;
  int shared_phone_min = 5;
  int64_t shared_phone_fund = 2000000;
  int peer_min_visits = 30;
  double peer_cost_ratio = 1.5;
  double drug_share_margin = 0.25;
  double cross_region_cost_ratio = 3.0;
  int cross_region_purchase_limit = 6;
};

// A finding on one person's records. Subjects: FeeLine (a = visit, b = line),
// Visit (a), Person, VisitPanel (a, b = panel code), VisitDailyItem (a, b = code),
// PersonCourse (b = code), PersonItemDay (b = code, c = day),
// PersonDrugMonth (b = code, c = month), CrossRegionPurchases (c = month),
// PersonDay (c = day).
struct Finding {
  int rule = 0;
  int a = -1, b = -1, c = -1;
  bool operator==(const Finding& o) const { return rule == o.rule && a == o.a && b == o.b && c == o.c; }
  bool operator<(const Finding& o) const {
    if (rule != o.rule) return rule < o.rule;
    if (a != o.a) return a < o.a;
    if (b != o.b) return b < o.b;
    return c < o.c;
  }
};

struct EvalContext {
  const Catalogue& cat;
  const std::vector<Institution>& insts;
  const std::vector<Staff>& staff;
  const Params& params;
};

// Every person-level finding of the catalogue's rules on p (not I01–I05, R01,
// which need the whole data set). Sorted.
void evaluate_person(const EvalContext& x, const Person& p, std::vector<Finding>& out);

bool is_planned_care(const std::string& diag);
inline int stay_days(int begin, int end) { return end > begin ? end - begin : 1; }

}  // namespace fides::gen
