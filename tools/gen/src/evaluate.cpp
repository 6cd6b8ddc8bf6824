#include "evaluate.h"

#include <algorithm>

#include "idcard.h"
#include "util.h"

namespace fides::gen {

namespace {

const char* const kIds[RULE_COUNT] = {
    "L01", "L02", "L03", "L04", "L05", "L06", "L07", "L08", "L09", "L10", "L11",
    "V01", "V02", "V03", "V04", "V05", "V06", "V07", "V08", "V09",
    "P01", "P02", "P03", "P04", "P05", "P06", "P07", "P08", "P09", "P10", "P11", "P12",
    "I01", "I02", "I03", "I04", "I05",
    "R01", "R02", "R03"};

const char* const kRecords[RULE_COUNT] = {
    "FeeLine", "FeeLine", "FeeLine", "FeeLine", "FeeLine", "FeeLine", "FeeLine", "FeeLine", "FeeLine", "FeeLine", "FeeLine",
    "FeeLine", "VisitPanel", "FeeLine", "FeeLine", "FeeLine", "VisitDailyItem", "Visit", "Visit", "Visit",
    "PersonCourse", "PersonItemDay", "FeeLine", "FeeLine", "FeeLine", "Visit", "Visit", "FeeLine", "Visit",
    "PersonDrugMonth", "Person", "Visit",
    "StockMove", "Institution", "DoctorDay", "SharedPhone", "Institution",
    "Visit", "CrossRegionPurchases", "PersonDay"};

bool is_drug_code(const std::string& code) { return !code.empty() && (code[0] == 'X' || code[0] == 'Z'); }

std::string city_of(const std::string& region) { return region.substr(0, 4); }

struct CodeRef {
  int code;
  int date;
  uint64_t seq;
  int visit;
  int supply;
  int qty;
};

}  // namespace

const char* rule_id(int rule) { return rule >= 0 && rule < RULE_COUNT ? kIds[rule] : "?"; }
const char* rule_record(int rule) { return rule >= 0 && rule < RULE_COUNT ? kRecords[rule] : "?"; }
int rule_from_id(const std::string& id) {
  for (int i = 0; i < RULE_COUNT; ++i)
    if (id == kIds[i]) return i;
  return -1;
}

bool is_planned_care(const std::string& diag) {
  std::string t(trim(diag));
  for (char& c : t)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return t == "Z51.0" || t == "Z51.1" || t == "Z51.2" || t == "Z51.8";
}

void evaluate_person(const EvalContext& x, const Person& p, std::vector<Finding>& out) {
  out.clear();
  const Catalogue& cat = x.cat;
  const Params& pr = x.params;
  const int nv = static_cast<int>(p.visits.size());

  // All lines of the person by code (P01, P02, P03, P05, P10).
  std::vector<CodeRef> refs;
  for (int vi = 0; vi < nv; ++vi)
    for (const Line& l : p.visits[static_cast<size_t>(vi)].lines)
      refs.push_back({l.code, l.date, l.seq, vi, l.supply, l.qty});
  std::sort(refs.begin(), refs.end(), [](const CodeRef& a, const CodeRef& b) {
    if (a.code != b.code) return a.code < b.code;
    if (a.date != b.date) return a.date < b.date;
    return a.seq < b.seq;
  });
  auto range_of = [&](int code) {
    auto lo = std::lower_bound(refs.begin(), refs.end(), code, [](const CodeRef& r, int c) { return r.code < c; });
    auto hi = lo;
    while (hi != refs.end() && hi->code == code) ++hi;
    return std::make_pair(lo, hi);
  };

  std::vector<std::string> cats;
  for (int vi = 0; vi < nv; ++vi) {
    const Visit& v = p.visits[static_cast<size_t>(vi)];
    const Institution& inst = x.insts[static_cast<size_t>(v.inst)];
    cats.clear();
    cats.push_back(Catalogue::category(v.diag));
    for (const std::string& d : v.diags) cats.push_back(Catalogue::category(d));

    for (int li = 0; li < static_cast<int>(v.lines.size()); ++li) {
      const Line& l = v.lines[static_cast<size_t>(li)];
      const CodeInfo& c = cat.at(l.code);
      auto hit = [&](int rule) { out.push_back({rule, vi, li, -1}); };
      if (c.gender_only && c.gender_only != p.gender) hit(L01);
      if (c.child_only && age_on(p.birth, l.date) >= pr.child_age_limit) hit(L02);
      if (c.adult_only && age_on(p.birth, l.date) < pr.adult_age_min) hit(L03);
      if (c.has_scope) {
        bool ok = false;
        for (const std::string& s : c.scope)
          for (const std::string& d : cats)
            if (s == d) ok = true;
        if (!ok) hit(L04);
      }
      if (c.inp_emerg && v.med != M_INP && v.med != M_EMERG) hit(L05);
      if (c.min_level >= 0 && inst.level < c.min_level) hit(L06);
      if (!c.insutype_only.empty() && p.insutype != c.insutype_only) hit(L07);
      {
        int64_t cap = c.cap >= 0 ? c.cap : l.cap;
        if (cap >= 0 && l.price > cap) hit(L08);
      }
      if (l.doctor >= 0) {
        const Staff& s = x.staff[static_cast<size_t>(l.doctor)];
        if ((s.status == '2' || s.status == '3') && s.from >= 0 && s.from <= l.date && (s.to < 0 || l.date <= s.to) &&
            v.med != M_EMERG)
          hit(L09);
      }
      if (l.amount > static_cast<int64_t>(l.qty) * l.price + pr.amount_tolerance) hit(L10);
      if (inst.type == '2' && c.service_item) hit(L11);
      if (c.second_class >= 0) {
        bool first = false;
        for (const Line& o : v.lines)
          if (cat.at(o.code).first_class == c.second_class) first = true;
        if (!first) hit(V01);
      }
      if (c.included_main >= 0) {
        for (const Line& o : v.lines)
          if (o.code == c.included_main && o.date == l.date) {
            hit(V03);
            break;
          }
      }
      if (c.surcharge_main >= 0) {
        bool main = false;
        for (const Line& o : v.lines)
          if (o.code == c.surcharge_main) main = true;
        if (!main) hit(V04);
      }
      if (c.consumable_proc >= 0) {
        bool proc = false;
        for (const Line& o : v.lines)
          if (o.code == c.consumable_proc) proc = true;
        if (!proc) hit(V05);
      }
      if (c.min_interval > 0) {
        auto [lo, hi] = range_of(l.code);
        for (auto it = lo; it != hi; ++it)
          if (it->date < l.date && l.date - it->date < c.min_interval) {
            hit(P03);
            break;
          }
      }
      const bool drug = is_drug_code(c.code);
      if (drug && l.supply >= 0 && (v.med == M_OUT || v.med == M_EMERG || v.med == M_CHRONIC)) {
        int limit = v.med == M_EMERG ? pr.emergency_supply_days
                    : v.med == M_CHRONIC ? pr.chronic_supply_days
                                         : pr.outpatient_supply_days;
        if (l.supply > limit) hit(P04);
      }
      if (drug && l.supply > 0) {  // the amount divides by it (CATALOGUE.md, refinements)
        auto [lo, hi] = range_of(l.code);
        for (auto it = lo; it != hi; ++it) {
          if (it->visit == vi || it->supply < 0) continue;
          if (!(it->date < l.date || (it->date == l.date && it->seq < l.seq))) continue;
          if (it->date + it->supply - l.date > pr.overlap_tolerance_days) {
            hit(P05);
            break;
          }
        }
      }
      if (p.death >= 0 && l.date > p.death) hit(P08);
    }

    // V02: panels unbundled within the visit.
    {
      std::vector<std::pair<int, int>> comp;  // (panel, component)
      for (const Line& l : v.lines)
        if (cat.at(l.code).panel >= 0) comp.push_back({cat.at(l.code).panel, l.code});
      std::sort(comp.begin(), comp.end());
      for (size_t i = 0; i < comp.size();) {
        size_t j = i;
        int distinct = 0;
        int prev = -1;
        while (j < comp.size() && comp[j].first == comp[i].first) {
          if (comp[j].second != prev) ++distinct, prev = comp[j].second;
          ++j;
        }
        const CodeInfo& panel = cat.at(comp[i].first);
        if (panel.panel_size > 0 && panel.panel_price >= 0 && distinct >= panel.panel_size) {
          int64_t sum = 0;
          for (const Line& l : v.lines)
            if (cat.at(l.code).panel == comp[i].first) sum += l.amount;
          if (sum - panel.panel_price > 0) out.push_back({V02, vi, comp[i].first, -1});
        }
        i = j;
      }
    }

    if (v.med == M_INP) {
      // V06: daily items beyond the days in hospital.
      std::vector<std::pair<int, int>> daily;  // (code, qty)
      for (const Line& l : v.lines)
        if (cat.at(l.code).once_daily) daily.push_back({l.code, l.qty});
      std::sort(daily.begin(), daily.end());
      for (size_t i = 0; i < daily.size();) {
        size_t j = i;
        int sum = 0;
        while (j < daily.size() && daily[j].first == daily[i].first) sum += daily[j++].second;
        if (sum > v.ipt_days + pr.daily_item_tolerance) out.push_back({V06, vi, daily[i].first, -1});
        i = j;
      }
      // V07: tests, bed and nursing only, at low cost.
      if (!v.lines.empty()) {
        bool only = true;
        int64_t sum = 0;
        for (const Line& l : v.lines) {
          const std::string& f = cat.at(l.code).fee_type;
          if (!(f == "01" || f == "02" || f == "03" || f == "04" || f == "07")) only = false;
          sum += l.amount;
        }
        if (only && sum < pr.low_cost_admission) out.push_back({V07, vi, -1, -1});
      }
      // V09: days recorded beyond the stay.
      if (v.ipt_days > stay_days(v.begin, v.end) + pr.ipt_days_tolerance) out.push_back({V09, vi, -1, -1});
      // P06: readmission with the same diagnosis category.
      if (!is_planned_care(v.diag)) {
        std::string c0 = Catalogue::category(v.diag);
        for (int oi = 0; oi < nv; ++oi) {
          const Visit& o = p.visits[static_cast<size_t>(oi)];
          if (oi == vi || o.med != M_INP) continue;
          if (Catalogue::category(o.diag) == c0 && o.end <= v.begin && v.begin - o.end <= pr.readmit_days) {
            out.push_back({P06, vi, -1, -1});
            break;
          }
        }
      }
      // P07: days with bed fees only.
      {
        std::vector<std::pair<int, bool>> days;  // (date, bed)
        for (const Line& l : v.lines) days.push_back({l.date, cat.at(l.code).fee_type == "01"});
        std::sort(days.begin(), days.end());
        int bed_only = 0;
        for (size_t i = 0; i < days.size();) {
          size_t j = i;
          bool all = true;
          while (j < days.size() && days[j].first == days[i].first) {
            if (!days[j].second) all = false;
            ++j;
          }
          if (all) ++bed_only;
          i = j;
        }
        if (bed_only >= pr.bed_only_days) out.push_back({P07, vi, -1, -1});
      }
      // P09: overlapping stays at two institutions.
      for (int oi = 0; oi < nv; ++oi) {
        const Visit& o = p.visits[static_cast<size_t>(oi)];
        if (oi == vi || o.med != M_INP || o.inst == v.inst) continue;
        if (v.begin <= o.end && o.begin <= v.end && (o.begin < v.begin || (o.begin == v.begin && o.seq < v.seq))) {
          out.push_back({P09, vi, -1, -1});
          break;
        }
      }
    }
    // V08: a diagnosis of the other sex.
    {
      char g = cat.table_gender(v.diag);
      if (g && g != p.gender) out.push_back({V08, vi, -1, -1});
    }
    // P12: outpatient settlement inside a stay.
    if (v.med == M_OUT || v.med == M_CHRONIC) {
      for (const Visit& o : p.visits)
        if (o.med == M_INP && o.begin < v.begin && v.begin < o.end) {
          out.push_back({P12, vi, -1, -1});
          break;
        }
    }
  }

  // P01, P02, P10 over all of the person's lines.
  for (size_t i = 0; i < refs.size();) {
    size_t j = i;
    while (j < refs.size() && refs[j].code == refs[i].code) ++j;
    const CodeInfo& c = cat.at(refs[i].code);
    if (c.course_days >= 0) {
      int64_t sum = 0;
      for (size_t k = i; k < j; ++k) sum += refs[k].supply >= 0 ? refs[k].supply : 0;
      if (sum > c.course_days) out.push_back({P01, -1, refs[i].code, -1});
    }
    if (c.once_daily) {
      for (size_t k = i; k < j;) {
        size_t m = k;
        int sum = 0;
        while (m < j && refs[m].date == refs[k].date) sum += refs[m++].qty;
        if (sum > 1) out.push_back({P02, -1, refs[i].code, refs[k].date});
        k = m;
      }
    }
    if (is_drug_code(c.code)) {
      // distinct pharmacy visits per month
      std::vector<std::pair<int, int>> mv;  // (month, visit)
      for (size_t k = i; k < j; ++k)
        if (p.visits[static_cast<size_t>(refs[k].visit)].med == M_PHARM) mv.push_back({month_start(refs[k].date), refs[k].visit});
      std::sort(mv.begin(), mv.end());
      mv.erase(std::unique(mv.begin(), mv.end()), mv.end());
      for (size_t k = 0; k < mv.size();) {
        size_t m = k;
        while (m < mv.size() && mv[m].first == mv[k].first) ++m;
        if (static_cast<int>(m - k) > pr.monthly_purchase_limit) out.push_back({P10, -1, refs[i].code, mv[k].first});
        k = m;
      }
    }
    i = j;
  }

  // R02 and R03 over the person's visits.
  {
    const std::string home = city_of(p.region);
    std::vector<int> months;
    std::vector<std::pair<int, std::string>> days;
    for (const Visit& v : p.visits) {
      const std::string vc = city_of(x.insts[static_cast<size_t>(v.inst)].region);
      if (v.med == M_PHARM && vc != home) months.push_back(month_start(v.begin));
      if (v.med != M_INP) days.push_back({v.begin, vc});
    }
    std::sort(months.begin(), months.end());
    for (size_t k = 0; k < months.size();) {
      size_t m = k;
      while (m < months.size() && months[m] == months[k]) ++m;
      if (static_cast<int>(m - k) > pr.cross_region_purchase_limit) out.push_back({R02, -1, -1, months[k]});
      k = m;
    }
    std::sort(days.begin(), days.end());
    for (size_t k = 0; k < days.size();) {
      size_t m = k;
      bool two = false;
      while (m < days.size() && days[m].first == days[k].first) {
        if (days[m].second != days[k].second) two = true;
        ++m;
      }
      if (two) out.push_back({R03, -1, -1, days[k].first});
      k = m;
    }
  }

  // P11: the ID number does not match the registered sex and birth date.
  if (nv > 0) {
    int b;
    char g;
    if (!idcard_decode(p.certno, b, g) || g != p.gender || b != p.birth) out.push_back({P11, -1, -1, -1});
  }

  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

}  // namespace fides::gen
