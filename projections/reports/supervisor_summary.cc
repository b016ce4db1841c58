#include "projections/reports/supervisor_summary.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "domain/cases/case_clocks.h"
#include "domain/cases/case_state.h"
#include "domain/time/working_days.h"
#include "eventstore/codec/case_event_codec.h"
#include "projections/projection_host.h"
#include "projections/reports/reports_projection.h"

namespace gongkai::projections::reports {
namespace {

namespace dc = domain::cases;
namespace codec = eventstore::codec;

constexpr std::size_t kPage = 512;
constexpr std::size_t kScanLimit = std::size_t{1} << 24;

struct Folded {
  dc::CaseState state;
  std::int64_t replies = 0;
  std::int64_t reply_days = 0;
};

domain::Result<Folded> fold_case(const eventstore::EventStore& store, const std::string& case_id,
                                 std::uint64_t head, const domain::time::Calendar& calendar) {
  Folded out;
  const std::string stream = codec::case_stream(case_id);
  for (std::uint64_t from = 1;;) {
    auto page = store.read_stream_forward(stream, from, kPage);
    if (!page.ok()) {
      return page.status();
    }
    for (const eventstore::RecordedEvent& recorded : *page) {
      if (recorded.position > head) {
        return out;
      }
      auto event = codec::decode_case_event(recorded);
      if (!event.ok()) {
        return event.status();
      }
      if (const auto* issued = std::get_if<dc::ReplyIssued>(&*event)) {
        const auto start = out.state.reopen ? out.state.reopen->decided_on : out.state.received_on;
        ++out.replies;
        out.reply_days += domain::time::working_days_between(calendar, start, issued->served_on);
      }
      dc::evolve(out.state, *event);
      from = recorded.version + 1;
    }
    if (page->size() < kPage) {
      return out;
    }
  }
}

}  // namespace

domain::Result<SupervisorSummary> supervisor_summary(const eventstore::EventStore& store,
                                                     std::string_view agency,
                                                     domain::time::CivilDate as_of,
                                                     const domain::time::Calendar& calendar) {
  SupervisorSummary out;
  out.agency = std::string(agency);
  out.as_of = as_of;
  out.as_of_position = store.head_position();
  const std::string prefix =
      ProjectionHost::state_prefix(kReportsProjection) + case_records_prefix(agency);
  auto records = store.scan_state(prefix, kScanLimit);
  if (!records.ok()) {
    return records.status();
  }
  std::int64_t reply_days = 0;
  for (const auto& [key, value] : *records) {
    (void)value;
    auto folded = fold_case(store, key.substr(prefix.size()), out.as_of_position, calendar);
    if (!folded.ok()) {
      return folded.status();
    }
    const dc::CaseState& state = folded->state;
    if (state.stage == dc::Stage::none) {
      continue;  // registered after the head was read
    }
    ++out.cases;
    ++out.by_stage[std::string(dc::stage_name(state.stage))];
    if (dc::is_open(state.stage)) {
      ++out.by_department[state.department.value_or("unassigned")];
      if (dc::reply_clock_view(state, as_of, calendar).overdue) {
        ++out.overdue;
      }
    }
    out.replies += folded->replies;
    reply_days += folded->reply_days;
  }
  if (out.replies > 0) {
    const double average = static_cast<double>(reply_days) / static_cast<double>(out.replies);
    out.average_working_days_to_reply = std::round(average * 100.0) / 100.0;
  }
  return out;
}

std::string to_json(const SupervisorSummary& summary) {
  using nlohmann::ordered_json;
  ordered_json out;
  out["agency"] = summary.agency;
  out["as_of"] = summary.as_of.to_string();
  out["cases"] = summary.cases;
  out["by_stage"] = ordered_json::object();
  for (const auto& [stage, count] : summary.by_stage) {
    out["by_stage"][stage] = count;
  }
  out["by_department"] = ordered_json::object();
  for (const auto& [department, count] : summary.by_department) {
    out["by_department"][department] = count;
  }
  out["overdue"] = summary.overdue;
  out["replies"] = summary.replies;
  out["average_working_days_to_reply"] = nullptr;
  if (summary.average_working_days_to_reply) {
    out["average_working_days_to_reply"] = *summary.average_working_days_to_reply;
  }
  out["as_of_position"] = summary.as_of_position;
  return out.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

}  // namespace gongkai::projections::reports
