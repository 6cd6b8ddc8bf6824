#include "rules.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <string_view>
#include <unordered_map>

#include "builtins/fides_builtins.h"
#include "parallel.h"

namespace bench {
namespace {

constexpr int64_t kScale = FIDES_DECIMAL_SCALE;

// The standard library's default parameters.
constexpr int64_t kHbA1cInterval = 15;         // hba1c_min_interval_days
constexpr const char* kHbA1cItem = "250303011000000";  // hba1c_items
constexpr int64_t kAmountTolerance = 10000;    // amount_tolerance 0.01
constexpr int64_t kDailyItemTolerance = 1;     // daily_item_tolerance
constexpr int64_t kReadmitDays = 15;           // readmit_days
constexpr int64_t kMonthlyPurchaseLimit = 4;   // monthly_purchase_limit
constexpr int64_t kPeerMinVisits = 30;         // peer_min_visits
constexpr int64_t kPeerCostRatio = 1500000;    // peer_cost_ratio 1.5
constexpr int64_t kMaxDailyVisits = 80;        // max_daily_visits

// Decimal arithmetic of the language (the runtime's own functions); the
// subset's values never leave the decimal range.
int64_t mul(int64_t a, int64_t b) {
  int64_t out = 0;
  fides_dec_mul(a, b, &out);
  return out;
}
int64_t div_int(int64_t a, int64_t n) {
  int64_t out = 0;
  fides_dec_div_int(a, n, &out);
  return out;
}
int64_t round2(int64_t x) {
  int64_t out = 0;
  fides_dec_round_n(x, 2, &out);
  return out;
}

std::string date_text(int32_t d) {
  char buf[16];
  return std::string(buf, fides_format_date(d, buf));
}

int32_t month_start(int32_t d) {
  int32_t y = 0, m = 0, day = 0, out = 0;
  fides_date_to_ymd(d, &y, &m, &day);
  fides_date_from_ymd(y, m, 1, &out);
  return out;
}

std::string join(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (std::string_view p : parts) {
    if (!out.empty()) out += '|';
    out += p;
  }
  return out;
}

bool is_drug(std::string_view code) { return !code.empty() && (code[0] == 'X' || code[0] == 'Z'); }

// upper(trim(code)): the stdlib's icd_category and is_planned_care read codes so.
std::string upper_trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}
std::string icd_category(std::string_view code) { return upper_trim(code).substr(0, 3); }

// A knowledge table's values by code index (absent: `none`).
template <class T, class Parse>
std::vector<T> by_code(const Data& d, const std::vector<std::pair<std::string, std::string>>& table, T none,
                       Parse&& parse) {
  std::vector<T> out(d.codes.size(), none);
  for (const auto& [code, value] : table) {
    int32_t c = d.code_index.find(code);
    if (c >= 0) out[static_cast<size_t>(c)] = parse(value);
  }
  return out;
}
int64_t parse_decimal(const std::string& s) {
  int64_t v = 0;
  fides_parse_decimal(fides_str{s.data(), static_cast<int64_t>(s.size())}, &v);
  return v;
}
int64_t parse_int(const std::string& s) { return std::strtoll(s.c_str(), nullptr, 10); }

struct Context {
  const Data& d;
  const Knowledge& k;
  std::vector<int64_t> visit_fund;  // sum of the visit's settlements' fund
};

// ------------------------------------------------------------------ line rules

// A rule over fee lines: amount_of(i) is line i's finding amount, or nothing.
template <class AmountOf>
std::vector<Finding> each_line(const Lines& L, AmountOf&& amount_of) {
  std::vector<Finding> out;
  for (size_t i = 0; i < L.id.size(); ++i)
    if (std::optional<int64_t> amount = amount_of(i)) out.push_back({std::string(L.id[i]), *amount});
  return out;
}

std::vector<Finding> L01(const Context& x) {
  const Lines& L = x.d.lines;
  std::vector<std::string> allowed = by_code<std::string>(x.d, x.k.gender_items, "", [](const std::string& v) { return v; });
  return each_line(L, [&](size_t i) -> std::optional<int64_t> {
    const std::string& g = allowed[static_cast<size_t>(L.code[i])];
    if (g.empty() || x.d.persons.gender[static_cast<size_t>(L.person[i])] == g) return std::nullopt;
    return L.amount[i];
  });
}

std::vector<Finding> L06(const Context& x) {
  const Lines& L = x.d.lines;
  std::vector<int64_t> min_level = by_code<int64_t>(x.d, x.k.min_level_items, kAbsent, parse_int);
  return each_line(L, [&](size_t i) -> std::optional<int64_t> {
    int64_t need = min_level[static_cast<size_t>(L.code[i])];
    if (need == kAbsent) return std::nullopt;
    int32_t inst = x.d.visits.institution[static_cast<size_t>(L.visit[i])];
    if (x.d.institutions.level[static_cast<size_t>(inst)] >= need) return std::nullopt;
    return L.amount[i];
  });
}

std::vector<Finding> L08(const Context& x) {
  const Lines& L = x.d.lines;
  std::vector<int64_t> caps = by_code<int64_t>(x.d, x.k.price_caps, kAbsent, parse_decimal);
  return each_line(L, [&](size_t i) -> std::optional<int64_t> {
    int64_t cap = caps[static_cast<size_t>(L.code[i])];
    if (cap == kAbsent) cap = L.price_cap[i];
    if (cap == kAbsent || L.price[i] <= cap) return std::nullopt;
    return round2(mul(L.price[i] - cap, L.qty[i]));
  });
}

std::vector<Finding> L10(const Context& x) {
  const Lines& L = x.d.lines;
  return each_line(L, [&](size_t i) -> std::optional<int64_t> {
    int64_t billed = mul(L.qty[i], L.price[i]);
    if (L.amount[i] <= billed + kAmountTolerance) return std::nullopt;
    return round2(L.amount[i] - billed);
  });
}

// ------------------------------------------------------------------ visit groups

std::vector<Finding> V02(const Context& x) {
  const Lines& L = x.d.lines;
  std::vector<std::string> panel = by_code<std::string>(x.d, x.k.panel_of, "", [](const std::string& v) { return v; });
  std::unordered_map<std::string, int64_t> size, price;
  for (const auto& [c, v] : x.k.panel_size) size[c] = parse_int(v);
  for (const auto& [c, v] : x.k.panel_price) price[c] = parse_decimal(v);
  struct Row {
    int32_t visit;
    const std::string* panel;
    int32_t code;
    size_t line;
  };
  std::vector<Row> rows;
  for (size_t i = 0; i < L.id.size(); ++i) {
    const std::string& p = panel[static_cast<size_t>(L.code[i])];
    if (!p.empty()) rows.push_back({L.visit[i], &p, L.code[i], i});
  }
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return a.visit != b.visit ? a.visit < b.visit : *a.panel != *b.panel ? *a.panel < *b.panel : a.code < b.code;
  });
  std::vector<Finding> out;
  for (size_t s = 0, e; s < rows.size(); s = e) {
    int64_t distinct = 0, total = 0;
    for (e = s; e < rows.size() && rows[e].visit == rows[s].visit && *rows[e].panel == *rows[s].panel; ++e) {
      distinct += e == s || rows[e].code != rows[e - 1].code;
      total += L.amount[rows[e].line];
    }
    auto sz = size.find(*rows[s].panel);
    auto pr = price.find(*rows[s].panel);
    if (sz == size.end() || pr == price.end()) continue;
    if (distinct >= sz->second && total > pr->second)
      out.push_back({join({x.d.visits.id[static_cast<size_t>(rows[s].visit)], *rows[s].panel}), total - pr->second});
  }
  return out;
}

