#include "projections/reports/supervisor_summary.h"

#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "domain/time/working_days.h"
#include "projections/cases/case_folds.h"
#include "projections/deadlines/deadlines_projection.h"
#include "projections/paging.h"
#include "projections/projection_host.h"
#include "projections/reports/reports_projection.h"
#include "projections/reports/summary_projection.h"

namespace gongkai::projections::reports {
namespace {

using domain::time::CivilDate;

std::optional<std::int64_t> count_of(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

// The counts, and the agency's reply clocks in the deadlines index due before `out.as_of`, as of
// the summary's checkpoint (`out.as_of_position`): all read from one snapshot (the deadlines index
// is written in the same batch as the summary's counts), so they agree with each other however
// many commits land meanwhile. Without the average.
domain::Status read_summary(const eventstore::EventStore& store, std::string_view agency,
                            const domain::time::Calendar& calendar, SupervisorSummary& out,
                            std::int64_t& reply_days) {
  const std::string summary = ProjectionHost::state_prefix(kSummaryProjection);
  const std::string checkpoint = ProjectionHost::checkpoint_key(kSummaryProjection);
  const std::string stages = summary + stage_counts_prefix(agency);
  const std::string departments = summary + department_counts_prefix(agency);
  const std::string reply_counts = summary + reply_counts_prefix(agency);
  // Keys "<YYYYMMDD>/<case id>/<clock>" in date order: the walk stops at the first one due later.
  const std::string due = ProjectionHost::state_prefix(DeadlinesProjection::kName) + "due/";
  const std::string first_not_overdue = date_key(out.as_of);
  enum Range : std::size_t { kCheckpoint, kStages, kDepartments, kReplies, kDue };
  const eventstore::StateRange ranges[] = {
      {checkpoint, ""}, {stages, ""}, {departments, ""}, {reply_counts, ""}, {due, ""}};
  std::map<std::string, std::int64_t> replies;  // "<start>/<served>" -> replies
  domain::Status bad;
  auto status = store.visit_state(
      ranges, [&](std::size_t range, std::string_view key, std::string_view value) {
        const std::string_view rest = key.substr(ranges[range].prefix.size());
        if (range == kCheckpoint) {
          if (rest.empty()) out.as_of_position = ProjectionHost::checkpoint_position_in(value);
          return false;
        }
        if (range == kDue) {
          if (rest.substr(0, 8) >= first_not_overdue) return false;
          const auto clock = rest.rfind('/');
          if (clock != std::string_view::npos && clock >= 9 && rest.substr(clock + 1) == "reply" &&
              agency_of_case(rest.substr(9, clock - 9)) == agency) {
            ++out.overdue;
          }
          return true;
        }
        const auto count = count_of(value);
        if (!count) {
          bad = corrupt_state(ranges[range].prefix, rest, std::invalid_argument("not a count"));
          return false;
        }
        auto& counts = range == kStages        ? out.by_stage
                       : range == kDepartments ? out.by_department
                                               : replies;
        counts[std::string(rest)] = *count;
        return true;
      });
  if (!status.ok()) return status;
  if (!bad.ok()) return bad;
  for (const auto& [stage, count] : out.by_stage) out.cases += count;
  for (const auto& [dates, count] : replies) {
    const auto start = date_of_key(std::string_view(dates).substr(0, 8));
    const auto served =
        dates.size() == 17 ? date_of_key(std::string_view(dates).substr(9)) : std::nullopt;
    if (!start || !served) {
      return corrupt_state(reply_counts_prefix(agency), dates, std::invalid_argument("not dates"));
    }
    out.replies += count;
    reply_days += count * domain::time::working_days_between(calendar, *start, *served);
  }
  return {};
}

}  // namespace

domain::Result<SupervisorSummary> supervisor_summary(const eventstore::EventStore& store,
                                                     std::string_view agency, CivilDate as_of,
                                                     const domain::time::Calendar& calendar) {
  SupervisorSummary out;
  out.agency = std::string(agency);
  out.as_of = as_of;
  std::int64_t reply_days = 0;
  if (auto status = read_summary(store, agency, calendar, out, reply_days); !status.ok()) {
    return status;
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
