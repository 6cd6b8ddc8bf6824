// Tests of fides-gen: determinism, the files and their headers against the
// standard schema, ID numbers, settlements, truth rows of every rule, the
// number of lines, GBK output, and the command line.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <algorithm>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "evaluate.h"
#include "generator.h"
#include "idcard.h"
#include "output.h"
#include "shuffle.h"
#include "tables.h"
#include "util.h"

namespace fs = std::filesystem;
using namespace fides::gen;

namespace {

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Csv {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  int col(const std::string& name) const {
    for (size_t i = 0; i < header.size(); ++i)
      if (header[i] == name) return static_cast<int>(i);
    FAIL("no column " << name);
    return -1;
  }
};

Csv read_csv(const fs::path& p) {
  Csv c;
  std::string text = read_file(p);
  size_t pos = 0;
  std::vector<std::string> cells;
  if (read_csv_record(text, pos, cells)) c.header = cells;
  while (read_csv_record(text, pos, cells)) c.rows.push_back(cells);
  return c;
}

fs::path temp_dir(const std::string& name) {
  fs::path p = fs::temp_directory_path() / ("fides_gen_test_" + std::to_string(::getpid()) + "_" + name);
  fs::remove_all(p);
  return p;
}

Options options(uint64_t lines, uint64_t seed, const fs::path& out) {
  Options o;
  o.lines = lines;
  o.seed = seed;
  o.out_dir = out.string();
  o.tables_dir = std::string(FIDES_GEN_TESTDATA) + "/tables";
  o.quiet = true;
  return o;
}

// One generated data set shared by the tests that only read it (removed at exit).
struct SharedData {
  fs::path dir;
  SharedData() : dir(temp_dir("main")) {
    Summary s = generate(options(20000, 7, dir));
    for (const std::string& w : s.warnings) MESSAGE("warning: " << w);
  }
  ~SharedData() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

const fs::path& dataset() {
  static SharedData data;
  return data.dir;
}

int64_t cents(const std::string& s) {
  int64_t v = 0;
  REQUIRE_MESSAGE(parse_money(s, v), "not money: " << s);
  return v;
}

// The record name → input columns of stdlib/std/schema.fides.
std::map<std::string, std::vector<std::string>> schema_columns() {
  std::map<std::string, std::vector<std::string>> out;
  std::istringstream in(read_file(FIDES_GEN_SCHEMA));
  std::string line, record;
  while (std::getline(in, line)) {
    std::string_view t = trim(line);
    if (starts_with(t, "record ")) {
      std::string rest(t.substr(7));
      record = rest.substr(0, rest.find_first_of(" \""));
      out[record];
      continue;
    }
    if (t == "}") {
      record.clear();
      continue;
    }
    if (record.empty() || t.empty() || t[0] == '#' || contains(t, " via ")) continue;
    size_t colon = t.find(':');
    size_t q1 = t.find('"');
    if (colon == std::string_view::npos || q1 == std::string_view::npos) continue;
    size_t q2 = t.find('"', q1 + 1);
    out[record].emplace_back(t.substr(q1 + 1, q2 - q1 - 1));
  }
  return out;
}

}  // namespace

TEST_CASE("the files carry the standard schema's columns under the platform's names") {
  auto schema = schema_columns();
  REQUIRE(schema.size() >= 10);
  for (const FileSpec& f : file_specs()) {
    Csv c = read_csv(dataset() / f.file);
    std::vector<std::string> want(f.columns.begin(), f.columns.end());
    CHECK_MESSAGE(c.header == want, f.file);
    if (f.record[0] == 0) continue;
    REQUIRE_MESSAGE(schema.count(f.record), f.record);
    std::vector<std::string> s = schema[f.record];
    std::set<std::string> a(s.begin(), s.end()), b(want.begin(), want.end());
    CHECK_MESSAGE(a == b, f.record << " columns differ from the schema");
    for (const auto& row : c.rows) REQUIRE_MESSAGE(row.size() == want.size(), f.file << ": a row has " << row.size() << " cells");
  }
}

TEST_CASE("same arguments give byte-identical files; another seed differs") {
  fs::path a = temp_dir("det_a"), b = temp_dir("det_b"), c = temp_dir("det_c");
  generate(options(20000, 11, a));
  generate(options(20000, 11, b));
  generate(options(20000, 12, c));
  for (const FileSpec& f : file_specs()) CHECK_MESSAGE(read_file(a / f.file) == read_file(b / f.file), f.file);
  CHECK(read_file(a / "FEE_LIST_D.csv") != read_file(c / "FEE_LIST_D.csv"));
  CHECK(read_file(a / "PSN_INFO_B.csv") != read_file(c / "PSN_INFO_B.csv"));
  fs::remove_all(a), fs::remove_all(b), fs::remove_all(c);
}

TEST_CASE("about the asked number of fee lines") {
  for (uint64_t n : {20000ULL, 60000ULL}) {
    fs::path d = temp_dir("lines");
    Summary s = generate(options(n, 3, d));
    Csv c = read_csv(d / "FEE_LIST_D.csv");
    CHECK(c.rows.size() == s.lines);
    CHECK_MESSAGE(static_cast<double>(c.rows.size()) >= 0.95 * static_cast<double>(n), c.rows.size());
    CHECK_MESSAGE(static_cast<double>(c.rows.size()) <= 1.05 * static_cast<double>(n), c.rows.size());
    fs::remove_all(d);
  }
}

TEST_CASE("every ID number is valid and matches brdy and gend, except planted P11 persons") {
  Csv p = read_csv(dataset() / "PSN_INFO_B.csv");
  Csv t = read_csv(dataset() / "truth.csv");
  std::unordered_set<std::string> p11;
  for (const auto& r : t.rows)
    if (r[0] == "P11") p11.insert(r[2]);
  REQUIRE(p11.size() >= 3);
  const int id = p.col("psn_no"), cert = p.col("certno"), g = p.col("gend"), b = p.col("brdy");
  int planted_seen = 0;
  for (const auto& r : p.rows) {
    int birth = 0;
    char gend = 0;
    bool ok = idcard_decode(r[static_cast<size_t>(cert)], birth, gend);
    const std::string& bd = r[static_cast<size_t>(b)];
    int y = std::stoi(bd.substr(0, 4)), m = std::stoi(bd.substr(5, 2)), d = std::stoi(bd.substr(8, 2));
    bool matches = ok && gend == r[static_cast<size_t>(g)][0] && birth == days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
    if (p11.count(r[static_cast<size_t>(id)])) {
      CHECK_MESSAGE(!matches, "planted P11 person has a matching ID " << r[static_cast<size_t>(id)]);
      ++planted_seen;
    } else {
      CHECK_MESSAGE(matches, "ID " << r[static_cast<size_t>(cert)] << " of " << r[static_cast<size_t>(id)]);
    }
  }
  CHECK(planted_seen == static_cast<int>(p11.size()));
  // the check character itself
  CHECK(idcard_valid("11010519491231002X"));
  CHECK(!idcard_valid("110105194912310021"));
  CHECK(idcard_valid(make_idcard("430102", days_from_civil(1980, 2, 29), '2', 37)));
}

TEST_CASE("settlements add up: total = sum of lines, fund + account + cash = total") {
  Csv s = read_csv(dataset() / "SETL_D.csv");
  Csv l = read_csv(dataset() / "FEE_LIST_D.csv");
  std::unordered_map<std::string, int64_t> sum, self;
  const int ls = l.col("setl_id"), la = l.col("det_item_fee_sumamt"), lc = l.col("chrgitm_lv");
  for (const auto& r : l.rows) {
    sum[r[static_cast<size_t>(ls)]] += cents(r[static_cast<size_t>(la)]);
    if (r[static_cast<size_t>(lc)] == "3") self[r[static_cast<size_t>(ls)]] += cents(r[static_cast<size_t>(la)]);
  }
  const int id = s.col("setl_id"), tot = s.col("medfee_sumamt"), own = s.col("fulamt_ownpay_amt"), cov = s.col("inscp_amt"),
            fund = s.col("fund_pay_sumamt"), acct = s.col("acct_pay"), cash = s.col("cash_payamt");
  for (const auto& r : s.rows) {
    const std::string& k = r[static_cast<size_t>(id)];
    int64_t t = cents(r[static_cast<size_t>(tot)]);
    CHECK_MESSAGE(t == sum[k], k);
    CHECK_MESSAGE(cents(r[static_cast<size_t>(own)]) == self[k], k);
    CHECK_MESSAGE(cents(r[static_cast<size_t>(cov)]) == t - self[k], k);
    int64_t f = cents(r[static_cast<size_t>(fund)]), a = cents(r[static_cast<size_t>(acct)]), c = cents(r[static_cast<size_t>(cash)]);
    CHECK_MESSAGE(f + a + c == t, k);
    CHECK(f >= 0);
    CHECK(a >= 0);
    CHECK(c >= 0);
  }
}

TEST_CASE("every rule of the catalogue has at least three planted findings, with existing subjects") {
  Csv t = read_csv(dataset() / "truth.csv");
  std::map<std::string, int> per_rule;
  for (const auto& r : t.rows) ++per_rule[r[0]];
  for (int rule = 0; rule < RULE_COUNT; ++rule) CHECK_MESSAGE(per_rule[rule_id(rule)] >= 3, rule_id(rule));
  // each key names a row of the subject's file (groups by their first part)
  std::map<std::string, std::unordered_set<std::string>> keys;
  auto load = [&](const char* file, const char* rec, const char* col) {
    Csv c = read_csv(dataset() / file);
    int k = c.col(col);
    for (const auto& r : c.rows) keys[rec].insert(r[static_cast<size_t>(k)]);
  };
  load("FEE_LIST_D.csv", "FeeLine", "feedetl_sn");
  load("MDTRT_D.csv", "Visit", "mdtrt_id");
  load("PSN_INFO_B.csv", "Person", "psn_no");
  load("FIXMEDINS_B.csv", "Institution", "fixmedins_code");
  load("DRUG_STOCK_D.csv", "StockMove", "invt_id");
  load("PRAC_PSN_B.csv", "Staff", "prac_psn_code");
  load("PSN_INFO_B.csv", "Phone", "tel");
  for (const auto& r : t.rows) {
    const std::string& rec = r[1];
    std::string first = r[2].substr(0, r[2].find('|'));
    std::string where = rec;
    if (rec == "VisitPanel" || rec == "VisitDailyItem") where = "Visit";
    else if (rec == "PersonCourse" || rec == "PersonItemDay" || rec == "PersonDrugMonth" || rec == "CrossRegionPurchases" ||
             rec == "PersonDay")
      where = "Person";
    else if (rec == "DoctorDay") where = "Staff";
    else if (rec == "SharedPhone") where = "Phone";
    CHECK_MESSAGE(rule_from_id(r[0]) >= 0, r[0]);
    CHECK_MESSAGE(std::string(rule_record(rule_from_id(r[0]))) == rec, r[0] << " " << rec);
    CHECK_MESSAGE(keys[where].count(first), r[0] << " " << r[2]);
  }
  // truth_side.csv exists with its header
  Csv side = read_csv(dataset() / "truth_side.csv");
  CHECK(side.header == std::vector<std::string>{"rule_id", "record", "key", "because"});
}

TEST_CASE("references resolve and rows come in visit order") {
  std::unordered_set<std::string> inst, staff, person, visit, setl;
  {
    Csv c = read_csv(dataset() / "FIXMEDINS_B.csv");
    for (const auto& r : c.rows) inst.insert(r[0]);
    Csv s = read_csv(dataset() / "PRAC_PSN_B.csv");
    for (const auto& r : s.rows) {
      staff.insert(r[0]);
      CHECK(inst.count(r[static_cast<size_t>(s.col("fixmedins_code"))]));
    }
  }
  Csv p = read_csv(dataset() / "PSN_INFO_B.csv");
  for (const auto& r : p.rows) person.insert(r[0]);
  Csv v = read_csv(dataset() / "MDTRT_D.csv");
  std::string last_person;
  std::unordered_set<std::string> done;
  for (const auto& r : v.rows) {
    visit.insert(r[0]);
    const std::string& who = r[static_cast<size_t>(v.col("psn_no"))];
    CHECK(person.count(who));
    CHECK(inst.count(r[static_cast<size_t>(v.col("fixmedins_code"))]));
    const std::string& doc = r[static_cast<size_t>(v.col("atddr_no"))];
    if (!doc.empty()) CHECK(staff.count(doc));
    // a person's visits are together
    if (who != last_person) {
      CHECK_MESSAGE(!done.count(who), "visits of " << who << " are not together");
      done.insert(last_person);
      last_person = who;
    }
  }
  Csv s = read_csv(dataset() / "SETL_D.csv");
  for (const auto& r : s.rows) {
    setl.insert(r[0]);
    CHECK(visit.count(r[1]));
  }
  Csv l = read_csv(dataset() / "FEE_LIST_D.csv");
  for (const auto& r : l.rows) {
    CHECK(setl.count(r[1]));
    CHECK(visit.count(r[2]));
    CHECK(person.count(r[3]));
    const std::string& doc = r[static_cast<size_t>(l.col("bilg_dr_codg"))];
    if (!doc.empty()) CHECK(staff.count(doc));
    CHECK_MESSAGE(cents(r[static_cast<size_t>(l.col("det_item_fee_sumamt"))]) >= 0, r[0]);
  }
  Csv d = read_csv(dataset() / "SETL_LIST_DIAG_D.csv");
  for (const auto& r : d.rows) CHECK(setl.count(r[1]));
}

TEST_CASE("the region: cities of one province, hospitals of levels 1-3, clinics and pharmacies") {
  Csv c = read_csv(dataset() / "FIXMEDINS_B.csv");
  std::set<std::string> cities;
  std::map<std::string, int> kinds;
  for (const auto& r : c.rows) {
    const std::string& code = r[0];
    const std::string& region = r[static_cast<size_t>(c.col("admdvs"))];
    CHECK(region.size() == 6);
    CHECK(region.substr(0, 2) == "43");
    cities.insert(region.substr(0, 4));
    CHECK(code.size() == 12);
    if (r[static_cast<size_t>(c.col("fixmedins_type"))] == "2") {
      CHECK(code[0] == 'P');
      ++kinds["pharmacy"];
    } else {
      CHECK(code[0] == 'H');
      ++kinds["level" + r[static_cast<size_t>(c.col("hosp_lv"))]];
    }
  }
  CHECK(cities.size() >= 4);
  for (const char* k : {"pharmacy", "level0", "level1", "level2", "level3"}) CHECK_MESSAGE(kinds[k] >= 1, k);
  Csv v = read_csv(dataset() / "MDTRT_D.csv");
  std::set<std::string> med;
  for (const auto& r : v.rows) med.insert(r[static_cast<size_t>(v.col("med_type"))]);
  CHECK(med == std::set<std::string>{"11", "13", "14", "21", "41"});
}

TEST_CASE("data lies exactly on the clean side of the boundaries too") {
  Csv v = read_csv(dataset() / "MDTRT_D.csv");
  Csv l = read_csv(dataset() / "FEE_LIST_D.csv");
  Csv p = read_csv(dataset() / "PSN_INFO_B.csv");
  Csv t = read_csv(dataset() / "truth.csv");
  Csv ins = read_csv(dataset() / "FIXMEDINS_B.csv");
  std::unordered_set<std::string> truth_keys;
  for (const auto& r : t.rows) truth_keys.insert(r[2]);
  std::unordered_map<std::string, const std::vector<std::string>*> visit;
  for (const auto& r : v.rows) visit[r[0]] = &r;
  std::unordered_map<std::string, std::string> inst_city;
  for (const auto& r : ins.rows) inst_city[r[0]] = r[static_cast<size_t>(ins.col("admdvs"))].substr(0, 4);
  std::unordered_map<std::string, std::string> person_city;
  for (const auto& r : p.rows) person_city[r[0]] = r[static_cast<size_t>(p.col("insu_admdvs"))].substr(0, 4);
  const int vmed = v.col("med_type"), vperson = v.col("psn_no"), vinst = v.col("fixmedins_code"), vbegin = v.col("begntime"),
            vend = v.col("endtime"), vdiag = v.col("dscg_maindiag_code"), vdoc = v.col("atddr_no");
  // supply of exactly 7, 3 and 30 days (P04), amount = qty × price + 0.01 (L10)
  std::set<std::string> supplies;
  bool l10 = false;
  const int lcnt = l.col("cnt"), lpric = l.col("pric"), lamt = l.col("det_item_fee_sumamt"), ldays = l.col("prd_days");
  std::map<std::tuple<std::string, std::string, std::string>, std::set<std::string>> purchases;  // person, drug, month → visits
  for (const auto& r : l.rows) {
    const auto& vr = *visit[r[2]];
    const std::string& med = vr[static_cast<size_t>(vmed)];
    if (!r[static_cast<size_t>(ldays)].empty()) supplies.insert(med + ":" + r[static_cast<size_t>(ldays)]);
    if (!truth_keys.count(r[0]) &&
        cents(r[static_cast<size_t>(lamt)]) == std::stoll(r[static_cast<size_t>(lcnt)]) * cents(r[static_cast<size_t>(lpric)]) + 1)
      l10 = true;
    const std::string& code = r[static_cast<size_t>(l.col("hilist_code"))];
    if (med == "41" && (code[0] == 'X' || code[0] == 'Z'))
      purchases[{r[3], code, r[static_cast<size_t>(l.col("fee_ocur_time"))].substr(0, 7)}].insert(r[2]);
  }
  CHECK(supplies.count("11:7"));
  CHECK(supplies.count("13:3"));
  CHECK(supplies.count("14:30"));
  CHECK(l10);
  bool four = false;
  for (const auto& [k, vs] : purchases) four = four || vs.size() == 4;
  CHECK_MESSAGE(four, "a drug bought exactly four times in a month (P10)");
  // readmission after exactly 16 days with the same diagnosis (P06); a doctor
  // with exactly 80 visits in a day (I03); six cross-region purchases in a
  // month (R02); five persons sharing a phone (I04) without being planted
  std::map<std::string, std::vector<std::pair<int, int>>> stays;  // person|category → (begin, end)
  std::map<std::pair<std::string, std::string>, int> doctor_day;
  std::map<std::pair<std::string, std::string>, int> cross_month;
  auto day = [](const std::string& s) {
    return days_from_civil(std::stoi(s.substr(0, 4)), static_cast<unsigned>(std::stoi(s.substr(5, 2))), static_cast<unsigned>(std::stoi(s.substr(8, 2))));
  };
  for (const auto& r : v.rows) {
    const std::string& med = r[static_cast<size_t>(vmed)];
    if (med == "21") stays[r[static_cast<size_t>(vperson)] + "|" + r[static_cast<size_t>(vdiag)].substr(0, 3)].push_back({day(r[static_cast<size_t>(vbegin)]), day(r[static_cast<size_t>(vend)])});
    else if (!r[static_cast<size_t>(vdoc)].empty()) ++doctor_day[{r[static_cast<size_t>(vdoc)], r[static_cast<size_t>(vbegin)]}];
    if (med == "41" && inst_city[r[static_cast<size_t>(vinst)]] != person_city[r[static_cast<size_t>(vperson)]])
      ++cross_month[{r[static_cast<size_t>(vperson)], r[static_cast<size_t>(vbegin)].substr(0, 7)}];
  }
  bool sixteen = false;
  for (const auto& [k, ss] : stays)
    for (const auto& a : ss)
      for (const auto& b : ss) sixteen = sixteen || b.first - a.second == 16;
  CHECK_MESSAGE(sixteen, "a readmission after exactly 16 days");
  bool eighty = false;
  for (const auto& [k, n] : doctor_day) eighty = eighty || n == 80;
  CHECK(eighty);
  bool six = false;
  for (const auto& [k, n] : cross_month) six = six || n == 6;
  CHECK(six);
  std::map<std::string, int> phones;
  for (const auto& r : p.rows)
    if (!r[static_cast<size_t>(p.col("tel"))].empty()) ++phones[r[static_cast<size_t>(p.col("tel"))]];
  bool five_clean = false, four_phone = false;
  for (const auto& [ph, n] : phones) {
    five_clean = five_clean || (n == 5 && !truth_keys.count(ph));
    four_phone = four_phone || n == 4;
  }
  CHECK(five_clean);
  CHECK(four_phone);
}

TEST_CASE("GBK output is the UTF-8 output re-encoded") {
  fs::path u = temp_dir("utf8"), g = temp_dir("gbk");
  Options ou = options(8000, 5, u), og = options(8000, 5, g);
  og.encoding = Encoding::Gbk;
  generate(ou);
  generate(og);
  for (const FileSpec& f : file_specs()) {
    std::string gb = read_file(g / f.file), ut = read_file(u / f.file);
    CHECK_MESSAGE(gbk_to_utf8(gb) == ut, f.file);
  }
  CHECK(read_file(g / "PSN_INFO_B.csv") != read_file(u / "PSN_INFO_B.csv"));  // names differ in bytes
  fs::remove_all(u), fs::remove_all(g);
}

TEST_CASE("--broken appends malformed rows, lists them in broken.csv, and leaves the rest as it was") {
  fs::path plain = temp_dir("plain"), broken = temp_dir("broken");
  generate(options(20000, 4, plain));
  CHECK_FALSE(fs::exists(plain / "broken.csv"));
  Options o = options(20000, 4, broken);
  o.broken = 14;  // every kind once, and the first two again
  Summary s = generate(o);
  // Each file is the plain file with lines appended.
  struct Appended {
    size_t first_line = 0;          // the first appended line (the header is line 1)
    std::vector<std::string> lines;
  };
  std::map<std::string, Appended> appended;
  for (const FileSpec& f : file_specs()) {
    std::string a = read_file(plain / f.file), b = read_file(broken / f.file);
    REQUIRE_MESSAGE(b.compare(0, a.size(), a) == 0, f.file);
    Appended& x = appended[f.file];
    x.first_line = static_cast<size_t>(std::count(a.begin(), a.end(), '\n')) + 1;
    std::istringstream rest(b.substr(a.size()));
    for (std::string line; std::getline(rest, line);) x.lines.push_back(line);
  }
  // broken.csv names exactly the appended lines, each with the host's reason phrase.
  Csv side = read_csv(broken / "broken.csv");
  CHECK(side.header == std::vector<std::string>{"file", "line", "column", "reason"});
  CHECK(side.rows.size() == s.broken_rows);
  CHECK(side.rows.size() == 15);  // 14, and the fee line of the settlement with an unknown institution
  std::map<std::string, std::set<size_t>> listed;
  std::set<std::string> reasons;
  for (const auto& r : side.rows) {
    const Appended& x = appended[r[0]];
    size_t line = std::stoul(r[1]);
    CHECK_MESSAGE(line >= x.first_line, r[0] << " line " << line << " is not an appended line");
    CHECK_MESSAGE(line < x.first_line + x.lines.size(), r[0] << " line " << line << " is past the end");
    listed[r[0]].insert(line);
    reasons.insert(r[3]);
    if (r[3] == "wrong column count" && line >= x.first_line && line < x.first_line + x.lines.size()) {
      const std::string& text = x.lines[line - x.first_line];
      size_t cells = static_cast<size_t>(std::count(text.begin(), text.end(), ',')) + 1;
      CHECK(cells < read_csv(plain / r[0]).header.size());
    }
  }
  for (const auto& [file, x] : appended) CHECK_MESSAGE(listed[file].size() == x.lines.size(), file);
  CHECK(reasons == std::set<std::string>{"bad number", "bad date", "unresolved reference", "reference to rejected row",
                                         "duplicate key", "wrong column count", "missing value"});
  fs::remove_all(plain), fs::remove_all(broken);
}

TEST_CASE("tables: a missing table is a warning, and the generator still runs") {
  fs::path t = temp_dir("tables"), d = temp_dir("tables_out");
  fs::create_directories(t);
  fs::copy_file(std::string(FIDES_GEN_TESTDATA) + "/tables/once_daily_items.csv", t / "once_daily_items.csv");
  Options o = options(5000, 1, d);
  o.tables_dir = t.string();
  Summary s = generate(o);
  bool warned = false;
  for (const std::string& w : s.warnings) warned = warned || contains(w, "gender_items");
  CHECK(warned);
  CHECK(s.lines > 0);
  fs::remove_all(t), fs::remove_all(d);
}

TEST_CASE("--shuffle: the same fee lines in another order drawn from the seed, the other files unchanged") {
  fs::path plain = temp_dir("shuf_plain"), a = temp_dir("shuf_a"), b = temp_dir("shuf_b");
  generate(options(5000, 4, plain));
  Options o = options(5000, 4, a);
  o.shuffle = true;
  generate(o);
  o.out_dir = b.string();
  generate(o);
  for (const FileSpec& f : file_specs()) {
    if (std::string(f.file) == "FEE_LIST_D.csv") continue;
    CHECK_MESSAGE(read_file(plain / f.file) == read_file(a / f.file), f.file);
  }
  std::string shuffled = read_file(a / "FEE_LIST_D.csv");
  CHECK(shuffled == read_file(b / "FEE_LIST_D.csv"));
  std::string ordered = read_file(plain / "FEE_LIST_D.csv");
  CHECK(shuffled != ordered);
  auto rows = [](const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
  };
  std::vector<std::string> x = rows(ordered), y = rows(shuffled);
  REQUIRE(x.size() == y.size());
  CHECK(x.front() == y.front());  // the header stays first
  std::sort(x.begin() + 1, x.end());
  std::sort(y.begin() + 1, y.end());
  CHECK(x == y);
  fs::remove_all(plain), fs::remove_all(a), fs::remove_all(b);
}

TEST_CASE("shuffle_csv_rows: many buckets, quoted line breaks, a last row without its line break") {
  fs::path d = temp_dir("shuf_rows");
  fs::create_directories(d);
  std::string text = "h1,h2\n";
  for (int i = 0; i < 500; ++i) text += std::to_string(i) + (i % 7 == 0 ? ",\"a\nb\"\"c\"\n" : ",x\n");
  text += "last,row";
  std::ofstream(d / "t.csv", std::ios::binary) << text;
  shuffle_csv_rows((d / "t.csv").string(), 99, 256);  // about 20 buckets
  std::string out = read_file(d / "t.csv");
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(d)) files += e.is_regular_file();
  CHECK(files == 1);  // the bucket files are gone
  std::vector<std::string> want, got;
  size_t pos = 0;
  std::vector<std::string> cells;
  std::string with_break = text + "\n";
  while (read_csv_record(with_break, pos, cells)) want.push_back(cells[0] + "|" + cells[1]);
  pos = 0;
  while (read_csv_record(out, pos, cells)) got.push_back(cells[0] + "|" + cells[1]);
  REQUIRE(got.size() == want.size());
  CHECK(got.front() == "h1|h2");
  CHECK(got != want);
  std::sort(want.begin(), want.end());
  std::sort(got.begin(), got.end());
  CHECK(got == want);
  fs::remove_all(d);
}

TEST_CASE("the command line") {
  fs::path d = temp_dir("cli");
  std::string bin = FIDES_GEN_BINARY;
  auto run = [&](const std::string& args) {
    int rc = std::system((bin + " " + args + " >/dev/null 2>&1").c_str());
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  };
  CHECK(run("--help") == 0);
  CHECK(run("--lines") == 2);
  CHECK(run("--lines 100 --bogus") == 2);
  CHECK(run("--lines 100") == 2);  // no --out
  CHECK(run("--lines 100 --out " + d.string() + " --encoding latin1") == 2);
  CHECK(run("--lines 100 --out " + d.string() + " --broken many") == 2);
  CHECK(run("--lines 3000 --seed 9 --year 2023 --out " + d.string() + " --tables " + FIDES_GEN_TESTDATA + "/tables") == 0);
  Csv v = read_csv(d / "MDTRT_D.csv");
  REQUIRE(!v.rows.empty());
  for (const auto& r : v.rows) CHECK(r[static_cast<size_t>(v.col("begntime"))].substr(0, 4) == "2023");
  fs::remove_all(d);
}