std::vector<Finding> V06(const Context& x) {
  const Lines& L = x.d.lines;
  std::vector<char> daily(x.d.codes.size(), 0);
  for (const std::string& c : x.k.once_daily_items)
    if (int32_t i = x.d.code_index.find(c); i >= 0) daily[static_cast<size_t>(i)] = 1;
  std::vector<size_t> rows;
  for (size_t i = 0; i < L.id.size(); ++i)
    if (daily[static_cast<size_t>(L.code[i])] && x.d.visits.med_type[static_cast<size_t>(L.visit[i])] == "21") rows.push_back(i);
  // by visit and item, each group's rows in input order (the first row's price counts)
  std::sort(rows.begin(), rows.end(), [&](size_t a, size_t b) {
    return L.visit[a] != L.visit[b] ? L.visit[a] < L.visit[b] : L.code[a] != L.code[b] ? L.code[a] < L.code[b] : a < b;
  });
  std::vector<Finding> out;
  for (size_t s = 0, e; s < rows.size(); s = e) {
    int64_t qty = 0;
    for (e = s; e < rows.size() && L.visit[rows[e]] == L.visit[rows[s]] && L.code[rows[e]] == L.code[rows[s]]; ++e) qty += L.qty[rows[e]];
    const size_t v = static_cast<size_t>(L.visit[rows[s]]);
    const int64_t limit = (x.d.visits.inpatient_days[v] + kDailyItemTolerance) * kScale;
    if (qty > limit)
      out.push_back({join({x.d.visits.id[v], x.d.codes[static_cast<size_t>(L.code[rows[s]])]}),
                     round2(mul(qty - limit, L.price[rows[s]]))});
  }
  return out;
}

