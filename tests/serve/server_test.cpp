// fides-serve end to end over HTTP (cpp-httplib's client), with the test pack
// (pack/review.fides) over its small history (history/): the answers to the
// requests in golden/ (NAME.request.json → NAME.answer.json, rewritten with
// FIDES_UPDATE_GOLDEN=1; equality_test.py checks the same requests against
// fides-score), client mistakes, bodies too large, slow and vanished clients,
// many clients at once, the pack's description, signals and usage errors.
#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <thread>

#include "server_process.h"
#include "test_support.h"

using namespace fides::test;
using Json = nlohmann::ordered_json;

namespace {
const std::string kDir = SERVE_TEST_DIR;
const std::string kHistory = kDir + "/history";

// The test pack, built once.
const std::string& review_pack() {
  static const std::string pack = [] {
    std::string out = fresh_dir("pack") + "/review.so";
    CommandResult r = run_command({FIDES, "build", kDir + "/pack/review.fides", "-o", out});
    REQUIRE_MESSAGE(r.status == 0, r.err);
    return out;
  }();
  return pack;
}

ServerProcess start(std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {review_pack(), "--data", kHistory, "--listen", "127.0.0.1:0", "--threads", "2"};
  args.insert(args.end(), extra.begin(), extra.end());
  return ServerProcess(args);
}

httplib::Result post(int port, const std::string& body) {
  httplib::Client c("127.0.0.1", port);
  c.set_read_timeout(30, 0);
  return c.Post("/v1/review", body, "application/json");
}

bool healthy(int port) {
  httplib::Client c("127.0.0.1", port);
  auto r = c.Get("/v1/health");
  return r && r->status == 200 && r->body == R"({"status":"ok"})";
}

// The request bodies of golden/, by name.
std::map<std::string, std::string> golden_requests() {
  std::map<std::string, std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(kDir + "/golden")) {
    std::string name = e.path().filename().string();
    const std::string suffix = ".request.json";
    if (name.size() > suffix.size() && name.ends_with(suffix))
      out[name.substr(0, name.size() - suffix.size())] = read_file(e.path().string());
  }
  return out;
}

// A connected socket to the server, for clients httplib would not be.
int raw_connection(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
  return fd;
}

void send_text(int fd, const std::string& text) { REQUIRE(write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size())); }

std::string read_all(int fd) {
  std::string out;
  char buf[4096];
  for (ssize_t n; (n = read(fd, buf, sizeof buf)) > 0;) out.append(buf, static_cast<size_t>(n));
  return out;
}
}  // namespace

TEST_CASE("the answers to the test requests") {
  ServerProcess server = start();
  REQUIRE_MESSAGE(server.port() > 0, server.stderr_text());
  for (const auto& [name, body] : golden_requests()) {
    INFO(name);
    auto r = post(server.port(), body);
    REQUIRE(r);
    CHECK(r->status == 200);
    CHECK(r->get_header_value("Content-Type") == "application/json");
    std::string pretty = Json::parse(r->body).dump(2) + "\n";
    std::string diff = check_golden(name + ".answer.json", pretty);
    CHECK_MESSAGE(diff.empty(), diff);
  }
}

TEST_CASE("a client's mistake is a 400 with a message that says where, and the server goes on") {
  ServerProcess server = start();
  REQUIRE(server.port() > 0);
  const std::pair<const char*, const char*> cases[] = {
      {"", "malformed JSON"},
      {"{", "malformed JSON"},
      {"{\"records\": {\"Line\": [{\"项目编码\": \"\xff\"}]}}", "malformed JSON"},
      {"{\"records\": {}} x", "malformed JSON"},
      {"{\"records\": {\"Line\": [{\"数量\": 12x}]}}", "malformed JSON"},
      {"{\"records\": {\"Line\": [{\"数量\": 1,}]}}", "malformed JSON"},
      {"{\"records\":\n {\"Line\": [tru]}}", "malformed JSON"},
      {"[]", "records: expected the request object, found an array"},
      {"{\"nothing\": 1}", "unknown member \"nothing\"; a review request has only \"records\""},
      {"{}", "it has no \"records\""},
      {"{\"records\": []}", "expected an object of rows by record name, found an array"},
      {"{\"records\": {\"Nope\": []}}", "unknown record \"Nope\"; the pack's input records are: Institution, Person, Visit, Line"},
      {"{\"records\": {\"PersonItemDay\": []}}", "unknown record \"PersonItemDay\""},
      {"{\"records\": {\"Line\": {}}}", "records.Line: expected an array of rows, found an object"},
      {"{\"records\": {\"Line\": [1]}}", "records.Line: expected a row object, found a value"},
      {"{\"records\": {\"Line\": [{\"数量\": 1}, {\"数目\": 1}]}}",
       "records.Line[1]: unknown column \"数目\"; the columns of Line are: 明细ID, 就诊ID, 人员编号, 项目编码, 数量, 单价, 金额, 备注"},
      {"{\"records\": {\"Line\": [{\"数量\": 1, \"数量\": 2}]}}", "records.Line[0]: column \"数量\" given twice"},
      {"{\"records\": {\"Line\": [{\"数量\": [1]}]}}",
       "records.Line[0].数量: expected a string, number, true, false or null, found an array"},
      {"{\"records\": {\"Line\": []}, \"records\": {\"Line\": []}}", "record \"Line\" given twice"},
  };
  for (const auto& [body, message] : cases) {
    INFO(body);
    auto r = post(server.port(), body);
    REQUIRE(r);
    CHECK(r->status == 400);
    std::string error = Json::parse(r->body).at("error");
    CHECK_MESSAGE(contains(error, message), error);
  }
  CHECK(healthy(server.port()));
}

