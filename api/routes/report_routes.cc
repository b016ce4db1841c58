// Reports (API.md): GET /reports/annual?year=Y[&format=csv] — table 三 and table 四 of the
// caller's agency from the "reports" projection. The same year asked twice with no new events in
// between is byte-identical (the projection's to_json / to_csv are pure functions of the counters).
#include <charconv>

#include "api/routes/route_support.h"
#include "api/routes/routes.h"
#include "projections/reports/annual_report.h"

namespace gongkai::api::routes {

namespace {

using domain::policy::Role;

http::HttpResponse annual(app::ServerContext& context, http::RequestContext& ctx) {
  const auto year_text = ctx.request.query_param("year");
  int year = 0;
  if (!year_text || year_text->empty()) {
    return http::problem(400, "year_invalid", "year is required", {{"year", "is required"}});
  }
  auto [end, error] = std::from_chars(year_text->data(), year_text->data() + year_text->size(), year);
  if (error != std::errc() || end != year_text->data() + year_text->size() || year < 1 ||
      year > 9999 || year_text->size() != 4) {
    return http::problem(400, "year_invalid", "year must be four digits, e.g. 2021",
                         {{"year", "must be four digits"}});
  }
  const auto format = ctx.request.query_param("format").value_or("json");
  if (format != "json" && format != "csv") {
    return http::problem(400, "format_invalid", "format is json or csv",
                         {{"format", "must be json or csv"}});
  }
  auto report = projections::reports::annual_report(context.store(), ctx.user().agency, year);
  if (!report.ok()) return http::problem_from(report.status());
  if (format == "csv") {
    http::HttpResponse response = http::json_response(200, projections::reports::to_csv(*report));
    response.content_type = "text/csv; charset=utf-8";
    response.with_header("Content-Disposition", "attachment; filename=\"annual-report-" +
                                                    report->agency + "-" +
                                                    std::to_string(year) + ".csv\"");
    return response;
  }
  return http::json_response(200, projections::reports::to_json(*report));
}

}  // namespace

void add_report_routes(http::Router& router, app::ServerContext& context) {
  router.add({.method = "GET",
              .pattern = "/api/v1/reports/annual",
              .operation_id = "annual_report",
              .summary = "Table 三 and 四 of the annual report (?year=, ?format=json|csv)",
              .access = http::Access::roles,
              .roles = {Role::supervisor, Role::auditor},
              .handler = [&context](http::RequestContext& ctx) { return annual(context, ctx); },
              .takes_body = false});
}

}  // namespace gongkai::api::routes
