#include "api/routes/case_json.h"

#include "api/routes/route_support.h"
#include "domain/policy/case_policy.h"
#include "eventstore/codec/record_codec.h"
#include "projections/cases/case_queries.h"
#include "projections/commands/people_command_service.h"

namespace gongkai::api::routes {

namespace {

using domain::policy::Role;

std::optional<bool> parse_bool(const std::string& text) {
  if (text == "true") return true;
  if (text == "false") return false;
  return std::nullopt;
}

// Supervisors and auditors see every case; the others need the case's scope (registered_by is
// not in a summary), read through the command service's cache of folded states.
bool visible(app::ServerContext& context, const auth::Principal& user, const json& summary) {
  if (user.has_role(Role::supervisor) || user.has_role(Role::auditor)) return true;
  if (!summary.contains("id") || !summary["id"].is_string()) return false;
  auto loaded = context.cases().load(summary["id"].get<std::string>());
  if (!loaded.ok() || loaded->version == 0) return false;
  const auto scope = scope_of(loaded->state);
  for (Role role : user.roles) {
    if (domain::policy::may_see_case(user.as(role), scope)) return true;
  }
  return false;
}

}  // namespace

http::HttpResponse case_response(app::ServerContext& context, const std::string& case_id,
                                 std::uint64_t version, std::optional<std::uint64_t> position) {
  projections::CaseQueries queries(context.store(), *context.calendar());
  auto view = queries.get(case_id, context.today());
  if (!view.ok()) return http::problem_from(view.status());
  http::HttpResponse response = http::json_response(200, std::move(*view));
  if (position && response.body.size() > 1 && response.body.back() == '}') {
    response.body.pop_back();
    response.body += ",\"position\":" + std::to_string(*position) + "}";
  }
  response.with_header("ETag", etag(version));
  return response;
}

http::HttpResponse with_full_identity(app::ServerContext& context, const http::RequestContext& ctx,
                                      const CaseAccess& access, http::HttpResponse response) {
  json body = json::parse(response.body, nullptr, false);
  if (!body.is_object()) return http::problem(500, "internal", "the case view is unreadable");
  body["applicant"]["id_number"] = access.state.applicant.id_number;
  const json data = {{"case_id", access.state.case_id},
                     {"user_id", ctx.user().user_id},
                     {"role", domain::policy::role_name(access.actor.role)}};
  eventstore::EventToAppend event;
  event.event_id = projections::commands::random_hex_id();
  event.type = "audit.pii_read.v1";
  event.data_json = dump(data);
  event.actor = std::string(domain::policy::role_name(access.actor.role)) + ":" + ctx.user().user_id;
  event.correlation_id = ctx.correlation_id;
  event.recorded_at = ctx.now;
  eventstore::AppendRequest record;
  record.stream = "audit-" + context.config().agency_code;
  record.events.push_back(std::move(event));
  auto appended = context.store().append(std::move(record));
  // No record, no answer: an unrecorded read of personal data is what the audit must rule out.
  if (!appended.ok()) return http::problem_from(appended.status());
  context.metrics().record_pii_read();
  context.audit().record({"pii_read", ctx.user().user_id, ctx.request.method, ctx.request.path,
                          200, access.state.case_id, eventstore::codec::format_instant(ctx.now)});
  response.body = dump(body);
  response.with_header("Cache-Control", "no-store");
  return response;
}

http::HttpResponse case_as_of_response(app::ServerContext&, const http::RequestContext&,
                                       const std::string&, const std::string&) {
  return http::problem(400, "as_of_invalid", "time travel is being built");
}

http::HttpResponse list_cases(app::ServerContext& context, const http::RequestContext& ctx) {
  http::HttpResponse problem;
  auto paging = read_paging(ctx.request, &problem);
  if (!paging) return problem;
  projections::CaseFilters filters;
  const auto& q = ctx.request.query;
  std::vector<http::FieldError> errors;
  if (auto v = ctx.request.query_param("stage"); v && !v->empty()) filters.stage = *v;
  if (auto v = ctx.request.query_param("department"); v && !v->empty()) filters.department = *v;
  if (auto v = ctx.request.query_param("handler"); v && !v->empty()) filters.handler = *v;
  if (auto v = ctx.request.query_param("q"); v && !v->empty()) filters.q = *v;
  for (const char* name : {"received_from", "received_to"}) {
    auto it = q.find(name);
    if (it == q.end() || it->second.empty()) continue;
    auto date = domain::time::CivilDate::parse(it->second);
    if (!date) {
      errors.push_back({name, "must be a real date YYYY-MM-DD"});
    } else if (std::string_view(name) == "received_from") {
      filters.received_from = date;
    } else {
      filters.received_to = date;
    }
  }
  if (auto v = ctx.request.query_param("overdue"); v && !v->empty()) {
    filters.overdue = parse_bool(*v);
    if (!filters.overdue) errors.push_back({"overdue", "must be true or false"});
  }
  if (!errors.empty()) {
    return http::problem(400, "invalid_field", errors.front().field + " " + errors.front().message,
                         errors);
  }
  projections::CaseQueries queries(context.store(), *context.calendar());
  auto page = queries.list(filters, context.today(), paging->limit, paging->cursor);
  if (!page.ok()) return http::problem_from(page.status());
  json body = json::parse(*page, nullptr, false);
  if (!body.is_object() || !body["items"].is_array()) {
    return http::problem(500, "internal", "the case list is unreadable");
  }
  // Visibility filters the page after the query: a page may hold fewer than `limit` items while
  // next_cursor still leads on (API.md's paging promises order and completeness, not full pages).
  json shown = json::array();
  for (auto& item : body["items"]) {
    if (visible(context, ctx.user(), item)) shown.push_back(std::move(item));
  }
  body["items"] = std::move(shown);
  return json_ok(body);
}

}  // namespace gongkai::api::routes
