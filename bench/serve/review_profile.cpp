// serve-profile: where a fides-serve review's time goes, without HTTP. Loads
// the pack and history as fides-serve does, then reviews each body of a file
// (one request per line) on one worker overlay, timing each step: JSON
// parse, request rows, overlay (rows written, indexes patched, groups),
// subjects, row-cache marks, each rule, the hits view, the answer, its JSON
// and the reset. Prints the mean and median per request of each step, and
// each rule's mean, slowest first (milliseconds).
//
//   serve-profile PACK.so --data DIR --bodies FILE [--rounds N] [fides-serve options…]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "host/evaluator.h"
#include "host/pack_library.h"
#include "serve/answer_json.h"
#include "serve/history.h"
#include "serve/overlay.h"
#include "serve/request_json.h"
#include "serve/request_rows.h"
#include "serve/review.h"
#include "serve/serve_options.h"
#include "tasks/thread_pool.h"

namespace {
using namespace fides;
using Clock = std::chrono::steady_clock;

double since(Clock::time_point& t) {
  const auto now = Clock::now();
  const double s = std::chrono::duration<double>(now - t).count();
  t = now;
  return s;
}

struct Step {
  const char* name;
  std::vector<double> seconds;  // per request
};

void print(const Step& step) {
  std::vector<double> v = step.seconds;
  std::sort(v.begin(), v.end());
  double sum = 0;
  for (double s : v) sum += s;
  std::printf("%-12s mean %8.4f  p50 %8.4f  p99 %8.4f ms\n", step.name, 1e3 * sum / v.size(), 1e3 * v[v.size() / 2],
              1e3 * v[v.size() * 99 / 100]);
}

int fail(const std::string& message) {
  std::fprintf(stderr, "serve-profile: %s\n", message.c_str());
  return 1;
}
}  // namespace

int main(int argc, char** argv) {
  std::string bodies_path;
  int rounds = 1;
  std::vector<const char*> serve_args{argv[0]};
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--bodies" && i + 1 < argc) bodies_path = argv[++i];
    else if (a == "--rounds" && i + 1 < argc) rounds = std::max(1, std::stoi(argv[++i]));
    else serve_args.push_back(argv[i]);
  }
  serve::ServeCommand command;
  std::string error;
  if (bodies_path.empty() ||
      !serve::parse_serve_command(static_cast<int>(serve_args.size()), serve_args.data(), command, error))
    return fail("usage: serve-profile PACK.so --data DIR --bodies FILE [--rounds N] [fides-serve options…] " + error);
  std::vector<std::string> bodies;
  std::ifstream in(bodies_path);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) bodies.push_back(line);
  if (bodies.empty()) return fail("no bodies in " + bodies_path);

  host::PackLibrary library;
  if (!library.open(command.pack_path, {}, error)) return fail(error);
  const fides_pack& pack = *library.descriptor();
  serve::HistoryOptions options;
  options.load = command.load;
  options.have_data = command.have_data;
  options.threads = tasks::resolve_threads(command.threads);
  options.request_rows = static_cast<int64_t>(command.max_body / 2 + 1);
  int status = 0;
  auto started = Clock::now();
  std::unique_ptr<serve::History> history =
      serve::History::load(host::evaluator_of(pack), options, error, status);
  if (!history) return fail(error);
  std::printf("start-up %.2f s:", since(started));
  for (const auto& [stage, s] : history->timings()) std::printf(" %s %.2f", stage, s);
  std::printf("\n");

  serve::RequestSchema schema(pack);
  serve::Overlay overlay(*history);
  if (!overlay.open(error)) return fail(error);
  Step parse{"parse", {}}, stage{"stage", {}}, apply{"overlay", {}}, subjects{"subjects", {}}, marks{"row-cache", {}},
      rules{"rules", {}},
      hits{"hits-view", {}}, answer{"answer", {}}, json{"answer-json", {}}, reset{"reset", {}}, total{"total", {}};
  std::vector<double> per_rule(pack.n_rules, 0);
  size_t reviews = 0, skipped = 0;
  for (int round = 0; round < rounds; ++round)
    for (const std::string& body : bodies) {
      auto t = Clock::now();
      const auto begin = t;
      serve::RawRequest raw;
      if (!serve::parse_request(schema, body, static_cast<size_t>(history->request_rows()), raw, error))
        return fail(error);
      parse.seconds.push_back(since(t));
      serve::StagedRequest request;
      serve::stage_request(*history, raw, request);
      stage.seconds.push_back(since(t));
      if (request.changes_history()) {
        ++skipped;  // rebuilt, not what this measures
        parse.seconds.pop_back();
        stage.seconds.pop_back();
        continue;
      }
      if (!overlay.apply(request, error)) return fail(error);
      apply.seconds.push_back(since(t));
      serve::Answer out;
      serve::ReviewTimes times;
      if (!serve::review(*history, overlay, request, out, error, &times)) return fail(error);
      since(t);
      subjects.seconds.push_back(times.subjects);
      marks.seconds.push_back(times.row_cache);
      double all_rules = 0;
      for (size_t r = 0; r < times.rules.size(); ++r) {
        per_rule[r] += times.rules[r];
        all_rules += times.rules[r];
      }
      rules.seconds.push_back(all_rules);
      hits.seconds.push_back(times.hits_view);
      answer.seconds.push_back(times.answer);
      const std::string text = serve::answer_json(*history, out, request);
      json.seconds.push_back(since(t));
      overlay.reset();
      reset.seconds.push_back(since(t));
      total.seconds.push_back(std::chrono::duration<double>(t - begin).count());
      ++reviews;
    }
  std::printf("%zu reviews (%zu rebuilt ones left out)\n", reviews, skipped);
  for (const Step* s : {&parse, &stage, &apply, &subjects, &marks, &rules, &hits, &answer, &json, &reset, &total})
    print(*s);
  std::vector<uint32_t> order(pack.n_rules);
  for (uint32_t r = 0; r < pack.n_rules; ++r) order[r] = r;
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return per_rule[a] > per_rule[b]; });
  for (uint32_t r : order)
    if (per_rule[r] > 0) std::printf("rule %-6s mean %8.4f ms\n", pack.rules[r].id, 1e3 * per_rule[r] / reviews);
  return 0;
}
