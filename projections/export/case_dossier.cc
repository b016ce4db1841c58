#include "projections/export/case_dossier.h"

#include <nlohmann/json.hpp>

#include "eventstore/codec/case_event_codec.h"
#include "eventstore/codec/record_codec.h"
#include "eventstore/export/recorded_json.h"
#include "projections/cases/case_folds.h"

namespace gongkai::projections {

using nlohmann::json;

namespace {

constexpr std::size_t kReadPage = 512;

// The same members as GET /cases/{id}/verify answers (without case_id and stream).
json verify_json(const eventstore::VerifyReport& report) {
  return {{"ok", report.ok},
          {"events", report.events},
          {"head_hash", report.head_hash},
          {"head_position", report.head_position},
          {"first_bad_position", report.ok ? json(nullptr) : json(report.first_bad_position)},
          {"problem", report.ok ? json(nullptr) : json(report.problem)}};
}

}  // namespace

domain::Result<std::string> case_dossier(const eventstore::EventStore& store,
                                         std::string_view case_id,
                                         domain::time::Instant exported_at,
                                         std::string_view exported_by) {
  const std::string stream = eventstore::codec::case_stream(std::string(case_id));
  json events = json::array();
  std::string head_hash(64, '0');
  std::uint64_t from = 1;
  for (;;) {
    auto page = store.read_stream_forward(stream, from, kReadPage);
    if (!page.ok()) return page.status();
    for (const auto& e : *page) {
      events.push_back(json::parse(eventstore::recorded_event_json(e)));
      head_hash = e.hash;
      from = e.version + 1;
    }
    if (page->size() < kReadPage) break;
  }
  if (events.empty()) {
    return domain::not_found("case_not_found", "no case " + std::string(case_id));
  }
  const auto report = store.verify_stream(stream);
  const std::uint64_t count = events.size();
  const json dossier = {
      {"format", "gongkai.dossier.v1"},
      {"case_id", std::string(case_id)},
      {"agency", agency_of(case_id)},
      {"stream", stream},
      {"exported_at", eventstore::codec::format_instant(exported_at)},
      {"exported_by", std::string(exported_by)},
      {"hash", {{"algorithm", "sha256"}, {"canonical_form", "eventstore/SCHEMA.md"}}},
      {"stream_version", count},
      {"head_hash", head_hash},
      {"events", std::move(events)},
      {"server_verify", verify_json(report)}};
  return dossier.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace gongkai::projections
