// Supervision (API.md): GET /overdue, /due-soon, /stats/summary.
//
// Lists are paged as API.md says ({items, next_cursor}, limit 1..500, default 50). The deadline
// queries answer whole lists, so these routes gather, merge and order the items, then cut the
// page; the cursor is the last item's index in the list, opaque to clients.
#include <algorithm>
#include <charconv>

#include "api/routes/list_support.h"
#include "api/routes/route_support.h"
#include "api/routes/routes.h"
#include "domain/cases/case_clocks.h"
#include "domain/time/working_days.h"
#include "projections/cases/case_folds.h"
#include "projections/cases/case_queries.h"
#include "projections/deadlines/deadline_queries.h"
#include "projections/history/case_history.h"
#include "projections/reports/supervisor_summary.h"

namespace gongkai::api::routes {

namespace {

using domain::policy::Role;
using domain::time::CivilDate;

constexpr int kMaxWithin = 250;

std::optional<CivilDate> read_date(const http::RequestContext& ctx, const char* name,
                                   CivilDate fallback, http::HttpResponse* problem) {
  auto value = ctx.request.query_param(name);
  if (!value || value->empty()) return fallback;
  auto date = CivilDate::parse(*value);
  if (!date) {
    *problem = http::problem(400, std::string(name) + "_invalid",
                             std::string(name) + " must be a real date YYYY-MM-DD",
                             {{name, "must be a real date YYYY-MM-DD"}});
  }
  return date;
}

bool of_agency(const json& item, const char* id_field, const std::string& agency) {
  return projections::agency_of(text_or(item, id_field, "")) == agency;
}

// A deadline list's items (already ordered by the query) cut into a page by position in the
// list: the cursor is the last item's index, zero-padded.
std::string index_key(std::size_t index) {
  std::string digits = std::to_string(index);
  return std::string(10 - std::min<std::size_t>(10, digits.size()), '0') + digits;
}

json paged_list(json items, const Paging& paging) {
  for (std::size_t i = 0; i < items.size(); ++i) items[i]["_k"] = index_key(i);
  json page = page_of(items, paging, [](const json& item) { return text_or(item, "_k", ""); });
  for (auto& item : page["items"]) item.erase("_k");
  return page;
}

// Every case id of the agency, from the case list (page after page).
domain::Result<std::vector<std::string>> agency_cases(app::ServerContext& context,
                                                      const std::string& agency) {
  const auto calendar = context.calendar();
  projections::CaseQueries queries(context.store(), *calendar);
  std::vector<std::string> ids;
  std::string cursor;
  for (;;) {
    auto page = queries.list({}, context.today(), kQueryPage, cursor);
    if (!page.ok()) return page.status();
    json body = json::parse(*page, nullptr, false);
    if (!body.is_object() || !body["items"].is_array()) {
      return domain::internal_error("case_list_unreadable", "the case list is unreadable");
    }
    for (const auto& item : body["items"]) {
      if (of_agency(item, "id", agency)) ids.push_back(text_or(item, "id", ""));
    }
    if (!body["next_cursor"].is_string()) return ids;
    cursor = body["next_cursor"].get<std::string>();
  }
}

// The overdue list for a day before today, as the log stood at the end of that day: each case
// folded from its events recorded until then, its reply clock judged on that day (a case answered
// since, or whose date an extension moved since, is shown as it was). One stream read per case.
domain::Result<json> overdue_in_the_past(app::ServerContext& context, const std::string& agency,
                                         CivilDate as_of,
                                         const std::optional<std::string>& department) {
  auto ids = agency_cases(context, agency);
  if (!ids.ok()) return ids.status();
  const auto calendar = context.calendar();
  const auto end_of_day = domain::time::Instant::from_unix_micros(
      domain::time::start_of(as_of.next()).unix_micros() - 1);
  std::vector<json> items;
  for (const auto& id : *ids) {
    auto then = projections::history::case_as_of_instant(context.store(), id, end_of_day);
    if (!then.ok()) {
      if (then.status().code() == domain::Code::not_found) continue;  // registered later
      return then.status();
    }
    const auto& state = then->state;
    if (department && state.department != department) continue;
    const auto view = domain::cases::reply_clock_view(state, as_of, *calendar);
    if (!view.overdue || !view.reply_due_on) continue;
    const CivilDate due = *view.reply_due_on;
    items.push_back(
        {{"case_id", id},
         {"clock", "reply"},
         {"due_on", due.to_string()},
         {"days_overdue", as_of.days_since_epoch() - due.days_since_epoch()},
         {"working_days_overdue", domain::time::working_days_between(*calendar, due, as_of)},
         {"stage", domain::cases::stage_name(state.stage)},
         {"department", state.department ? json(*state.department) : json(nullptr)},
         {"handler", state.handler ? json(*state.handler) : json(nullptr)}});
  }
  // As the deadlines query orders: most overdue first, then by case number.
  std::stable_sort(items.begin(), items.end(), [](const json& a, const json& b) {
    return text_or(a, "due_on", "") < text_or(b, "due_on", "");
  });
  return json(items);
}

// GET /overdue?department=&as_of=: reply clocks overdue on as_of (default today), most overdue
// first, with days overdue and the holder. Today or later: from the deadlines index (the open
// cases as they are now). A past day: the cases as they were then (overdue_in_the_past).
http::HttpResponse overdue(app::ServerContext& context, http::RequestContext& ctx) {
  http::HttpResponse problem;
  auto paging = read_paging(ctx.request, &problem);
  if (!paging) return problem;
  auto as_of = read_date(ctx, "as_of", context.today(), &problem);
  if (!as_of) return problem;
  std::optional<std::string> department;
  if (auto refused = read_department(ctx, true, &department)) return *refused;
  if (*as_of < context.today()) {
    auto past = overdue_in_the_past(context, ctx.user().agency, *as_of, department);
    if (!past.ok()) return http::problem_from(past.status());
    json page = paged_list(std::move(*past), *paging);
    page["as_of"] = as_of->to_string();
    return json_ok(page);
  }
  const auto calendar = context.calendar();
  projections::DeadlineQueries queries(context.store(), *calendar);
  auto list = queries.overdue(*as_of, department);
  if (!list.ok()) return http::problem_from(list.status());
  json body = json::parse(*list, nullptr, false);
  if (!body.is_object() || !body["items"].is_array()) {
    return http::problem(500, "internal", "the overdue list is unreadable");
  }
  json items = json::array();
  for (auto& item : body["items"]) {
    if (of_agency(item, "case_id", ctx.user().agency)) items.push_back(std::move(item));
  }
  json page = paged_list(std::move(items), *paging);
  page["as_of"] = as_of->to_string();
  return json_ok(page);
}

// GET /due-soon?within=3[&department=]: reply clocks due within that many working days; a user
// who is not a supervisor sees only their departments' cases.
http::HttpResponse due_soon(app::ServerContext& context, http::RequestContext& ctx) {
  http::HttpResponse problem;
  auto paging = read_paging(ctx.request, &problem);
  if (!paging) return problem;
  int within = domain::cases::kDefaultDueSoonWorkingDays;
  if (auto value = ctx.request.query_param("within"); value && !value->empty()) {
    auto [end, error] = std::from_chars(value->data(), value->data() + value->size(), within);
    if (error != std::errc() || end != value->data() + value->size() || within < 0 ||
        within > kMaxWithin) {
      return http::problem(400, "within_invalid", "within must be 0 to 250 working days",
                           {{"within", "must be 0 to 250"}});
    }
  }
  const bool sees_agency = ctx.user().has_role(Role::supervisor);
  std::optional<std::string> department;
  if (auto refused = read_department(ctx, sees_agency, &department)) return *refused;
  const auto calendar = context.calendar();
  projections::DeadlineQueries queries(context.store(), *calendar);
  auto list = queries.due_soon(within, context.today(), department);
  if (!list.ok()) return http::problem_from(list.status());
  json body = json::parse(*list, nullptr, false);
  if (!body.is_object() || !body["items"].is_array()) {
    return http::problem(500, "internal", "the due-soon list is unreadable");
  }
  json items = json::array();
  for (auto& item : body["items"]) {
    if (text_or(item, "clock", "") != "reply" || !of_agency(item, "case_id", ctx.user().agency)) {
      continue;
    }
    if (!sees_agency && !holds(ctx.user().departments, text_or(item, "department", ""))) continue;
    items.push_back(std::move(item));
  }
  json page = paged_list(std::move(items), *paging);
  page["within"] = within;
  return json_ok(page);
}

// GET /stats/summary[?as_of=]: counts by stage and department, overdue, average working days to
// reply, for the caller's agency.
http::HttpResponse summary(app::ServerContext& context, http::RequestContext& ctx) {
  http::HttpResponse problem;
  auto as_of = read_date(ctx, "as_of", context.today(), &problem);
  if (!as_of) return problem;
  auto result = projections::reports::supervisor_summary(context.store(), ctx.user().agency, *as_of,
                                                         *context.calendar());
  if (!result.ok()) return http::problem_from(result.status());
  return http::json_response(200, projections::reports::to_json(*result));
}

void add(http::Router& router, app::ServerContext& context, const char* pattern,
         const char* operation_id, const char* summary_text, std::vector<Role> roles,
         http::HttpResponse (*handler)(app::ServerContext&, http::RequestContext&)) {
  router.add(
      {.method = "GET",
       .pattern = pattern,
       .operation_id = operation_id,
       .summary = summary_text,
       .access = http::Access::roles,
       .roles = std::move(roles),
       .handler = [&context, handler](http::RequestContext& ctx) { return handler(context, ctx); },
       .takes_body = false});
}

}  // namespace

void add_supervision_routes(http::Router& router, app::ServerContext& context) {
  add(router, context, "/api/v1/overdue", "overdue",
      "Cases overdue now or on ?as_of=, with days overdue and holder",
      {Role::supervisor, Role::auditor}, overdue);
  add(router, context, "/api/v1/due-soon", "due_soon",
      "Cases whose reply falls due within ?within= working days", {Role::supervisor, Role::handler},
      due_soon);
  add(router, context, "/api/v1/stats/summary", "stats_summary",
      "Counts by stage and department, overdue, average working days to reply",
      {Role::supervisor, Role::auditor}, summary);
}

}  // namespace gongkai::api::routes