// ------------------------------------------------------------------ person over time

std::vector<Finding> P03(const Context& x) {
  const Lines& L = x.d.lines;
  std::vector<int64_t> interval = by_code<int64_t>(x.d, x.k.min_interval_items, kAbsent, parse_int);
  if (int32_t h = x.d.code_index.find(kHbA1cItem); h >= 0 && interval[static_cast<size_t>(h)] != kAbsent)
    interval[static_cast<size_t>(h)] = kHbA1cInterval;
  std::vector<size_t> rows;
  for (size_t i = 0; i < L.id.size(); ++i)
    if (interval[static_cast<size_t>(L.code[i])] != kAbsent) rows.push_back(i);
  std::sort(rows.begin(), rows.end(), [&](size_t a, size_t b) {
    if (L.person[a] != L.person[b]) return L.person[a] < L.person[b];
    if (L.code[a] != L.code[b]) return L.code[a] < L.code[b];
    return L.date[a] != L.date[b] ? L.date[a] < L.date[b] : a < b;
  });
  std::vector<Finding> out;
  for (size_t s = 0, e; s < rows.size(); s = e) {
    int64_t prev = kAbsent, this_date = kAbsent;  // the latest earlier date, and the current one
    for (e = s; e < rows.size() && L.person[rows[e]] == L.person[rows[s]] && L.code[rows[e]] == L.code[rows[s]]; ++e) {
      size_t i = rows[e];
      if (L.date[i] != this_date) prev = this_date, this_date = L.date[i];
      if (prev != kAbsent && L.date[i] - prev < interval[static_cast<size_t>(L.code[i])])
        out.push_back({std::string(L.id[i]), L.amount[i]});
    }
  }
  return out;
}

std::vector<Finding> P04(const Context& x) {
  const Lines& L = x.d.lines;
  std::vector<char> drug(x.d.codes.size());
  for (size_t c = 0; c < drug.size(); ++c) drug[c] = is_drug(x.d.codes[c]);
  return each_line(L, [&](size_t i) -> std::optional<int64_t> {
    const int64_t days = L.supply_days[i];
    if (!drug[static_cast<size_t>(L.code[i])] || days == kAbsent) return std::nullopt;
    std::string_view mt = x.d.visits.med_type[static_cast<size_t>(L.visit[i])];
    if (mt != "11" && mt != "13" && mt != "14") return std::nullopt;
    const int64_t limit = mt == "13" ? 3 : mt == "14" ? 30 : 7;  // emergency, chronic, outpatient supply days
    if (days <= limit) return std::nullopt;
    return round2(div_int(mul(L.amount[i], (days - limit) * kScale), days));
  });
}

