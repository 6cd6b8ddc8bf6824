#include "data.h"

#include <cstdio>
#include <cstdlib>

#include "builtins/fides_builtins.h"
#include "parallel.h"

namespace bench {
namespace {

[[noreturn]] void fail(const std::string& what) {
  std::fprintf(stderr, "baseline: %s\n", what.c_str());
  std::exit(1);
}

fides_str str(std::string_view s) { return fides_str{s.data(), static_cast<int64_t>(s.size())}; }

// Numbers and dates parse exactly as the language parses them.
int64_t decimal(std::string_view s) {
  int64_t v = 0;
  if (fides_parse_decimal(str(s), &v) != 0) fail("bad number " + std::string(s));
  return v;
}
int64_t decimal_opt(std::string_view s) { return s.empty() ? kAbsent : decimal(s); }
int64_t integer(std::string_view s) {
  int64_t v = 0;
  if (fides_parse_int(str(s), &v) != 0) fail("bad integer " + std::string(s));
  return v;
}
int64_t integer_opt(std::string_view s) { return s.empty() ? kAbsent : integer(s); }
int32_t date(std::string_view s) {
  int32_t v = 0;
  if (fides_parse_date(str(s), &v) != 0) fail("bad date " + std::string(s));
  return v;
}

int32_t resolve(const KeyMap& m, std::string_view key, const char* what) {
  int32_t i = m.find(key);
  if (i < 0) fail(std::string("unknown ") + what + " " + std::string(key));
  return i;
}

KeyMap key_map(const std::vector<std::string_view>& keys) {
  KeyMap m(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) m.insert(keys[i], static_cast<int32_t>(i));
  return m;
}

size_t count_rows(std::string_view text) {
  size_t n = 0;
  for (char c : text) n += c == '\n';
  return n + (!text.empty() && text.back() != '\n');
}

// The fee lines of one part of FEE_LIST_D.csv, written at rows [first, …) of
// the columns; the references and codes are resolved afterwards.
struct LinePart {
  std::string_view text;
  size_t first = 0, rows = 0;
  std::vector<std::string_view> visit_key, person_key;
  KeyMap local_codes{64};
  std::vector<std::string_view> local_code_text;
};

}  // namespace

void load(const std::string& dir, size_t threads, Data& d) {
  auto open = [&](const char* name) {
    d.files.push_back(std::make_unique<CsvFile>(dir + "/" + name));
    d.input_bytes += d.files.back()->size();
    return d.files.back().get();
  };
  CsvFile* fi = open("FIXMEDINS_B.csv");
  CsvFile* fp = open("PSN_INFO_B.csv");
  CsvFile* fv = open("MDTRT_D.csv");
  CsvFile* fs = open("SETL_D.csv");
  CsvFile* fl = open("FEE_LIST_D.csv");

  std::vector<LinePart> parts;
  for (std::string_view t : fl->parts(threads * 4)) {
    parts.emplace_back();
    parts.back().text = t;
  }
  run_parallel(parts.size(), threads, [&](size_t i) { parts[i].rows = count_rows(parts[i].text); });
  size_t total = 0;
  for (LinePart& p : parts) p.first = total, total += p.rows;
  Lines& L = d.lines;
  L.id.resize(total);
  for (auto* v : {&L.visit, &L.person, &L.date, &L.code}) v->resize(total);
  for (auto* v : {&L.qty, &L.price, &L.amount, &L.price_cap, &L.supply_days}) v->resize(total);

  std::vector<std::string_view> visit_person, visit_inst, setl_visit, setl_inst;
  // The small files are one task each; the fee lines are split in parts.
  const size_t small = 4;
  run_parallel(small + parts.size(), threads, [&](size_t task) {
    if (task == 0) {
      const size_t code = fi->column("fixmedins_code"), type = fi->column("fixmedins_type"), lv = fi->column("hosp_lv");
      for (std::string_view t : fi->parts(1))
        for_each_row(t, fi->columns(), [&](const std::vector<std::string_view>& c) {
          d.institutions.code.push_back(c[code]);
          d.institutions.type.push_back(c[type]);
          d.institutions.level.push_back(integer(c[lv]));
        });
    } else if (task == 1) {
      const size_t id = fp->column("psn_no"), g = fp->column("gend");
      for (std::string_view t : fp->parts(1))
        for_each_row(t, fp->columns(), [&](const std::vector<std::string_view>& c) {
          d.persons.id.push_back(c[id]);
          d.persons.gender.push_back(c[g]);
        });
    } else if (task == 2) {
      Visits& V = d.visits;
      const size_t id = fv->column("mdtrt_id"), psn = fv->column("psn_no"), inst = fv->column("fixmedins_code"),
                   b = fv->column("begntime"), e = fv->column("endtime"), mt = fv->column("med_type"),
                   dg = fv->column("dscg_maindiag_code"), ipt = fv->column("ipt_days"), dr = fv->column("atddr_no");
      for (std::string_view t : fv->parts(1))
        for_each_row(t, fv->columns(), [&](const std::vector<std::string_view>& c) {
          V.id.push_back(c[id]);
          visit_person.push_back(c[psn]);
          visit_inst.push_back(c[inst]);
          V.begin.push_back(date(c[b]));
          V.end.push_back(date(c[e]));
          V.med_type.push_back(c[mt]);
          V.diagnosis.push_back(c[dg]);
          V.inpatient_days.push_back(integer(c[ipt]));
          V.doctor.push_back(c[dr]);
        });
    } else if (task == 3) {
      Settlements& S = d.settlements;
      const size_t v = fs->column("mdtrt_id"), inst = fs->column("fixmedins_code"), tot = fs->column("medfee_sumamt"),
                   fund = fs->column("fund_pay_sumamt");
      for (std::string_view t : fs->parts(1))
        for_each_row(t, fs->columns(), [&](const std::vector<std::string_view>& c) {
          setl_visit.push_back(c[v]);
          setl_inst.push_back(c[inst]);
          S.total.push_back(decimal(c[tot]));
          S.fund.push_back(decimal(c[fund]));
        });
    } else {
      LinePart& p = parts[task - small];
      const size_t id = fl->column("feedetl_sn"), v = fl->column("mdtrt_id"), psn = fl->column("psn_no"),
                   dt = fl->column("fee_ocur_time"), q = fl->column("cnt"), pr = fl->column("pric"),
                   amt = fl->column("det_item_fee_sumamt"), cap = fl->column("pric_uplmt_amt"),
                   code = fl->column("hilist_code"), days = fl->column("prd_days");
      p.visit_key.reserve(p.rows);
      p.person_key.reserve(p.rows);
      size_t r = p.first;
      for_each_row(p.text, fl->columns(), [&](const std::vector<std::string_view>& c) {
        L.id[r] = c[id];
        p.visit_key.push_back(c[v]);
        p.person_key.push_back(c[psn]);
        L.date[r] = date(c[dt]);
        L.qty[r] = decimal(c[q]);
        L.price[r] = decimal(c[pr]);
        L.amount[r] = decimal(c[amt]);
        L.price_cap[r] = decimal_opt(c[cap]);
        L.supply_days[r] = integer_opt(c[days]);
        int32_t next = static_cast<int32_t>(p.local_code_text.size());
        int32_t local = p.local_codes.insert(c[code], next);
        if (local == next) p.local_code_text.push_back(c[code]);
        L.code[r] = local;
        ++r;
      });
    }
  });

  KeyMap inst_map, person_map, visit_map;
  run_parallel(3, threads, [&](size_t i) {
    if (i == 0) inst_map = key_map(d.institutions.code);
    if (i == 1) person_map = key_map(d.persons.id);
    if (i == 2) visit_map = key_map(d.visits.id);
  });
  std::vector<std::vector<int32_t>> code_remap(parts.size());
  for (size_t i = 0; i < parts.size(); ++i)
    for (std::string_view text : parts[i].local_code_text) {
      int32_t next = static_cast<int32_t>(d.codes.size());
      int32_t global = d.code_index.insert(text, next);
      if (global == next) d.codes.push_back(text);
      code_remap[i].push_back(global);
    }
  run_parallel(2 + parts.size(), threads, [&](size_t task) {
    if (task == 0) {
      Visits& V = d.visits;
      V.person.resize(V.id.size());
      V.institution.resize(V.id.size());
      for (size_t i = 0; i < V.id.size(); ++i) {
        V.person[i] = resolve(person_map, visit_person[i], "psn_no");
        V.institution[i] = resolve(inst_map, visit_inst[i], "fixmedins_code");
      }
    } else if (task == 1) {
      Settlements& S = d.settlements;
      S.visit.resize(setl_visit.size());
      S.institution.resize(setl_visit.size());
      for (size_t i = 0; i < setl_visit.size(); ++i) {
        S.visit[i] = resolve(visit_map, setl_visit[i], "mdtrt_id");
        S.institution[i] = resolve(inst_map, setl_inst[i], "fixmedins_code");
      }
    } else {
      size_t i = task - 2;
      const LinePart& p = parts[i];
      for (size_t k = 0; k < p.rows; ++k) {
        size_t r = p.first + k;
        L.visit[r] = resolve(visit_map, p.visit_key[k], "mdtrt_id");
        L.person[r] = resolve(person_map, p.person_key[k], "psn_no");
        L.code[r] = code_remap[i][static_cast<size_t>(L.code[r])];
      }
    }
  });
}

}  // namespace bench
