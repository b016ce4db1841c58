// Timer decisions as pure functions (DOMAIN.md section 3, "Deadline timer"): given a case and
// `now`, which of deadline.warned, deadline.missed, the correction lapse, the fee lapse and the
// consultation lapses are due. Each is due exactly once: per due date for the deadline events
// (a due date that moves after an extension or reopen can warn again, the same date never twice),
// once per notice or consultation for the lapses.
//
// The shell's monitor asks `due_timer_commands` and sends each command through `decide` (actor
// policy::system_actor()), which re-checks the same predicates, so repeated ticks append nothing.
#pragma once

#include <optional>
#include <vector>

#include "domain/cases/case_clocks.h"
#include "domain/cases/case_commands.h"
#include "domain/cases/case_state.h"
#include "domain/time/calendar.h"
#include "domain/time/instant.h"

namespace gongkai::domain::cases {

struct TimerPolicy {
  int due_soon_within = kDefaultDueSoonWorkingDays;
};

struct WarningDue {
  CivilDate due_on;
  int working_days_left = 0;
};

// The reply is due within `within` working days (today included) and this due date was not
// warned about yet.
[[nodiscard]] std::optional<WarningDue> deadline_warning_due(const CaseState& state,
                                                             CivilDate today,
                                                             const time::Calendar& calendar,
                                                             int within);
// The reply due date has ended (today is after it), no reply was issued, and this due date was
// not recorded as missed yet. Returns the missed due date.
[[nodiscard]] std::optional<CivilDate> deadline_missed_due(const CaseState& state, CivilDate today,
                                                           const time::Calendar& calendar);
// The correction deadline has passed with the correction still pending. Returns the deadline.
[[nodiscard]] std::optional<CivilDate> correction_lapse_due(const CaseState& state, CivilDate today,
                                                            const time::Calendar& calendar);
// The fee payment deadline has passed with the fee unpaid. Returns the deadline.
[[nodiscard]] std::optional<CivilDate> fee_lapse_due(const CaseState& state, CivilDate today,
                                                     const time::Calendar& calendar);
// A third-party or co-producer consultation's 15 working days have passed without a reply.
// Returns its lapse date.
[[nodiscard]] std::optional<CivilDate> consultation_lapse_due(const CaseState& state, int id,
                                                              CivilDate today,
                                                              const time::Calendar& calendar);

// Every timer command due for the case at `now` (lapses first, then missed, then warned).
[[nodiscard]] std::vector<CommandBody> due_timer_commands(const CaseState& state, time::Instant now,
                                                          const time::Calendar& calendar,
                                                          const TimerPolicy& policy = {});

}  // namespace gongkai::domain::cases
