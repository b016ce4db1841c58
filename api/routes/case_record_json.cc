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

std::string clock_label(const std::string& clock) {
  if (clock == "reply") return "答复期限";
  if (clock == "correction_notice") return "补正告知期限";
  if (clock == "correction") return "补正期限";
  if (clock == "fee_payment") return "缴费期限";
  if (clock.starts_with("consultation:")) return "征求意见期限（第" + clock.substr(13) + "次）";
  return clock;
}

std::string reason_label(const std::string& reason) {
  if (reason == "received_on") return "收到申请之日";
  if (reason == "correction_received") return "收到补正材料之日";
  if (reason == "received_by_party_on") return "对方收到征求意见书之日";
  if (reason == "notified_on") return "收费通知送达之日";
  if (reason == "correction_notice") return "补正通知";
  if (reason == "correction_pending") return "等待补正";
  if (reason == "fee_notice") return "等待缴纳费用";
  if (reason.starts_with("consultation:")) return "征求意见（第" + reason.substr(13) + "次）";
  return reason;
}

std::string joined(const std::vector<domain::time::CivilDate>& days) {
  std::string out;
  for (const auto& day : days) out += (out.empty() ? "" : "、") + day.to_string();
  return out;
}

// One line of Chinese for a clerk or an applicant: the same facts as the structured fields.
std::string explanation_zh(const domain::clocks::DueDate& due) {
  const auto& e = due.explanation;
  std::string out = clock_label(e.clock) + "：";
  if (e.fixed_by) {
    out += "由" + *e.fixed_by + "（" + e.start_on.to_string() + "）确定";
  } else {
    out += "自" + e.start_on.to_string() + "（" + reason_label(e.start_reason) + "）起算" +
           std::to_string(e.working_days) + "个工作日";
  }
  for (const auto& p : e.pauses) {
    out += "；暂停：" + reason_label(p.reason) + " " + p.from.to_string() + "至" +
           (p.to ? p.to->to_string() : std::string("今")) + "，" +
           std::to_string(p.working_days) + "个工作日";
  }
  if (e.extension) {
    out += "；延长" + std::to_string(e.extension->days) + "个工作日（" +
           e.extension->approved_by + "于" + e.extension->approved_on.to_string() + "批准）";
  }
  if (!e.holidays_skipped.empty()) out += "；跳过节假日" + joined(e.holidays_skipped);
  if (!e.workdays_counted.empty()) out += "；调休上班日" + joined(e.workdays_counted) + "计入";
  out += due.due_on ? "；至" + due.due_on->to_string() + "届满" : std::string("；暂停中，期限未定");
  out += "（日历版本" + e.calendar_version + "）";
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
          {"fixed_by", e.fixed_by ? json(*e.fixed_by) : json(nullptr)},
          {"explanation_zh", explanation_zh(due)}};
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
