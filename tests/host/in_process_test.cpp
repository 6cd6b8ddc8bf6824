// The host's library API, as the driver and the reference interpreter use it:
// an evaluator given as callables, run in-process over a loaded dataset.
#include <doctest/doctest.h>

#include <atomic>
#include <map>

#include "data/loader.h"
#include "host/evaluate.h"
#include "host/findings_view.h"
#include "host/pack_library.h"
#include "host/masking.h"
#include "host/run_summary_text.h"
#include "host/score.h"
#include "test_support.h"
#include "trust/mask_key.h"

using namespace fides;

namespace {

const fides_pack& fixture() {
  static host::PackLibrary library;
  static bool opened = [] {
    std::string error;
    bool ok = library.open(FIXTURE_PACK, error);
    if (!ok) MESSAGE(error);
    return ok;
  }();
  REQUIRE(opened);
  return *library.descriptor();
}

std::unique_ptr<data::Dataset> load_basic() {
  data::LoadOptions options;
  options.data_dir = test::kBasic;
  data::LoadFailure failure;
  auto d = data::load_dataset(fixture(), options, failure);
  INFO(failure.message);
  REQUIRE(d != nullptr);
  return d;
}

// Every rule and scorecard of the fixture over `d`, in memory.
host::Results evaluate_all(const fides_pack& pack, data::Dataset& d) {
  host::Results results;
  host::Timings timings;
  std::string error;
  bool ok = host::evaluate(host::evaluator_of(pack), d, {}, results, timings, error);
  INFO(error);
  REQUIRE(ok);
  return results;
}

int64_t row_of(const data::Dataset& d, uint32_t record, const char* key) {
  int64_t row = d.records[record].find_row(key);
  REQUIRE(row >= 0);
  return row;
}
}  // namespace

TEST_CASE("an in-process evaluator runs through the same host and gives the same files") {
  const fides_pack& pack = fixture();
  std::atomic<int> rule_calls{0}, card_calls{0};
  host::Evaluator evaluator;
  evaluator.pack = &pack;  // an interpreter would build its own descriptor
  evaluator.eval_rule = [&](const fides_eval_ctx* c, uint32_t i, int64_t b, int64_t e) {
    ++rule_calls;
    return pack.eval_rule(c, i, b, e);
  };
  evaluator.eval_scorecard = [&](const fides_eval_ctx* c, uint32_t i, int64_t b, int64_t e) {
    ++card_calls;
    return pack.eval_scorecard(c, i, b, e);
  };
  host::ScoreOptions options;
  options.load.data_dir = test::kBasic;
  options.out_dir = test::fresh_dir("in_process");
  options.threads = 3;
  options.progress = false;
  CHECK(host::run_score(evaluator, options, stderr) == 0);
  CHECK(rule_calls == 5);
  CHECK(card_calls == 2);
  for (const char* f : {"findings.csv", "scores.csv", "errors.csv", "rejects.csv"})
    CHECK_MESSAGE(test::read_file(options.out_dir + "/" + f) ==
                      test::read_file(std::string(HOST_TEST_DIR) + "/golden/basic/" + f), f);
}

TEST_CASE("evaluate() returns results in memory, rule by rule, in subject order") {
  const fides_pack& pack = fixture();
  auto d = load_basic();
  host::Results results = evaluate_all(pack, *d);
  // R004 (uses hits) sees R001..R003 and R005: P1 has S1 (R001), S2 (R003) and R005 on P1 itself
  // (S1, S2 and S19, which follows an unterminated quote and is read all the same).
  const auto& r004 = results.findings[3];
  REQUIRE(r004.size() == 2);
  CHECK(d->key_of(1, r004[0].row) == "P1");
  CHECK(r004[0].points == 3);
  CHECK(r004[0].amount == 200500000);
  CHECK(d->key_of(1, r004[1].row) == "P6");  // S14 (R001) and R005 on P6 itself
  // R001's error for the negative total is reported for S7.
  REQUIRE(results.rule_errors[0].size() == 1);
  CHECK(d->key_of(2, results.rule_errors[0][0].row) == "S7");
  CHECK(results.rule_errors[3].empty());  // R004 never saw a finding of a rule using hits
}

