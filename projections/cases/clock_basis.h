// ClockBasis: the date-independent part of a case's reply clock, kept in the views so that the
// date-dependent part (working days left, due soon, overdue, which pauses hold it today) is
// computed when a view is read, for the `today` the reader gives. A stored view therefore never
// goes stale as days pass; only events change it.
//
// `clock_on(clock_basis(state), today)` equals `domain::cases::reply_clock_view(state, today)`
// (tests/projections/cases_projection_test.cc checks this day by day).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/cases/case_clocks.h"
#include "domain/cases/case_state.h"
#include "domain/clocks/due_date.h"
#include "domain/time/calendar.h"

namespace gongkai::projections {

struct ClockBasis {
  bool registered = false;  // a reply clock exists (the case was registered)
  std::optional<domain::time::CivilDate> reply_due_on;
  bool due_paused = false;  // an open pause holds the clock: the due date is unknown
  bool open = false;        // the case is open (a closed or archived case's clock is stopped)
  bool reopened = false;    // the date was fixed by a decision: pauses do not count against it
  std::vector<domain::clocks::Pause> pauses;
  int extension_days = 0;
  std::optional<std::string> extension_approved_by;
};

[[nodiscard]] ClockBasis clock_basis(const domain::cases::CaseState& state,
                                     const domain::time::Calendar& calendar);

[[nodiscard]] domain::cases::ReplyClockView clock_on(
    const ClockBasis& basis, domain::time::CivilDate today, const domain::time::Calendar& calendar,
    int due_soon_within = domain::cases::kDefaultDueSoonWorkingDays);

}  // namespace gongkai::projections
