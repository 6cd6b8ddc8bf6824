// Access plans (compiler/lower/access_plan.cpp): the plan picks the equality
// index and the memo where expected and falls back to the scan where it must;
// and planned evaluation is byte-identical to the scan (the interpreter with
// and without plans, over the differential generator's random credit files).
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "data_gen.h"
#include "driver/front_end.h"
#include "host/score.h"
#include "interp/interpreter.h"
#include "interp/pack_view.h"
#include "lower/plan.h"

namespace fides::lower {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_file(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

struct Lowered {
  std::unique_ptr<driver::FrontEnd> front;
  Plan plan;
  std::string plans;  // describe_access_plans without the "#id " prefixes
};

std::unique_ptr<Lowered> lower_file(const std::string& main_path, bool access_plans = true) {
  auto l = std::make_unique<Lowered>();
  l->front = driver::run_front_end(main_path, FIDES_STDLIB_DIR);
  REQUIRE(l->front->program);
  std::string diags;
  for (const Diagnostic& d : l->front->diags.sorted()) diags += render_text(d, l->front->sources) + "\n";
  REQUIRE_MESSAGE(!l->front->diags.has_errors(), diags);
  LowerOptions options{"fides 0.1.0"};
  options.access_plans = access_plans;
  l->plan = lower(*l->front->program, l->front->sources, options);
  std::istringstream in(describe_access_plans(l->plan));
  for (std::string line; std::getline(in, line);) l->plans += line.substr(line.find(' ') + 1) + "\n";
  return l;
}

std::unique_ptr<Lowered> lower_source(const std::string& name, const std::string& source) {
  fs::path dir = fs::path(LOWER_TEST_WORK_DIR) / name;
  fs::remove_all(dir);
  write_file(dir / "main.fides", source);
  return lower_file((dir / "main.fides").string());
}

const char* const kRecords = R"(pack "plans" version "1"
param lim: int = 3 "上限"
record Org "机构" key id {
  id: text "编号"
  level: int "等级"
  visits: [Visit] via org
}
record Visit "就诊" key id {
  id: text "编号"
  org: Org "机构"
  doctor: Org? "医师"
  person: text "人员"
  day: date "日期"
  cost: money "费用"
  w: decimal "权重"
  n: int "次数"
}
)";

std::string p_name(const Plan& plan, const AggregatePlan& a) {
  const RecordDescription& rd = plan.description.records[a.peer[0].record];
  return rd.name + "." + rd.fields[a.peer[0].column].name;
}

TEST_CASE("an equality conjunct on a whole record type plans a BY_FIELD index") {
  auto l = lower_source("index", std::string(kRecords) + R"(
rule R1 "同人" {
  for v: Visit
  let n = count(o in Visit where o.person == v.person and o.day >= v.day and o.day - v.day <= 30)
  when n > 1
  message "{count(o in Visit where v.org == o.org)} {sum(o.cost for o in Visit where present(o.doctor) and o.doctor == v.org)}"
}
)");
  const std::string& p = l->plans;
  CHECK(p.find("count(o in Visit): index Visit.person (slot 1) key") != std::string::npos);
  CHECK(p.find("count(o in Visit): index Visit.org (slot 2) key") != std::string::npos);
  CHECK(p.find("sum(o in Visit): index Visit.doctor (slot 3) key") != std::string::npos);
  // One index per (record, field), after the via index of Org.visits.
  const PackDescription& d = l->plan.description;
  REQUIRE(d.indexes.size() == 4);
  CHECK(d.indexes[0].kind == IndexKind::ReverseRef);
  CHECK(d.indexes[1].kind == IndexKind::ByField);
  CHECK(validate(d).empty());
  // The person conjunct leaves the two date conjuncts, in order.
  for (const AggregatePlan& a : l->plan.aggregates)
    if (a.index == 1) {
      CHECK(a.residual.size() == 2);
      CHECK(a.key_kind == sema::TypeKind::text);
      CHECK_FALSE(a.memo);
    }
}

TEST_CASE("the same (record, field) shares one index") {
  auto l = lower_source("shared", std::string(kRecords) + R"(
rule R1 "a" {
  for v: Visit
  when count(o in Visit where o.person == v.person) > count(o in Visit where o.person == v.id and o.n > 0)
}
)");
  CHECK(l->plan.description.indexes.size() == 2);
}

TEST_CASE("fallbacks to the scan") {
  auto l = lower_source("fallback", std::string(kRecords) + R"(
rule R1 "a" {
  for v: Visit
  when count(o in Visit where o.n == v.n + 1) > 0
    or count(o in Visit where 100 / o.n > 1 and o.person == v.person) > 0
    or count(o in Visit where o.w == v.n) > 0
    or count(o in Visit where o.person == o.id) > 0
    or count(o in Visit where o.person != v.person) > 0
    or count(o in v.org.visits where o.person == v.person) > 0
    or count(o in Visit where o.person == v.person or o.n > 0) > 0
}
)");
  // key may fail; fallible conjunct first; int key compared as decimal (a
  // conversion that may overflow); key mentions the variable; not ==; a via
  // collection (already an index); no top-level conjunct.
  CHECK(l->plans.find("index") == std::string::npos);
  CHECK(l->plan.description.indexes.size() == 1);
}

TEST_CASE("an infallible conjunct before the equality is allowed") {
  auto l = lower_source("prefix", std::string(kRecords) + R"(
rule R1 "a" {
  for v: Visit
  when count(o in Visit where o.n > lim and o.person == v.person and 1 / o.n > 0) > 0
}
)");
  CHECK(l->plans.find("count(o in Visit): index Visit.person (slot 1) key") != std::string::npos);
  for (const AggregatePlan& a : l->plan.aggregates)
    if (a.index >= 0) CHECK(a.residual.size() == 2);
}

TEST_CASE("subject-independent aggregates are memoised; dependent ones are not") {
  auto l = lower_source("memo", std::string(kRecords) + R"(
let total = count(o in Visit)
def above(k: int): int = count(o in Visit where o.n > k)
def positive(k: int): int = k + count(o in Visit where o.n > 0)
rule R1 "a" {
  for v: Visit
  let mine = count(o in Visit where o.org == v.org)
  when total > 0 and above(v.n) > positive(1)
    and count(o in Visit where o.n > avg(x.n for x in Visit) ?? 0) > 0
    and count(o in Visit where count(x in Visit where x.person == o.person) > 1) > 0
    and (max(o.person for o in Visit) ?? "") != ""
    and count(o in Visit where o.org.level > lim) > mine
}
scorecard S "s" {
  for g: Org
  item "a" = count(o in Visit where o.org == g)
  grade {
    "A" when score > count(o in Visit where o.n == score)
    "B" otherwise
  }
}
)");
  const std::string& p = l->plans;
  INFO(p);
  auto has = [&](const std::string& s) { return p.find(s) != std::string::npos; };
  CHECK(has("count(o in Visit): scan, memo\n"));                       // total, the outer nested one
  CHECK(has("count(o in Visit): scan\n"));                             // above(k): a def parameter
  CHECK(has("avg(x in Visit): scan, memo, row cache 3\n"));                         // nested, independent
  CHECK(has("count(x in Visit): index Visit.person (slot 2) key"));    // depends on o, indexed
  CHECK(has("max(o in Visit): scan\n"));                               // text result: never memoised
  CHECK(has("count(o in Visit): index Visit.n (slot 3) key"));         // o.n == score: indexed, not memo
  size_t memos = 0;
  for (const AggregatePlan& a : l->plan.aggregates) memos += a.memo;
  // total, positive's, the nested pair (outer + avg), the dup count's outer, org.level > lim
  CHECK(memos == 6);
}

TEST_CASE("peer groups: memoised per distinct value of the subject fields they read") {
  auto l = lower_source("peer", std::string(kRecords) + R"(
def peers(k: int): int = count(o in Visit where o.n == k)
rule R1 "a" {
  for v: Visit
  let lv = v.org.level
  when avg(o.cost for o in Visit where o.org.level == v.org.level) ?? 0 > 0
    and count(o in Visit where o.n > v.n and o.day == v.day) > 0
    and sum(o.cost for o in Visit where o.org.level == lv) > 0
    and peers(v.n) > 0
    and count(o in Visit where present(o.doctor) == present(v.doctor)) > 0
    and count(o in Visit where o.person == v.person) > 0
    and count(o in Visit where o != v) > 0
    and count(o in Visit where o.n == v.n and o.w == v.w and o.day == v.day and o.cost == v.cost) > 0
    and (max(o.person for o in Visit where o.n == v.n) ?? "") != ""
}
scorecard S "s" {
  for g: Org
  item "a" = count(o in Visit where o.org.level == g.level)
  grade {
    "A" when score > count(o in Visit where o.n == score)
    "B" otherwise
  }
}
)");
  const std::string& p = l->plans;
  INFO(p);
  auto has = [&](const std::string& s) { return p.find(s) != std::string::npos; };
  // through a reference chain: indexed by the path Visit.org.level, memoised per Visit.org
  CHECK(has("avg(o in Visit): index Visit.org.level (slot 2) key #18, 0 residual, peer memo on Visit.org, row cache 0\n"));
  CHECK(has("count(o in Visit): index Visit.day (slot 3) key #"));             // two fields, indexed too
  CHECK(has(", peer memo on Visit.day, Visit.n\n"));
  CHECK(has("sum(o in Visit): index Visit.org.level (slot 2) key #47, 0 residual, peer memo on Visit.org, row cache 1\n"));  // a let
  CHECK(has("count(o in Visit): index Visit.n (slot 1) key #4, 0 residual\n"));  // def body: a parameter
  CHECK(has("count(o in Visit): scan, peer memo on Visit.doctor\n"));         // optional key field
  CHECK(has(", 0 residual, peer memo on Visit.person, row cache 2\n"));                   // text key field, by content
  CHECK(has("count(o in Visit): scan\n"));                                    // the subject itself
  CHECK(has("max(o in Visit): index Visit.n (slot 1) key"));                   // text result: no memo
  CHECK(has("count(o in Visit): index Visit.org.level (slot 2) key #136, 0 residual, peer memo on Org.level, row cache 3\n"));  // scorecard subject
  size_t peer = 0;
  for (const AggregatePlan& a : l->plan.aggregates) {
    peer += !a.peer.empty();
    CHECK_FALSE((a.memo && !a.peer.empty()));
    if (a.peer.size() == 1 && p_name(l->plan, a) == "Visit.doctor") CHECK(a.peer[0].optional);
    if (a.peer.size() == 1) CHECK(a.peer[0].text == (p_name(l->plan, a) == "Visit.person"));
  }
  // avg, count(n, day), sum, present(doctor), person (text), scorecard item;
  // not: the def's, o != v, four fields, max (text result), o.n == score.
  CHECK(peer == 6);
}

TEST_CASE("row caches over part of a record: elements that compute an aggregate of their own") {
  auto l = lower_source("part", R"(pack "parts" version "1"
record Org "机构" key id {
  id: text "编号"
  level: int "等级"
  visits: [Visit] via org
}
record Visit "就诊" key id {
  id: text "编号"
  org: Org "机构"
  lines: [Line] via visit
}
record Line "明细" key id {
  id: text "编号"
  visit: Visit "就诊"
  amount: money "金额"
  code: text "编码"
}
def line_total(v: Visit): money = sum(l.amount for l in v.lines)
rule R1 "a" {
  for o: Org
  when sum(sum(l.amount for l in v.lines where l.code != "") for v in o.visits) > 0.00
    and sum(line_total(v) for v in o.visits) > 0.00
    and count(v in o.visits where count(l in v.lines) > 1) > 0
    and count(v in o.visits) > 0
    and sum(sum(l.amount for l in Line where l.visit == v) for v in o.visits) > 0.00
    and sum(count(w in v.org.visits) for v in o.visits) > 0
}
)");
  const std::string& p = l->plans;
  INFO(p);
  auto has = [&](const std::string& s) { return p.find(s) != std::string::npos; };
  // A visit's own line total: kept per Visit row, whether written out or through a def.
  CHECK(has("sum(v in ….visits): scan, row cache 0\n"));
  CHECK(has("sum(v in ….visits): scan, row cache 1\n"));
  CHECK(has("count(v in ….visits): scan, row cache 2\n"));  // a `where` counting the visit's lines
  CHECK(has("count(v in ….visits): scan\n"));                // nothing per element worth keeping
  CHECK(has("sum(l in ….lines): scan\n"));                   // the inner ones: their elements compute no aggregate
  // A record's rows, and a via list of a row reached forward, may change without the visit being reached.
  CHECK_FALSE(has("row cache 3"));
  REQUIRE(l->plan.description.row_cache_records.size() == 3);
  CHECK(l->plan.description.records[l->plan.description.row_cache_records[0]].name == "Visit");
}

TEST_CASE("statistics keyed by a text field are peer-memoised, with the rank in the key's dependencies") {
  auto l = lower_source("stats_peer", std::string(kRecords) + R"(
param q: int = 90
rule R1 "a" {
  for v: Visit
  when median(o.cost for o in Visit where o.person == v.person) ?? 0 > 0
    and percentile(q, o.n for o in Visit where o.person == v.person and o.n == v.n) ?? 0 > 0
    and stddev(o.cost for o in Visit) ?? 0 > 0
    and percentile(v.n, o.cost for o in Visit) ?? 0 > 0
    and count(distinct o.person for o in Visit where o.day == v.day) > 0
}
)");
  const std::string& p = l->plans;
  INFO(p);
  auto has = [&](const std::string& s) { return p.find(s) != std::string::npos; };
  CHECK(has("median(o in Visit): index Visit.person (slot 1) key #"));
  CHECK(has(", 0 residual, peer memo on Visit.person, row cache 0\n"));
  CHECK(has(", 1 residual, peer memo on Visit.person, Visit.n\n"));  // two keys, one of them text
  CHECK(has("stddev(o in Visit): scan, memo, row cache 1\n"));                     // the whole table, once per call
  CHECK(has("percentile(o in Visit): scan, peer memo on Visit.n\n"));  // the rank reads the subject
  CHECK(has("count_distinct(o in Visit): index Visit.day (slot 2) key #"));
}

TEST_CASE("FIDES access plans off: every aggregate scans") {
  fs::path dir = fs::path(LOWER_TEST_WORK_DIR) / "off";
  fs::remove_all(dir);
  write_file(dir / "main.fides", std::string(kRecords) + R"(
rule R1 "a" {
  for v: Visit
  when count(o in Visit where o.person == v.person) > count(o in Visit)
}
)");
  auto l = lower_file((dir / "main.fides").string(), false);
  CHECK(l->plans == "count(o in Visit): scan\ncount(o in Visit): scan\n");
  REQUIRE(l->plan.description.indexes.size() == 1);  // the via index only
  CHECK(l->plan.description.indexes[0].kind == IndexKind::ReverseRef);
}

TEST_CASE("an equality through non-optional references plans a BY_FIELD index over the path") {
  auto l = lower_source("path", std::string(kRecords) + R"(
record Claim "申报" key id {
  id: text "编号"
  visit: Visit "就诊"
  amount: money "金额"
}
rule R1 "同机构" {
  for g: Org
  when sum(c.amount for c in Claim where c.visit.org.id == g.id) > 0
    and count(c in Claim where c.visit.person == "P1") > 0
    and count(c in Claim where (c.visit.doctor?.id ?? "") == g.id) > 0
    and count(c in Claim where present(c.visit.doctor) and c.visit.doctor.level == g.level) > 0
}
)");
  const std::string& p = l->plans;
  INFO(p);
  auto has = [&](const std::string& s) { return p.find(s) != std::string::npos; };
  CHECK(has("sum(c in Claim): index Claim.visit.org.id (slot 1) key #"));  // two references, text value
  CHECK(has("count(c in Claim): index Claim.visit.person (slot 2) key #"));
  // An optional reference on the way (`?.`, or narrowed by present) is not followed: a scan.
  CHECK(has("count(c in Claim): scan"));
  const PackDescription& d = l->plan.description;
  REQUIRE(d.indexes.size() >= 3);
  CHECK(d.indexes[1].kind == IndexKind::ByField);
  CHECK(d.indexes[1].path.size() == 2);
  CHECK(validate(d).empty());
}

// ---- planned ≡ scan, through the interpreter

std::string run(const Lowered& l, const fs::path& data, const fs::path& out, const char* file) {
  interp::PackView view(l.plan.description);
  host::Evaluator ev = interp::make_evaluator(l.plan, view);
  fs::remove_all(out);
  host::ScoreOptions options;
  options.load.data_dir = data.string();
  options.out_dir = out.string();
  options.threads = 2;
  options.progress = false;
  options.program = "lower_tests";
  FILE* err = std::tmpfile();
  int status = host::run_score(ev, options, err);
  std::fclose(err);
  REQUIRE(status == 0);
  return read_file(out / file);
}

void check_equivalent(const std::string& main_path, unsigned seeds) {
  INFO("pack: " << main_path);
  auto planned = lower_file(main_path, true);
  auto scanned = lower_file(main_path, false);
  difftest::Seeds s = difftest::collect_seeds(planned->plan.description);
  std::string slug = fs::path(main_path).stem().string();
  size_t lines = 0;
  for (unsigned seed = 1; seed <= seeds; ++seed) {
    fs::path dir = fs::path(LOWER_TEST_WORK_DIR) / ("eq_" + slug) / ("seed" + std::to_string(seed));
    fs::remove_all(dir);
    // Same records and fields either way: the generator sees the same descriptor but for indexes.
    for (const auto& [record, text] : difftest::generate(scanned->plan.description, s, seed))
      write_file(dir / "data" / (record + ".csv"), text);
    for (const char* file : {"findings.csv", "scores.csv", "errors.csv"}) {
      std::string a = run(*planned, dir / "data", dir / "planned", file);
      std::string b = run(*scanned, dir / "data", dir / "scanned", file);
      CHECK_MESSAGE(a == b, "seed " << seed << ": " << file << " differs between planned and scanned ("
                                    << dir.string() << ")");
      lines += static_cast<size_t>(std::count(a.begin(), a.end(), '\n'));
    }
  }
  MESSAGE(main_path << ": " << lines << " output lines compared");
}

TEST_CASE("planned evaluation is byte-identical to the scan (interpreter)") {
  fs::path packs = fs::path(FIDES_SOURCE_DIR) / "tests" / "differential" / "packs";
  check_equivalent((packs / "stress_access_plans.fides").string(), 6);
  check_equivalent((packs / "stress_aggregates.fides").string(), 3);
  check_equivalent((packs / "stress_peer_groups.fides").string(), 8);
  check_equivalent((packs / "stress_stats.fides").string(), 6);
  check_equivalent((packs / "stress_groups.fides").string(), 4);
}

}  // namespace
}  // namespace fides::lower

