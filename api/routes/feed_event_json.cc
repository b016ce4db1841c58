#include "api/routes/feed_event_json.h"

#include "domain/privacy/identity_number.h"
#include "eventstore/codec/case_event_codec.h"
#include "eventstore/codec/record_codec.h"
#include "projections/history/event_summary.h"

namespace gongkai::api::routes {

namespace {

using nlohmann::json;

void redact(json& data) {
  if (!data.is_object()) return;
  if (data.contains("password_record")) data["password_record"] = "[redacted]";
  auto applicant = data.find("applicant");
  if (applicant != data.end() && applicant->is_object()) {
    auto id = applicant->find("id_number");
    if (id != applicant->end()) {
      const std::string masked =
          id->is_string() ? domain::privacy::mask_id_number(id->get<std::string>()) : "";
      applicant->erase(id);
      (*applicant)["id_number_masked"] = masked;
    }
  }
}

}  // namespace

json feed_event_json(const eventstore::RecordedEvent& event) {
  json data = json::parse(event.data_json, nullptr, false);
  if (data.is_discarded()) data = nullptr;
  redact(data);
  json actor = {{"id", event.actor}, {"role", nullptr}};
  if (auto parsed = eventstore::codec::parse_actor_string(event.actor)) {
    actor = {{"id", parsed->id}, {"role", std::string(domain::policy::role_name(parsed->role))}};
  }
  json out = {
      {"position", event.position},
      {"stream", event.stream},
      {"version", event.version},
      {"type", event.type},
      {"recorded_at", eventstore::codec::format_instant(event.recorded_at)},
      {"actor", actor},
      {"data", data},
      {"hash", event.hash},
      {"prev_hash", event.prev_hash},
  };
  if (event.type.starts_with("case.")) {
    if (auto decoded = eventstore::codec::decode_case_event(event); decoded.ok()) {
      out["summary_zh"] = projections::history::summary_zh(*decoded);
    }
  }
  return out;
}

}  // namespace gongkai::api::routes
