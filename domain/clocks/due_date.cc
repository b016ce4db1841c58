#include "domain/clocks/due_date.h"

#include <algorithm>

#include "domain/time/working_days.h"

namespace gongkai::domain::clocks {
namespace {

void describe_days_off(DueExplanation& explanation, CivilDate after, CivilDate through,
                       const time::Calendar& calendar) {
  for (CivilDate day = after.next(); day <= through; day = day.next()) {
    switch (calendar.kind_of(day)) {
      case time::DayKind::holiday:
        explanation.holidays_skipped.push_back(day);
        break;
      case time::DayKind::adjusted_workday:
        explanation.workdays_counted.push_back(day);
        break;
      case time::DayKind::weekend:
        ++explanation.weekend_days_skipped;
        break;
      case time::DayKind::working:
        break;
    }
  }
  explanation.unknown_years = time::unknown_years_between(calendar, after, through);
  explanation.calendar_known = explanation.unknown_years.empty();
}

}  // namespace

std::vector<PauseSpan> merge_pauses(const std::vector<Pause>& pauses) {
  std::vector<PauseSpan> spans;
  for (const Pause& pause : pauses) {
    if (pause.to && *pause.to <= pause.from) {
      continue;  // excludes no day at all
    }
    spans.push_back({pause.from, pause.to});
  }
  std::sort(spans.begin(), spans.end(),
            [](const PauseSpan& a, const PauseSpan& b) { return a.after < b.after; });
  std::vector<PauseSpan> merged;
  for (const PauseSpan& span : spans) {
    if (!merged.empty()) {
      PauseSpan& last = merged.back();
      // (a, b] and (c, d] touch or overlap when c <= b; an open span swallows all later ones.
      if (!last.through || span.after <= *last.through) {
        if (last.through && (!span.through || *span.through > *last.through)) {
          last.through = span.through;
        }
        continue;
      }
    }
    merged.push_back(span);
  }
  return merged;
}

bool is_paused(const std::vector<PauseSpan>& spans, CivilDate day) {
  for (const PauseSpan& span : spans) {
    if (day > span.after && (!span.through || day <= *span.through)) {
      return true;
    }
  }
  return false;
}

DueWalk walk_to_due(const ClockSpec& spec, const time::Calendar& calendar) {
  DueWalk walk;
  const std::vector<PauseSpan> spans = merge_pauses(spec.pauses);
  const int total = spec.working_days + (spec.extension ? spec.extension->days : 0);
  CivilDate day = spec.start_on;
  int counted = 0;
  while (counted < total) {
    day = day.next();
    if (!calendar.is_working_day(day)) {
      continue;
    }
    if (is_paused(spans, day)) {
      const bool open = std::any_of(spans.begin(), spans.end(), [&](const PauseSpan& span) {
        return !span.through && day > span.after;
      });
      if (open) {
        walk.paused = true;
        break;
      }
      ++walk.paused_working_days;
      continue;
    }
    ++counted;
  }
  // `day` is the due date, or (paused) the first working day the open pause holds.
  walk.last_counted = walk.paused ? day.prev() : day;
  if (!walk.paused) {
    walk.due_on = day;
  }
  return walk;
}

DueDate compute_due(const ClockSpec& spec, const time::Calendar& calendar) {
  const DueWalk walk = walk_to_due(spec, calendar);
  DueDate out;
  out.due_on = walk.due_on;
  out.paused = walk.paused;
  DueExplanation& explanation = out.explanation;
  explanation.clock = spec.clock;
  explanation.start_on = spec.start_on;
  explanation.start_reason = spec.start_reason;
  explanation.working_days = spec.working_days;
  explanation.extension = spec.extension;
  explanation.calendar_version = calendar.version();
  explanation.paused_working_days = walk.paused_working_days;
  const CivilDate last_counted = walk.last_counted;
  for (const Pause& pause : spec.pauses) {
    PauseExplanation p{pause.reason, pause.from, pause.to, 0};
    const CivilDate after = std::max(pause.from, spec.start_on);
    const CivilDate through = pause.to ? std::min(*pause.to, last_counted) : last_counted;
    p.working_days = time::working_days_between(calendar, after, through);
    explanation.pauses.push_back(std::move(p));
  }
  describe_days_off(explanation, spec.start_on, last_counted, calendar);
  return out;
}

DueDate fixed_due(std::string clock, CivilDate decided_on, std::string reason, CivilDate due_on,
                  const time::Calendar& calendar) {
  DueDate out;
  out.due_on = due_on;
  DueExplanation& explanation = out.explanation;
  explanation.clock = std::move(clock);
  explanation.start_on = decided_on;
  explanation.start_reason = reason;
  explanation.working_days = time::working_days_between(calendar, decided_on, due_on);
  explanation.calendar_version = calendar.version();
  explanation.fixed_by = std::move(reason);
  describe_days_off(explanation, decided_on, due_on, calendar);
  return out;
}

}  // namespace gongkai::domain::clocks
