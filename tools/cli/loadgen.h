// `gongkai loadgen`'s engine: closed-loop keep-alive HTTP/1.1 load on C connections against a
// running gongkai-server (BENCHMARKS.md "HTTP starvation"). Every connection is opened before the
// clock starts and is driven by one thread; each request's time is send → whole response read.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace gongkai::tools {

// What a request does. `livez` is the floor: GET /healthz (the server's liveness route).
// search: GET /cases?q=; history: GET /cases/{id}/history; report: GET /stats/summary as a
// supervisor (the soak's mix, RELIABILITY.md L1).
enum class LoadOp { livez, queue, command, read, register_case, search, history, report };
inline constexpr int kLoadOpCount = 8;
const char* load_op_name(LoadOp op);

struct LoadgenParams {
  std::string url;  // http://host:port (a path, if any, is ignored)
  int connections = 4;
  int threads = 0;  // 0: one thread per connection; fewer threads each drive several in turn
  std::chrono::milliseconds duration{20'000};
  std::chrono::milliseconds warmup{2'000};
  std::string mix = "queue";
  std::string token;  // or username + password, logged in once before the run
  std::string username;
  std::string password;
  std::string registrar;      // "user:password" for the register share of `mixed` (optional)
  std::string supervisor;     // "user:password" for the report share of `soak` (optional)
  // Pacing: 0 is closed loop (each connection sends its next request when the last is answered);
  // > 0, each connection thinks a uniformly random 0..2*think_ms between requests.
  int think_ms = 0;
  std::uint32_t seed = 42;  // the deck's shuffle and the think times
  int server_max_threads = 192;  // the server's pool (api/app/server_config.h), for fairness
};

// The weight of each operation in a mix (percent); false when the mix is unknown.
bool mix_weights(const std::string& mix, std::map<LoadOp, int>& weights);

struct OpFigures {
  std::vector<float> latencies_ms;  // every measured request, ok or not
  std::uint64_t ok = 0;
  std::map<int, std::uint64_t> status_errors;  // non-2xx by status
  std::uint64_t socket_errors = 0;
};

struct ConnectionFigures {
  // How long the connection's first request took to be answered, from its send; -1: never
  // answered. first_sent_ms: when that request was sent, from the start of the clock (the load
  // generator's own threads waking on a shared machine, not the server's doing).
  double first_response_ms = -1;
  double first_sent_ms = -1;
  std::uint64_t requests = 0;     // completed in the measured window
};

struct LoadgenResult {
  std::string error;  // set when the run could not start (unreachable, login refused, ...)
  std::map<LoadOp, int> weights;  // the weights used (register dropped without a registrar)
  std::vector<OpFigures> ops = std::vector<OpFigures>(kLoadOpCount);
  std::vector<ConnectionFigures> connections;
  double measured_s = 0;
  std::size_t cases = 0;  // cases the user sees (command/read targets)
};

LoadgenResult run_loadgen(const LoadgenParams& params);

}  // namespace gongkai::tools
