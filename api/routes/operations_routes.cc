// /healthz, /readyz (public, API.md) and /metrics. API.md exempts only sessions, /healthz and
// /readyz from the token, so /metrics wants one: the configured metrics_token (a scraper cannot
// renew 12-hour sessions), or the session of an admin, supervisor or auditor.
#include "api/routes/operations.h"
#include "api/routes/route_support.h"
#include "api/routes/routes.h"

namespace gongkai::api::routes {

namespace {

using domain::policy::Role;

std::optional<http::HttpResponse> metrics_refusal(app::ServerContext& context,
                                                  const http::RequestContext& ctx) {
  const std::string& token = context.config().metrics_token;
  const auto header = ctx.request.header("authorization");
  if (!token.empty() && header && *header == "Bearer " + token) return std::nullopt;
  auto user = context.sessions().authenticate(ctx.request, ctx.now);
  if (!user.ok()) {
    auto response = http::problem(401, user.status().reason(), user.status().message());
    response.with_header("WWW-Authenticate", "Bearer");
    return response;
  }
  if (!user->has_role(Role::admin) && !user->has_role(Role::supervisor) &&
      !user->has_role(Role::auditor)) {
    return http::problem(403, "role_forbids", "metrics are for admins, supervisors and auditors");
  }
  return std::nullopt;
}

}  // namespace

http::HttpResponse readiness_response(const domain::Status& readiness,
                                      std::uint64_t head_position) {
  if (!readiness.ok()) {
    auto response = http::problem(503, readiness.reason(), readiness.message());
    response.with_header("Retry-After", "5");
    return response;
  }
  return json_ok({{"status", "ready"}, {"head_position", head_position}});
}

std::string store_gauges(const domain::Status& health, std::uint64_t head_position,
                         const eventstore::EventStore::MemoryUsage& memory) {
  // Projections are written in their events' batch (RELIABILITY.md §1): they never lag the log,
  // so the head position is the one figure to watch.
  return "# HELP gongkai_store_head_position The last committed global position.\n"
         "# TYPE gongkai_store_head_position gauge\n"
         "gongkai_store_head_position " + std::to_string(head_position) + "\n" +
         "# HELP gongkai_store_accepting_writes 1 while the store accepts writes (0: stopped).\n"
         "# TYPE gongkai_store_accepting_writes gauge\n"
         "gongkai_store_accepting_writes " + (health.ok() ? "1" : "0") + "\n" +
         "# HELP gongkai_store_memory_bytes The store's memory by part, each with a fixed cap.\n"
         "# TYPE gongkai_store_memory_bytes gauge\n"
         "gongkai_store_memory_bytes{part=\"block_cache\"} " + std::to_string(memory.block_cache) +
         "\ngongkai_store_memory_bytes{part=\"memtables\"} " + std::to_string(memory.memtables) +
         "\ngongkai_store_memory_bytes{part=\"table_readers\"} " +
         std::to_string(memory.table_readers) + "\n" +
         "# HELP gongkai_store_block_cache_capacity_bytes The block cache's cap.\n"
         "# TYPE gongkai_store_block_cache_capacity_bytes gauge\n"
         "gongkai_store_block_cache_capacity_bytes " +
         std::to_string(memory.block_cache_capacity) + "\n";
}

void add_operations_routes(http::Router& router, app::ServerContext& context) {
  router.add({.method = "GET",
              .pattern = "/healthz",
              .operation_id = "healthz",
              .summary = "The process is alive",
              .access = http::Access::anyone,
              .roles = {},
              .handler = [](http::RequestContext&) { return json_ok({{"status", "ok"}}); },
              .takes_body = false});
  router.add({.method = "GET",
              .pattern = "/readyz",
              .operation_id = "readyz",
              .summary = "The store is open and accepting writes, projections caught up",
              .access = http::Access::anyone,
              .roles = {},
              .handler = [&context](http::RequestContext&) {
                return readiness_response(context.readiness(), context.store().head_position());
              },
              .takes_body = false});
  router.add({.method = "GET",
              .pattern = "/metrics",
              .operation_id = "metrics",
              .summary = "Prometheus metrics",
              .access = http::Access::handler,
              .roles = {},
              .handler = [&context](http::RequestContext& ctx) {
                if (auto refused = metrics_refusal(context, ctx)) return *refused;
                http::HttpResponse response;
                response.content_type = "text/plain; version=0.0.4; charset=utf-8";
                response.body = context.metrics().render() +
                                store_gauges(context.store().health(),
                                             context.store().head_position(),
                                             context.store().memory_usage());
                return response;
              },
              .takes_body = false});
}

}  // namespace gongkai::api::routes
