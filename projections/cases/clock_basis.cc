#include "projections/cases/clock_basis.h"

namespace gongkai::projections {

namespace dc = domain::cases;
using domain::time::CivilDate;

ClockBasis clock_basis(const dc::CaseState& state, const domain::time::Calendar& calendar) {
  ClockBasis basis;
  auto deadline = dc::reply_deadline(state, calendar);
  if (!deadline) {
    return basis;
  }
  basis.registered = true;
  basis.reply_due_on = deadline->due_on;
  basis.due_paused = deadline->paused;
  basis.open = dc::is_open(state.stage);
  basis.reopened = state.reopen.has_value();
  basis.pauses = std::move(deadline->pauses);
  if (const dc::ExtensionState* x = state.approved_extension()) {
    basis.extension_days = x->days;
    basis.extension_approved_by = x->decided_by;
  }
  return basis;
}

// Mirrors domain::cases::reply_clock_view step by step, on the stored basis instead of the state.
dc::ReplyClockView clock_on(const ClockBasis& basis, CivilDate today,
                            const domain::time::Calendar& calendar, int due_soon_within) {
  dc::ReplyClockView view;
  if (!basis.registered) {
    return view;
  }
  view.extension_days = basis.extension_days;
  view.extension_approved_by = basis.extension_approved_by;
  view.reply_due_on = basis.reply_due_on;
  if (!basis.open) {
    return view;
  }
  if (!basis.reopened) {
    for (const auto& p : basis.pauses) {
      if (p.from <= today && (!p.to || today <= *p.to)) {
        view.paused_by.push_back(p.reason);
      }
    }
  }
  view.status = basis.due_paused || !view.paused_by.empty() ? dc::ClockStatus::paused
                                                            : dc::ClockStatus::running;
  if (!basis.reply_due_on) {
    return view;
  }
  const CivilDate due_on = *basis.reply_due_on;
  view.overdue = today > due_on;
  int left = 0;
  if (!view.overdue) {
    const auto spans = basis.reopened ? std::vector<domain::clocks::PauseSpan>{}
                                      : domain::clocks::merge_pauses(basis.pauses);
    for (CivilDate day = today; day <= due_on; day = day.next()) {
      if (calendar.is_working_day(day) && !domain::clocks::is_paused(spans, day)) {
        ++left;
      }
    }
  }
  view.working_days_left = left;
  view.due_soon = !view.overdue && left <= due_soon_within;
  return view;
}

}  // namespace gongkai::projections
