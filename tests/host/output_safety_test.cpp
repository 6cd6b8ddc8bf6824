// Outputs that never lie (spec §9.9, §9.8): runs killed while loading and
// while writing, a full disk, and --out overlapping the inputs. After any of
// them, every output name holds nothing, the earlier run's complete file, or
// this run's complete file, and run.json says finished only when it is true.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <map>
#include <thread>

#include "test_support.h"

using namespace fides::test;
namespace fs = std::filesystem;

namespace {
const std::string kScore = FIDES_SCORE;
const std::string kPack = FIXTURE_PACK;
const char* const kOutputs[5] = {"findings.csv", "scores.csv", "errors.csv", "rejects.csv", "run.json"};
using Files = std::map<std::string, std::string>;  // output name → bytes

Files snapshot(const std::string& dir) {
  Files files;
  for (const char* name : kOutputs)
    if (fs::exists(dir + "/" + name)) files[name] = read_file(dir + "/" + name);
  return files;
}

void restore(const std::string& dir, const Files& files) {
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const auto& [name, bytes] : files) write_file(dir + "/" + name, bytes);
}

bool says_finished(const std::string& run_json) { return contains(run_json, "\"finished\": true"); }

std::vector<std::string> temporaries(const std::string& dir) {
  std::vector<std::string> found;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename().string().find(".partial-") != std::string::npos) found.push_back(e.path().filename());
  return found;
}

// The invariant of §9.9 for the folder `out` after a run that began with
// `earlier` there and, had it completed, would have written `complete`.
void check_never_lies(const std::string& out, const Files& earlier, const Files& complete) {
  Files now = snapshot(out);
  bool all_complete = true, all_earlier = true;
  for (const char* name : kCsvOutputs) {
    auto it = now.find(name);
    bool is_complete = it != now.end() && it->second == complete.at(name);
    bool is_earlier = earlier.count(name) ? it != now.end() && it->second == earlier.at(name) : it == now.end();
    CHECK_MESSAGE((it == now.end() || is_complete || is_earlier), name << " is half-written");
    all_complete &= is_complete;
    all_earlier &= is_earlier;
  }
  if (!now.count("run.json") || !says_finished(now["run.json"])) return;
  // Finished: either this run's files, or the earlier run's left wholly untouched.
  bool untouched = earlier.count("run.json") && now["run.json"] == earlier.at("run.json") && all_earlier;
  CHECK_MESSAGE((all_complete || untouched), "run.json says finished beside files that are not that run's");
}

int wait_exit(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

// The fixture's outputs for the basic data (the "earlier run") and for the
// large data (what a complete run over it writes).
struct Runs {
  std::string large;
  Files earlier, complete;
};

const Runs& runs() {
  static Runs r = [] {
    Runs x;
    x.large = fresh_dir("safety_large");
    write_large_dataset(x.large);
    std::string out = fresh_dir("safety_reference");
    REQUIRE(score(kBasic, out).status == 0);
    x.earlier = snapshot(out);
    REQUIRE(score(x.large, out).status == 0);
    x.complete = snapshot(out);
    return x;
  }();
  return r;
}
}  // namespace

