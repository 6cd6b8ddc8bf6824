// serve-load: the benchmark's load generator for fides-serve. C connections
// (one thread each, HTTP/1.1 keep-alive, cpp-httplib's client) send POST
// /v1/review with the bodies of a file (one request per line) in turn, each
// connection its next request as soon as the last is answered (a closed
// loop), until N requests have been answered. Latency is the time from
// sending to the whole answer; it prints one JSON object: throughput and
// latency percentiles in milliseconds.
//
//   serve-load --port P --bodies FILE [--host H] [--connections C] [--requests N] [--warmup W]
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

namespace {
struct Options {
  std::string host = "127.0.0.1", bodies;
  int port = 0;
  int connections = 1;
  long requests = 1000, warmup = 100;
};

// A whole decimal number, or false.
template <typename T>
bool number(const std::string& text, T& out) {
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && p == text.data() + text.size();
}

bool parse(int argc, char** argv, Options& o) {
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string name = argv[i], value = argv[i + 1];
    bool ok = true;
    if (name == "--host") o.host = value;
    else if (name == "--port") ok = number(value, o.port);
    else if (name == "--bodies") o.bodies = value;
    else if (name == "--connections") ok = number(value, o.connections);
    else if (name == "--requests") ok = number(value, o.requests);
    else if (name == "--warmup") ok = number(value, o.warmup);
    else return false;
    if (!ok) return false;
  }
  return o.port > 0 && !o.bodies.empty() && o.connections > 0 && o.requests > 0;
}

double percentile(std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  size_t at = static_cast<size_t>(p / 100.0 * static_cast<double>(sorted.size() - 1) + 0.5);
  return sorted[std::min(at, sorted.size() - 1)];
}
}  // namespace

int main(int argc, char** argv) {
  Options o;
  if (!parse(argc, argv, o)) {
    std::fprintf(stderr, "usage: serve-load --port P --bodies FILE [--host H] [--connections C] [--requests N] [--warmup W]\n");
    return 2;
  }
  std::vector<std::string> bodies;
  std::ifstream in(o.bodies);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) bodies.push_back(line);
  if (bodies.empty()) {
    std::fprintf(stderr, "serve-load: no request bodies in %s\n", o.bodies.c_str());
    return 1;
  }
  // Runs `count` requests over all connections; latencies in ms when wanted.
  auto run = [&](long count, std::vector<double>* latencies, long& failed, long& findings) {
    std::atomic<long> next{0}, bad{0}, found{0};
    std::vector<std::vector<double>> per(o.connections);
    std::vector<std::thread> threads;
    for (int c = 0; c < o.connections; ++c)
      threads.emplace_back([&, c] {
        httplib::Client client(o.host, o.port);
        client.set_keep_alive(true);
        client.set_tcp_nodelay(true);  // headers and body leave at once, not 40 ms apart
        client.set_read_timeout(60, 0);
        for (long i; (i = next++) < count;) {
          const std::string& body = bodies[static_cast<size_t>(i) % bodies.size()];
          auto t = std::chrono::steady_clock::now();
          auto res = client.Post("/v1/review", body, "application/json");
          double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
          if (!res || res->status != 200) {
            ++bad;
            continue;
          }
          for (size_t at = 0; (at = res->body.find("\"rule_id\"", at)) != std::string::npos; ++at) ++found;
          per[c].push_back(ms);
        }
      });
    for (std::thread& t : threads) t.join();
    failed = bad;
    findings = found;
    if (latencies)
      for (auto& v : per) latencies->insert(latencies->end(), v.begin(), v.end());
  };
  long failed = 0, findings = 0;
  run(o.warmup, nullptr, failed, findings);
  std::vector<double> latencies;
  auto t = std::chrono::steady_clock::now();
  run(o.requests, &latencies, failed, findings);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
  std::sort(latencies.begin(), latencies.end());
  std::printf(
      "{\"connections\": %d, \"requests\": %ld, \"failed\": %ld, \"seconds\": %.3f, \"per_second\": %.1f, "
      "\"p50_ms\": %.3f, \"p90_ms\": %.3f, \"p99_ms\": %.3f, \"max_ms\": %.3f, \"findings_per_request\": %.2f}\n",
      o.connections, o.requests, failed, seconds, static_cast<double>(o.requests - failed) / seconds,
      percentile(latencies, 50), percentile(latencies, 90), percentile(latencies, 99),
      latencies.empty() ? 0.0 : latencies.back(), static_cast<double>(findings) / static_cast<double>(o.requests));
  return failed ? 1 : 0;
}
