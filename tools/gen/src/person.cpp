// fides-gen: one person's year — demographics, the visits they make, what is
// billed in each, and the planted findings (scenarios).
#include <algorithm>
#include <cstdlib>

#include "gen_internal.h"
#include "idcard.h"

namespace fides::gen {

namespace {

template <class K>
int& slot_of(std::vector<std::pair<K, int>>& v, const K& k, int init) {
  for (auto& e : v)
    if (e.first == k) return e.second;
  v.push_back({k, init});
  return v.back().second;
}

bool has_code(const Visit& v, int code) {
  for (const Line& l : v.lines)
    if (l.code == code) return true;
  return false;
}

std::string city_of(const std::string& region) { return region.substr(0, 4); }

constexpr int kNone = -1;

}  // namespace

// ---------------------------------------------------------------- the person

void Gen::set_age(PersonBuild& b, int age) {
  b.p.birth = days_from_civil(year_ - age, 1, 1) - 1 - b.rng.range(0, 363);
}

void Gen::refresh_identity(PersonBuild& b) {
  Person& p = b.p;
  std::string surname = p.name.substr(0, p.name.size() >= 6 && p.name.rfind("欧阳", 0) == 0 ? 6 : 3);
  p.name = make_name(b.rng, p.gender, surname);
  p.certno = make_idcard(p.region.substr(0, 6), p.birth, p.gender, b.rng.range(0, 499));
}

void Gen::make_base(PersonBuild& b, const Slot& slot) {
  Rng& r = b.rng;
  Person& p = b.p;
  p.gender = slot.gender ? slot.gender : (r.chance(0.5) ? '1' : '2');
  int age = slot.role == 0 ? r.range(0, 17) : slot.role == 1 ? r.range(18, 59) : r.range(60, 92);
  set_age(b, age);
  p.insutype = slot.role == 0 ? "390" : slot.role == 1 ? (r.chance(0.55) ? "310" : "390") : (r.chance(0.4) ? "310" : "390");
  p.region = slot.region;
  p.city = slot.city;
  p.phone = slot.phone;
  p.name = make_name(r, p.gender, slot.surname);
  p.certno = make_idcard(p.region.substr(0, 6), p.birth, p.gender, r.range(0, 499));
  b.cross_resident = slot.cross_resident;
  b.force_inst = slot.force_inst;
  b.no_drugs = slot.no_drugs;
  b.light = slot.light;
  b.heavy = slot.heavy;
  b.occ.assign(static_cast<size_t>(ndays_) + 2, 0);
  b.p.visits.reserve(200);
}

void Gen::make_traits(PersonBuild& b) {
  Rng& r = b.rng;
  Person& p = b.p;
  const int age = age_at(b, y0_);
  if (!b.light && !b.heavy && p.death < 0) {
    double pd = age >= 60 ? 0.025 : age >= 18 ? 0.003 : 0.0;
    if (r.chance(pd)) p.death = y0_ + r.range(45, ndays_ - 10);
  }
  if (!b.light && b.force_inst < 0 && age >= 18) {
    double pc = age < 45 ? 0.03 : age < 60 ? 0.15 : 0.35;
    if (r.chance(pc)) b.chronic = pick_diag(b, S_CHRONIC, age);
  }
  if (b.chronic >= 0) {
    const DiagInfo& d = cat_.diagnoses()[static_cast<size_t>(b.chronic)];
    const auto& pool = cat_.drugs(d.groups[0]);
    if (pool.empty()) b.chronic = -1;
    else {
      int n = std::min<int>(static_cast<int>(pool.size()), r.range(1, 2));
      size_t s = r.below(pool.size());
      for (int k = 0; k < n; ++k) b.regimen.push_back(pool[(s + static_cast<size_t>(k)) % pool.size()]);
    }
  }
  b.chemo = !b.light && b.force_inst < 0 && age >= 50 && age <= 85 && r.chance(0.004);
  b.home_clinic = pick_inst(b, p.city, 0, 2, false, false);
}

int Gen::pick_diag(PersonBuild& b, uint8_t setting, int age) {
  std::vector<int> c;
  const auto& ds = cat_.diagnoses();
  for (size_t i = 0; i < ds.size(); ++i) {
    const DiagInfo& d = ds[i];
    if (!(d.settings & setting) || d.planned) continue;
    if (age < d.min_age || age > d.max_age) continue;
    if (d.gender && d.gender != b.p.gender) continue;
    char tg = cat_.table_gender(d.code);
    if (tg && tg != b.p.gender) continue;
    c.push_back(static_cast<int>(i));
  }
  if (c.empty()) return -1;
  return b.rng.pick(c);
}

int Gen::los_draw(Rng& r) {
  static const std::vector<double> w = {0, 0, 8, 12, 12, 12, 10, 9, 8, 6, 5, 4, 3, 3, 2, 2, 1, 1, 1, 1, 1};
  return static_cast<int>(r.weighted(w));
}

bool Gen::is_cross(const PersonBuild& b, int inst) const {
  return city_of(b.p.region) != city_of(insts_[static_cast<size_t>(inst)].region);
}

// ---------------------------------------------------------------- planning helpers

bool Gen::day_free(const PersonBuild& b, int day) const {
  if (day < y0_ || day > y1_) return false;
  if (b.p.death >= 0 && day > b.p.death) return false;
  return b.occ[static_cast<size_t>(day - y0_)] == 0;
}

int Gen::find_free_day(PersonBuild& b, int lo, int hi, int tries) {
  lo = std::max(lo, y0_);
  hi = std::min(hi, y1_);
  if (b.p.death >= 0) hi = std::min(hi, b.p.death);
  if (hi < lo) return -1;
  for (int t = 0; t < tries; ++t) {
    int d = b.rng.range(lo, hi);
    if (day_free(b, d)) return d;
  }
  return -1;
}

bool Gen::stay_free(const PersonBuild& b, int begin, int end, int gap) const {
  if (begin < y0_ || end > y1_ || end < begin) return false;
  if (b.p.death >= 0 && end > b.p.death) return false;
  for (int d = std::max(y0_, begin - gap); d <= std::min(y1_, end + gap); ++d) {
    uint8_t o = b.occ[static_cast<size_t>(d - y0_)];
    if (o & 1) return false;
    if (d >= begin && d <= end && o) return false;
  }
  return true;
}

void Gen::mark_days(PersonBuild& b, int begin, int end, uint8_t bit) {
  for (int d = std::max(begin, y0_); d <= std::min(end, y1_); ++d) b.occ[static_cast<size_t>(d - y0_)] |= bit;
}

Visit& Gen::plan_visit(PersonBuild& b, int med, int inst, int begin, int end, const std::string& diag, int tag) {
  Visit v;
  v.med = med;
  v.inst = inst;
  v.begin = begin;
  v.end = med == M_INP ? end : begin;
  v.ipt_days = med == M_INP ? stay_days(v.begin, v.end) : 0;
  v.diag = diag;
  v.tag = tag;
  v.order = b.plan_order++;
  v.cross = is_cross(b, inst);
  mark_days(b, v.begin, v.end, med == M_INP ? 1 : 2);
  if (std::getenv("FIDES_GEN_DEBUG") && tag != T_CLEAN && (insts_[static_cast<size_t>(inst)].plant_i05 || insts_[static_cast<size_t>(inst)].plant_i02))
    std::fprintf(stderr, "plant-visit %s scen %s tag %d med %d\n", insts_[static_cast<size_t>(inst)].code.c_str(), scenario_name(b.scen), tag, med);
  b.p.visits.push_back(std::move(v));
  return b.p.visits.back();
}

int Gen::pick_inst(PersonBuild& b, int city, int min_level, int max_level, bool inpatient, bool avoid_plants) {
  for (int i : city_type1_[static_cast<size_t>(city)]) {
    const Institution& in = insts_[static_cast<size_t>(i)];
    if (in.level >= min_level && in.level <= max_level && (!inpatient || in.level >= 1) &&
        !(avoid_plants && (in.plant_i02 || in.plant_i05)))
      return pick_balanced(b, city, min_level, max_level, inpatient ? M_INP : M_OUT, 5, avoid_plants);
  }
  for (int pass = 0; pass < 3; ++pass) {
    std::vector<int> c;
    std::vector<double> w;
    for (size_t ci = 0; ci < cities_.size(); ++ci) {
      if (pass < 2 && static_cast<int>(ci) != city) continue;
      for (int i : city_type1_[ci]) {
        const Institution& in = insts_[static_cast<size_t>(i)];
        if (in.level < min_level || in.level > max_level) continue;
        if (inpatient && in.level < 1) continue;
        if (avoid_plants && pass == 0 && (in.plant_i02 || in.plant_i05)) continue;
        c.push_back(i);
        w.push_back(in.capacity);
      }
    }
    if (!c.empty()) return c[b.rng.weighted(w)];
  }
  return type1_[b.rng.below(type1_.size())];
}

namespace {
}  // namespace

int med_class(int med) { return med == M_OUT ? 0 : med == M_EMERG ? 1 : med == M_CHRONIC ? 2 : med == M_INP ? 3 : 4; }

// Candidates for a clean visit: a few institutions drawn by capacity (a
// planted institution, when drawn first, alone: it gets its share of visits
// by capacity, no more).
std::vector<int> Gen::balance_candidates(PersonBuild& b, int city, int min_level, int max_level, int med, bool avoid_plants) {
  std::vector<int> c;
  std::vector<double> w;
  for (int i : city_type1_[static_cast<size_t>(city)]) {
    const Institution& in = insts_[static_cast<size_t>(i)];
    if (in.level < min_level || in.level > max_level) continue;
    if (med == M_INP && in.level < 1) continue;
    if (avoid_plants && (in.plant_i02 || in.plant_i05)) continue;
    c.push_back(i);
    w.push_back(in.capacity);
  }
  if (c.empty()) return {pick_inst(b, city, min_level, max_level, med == M_INP, avoid_plants)};
  const int first = c[b.rng.weighted(w)];
  if (insts_[static_cast<size_t>(first)].plant_i02 || insts_[static_cast<size_t>(first)].plant_i05) return {first};
  std::vector<int> cand{first};
  for (int t = 0; t < 8 && cand.size() < 4 && cand.size() < c.size(); ++t) {
    int i = c[b.rng.weighted(w)];
    const Institution& in = insts_[static_cast<size_t>(i)];
    if (in.plant_i02 || in.plant_i05) continue;
    if (std::find(cand.begin(), cand.end(), i) == cand.end()) cand.push_back(i);
  }
  return cand;
}

// The expected cost of a visit of this kind at a level (a stay of los days).
double Gen::expected_cost(int level, int med, int los) const {
  const int cls = med_class(med);
  if (cls > 3) return 0;
  const TypeStats& ts = type_stats_[static_cast<size_t>(cls)][static_cast<size_t>(level)];
  static const double dc[] = {12000, 25000, 12000, 60000};
  if (ts.n < 10) return med == M_INP ? dc[cls] * los : dc[cls];
  return med == M_INP ? ts.cost / std::max(1.0, ts.days) * los : ts.cost / static_cast<double>(ts.n);
}

// How well a clean visit of this kind fits an institution (lower is better):
// the candidate that lacks this kind of visit most, compared with the visit
// mix of its level. Sending each clean visit to the best of a few candidates
// gives every hospital and clinic the mix of its peers, and so about their
// average cost and drug share (I02, I05); Gen::dilute corrects what remains.
double Gen::balance_score(int inst, int med, double cost) const {
  const Institution& in = insts_[static_cast<size_t>(inst)];
  const LevelStats& ls = level_stats_[static_cast<size_t>(in.level)];
  if (in.plant_i02 || in.plant_i05 || ls.n < 50) return 0;
  const int cls = med_class(med);
  if (cls > 3) return 0;
  const double frac = ls.mix[static_cast<size_t>(cls)] / ls.n;
  double score = -(frac * static_cast<double>(in.visits + 1) - static_cast<double>(in.mix[static_cast<size_t>(cls)]));
  (void)cost;
  return score;
}

// Of a few lengths of stay, the one that keeps the hospital's average stay
// cost nearest that of its level.
int Gen::balanced_los(int inst, const int* los, int n) const {
  const Institution& in = insts_[static_cast<size_t>(inst)];
  const LevelStats& ls = level_stats_[static_cast<size_t>(in.level)];
  if (ls.inp_n < 10 || ls.inp_days <= 0 || in.plant_i02 || in.plant_i05) return los[0];
  const double rate = ls.inp_total / ls.inp_days, target = ls.inp_total / ls.inp_n;
  int best = los[0];
  double best_d = 1e300;
  for (int k = 0; k < n; ++k) {
    double avg = (static_cast<double>(in.inp_total) + rate * los[k]) / static_cast<double>(in.inp_visits + 1);
    double d = std::abs(avg - target);
    if (d < best_d) best_d = d, best = los[k];
  }
  return best;
}

int Gen::pick_balanced(PersonBuild& b, int city, int min_level, int max_level, int med, int los, bool avoid_plants) {
  std::vector<int> cand = balance_candidates(b, city, min_level, max_level, med, avoid_plants);
  int best = cand[0];
  double best_score = 1e300;
  for (int i : cand) {
    double s = balance_score(i, med, expected_cost(insts_[static_cast<size_t>(i)].level, med, std::max(1, los)));
    if (s < best_score - 1e-9) best_score = s, best = i;
  }
  return best;
}

int Gen::pick_pharmacy(PersonBuild& b, int city) {
  const auto& c = city_pharm_[static_cast<size_t>(city)];
  if (c.empty()) {
    for (const auto& o : city_pharm_)
      if (!o.empty()) return o[b.rng.below(o.size())];
  }
  std::vector<double> w;
  for (int i : c) w.push_back(insts_[static_cast<size_t>(i)].capacity);
  return c[b.rng.weighted(w)];
}

int Gen::other_city(PersonBuild& b, int city) {
  if (cities_.size() < 2) return city;
  int c = static_cast<int>(b.rng.below(cities_.size() - 1));
  return c >= city ? c + 1 : c;
}

int Gen::pick_doctor(PersonBuild& b, int inst, int med, int begin, int end) {
  const Institution& in = insts_[static_cast<size_t>(inst)];
  const std::vector<int>& list = in.type == '2' ? in.pharmacists : in.doctors;
  if (list.empty()) return -1;
  for (int t = 0; t < 16; ++t) {
    int s = list[b.rng.below(list.size())];
    const Staff& st = staff_[static_cast<size_t>(s)];
    if (st.status != '1' && st.from >= 0 && med != M_EMERG && !(end < st.from || (st.to >= 0 && begin > st.to))) continue;
    if (med != M_INP) {
      uint8_t c = docday_[static_cast<size_t>(s) * static_cast<size_t>(ndays_) + static_cast<size_t>(begin - y0_)];
      if (c >= 60) continue;
    }
    return s;
  }
  return -1;
}

// ---------------------------------------------------------------- lines

int Gen::once_daily_in(const Visit& v) const {
  for (const Line& l : v.lines)
    if (cat_.at(l.code).once_daily) return l.code;
  return -1;
}

bool Gen::can_add(PersonBuild& b, const Visit& v, int code, int date, int qty, int supply, bool realism) {
  const CodeInfo& c = cat_.at(code);
  const Institution& in = insts_[static_cast<size_t>(v.inst)];
  const Person& p = b.p;
  if (realism && c.real_min_level > in.level) return false;
  if (in.type == '2' && !c.is_drug()) return false;
  if (b.avoid_daily && c.once_daily) return false;
  if (c.gender_only && c.gender_only != p.gender) return false;
  const int age = age_on(p.birth, date);
  if (c.child_only && age >= par_.child_age_limit) return false;
  if (c.adult_only && age < par_.adult_age_min) return false;
  if (c.has_scope) {
    std::string dc = Catalogue::category(v.diag);
    if (std::find(c.scope.begin(), c.scope.end(), dc) == c.scope.end()) return false;
  }
  if (c.inp_emerg && v.med != M_INP && v.med != M_EMERG) return false;
  if (c.min_level >= 0 && in.level < c.min_level) return false;
  if (!c.insutype_only.empty() && p.insutype != c.insutype_only) return false;
  for (const Line& l : v.lines) {
    if (l.code == code && l.date == date) return false;
    if (l.date == date) {
      if (c.included_main == l.code) return false;
      if (cat_.at(l.code).included_main == code) return false;
    }
  }
  if (c.panel >= 0) {
    const CodeInfo& panel = cat_.at(c.panel);
    std::vector<int> comps;
    for (const Line& l : v.lines)
      if (cat_.at(l.code).panel == c.panel && std::find(comps.begin(), comps.end(), l.code) == comps.end()) comps.push_back(l.code);
    if (std::find(comps.begin(), comps.end(), code) == comps.end()) comps.push_back(code);
    if (panel.panel_size > 0 && static_cast<int>(comps.size()) >= panel.panel_size) return false;
  }
  if (c.once_daily) {
    int have = 0;
    for (const auto& e : b.daily)
      if (e[0] == code && e[1] == date) have += e[2];
    if (have + qty > 1) return false;
    if (v.med == M_INP) {
      int units = 0;
      for (const Line& l : v.lines)
        if (l.code == code) units += l.qty;
      if (units + qty > v.ipt_days + par_.daily_item_tolerance) return false;
    }
  }
  if (c.course_days >= 0 && supply > 0) {
    int have = 0;
    for (const auto& e : b.course)
      if (e.first == code) have = e.second;
    if (have + supply > c.course_days) return false;
  }
  if (c.min_interval > 0) {
    for (const auto& e : b.dates)
      if (e.first == code && std::abs(e.second - date) < c.min_interval) return false;
  }
  if (c.is_drug() && supply >= 0) {
    for (const auto& e : b.cover)
      if (e.first == code && e.second - date > par_.overlap_tolerance_days) return false;
    int limit = v.med == M_EMERG ? par_.emergency_supply_days
                : v.med == M_CHRONIC ? par_.chronic_supply_days
                : v.med == M_OUT ? par_.outpatient_supply_days
                                 : 1000;
    if (supply > limit) return false;
  }
  if (v.med == M_PHARM && c.is_drug()) {
    int m = month_start(date);
    for (const auto& e : b.pharm_month)
      if (e[0] == code && e[1] == m && e[2] + 1 > par_.monthly_purchase_limit) return false;
  }
  return true;
}

Line& Gen::add_line(PersonBuild& b, Visit& v, int code, int date, int qty, int supply, int64_t price) {
  const CodeInfo& c = cat_.at(code);
  const Institution& in = insts_[static_cast<size_t>(v.inst)];
  Line l;
  l.code = code;
  l.date = date;
  l.qty = qty;
  l.price = price >= 0 ? price : cat_.price_at(code, in.level);
  l.amount = l.price * qty;
  l.supply = c.is_drug() ? supply : -1;
  if (c.cap >= 0) l.cap = c.cap;
  else if (c.service_item && b.rng.chance(0.4)) l.cap = (l.price * 12 / 10 + 49) / 50 * 50;
  l.doctor = in.type == '2' ? -1 : v.doctor;
  if (l.supply >= 0) {
    int& cv = slot_of(b.cover, code, l.date + l.supply);
    cv = std::max(cv, l.date + l.supply);
    if (c.course_days >= 0) slot_of(b.course, code, 0) += l.supply;
  }
  if (c.min_interval > 0) b.dates.push_back({code, date});
  if (c.once_daily) b.daily.push_back({code, date, qty});
  if (v.med == M_PHARM && c.is_drug()) {
    int m = month_start(date);
    bool found = false;
    for (auto& e : b.pharm_month)
      if (e[0] == code && e[1] == m) e[2] += 1, found = true;
    if (!found) b.pharm_month.push_back({code, m, 1});
  }
  v.lines.push_back(l);
  return v.lines.back();
}

bool Gen::add_clean(PersonBuild& b, Visit& v, int code, int date, int qty, int supply, int depth) {
  if (depth > 2) return false;
  const CodeInfo& c = cat_.at(code);
  if (!can_add(b, v, code, date, qty, supply)) return false;
  if (c.second_class >= 0) {
    bool first = false;
    for (const Line& l : v.lines)
      if (cat_.at(l.code).first_class == c.second_class) first = true;
    if (!first) {
      const auto& fl = cat_.first_line_by_class()[static_cast<size_t>(c.second_class)];
      if (fl.empty()) return false;
      size_t s = b.rng.below(fl.size());
      bool ok = false;
      for (size_t k = 0; k < fl.size() && !ok; ++k) {
        int f = fl[(s + k) % fl.size()];
        int sup = supply >= 0 ? supply_for(b, v, f) : -1;
        if (sup > supply && supply >= 0) sup = supply;
        int q = sup > 0 && cat_.at(f).days_per_unit > 0 ? (sup + cat_.at(f).days_per_unit - 1) / cat_.at(f).days_per_unit : 1;
        ok = add_clean(b, v, f, date, q, sup, depth + 1);
      }
      if (!ok) return false;
    }
  }
  if (c.surcharge_main >= 0 && !has_code(v, c.surcharge_main))
    if (!add_clean(b, v, c.surcharge_main, date, 1, -1, depth + 1)) return false;
  if (c.consumable_proc >= 0 && !has_code(v, c.consumable_proc))
    if (!add_clean(b, v, c.consumable_proc, date, 1, -1, depth + 1)) return false;
  if (!can_add(b, v, code, date, qty, supply)) return false;
  add_line(b, v, code, date, qty, supply);
  return true;
}

bool Gen::add_role(PersonBuild& b, Visit& v, Role r, int date, int qty) {
  for (int code : cat_.role(r))
    if (add_clean(b, v, code, date, qty, -1)) return true;
  return false;
}

int Gen::supply_for(PersonBuild& b, const Visit& v, int code) {
  Rng& r = b.rng;
  const CodeInfo& c = cat_.at(code);
  if (!c.is_drug() || v.med == M_INP) return -1;
  int s;
  switch (v.med) {
    case M_EMERG: s = r.range(1, par_.emergency_supply_days); break;
    case M_CHRONIC: s = r.chance(0.5) ? par_.chronic_supply_days : r.range(14, par_.chronic_supply_days); break;
    case M_PHARM: s = c.days_per_unit >= 14 ? r.range(14, 30) : r.range(3, 10); break;
    default: s = r.chance(0.3) ? par_.outpatient_supply_days : r.range(3, par_.outpatient_supply_days); break;
  }
  if (c.course_days >= 0) {
    int have = 0;
    for (const auto& e : b.course)
      if (e.first == code) have = e.second;
    s = std::min(s, std::max(1, c.course_days - have));
  }
  return s;
}

bool Gen::add_drug(PersonBuild& b, Visit& v, int code, int date, int supply) {
  const CodeInfo& c = cat_.at(code);
  int qty;
  if (supply > 0 && c.days_per_unit > 0) qty = (supply + c.days_per_unit - 1) / c.days_per_unit;
  else qty = b.rng.range(1, 3);
  return add_clean(b, v, code, date, qty, supply);
}

int Gen::pick_drug(PersonBuild& b, Visit& v, int group, int date, int supply) {
  const auto& pool = cat_.drugs(group);
  if (pool.empty()) return -1;
  size_t s = b.rng.below(pool.size());
  for (size_t k = 0; k < pool.size(); ++k) {
    int code = pool[(s + k) % pool.size()];
    if (supply >= 0 && cat_.at(code).days_per_unit == 0) continue;  // injections are not dispensed
    if (can_add(b, v, code, date, 1, supply)) return code;
  }
  return -1;
}

// A table code where its condition holds (realistic use of restricted items).
bool Gen::try_special(PersonBuild& b, Visit& v, int date) {
  const auto& tc = cat_.table_codes();
  if (tc.empty()) return false;
  for (int t = 0; t < 4; ++t) {
    int code = tc[b.rng.below(tc.size())];
    const CodeInfo& c = cat_.at(code);
    if (c.panel >= 0 || c.is_panel || c.once_daily) continue;  // handled by their own paths
    // operations, their consumables and costly items only in a stay
    const bool costly = c.fee_type == "06" || !c.consumables.empty() || c.consumable_proc >= 0 ||
                        cat_.price_at(code, insts_[static_cast<size_t>(v.inst)].level) > 30000;
    if (costly && v.med != M_INP) continue;
    if (cat_.price_at(code, insts_[static_cast<size_t>(v.inst)].level) > 150000) continue;
    int supply = c.is_drug() ? supply_for(b, v, code) : -1;
    int qty = supply > 0 && c.days_per_unit > 0 ? (supply + c.days_per_unit - 1) / c.days_per_unit : 1;
    if (add_clean(b, v, code, date, qty, supply)) return true;
  }
  return false;
}

// A panel billed as its package, or fewer components than make it up.
void Gen::add_panel_clean(PersonBuild& b, Visit& v, int date) {
  std::vector<int> panels;
  for (size_t i = 0; i < cat_.size(); ++i)
    if (cat_.at(static_cast<int>(i)).is_panel && !cat_.at(static_cast<int>(i)).components.empty()) panels.push_back(static_cast<int>(i));
  if (panels.empty()) return;
  int p = b.rng.pick(panels);
  const CodeInfo& pc = cat_.at(p);
  if (b.rng.chance(0.5) && pc.panel_price >= 0) {
    add_clean(b, v, p, date, 1, -1);
    return;
  }
  int k = pc.panel_size > 1 ? b.rng.range(1, pc.panel_size - 1) : 1;
  std::vector<int> comps = pc.components;
  for (int i = 0; i < k && !comps.empty(); ++i) {
    size_t j = b.rng.below(comps.size());
    add_clean(b, v, comps[j], date, 1, -1);
    comps.erase(comps.begin() + static_cast<long>(j));
  }
}

// ---------------------------------------------------------------- visit contents

namespace {
const DiagInfo* diag_info(const Catalogue& cat, const std::string& code) {
  for (const DiagInfo& d : cat.diagnoses())
    if (d.code == code) return &d;
  return nullptr;
}
}  // namespace

void Gen::content_outpatient(PersonBuild& b, Visit& v) {
  Rng& r = b.rng;
  const Institution& in = insts_[static_cast<size_t>(v.inst)];
  const int d = v.begin;
  const DiagInfo* di = diag_info(cat_, v.diag);
  const int age = age_at(b, d);
  if (in.level == 0) {
    if (!add_role(b, v, R_GEN_CONSULT, d)) add_role(b, v, R_OUT_CONSULT, d);
  } else if (!add_role(b, v, R_OUT_CONSULT, d)) {
    add_role(b, v, R_GEN_CONSULT, d);
  }
  std::vector<int> groups = di ? di->groups : std::vector<int>{};
  int g0 = groups.empty() ? -1 : groups[0];
  auto maybe = [&](double p, Role role, int qty = 1) {
    if (r.chance(p)) add_role(b, v, role, d, qty);
  };
  switch (g0) {
    case G_RESP:
      maybe(0.5, R_CBC), maybe(0.3, R_CRP), maybe(0.1, R_FLU), maybe(0.08, R_XRAY), maybe(0.12, R_NEB);
      break;
    case G_GI: maybe(0.3, R_CBC), maybe(0.3, R_STOOL), maybe(0.15, R_US); break;
    case G_MSK: maybe(0.35, R_XRAY), maybe(0.06, R_CT), maybe(0.3, R_PHYSIO), maybe(0.15, R_ACUPUNCTURE); break;
    case G_URO: maybe(0.9, R_URINE), maybe(0.3, R_CBC); break;
    case G_NEURO: maybe(0.08, R_CT); break;
    case G_ALLERGY: maybe(0.2, R_CBC); break;
    case G_HTN: case G_CHD: maybe(0.3, R_ECG), maybe(0.15, R_LIPID); break;
    case G_DM: maybe(0.4, R_GLUCOSE); break;
    case G_LIPID: maybe(0.4, R_LIPID); break;
    default: maybe(0.3, R_CBC); break;
  }
  if (r.chance(0.05)) {
    if (add_role(b, v, R_IV, d)) add_role(b, v, R_CON_IVSET, d);
  }
  if (in.level >= 1 && r.chance(0.06)) add_panel_clean(b, v, d);
  if (b.no_drugs) {
    // an examination or treatment visit
    static const Role kinds[] = {R_PHYSIO, R_ACUPUNCTURE, R_CBC, R_XRAY, R_US, R_ECG, R_DRESSING};
    int added = 0;
    for (int t = 0; t < 6 && added < 2; ++t)
      if (add_role(b, v, kinds[r.below(7)], d)) ++added;
    return;
  }
  // drugs
  if (age < 12 && (g0 == G_RESP || g0 == G_GI)) groups.insert(groups.begin(), G_CHILD);
  int n = r.range(1, 3);
  int added = 0;
  for (int k = 0; k < n * 2 && added < n; ++k) {
    int g = groups.empty() ? G_RESP : groups[static_cast<size_t>(k) % groups.size()];
    int s = r.chance(0.3) ? par_.outpatient_supply_days : r.range(3, par_.outpatient_supply_days);
    int code = pick_drug(b, v, g, d, s);
    if (code >= 0 && add_drug(b, v, code, d, s)) ++added;
  }
  if (added == 0 && !cat_.plain_drugs().empty()) {
    int code = cat_.plain_drugs()[r.below(cat_.plain_drugs().size())];
    add_drug(b, v, code, d, r.range(3, par_.outpatient_supply_days));
  }
  if (v.tag == T_CLEAN) {
    if (r.chance(0.5)) {
      for (int sd : cat_.scope_drugs()) {
        int s = supply_for(b, v, sd);
        if (can_add(b, v, sd, d, 1, s) && add_drug(b, v, sd, d, s)) break;
      }
    }
    if (r.chance(0.25)) try_special(b, v, d);
  }
}

void Gen::content_emergency(PersonBuild& b, Visit& v) {
  Rng& r = b.rng;
  const int d = v.begin;
  const DiagInfo* di = diag_info(cat_, v.diag);
  if (!add_role(b, v, R_EMERG_CONSULT, d)) add_role(b, v, R_OUT_CONSULT, d);
  if (r.chance(0.7)) add_role(b, v, R_CBC, d);
  if (r.chance(0.4)) add_role(b, v, R_CRP, d);
  if (r.chance(0.3)) add_role(b, v, R_ECG, d);
  if (r.chance(0.1)) add_role(b, v, R_CT, d);
  if (r.chance(0.15)) add_role(b, v, R_XRAY, d);
  if (r.chance(0.5) && add_role(b, v, R_IV, d)) {
    add_role(b, v, R_CON_IVSET, d);
    if (r.chance(0.5)) add_role(b, v, R_CON_CANNULA, d);
  }
  if (r.chance(0.2)) add_role(b, v, R_IM, d);
  if (di && di->surgery == R_SUTURE) {
    add_role(b, v, R_SUTURE, d);
    add_role(b, v, R_CON_DRESSING, d, 2);
  }
  std::vector<int> groups = di ? di->groups : std::vector<int>{G_RESP};
  int n = r.range(1, 2), added = 0;
  for (int k = 0; k < n * 2 && added < n; ++k) {
    int g = groups[static_cast<size_t>(k) % groups.size()];
    int s = r.chance(0.4) ? par_.emergency_supply_days : r.range(1, par_.emergency_supply_days);
    int code = pick_drug(b, v, g, d, s);
    if (code >= 0 && add_drug(b, v, code, d, s)) ++added;
  }
  if (v.tag == T_CLEAN && r.chance(0.35)) try_special(b, v, d);
}

void Gen::content_chronic(PersonBuild& b, Visit& v) {
  Rng& r = b.rng;
  const Institution& in = insts_[static_cast<size_t>(v.inst)];
  const int d = v.begin;
  if (in.level == 0) {
    if (!add_role(b, v, R_GEN_CONSULT, d)) add_role(b, v, R_OUT_CONSULT, d);
  } else if (!add_role(b, v, R_OUT_CONSULT, d)) {
    add_role(b, v, R_GEN_CONSULT, d);
  }
  // supply until the next chronic visit (two days' margin), at most 30 days
  int next = -1;
  for (const Visit& o : b.p.visits)
    if (o.med == M_CHRONIC && o.begin > d && (next < 0 || o.begin < next)) next = o.begin;
  int s = next > 0 ? std::min(par_.chronic_supply_days, next - d + par_.overlap_tolerance_days) : par_.chronic_supply_days;
  s = std::max(s, 1);
  std::vector<int> drugs = b.regimen;
  if (drugs.empty()) {
    const DiagInfo* di = diag_info(cat_, v.diag);
    if (di && !cat_.drugs(di->groups[0]).empty()) drugs.push_back(cat_.drugs(di->groups[0])[0]);
  }
  for (int code : drugs) add_drug(b, v, code, d, s);
  const DiagInfo* di = diag_info(cat_, v.diag);
  if (di && di->groups[0] == G_DM) {
    if (r.chance(0.6)) add_role(b, v, R_GLUCOSE, d);
    // interval-limited tests (HbA1c) every few months
    if (r.chance(0.5))
      for (size_t i = 0; i < cat_.size(); ++i)
        if (cat_.at(static_cast<int>(i)).min_interval > 0 && add_clean(b, v, static_cast<int>(i), d, 1, -1)) break;
  }
  const int g0 = di ? di->groups[0] : -1;
  if ((g0 == G_LIPID || g0 == G_CHD) && r.chance(0.3)) add_role(b, v, R_LIPID, d);
  if ((g0 == G_HTN || g0 == G_CHD) && r.chance(0.25)) add_role(b, v, R_ECG, d);
  if ((g0 == G_HTN || g0 == G_DM) && r.chance(0.15)) add_role(b, v, R_URINE, d);
  if (g0 == G_COPD && r.chance(0.1)) add_role(b, v, R_XRAY, d);
  if (r.chance(0.15)) add_role(b, v, R_CBC, d);
  if (v.tag == T_CLEAN && r.chance(0.1)) try_special(b, v, d);
}

void Gen::content_pharmacy(PersonBuild& b, Visit& v) {
  Rng& r = b.rng;
  const int d = v.begin;
  const DiagInfo* di = diag_info(cat_, v.diag);
  int added = 0;
  if (b.chronic >= 0 && v.diag == cat_.diagnoses()[static_cast<size_t>(b.chronic)].code) {
    for (int code : b.regimen) {
      int s = r.range(14, 30);
      if (add_drug(b, v, code, d, s)) ++added;
    }
  }
  std::vector<int> groups = di ? di->groups : std::vector<int>{G_RESP};
  int n = r.range(1, 3);
  for (int k = 0; k < n * 2 && added < n; ++k) {
    int g = groups[static_cast<size_t>(k) % groups.size()];
    int s = r.range(3, 10);
    int code = pick_drug(b, v, g, d, s);
    if (code >= 0 && add_drug(b, v, code, d, s)) ++added;
  }
  if (v.tag == T_CLEAN && r.chance(0.1)) {
    const auto& td = cat_.table_drugs();
    if (!td.empty()) {
      int code = td[r.below(td.size())];
      add_drug(b, v, code, d, supply_for(b, v, code));
    }
  }
}

// A stay: daily items, admission tests, surgery, treatments and drugs.
// bed_only: days (after admission, before discharge) with nothing but the bed
// fee; no_daily: no once-daily items at all.
void Gen::content_inpatient(PersonBuild& b, Visit& v, int bed_only, bool no_daily, bool inflate_daily) {
  Rng& r = b.rng;
  const Institution& in = insts_[static_cast<size_t>(v.inst)];
  const DiagInfo* di = diag_info(cat_, v.diag);
  const bool save_avoid = b.avoid_daily;
  if (no_daily) b.avoid_daily = true;
  auto first_ok = [&](Role role, bool need_bed) {
    for (int code : cat_.role(role)) {
      const CodeInfo& c = cat_.at(code);
      if (need_bed && c.fee_type != "01") continue;
      if (can_add(b, v, code, v.begin, 1, -1)) return code;
    }
    return -1;
  };
  int bed = no_daily ? -1 : first_ok(R_BED, true);
  int nursing = no_daily ? -1 : first_ok(R_NURSING, false);
  int consult = no_daily ? -1 : first_ok(R_INP_CONSULT, false);
  std::vector<int> bed_only_days;
  if (bed_only > 0 && v.end - v.begin - 1 >= bed_only) {
    std::vector<int> cand;
    for (int d = v.begin + 1; d < v.end; ++d) cand.push_back(d);
    for (int k = 0; k < bed_only; ++k) {
      size_t j = r.below(cand.size());
      bed_only_days.push_back(cand[j]);
      cand.erase(cand.begin() + static_cast<long>(j));
    }
  }
  const int surgery_day = v.end - v.begin >= 2 ? v.begin + 1 : v.begin;
  std::vector<int> groups = di ? di->groups : std::vector<int>{G_INP_BASE};
  for (int d = v.begin; d <= v.end; ++d) {
    const bool only_bed = std::find(bed_only_days.begin(), bed_only_days.end(), d) != bed_only_days.end();
    const bool daily = d < v.end || v.daily_on_end;
    if (daily && bed >= 0) add_clean(b, v, bed, d, 1, -1);
    if (only_bed) continue;
    if (daily && nursing >= 0) add_clean(b, v, nursing, d, 1, -1);
    if (daily && consult >= 0) add_clean(b, v, consult, d, 1, -1);
    if (d == v.begin) {
      add_role(b, v, R_CBC, d);
      add_role(b, v, R_URINE, d);
      add_role(b, v, R_ELECTROLYTE, d);
      if (r.chance(0.7)) add_role(b, v, R_COAG, d);
      add_role(b, v, R_ECG, d);
      int g0 = groups[0];
      if (g0 == G_INP_RESP || g0 == G_INP_ABX) add_role(b, v, r.chance(0.5) ? R_CT : R_XRAY, d);
      if (g0 == G_INP_NEURO) {
        add_role(b, v, R_CT, d);
        if (r.chance(0.4)) add_role(b, v, R_MRI, d);
      }
      if (g0 == G_INP_CARDIO || g0 == G_INP_NEURO) add_role(b, v, R_CARDIAC, d);
      if (r.chance(0.4)) add_role(b, v, R_US, d);
      if (r.chance(0.5)) add_panel_clean(b, v, d);
    }
    if (di && di->surgery >= 0 && d == surgery_day) {
      if (add_role(b, v, static_cast<Role>(di->surgery), d)) {
        if (di->surgery != R_CHEMO_ADMIN && di->surgery != R_DELIVERY) add_role(b, v, R_ANESTHESIA, d);
        if (di->surgery == R_FRACTURE) add_role(b, v, R_CON_PLATE, d);
        if (di->surgery != R_CHEMO_ADMIN) add_role(b, v, R_CON_SUTURE, d, r.range(1, 2));
        if (di->surgery == R_APPENDECTOMY) add_role(b, v, R_CON_SUCTION, d);
      }
    }
    if (d < v.end) {
      if (add_role(b, v, R_IV, d, r.range(1, 2))) add_role(b, v, R_CON_IVSET, d);
      int g0 = groups[0];
      if (g0 == G_INP_RESP || g0 == G_INP_CARDIO) add_role(b, v, R_OXYGEN, d, r.range(4, 12));
      if (g0 == G_INP_CARDIO || g0 == G_INP_NEURO) add_role(b, v, R_MONITOR, d, r.range(6, 24));
      if (v.diag == "E11.9") add_role(b, v, R_BEDSIDE_GLUCOSE, d, r.range(2, 4));
    }
    if (d < v.end || r.chance(0.5)) {
      int code = pick_drug(b, v, G_INP_BASE, d, -1);
      if (code >= 0) add_drug(b, v, code, d, -1);
      int n = r.range(1, 2) + (in.level >= 2 ? 1 : 0);
      for (int k = 0; k < n; ++k) {
        int g = groups[static_cast<size_t>(k) % groups.size()];
        int c2 = pick_drug(b, v, g, d, -1);
        if (c2 >= 0) add_drug(b, v, c2, d, -1);
      }
      if (inflate_daily) {
        for (int k = 0; k < 3; ++k) {
          int c3 = pick_drug(b, v, groups[static_cast<size_t>(k) % groups.size()], d, -1);
          if (c3 < 0) c3 = pick_drug(b, v, G_INP_ABX, d, -1);
          if (c3 >= 0) add_clean(b, v, c3, d, r.range(2, 4), -1);
        }
      }
    }
  }
  if (v.tag == T_CLEAN && r.chance(0.3)) try_special(b, v, v.begin + static_cast<int>(r.below(static_cast<uint64_t>(v.end - v.begin + 1))));
  b.avoid_daily = save_avoid;
  (void)in;
}

void Gen::content_generic(PersonBuild& b, Visit& v) {
  switch (v.med) {
    case M_OUT: content_outpatient(b, v); break;
    case M_EMERG: content_emergency(b, v); break;
    case M_CHRONIC: content_chronic(b, v); break;
    case M_PHARM: content_pharmacy(b, v); break;
    default: content_inpatient(b, v, 0, false, false); break;
  }
}

// I02: bills of a planted institution are inflated with costly examinations
// and treatments (never drugs, which would move its drug share).
void Gen::inflate(PersonBuild& b, Visit& v, double factor) {
  int64_t total = 0;
  for (const Line& l : v.lines) total += l.amount;
  // well above the visit's own cost, and above the level's average visit
  const LevelStats& ls = level_stats_[static_cast<size_t>(insts_[static_cast<size_t>(v.inst)].level)];
  const double level_avg = ls.n >= 20 ? ls.total / ls.n : 30000.0;
  const int64_t target = std::max(static_cast<int64_t>(static_cast<double>(total) * factor),
                                  total + static_cast<int64_t>(1.7 * level_avg));
  std::vector<int> pool;
  for (Role role : {R_EXAM_EXPENSIVE, R_CT, R_MRI, R_US, R_XRAY, R_CARDIAC, R_COAG, R_PHYSIO, R_ACUPUNCTURE})
    for (int c : cat_.role(role))
      if (!cat_.at(c).in_table) pool.push_back(c);
  for (int d = v.begin; d <= v.end && total < target; ++d) {
    for (int c : pool) {
      if (total >= target) break;
      if (!can_add(b, v, c, d, 1, -1, false)) continue;
      total += add_line(b, v, c, d, 1, -1).amount;
    }
  }
}

// I05: a planted institution bills nothing but drugs; what else was billed
// gives way to drugs of about the same amount (so that its average cost stays
// that of its peers).
void Gen::drug_heavy(PersonBuild& b, Visit& v) {
  std::vector<Line> keep;
  int64_t removed = 0;
  for (const Line& l : v.lines) {
    const CodeInfo& c = cat_.at(l.code);
    if (c.is_drug()) keep.push_back(l);
    else removed += l.amount;
  }
  v.lines = keep;
  const DiagInfo* di = nullptr;
  for (const DiagInfo& d : cat_.diagnoses())
    if (d.code == v.diag) di = &d;
  std::vector<int> groups = di ? di->groups : std::vector<int>{G_RESP};
  if (v.med == M_INP) groups.push_back(G_INP_ABX);
  int64_t added = 0;
  const int64_t want = std::max<int64_t>(removed, 3000);
  for (int d = v.begin; d <= v.end && added < want; ++d) {
    if (v.med == M_INP && d == v.end) break;
    for (int k = 0; k < 3 && added < want; ++k) {
      int g = groups[static_cast<size_t>(k) % groups.size()];
      size_t before = v.lines.size();
      if (v.med == M_INP) {
        int code = pick_drug(b, v, g, d, -1);
        if (code < 0) code = pick_drug(b, v, G_INP_BASE, d, -1);
        if (code >= 0) add_clean(b, v, code, d, b.rng.range(1, 3), -1);
      } else {
        int s = v.med == M_EMERG ? par_.emergency_supply_days : v.med == M_CHRONIC ? 20 : b.rng.range(3, par_.outpatient_supply_days);
        int code = pick_drug(b, v, g, d, s);
        if (code >= 0) add_drug(b, v, code, d, s);
      }
      for (size_t i = before; i < v.lines.size(); ++i) added += v.lines[i].amount;
    }
  }
}

void Gen::settle(PersonBuild& b, Visit& v) {
  Rng& r = b.rng;
  const Institution& in = insts_[static_cast<size_t>(v.inst)];
  int64_t total = 0, self = 0;
  for (const Line& l : v.lines) {
    total += l.amount;
    if (cat_.at(l.code).pay_class == '3') self += l.amount;
  }
  const bool emp = b.p.insutype == "310";
  int permille = 0;
  int64_t deductible = 0;
  switch (v.med) {
    case M_INP: {
      static const int e[] = {900, 900, 850, 800}, res[] = {850, 850, 750, 600};
      static const int64_t ded[] = {20000, 30000, 50000, 80000};
      permille = emp ? e[in.level] : res[in.level];
      if (v.cross) permille -= 100;
      deductible = ded[in.level];
      break;
    }
    case M_OUT: permille = emp || in.level <= 1 ? 500 : 400; break;
    case M_EMERG: permille = 600; break;
    case M_CHRONIC: permille = emp ? 700 : 600; break;
    case M_PHARM: permille = emp ? 500 : 0; break;
  }
  v.total = total;
  v.self_paid = self;
  v.covered = total - self;
  v.fund = apply_permille(std::max<int64_t>(0, v.covered - deductible), permille);
  int64_t rest = total - v.fund;
  if (emp) {
    if (v.med == M_INP) v.account = apply_permille(rest, r.range(0, 300));
    else v.account = r.chance(0.8) ? rest : apply_permille(rest, 500);
  } else {
    v.account = 0;
  }
  v.cash = rest - v.account;
  // settlement diagnoses: the main one, and the person's chronic disease
  v.diags.clear();
  v.diags.push_back(v.diag);
  if (v.tag == T_CLEAN && v.med != M_PHARM && b.chronic >= 0) {
    const std::string& cd = cat_.diagnoses()[static_cast<size_t>(b.chronic)].code;
    if (cd != v.diag && (v.med == M_INP || r.chance(0.3))) v.diags.push_back(cd);
  }
  if (v.tag == T_CLEAN && v.med == M_INP && age_at(b, v.begin) >= 60 && r.chance(0.3) && v.diag != "I10") v.diags.push_back("I10");
}

// ---------------------------------------------------------------- clean planning

void Gen::plan_clean(PersonBuild& b) {
  Rng& r = b.rng;
  Person& p = b.p;
  const int age = age_at(b, y0_);
  const bool light = b.light;
  const int last = p.death >= 0 ? std::min(p.death, y1_) : y1_;
  if (b.force_inst >= 0) {
    // a person whose outpatient care is at one institution (Gen::dilute)
    int n = r.range(3, 6);
    for (int k = 0; k < n; ++k) {
      int d = find_free_day(b, y0_, last);
      if (d < 0) continue;
      int di = pick_diag(b, S_OUT, age_at(b, d));
      if (di < 0) continue;
      plan_visit(b, M_OUT, b.force_inst, d, d, cat_.diagnoses()[static_cast<size_t>(di)].code, T_CLEAN);
    }
    for (int k = r.range(0, 2); k > 0; --k) {
      int d = find_free_day(b, y0_, last);
      if (d >= 0) plan_visit(b, M_PHARM, pick_pharmacy(b, p.city), d, d, "J06.9", T_CLEAN);
    }
    return;
  }
  // stays
  if (!light) {
    double lam = age < 18 ? 0.04 : age < 60 ? 0.07 : 0.20;
    if (b.chronic >= 0) lam += 0.05;
    int n = r.poisson(lam);
    if (b.heavy) n = std::max(n, 1 + (r.chance(0.5) ? 1 : 0));
    for (int k = 0; k < n; ++k) {
      for (int t = 0; t < 20; ++t) {
        int di = pick_diag(b, S_INP, age);
        if (di < 0) break;
        const DiagInfo& dg = cat_.diagnoses()[static_cast<size_t>(di)];
        if (b.cross_resident && dg.surgery >= 0) continue;
        // three lengths of stay drawn; with the candidate hospitals, the pair
        // that keeps the hospital nearest its peers
        int los3[3];
        for (int& l : los3) {
          l = los_draw(r) + (dg.surgery >= 0 ? 2 : 0);
          if (b.cross_resident) l = std::min(l, 7);
        }
        const int longest = std::max({los3[0], los3[1], los3[2]});
        int begin = y0_ + r.range(1, std::max(2, ndays_ - longest - 2));
        if (p.death >= 0 && begin >= p.death) continue;
        if (!stay_free(b, begin, begin + longest, 17) && !stay_free(b, begin, begin + los3[0], 17)) continue;
        std::vector<int> cand = balance_candidates(b, p.city, 1, 3, M_INP, b.cross_resident);
        int inst = -1, los = 0;
        double best = 1e300;
        for (int i : cand) {
          int fit[3], nfit = 0;
          for (int l : los3)
            if (stay_free(b, begin, begin + l, 17)) fit[nfit++] = l;
          if (nfit == 0) break;
          int l = balanced_los(i, fit, nfit);
          double sc = balance_score(i, M_INP, expected_cost(insts_[static_cast<size_t>(i)].level, M_INP, l));
          if (sc < best - 1e-9) best = sc, inst = i, los = l;
        }
        if (inst < 0) continue;
        int end = begin + los;
        if (p.death >= 0 && end > p.death) end = p.death;  // died in hospital
        if (end <= begin) continue;
        Visit& v = plan_visit(b, M_INP, inst, begin, end, dg.code, T_CLEAN);
        v.daily_on_end = r.chance(0.3);
        break;
      }
    }
    if (b.chemo) {
      int begin = y0_ + r.range(10, 120);
      int los = r.range(6, 10);
      int inst = pick_inst(b, p.city, 2, 3, true, b.cross_resident);
      if (stay_free(b, begin, begin + los, 17)) {
        plan_visit(b, M_INP, inst, begin, begin + los, "C34.9", T_CLEAN);
        int d = begin + los + r.range(10, 15);
        for (int c = 0; c < 5; ++c) {
          int l2 = r.range(2, 3);
          if (!stay_free(b, d, d + l2, 0) || (p.death >= 0 && d + l2 > p.death)) break;
          plan_visit(b, M_INP, inst, d, d + l2, "Z51.1", T_CLEAN);
          d += l2 + r.range(10, 15);  // planned cycles: readmission within 15 days is not split hospitalisation
        }
      }
    }
  }
  // chronic follow-ups, monthly
  if (b.chronic >= 0 && b.home_clinic >= 0) {
    const std::string& dc = cat_.diagnoses()[static_cast<size_t>(b.chronic)].code;
    int d = y0_ + r.range(0, 25);
    while (d <= last) {
      int used = -1;
      for (int k = 0; k < 6 && d + k <= last; ++k)
        if (day_free(b, d + k)) {
          used = d + k;
          break;
        }
      if (used >= 0) plan_visit(b, M_CHRONIC, pick_balanced(b, p.city, 0, 2, M_CHRONIC, 0, false), used, used, dc, T_CLEAN);
      d = (used >= 0 ? used : d) + r.range(28, 33);
    }
  }
  // outpatient, emergency and pharmacy visits
  int n_out = r.poisson(age < 18 ? 3.0 : age < 60 ? 1.8 : 2.6);
  int n_em = r.poisson(0.18);
  int n_ph = r.poisson(age < 18 ? 0.6 : age < 60 ? 1.8 : 2.4) + (b.chronic >= 0 ? 3 : 0);
  if (light) n_out = std::min(n_out, 2), n_em = 0, n_ph = std::min(n_ph, 1);
  if (p.visits.empty() && n_out + n_em + n_ph == 0) n_out = 1;
  for (int k = 0; k < n_out; ++k) {
    int d = find_free_day(b, y0_, last);
    if (d < 0) continue;
    int city = b.cross_resident || !r.chance(0.03) ? p.city : other_city(b, p.city);
    int di = pick_diag(b, S_OUT, age_at(b, d));
    if (di < 0) continue;
    plan_visit(b, M_OUT, pick_balanced(b, city, 0, 3, M_OUT, 0, false), d, d, cat_.diagnoses()[static_cast<size_t>(di)].code, T_CLEAN);
  }
  for (int k = 0; k < n_em; ++k) {
    int d = find_free_day(b, y0_, last);
    if (d < 0) continue;
    int di = pick_diag(b, S_EMERG, age_at(b, d));
    if (di < 0) continue;
    plan_visit(b, M_EMERG, pick_balanced(b, p.city, 1, 3, M_EMERG, 0, false), d, d, cat_.diagnoses()[static_cast<size_t>(di)].code, T_CLEAN);
  }
  std::vector<int> per_month(12, 0);
  for (const Visit& v : p.visits)
    if (v.med == M_PHARM) ++per_month[civil_from_days(v.begin).m - 1];
  for (int k = 0; k < n_ph; ++k) {
    int d = find_free_day(b, y0_, last);
    if (d < 0) continue;
    int& pm = per_month[civil_from_days(d).m - 1];
    if (pm >= 3) continue;
    ++pm;
    int city = b.cross_resident || !r.chance(0.05) ? p.city : other_city(b, p.city);
    std::string diag;
    if (b.chronic >= 0 && r.chance(0.5)) diag = cat_.diagnoses()[static_cast<size_t>(b.chronic)].code;
    else {
      static const char* const otc[] = {"J06.9", "J06.9", "K29.7", "M54.5", "J30.4", "L30.9", "K52.9"};
      diag = otc[r.below(7)];
      if (diag == "M54.5" && age_at(b, d) < 18) diag = "J06.9";
    }
    plan_visit(b, M_PHARM, pick_pharmacy(b, city), d, d, diag, T_CLEAN);
  }
}

// I03: this person also visits the open doctor-day targets.
void Gen::plan_i03(PersonBuild& b) {
  for (size_t t = 0; t < targets_.size(); ++t) {
    DocTarget& tg = targets_[t];
    if (tg.done || tg.count >= tg.quota || sum_.persons < tg.open_at) continue;
    if (!day_free(b, tg.day)) continue;
    const Staff& s = staff_[static_cast<size_t>(tg.staff)];
    int di = pick_diag(b, S_OUT, age_at(b, tg.day));
    if (di < 0) continue;
    Visit& v = plan_visit(b, M_OUT, s.inst, tg.day, tg.day, cat_.diagnoses()[static_cast<size_t>(di)].code, T_I03);
    v.doctor = tg.staff;
    b.i03_targets.push_back(static_cast<int>(t));
  }
}

// ---------------------------------------------------------------- contents and checks

void Gen::content(PersonBuild& b, Visit& v) {
  if (v.doctor < 0 && v.tag != T_I03) v.doctor = pick_doctor(b, v.inst, v.med, v.begin, v.end);
  b.avoid_daily = false;
  if (v.tag == T_CLEAN) {
    content_generic(b, v);
  } else if (v.tag == T_I03) {
    const int d = v.begin;
    if (!add_role(b, v, R_OUT_CONSULT, d)) add_role(b, v, R_GEN_CONSULT, d);
    int code = pick_drug(b, v, G_RESP, d, 3);
    if (code >= 0) add_drug(b, v, code, d, 3);
    else add_role(b, v, R_CBC, d);
  } else {
    content_scenario(b, v);
  }
  b.avoid_daily = false;
  const Institution& in = insts_[static_cast<size_t>(v.inst)];
  if (v.tag == T_CLEAN) {
    if (in.plant_i02) inflate(b, v, 2.4);
    if (in.plant_i05) drug_heavy(b, v);
  }
  std::stable_sort(v.lines.begin(), v.lines.end(), [](const Line& a, const Line& c) { return a.date < c.date; });
}

void Gen::build_contents(PersonBuild& b) {
  auto& vs = b.p.visits;
  std::stable_sort(vs.begin(), vs.end(), [](const Visit& a, const Visit& c) {
    if (a.begin != c.begin) return a.begin < c.begin;
    return a.order < c.order;
  });
  for (Visit& v : vs) content(b, v);
  // ids, settlements
  uint64_t vseq = visit_seq_, lseq = line_seq_, dseq = diag_seq_;
  for (Visit& v : vs) {
    v.seq = ++vseq;
    for (Line& l : v.lines) l.seq = ++lseq;
    settle(b, v);
    v.diag_seq = dseq + 1;
    dseq += v.diags.size();
  }
  visit_seq_ = vseq, line_seq_ = lseq, diag_seq_ = dseq;
}

void Gen::collect_intended(PersonBuild& b) {
  auto& vs = b.p.visits;
  for (int vi = 0; vi < static_cast<int>(vs.size()); ++vi) {
    const Visit& v = vs[static_cast<size_t>(vi)];
    if (v.mark >= 0) {
      std::string rec = rule_record(v.mark);
      if (rec == "Visit" && v.mark != R01) b.intended.push_back({v.mark, vi, -1, -1});
      else if (rec == "VisitPanel" || rec == "VisitDailyItem") b.intended.push_back({v.mark, vi, v.param, -1});
    }
    for (int li = 0; li < static_cast<int>(v.lines.size()); ++li)
      if (v.lines[static_cast<size_t>(li)].mark >= 0) b.intended.push_back({v.lines[static_cast<size_t>(li)].mark, vi, li, -1});
    if (v.mark == R01) b.deferred.push_back({R01, vi});
  }
  std::sort(b.intended.begin(), b.intended.end());
  b.intended.erase(std::unique(b.intended.begin(), b.intended.end()), b.intended.end());
}

bool Gen::build(PersonBuild& b, int scen, int variant, const Slot& slot, uint64_t index, int attempt) {
  b.rng.reseed(derive_seed(opt_.seed, 0x504552534F4EULL, index, static_cast<uint64_t>(attempt)));
  b.scen = scen;
  b.variant = variant < 0 ? 0 : variant;
  b.attempt = attempt;
  make_base(b, slot);
  b.p.seq = index;
  b.p.id.clear();
  b.p.id += "4300";
  append_padded(b.p.id, index, 16);
  if (scen >= 0) {
    if (!plan_scenario(b)) return false;
  } else {
    make_traits(b);
  }
  plan_clean(b);
  if (scen < 0 && !b.light && !b.heavy && b.force_inst < 0) plan_i03(b);
  if (b.p.visits.empty()) return false;
  build_contents(b);
  if (b.fail) return false;
  collect_intended(b);

  // Clean cross-region stays stay well below the R01 threshold; planted ones well above.
  for (size_t vi = 0; vi < b.p.visits.size(); ++vi) {
    const Visit& v = b.p.visits[vi];
    if (v.med != M_INP || !v.cross) continue;
    int64_t m = median_est_[static_cast<size_t>(insts_[static_cast<size_t>(v.inst)].level)];
    if (m <= 0) continue;
    if (v.mark == R01) {
      if (v.total * 2 < m * 15) return false;  // at least 7.5 × the estimated median
    } else if (v.total > m * 2) {
      return false;
    }
  }

  std::vector<Finding> found;
  EvalContext x{cat_, insts_, staff_, par_};
  evaluate_person(x, b.p, found);
  if (found == b.intended) return true;
  if (!b.side.empty()) {
    // allowed side findings
    for (const Finding& f : found) {
      bool ok = std::binary_search(b.intended.begin(), b.intended.end(), f);
      for (const auto& s : b.side) ok = ok || s.first == f;
      if (!ok) return false;
    }
    for (const Finding& f : b.intended)
      if (!std::binary_search(found.begin(), found.end(), f)) return false;
    return true;
  }
  if (std::getenv("FIDES_GEN_DEBUG")) {
    std::string s = std::string("reject ") + scenario_name(scen) + " attempt " + std::to_string(attempt) + ": found";
    for (const Finding& f : found) s += std::string(" ") + rule_id(f.rule);
    s += "; intended";
    for (const Finding& f : b.intended) s += std::string(" ") + rule_id(f.rule);
    std::fprintf(stderr, "%s\n", s.c_str());
  }
  return false;
}

}  // namespace fides::gen
