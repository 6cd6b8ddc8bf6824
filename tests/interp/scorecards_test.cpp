// Scorecards: base, items clamped to limits, int and decimal scores, bins,
// grades with `score` and knock-out bands, reasons through the host's output;
// and the whole host path (run_score) with the interpreter, example pack included.
#include <doctest/doctest.h>

#include <filesystem>

#include "host/score.h"
#include "interp_support.h"

using namespace fides;
using namespace fides::interp::testing;
using V = std::vector<std::string>;

namespace {
const char* kCard = R"(pack "t" version "1"
record Inst key code {
  code: text
  ratio: decimal
  fines: int
  blacklisted: bool
}
scorecard C "信用" {
  for i: Inst
  let r = i.ratio
  base 1000
  item "罚款" = -100 * i.fines limit -300 to 0
  item "比例" = bins r {
    < 0.30 => 20
    <= 0.45 => 0
    == 0.5 => -5
    otherwise => -30
  }
  item "奖励" = 10 * i.fines limit 0 to 15
  grade {
    "D" when i.blacklisted
    "A" when score >= 1000
    "B" when score >= 900
    "C" otherwise
  }
  reasons 2
}
scorecard Dec {
  for i: Inst
  base 0.5
  item "x" = i.ratio * 2 limit -1 to 0.8
  item "y" = bins i.fines { > 2 => 1  otherwise => 0.25 }
  grade { "G" otherwise }
  reasons 1 highest
}
scorecard Err {
  for i: Inst
  item "z" = 1 / i.fines
  grade { "G" otherwise }
}
)";
const char* kInst = "code,ratio,fines,blacklisted\nH1,0.10,0,false\nH2,0.45,1,false\nH3,0.5,5,false\nH4,0.9,2,true\n";
}  // namespace

TEST_CASE("scorecards: limits, bins, grades, int and decimal scores, errors") {
  std::string src = kCard;
  Run r = run("scorecards", src, {{"Inst", kInst}});
  CHECK(r.scores("C") == V{"H1|1020|A|0,20,0", "H2|910|B|-100,0,10", "H3|710|C|-300,-5,15",
                           "H4|785|D|-200,-30,15"});
  CHECK(r.scores("Dec") == V{"H1|0.95|G|0.2,0.25", "H2|1.55|G|0.8,0.25", "H3|2.3|G|0.8,1",
                             "H4|1.55|G|0.8,0.25"});
  CHECK(r.scores("Err") == V{"H2|1|G|1", "H3|0.2|G|0.2", "H4|0.5|G|0.5"});
  CHECK(r.scorecard_errors("Err") == V{"H1|division by zero at " + where(src, "1 / i.fines")});
}

TEST_CASE("run_score writes findings, scores with reasons and errors through the interpreter") {
  std::string src = std::string(kCard) + R"(
rule R1 "黑名单" {
  for i: Inst
  when i.blacklisted or 1 / i.fines > 0.4
  amount i.ratio * 100
  message "{i.code} 比例 {i.ratio}"
}
)";
  auto c = compile("run_score", src);
  std::string data = c->dir + "/data", out = c->dir + "/out";
  write_file(data + "/Inst.csv", kInst);
  host::Evaluator ev = interp::make_evaluator(c->plan, *c->view);
  host::ScoreOptions options;
  options.load.data_dir = data;
  options.out_dir = out;
  options.threads = 2;
  options.progress = false;
  options.program = "interp-test";
  int status = host::run_score(ev, options, stderr);
  REQUIRE(status == 0);
  CHECK(read_file(out + "/scores.csv") ==
        "scorecard,record,key,score,grade,reasons\n"
        "C,Inst,H1,1020,A,\n"
        "C,Inst,H2,910,B,罚款:-100\n"
        "C,Inst,H3,710,C,罚款:-300; 比例:-5\n"
        "C,Inst,H4,785,D,罚款:-200; 比例:-30\n"
        "Dec,Inst,H1,0.95,G,y:0.25\n"
        "Dec,Inst,H2,1.55,G,x:0.8\n"
        "Dec,Inst,H3,2.3,G,y:1\n"
        "Dec,Inst,H4,1.55,G,x:0.8\n"
        "Err,Inst,H2,1,G,\n"
        "Err,Inst,H3,0.2,G,\n"
        "Err,Inst,H4,0.5,G,\n");
  CHECK(read_file(out + "/findings.csv") ==
        "rule_id,rule_name,category,severity,verdict,record,key,amount,points,message,Inst\n"
        "R1,黑名单,,medium,suspicious,Inst,H2,45.00,0,H2 比例 0.45,H2\n"
        "R1,黑名单,,medium,suspicious,Inst,H4,90.00,0,H4 比例 0.9,H4\n");
  std::string errors = read_file(out + "/errors.csv");
  CHECK(errors.find("rule,R1,Inst,H1,division by zero at main.fides:") != std::string::npos);
  CHECK(errors.find("scorecard,Err,Inst,H1,division by zero at " + where(src, "1 / i.fines")) != std::string::npos);
}