TEST_CASE("a wrong path or method is answered in JSON too") {
  ServerProcess server = start();
  REQUIRE(server.port() > 0);
  httplib::Client c("127.0.0.1", server.port());
  auto r = c.Get("/v2/review");
  REQUIRE(r);
  CHECK(r->status == 404);
  CHECK(contains(r->body, "no such path: GET /v2/review; the server answers POST /v1/review"));
  r = c.Get("/v1/review");
  REQUIRE(r);
  CHECK(r->status == 405);
  CHECK(r->get_header_value("Allow") == "POST");
  CHECK(contains(r->body, "GET is not allowed on /v1/review"));
}

TEST_CASE("a body over --max-body is refused with 413, whether its length is announced or chunked") {
  ServerProcess server = start({"--max-body", "2K"});
  REQUIRE(server.port() > 0);
  std::string big = "{\"records\": {\"Line\": [" + std::string(3000, ' ') + "]}}";
  auto r = post(server.port(), big);
  REQUIRE(r);
  CHECK(r->status == 413);
  CHECK(contains(r->body, "the request body is larger than --max-body (2048 bytes)"));
  // Chunked: read up to the limit, then refused.
  int fd = raw_connection(server.port());
  send_text(fd, "POST /v1/review HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n");
  for (int i = 0; i < 4; ++i) send_text(fd, "400\r\n" + std::string(1024, ' ') + "\r\n");
  send_text(fd, "0\r\n\r\n");
  std::string answer = read_all(fd);
  close(fd);
  CHECK(contains(answer, "HTTP/1.1 413"));
  CHECK(contains(answer, "larger than --max-body"));
  // Under the limit is fine.
  r = post(server.port(), "{\"records\": {}}");
  REQUIRE(r);
  CHECK(r->status == 200);
}

TEST_CASE("slow clients and clients that vanish leave the server answering") {
  ServerProcess server = start();
  REQUIRE(server.port() > 0);
  std::vector<int> slow;
  for (int i = 0; i < 4; ++i) {
    slow.push_back(raw_connection(server.port()));
    send_text(slow.back(), "POST /v1/review HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\n{\"rec");
  }
  slow.push_back(raw_connection(server.port()));  // connected, silent
  for (int i = 0; i < 4; ++i) {  // half a request, then gone
    int fd = raw_connection(server.port());
    send_text(fd, "POST /v1/review HTTP/1.1\r\nHost: t\r\nContent-Length: 1000\r\n\r\n{\"records\"");
    close(fd);
  }
  auto t = std::chrono::steady_clock::now();
  auto r = post(server.port(), golden_requests().at("new_claim"));
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(std::chrono::steady_clock::now() - t < std::chrono::seconds(3));
  for (int fd : slow) close(fd);
  CHECK(healthy(server.port()));
}

TEST_CASE("many clients at once get the answers each would get alone: no request sees another's rows") {
  ServerProcess server = start();
  REQUIRE(server.port() > 0);
  const auto requests = golden_requests();
  std::vector<std::string> bodies, alone;
  for (const auto& [name, body] : requests) {
    bodies.push_back(body);
    auto r = post(server.port(), body);
    REQUIRE(r);
    alone.push_back(r->body);
  }
  std::atomic<int> wrong{0}, answered{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < 12; ++c)
    clients.emplace_back([&, c] {
      httplib::Client client("127.0.0.1", server.port());
      client.set_read_timeout(30, 0);
      for (size_t i = 0; i < 30; ++i) {
        size_t k = (i * 7 + static_cast<size_t>(c)) % bodies.size();
        auto r = client.Post("/v1/review", bodies[k], "application/json");
        if (!r || r->status != 200 || r->body != alone[k]) ++wrong;
        ++answered;
      }
    });
  for (std::thread& t : clients) t.join();
  CHECK(answered == 360);
  CHECK(wrong == 0);
}

