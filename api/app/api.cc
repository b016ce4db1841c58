#include "api/app/api.h"

#include <algorithm>
#include <chrono>
#include <thread>
#include <nlohmann/json.hpp>

#include "api/auth/password.h"
#include "api/http/problem.h"
#include "api/routes/routes.h"
#include "eventstore/codec/record_codec.h"

namespace gongkai::api::app {

namespace {

bool valid_idempotency_key(const std::string& key) {
  if (key.empty() || key.size() > 128) return false;
  for (char c : key) {
    if (c < 0x21 || c > 0x7E) return false;
  }
  return true;
}

bool valid_correlation_id(const std::string& id) { return valid_idempotency_key(id); }

std::size_t gate_slots(int max_active) {
  if (max_active > 0) return static_cast<std::size_t>(max_active);
  return 4 * std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace

Api::Api(ServerContext& context)
    : context_(context),
      gate_(gate_slots(context.config().max_active)),
      console_(context.config().console_dir) {
  routes::add_operations_routes(router_, context_);
  routes::add_session_routes(router_, context_);
  routes::add_people_routes(router_, context_);
  routes::add_calendar_routes(router_, context_);
  routes::add_case_routes(router_, context_);
  routes::add_case_command_routes(router_, context_);
  routes::add_case_record_routes(router_, context_);
  routes::add_queue_routes(router_, context_);
  routes::add_supervision_routes(router_, context_);
  routes::add_report_routes(router_, context_);
  routes::add_event_feed_routes(router_, context_);
  routes::add_backup_routes(router_, context_);
  routes::add_openapi_route(router_, context_);
  router_.decorate([this](http::Route& route) {
    // A login is not replayed: the stored answer would hold a live token.
    if (route.method == "POST" && route.access != http::Access::anyone) {
      route.handler = idempotent(std::move(route.handler));
    }
  });
}

http::Handler Api::idempotent(http::Handler handler) {
  return [this, handler = std::move(handler)](http::RequestContext& ctx) {
    const auto key = ctx.request.header("idempotency-key");
    if (!key) return handler(ctx);
    if (!valid_idempotency_key(*key)) {
      return http::problem(400, "invalid_idempotency_key",
                           "Idempotency-Key must be 1 to 128 printable characters");
    }
    const std::string user = ctx.principal ? ctx.principal->user_id : "";
    const std::string fingerprint =
        auth::sha256_hex(ctx.request.method + " " + ctx.request.path + "\n" + ctx.request.body);
    auto claim = idempotency_.claim(user, *key, fingerprint, ctx.now);
    if (claim.claim == IdempotencyCache::Claim::reused) {
      return http::problem(422, "idempotency_key_reused",
                           "this Idempotency-Key was used with another request");
    }
    if (claim.claim == IdempotencyCache::Claim::replay) return claim.response;
    http::HttpResponse response = handler(ctx);
    if (response.status >= 500) {
      idempotency_.abandon(user, *key);
    } else {
      idempotency_.complete(user, *key, response, ctx.now);
    }
    return response;
  };
}

http::HttpResponse Api::handle(const http::HttpRequest& request) {
  const auto started = std::chrono::steady_clock::now();
  FairGate::Pass pass = gate_.enter();
  const domain::IdleWaitScope idle_waits_free_the_slot(pass);
  const auto now = context_.clock().now();
  std::string correlation_id = request.header("x-correlation-id").value_or("");
  if (!valid_correlation_id(correlation_id)) correlation_id = auth::random_hex(8);

  auto on_denied = [this, now](const http::HttpRequest& r, const http::Dispatched& d,
                               std::string_view reason) {
    context_.metrics().record_denial();
    context_.audit().record({"denied", d.user_id, r.method, r.path, d.response.status,
                             std::string(reason), eventstore::codec::format_instant(now)});
  };
  http::Dispatched dispatched;
  if (request.method != "GET" && request.method != "HEAD" && !context_.readiness().ok()) {
    // API.md: 503 while not ready or when the store has stopped accepting writes.
    dispatched.response = http::problem(503, "unavailable", "the server is not accepting writes");
    dispatched.response.with_header("Retry-After", "5");
  } else {
    dispatched = router_.dispatch(request, now, correlation_id,
                                  [this](const http::HttpRequest& r, domain::time::Instant t) {
                                    return context_.sessions().authenticate(r, t);
                                  },
                                  on_denied);
    if (dispatched.route == nullptr && dispatched.response.status == 404 &&
        http::StaticFiles::is_console_request(request)) {
      dispatched.response = console_.serve(request);
    }
  }
  http::HttpResponse& response = dispatched.response;
  response.with_header("X-Correlation-Id", correlation_id);

  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const std::string route = dispatched.route ? dispatched.route->pattern : "unmatched";
  context_.metrics().record_request(route, request.method, response.status, seconds);
  if (response.status == 503 && request_log_ && !store_stop_logged_.load()) {
    // RELIABILITY.md R4: a clear log line when the store stops (fail-stop), once.
    const domain::Status readiness = context_.readiness();
    if (readiness.reason() == "store_stopped" && !store_stop_logged_.exchange(true)) {
      const nlohmann::json line = {
          {"time", eventstore::codec::format_instant(now)},
          {"level", "error"},
          {"event", "store_stopped"},
          {"message", readiness.message() +
                          "; writes answer 503 and reads go on; restart the server once the disk "
                          "is healthy (nothing acknowledged is lost)"},
      };
      request_log_(line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    }
  }
  if (request_log_) {
    const nlohmann::json line = {
        {"time", eventstore::codec::format_instant(now)},
        {"method", request.method},
        {"route", route},
        {"path", request.path},
        {"status", response.status},
        {"duration_ms", seconds * 1000.0},
        {"user", dispatched.user_id},
        {"correlation_id", correlation_id},
    };
    request_log_(line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
  return response;
}

}  // namespace gongkai::api::app
