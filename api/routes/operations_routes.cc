// /healthz, /readyz, /metrics (API.md, Operations).
#include "api/routes/route_support.h"
#include "api/routes/routes.h"

namespace gongkai::api::routes {

void add_operations_routes(http::Router& router, app::ServerContext& context) {
  router.add({.method = "GET",
              .pattern = "/healthz",
              .operation_id = "healthz",
              .summary = "The process is alive",
              .access = http::Access::anyone,
              .handler = [](http::RequestContext&) { return json_ok({{"status", "ok"}}); }});
  router.add({.method = "GET",
              .pattern = "/readyz",
              .operation_id = "readyz",
              .summary = "The store is open and accepting writes, projections caught up",
              .access = http::Access::anyone,
              .handler = [&context](http::RequestContext&) {
                auto status = context.readiness();
                if (!status.ok()) {
                  auto response = http::problem(503, status.reason(), status.message());
                  response.with_header("Retry-After", "5");
                  return response;
                }
                return json_ok({{"status", "ready"},
                                {"head_position", context.store().head_position()}});
              }});
  router.add({.method = "GET",
              .pattern = "/metrics",
              .operation_id = "metrics",
              .summary = "Prometheus metrics",
              .access = http::Access::anyone,
              .handler = [&context](http::RequestContext&) {
                http::HttpResponse response;
                response.content_type = "text/plain; version=0.0.4; charset=utf-8";
                response.body = context.metrics().render();
                return response;
              }});
}

}  // namespace gongkai::api::routes