TEST_CASE("attribution follows references transitively and counts each row once") {
  const fides_pack& pack = fixture();
  auto d = load_basic();
  // One R001 finding on S1: S1 → P1 → H1 (signing institution) and S1 → H1 directly.
  std::vector<host::FindingOut> r001 = {{0, row_of(*d, 2, "S1"), 5, 1, ""}};
  // One R003 finding on S2: S2 → H3 directly, S2 → P1 → H1.
  std::vector<host::FindingOut> r003 = {{2, row_of(*d, 2, "S2"), 7, 1, ""}};
  const data::RowKeyFn key_of = [&d](uint32_t record, int64_t row) { return d->key_of(record, row); };
  host::FindingsView view(pack, d->record_data.data(), key_of, {&r001, &r003});
  const fides_findings_view* v = view.view();
  REQUIRE(v->n == 2);
  CHECK(v->rule[1] == 2);
  CHECK(data::view_of(v->subject_key[1]) == "S2");
  auto findings_of = [&](uint32_t record, const char* key) {
    const fides_index_data& ix = v->by_record[record];
    int64_t row = row_of(*d, record, key);
    return std::vector<int64_t>(ix.rows + ix.offsets[row], ix.rows + ix.offsets[row + 1]);
  };
  CHECK(findings_of(0, "H1") == std::vector<int64_t>{0, 1});
  CHECK(findings_of(0, "H3") == std::vector<int64_t>{1});
  CHECK(findings_of(0, "H2").empty());
  CHECK(findings_of(1, "P1") == std::vector<int64_t>{0, 1});
  CHECK(findings_of(2, "S1") == std::vector<int64_t>{0});
  CHECK(findings_of(2, "S3").empty());
}

TEST_CASE("the summary a supervisor reads: categories, rules, grades, the worst subjects with reasons") {
  const fides_pack& pack = fixture();
  auto d = load_basic();
  host::Results results = evaluate_all(pack, *d);
  CHECK(test::check_golden("basic/summary.txt", host::run_summary_text(pack, *d, host::overview_of(pack, *d, results), "OUT")) == "");
}

TEST_CASE("--mask in the summary: persons by pseudonym, institutions as they are") {
  const fides_pack& pack = fixture();
  auto d = load_basic();
  host::Results results = evaluate_all(pack, *d);
  trust::MaskKey key;
  std::string error;
  REQUIRE(key.read(std::string(HOST_TEST_DIR) + "/data/mask.key", error));
  host::Masking masking(key, pack, *d);
  std::string summary = host::run_summary_text(pack, *d, host::overview_of(pack, *d, results, masking), "OUT");
  CHECK(test::check_golden("masked/summary.txt", summary) == "");
  CHECK(!test::contains(summary, "P1"));
  CHECK(test::contains(summary, key.pseudonym("P1")));
  CHECK(test::contains(summary, "H1 "));
}

TEST_CASE("masking text: every known personal value, longest first, from the start of a character") {
  const fides_pack& pack = fixture();
  auto d = load_basic();
  trust::MaskKey key;
  std::string error;
  REQUIRE(key.read(std::string(HOST_TEST_DIR) + "/data/mask.key", error));
  host::Masking masking(key, pack, *d);
  std::string p1 = key.pseudonym("P1"), p3 = key.pseudonym("P3");
  CHECK(p1.size() == 17);
  CHECK(p1[0] == '~');
  CHECK(p1 != p3);
  // P1 is loaded; P3 only in a rejected row (a bad date), yet known; P9 is no one.
  CHECK(masking.text("人员P1与P3，非P9") == "人员" + p1 + "与" + p3 + "，非P9");
  CHECK(masking.text("P1P1") == p1 + p1);
  CHECK(masking.text("S1,H1") == "S1,H1");
  CHECK(masking.key(1, "P1") == p1);      // Person's key is personal
  CHECK(masking.key(0, "H1") == "H1");    // Institution's is not
  CHECK(masking.value(1, 1, "男") == "男");  // gender is not personal
  CHECK(host::Masking().text("P1") == "P1");
  // A reject: its personal cells by place, the quoted cell in its reason too.
  data::Reject reject{"Person.csv", 4, 4, 6, "bad date in 出生日期: \"1990-02-30\"", "P3,男,1990-02-30,,H2"};
  data::Reject masked = masking.reject(reject);
  CHECK(masked.text == p3 + ",男,1990-02-30,,H2");
  CHECK(masked.reason == reject.reason);
  data::Reject duplicate{"Person.csv", 7, 7, 1, "duplicate key in 人员编号: \"P1\" (first at line 2)", "P1,女,,,"};
  CHECK(masking.reject(duplicate).reason == "duplicate key in 人员编号: \"" + p1 + "\" (first at line 2)");
  // Cells that do not line up with the header: every piece is masked.
  data::Reject ragged{"Settlement.csv", 14, 14, 30, "wrong column count: expected 7 cells, found 3", "S13,P1,\"x"};
  CHECK(masking.reject(ragged).text == key.pseudonym("S13") + "," + p1 + "," + key.pseudonym("\"x"));
}
