#include "test_support.h"

#include <fcntl.h>
#include <iconv.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

namespace fides::test {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "<missing " + path + ">";
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_file(const std::string& path, const std::string& text) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream out(path, std::ios::binary);
  out << text;
}

std::string fresh_dir(const std::string& name) {
  std::string dir = std::string(HOST_TEST_WORK_DIR) + "/" + name;
  std::filesystem::remove_all(dir);
  std::filesystem::remove_all(dir + "_out");  // where tests write a run's outputs beside its inputs
  std::filesystem::create_directories(dir);
  return dir;
}

CommandResult run_command(const std::vector<std::string>& argv) {
  CommandResult result;
  int pipe_fd[2];
  if (pipe(pipe_fd) != 0) return result;
  pid_t pid = fork();
  if (pid == 0) {
    dup2(pipe_fd[1], 2);
    int null_fd = open("/dev/null", O_WRONLY);
    dup2(null_fd, 1);
    close(pipe_fd[0]);
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  close(pipe_fd[1]);
  char buf[4096];
  ssize_t n;
  while ((n = read(pipe_fd[0], buf, sizeof buf)) > 0) result.err.append(buf, n);
  close(pipe_fd[0]);
  int status = 0;
  struct rusage usage {};
  wait4(pid, &status, 0, &usage);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.peak_rss_kb = usage.ru_maxrss;
  return result;
}

const std::string kBasic = std::string(HOST_TEST_DIR) + "/data/basic";
const char* const kCsvOutputs[4] = {"findings.csv", "scores.csv", "errors.csv", "rejects.csv"};

CommandResult score(const std::string& data, const std::string& out, std::vector<std::string> extra,
                    const std::string& pack) {
  std::vector<std::string> argv = {FIDES_SCORE, pack, "--data", data, "--out", out};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return run_command(argv);
}

void write_large_dataset(const std::string& dir, int settlements) {
  std::string inst = "机构编码,机构名称,等级\n";
  for (int i = 0; i < 40; ++i) inst += "H" + std::to_string(i) + ",医院" + std::to_string(i) + "," + std::to_string(i % 4) + "\n";
  std::string person = "人员编号,性别,出生日期,死亡日期,签约机构\n";
  for (int i = 0; i < 5000; ++i)
    person += "P" + std::to_string(i) + "," + (i % 2 ? "男" : "女") + ",19" + std::to_string(40 + i % 60) +
              "-01-0" + std::to_string(1 + i % 9) + "," + (i % 97 == 0 ? "2024-01-01" : "") + "," +
              (i % 3 ? "H" + std::to_string(i % 45) : "") + "\n";
  std::string settle = "结算ID,人员编号,定点机构编码,入院日期,总费用,急诊,风险等级\n";
  for (int i = 0; i < settlements; ++i)
    settle += "S" + std::to_string(i) + ",P" + std::to_string((i * 7) % 5003) + ",H" + std::to_string(i % 41) +
              ",2024-0" + std::to_string(1 + i % 9) + "-1" + std::to_string(i % 10) + "," +
              std::to_string((i * 37) % 1500) + "." + std::to_string(i % 100) + "," + (i % 5 ? "false" : "true") +
              "," + (i % 11 ? "" : "high") + "\n";
  write_file(dir + "/Institution.csv", inst);
  write_file(dir + "/Person.csv", person);
  write_file(dir + "/Settlement.csv", settle);
}

pid_t spawn(const std::vector<std::string>& argv) {
  pid_t pid = fork();
  if (pid == 0) {
    int null_fd = open("/dev/null", O_WRONLY);
    dup2(null_fd, 1);
    dup2(null_fd, 2);
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  return pid;
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

std::string shared_libraries(const std::string& program) {
  FILE* p = popen(("ldd " + program).c_str(), "r");
  if (!p) return "";
  std::string out;
  char buf[512];
  while (fgets(buf, sizeof buf, p)) out += buf;
  return pclose(p) == 0 ? out : "";
}

std::string without_timings(const std::string& run_json) {
  std::string s = std::regex_replace(run_json, std::regex("\"timings\": \\{[^}]*\\}"), "\"timings\": {}");
  return std::regex_replace(s, std::regex("\"pack_sha256\": \"[0-9a-f]{64}\""), "\"pack_sha256\": \"…\"");
}

std::string check_golden(const std::string& golden, const std::string& actual) {
  std::string path = std::string(HOST_TEST_DIR) + "/golden/" + golden;
  const char* update = std::getenv("FIDES_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    write_file(path, actual);
    return "";
  }
  std::string expected = read_file(path);
  if (expected == actual) return "";
  size_t at = 0;
  while (at < expected.size() && at < actual.size() && expected[at] == actual[at]) ++at;
  size_t line = 1 + std::count(expected.begin(), expected.begin() + at, '\n');
  return golden + " differs at line " + std::to_string(line) + " (set FIDES_UPDATE_GOLDEN=1 to rewrite)\n--- expected\n" +
         expected + "\n--- actual\n" + actual;
}

namespace {
std::string convert(const char* to, const char* from, const std::string& text) {
  iconv_t cd = iconv_open(to, from);
  if (cd == (iconv_t)-1) throw std::runtime_error(std::string("iconv ") + from + " to " + to + " unavailable");
  std::string out(text.size() * 2 + 16, '\0');
  char* in = const_cast<char*>(text.data());
  size_t in_left = text.size();
  char* dst = out.data();
  size_t dst_left = out.size();
  size_t r = iconv(cd, &in, &in_left, &dst, &dst_left);
  iconv_close(cd);
  if (r == (size_t)-1) throw std::runtime_error(std::string("not convertible from ") + from + " to " + to);
  out.resize(out.size() - dst_left);
  return out;
}
}  // namespace

std::string to_gbk(const std::string& utf8) { return convert("GBK", "UTF-8", utf8); }

std::string from_gbk(const std::string& gbk) { return convert("UTF-8", "GBK", gbk); }

}  // namespace fides::test
