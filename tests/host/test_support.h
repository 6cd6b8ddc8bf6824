// Helpers for the host's tests: files, temporary folders, running a command,
// and golden files rewritten when FIDES_UPDATE_GOLDEN=1.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace fides::test {

std::string read_file(const std::string& path);
void write_file(const std::string& path, const std::string& text);
// A fresh empty folder under the build tree, named for the test; its sibling
// NAME_out (outputs may not go inside an input folder) is removed too.
std::string fresh_dir(const std::string& name);

struct CommandResult {
  int status = -1;  // exit status, or -1 when the command did not exit normally
  std::string err;  // what it wrote to stderr
  long peak_rss_kb = 0;  // the largest resident set of the command or a child it waited for
};
// Runs argv (no shell), stdout discarded, stderr captured.
CommandResult run_command(const std::vector<std::string>& argv);

// fides-score on the fixture pack (or `pack`) with --data and --out, then `extra`.
CommandResult score(const std::string& data, const std::string& out, std::vector<std::string> extra = {},
                    const std::string& pack = FIXTURE_PACK);
// The fixture's basic dataset, and the four CSV outputs of a run.
extern const std::string kBasic;
extern const char* const kCsvOutputs[4];

// The fixture's three CSV files with 40 institutions, 5000 persons and
// `settlements` settlements (30000: many chunks per rule, findings.csv > 100 kB).
void write_large_dataset(const std::string& dir, int settlements = 30000);

// Starts argv (no shell) with stdout and stderr discarded; the caller waits for it.
pid_t spawn(const std::vector<std::string>& argv);

bool contains(const std::string& s, const std::string& part);

// What `ldd program` prints: the shared libraries it loads; "" when ldd fails.
std::string shared_libraries(const std::string& program);

// run.json with the "timings" object and "pack_sha256" (the pack file's bytes
// depend on the build: paths in debug information) blanked, for comparisons.
std::string without_timings(const std::string& run_json);

// Compares `actual` with the golden file (path relative to tests/host/golden),
// or rewrites the golden file when FIDES_UPDATE_GOLDEN=1. Returns "" when they
// agree, else a description of the first difference.
std::string check_golden(const std::string& golden, const std::string& actual);

// Converts UTF-8 text to GBK and back with iconv (for encoding tests); both
// throw when the text does not convert cleanly.
std::string to_gbk(const std::string& utf8);
std::string from_gbk(const std::string& gbk);

}  // namespace fides::test
