#include "api/routes/case_record_json.h"

#include "domain/privacy/identity_number.h"
#include "eventstore/codec/record_codec.h"
#include "projections/commands/people_command_service.h"

namespace gongkai::api::routes {

namespace {

json date_or_null(const std::optional<domain::time::CivilDate>& date) {
  return date ? json(date->to_string()) : json(nullptr);
}

json dates(const std::vector<domain::time::CivilDate>& days) {
  json out = json::array();
  for (const auto& day : days) out.push_back(day.to_string());
  return out;
}

}  // namespace

json deadline_json(const domain::clocks::DueDate& due) {
  const auto& e = due.explanation;
  json pauses = json::array();
  for (const auto& p : e.pauses) {
    pauses.push_back({{"reason", p.reason},
                      {"from", p.from.to_string()},
                      {"to", date_or_null(p.to)},
                      {"working_days", p.working_days}});
  }
  json extension = nullptr;
  if (e.extension) {
    extension = {{"days", e.extension->days},
                 {"approved_by", e.extension->approved_by},
                 {"approved_on", e.extension->approved_on.to_string()},
                 {"requested_by", e.extension->requested_by}};
  }
  return {{"clock", e.clock},
          {"due_on", date_or_null(due.due_on)},
          {"paused", due.paused},
          {"start", {{"on", e.start_on.to_string()}, {"reason", e.start_reason}}},
          {"working_days", e.working_days},
          {"pauses", std::move(pauses)},
          {"paused_working_days", e.paused_working_days},
          {"extension", std::move(extension)},
          {"holidays_skipped", dates(e.holidays_skipped)},
          {"workdays_counted", dates(e.workdays_counted)},
          {"weekend_days_skipped", e.weekend_days_skipped},
          {"calendar_version", e.calendar_version},
          {"calendar_known", e.calendar_known},
          {"unknown_years", e.unknown_years},
          {"fixed_by", e.fixed_by ? json(*e.fixed_by) : json(nullptr)}};
}

bool redact_personal_data(json& data) {
  if (!data.is_object() || !data.contains("applicant") || !data["applicant"].is_object()) {
    return false;
  }
  json& applicant = data["applicant"];
  bool hidden = false;
  if (applicant.contains("id_number") && applicant["id_number"].is_string()) {
    const auto full = applicant["id_number"].get<std::string>();
    applicant.erase("id_number");
    applicant["id_number_masked"] = domain::privacy::mask_id_number(full);
    hidden = true;
  }
  for (const char* field : {"phone", "address", "email"}) {
    hidden = applicant.erase(field) > 0 || hidden;
  }
  return hidden;
}

domain::Status record_personal_data_read(app::ServerContext& context,
                                         const http::RequestContext& ctx,
                                         const CaseAccess& access, const std::string& what) {
  const json data = {{"case_id", access.state.case_id},
                     {"user_id", ctx.user().user_id},
                     {"role", domain::policy::role_name(access.actor.role)},
                     {"what", what}};
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
  if (!appended.ok()) return appended.status();
  context.metrics().record_pii_read();
  context.audit().record({"pii_read", ctx.user().user_id, ctx.request.method, ctx.request.path,
                          200, access.state.case_id, eventstore::codec::format_instant(ctx.now)});
  return {};
}

}  // namespace gongkai::api::routes
