// fides-gen: writes realistic credit files of the standard schema, with
// planted findings of every rule of the standard catalogue and their truth.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>

#include "evaluate.h"
#include "generator.h"

#ifndef FIDES_STDLIB_DIR
#define FIDES_STDLIB_DIR "stdlib"
#endif

namespace {

void usage(std::FILE* f) {
  std::fprintf(f,
               "usage: fides-gen --lines N --seed S --out DIR [--tables DIR] [--encoding utf-8|gbk] [--year YYYY] [--broken N]\n"
               "                 [--shuffle] [--quiet]\n"
               "  --lines N      about N fee lines in all (default 20000)\n"
               "  --seed S       the same arguments give byte-identical files (default 1)\n"
               "  --out DIR      folder for the CSV files (created)\n"
               "  --tables DIR   the knowledge tables (default %s/tables)\n"
               "  --encoding E   utf-8 (default) or gbk\n"
               "  --year YYYY    the year of the data (default 2024)\n"
               "  --broken N     append N malformed rows that scoring must reject, listed in broken.csv\n"
               "  --shuffle      the fee lines in an order drawn from the seed, not in visit order\n",
               FIDES_STDLIB_DIR);
}

bool parse_u64(const char* s, uint64_t& v) {
  if (!s || !*s) return false;
  char* end = nullptr;
  unsigned long long x = std::strtoull(s, &end, 10);
  if (*end || s[0] == '-') return false;
  v = x;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace fides::gen;
  Options o;
  o.tables_dir = std::string(FIDES_STDLIB_DIR) + "/tables";
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> const char* {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "fides-gen: %s needs a value\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    uint64_t u = 0;
    if (a == "--lines") {
      if (!parse_u64(value(), u) || u == 0) return std::fprintf(stderr, "fides-gen: --lines needs a positive number\n"), 2;
      o.lines = u;
    } else if (a == "--seed") {
      if (!parse_u64(value(), u)) return std::fprintf(stderr, "fides-gen: --seed needs a number\n"), 2;
      o.seed = u;
    } else if (a == "--out") {
      o.out_dir = value();
    } else if (a == "--tables") {
      o.tables_dir = value();
    } else if (a == "--encoding") {
      std::string e = value();
      if (e == "utf-8" || e == "utf8" || e == "UTF-8") o.encoding = Encoding::Utf8;
      else if (e == "gbk" || e == "GBK" || e == "cp936") o.encoding = Encoding::Gbk;
      else return std::fprintf(stderr, "fides-gen: --encoding is utf-8 or gbk\n"), 2;
    } else if (a == "--year") {
      if (!parse_u64(value(), u) || u < 1900 || u > 9000) return std::fprintf(stderr, "fides-gen: --year needs a year\n"), 2;
      o.year = static_cast<int>(u);
    } else if (a == "--broken") {
      if (!parse_u64(value(), u)) return std::fprintf(stderr, "fides-gen: --broken needs a number\n"), 2;
      o.broken = u;
    } else if (a == "--shuffle") {
      o.shuffle = true;
    } else if (a == "--quiet") {
      o.quiet = true;
    } else if (a == "--help" || a == "-h") {
      usage(stdout);
      return 0;
    } else {
      std::fprintf(stderr, "fides-gen: unknown option %s\n", a.c_str());
      usage(stderr);
      return 2;
    }
  }
  if (o.out_dir.empty()) {
    usage(stderr);
    return 2;
  }
  try {
    Summary s = generate(o);
    for (const std::string& w : s.warnings) std::fprintf(stderr, "fides-gen: warning: %s\n", w.c_str());
    if (!o.quiet) {
      std::printf("fides-gen: %llu fee lines, %llu persons, %llu visits, %llu institutions, %llu staff, %llu stock rows, "
                  "%llu credit events, %llu appeals\n",
                  static_cast<unsigned long long>(s.lines), static_cast<unsigned long long>(s.persons),
                  static_cast<unsigned long long>(s.visits), static_cast<unsigned long long>(s.institutions),
                  static_cast<unsigned long long>(s.staff), static_cast<unsigned long long>(s.stock_rows),
                  static_cast<unsigned long long>(s.events), static_cast<unsigned long long>(s.appeals));
      std::printf("fides-gen: %llu planted findings in truth.csv (%llu side findings), %llu persons regenerated, %.2f s, "
                  "peak memory %.1f MiB\n",
                  static_cast<unsigned long long>(s.truth_rows), static_cast<unsigned long long>(s.side_rows),
                  static_cast<unsigned long long>(s.retries), s.seconds, static_cast<double>(s.peak_rss_kb) / 1024.0);
      std::string per;
      for (int r = 0; r < RULE_COUNT; ++r) {
        per += rule_id(r);
        per += "=" + std::to_string(s.truth_per_rule[static_cast<size_t>(r)]) + (r + 1 < RULE_COUNT ? " " : "");
      }
      std::printf("fides-gen: per rule: %s\n", per.c_str());
      if (o.broken > 0)
        std::printf("fides-gen: %llu malformed rows in broken.csv\n", static_cast<unsigned long long>(s.broken_rows));
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fides-gen: %s\n", e.what());
    return 1;
  }
  return 0;
}
