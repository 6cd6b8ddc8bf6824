// fides-gen: planted findings and boundary cases, one scenario per person.
//
// A scenario sets up the person (sex, age, insurance…), plans the visits the
// finding needs, and fills them; the rest of the person's year is planned as
// for anyone. The person is kept only when the rules give exactly the planted
// findings (Gen::build).
#include <algorithm>

#include "gen_internal.h"
#include "idcard.h"

namespace fides::gen {

int Gen::pick_row(PersonBuild& b, const Table& t, int skip) {
  if (t.rows.empty()) return -1;
  size_t i = (static_cast<size_t>(b.variant) + static_cast<size_t>(skip)) % t.rows.size();
  return cat_.find(t.rows[i].code);
}

// Makes the person fit a code's own conditions (except the rule planted).
bool Gen::tailor_for_code(PersonBuild& b, int code, int except) {
  const CodeInfo& c = cat_.at(code);
  Person& p = b.p;
  if (c.child_only && c.adult_only) return false;
  if (c.gender_only && except != L01) p.gender = c.gender_only;
  const int age = age_at(b, y0_);
  if (c.child_only && except != L02 && age >= 16) set_age(b, b.rng.range(3, 15));
  if (c.adult_only && except != L03 && age < 19) set_age(b, b.rng.range(25, 55));
  if (!c.insutype_only.empty() && except != L07) p.insutype = c.insutype_only;
  return true;
}

int Gen::context_med(int code, int except) const {
  const CodeInfo& c = cat_.at(code);
  if (c.inp_emerg && except != L05) return M_EMERG;
  if (c.surcharge_main >= 0 && except != V04 && cat_.at(c.surcharge_main).inp_emerg) return M_EMERG;
  if (c.consumable_proc >= 0 && except != V05 && cat_.at(c.consumable_proc).inp_emerg) return M_EMERG;
  if (c.included_main >= 0 && except == V03 && cat_.at(c.included_main).inp_emerg) return M_EMERG;
  return M_OUT;
}

int Gen::context_inst(PersonBuild& b, int code, int except, int med) {
  const CodeInfo& c = cat_.at(code);
  int lo = c.real_min_level, hi = 3;
  auto need = [&](int k) {
    const CodeInfo& x = cat_.at(k);
    lo = std::max(lo, x.real_min_level);
    if (x.min_level >= 0) lo = std::max(lo, x.min_level);
  };
  if (c.min_level >= 0 && except != L06) lo = std::max(lo, c.min_level);
  if (except == L06) hi = c.min_level - 1;
  if (c.surcharge_main >= 0 && except != V04) need(c.surcharge_main);
  if (c.consumable_proc >= 0 && except != V05) need(c.consumable_proc);
  if (c.included_main >= 0 && except == V03) need(c.included_main);
  if (med == M_EMERG || med == M_INP) lo = std::max(lo, 1);
  if (hi < lo) return -1;
  int inst = pick_inst(b, b.p.city, lo, hi, med == M_INP, true);
  int l = insts_[static_cast<size_t>(inst)].level;
  return l >= lo && l <= hi ? inst : -1;
}

// A main diagnosis that suits a code (its payment scope), or any.
std::string Gen::diag_for(PersonBuild& b, int code, int except, int med, int day) {
  const int age = age_at(b, day);
  uint8_t setting = med == M_EMERG ? S_EMERG : med == M_INP ? S_INP : med == M_CHRONIC ? S_CHRONIC : S_OUT;
  if (code >= 0) {
    const CodeInfo& c = cat_.at(code);
    if (c.has_scope && except != L04) {
      std::vector<std::string> fits;
      for (const DiagInfo& d : cat_.diagnoses()) {
        if (std::find(c.scope.begin(), c.scope.end(), Catalogue::category(d.code)) == c.scope.end()) continue;
        if (d.gender && d.gender != b.p.gender) continue;
        char tg = cat_.table_gender(d.code);
        if (tg && tg != b.p.gender) continue;
        if (d.planned) continue;
        fits.push_back(d.code);
      }
      if (fits.empty())
        for (const std::string& s : c.scope) {
          std::string code2 = s + ".9";
          char tg = cat_.table_gender(code2);
          if (!tg || tg == b.p.gender) fits.push_back(code2);
        }
      return fits.empty() ? std::string() : b.rng.pick(fits);
    }
    if (c.has_scope && except == L04) {
      for (int t = 0; t < 30; ++t) {
        int di = pick_diag(b, setting, age);
        if (di < 0) di = pick_diag(b, S_OUT, age);
        if (di < 0) return {};
        const std::string& dc = cat_.diagnoses()[static_cast<size_t>(di)].code;
        if (std::find(c.scope.begin(), c.scope.end(), Catalogue::category(dc)) == c.scope.end()) return dc;
      }
      return {};
    }
  }
  int di = pick_diag(b, setting, age);
  if (di < 0) di = pick_diag(b, S_OUT, age);
  return di < 0 ? std::string() : cat_.diagnoses()[static_cast<size_t>(di)].code;
}

std::string Gen::diag_of_group(PersonBuild& b, int group, int day) {
  const int age = age_at(b, day);
  std::vector<std::string> c;
  for (const DiagInfo& d : cat_.diagnoses()) {
    if (d.planned || std::find(d.groups.begin(), d.groups.end(), group) == d.groups.end()) continue;
    if (d.gender && d.gender != b.p.gender) continue;
    if (age < d.min_age || age > d.max_age) continue;
    c.push_back(d.code);
  }
  if (c.empty()) return group == G_CHILD ? "J06.9" : diag_for(b, -1, -1, M_OUT, day);
  return b.rng.pick(c);
}

// A built-in, unrestricted drug that can be dispensed, from one of the groups.
int Gen::plain_drug_for(PersonBuild& b, std::vector<int> groups, int avoid) {
  for (int t = 0; t < 20; ++t) {
    int g = groups[b.rng.below(groups.size())];
    const auto& pool = cat_.drugs(g);
    if (pool.empty()) continue;
    int code = pool[b.rng.below(pool.size())];
    if (code == avoid || cat_.at(code).days_per_unit == 0) continue;
    if (std::find(b.regimen.begin(), b.regimen.end(), code) != b.regimen.end()) continue;
    return code;
  }
  return -1;
}

// One visit holding a planted code in the context its other conditions need.
int Gen::single_plant_visit(PersonBuild& b, int code, int except, int med, int tag) {
  if (med < 0) med = context_med(code, except);
  int inst = context_inst(b, code, except, med);
  if (inst < 0) return -1;
  int day = find_free_day(b, y0_ + 5, y1_ - 5);
  if (day < 0) return -1;
  std::string diag = diag_for(b, code, except, med, day);
  if (diag.empty()) return -1;
  Visit& v = plan_visit(b, med, inst, day, day, diag, tag);
  v.param = code;
  return static_cast<int>(b.p.visits.size()) - 1;
}

// Adds a planted code (its companions first, unless the companion's absence
// is what is planted), with the mark of the rule it plants (or -1).
bool Gen::plant_line(PersonBuild& b, Visit& v, int code, int rule, int date, int qty, int supply, int64_t price) {
  const CodeInfo& c = cat_.at(code);
  if (c.second_class >= 0 && rule != V01) {
    bool first = false;
    for (const Line& l : v.lines)
      if (cat_.at(l.code).first_class == c.second_class) first = true;
    if (!first) {
      bool ok = false;
      for (int f : cat_.first_line_by_class()[static_cast<size_t>(c.second_class)]) {
        int sup = supply >= 0 ? std::min(supply, std::max(1, supply_for(b, v, f))) : -1;
        if ((ok = add_clean(b, v, f, date, 1, sup))) break;
      }
      if (!ok) return false;
    }
  }
  if (c.surcharge_main >= 0 && rule != V04) {
    bool main = false;
    for (const Line& l : v.lines) main = main || l.code == c.surcharge_main;
    if (!main && !add_clean(b, v, c.surcharge_main, date, 1, -1)) return false;
  }
  if (c.consumable_proc >= 0 && rule != V05) {
    bool proc = false;
    for (const Line& l : v.lines) proc = proc || l.code == c.consumable_proc;
    if (!proc && !add_clean(b, v, c.consumable_proc, date, 1, -1)) return false;
  }
  if (!c.is_drug()) supply = -1;
  if (c.is_drug() && supply > 0 && c.days_per_unit > 0) qty = std::max(qty, (supply + c.days_per_unit - 1) / c.days_per_unit);
  Line& l = add_line(b, v, code, date, qty, supply, price);
  l.mark = rule;
  return true;
}

// ---------------------------------------------------------------- planning

bool Gen::plan_scenario(PersonBuild& b) {
  Rng& r = b.rng;
  Person& p = b.p;
  const int s = b.scen;
  const int var = b.variant;
  auto local = [&]() {
    // the person lives and is insured in the same city
    const City& c = cities_[static_cast<size_t>(p.city)];
    p.region = c.districts[r.below(c.districts.size())];
    b.cross_resident = false;
  };
  auto finish_person = [&]() {
    refresh_identity(b);
    make_traits(b);
  };
  auto simple_line_rule = [&](const Table& t, int rule) -> bool {
    int code = pick_row(b, t);
    if (code < 0) return false;
    if (!tailor_for_code(b, code, rule)) return false;
    const CodeInfo& c = cat_.at(code);
    if (rule == L01) {
      if (!c.gender_only) return false;
      p.gender = c.gender_only == '1' ? '2' : '1';
    }
    if (rule == L07) p.insutype = c.insutype_only == "310" ? "390" : "310";
    if (rule == L06 && c.min_level < 1) return false;
    local();
    finish_person();
    return single_plant_visit(b, code, rule, rule == L05 ? M_OUT : -1) >= 0;
  };
  auto stay = [&](int los_lo, int los_hi, int min_level, int tag, bool avoid_plants = true) -> int {
    int los = r.range(los_lo, los_hi);
    for (int t = 0; t < 30; ++t) {
      int begin = y0_ + r.range(5, ndays_ - los - 8);
      if (!stay_free(b, begin, begin + los, 2)) continue;
      int di = pick_diag(b, S_INP, age_at(b, begin));
      if (di < 0) return -1;
      const DiagInfo& d = cat_.diagnoses()[static_cast<size_t>(di)];
      int inst = pick_inst(b, p.city, std::max(1, min_level), 3, true, avoid_plants);
      plan_visit(b, M_INP, inst, begin, begin + los, d.code, tag);
      return static_cast<int>(p.visits.size()) - 1;
    }
    return -1;
  };
  auto birthday18 = [&]() -> int {
    int m = r.range(2, 12), d = r.range(1, 28);
    p.birth = days_from_civil(year_ - 18, static_cast<unsigned>(m), static_cast<unsigned>(d));
    return birthday_at(p.birth, 18);
  };

  switch (s) {
    case L01: return simple_line_rule(know_.gender_items, L01);
    case L04: return simple_line_rule(know_.diagnosis_scope, L04);
    case L05: return simple_line_rule(know_.inpatient_emergency_items, L05);
    case L06: return simple_line_rule(know_.min_level_items, L06);
    case L07: return simple_line_rule(know_.insutype_items, L07);
    case V01: return simple_line_rule(know_.second_line_drugs, V01);
    case V04: return simple_line_rule(know_.surcharge_main, V04);
    case V05: return simple_line_rule(know_.consumable_procedure, V05);

    case L02:
    case L03: {
      int code = pick_row(b, s == L02 ? know_.child_items : know_.adult_items);
      if (code < 0) return false;
      if (!tailor_for_code(b, code, s)) return false;
      int bday = birthday18();
      if (bday - 1 < y0_ + 1 || bday > y1_) return false;
      local();
      finish_person();
      const CodeInfo& c = cat_.at(code);
      int med = context_med(code, s);
      int inst = context_inst(b, code, s, med);
      if (inst < 0) return false;
      std::string diag = diag_for(b, code, s, med, bday);
      if (diag.empty()) return false;
      // L02: used the day before the 18th birthday (clean) and on it (fires);
      // L03: the day before (fires) and on the birthday (clean).
      bool both = c.min_interval <= 1 && c.course_days < 0;
      if (s == L02) {
        if (both) plan_visit(b, med, inst, bday - 1, bday - 1, diag, T_BOUND).param = code;
        plan_visit(b, med, inst, bday, bday, diag, T_PLANT).param = code;
      } else {
        plan_visit(b, med, inst, bday - 1, bday - 1, diag, T_PLANT).param = code;
        if (both) plan_visit(b, med, inst, bday, bday, diag, T_BOUND).param = code;
      }
      return true;
    }

    case L08: {
      local();
      if (var % 2 == 0 && !know_.price_caps.rows.empty()) {
        int code = pick_row(b, know_.price_caps, var / 2);
        if (code < 0 || !tailor_for_code(b, code, L08)) return false;
        finish_person();
        b.sc_n = 0;
        b.sc_money = var % 3 == 0 ? 1 : r.range(50, 3000);
        return single_plant_visit(b, code, L08) >= 0;
      }
      finish_person();
      const auto& ps = cat_.plain_services();
      if (ps.empty()) return false;
      int code = ps[static_cast<size_t>(var) % ps.size()];
      b.sc_n = 1;
      b.sc_money = var % 3 == 0 ? 1 : r.range(50, 1000);
      return single_plant_visit(b, code, L08, M_OUT) >= 0;
    }

    case L09:
    case B_L09: {
      if (suspended_.empty()) return false;
      int sidx = suspended_[static_cast<size_t>(var) % suspended_.size()];
      const Staff& st = staff_[static_cast<size_t>(sidx)];
      finish_person();
      int lo = std::max(st.from, y0_), hi = st.to >= 0 ? std::min(st.to, y1_) : std::min(st.from + 90, y1_);
      if (lo > hi) return false;
      int di = pick_diag(b, S_OUT, age_at(b, lo));
      if (di < 0) return false;
      const std::string diag = cat_.diagnoses()[static_cast<size_t>(di)].code;
      if (s == L09) {
        int day = var % 3 == 0 ? st.from : (var % 3 == 1 && st.to >= 0 ? st.to : r.range(lo, hi));
        if (day < y0_ || day > y1_) return false;
        Visit& v = plan_visit(b, M_OUT, st.inst, day, day, diag, T_PLANT);
        v.doctor = sidx;
        return true;
      }
      // the day before the suspension, an emergency inside it, the day after it
      if (st.from - 1 >= y0_) plan_visit(b, M_OUT, st.inst, st.from - 1, st.from - 1, diag, T_BOUND).doctor = sidx;
      int em = r.range(lo, hi);
      int edi = pick_diag(b, S_EMERG, age_at(b, em));
      if (edi >= 0 && em != st.from - 1)
        plan_visit(b, M_EMERG, st.inst, em, em, cat_.diagnoses()[static_cast<size_t>(edi)].code, T_BOUND).doctor = sidx;
      if (st.to >= 0 && st.to + 1 <= y1_) plan_visit(b, M_OUT, st.inst, st.to + 1, st.to + 1, diag, T_BOUND).doctor = sidx;
      return true;
    }

    case L10:
    case B_L10: {
      finish_person();
      b.sc_money = s == B_L10 ? 1 : (var % 3 == 0 ? 2 : r.range(2, 5000));
      int day = find_free_day(b, y0_ + 5, y1_ - 5);
      int di = pick_diag(b, S_OUT, age_at(b, day));
      if (day < 0 || di < 0) return false;
      plan_visit(b, M_OUT, pick_inst(b, p.city, 0, 3, false, true), day, day, cat_.diagnoses()[static_cast<size_t>(di)].code,
                 s == L10 ? T_PLANT : T_BOUND);
      return true;
    }

    case L11: {
      finish_person();
      const auto& ps = cat_.plain_services();
      if (ps.empty()) return false;
      b.sc_code = -1;
      for (int c : cat_.role(R_GLUCOSE))
        if (!cat_.at(c).in_table) b.sc_code = c;
      if (b.sc_code < 0) b.sc_code = ps[static_cast<size_t>(var) % ps.size()];
      int day = find_free_day(b, y0_ + 5, y1_ - 5);
      if (day < 0) return false;
      std::string diag = diag_of_group(b, G_RESP, day);
      plan_visit(b, M_PHARM, pick_pharmacy(b, p.city), day, day, diag, T_PLANT);
      return true;
    }

    case V02:
    case B_V02: {
      std::vector<int> panels;
      for (size_t i = 0; i < cat_.size(); ++i) {
        const CodeInfo& c = cat_.at(static_cast<int>(i));
        if (c.is_panel && c.panel_size >= (s == B_V02 ? 2 : 1) && c.panel_price >= 0 &&
            static_cast<int>(c.components.size()) >= c.panel_size)
          panels.push_back(static_cast<int>(i));
      }
      if (panels.empty()) return false;
      int panel = panels[static_cast<size_t>(var) % panels.size()];
      local();
      finish_person();
      int lo = 1;
      for (int comp : cat_.at(panel).components) {
        const CodeInfo& c = cat_.at(comp);
        lo = std::max({lo, c.real_min_level, c.min_level});
        if (c.gender_only) p.gender = c.gender_only;
      }
      refresh_identity(b);
      int inst = pick_inst(b, p.city, lo, 3, false, true);
      if (insts_[static_cast<size_t>(inst)].level < lo) return false;
      int day = find_free_day(b, y0_ + 5, y1_ - 5);
      if (day < 0) return false;
      Visit& v = plan_visit(b, M_OUT, inst, day, day, diag_for(b, -1, -1, M_OUT, day), s == V02 ? T_PLANT : T_BOUND);
      v.param = panel;
      if (s == V02) v.mark = V02;
      return !v.diag.empty();
    }

    case V03:
    case B_V03: {
      if (know_.included_in.rows.empty()) return false;
      const TableRow& row = know_.included_in.rows[static_cast<size_t>(var) % know_.included_in.rows.size()];
      int sub = cat_.find(row.code), main = cat_.find(row.value);
      if (sub < 0 || main < 0) return false;
      if (!tailor_for_code(b, sub, V03) || !tailor_for_code(b, main, V03)) return false;
      local();
      finish_person();
      b.sc_code = sub;
      b.sc_code2 = main;
      if (s == V03) {
        int med = std::max(context_med(sub, V03), context_med(main, V03));
        int vi = single_plant_visit(b, sub, V03, med);
        if (vi < 0) return false;
        const CodeInfo& mc = cat_.at(main);
        Visit& v = p.visits[static_cast<size_t>(vi)];
        if (mc.min_level > insts_[static_cast<size_t>(v.inst)].level) return false;
        if (mc.has_scope && std::find(mc.scope.begin(), mc.scope.end(), Catalogue::category(v.diag)) == mc.scope.end()) return false;
        return true;
      }
      int lo = std::max({1, cat_.at(sub).min_level, cat_.at(main).min_level, cat_.at(sub).real_min_level, cat_.at(main).real_min_level});
      int vi = stay(4, 8, lo, T_BOUND);
      return vi >= 0 && insts_[static_cast<size_t>(p.visits[static_cast<size_t>(vi)].inst)].level >= lo;
    }

    case V06:
    case B_V06: {
      finish_person();
      int vi = stay(3, 9, 1, s == V06 ? T_PLANT : T_BOUND);
      if (vi < 0) return false;
      Visit& v = p.visits[static_cast<size_t>(vi)];
      if (s == B_V06) v.daily_on_end = true;
      else {
        if (v.end + 1 > y1_) return false;
        mark_days(b, v.end + 1, v.end + 1, 4);
      }
      return true;
    }

    case V07:
    case B_V07: {
      finish_person();
      int vi = stay(2, 3, 1, s == V07 ? T_PLANT : T_BOUND);
      if (vi < 0) return false;
      if (s == V07) p.visits[static_cast<size_t>(vi)].mark = V07;
      return true;
    }

    case V08: {
      if (know_.gender_diagnoses.rows.empty()) return false;
      const TableRow& row = know_.gender_diagnoses.rows[static_cast<size_t>(var) % know_.gender_diagnoses.rows.size()];
      if (row.value != "1" && row.value != "2") return false;
      p.gender = row.value == "1" ? '2' : '1';
      local();
      finish_person();
      std::string cat = Catalogue::category(row.code);
      std::string diag;
      for (const DiagInfo& d : cat_.diagnoses())
        if (Catalogue::category(d.code) == cat) diag = d.code;
      if (diag.empty()) diag = row.code.size() == 3 ? row.code + ".9" : row.code;
      int day = find_free_day(b, y0_ + 5, y1_ - 5);
      if (day < 0) return false;
      Visit& v = plan_visit(b, M_OUT, pick_inst(b, p.city, 1, 3, false, true), day, day, diag, T_PLANT);
      v.mark = V08;
      return true;
    }

    case V09: {
      finish_person();
      int vi = stay(3, 10, 1, T_PLANT);
      if (vi < 0) return false;
      Visit& v = p.visits[static_cast<size_t>(vi)];
      v.ipt_days += var % 3 == 0 ? 1 : r.range(1, 4);
      v.mark = V09;
      return true;
    }

    case P01:
    case B_P01: {
      std::vector<int> codes;
      for (const TableRow& row : know_.course_limited_drugs.rows) {
        int c = cat_.find(row.code);
        if (c >= 0 && cat_.at(c).course_days >= 1) codes.push_back(c);
      }
      if (codes.empty()) return false;
      int code = codes[static_cast<size_t>(var) % codes.size()];
      if (!tailor_for_code(b, code, P01)) return false;
      local();
      finish_person();
      const int n = cat_.at(code).course_days;
      const int total = s == B_P01 ? n : n + (var % 3 == 0 ? 1 : r.range(1, 3));
      const bool chronic = total <= par_.chronic_supply_days && var % 2 == 1;
      int med = chronic ? M_CHRONIC : context_med(code, P01);
      int limit = med == M_EMERG ? par_.emergency_supply_days : med == M_CHRONIC ? par_.chronic_supply_days : par_.outpatient_supply_days;
      int inst = context_inst(b, code, P01, med == M_CHRONIC ? M_OUT : med);
      if (inst < 0) return false;
      int visits = (total + limit - 1) / limit;
      int d = y0_ + r.range(5, std::max(6, ndays_ - total - 10));
      for (int k = 0, rem = total; k < visits; ++k) {
        int sup = std::min(limit, rem);
        if (!day_free(b, d)) return false;
        std::string diag = diag_for(b, code, P01, med == M_CHRONIC ? M_OUT : med, d);
        if (diag.empty()) return false;
        plan_visit(b, med, inst, d, d, diag, s == P01 ? T_PLANT : T_BOUND).param = code;
        b.sc_days.push_back({d, sup});
        d += sup;
        rem -= sup;
      }
      if (s == P01) b.intended.push_back({P01, -1, code, -1});
      b.sc_code = code;
      return true;
    }

    case P02: {
      finish_person();
      if (var % 2 == 0) return stay(3, 8, 1, T_PLANT) >= 0;
      int day = find_free_day(b, y0_ + 5, y1_ - 5);
      int di = pick_diag(b, S_OUT, age_at(b, day));
      if (day < 0 || di < 0) return false;
      plan_visit(b, M_OUT, pick_inst(b, p.city, 1, 3, false, true), day, day, cat_.diagnoses()[static_cast<size_t>(di)].code, T_PLANT);
      return true;
    }

    case P03:
    case B_P03: {
      std::vector<int> codes;
      for (const TableRow& row : know_.min_interval_items.rows) {
        int c = cat_.find(row.code);
        if (c >= 0 && cat_.at(c).min_interval >= 2) codes.push_back(c);
      }
      if (codes.empty()) return false;
      int code = codes[static_cast<size_t>(var) % codes.size()];
      if (!tailor_for_code(b, code, P03)) return false;
      local();
      finish_person();
      const int n = cat_.at(code).min_interval;
      int gap = s == B_P03 ? n : (var % 3 == 0 ? n - 1 : r.range(1, n - 1));
      int med = context_med(code, P03);
      int inst = context_inst(b, code, P03, med);
      if (inst < 0) return false;
      int d1 = y0_ + r.range(5, std::max(6, ndays_ - gap - 10));
      if (!day_free(b, d1) || !day_free(b, d1 + gap)) return false;
      std::string diag = diag_for(b, code, P03, med, d1);
      if (diag.empty()) return false;
      plan_visit(b, med, inst, d1, d1, diag, T_PLANT_B).param = code;
      plan_visit(b, med, inst, d1 + gap, d1 + gap, diag, s == P03 ? T_PLANT : T_BOUND).param = code;
      return true;
    }

    case P04:
    case B_P04: {
      local();
      finish_person();
      auto one = [&](int med, int supply, int tag) -> bool {
        int day = find_free_day(b, y0_ + 5, y1_ - 5);
        if (day < 0) return false;
        int inst;
        std::string diag;
        if (med == M_CHRONIC) {
          int di = b.chronic >= 0 ? b.chronic : pick_diag(b, S_CHRONIC, age_at(b, day));
          if (di < 0) return false;
          diag = cat_.diagnoses()[static_cast<size_t>(di)].code;
          inst = b.home_clinic >= 0 ? b.home_clinic : pick_inst(b, p.city, 0, 2, false, true);
        } else {
          int di = pick_diag(b, med == M_EMERG ? S_EMERG : S_OUT, age_at(b, day));
          if (di < 0) return false;
          diag = cat_.diagnoses()[static_cast<size_t>(di)].code;
          inst = pick_inst(b, p.city, med == M_EMERG ? 1 : 0, 3, false, true);
        }
        Visit& v = plan_visit(b, med, inst, day, day, diag, tag);
        v.param = supply;
        return true;
      };
      if (s == B_P04)
        return one(M_OUT, par_.outpatient_supply_days, T_BOUND) && one(M_EMERG, par_.emergency_supply_days, T_BOUND) &&
               one(M_CHRONIC, par_.chronic_supply_days, T_BOUND);
      switch (var % 3) {
        case 0: return one(M_OUT, par_.outpatient_supply_days + (var % 2 == 0 ? 1 : r.range(1, 7)), T_PLANT);
        case 1: return one(M_EMERG, par_.emergency_supply_days + r.range(1, 3), T_PLANT);
        default: return one(M_CHRONIC, par_.chronic_supply_days + r.range(1, 15), T_PLANT);
      }
    }

    case P05:
    case B_P05: {
      local();
      finish_person();
      int code = plain_drug_for(b, {G_HTN, G_GI, G_MSK, G_ALLERGY, G_DM, G_CHD});
      if (code < 0) return false;
      const bool chronic_a = var % 2 == 1;
      const int sa = chronic_a ? r.range(20, par_.chronic_supply_days) : par_.outpatient_supply_days;
      const int gap = s == B_P05 ? sa - par_.overlap_tolerance_days
                                 : sa - par_.overlap_tolerance_days - 1 - (var % 3 == 0 ? 0 : r.range(0, std::max(0, sa - 4)));
      if (gap < 1) return false;
      int d = y0_ + r.range(5, ndays_ - sa - 10);
      if (!day_free(b, d) || !day_free(b, d + gap)) return false;
      std::string diag = diag_of_group(b, cat_.at(code).group, d);
      int ia = pick_inst(b, p.city, 0, 3, false, true);
      plan_visit(b, chronic_a ? M_CHRONIC : M_OUT, ia, d, d, diag, T_PLANT_B).param = sa;
      bool pharm = var % 3 != 1;
      int ib = pharm ? pick_pharmacy(b, p.city) : pick_inst(b, p.city, 0, 3, false, true);
      int sb = pharm ? r.range(5, 10) : r.range(3, par_.outpatient_supply_days);
      plan_visit(b, pharm ? M_PHARM : M_OUT, ib, d + gap, d + gap, diag, s == P05 ? T_PLANT : T_BOUND).param = sb;
      b.sc_code = code;
      return true;
    }

    case P06:
    case B_P06: {
      finish_person();
      if (s == B_P06 && var % 2 == 1) {
        // planned chemotherapy cycles within 15 days of each other
        if (age_at(b, y0_) < 40) set_age(b, r.range(50, 75)), refresh_identity(b);
        int begin = y0_ + r.range(10, 150);
        int inst = pick_inst(b, p.city, 2, 3, true, true);
        int los = r.range(5, 8);
        plan_visit(b, M_INP, inst, begin, begin + los, "C34.9", T_BOUND);
        int d = begin + los + r.range(10, 15);
        for (int c = 0; c < 3 && d + 3 <= y1_; ++c) {
          int l2 = r.range(2, 3);
          plan_visit(b, M_INP, inst, d, d + l2, "Z51.1", T_BOUND);
          d += l2 + r.range(10, 15);
        }
        return true;
      }
      int di = -1;
      for (int t = 0; t < 20 && di < 0; ++t) {
        int x = pick_diag(b, S_INP, age_at(b, y0_));
        if (x >= 0 && cat_.diagnoses()[static_cast<size_t>(x)].surgery < 0) di = x;
      }
      if (di < 0) return false;
      const std::string diag = cat_.diagnoses()[static_cast<size_t>(di)].code;
      int l1 = r.range(3, 8), l2 = r.range(3, 7);
      int gap = s == B_P06 ? par_.readmit_days + 1 : (var % 3 == 0 ? par_.readmit_days : r.range(3, par_.readmit_days));
      int b1 = y0_ + r.range(5, std::max(6, ndays_ - l1 - gap - l2 - 5));
      int b2 = b1 + l1 + gap;
      if (b2 + l2 > y1_) return false;
      int ia = pick_inst(b, p.city, 1, 3, true, true);
      int ib = r.chance(0.5) ? ia : pick_inst(b, p.city, 1, 3, true, true);
      plan_visit(b, M_INP, ia, b1, b1 + l1, diag, T_PLANT_B);
      Visit& v2 = plan_visit(b, M_INP, ib, b2, b2 + l2, diag, s == P06 ? T_PLANT : T_BOUND);
      if (s == P06) v2.mark = P06;
      return true;
    }

    case P07:
    case B_P07: {
      finish_person();
      int vi = stay(7, 11, 1, s == P07 ? T_PLANT : T_BOUND);
      if (vi < 0) return false;
      Visit& v = p.visits[static_cast<size_t>(vi)];
      v.param = s == B_P07 ? par_.bed_only_days - 1 : par_.bed_only_days + (var % 2);
      if (s == P07) v.mark = P07;
      return true;
    }

    case P08:
    case B_P08: {
      finish_person();
      if (s == B_P08) {
        int vi = stay(3, 8, 1, T_BOUND);
        if (vi < 0) return false;
        Visit& v = p.visits[static_cast<size_t>(vi)];
        v.daily_on_end = true;
        p.death = v.end;
        return true;
      }
      p.death = y0_ + r.range(60, ndays_ - 45);
      int after = p.death + (var % 3 == 0 ? 1 : r.range(1, 30));
      int di = pick_diag(b, S_OUT, age_at(b, after));
      if (di < 0) return false;
      bool pharm = r.chance(0.6);
      int inst = pharm ? pick_pharmacy(b, p.city) : pick_inst(b, p.city, 0, 3, false, true);
      std::string diag = pharm ? diag_of_group(b, G_RESP, after) : cat_.diagnoses()[static_cast<size_t>(di)].code;
      plan_visit(b, pharm ? M_PHARM : M_OUT, inst, after, after, diag, T_PLANT);
      return true;
    }

    case P09: {
      local();
      finish_person();
      int v1 = stay(6, 12, 1, T_PLANT_B);
      if (v1 < 0) return false;
      const Visit s1 = p.visits[static_cast<size_t>(v1)];
      int b2 = s1.begin + r.range(1, s1.end - s1.begin);
      int l2 = r.range(2, 5);
      if (b2 + l2 > y1_) return false;
      int ib = -1;
      for (int t = 0; t < 10 && ib < 0; ++t) {
        int x = pick_inst(b, t < 6 ? p.city : other_city(b, p.city), 1, 3, true, true);
        if (x != s1.inst) ib = x;
      }
      if (ib < 0) return false;
      std::string diag2;
      for (int t = 0; t < 20; ++t) {
        int di = pick_diag(b, S_INP, age_at(b, b2));
        if (di < 0) break;
        const DiagInfo& d = cat_.diagnoses()[static_cast<size_t>(di)];
        if (Catalogue::category(d.code) != Catalogue::category(s1.diag) && d.surgery < 0) {
          diag2 = d.code;
          break;
        }
      }
      if (diag2.empty()) return false;
      Visit& v = plan_visit(b, M_INP, ib, b2, b2 + l2, diag2, T_PLANT);
      v.mark = P09;
      return true;
    }

    case P10:
    case B_P10: {
      local();
      finish_person();
      int code = plain_drug_for(b, {G_RESP, G_GI, G_ALLERGY, G_MSK, G_HTN});
      if (code < 0) return false;
      const int k = s == B_P10 ? par_.monthly_purchase_limit : par_.monthly_purchase_limit + 1 + (var % 3 == 2 ? 1 : 0);
      const int spacing = 5;
      int m = r.range(2, 11);
      int m1 = days_from_civil(year_, static_cast<unsigned>(m), 1);
      std::string diag = diag_of_group(b, cat_.at(code).group, m1);
      int ph = pick_pharmacy(b, p.city);
      for (int i = 0; i < k; ++i) {
        int d = m1 + 1 + spacing * i;
        if (!day_free(b, d)) return false;
        if (r.chance(0.3)) ph = pick_pharmacy(b, p.city);
        plan_visit(b, M_PHARM, ph, d, d, diag, s == P10 ? T_PLANT : T_BOUND).param = spacing;
      }
      b.sc_code = code;
      if (s == P10) b.intended.push_back({P10, -1, code, m1});
      return true;
    }

    case P11: {
      finish_person();
      std::string id = p.certno;
      switch (var % 3) {
        case 0: {  // a wrong check character
          char c = id[17];
          id[17] = c == '0' ? '1' : c == 'X' ? '0' : static_cast<char>(c == '9' ? 'X' : c + 1);
          break;
        }
        case 1: {  // another birth date
          const int seq = r.range(0, 499);
          id = make_idcard(p.region.substr(0, 6), p.birth + r.range(1, 400), p.gender, seq);
          break;
        }
        default: {  // the other sex
          id = make_idcard(p.region.substr(0, 6), p.birth, p.gender == '1' ? '2' : '1', r.range(0, 499));
          break;
        }
      }
      p.certno = id;
      b.intended.push_back({P11, -1, -1, -1});
      return true;
    }

    case P12:
    case B_P12: {
      finish_person();
      int vi = stay(5, 12, 1, T_PLANT_B);
      if (vi < 0) return false;
      const Visit st = p.visits[static_cast<size_t>(vi)];
      int d = s == B_P12 ? st.end : st.begin + r.range(1, st.end - st.begin - 1);
      int med = b.chronic >= 0 && r.chance(0.5) ? M_CHRONIC : M_OUT;
      int inst = r.chance(0.5) ? st.inst : pick_inst(b, p.city, 0, 3, false, true);
      std::string diag = med == M_CHRONIC ? cat_.diagnoses()[static_cast<size_t>(b.chronic)].code : diag_for(b, -1, -1, M_OUT, d);
      if (diag.empty()) return false;
      Visit& v = plan_visit(b, med, inst, d, d, diag, s == P12 ? T_PLANT : T_BOUND);
      if (s == P12) v.mark = P12;
      return true;
    }

    case R01: {
      local();
      finish_person();
      if (cities_.size() < 2) return false;
      int city = other_city(b, p.city);
      int best = -1;
      for (int lvl = 3; lvl >= 2 && best < 0; --lvl)
        for (int i : city_type1_[static_cast<size_t>(city)]) {
          const Institution& in = insts_[static_cast<size_t>(i)];
          if (in.level != lvl || in.plant_i02 || in.plant_i05 || median_est_[static_cast<size_t>(lvl)] <= 0) continue;
          if (best < 0 || in.capacity > insts_[static_cast<size_t>(best)].capacity) best = i;
        }
      if (best < 0) return false;
      int los = r.range(12, 18);
      int begin = -1;
      for (int t = 0; t < 30 && begin < 0; ++t) {
        int x = y0_ + r.range(5, ndays_ - los - 8);
        if (stay_free(b, x, x + los, 2)) begin = x;
      }
      if (begin < 0) return false;
      int di = pick_diag(b, S_INP, age_at(b, begin));
      if (di < 0) return false;
      Visit& v = plan_visit(b, M_INP, best, begin, begin + los, cat_.diagnoses()[static_cast<size_t>(di)].code, T_PLANT);
      v.mark = R01;
      return true;
    }

    case R02:
    case B_R02: {
      local();
      finish_person();
      if (cities_.size() < 2) return false;
      const int k = s == B_R02 ? par_.cross_region_purchase_limit
                               : par_.cross_region_purchase_limit + 1 + (var % 3 == 0 ? 0 : r.range(0, 2));
      int city = other_city(b, p.city);
      int d1 = plain_drug_for(b, {G_RESP}), d2 = plain_drug_for(b, {G_GI}), d3 = plain_drug_for(b, {G_ALLERGY, G_MSK});
      if (d1 < 0 || d2 < 0 || d3 < 0) return false;
      const int drugs[3] = {d1, d2, d3};
      int m = r.range(1, 12);
      int m1 = days_from_civil(year_, static_cast<unsigned>(m), 1);
      for (int i = 0; i < k; ++i) {
        int d = m1 + 1 + 3 * i;
        if (!day_free(b, d)) return false;
        int drug = drugs[i % 3];
        std::string diag = diag_of_group(b, cat_.at(drug).group, d);
        plan_visit(b, M_PHARM, pick_pharmacy(b, city), d, d, diag, s == R02 ? T_PLANT : T_BOUND).param = drug;
      }
      if (s == R02) b.intended.push_back({R02, -1, -1, m1});
      return true;
    }

    case R03:
    case B_R03: {
      local();
      finish_person();
      int d = find_free_day(b, y0_ + 5, y1_ - 5);
      if (d < 0) return false;
      int di = pick_diag(b, S_OUT, age_at(b, d));
      if (di < 0) return false;
      const std::string diag = cat_.diagnoses()[static_cast<size_t>(di)].code;
      plan_visit(b, M_OUT, pick_inst(b, p.city, 0, 3, false, true), d, d, diag, T_PLANT_B);
      int city = s == R03 ? other_city(b, p.city) : p.city;
      if (s == R03 && city == p.city) return false;
      if (r.chance(0.7)) {
        std::string diag = diag_of_group(b, G_RESP, d);
        plan_visit(b, M_PHARM, pick_pharmacy(b, city), d, d, diag, s == R03 ? T_PLANT : T_BOUND);
      }
      else plan_visit(b, M_OUT, pick_inst(b, city, 0, 3, false, true), d, d, diag, s == R03 ? T_PLANT : T_BOUND);
      if (s == R03) b.intended.push_back({R03, -1, -1, d});
      return true;
    }

    default: return false;
  }
}

// ---------------------------------------------------------------- contents

// A short test-only stay (V07): bed, nursing, consultation and tests.
void Gen::content_low_cost_stay(PersonBuild& b, Visit& v, bool exact) {
  auto fee_ok = [&](int code) {
    const std::string& f = cat_.at(code).fee_type;
    return f == "01" || f == "02" || f == "03" || f == "04" || f == "07";
  };
  auto first = [&](Role role) {
    for (int code : cat_.role(role))
      if (fee_ok(code) && can_add(b, v, code, v.begin, 1, -1)) return code;
    return -1;
  };
  int bed = first(R_BED), nursing = first(R_NURSING), consult = first(R_INP_CONSULT);
  for (int d = v.begin; d < v.end; ++d)
    for (int code : {bed, nursing, consult})
      if (code >= 0) add_clean(b, v, code, d, 1, -1);
  for (Role role : {R_CBC, R_URINE, R_ECG, R_XRAY, R_ELECTROLYTE}) {
    for (int code : cat_.role(role))
      if (fee_ok(code) && add_clean(b, v, code, v.begin, 1, -1)) break;
  }
  int64_t total = 0;
  for (const Line& l : v.lines) total += l.amount;
  while (total >= par_.low_cost_admission && !v.lines.empty()) {
    // drop examinations until below the threshold
    auto it = std::find_if(v.lines.rbegin(), v.lines.rend(), [&](const Line& l) {
      const std::string& f = cat_.at(l.code).fee_type;
      return f == "03" || f == "04";
    });
    if (it == v.lines.rend()) break;
    total -= it->amount;
    v.lines.erase(std::next(it).base());
  }
  if (total >= par_.low_cost_admission) {
    b.fail = true;
    return;
  }
  if (exact) {
    // one more test whose price makes the total exactly the threshold
    for (Role role : {R_CRP, R_CARDIAC, R_COAG, R_US, R_GLUCOSE, R_LIPID}) {
      for (int code : cat_.role(role)) {
        if (!fee_ok(code) || cat_.at(code).cap >= 0 || !can_add(b, v, code, v.begin, 1, -1, false)) continue;
        add_line(b, v, code, v.begin, 1, -1, par_.low_cost_admission - total);
        return;
      }
    }
    b.fail = true;
  }
}

void Gen::content_scenario(PersonBuild& b, Visit& v) {
  Rng& r = b.rng;
  const int s = b.scen;
  const int d = v.begin;
  auto plant_supply = [&](int code) {
    const CodeInfo& c = cat_.at(code);
    if (!c.is_drug() || v.med == M_INP) return -1;
    int sup = supply_for(b, v, code);
    if (c.course_days >= 0) sup = std::min(sup, 3);
    return sup;
  };
  switch (s) {
    case L01: case L04: case L05: case L06: case L07: case V01: case V04: case V05: {
      int code = v.param;
      if (!plant_line(b, v, code, s, d, 1, plant_supply(code))) b.fail = true;
      content_generic(b, v);
      return;
    }
    case L02: case L03: {
      int code = v.param;
      if (!plant_line(b, v, code, v.tag == T_PLANT ? s : -1, d, 1, plant_supply(code))) b.fail = true;
      content_generic(b, v);
      return;
    }
    case L08: {
      int code = v.param;
      int64_t price = cat_.price_at(code, insts_[static_cast<size_t>(v.inst)].level);
      if (b.sc_n == 0) {
        // above the table's cap
        int64_t cap = cat_.at(code).cap;
        if (!plant_line(b, v, code, L08, d, 1, plant_supply(code), cap + b.sc_money)) b.fail = true;
      } else {
        // above the cap reported on the line
        if (!plant_line(b, v, code, L08, d, 1, -1, price)) b.fail = true;
        else v.lines.back().cap = std::max<int64_t>(0, price - b.sc_money);
      }
      content_generic(b, v);
      return;
    }
    case L09: {
      content_generic(b, v);
      for (Line& l : v.lines) l.mark = L09;
      return;
    }
    case B_L09: content_generic(b, v); return;
    case L10:
    case B_L10: {
      content_generic(b, v);
      for (Line& l : v.lines) {
        if (cat_.at(l.code).panel >= 0) continue;
        l.amount = l.qty * l.price + b.sc_money;
        if (s == L10) l.mark = L10;
        return;
      }
      b.fail = true;
      return;
    }
    case L11: {
      content_pharmacy(b, v);
      add_line(b, v, b.sc_code, d, 1, -1).mark = L11;
      return;
    }
    case V02:
    case B_V02: {
      const CodeInfo& panel = cat_.at(v.param);
      int want = s == B_V02 ? panel.panel_size - 1
                            : std::min<int>(static_cast<int>(panel.components.size()), panel.panel_size + (b.variant % 2));
      std::vector<int> comps = panel.components;
      int64_t sum = 0;
      int n = 0;
      for (size_t k = 0; k < comps.size() && n < want; ++k) {
        if (!can_add(b, v, comps[k], d, 1, -1) && s == B_V02) continue;
        sum += add_line(b, v, comps[k], d, 1, -1).amount;
        ++n;
      }
      if (n < want || (s == V02 && sum <= panel.panel_price)) b.fail = true;
      content_outpatient(b, v);
      return;
    }
    case V03: {
      if (!plant_line(b, v, b.sc_code2, -1, d, 1, -1)) b.fail = true;
      if (!plant_line(b, v, b.sc_code, V03, d, 1, plant_supply(b.sc_code))) b.fail = true;
      content_generic(b, v);
      return;
    }
    case B_V03: {
      content_inpatient(b, v, 0, false, false);
      bool ok = false;
      for (const Line& l : v.lines) ok = ok || l.code == b.sc_code2;
      if (!ok && !plant_line(b, v, b.sc_code2, -1, v.begin + 1, 1, -1)) b.fail = true;
      int main_day = -1;
      for (const Line& l : v.lines)
        if (l.code == b.sc_code2) main_day = l.date;
      int sub_day = main_day == v.begin + 2 ? v.begin + 1 : v.begin + 2;
      if (!plant_line(b, v, b.sc_code, -1, sub_day, 1, -1)) b.fail = true;
      return;
    }
    case V06: {
      content_inpatient(b, v, 0, false, false);
      int x = -1;
      for (int code : cat_.role(R_BED))
        for (const Line& l : v.lines)
          if (x < 0 && l.code == code && cat_.at(code).once_daily) x = code;
      if (x < 0) x = once_daily_in(v);
      if (x < 0) {
        b.fail = true;
        return;
      }
      for (int day = v.begin; day <= v.end + 1; ++day) {
        bool have = false;
        for (const Line& l : v.lines) have = have || (l.code == x && l.date == day);
        if (!have) add_line(b, v, x, day, 1, -1);
      }
      v.mark = V06;
      v.param = x;
      return;
    }
    case B_V06:
    case V09:
    case P06:
    case B_P06:
    case B_P08:
      content_generic(b, v);
      return;
    case V07:
    case B_V07:
      content_low_cost_stay(b, v, s == B_V07);
      return;
    case V08:
      content_outpatient(b, v);
      return;
    case P01:
    case B_P01: {
      int sup = -1;
      for (auto& e : b.sc_days)
        if (e.first == d) sup = e.second;
      if (!plant_line(b, v, b.sc_code, -1, d, 1, sup)) b.fail = true;
      content_generic(b, v);
      return;
    }
    case P02: {
      if (v.med == M_INP) {
        content_inpatient(b, v, 0, false, false);
        int x = once_daily_in(v);
        if (x < 0) {
          b.fail = true;
          return;
        }
        std::vector<int> days;
        for (const Line& l : v.lines)
          if (l.code == x) days.push_back(l.date);
        int day = days[r.below(days.size())];
        add_line(b, v, x, day, 1, -1);
        b.intended.push_back({P02, -1, x, day});
      } else {
        content_outpatient(b, v);
        for (Line& l : v.lines)
          if (cat_.at(l.code).once_daily) {
            l.qty = 2;
            l.amount = 2 * l.price;
            b.intended.push_back({P02, -1, l.code, l.date});
            return;
          }
        b.fail = true;
      }
      return;
    }
    case P03:
    case B_P03: {
      int rule = v.tag == T_PLANT ? P03 : -1;
      if (!plant_line(b, v, v.param, rule, d, 1, -1)) b.fail = true;
      content_generic(b, v);
      return;
    }
    case P04:
    case B_P04: {
      content_generic(b, v);
      const int sup = v.param;
      const int limit = v.med == M_EMERG ? par_.emergency_supply_days : v.med == M_CHRONIC ? par_.chronic_supply_days
                                                                                          : par_.outpatient_supply_days;
      std::vector<int> groups = {G_RESP, G_GI, G_MSK, G_HTN, G_ALLERGY};
      for (int t = 0; t < 30; ++t) {
        int code = plain_drug_for(b, groups);
        if (code < 0 || !can_add(b, v, code, d, 1, limit)) continue;
        plant_line(b, v, code, s == P04 ? P04 : -1, d, 1, sup);
        return;
      }
      b.fail = true;
      return;
    }
    case P05:
    case B_P05: {
      const int sup = v.param;
      int rule = v.tag == T_PLANT ? P05 : -1;
      if (v.tag == T_PLANT_B && !can_add(b, v, b.sc_code, d, 1, std::min(sup, v.med == M_CHRONIC ? 30 : 7))) b.fail = true;
      plant_line(b, v, b.sc_code, rule, d, 1, sup);
      content_generic(b, v);
      return;
    }
    case P07:
    case B_P07:
      content_inpatient(b, v, v.param, false, false);
      return;
    case P08: {
      content_generic(b, v);
      for (Line& l : v.lines) l.mark = P08;
      return;
    }
    case P09:
      if (v.tag == T_PLANT) content_inpatient(b, v, 0, true, false);
      else content_generic(b, v);
      return;
    case P10:
    case B_P10: {
      if (!plant_line(b, v, b.sc_code, -1, d, 1, v.param)) b.fail = true;
      return;
    }
    case P12:
    case B_P12:
      if (v.tag != T_PLANT_B) b.avoid_daily = true;
      content_generic(b, v);
      return;
    case R01: {
      content_inpatient(b, v, 0, false, true);
      // sized far above three times the median stay of its level (about 8 times the estimate)
      const int64_t target = median_est_[static_cast<size_t>(insts_[static_cast<size_t>(v.inst)].level)] * 8;
      int64_t total = 0;
      for (const Line& l : v.lines) total += l.amount;
      if (total < target) {
        int64_t before = total;
        inflate(b, v, static_cast<double>(target) / static_cast<double>(std::max<int64_t>(1, before)) + 0.05);
      }
      return;
    }
    case R02:
    case B_R02:
      if (!plant_line(b, v, v.param, -1, d, 1, 7)) b.fail = true;
      return;
    case R03:
    case B_R03:
      if (v.tag != T_PLANT_B) b.avoid_daily = true;
      content_generic(b, v);
      return;
    default:
      content_generic(b, v);
      return;
  }
}

}  // namespace fides::gen