namespace fides::lower {
namespace {
TEST_CASE("the differential stress pack exercises indexes, memos and fallbacks") {
  auto l = lower_file(std::string(FIDES_SOURCE_DIR) + "/tests/differential/packs/stress_access_plans.fides");
  const std::string& p = l->plans;
  INFO(p);
  size_t indexed = 0, memo = 0, scans = 0;
  for (const AggregatePlan& a : l->plan.aggregates) {
    if (!a.aggregate) continue;
    indexed += a.index >= 0;
    memo += a.memo;
    scans += a.index < 0 && !a.memo;
  }
  CHECK(indexed >= 30);
  CHECK(memo >= 10);
  CHECK(scans >= 5);
  // Every key type the pack compares: text, int, date, bool, money, decimal, references.
  for (const char* f : {"Item.tag", "Item.v", "Item.d", "Item.flag", "Item.m", "Item.dm", "Item.group", "Item.owner", "Item.w"})
    CHECK_MESSAGE(p.find(std::string("index ") + f + " ") != std::string::npos, f);
  if (std::getenv("FIDES_DUMP_PLANS")) MESSAGE(p);
}

TEST_CASE("the peer-group stress pack plans peer memos of every key kind") {
  auto l = lower_file(std::string(FIDES_SOURCE_DIR) + "/tests/differential/packs/stress_peer_groups.fides");
  const std::string& p = l->plans;
  INFO(p);
  for (const char* f : {"Inst.level", "Inst.tier", "Inst.closed", "Inst.parent", "Inst.ok", "Inst.sev", "Inst.opened",
                        "Inst.cost", "Inst.rate", "Inst.unit"})
    CHECK_MESSAGE(p.find(std::string(" ") + f) != std::string::npos, f);
  CHECK(p.find("peer memo on Inst.level, Inst.ok\n") != std::string::npos);
  CHECK(p.find("peer memo on Inst.level, Inst.tier, Inst.sev\n") != std::string::npos);
  size_t peer = 0;
  for (const AggregatePlan& a : l->plan.aggregates) peer += !a.peer.empty();
  CHECK(peer >= 30);
}
}  // namespace
}  // namespace fides::lower