TEST_CASE("GET /v1/pack describes the pack; --param shows in it") {
  ServerProcess server = start({"--param", "daily_max=3"});
  REQUIRE(server.port() > 0);
  httplib::Client c("127.0.0.1", server.port());
  auto r = c.Get("/v1/pack");
  REQUIRE(r);
  CHECK(r->status == 200);
  Json pack = Json::parse(r->body);
  CHECK(pack["name"] == "审核服务测试规则");
  CHECK(pack["version"] == "1.0");
  CHECK(pack["signed"] == false);
  CHECK(pack["records"].size() == 4);
  CHECK(pack["records"][3]["name"] == "Line");
  CHECK(pack["records"][3]["file"] == "Line.csv");
  CHECK(pack["records"][3]["key"] == "明细ID");
  CHECK(pack["records"][3]["loaded"] == 5);
  CHECK(pack["records"][3]["columns"][1] ==
        Json::parse(R"({"field": "visit", "column": "就诊ID", "type": "Visit", "optional": false})"));
  CHECK(pack["records"][3]["columns"][7]["optional"] == true);
  CHECK(pack["groups"][0]["name"] == "PersonItemDay");
  CHECK(pack["groups"][0]["for"] == "Line");
  CHECK(pack["params"][0]["name"] == "daily_max");
  CHECK(pack["params"][0]["value"] == "3");
  CHECK(pack["params"][0]["default"] == "1");
  CHECK(pack["rules"].size() == 7);
  CHECK(pack["rules"][6]["id"] == "H1");
  CHECK(pack["rules"][6]["uses_hits"] == true);
  // The parameter is in force: A's two X01 lines of 2024-03-01 are no longer too many.
  auto answer = post(server.port(), golden_requests().at("new_claim"));
  REQUIRE(answer);
  CHECK_FALSE(contains(answer->body, "\"G1\""));
}

TEST_CASE("SIGTERM and SIGINT stop the server cleanly") {
  for (int sig : {SIGTERM, SIGINT}) {
    ServerProcess server = start();
    REQUIRE(server.port() > 0);
    CHECK(healthy(server.port()));
    CHECK(server.stop(sig) == 0);
    CHECK(contains(server.stderr_text(), sig == SIGTERM ? "stopped (SIGTERM)" : "stopped (SIGINT)"));
  }
}

TEST_CASE("usage mistakes are exit 2, a pack or history that cannot be served exit 1") {
  struct Case {
    std::vector<std::string> args;
    int status;
    const char* message;
  };
  const std::string keys = fresh_dir("keys");
  REQUIRE(run_command({FIDES, "keygen", keys + "/bureau"}).status == 0);
  const Case cases[] = {
      {{}, 2, "no pack given"},
      {{review_pack(), "--bogus", "1"}, 2, "unknown option '--bogus'"},
      {{review_pack(), "--listen", "8080"}, 2, "--listen 8080: expected HOST:PORT"},
      {{review_pack(), "--threads", "0"}, 2, "expected a number of threads from 1 to 1024"},
      {{review_pack(), "--max-body", "0"}, 2, "--max-body 0: expected a size"},
      {{review_pack(), "--param", "daily_max=99"}, 2, "daily_max"},
      {{review_pack(), "--param", "nope=1"}, 2, "unknown parameter"},
      {{review_pack(), "--data", kDir + "/no-such-folder"}, 1, "no-such-folder"},
      {{review_pack(), "--trust", keys + "/bureau.pub"}, 1, "it is not signed"},
      {{kDir + "/pack/review.fides"}, 1, "error:"},
  };
  for (const Case& c : cases) {
    std::vector<std::string> args = c.args;
    args.insert(args.end(), {"--listen", "127.0.0.1:0"});
    ServerProcess server(args);
    CHECK(server.port() == -1);
    CHECK(server.wait() == c.status);
    CHECK_MESSAGE(contains(server.stderr_text(), c.message), server.stderr_text());
  }
}

TEST_CASE("without --data the history is empty and every row is the request's") {
  ServerProcess server({review_pack(), "--listen", "127.0.0.1:0"});
  REQUIRE(server.port() > 0);
  auto r = post(server.port(), golden_requests().at("new_claim"));
  REQUIRE(r);
  CHECK(r->status == 200);
  Json answer = Json::parse(r->body);
  // V9 and its three lines name person A, whom nobody loaded.
  REQUIRE(answer["rejects"].size() == 4);
  for (const Json& reject : answer["rejects"])
    CHECK(reject["reason"] == "unresolved reference in 人员编号: no Person with key \"A\"");
  CHECK(answer["findings"].empty());
}

TEST_CASE("fides-serve does not link LLVM") {
  const std::string out = shared_libraries(FIDES_SERVE);
  CHECK(contains(out, "libc.so"));
  CHECK_FALSE(contains(out, "LLVM"));
  CHECK_FALSE(contains(out, "llvm"));
}
