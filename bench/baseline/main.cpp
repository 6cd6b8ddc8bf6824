// bench-baseline: the benchmark's rule subset hand-written in C++, the
// practical ceiling for the compiled packs. Reads the credit files into
// columns, evaluates the subset, writes rule_id,key,amount and prints the
// load / eval / write times as one line of JSON.
//
//   bench-baseline --data DIR --tables DIR --out FILE [--threads N]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "builtins/fides_builtins.h"
#include "data.h"
#include "rules.h"

namespace {

double ms_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

int usage() {
  std::fprintf(stderr, "usage: bench-baseline --data DIR --tables DIR --out FILE [--threads N]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string data, tables, out;
  long threads = 1;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--data") data = argv[i + 1];
    else if (a == "--tables") tables = argv[i + 1];
    else if (a == "--out") out = argv[i + 1];
    else if (a == "--threads") threads = std::strtol(argv[i + 1], nullptr, 10);
    else return usage();
  }
  if (argc % 2 == 0 || data.empty() || tables.empty() || out.empty() || threads < 1 || threads > 256) return usage();

  const auto t0 = std::chrono::steady_clock::now();
  bench::Knowledge knowledge = bench::read_knowledge(tables);
  bench::Data d;
  bench::load(data, static_cast<size_t>(threads), d);
  const double load_ms = ms_since(t0);

  const auto t1 = std::chrono::steady_clock::now();
  std::vector<bench::RuleResult> results = bench::evaluate(d, knowledge, static_cast<size_t>(threads));
  const double eval_ms = ms_since(t1);

  const auto t2 = std::chrono::steady_clock::now();
  std::FILE* f = std::fopen(out.c_str(), "w");
  if (!f) {
    std::fprintf(stderr, "bench-baseline: cannot write %s\n", out.c_str());
    return 1;
  }
  std::fputs("rule_id,key,amount\n", f);
  size_t findings = 0;
  char amount[64];
  for (const bench::RuleResult& r : results)
    for (const bench::Finding& x : r.findings) {
      amount[fides_format_money(x.amount, amount)] = 0;
      std::fprintf(f, "%s,%s,%s\n", r.id, x.key.c_str(), amount);
      ++findings;
    }
  if (std::fclose(f) != 0) {
    std::fprintf(stderr, "bench-baseline: cannot write %s\n", out.c_str());
    return 1;
  }
  const double write_ms = ms_since(t2);
  std::printf("{\"threads\": %ld, \"load_ms\": %.3f, \"eval_ms\": %.3f, \"write_ms\": %.3f, \"total_ms\": %.3f, "
              "\"input_bytes\": %llu, \"lines\": %zu, \"findings\": %zu}\n",
              threads, load_ms, eval_ms, write_ms, ms_since(t0), static_cast<unsigned long long>(d.input_bytes),
              d.lines.id.size(), findings);
  return 0;
}
