// fides-serve: answers per-claim reviews over HTTP with a compiled pack (spec
// §10). See README.md.
#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "host/evaluator.h"
#include "host/pack_library.h"
#include "tasks/thread_pool.h"
#include "serve/history.h"
#include "serve/http_server.h"
#include "serve/review_service.h"
#include "serve/serve_options.h"

namespace {
using namespace fides;

int fail(int status, const std::string& message) {
  std::fprintf(stderr, "fides-serve: %s\n", message.c_str());
  return status;
}

// SIGTERM and SIGINT stop the server: blocked in every thread, waited for by
// one, which then stops the server the ordinary way.
class StopSignals {
 public:
  StopSignals() {
    sigemptyset(&set_);
    sigaddset(&set_, SIGTERM);
    sigaddset(&set_, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set_, nullptr);
    // A client that vanishes mid-answer must not end the process.
    signal(SIGPIPE, SIG_IGN);
  }
  void watch(serve::HttpServer& server) {
    waiter_ = std::thread([this, &server] {
      int sig = 0;
      sigwait(&set_, &sig);
      received_ = sig;
      server.stop();
    });
  }
  // Once run() has returned: the signal that stopped the server, or 0 when it
  // stopped by itself (the waiting thread is then woken and ends).
  int finish() {
    if (!waiter_.joinable()) return 0;
    int got = received_.load();
    if (!got) pthread_kill(waiter_.native_handle(), SIGTERM);
    waiter_.join();
    return got;
  }

 private:
  sigset_t set_;
  std::thread waiter_;
  std::atomic<int> received_{0};
};
}  // namespace

int main(int argc, char** argv) {
  const auto started = std::chrono::steady_clock::now();
  serve::ServeCommand command;
  std::string error;
  if (!serve::parse_serve_command(argc, argv, command, error)) {
    std::fprintf(stderr, "fides-serve: %s\n%s", error.c_str(), serve::serve_usage());
    return 2;
  }
  if (command.help) {
    std::fputs(serve::serve_usage(), stdout);
    return 0;
  }
  StopSignals signals;
  std::vector<trust::PublicKey> trusted(command.trust_keys.size());
  for (size_t i = 0; i < trusted.size(); ++i)
    if (!trust::read_public_key(command.trust_keys[i], trusted[i], error)) return fail(2, "--trust: " + error);
  host::PackLibrary library;
  if (!library.open(command.pack_path, trusted, error)) return fail(1, "error: " + error);
  const fides_pack& pack = *library.descriptor();

  const unsigned workers = tasks::resolve_threads(command.threads);
  serve::HistoryOptions options;
  options.load = command.load;
  options.have_data = command.have_data;
  options.threads = workers;
  // A row takes at least two bytes of a body ("{}"): no request can add more.
  options.request_rows = static_cast<int64_t>(command.max_body / 2 + 1);
  int status = 0;
  std::unique_ptr<serve::History> history = serve::History::load(host::evaluator_of(pack), options, error, status);
  if (!history) return fail(status, status == 2 ? error : "error: " + error);
  for (const std::string& w : history->dataset().warnings) std::fprintf(stderr, "fides-serve: warning: %s\n", w.c_str());

  serve::ReviewService service(*history, library.origin(), workers);
  if (!service.open(error)) return fail(1, "error: " + error);
  serve::HttpServer server(service, command.max_body, std::max(16u, 4 * workers));
  const int port = server.bind(command.host, command.port, error);
  if (port < 0) return fail(1, "error: " + error);

  int64_t rows = 0;
  for (const data::InputStat& s : history->inputs()) rows += s.loaded;
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::string stages;
  for (const auto& [stage, s] : history->timings())
    stages += (stages.empty() ? "" : ", ") + std::string(stage) + " " + std::to_string(s).substr(0, std::to_string(s).find('.') + 2);
  std::fprintf(stderr,
               "fides-serve: %s %s (hash %.12s): history of %lld rows (%zu rejected), %u workers, ready in %.1f s (%s)\n",
               pack.name, pack.version, pack.hash, static_cast<long long>(rows), history->rejected(), workers, seconds,
               stages.c_str());
  // The one line on stdout, for whoever started the server to learn the port.
  std::printf("listening on %s:%d\n", command.host.c_str(), port);
  std::fflush(stdout);

  signals.watch(server);
  const bool ok = server.run();
  if (int sig = signals.finish()) {
    std::fprintf(stderr, "fides-serve: stopped (%s)\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    return 0;
  }
  return ok ? 0 : fail(1, "error: the server stopped unexpectedly");
}