std::vector<Finding> P06(const Context& x) {
  const Visits& V = x.d.visits;
  std::vector<size_t> stays;
  for (size_t v = 0; v < V.id.size(); ++v)
    if (V.med_type[v] == "21") stays.push_back(v);
  std::stable_sort(stays.begin(), stays.end(), [&](size_t a, size_t b) { return V.person[a] < V.person[b]; });
  std::vector<std::string> category(V.id.size());
  for (size_t v : stays) category[v] = icd_category(V.diagnosis[v]);
  std::vector<Finding> out;
  for (size_t s = 0, e; s < stays.size(); s = e) {
    for (e = s; e < stays.size() && V.person[stays[e]] == V.person[stays[s]]; ++e) {}
    for (size_t a = s; a < e; ++a) {
      const size_t v = stays[a];
      const std::string diag = upper_trim(V.diagnosis[v]);
      if (diag == "Z51.0" || diag == "Z51.1" || diag == "Z51.2" || diag == "Z51.8") continue;  // planned care
      for (size_t b = s; b < e; ++b) {
        const size_t o = stays[b];
        if (o != v && V.end[o] <= V.begin[v] && V.begin[v] - V.end[o] <= kReadmitDays && category[o] == category[v]) {
          out.push_back({std::string(V.id[v]), x.visit_fund[v]});
          break;
        }
      }
    }
  }
  return out;
}

std::vector<Finding> P10(const Context& x) {
  const Lines& L = x.d.lines;
  struct Row {
    int32_t person, code, month, visit;
    size_t line;
  };
  std::vector<Row> rows;
  for (size_t i = 0; i < L.id.size(); ++i)
    if (x.d.visits.med_type[static_cast<size_t>(L.visit[i])] == "41" && is_drug(x.d.codes[static_cast<size_t>(L.code[i])]))
      rows.push_back({L.person[i], L.code[i], month_start(L.date[i]), L.visit[i], i});
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return std::tie(a.person, a.code, a.month, a.visit) < std::tie(b.person, b.code, b.month, b.visit);
  });
  std::vector<Finding> out;
  for (size_t s = 0, e; s < rows.size(); s = e) {
    int64_t visits = 0, fee = 0;
    for (e = s; e < rows.size() && rows[e].person == rows[s].person && rows[e].code == rows[s].code && rows[e].month == rows[s].month; ++e) {
      visits += e == s || rows[e].visit != rows[e - 1].visit;
      fee += L.amount[rows[e].line];
    }
    if (visits > kMonthlyPurchaseLimit)
      out.push_back({join({x.d.persons.id[static_cast<size_t>(rows[s].person)], x.d.codes[static_cast<size_t>(rows[s].code)],
                           date_text(rows[s].month)}),
                     fee});
  }
  return out;
}

// ------------------------------------------------------------------ institutions

std::vector<Finding> I02(const Context& x) {
  const Institutions& I = x.d.institutions;
  const size_t n = I.code.size();
  std::vector<int64_t> visits(n, 0), settlements(n, 0), total(n, 0), average(n, 0);
  for (int32_t i : x.d.visits.institution) ++visits[static_cast<size_t>(i)];
  for (size_t s = 0; s < x.d.settlements.visit.size(); ++s) {
    const size_t i = static_cast<size_t>(x.d.settlements.institution[s]);
    ++settlements[i];
    total[i] += x.d.settlements.total[s];
  }
  auto hospital = [&](size_t i) { return I.type[i] == "1"; };
  auto peer = [&](size_t i) { return hospital(i) && visits[i] >= kPeerMinVisits && settlements[i] > 0; };
  std::unordered_map<int64_t, std::vector<int64_t>> by_level;
  for (size_t i = 0; i < n; ++i) {
    average[i] = div_int(total[i], std::max<int64_t>(settlements[i], 1));
    if (peer(i)) by_level[I.level[i]].push_back(average[i]);
  }
  std::unordered_map<int64_t, int64_t> median;
  for (auto& [level, v] : by_level) fides_percentile(v.data(), static_cast<int64_t>(v.size()), 50, false, &median[level]);
  std::vector<Finding> out;
  for (size_t i = 0; i < n; ++i) {
    if (!peer(i)) continue;
    auto m = median.find(I.level[i]);
    if (m != median.end() && average[i] > mul(kPeerCostRatio, m->second))
      out.push_back({std::string(I.code[i]), round2(mul(average[i] - m->second, settlements[i] * kScale))});
  }
  return out;
}