TEST_CASE("a run killed while loading leaves the earlier run's run.json saying unfinished") {
  const Runs& r = runs();
  std::string dir = fresh_dir("safety_kill_load"), out = dir + "_out", fifo = dir + "/Settlement.csv";
  for (const char* f : {"Institution.csv", "Person.csv"}) fs::copy(r.large + "/" + f, dir + "/" + f);
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  restore(out, r.earlier);
  // A FIFO that never ends: the run stays in loading until it is killed.
  int writer = open(fifo.c_str(), O_RDWR | O_NONBLOCK);
  REQUIRE(writer >= 0);
  std::string rows = "结算ID,人员编号,定点机构编码,入院日期,总费用,急诊,风险等级\nS1,P1,H1,2024-01-01,10.00,false,\n";
  REQUIRE(write(writer, rows.data(), rows.size()) == ssize_t(rows.size()));
  pid_t pid = spawn({kScore, kPack, "--data", dir, "--out", out, "--quiet"});
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (read_file(out + "/run.json") == r.earlier.at("run.json") && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  REQUIRE(waitpid(pid, nullptr, WNOHANG) == 0);  // still reading the FIFO
  kill(pid, SIGKILL);
  CHECK(wait_exit(pid) == -SIGKILL);
  close(writer);
  std::string run_json = read_file(out + "/run.json");
  CHECK(contains(run_json, "\"finished\": false"));
  for (const char* name : kCsvOutputs) CHECK(read_file(out + "/" + name) == r.earlier.at(name));
  CHECK(temporaries(out).empty());
}

TEST_CASE("a run killed while writing each output leaves no half-written file and no finished run.json") {
  const Runs& r = runs();
  std::string out = fresh_dir("safety_kill_write") + "/out";
  int killed_while_writing = 0;
  // Kill as soon as the temporary of each output appears; the big ones (about
  // 2.4 MB, 550 kB, 240 kB) take milliseconds to write, so the kill lands
  // mid-file. Each file is tried a few times, as scheduling varies.
  for (const char* target : {"findings.csv", "scores.csv", "rejects.csv", "errors.csv", "run.json"}) {
    for (int attempt = 0; attempt < 3; ++attempt) {
      restore(out, r.earlier);
      std::string prefix = std::string(target) + ".partial-";
      pid_t pid = spawn({kScore, kPack, "--data", r.large, "--out", out, "--quiet"});
      bool seen = false;
      auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
      while (!seen && waitpid(pid, nullptr, WNOHANG) == 0 && std::chrono::steady_clock::now() < deadline) {
        // run.json's temporary appears twice: marking the run unfinished, and at the end.
        bool final_run_json = std::string(target) != "run.json" || read_file(out + "/rejects.csv") != r.earlier.at("rejects.csv");
        for (const std::string& t : temporaries(out)) seen |= final_run_json && t.rfind(prefix, 0) == 0;
      }
      if (seen) {
        kill(pid, SIGKILL);
        killed_while_writing += wait_exit(pid) == -SIGKILL;
      } else {
        wait_exit(pid);  // it ended before the file was seen; the invariant must hold all the same
      }
      check_never_lies(out, r.earlier, r.complete);
      if (seen) break;
    }
  }
  MESSAGE(killed_while_writing << " of 5 runs were killed while writing their target file");
  CHECK(killed_while_writing >= 3);  // at least the three big files
  // The next run clears what killed runs left behind and completes.
  REQUIRE(score(r.large, out).status == 0);
  CHECK(snapshot(out).at("findings.csv") == r.complete.at("findings.csv"));
  CHECK(temporaries(out).empty());
}

TEST_CASE("runs killed at many moments never leave an output that lies") {
  const Runs& r = runs();
  std::string out = fresh_dir("safety_kill_sweep") + "/out";
  for (int ms = 0; ms <= 300; ms += 20) {
    restore(out, r.earlier);
    pid_t pid = spawn({kScore, kPack, "--data", r.large, "--out", out, "--quiet"});
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
    kill(pid, SIGKILL);
    wait_exit(pid);
    check_never_lies(out, r.earlier, r.complete);
  }
}

TEST_CASE("a full disk ends the run with exit 1 and a message, leaving no half-written output") {
  const Runs& r = runs();
  std::string mount_point = std::string(HOST_TEST_WORK_DIR) + "/safety_full_disk";
  umount2(mount_point.c_str(), MNT_DETACH);  // left by an interrupted earlier run, if any
  fresh_dir("safety_full_disk");
  if (mount("fides-test", mount_point.c_str(), "tmpfs", 0, "size=256k") != 0) {
    MESSAGE("skipped: cannot mount a small tmpfs here (" << std::strerror(errno) << "); run the tests as root");
    return;
  }
  struct Unmount {
    std::string at;
    ~Unmount() { umount2(at.c_str(), MNT_DETACH); }
  } unmount{mount_point};
  std::string out = mount_point + "/out";
  CommandResult run = score(r.large, out);
  CHECK(run.status == 1);
  CHECK(contains(run.err, "cannot write " + out + "/findings.csv: No space left on device"));
  check_never_lies(out, {}, r.complete);
  CHECK_FALSE(fs::exists(out + "/findings.csv"));
  CHECK_FALSE(says_finished(read_file(out + "/run.json")));
  CHECK(temporaries(out).empty());
  // An earlier complete run there (small) keeps its files whole and is marked unfinished.
  fs::remove_all(out);
  REQUIRE(score(kBasic, out).status == 0);
  CHECK(score(r.large, out).status == 1);
  check_never_lies(out, r.earlier, r.complete);
  CHECK_FALSE(says_finished(read_file(out + "/run.json")));
}

TEST_CASE("--out that is, contains or lies inside an input is a usage error, and nothing is written") {
  std::string root = fresh_dir("safety_overlap"), data = root + "/data";
  fs::copy(kBasic, data);
  write_file(root + "/tables/price.csv", "");  // (creates the folder)
  fs::copy(std::string(HOST_TEST_DIR) + "/data/basic/Settlement.csv", root + "/Settlement.csv");
  fs::create_directory_symlink(data, root + "/link");
  struct Case {
    std::string out;
    std::vector<std::string> extra;
    std::string says;
  };
  const Case cases[] = {
      {data, {}, "is the --data folder"},
      {data + "/.", {}, "is the --data folder"},
      {root + "/link", {}, "is the --data folder"},
      {data + "/out", {}, "lies inside the --data folder"},
      {root, {}, "contains the --data folder"},
      {root + "/Settlement.csv", {"--input", "Settlement=" + root + "/Settlement.csv"}, "is the input file of Settlement"},
      {root + "/tables", {"--table", "price=" + root + "/tables/price.csv"}, "contains the file of table price"},
  };
  for (const Case& c : cases) {
    auto before = fs::directory_iterator(data);
    size_t files_before = std::distance(before, fs::directory_iterator());
    CommandResult run = score(data, c.out, c.extra);
    CHECK_MESSAGE(run.status == 2, c.out);
    CHECK_MESSAGE(contains(run.err, "--out " + c.out + " " + c.says), run.err);
    CHECK(std::distance(fs::directory_iterator(data), fs::directory_iterator()) == ptrdiff_t(files_before));
    CHECK_FALSE(fs::exists(data + "/run.json"));
  }
  CHECK(read_file(root + "/Settlement.csv") == read_file(std::string(HOST_TEST_DIR) + "/data/basic/Settlement.csv"));
}
