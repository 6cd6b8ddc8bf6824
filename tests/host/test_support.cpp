#include "test_support.h"

#include <fcntl.h>
#include <iconv.h>
#include <sys/wait.h>
#include <unistd.h>

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
  waitpid(pid, &status, 0);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

std::string without_timings(const std::string& run_json) {
  return std::regex_replace(run_json, std::regex("\"timings\": \\{[^}]*\\}"), "\"timings\": {}");
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

std::string to_gbk(const std::string& utf8) {
  iconv_t cd = iconv_open("GBK", "UTF-8");
  if (cd == (iconv_t)-1) throw std::runtime_error("iconv GBK unavailable");
  std::string out(utf8.size() * 2 + 16, '\0');
  char* in = const_cast<char*>(utf8.data());
  size_t in_left = utf8.size();
  char* dst = out.data();
  size_t dst_left = out.size();
  if (iconv(cd, &in, &in_left, &dst, &dst_left) == (size_t)-1) throw std::runtime_error("not convertible to GBK");
  iconv_close(cd);
  out.resize(out.size() - dst_left);
  return out;
}

}  // namespace fides::test
