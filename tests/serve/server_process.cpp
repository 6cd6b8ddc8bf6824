#include "server_process.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fcntl.h>

#include "test_support.h"

namespace fides::test {

ServerProcess::ServerProcess(const std::vector<std::string>& args) {
  static int started = 0;
  err_path_ = fresh_dir("server_" + std::to_string(getpid()) + "_" + std::to_string(started++)) + "/stderr.txt";
  int out[2];
  if (pipe(out) != 0) return;
  pid_ = fork();
  if (pid_ == 0) {
    dup2(out[1], 1);
    int err = open(err_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(err, 2);
    close(out[0]);
    std::vector<std::string> argv = {FIDES_SERVE};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char*> c;
    for (std::string& a : argv) c.push_back(a.data());
    c.push_back(nullptr);
    execv(c[0], c.data());
    _exit(127);
  }
  close(out[1]);
  // "listening on 127.0.0.1:PORT\n", or end of file when it did not start.
  FILE* f = fdopen(out[0], "r");
  char line[256] = {0};
  if (f && std::fgets(line, sizeof line, f)) {
    std::string s = line;
    size_t colon = s.rfind(':');
    if (s.rfind("listening on ", 0) == 0 && colon != std::string::npos) port_ = std::stoi(s.substr(colon + 1));
  }
  if (f) std::fclose(f);
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) stop(SIGKILL);
}

int ServerProcess::stop(int signal) {
  if (pid_ <= 0) return -1;
  kill(pid_, signal);
  return wait();
}

int ServerProcess::wait() {
  if (pid_ <= 0) return -1;
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string ServerProcess::stderr_text() const { return read_file(err_path_); }

}  // namespace fides::test
