// The supervisor's summary (API.md `GET /api/v1/stats/summary`): counts by stage, open cases by
// department, open cases overdue on a given date, and the average working days from receipt to
// the reply's service.
//
// Read from counters, not by folding cases: the stages, departments and replies from the
// "summary" projection (summary_projection.h), overdue from the "deadlines" index (the reply
// clocks whose due date ended before the day asked, as `GET /overdue` lists them). The working
// days of the replies are counted when asked, with the calendar given. Cost: a few dozen
// counters, one per (start, service) date pair of the agency's replies, and the index entries
// due before the day asked, all read from one snapshot of the store; nothing is kept in memory
// between summaries.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "domain/base/status.h"
#include "domain/time/calendar.h"
#include "domain/time/civil_date.h"
#include "eventstore/event_store.h"

namespace gongkai::projections::reports {

struct SupervisorSummary {
  std::string agency;
  domain::time::CivilDate as_of;
  std::int64_t cases = 0;
  std::map<std::string, std::int64_t> by_stage;       // every case by its stage now
  std::map<std::string, std::int64_t> by_department;  // open cases; "unassigned" when none
  // Open cases whose reply was due before as_of (their clocks as they stand now).
  std::int64_t overdue = 0;
  // Working days (calendar) from the receipt date — or, for a reopened case, the reopening's
  // decision date — to the service date, over every reply served (a reopened case's replies both
  // count). Not counted: withdrawals and lapses (no reply was served).
  std::int64_t replies = 0;
  std::optional<double> average_working_days_to_reply;  // rounded to 2 decimals; none if no reply
  std::uint64_t as_of_position = 0;                     // the log position the counts reflect
};

[[nodiscard]] domain::Result<SupervisorSummary> supervisor_summary(
    const eventstore::EventStore& store, std::string_view agency, domain::time::CivilDate as_of,
    const domain::time::Calendar& calendar);

// {"agency","as_of","cases","by_stage":{},"by_department":{},"overdue","replies",
//  "average_working_days_to_reply": number|null,"as_of_position"} in this order.
[[nodiscard]] std::string to_json(const SupervisorSummary& summary);

}  // namespace gongkai::projections::reports
