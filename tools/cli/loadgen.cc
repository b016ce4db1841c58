#include "loadgen.h"

#include <unistd.h>

#include <Poco/Exception.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/URI.h>

#include <algorithm>
#include <atomic>
#include <barrier>
#include <ctime>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

namespace gongkai::tools {
namespace {

using Clock = std::chrono::steady_clock;
using Poco::Net::HTTPRequest;

struct Target {
  std::string host;
  std::uint16_t port = 0;
  std::string host_header;
};

// One keep-alive connection: a socket connected before the clock starts, and the session on it.
// The session is given no host, so it never reconnects on its own; we do that, and count it.
struct Connection {
  Poco::Net::StreamSocket socket;
  std::unique_ptr<Poco::Net::HTTPClientSession> session;
  std::uint64_t sent = 0;
  ConnectionFigures figures;
};

void connect(Connection& c, const Target& target) {
  c.socket = Poco::Net::StreamSocket();
  c.socket.connect(Poco::Net::SocketAddress(target.host, target.port), Poco::Timespan(5, 0));
  c.socket.setNoDelay(true);
  c.session = std::make_unique<Poco::Net::HTTPClientSession>(c.socket);
  c.session->setKeepAlive(true);
  c.session->setKeepAliveTimeout(Poco::Timespan(3600, 0));
}

struct Reply {
  int status = 0;
  std::string body;
};

// One request on a connection; throws Poco::Exception on socket errors and timeouts.
Reply exchange(Connection& c, const Target& target, const std::string& method,
               const std::string& path, const std::string& token, const std::string& body,
               const std::string& idempotency_key) {
  HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
  request.setHost(target.host_header);
  request.setKeepAlive(true);
  if (!token.empty()) request.set("Authorization", "Bearer " + token);
  if (!idempotency_key.empty()) request.set("Idempotency-Key", idempotency_key);
  if (method == HTTPRequest::HTTP_POST) {
    request.setContentType("application/json");
    request.setContentLength(static_cast<std::streamsize>(body.size()));
  }
  std::ostream& out = c.session->sendRequest(request);
  if (!body.empty()) out << body;
  Poco::Net::HTTPResponse response;
  std::istream& in = c.session->receiveResponse(response);
  Reply reply{.status = static_cast<int>(response.getStatus()), .body = {}};
  reply.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return reply;
}

std::string yesterday() {  // a received_on that is never in the future in the agency's zone
  const std::time_t t = std::time(nullptr) - 86'400;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[16];
  std::strftime(text, sizeof text, "%Y-%m-%d", &tm);
  return text;
}

std::string registration_body() {
  const nlohmann::json body = {
      {"applicant",
       {{"type", "natural_person"},
        {"name", "张三"},
        {"id_type", "resident_id"},
        {"id_number", "370303199001011234"},
        {"phone", "13800000000"}}},
      {"channel", "in_person"},
      {"received_on", yesterday()},
      {"description", "申请公开本镇2020年度财政预算执行情况（负载测试）"},
      {"delivery", {{"form", "electronic"}, {"method", "email"}}},
  };
  return body.dump();
}

// Logs in with `user` and `password`; "" with `error` set on failure.
std::string login(const Target& target, const std::string& user, const std::string& password,
                  std::string& error) {
  Connection c;
  connect(c, target);
  const nlohmann::json body = {{"username", user}, {"password", password}};
  const auto reply = exchange(c, target, HTTPRequest::HTTP_POST, "/api/v1/sessions", "",
                              body.dump(), "");
  const auto json = nlohmann::json::parse(reply.body, nullptr, false);
  if (reply.status != 201 || !json.is_object() || !json.contains("token")) {
    error = "login as " + user + " refused with HTTP " + std::to_string(reply.status);
    return "";
  }
  return json["token"].get<std::string>();
}

struct Plan {
  Target target;
  std::string token;
  std::string registrar_token;
  std::string supervisor_token;
  std::vector<std::string> case_ids;
  std::string registration;
  std::vector<LoadOp> deck;  // 100 cards dealt by the weights; each request draws one
  std::string run_id;
};

// Checks the server answers, logs in and fetches the cases to work on; "" when ready.
std::string prepare(const LoadgenParams& params, Plan& plan, LoadgenResult& result) {
  Poco::URI uri(params.url);
  if (uri.getScheme() != "http" || uri.getHost().empty()) {
    return "--url must be http://host:port (got '" + params.url + "')";
  }
  plan.target = Target{.host = uri.getHost(), .port = uri.getPort(),
                       .host_header = uri.getHost() + ":" + std::to_string(uri.getPort())};
  try {
    Connection probe;
    connect(probe, plan.target);
    const auto health = exchange(probe, plan.target, "GET", "/healthz", "", "", "");
    if (health.status != 200) return "GET /healthz answered HTTP " + std::to_string(health.status);
  } catch (const Poco::Exception& e) {
    return "cannot reach " + params.url + ": " + e.displayText();
  }
  std::string error;
  try {
    plan.token = params.token;
    const bool needs_user = result.weights.size() > 1 || !result.weights.contains(LoadOp::livez);
    if (plan.token.empty() && needs_user) {
      if (params.username.empty()) return "give --token or --username and --password";
      plan.token = login(plan.target, params.username, params.password, error);
      if (plan.token.empty()) return error;
    }
    // In a mix, registrations need a registrar and reports a supervisor (no demo user holds
    // those roles beside handler); without --registrar or --supervisor their share is dropped.
    const std::pair<LoadOp, const std::string*> second_users[] = {
        {LoadOp::register_case, &params.registrar}, {LoadOp::report, &params.supervisor}};
    for (const auto& [op, spec] : second_users) {
      std::string& token = op == LoadOp::report ? plan.supervisor_token : plan.registrar_token;
      if (!result.weights.contains(op)) continue;
      if (result.weights.size() == 1) {
        token = plan.token;
        continue;
      }
      const auto colon = spec->find(':');
      if (colon == std::string::npos) {
        result.weights.erase(op);
        continue;
      }
      token = login(plan.target, spec->substr(0, colon), spec->substr(colon + 1), error);
      if (token.empty()) return error;
    }
    if (result.weights.contains(LoadOp::command) || result.weights.contains(LoadOp::read) ||
        result.weights.contains(LoadOp::history)) {
      Connection c;
      connect(c, plan.target);
      const auto reply = exchange(c, plan.target, "GET", "/api/v1/cases?limit=500", plan.token, "", "");
      const auto json = nlohmann::json::parse(reply.body, nullptr, false);
      if (reply.status != 200 || !json.is_object() || !json["items"].is_array()) {
        return "GET /api/v1/cases answered HTTP " + std::to_string(reply.status);
      }
      for (const auto& item : json["items"]) plan.case_ids.push_back(item["id"].get<std::string>());
      if (plan.case_ids.empty()) return "the user sees no case to send commands to or read";
    }
  } catch (const Poco::Exception& e) {
    return "preparing the run failed: " + e.displayText();
  }
  result.cases = plan.case_ids.size();
  int total = 0;
  for (const auto& [op, weight] : result.weights) total += weight;
  for (const auto& [op, weight] : result.weights) {
    const int cards = std::max(1, weight * 100 / std::max(total, 1));
    for (int i = 0; i < cards; ++i) plan.deck.push_back(op);
  }
  std::shuffle(plan.deck.begin(), plan.deck.end(), std::mt19937(params.seed));
  plan.registration = registration_body();
  plan.run_id = std::to_string(getpid()) + "-" + std::to_string(std::time(nullptr));
  return "";
}

double ms_between(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

// One request of `op` on connection `index`, recorded in `ops` when it ends in the window.
void drive(const Plan& plan, Connection& c, std::size_t index, std::size_t connections, LoadOp op,
           Clock::time_point start, Clock::time_point measure_from, Clock::time_point end,
           std::vector<OpFigures>& ops) {
  std::string method = "GET", path, body, key, token = plan.token;
  const std::size_t n = c.sent++;
  switch (op) {
    case LoadOp::livez: path = "/healthz"; break;
    case LoadOp::queue: path = "/api/v1/queue"; break;
    case LoadOp::read:
      path = "/api/v1/cases/" + plan.case_ids[(index + n * connections) % plan.case_ids.size()];
      break;
    case LoadOp::command:
      method = HTTPRequest::HTTP_POST;
      path = "/api/v1/cases/" + plan.case_ids[(index + n * connections) % plan.case_ids.size()] +
             "/add-note";
      body = R"({"text":"loadgen note"})";
      break;
    case LoadOp::register_case:
      method = HTTPRequest::HTTP_POST;
      path = "/api/v1/cases";
      body = plan.registration;
      token = plan.registrar_token;
      break;
    case LoadOp::search: {
      // Words of the demo's descriptions and applicant names: some match many cases, some few.
      static const char* const kTerms[] = {"%E6%96%87%E4%BB%B6", "%E8%B4%A2%E6%94%BF",
                                           "%E7%94%B3%E8%AF%B7%E4%BA%BA10",
                                           "%E8%B4%9F%E8%BD%BD%E6%B5%8B%E8%AF%95"};
      path = std::string("/api/v1/cases?limit=20&q=") + kTerms[(index + n) % std::size(kTerms)];
      break;
    }
    case LoadOp::history:
      path = "/api/v1/cases/" + plan.case_ids[(index + n * connections) % plan.case_ids.size()] +
             "/history";
      break;
    case LoadOp::report:
      path = "/api/v1/stats/summary";
      token = plan.supervisor_token;
      break;
  }
  if (method == HTTPRequest::HTTP_POST) {
    key = "loadgen-" + plan.run_id + "-" + std::to_string(index) + "-" + std::to_string(n);
  }
  const auto began = Clock::now();
  // A starved connection waits until the run ends (plus a grace second), then gives up.
  const auto wait = std::chrono::duration_cast<std::chrono::microseconds>(end - began) +
                    std::chrono::seconds(1);
  int status = 0;
  try {
    c.socket.setReceiveTimeout(Poco::Timespan(std::max<std::int64_t>(wait.count(), 1'000'000)));
    status = exchange(c, plan.target, method, path, token, body, key).status;
  } catch (const Poco::Exception&) {
    status = -1;
  }
  const auto done = Clock::now();
  if (status > 0 && c.figures.first_response_ms < 0) {
    c.figures.first_response_ms = ms_between(began, done);
    c.figures.first_sent_ms = ms_between(start, began);
  }
  if (status < 0) {
    if (done < end) {
      ops[static_cast<int>(op)].socket_errors++;
      try {
        connect(c, plan.target);
      } catch (const Poco::Exception&) {
      }
    }
    return;
  }
  auto& figures = ops[static_cast<int>(op)];
  const bool ok = status >= 200 && status < 300;
  if (done < measure_from) {  // warm-up: not timed, but an error is an error (the soak counts it)
    if (!ok) figures.status_errors[status]++;
    return;
  }
  if (done > end) return;
  figures.latencies_ms.push_back(static_cast<float>(ms_between(began, done)));
  c.figures.requests++;
  if (ok) {
    figures.ok++;
  } else {
    figures.status_errors[status]++;
  }
}

}  // namespace

const char* load_op_name(LoadOp op) {
  switch (op) {
    case LoadOp::livez: return "livez";
    case LoadOp::queue: return "queue";
    case LoadOp::command: return "command";
    case LoadOp::read: return "read";
    case LoadOp::register_case: return "register";
    case LoadOp::search: return "search";
    case LoadOp::history: return "history";
    case LoadOp::report: return "report";
  }
  return "?";
}

bool mix_weights(const std::string& mix, std::map<LoadOp, int>& weights) {
  if (mix == "livez") weights = {{LoadOp::livez, 100}};
  else if (mix == "queue") weights = {{LoadOp::queue, 100}};
  else if (mix == "command") weights = {{LoadOp::command, 100}};
  else if (mix == "read") weights = {{LoadOp::read, 100}};
  else if (mix == "register") weights = {{LoadOp::register_case, 100}};
  else if (mix == "search") weights = {{LoadOp::search, 100}};
  else if (mix == "history") weights = {{LoadOp::history, 100}};
  else if (mix == "report") weights = {{LoadOp::report, 100}};
  else if (mix == "mixed") {
    weights = {{LoadOp::register_case, 5}, {LoadOp::command, 25}, {LoadOp::queue, 40},
               {LoadOp::read, 30}};
  } else if (mix == "soak") {  // RELIABILITY.md L1: every kind of request a working day has
    weights = {{LoadOp::queue, 25},   {LoadOp::read, 20},   {LoadOp::search, 15},
               {LoadOp::history, 10}, {LoadOp::command, 20}, {LoadOp::register_case, 8},
               {LoadOp::report, 2}};
  } else {
    return false;
  }
  return true;
}

LoadgenResult run_loadgen(const LoadgenParams& params) {
  LoadgenResult result;
  mix_weights(params.mix, result.weights);
  Plan plan;
  if (auto error = prepare(params, plan, result); !error.empty()) {
    result.error = error;
    return result;
  }
  const auto connection_count = static_cast<std::size_t>(params.connections);
  std::vector<Connection> connections(connection_count);
  for (auto& c : connections) {
    try {
      connect(c, plan.target);
    } catch (const Poco::Exception& e) {
      result.error = "opening " + std::to_string(params.connections) +
                     " connections failed: " + e.displayText();
      return result;
    }
  }
  const auto thread_count = static_cast<std::size_t>(
      params.threads > 0 ? std::min(params.threads, params.connections) : params.connections);
  std::vector<std::vector<OpFigures>> per_thread(thread_count,
                                                 std::vector<OpFigures>(kLoadOpCount));
  // Every thread waits at the barrier; the clock starts when the last one arrives.
  std::atomic<Clock::rep> start_ticks{0};
  std::barrier sync(static_cast<std::ptrdiff_t>(thread_count) + 1);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < thread_count; ++t) {
    threads.emplace_back([&, t] {
      sync.arrive_and_wait();
      const Clock::time_point start{Clock::duration(start_ticks.load())};
      const auto measure_from = start + params.warmup;
      const auto end = measure_from + params.duration;
      std::size_t draw = t * 37;
      std::mt19937 rng(params.seed + static_cast<std::uint32_t>(t));
      std::uniform_int_distribution<int> think(0, 2 * params.think_ms);
      while (Clock::now() < end) {
        for (std::size_t i = t; i < connection_count && Clock::now() < end; i += thread_count) {
          const LoadOp op = plan.deck[draw++ % plan.deck.size()];
          drive(plan, connections[i], i, connection_count, op, start, measure_from, end,
                per_thread[t]);
        }
        if (params.think_ms > 0) {
          const auto pause = std::min<Clock::duration>(std::chrono::milliseconds(think(rng)),
                                                       end - Clock::now());
          if (pause > Clock::duration::zero()) std::this_thread::sleep_for(pause);
        }
      }
    });
  }
  start_ticks.store(Clock::now().time_since_epoch().count());
  sync.arrive_and_wait();
  for (auto& thread : threads) thread.join();
  result.measured_s = std::chrono::duration<double>(params.duration).count();
  for (const auto& figures : per_thread) {
    for (int op = 0; op < kLoadOpCount; ++op) {
      auto& into = result.ops[static_cast<std::size_t>(op)];
      const auto& from = figures[static_cast<std::size_t>(op)];
      into.latencies_ms.insert(into.latencies_ms.end(), from.latencies_ms.begin(),
                               from.latencies_ms.end());
      into.ok += from.ok;
      into.socket_errors += from.socket_errors;
      for (const auto& [status, count] : from.status_errors) into.status_errors[status] += count;
    }
  }
  for (const auto& c : connections) result.connections.push_back(c.figures);
  return result;
}

}  // namespace gongkai::tools
