// The record of one case (API.md "History, deadlines, verification"): GET /cases/{id}/history,
// /deadlines, /verify and /export. Visibility as GET /cases/{id}: a case the user may not see is
// 404; admin (no case content) is refused by the route table (403).
#include <charconv>

#include "api/routes/case_access.h"
#include "api/routes/case_record_json.h"
#include "api/routes/route_support.h"
#include "api/routes/routes.h"
#include "domain/cases/case_clocks.h"
#include "eventstore/codec/case_event_codec.h"
#include "eventstore/codec/record_codec.h"
#include "projections/cases/case_folds.h"
#include "projections/cases/clock_basis.h"
#include "projections/export/case_dossier.h"
#include "projections/history/case_history.h"

namespace gongkai::api::routes {

namespace {

using domain::policy::Role;

const std::vector<Role> kCaseReaders = {Role::registrar, Role::handler, Role::supervisor,
                                        Role::auditor};

std::optional<std::uint64_t> version_cursor(const std::string& cursor) {
  if (cursor.empty()) return 0;
  std::uint64_t value = 0;
  auto [end, error] = std::from_chars(cursor.data(), cursor.data() + cursor.size(), value);
  if (error != std::errc() || end != cursor.data() + cursor.size()) return std::nullopt;
  return value;
}

// GET /cases/{id}/history[?include=pii&limit=&cursor=]: {items:[entry...], next_cursor}, oldest
// first. The applicant's identity number is masked and phone/address/email left out unless
// ?include=pii (then the read is recorded, as for the case view).
http::HttpResponse history(app::ServerContext& context, http::RequestContext& ctx) {
  const std::string& id = ctx.param("id");
  auto access = see_case(context, ctx, id);
  if (!access.ok()) return http::problem_from(access.status());
  const auto include = ctx.request.query_param("include");
  if (include && *include != "pii") {
    return http::problem(400, "include_invalid", "include takes only pii");
  }
  http::HttpResponse problem;
  auto paging = read_paging(ctx.request, &problem);
  if (!paging) return problem;
  const auto after = version_cursor(paging->cursor);
  if (!after) return http::problem(400, "cursor_invalid", "the cursor is not one this server gave");

  // The page's events and one more (is there a next page?), not the whole history.
  auto entries = projections::history::case_history(context.store(), id, *after, paging->limit + 1);
  if (!entries.ok()) return http::problem_from(entries.status());
  json all = json::parse(projections::history::history_to_json(*entries), nullptr, false);
  if (!all.is_array()) return http::problem(500, "internal", "the history is unreadable");
  json items = json::array();
  json next_cursor = nullptr;
  for (json& entry : all) {
    if (items.size() == paging->limit) {
      next_cursor = std::to_string(items.back()["version"].get<std::uint64_t>());
      break;
    }
    if (!include) redact_personal_data(entry["data"]);
    items.push_back(std::move(entry));
  }
  if (include) {
    auto recorded = record_personal_data_read(context, ctx, *access, "history");
    if (!recorded.ok()) return http::problem_from(recorded);
  }
  auto response = json_ok({{"items", std::move(items)}, {"next_cursor", std::move(next_cursor)}});
  response.with_header("ETag", etag(access->version));
  if (include) response.with_header("Cache-Control", "no-store");
  return response;
}

// GET /cases/{id}/deadlines: every clock that applies with its explanation, and the reply clock
// as the case view shows it today.
http::HttpResponse deadlines(app::ServerContext& context, http::RequestContext& ctx) {
  auto access = see_case(context, ctx, ctx.param("id"));
  if (!access.ok()) return http::problem_from(access.status());
  const auto calendar = context.calendar();
  const auto today = context.today();
  json clocks = json::array();
  for (const auto& due : domain::cases::all_deadlines(access->state, *calendar)) {
    clocks.push_back(deadline_json(due));
  }
  const auto basis = projections::clock_basis(access->state, *calendar);
  const auto view = projections::clock_on(basis, today, *calendar);
  json reply = {{"status", view.status == domain::cases::ClockStatus::running  ? "running"
                           : view.status == domain::cases::ClockStatus::paused ? "paused"
                                                                               : "stopped"},
                {"reply_due_on", view.reply_due_on ? json(view.reply_due_on->to_string())
                                                   : json(nullptr)},
                {"working_days_left",
                 view.working_days_left ? json(*view.working_days_left) : json(nullptr)},
                {"due_soon", view.due_soon},
                {"overdue", view.overdue},
                {"paused_by", view.paused_by}};
  auto response = json_ok({{"case_id", access->state.case_id},
                           {"version", access->version},
                           {"today", today.to_string()},
                           {"calendar_version", calendar->version()},
                           {"reply", std::move(reply)},
                           {"clocks", std::move(clocks)}});
  response.with_header("ETag", etag(access->version));
  return response;
}

json verify_json(const eventstore::VerifyReport& report) {
  return {{"ok", report.ok},
          {"events", report.events},
          {"head_hash", report.head_hash},
          {"head_position", report.head_position},
          {"first_bad_position",
           report.ok ? json(nullptr) : json(report.first_bad_position)},
          {"problem", report.ok ? json(nullptr) : json(report.problem)}};
}

// GET /cases/{id}/verify: the case stream's hashes and chain recomputed from the stored events.
// A stream the store cannot read or decode still answers 200 with ok:false (that is the finding).
//
// A case that can no longer be read (an event that does not decode) cannot be checked for
// visibility case by case; a supervisor or auditor, who sees every case of the agency, still gets
// the finding (that is what verify is for); others get the read error.
http::HttpResponse verify(app::ServerContext& context, http::RequestContext& ctx) {
  const std::string& id = ctx.param("id");
  const std::string stream = eventstore::codec::case_stream(id);
  auto access = see_case(context, ctx, id);
  if (!access.ok()) {
    const bool sees_agency =
        (ctx.user().has_role(Role::supervisor) || ctx.user().has_role(Role::auditor)) &&
        projections::agency_of(id) == ctx.user().agency;
    if (access.status().code() == domain::Code::not_found || !sees_agency) {
      return http::problem_from(access.status());
    }
    auto version = context.store().stream_version(stream);
    if (!version.ok() || *version == 0) return http::problem_from(access.status());
  }
  const auto report = context.store().verify_stream(stream);
  json body = verify_json(report);
  body["case_id"] = id;
  body["stream"] = stream;
  return json_ok(body);
}

// GET /cases/{id}/export: the dossier of api/DOSSIER.md, built by projections::case_dossier (the
// CLI's `export --case` gives the same bytes). It carries the stored data unredacted (the hashes
// cover it), so the export is recorded as a read of personal data.
http::HttpResponse export_dossier(app::ServerContext& context, http::RequestContext& ctx) {
  const std::string& id = ctx.param("id");
  auto access = see_case(context, ctx, id);
  if (!access.ok()) return http::problem_from(access.status());
  auto dossier = projections::case_dossier(context.store(), id, ctx.now, ctx.user().user_id);
  if (!dossier.ok()) return http::problem_from(dossier.status());
  auto recorded = record_personal_data_read(context, ctx, *access, "export");
  if (!recorded.ok()) return http::problem_from(recorded);
  auto response = http::json_response(200, std::move(dossier).value());
  response.with_header("Content-Disposition", "attachment; filename=\"" + id + ".dossier.json\"");
  response.with_header("Cache-Control", "no-store");
  return response;
}

}  // namespace

void add_case_record_routes(http::Router& router, app::ServerContext& context) {
  struct Entry {
    const char* suffix;
    const char* operation_id;
    const char* summary;
    http::HttpResponse (*handler)(app::ServerContext&, http::RequestContext&);
  };
  const Entry entries[] = {
      {"history", "case_history", "Every event of the case, oldest first, with hashes", history},
      {"deadlines", "case_deadlines", "Each clock with its due date and explanation", deadlines},
      {"verify", "verify_case", "The case's hashes and chain recomputed", verify},
      {"export", "export_case", "A self-contained dossier that verifies offline", export_dossier},
  };
  for (const Entry& entry : entries) {
    auto handler = entry.handler;
    router.add({.method = "GET",
                .pattern = std::string("/api/v1/cases/{id}/") + entry.suffix,
                .operation_id = entry.operation_id,
                .summary = entry.summary,
                .access = http::Access::roles,
                .roles = kCaseReaders,
                .handler = [&context, handler](http::RequestContext& ctx) {
                  return handler(context, ctx);
                },
                .takes_body = false});
  }
}

}  // namespace gongkai::api::routes
