#include "projections/reports/supervisor_summary.h"

#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

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

// A case folded up to some event, with the (start, service) dates of each reply served.
struct Folded {
  dc::CaseState state;
  std::vector<std::pair<domain::time::CivilDate, domain::time::CivilDate>> replies;
};

// Folds the case's events after `folded.state.version`, up to the log position `head`.
domain::Status fold_forward(const eventstore::EventStore& store, const std::string& case_id,
                            std::uint64_t head, Folded& folded) {
  const std::string stream = codec::case_stream(case_id);
  // A point lookup (bloom-filtered) says whether anything is new before a stream read does.
  auto version = store.stream_version(stream);
  if (!version.ok()) {
    return version.status();
  }
  if (*version == static_cast<std::uint64_t>(folded.state.version)) {
    return {};
  }
  for (;;) {
    const auto from = static_cast<std::uint64_t>(folded.state.version) + 1;
    auto page = store.read_stream_forward(stream, from, kPage);
    if (!page.ok()) {
      return page.status();
    }
    for (const eventstore::RecordedEvent& recorded : *page) {
      if (recorded.position > head) {
        return {};
      }
      auto event = codec::decode_case_event(recorded);
      if (!event.ok()) {
        return event.status();
      }
      if (const auto* issued = std::get_if<dc::ReplyIssued>(&*event)) {
        const dc::CaseState& state = folded.state;
        folded.replies.emplace_back(state.reopen ? state.reopen->decided_on : state.received_on,
                                    issued->served_on);
      }
      dc::evolve(folded.state, *event);
    }
    if (page->size() < kPage) {
      return {};
    }
  }
}

}  // namespace

struct SummaryFolds::Cases {
  std::unordered_map<std::string, Folded> by_id;
  // The last summary and what it was asked with (agency, as_of, calendar fingerprint).
  std::optional<SupervisorSummary> last;
  std::string last_calendar;
};

SummaryFolds::SummaryFolds() : cases_(std::make_unique<Cases>()) {}
SummaryFolds::~SummaryFolds() = default;

domain::Result<SupervisorSummary> supervisor_summary(const eventstore::EventStore& store,
                                                     std::string_view agency,
                                                     domain::time::CivilDate as_of,
                                                     const domain::time::Calendar& calendar,
                                                     SummaryFolds* folds) {
  SummaryFolds own;
  SummaryFolds& cache = folds != nullptr ? *folds : own;
  // Everything committed before this request arrived must be counted; a summary computed after
  // that (while this request waited for its turn) already does, so requests arriving together
  // share one computation instead of queueing one after another.
  const std::uint64_t head_on_arrival = store.head_position();
  // Held throughout: the head read below never goes back, so no cached fold is past it.
  const std::lock_guard lock(cache.mutex_);
  auto& last = cache.cases_->last;
  if (last && last->as_of_position >= head_on_arrival && last->agency == agency &&
      last->as_of == as_of && cache.cases_->last_calendar == calendar.fingerprint()) {
    return *last;
  }
  auto& cases = cache.cases_->by_id;
  if (cases.size() >= SummaryFolds::kMaxCases) {
    cases.clear();
  }
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
    const std::string case_id = key.substr(prefix.size());
    Folded& folded = cases[case_id];
    if (auto status = fold_forward(store, case_id, out.as_of_position, folded); !status.ok()) {
      cases.erase(case_id);
      return status;
    }
    const dc::CaseState& state = folded.state;
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
    for (const auto& [start, served_on] : folded.replies) {
      ++out.replies;
      reply_days += domain::time::working_days_between(calendar, start, served_on);
    }
  }
  if (out.replies > 0) {
    const double average = static_cast<double>(reply_days) / static_cast<double>(out.replies);
    out.average_working_days_to_reply = std::round(average * 100.0) / 100.0;
  }
  last = out;
  cache.cases_->last_calendar = calendar.fingerprint();
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
