// Working-day clocks with due dates that explain themselves (DOMAIN.md section 3).
//
// A clock is: a start date and why, a length in working days, pauses, and optionally an approved
// extension. `compute_due` walks forward from the start over working days, skipping paused days,
// until the length (+ extension) is counted, and returns the due date with the explanation the
// API's /deadlines route shows: start and reason, each pause with its reason, dates and working
// days, the extension and its approver, the days off skipped, and the calendar version used.
//
// Pauses: a pause from A to B excludes the working days W with A < W <= B. Overlapping pauses are
// merged (a day is never excluded twice). A pause with no end (open) makes the due date unknown
// once the walk reaches it: the clock is shown as paused.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/time/calendar.h"
#include "domain/time/civil_date.h"

namespace gongkai::domain::clocks {

using time::CivilDate;

struct Pause {
  std::string reason;  // e.g. "consultation:2", "fee_notice", "correction_pending"
  CivilDate from;
  std::optional<CivilDate> to;  // nullopt: still open
};

// A merged run of paused days: the working days W with after < W <= through are excluded.
struct PauseSpan {
  CivilDate after;
  std::optional<CivilDate> through;  // nullopt: open
};

// Merges overlapping or touching pauses; the result is sorted and disjoint.
[[nodiscard]] std::vector<PauseSpan> merge_pauses(const std::vector<Pause>& pauses);
// Whether `day` is excluded by one of the (merged) spans.
[[nodiscard]] bool is_paused(const std::vector<PauseSpan>& spans, CivilDate day);

struct Extension {
  int days = 0;
  std::string approved_by;
  CivilDate approved_on;
  std::string requested_by;
};

struct ClockSpec {
  std::string clock;         // "reply", "correction_notice", "consultation:1", "fee_payment", ...
  CivilDate start_on;        // not counted itself
  std::string start_reason;  // "received_on", "correction_received", "notified_on", ...
  int working_days = 0;
  std::vector<Pause> pauses;
  std::optional<Extension> extension;
};

struct PauseExplanation {
  std::string reason;
  CivilDate from;
  std::optional<CivilDate> to;
  // Working days of this pause inside the counted period (after the start, up to the due date).
  // Overlapping pauses may each count a day; `DueExplanation::paused_working_days` does not.
  int working_days = 0;
};

struct DueExplanation {
  std::string clock;
  CivilDate start_on;
  std::string start_reason;
  int working_days = 0;  // the base length
  std::vector<PauseExplanation> pauses;
  int paused_working_days = 0;  // merged: how far the pauses pushed the due date
  std::optional<Extension> extension;
  std::vector<CivilDate> holidays_skipped;  // declared holidays in (start, due]
  std::vector<CivilDate> workdays_counted;  // adjusted working days (weekend days) counted
  int weekend_days_skipped = 0;
  std::string calendar_version;
  bool calendar_known = true;  // false if the period touches a year with no arrangement
  std::vector<int> unknown_years;
  // Set when the date was not counted but fixed by a decision (e.g. reopen after reconsideration).
  std::optional<std::string> fixed_by;
};

struct DueDate {
  std::optional<CivilDate> due_on;  // nullopt while an open pause holds the clock
  bool paused = false;              // an open pause stopped the walk
  DueExplanation explanation;
};

[[nodiscard]] DueDate compute_due(const ClockSpec& spec, const time::Calendar& calendar);

// The walk of `compute_due` without its explanation, for callers that need only where it ends
// (the projections fold the reply clock for every event; the explanation would be thrown away).
struct DueWalk {
  std::optional<CivilDate> due_on;  // nullopt while an open pause holds the clock
  bool paused = false;
  int paused_working_days = 0;  // merged, as in DueExplanation
  CivilDate last_counted;       // the due date, or the day before the open pause held the walk
};
[[nodiscard]] DueWalk walk_to_due(const ClockSpec& spec, const time::Calendar& calendar);

// A due date set by a decision rather than counted (its explanation says by what).
[[nodiscard]] DueDate fixed_due(std::string clock, CivilDate decided_on, std::string reason,
                                CivilDate due_on, const time::Calendar& calendar);

}  // namespace gongkai::domain::clocks