std::vector<Finding> I03(const Context& x) {
  const Visits& V = x.d.visits;
  std::vector<size_t> rows;
  for (size_t v = 0; v < V.id.size(); ++v)
    if (V.med_type[v] != "21" && !V.doctor[v].empty()) rows.push_back(v);
  std::sort(rows.begin(), rows.end(), [&](size_t a, size_t b) {
    return V.doctor[a] != V.doctor[b] ? V.doctor[a] < V.doctor[b] : V.begin[a] < V.begin[b];
  });
  std::vector<Finding> out;
  for (size_t s = 0, e; s < rows.size(); s = e) {
    int64_t fund = 0;
    for (e = s; e < rows.size() && V.doctor[rows[e]] == V.doctor[rows[s]] && V.begin[rows[e]] == V.begin[rows[s]]; ++e)
      fund += x.visit_fund[rows[e]];
    if (static_cast<int64_t>(e - s) > kMaxDailyVisits)
      out.push_back({join({V.doctor[rows[s]], date_text(V.begin[rows[s]])}), fund});
  }
  return out;
}

struct RuleDef {
  const char* id;
  std::vector<Finding> (*eval)(const Context&);
};
constexpr RuleDef kRules[] = {{"L01", L01}, {"L06", L06}, {"L08", L08}, {"L10", L10}, {"V02", V02}, {"V06", V06},
                              {"P03", P03}, {"P04", P04}, {"P06", P06}, {"P10", P10}, {"I02", I02}, {"I03", I03}};

std::vector<std::pair<std::string, std::string>> read_table(const std::string& path, bool with_value) {
  std::ifstream in(path);
  if (!in) {
    std::fprintf(stderr, "baseline: cannot read %s\n", path.c_str());
    std::exit(1);
  }
  std::vector<std::pair<std::string, std::string>> out;
  std::string line;
  std::getline(in, line);  // header: code,value,name or code,name,…
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    size_t c1 = line.find(',');
    size_t c2 = line.find(',', c1 + 1);
    out.emplace_back(line.substr(0, c1), with_value ? line.substr(c1 + 1, c2 - c1 - 1) : "");
  }
  return out;
}

}  // namespace

Knowledge read_knowledge(const std::string& dir) {
  Knowledge k;
  auto map = [&](const char* name) { return read_table(dir + "/" + name + ".csv", true); };
  k.gender_items = map("gender_items");
  k.min_level_items = map("min_level_items");
  k.price_caps = map("price_caps");
  k.panel_of = map("panel_of");
  k.panel_size = map("panel_size");
  k.panel_price = map("panel_price");
  k.min_interval_items = map("min_interval_items");
  for (const auto& [code, unused] : read_table(dir + "/once_daily_items.csv", false)) k.once_daily_items.push_back(code);
  return k;
}

std::vector<RuleResult> evaluate(const Data& d, const Knowledge& k, size_t threads) {
  Context x{d, k, std::vector<int64_t>(d.visits.id.size(), 0)};
  for (size_t s = 0; s < d.settlements.visit.size(); ++s) x.visit_fund[static_cast<size_t>(d.settlements.visit[s])] += d.settlements.fund[s];
  constexpr size_t n = sizeof kRules / sizeof kRules[0];
  std::vector<RuleResult> out(n);
  run_parallel(n, threads, [&](size_t r) { out[r] = RuleResult{kRules[r].id, kRules[r].eval(x)}; });
  return out;
}

}  // namespace bench