TEST_CASE("results do not depend on threads or chunking") {
  std::string src = kCard;
  std::string many = "code,ratio,fines,blacklisted\n";
  for (int k = 0; k < 500; ++k)
    many += "H" + std::to_string(k) + ",0." + std::to_string(k % 10) + "," + std::to_string(k % 4) + "," +
            (k % 7 == 0 ? "true" : "false") + "\n";
  Run one = run("threads_one", src, {{"Inst", many}}, {}, {}, 1, 2048);
  Run four = run("threads_four", src, {{"Inst", many}}, {}, {}, 4, 7);
  CHECK(one.scores("C") == four.scores("C"));
  CHECK(one.scores("Dec") == four.scores("Dec"));
  CHECK(one.scorecard_errors("Err") == four.scorecard_errors("Err"));
  CHECK(one.scores("C").size() == 500);
}

TEST_CASE("the example pack (examples/hunan) scores end to end with the interpreter") {
  std::string main = std::string(FIDES_SOURCE_DIR) + "/examples/hunan/main.fides";
  auto front = driver::run_front_end(main, FIDES_STDLIB_DIR);
  REQUIRE(front->program);
  std::string diags;
  for (const Diagnostic& d : front->diags.sorted())
    if (d.level == DiagLevel::error) diags += render_text(d, front->sources);
  INFO(diags);
  REQUIRE(!front->diags.has_errors());
  lower::Plan plan = lower::lower(*front->program, front->sources, lower::LowerOptions{"fides 0.1.0"});
  interp::PackView view(plan.description);
  host::Evaluator ev = interp::make_evaluator(plan, view);
  std::string out = fresh_dir("hunan_out");
  host::ScoreOptions options;
  options.load.data_dir = std::string(FIDES_EXAMPLES_DATA_DIR) + "/hunan";
  options.out_dir = out;
  options.progress = false;
  options.program = "interp-test";
  REQUIRE(host::run_score(ev, options, stderr) == 0);
  std::string findings = read_file(out + "/findings.csv");
  std::string errors = read_file(out + "/errors.csv");
  std::string scores = read_file(out + "/scores.csv");
  MESSAGE("errors.csv:\n" << errors);
  CHECK(read_file(out + "/run.json").find("\"finished\": true") != std::string::npos);
  // most rules find something in the example data
  int with_findings = 0;
  for (const auto& r : plan.description.rules)
    if (findings.find("\n" + r.id + ",") != std::string::npos) ++with_findings;
  MESSAGE(with_findings << " of " << plan.description.rules.size() << " rules have findings");
  CHECK(with_findings * 3 >= static_cast<int>(plan.description.rules.size()) * 2);
  CHECK(scores.find("\n机构信用,Institution,") != std::string::npos);
  CHECK(scores.find("\n医师记分,Staff,") != std::string::npos);
}
