#include "projections/reports/supervisor_summary.h"

#include <charconv>
#include <cmath>
#include <functional>
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

// Calls visit(key relative to `prefix`, value) for each state entry under `prefix` in key order,
// until it returns false.
domain::Status for_each_entry(
    const eventstore::EventStore& store, const std::string& prefix,
    const std::function<bool(std::string_view, const std::string&)>& visit) {
  std::string after;
  for (;;) {
    auto page = store.scan_state_after(prefix, after, kSummaryScanChunk);
    if (!page.ok()) return page.status();
    for (const auto& [key, value] : *page) {
      after = key.substr(prefix.size());
      if (!visit(after, value)) return {};
    }
    if (page->size() < kSummaryScanChunk) return {};
  }
}

std::optional<std::int64_t> count_of(const std::string& text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

// Reads the counts under `prefix` (relative to the summary projection's prefix) into `out` by
// the rest of their key.
domain::Status read_counts(const eventstore::EventStore& store, const std::string& prefix,
                           std::map<std::string, std::int64_t>& out) {
  const std::string full = ProjectionHost::state_prefix(kSummaryProjection) + prefix;
  domain::Status bad;
  auto status = for_each_entry(store, full, [&](std::string_view key, const std::string& value) {
    const auto count = count_of(value);
    if (!count) {
      bad = corrupt_state(full, key, std::invalid_argument("not a count"));
      return false;
    }
    out[std::string(key)] = *count;
    return true;
  });
  return status.ok() ? bad : status;
}

// The agency's reply clocks in the deadlines index due before `as_of`: keys
// "<YYYYMMDD>/<case id>/<clock>" in date order, so the scan stops at the first one due later.
domain::Result<std::int64_t> count_overdue(const eventstore::EventStore& store,
                                           std::string_view agency, CivilDate as_of) {
  const std::string prefix = ProjectionHost::state_prefix(DeadlinesProjection::kName) + "due/";
  const std::string first_not_overdue = date_key(as_of);
  std::int64_t overdue = 0;
  auto status = for_each_entry(store, prefix, [&](std::string_view key, const std::string&) {
    if (key.substr(0, 8) >= first_not_overdue) return false;
    const auto clock = key.rfind('/');
    if (clock == std::string_view::npos || clock < 9 || key.substr(clock + 1) != "reply") {
      return true;
    }
    if (agency_of_case(key.substr(9, clock - 9)) == agency) ++overdue;
    return true;
  });
  if (!status.ok()) return status;
  return overdue;
}

// The counts as of one log position (`out.as_of_position`), without the average.
domain::Status read_summary(const eventstore::EventStore& store, std::string_view agency,
                            const domain::time::Calendar& calendar, SupervisorSummary& out,
                            std::int64_t& reply_days) {
  std::map<std::string, std::int64_t> replies;  // "<start>/<served>" -> replies
  for (auto [prefix, counts] : {std::pair{stage_counts_prefix(agency), &out.by_stage},
                                std::pair{department_counts_prefix(agency), &out.by_department},
                                std::pair{reply_counts_prefix(agency), &replies}}) {
    if (auto status = read_counts(store, prefix, *counts); !status.ok()) return status;
  }
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
  auto overdue = count_overdue(store, agency, out.as_of);
  if (!overdue.ok()) return overdue.status();
  out.overdue = *overdue;
  return {};
}

}  // namespace

domain::Result<SupervisorSummary> supervisor_summary(const eventstore::EventStore& store,
                                                     std::string_view agency, CivilDate as_of,
                                                     const domain::time::Calendar& calendar) {
  // The checkpoint is read before and after the counts: equal, they belong to that position (the
  // deadlines index is written in the same batch as the summary's counts).
  for (int attempt = 0;; ++attempt) {
    SupervisorSummary out;
    out.agency = std::string(agency);
    out.as_of = as_of;
    out.as_of_position = ProjectionHost::checkpoint_position(store, kSummaryProjection);
    std::int64_t reply_days = 0;
    if (auto status = read_summary(store, agency, calendar, out, reply_days); !status.ok()) {
      return status;
    }
    if (ProjectionHost::checkpoint_position(store, kSummaryProjection) != out.as_of_position &&
        attempt < 8) {
      continue;
    }
    if (out.replies > 0) {
      const double average = static_cast<double>(reply_days) / static_cast<double>(out.replies);
      out.average_working_days_to_reply = std::round(average * 100.0) / 100.0;
    }
    return out;
  }
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
