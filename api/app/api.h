// The request pipeline every HTTP request goes through, independent of POCO:
// fair gate -> correlation id -> readiness (writes) -> router (auth, roles) -> idempotency (POST) -> handler
// -> metrics, request log line, audit of denials. api/server/ feeds it; tests can call it directly.
#pragma once

#include <atomic>
#include <functional>
#include <string>

#include "api/app/fair_gate.h"
#include "api/app/idempotency_cache.h"
#include "api/app/server_context.h"
#include "api/http/http_types.h"
#include "api/http/router.h"
#include "api/http/static_files.h"

namespace gongkai::api::app {

class Api {
 public:
  explicit Api(ServerContext& context);

  [[nodiscard]] http::HttpResponse handle(const http::HttpRequest& request);

  [[nodiscard]] const http::Router& router() const { return router_; }
  [[nodiscard]] ServerContext& context() const { return context_; }
  [[nodiscard]] const FairGate& gate() const { return gate_; }

  // Receives one JSON line per request (time, method, route, status, duration, user, correlation
  // id; never the query, a body, a token or a password), and once, at the first 503 after the store
  // stopped accepting writes, a line with "event":"store_stopped", the reason and what to do.
  using RequestLogSink = std::function<void(const std::string&)>;
  void set_request_log(RequestLogSink sink) { request_log_ = std::move(sink); }

 private:
  // Wraps a POST handler with API.md's Idempotency-Key behaviour.
  [[nodiscard]] http::Handler idempotent(http::Handler handler);

  ServerContext& context_;
  FairGate gate_;
  http::Router router_;
  IdempotencyCache idempotency_;
  http::StaticFiles console_;  // the web console (GET outside /api/ that no route takes)
  RequestLogSink request_log_;
  std::atomic<bool> store_stop_logged_{false};
};

}  // namespace gongkai::api::app
