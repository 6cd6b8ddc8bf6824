// fides-serve as a child process for the server's tests: started on a port
// the system chooses (--listen 127.0.0.1:0), its stdout's first line read for
// the port, its stderr kept in a file, stopped with a signal.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace fides::test {

class ServerProcess {
 public:
  // Starts FIDES_SERVE with `args`; port() is -1 when it did not start.
  explicit ServerProcess(const std::vector<std::string>& args);
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  int port() const { return port_; }
  // Sends `signal`, waits; the exit status, or -1 when it did not exit normally.
  int stop(int signal);
  // Waits for a server that ends by itself (a usage error).
  int wait();
  std::string stderr_text() const;

 private:
  pid_t pid_ = -1;
  int port_ = -1;
  std::string err_path_;
};

}  // namespace fides::test
