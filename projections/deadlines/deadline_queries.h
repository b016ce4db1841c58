// DeadlineQueries: the read side of the "deadlines" projection. `due_soon` and `overdue` serve
// API.md's `GET /due-soon` and `GET /overdue`; `cases_needing_timer` tells the deadline monitor
// which cases to load and ask `domain::cases::due_timer_commands` (the monitor still decides;
// this only narrows the cases it looks at). Reads through `const EventStore&`.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/base/status.h"
#include "domain/cases/case_clocks.h"
#include "domain/time/calendar.h"
#include "domain/time/civil_date.h"
#include "domain/time/instant.h"
#include "eventstore/event_store.h"

namespace gongkai::projections {

class DeadlineQueries {
 public:
  DeadlineQueries(const eventstore::EventStore& store, const domain::time::Calendar& calendar)
      : store_(store), calendar_(calendar) {}

  // `{"items": [{case_id, clock, due_on, working_days_left, stage, department, handler}]}`:
  // every watched clock not yet past on `today` with at most `within` working days left (today
  // included; the reply clock's paused days do not count), by due date. `clock` tells the reply
  // ("reply") from the lapse clocks. `within` < 0 is invalid_argument "within_invalid".
  [[nodiscard]] domain::Result<std::string> due_soon(
      int within, domain::time::CivilDate today,
      const std::optional<std::string>& department = std::nullopt) const;

  // `{"items": [{case_id, clock, due_on, days_overdue, working_days_overdue, stage, department,
  // handler}]}`: the reply clocks whose due date has ended before `as_of` (most overdue first),
  // optionally of one department. days_overdue counts calendar days after the due date through
  // `as_of`, working_days_overdue the working days among them. The holder is the department and
  // handler.
  [[nodiscard]] domain::Result<std::string> overdue(
      domain::time::CivilDate as_of,
      const std::optional<std::string>& department = std::nullopt) const;

  // The cases (sorted, each once) with a timer command possibly due at `now`: a lapse clock past
  // its date, a reply due date that has ended and was not recorded as missed, or a reply due
  // within `warn_within` working days that was not warned about yet.
  [[nodiscard]] domain::Result<std::vector<std::string>> cases_needing_timer(
      domain::time::Instant now, int warn_within = domain::cases::kDefaultDueSoonWorkingDays) const;

 private:
  const eventstore::EventStore& store_;
  // Referenced, not copied: a copy of every year's arrangement cost each request its own
  // allocations (2 % of a queue read's CPU). The caller keeps the calendar alive.
  const domain::time::Calendar& calendar_;
};

}  // namespace gongkai::projections
