#include "domain/cases/case_timers.h"

#include <algorithm>

#include "domain/time/working_days.h"

namespace gongkai::domain::cases {
namespace {

bool contains(const std::vector<CivilDate>& dates, CivilDate date) {
  return std::find(dates.begin(), dates.end(), date) != dates.end();
}

std::optional<CivilDate> running_reply_due(const CaseState& state, const time::Calendar& calendar) {
  if (!is_open(state.stage) || state.stage == Stage::correction_pending) {
    return std::nullopt;
  }
  const auto due = reply_deadline(state, calendar);
  return due ? due->due_on : std::nullopt;
}

}  // namespace

std::optional<WarningDue> deadline_warning_due(const CaseState& state, CivilDate today,
                                               const time::Calendar& calendar, int within) {
  const std::optional<CivilDate> due = running_reply_due(state, calendar);
  if (!due || today > *due || contains(state.warned_due_dates, *due)) {
    return std::nullopt;
  }
  const int left = working_days_left(state, today, *due, calendar);
  if (left > within) {
    return std::nullopt;
  }
  return WarningDue{*due, left};
}

std::optional<CivilDate> deadline_missed_due(const CaseState& state, CivilDate today,
                                             const time::Calendar& calendar) {
  const std::optional<CivilDate> due = running_reply_due(state, calendar);
  if (!due || today <= *due || contains(state.missed_due_dates, *due)) {
    return std::nullopt;
  }
  return due;
}

std::optional<CivilDate> correction_lapse_due(const CaseState& state, CivilDate today,
                                              const time::Calendar& calendar) {
  if (state.stage != Stage::correction_pending || !state.correction ||
      state.correction->received_on) {
    return std::nullopt;
  }
  const std::optional<CivilDate> deadline = effective_correction_deadline(state, calendar);
  if (!deadline || today <= *deadline) {
    return std::nullopt;
  }
  return deadline;
}

std::optional<CivilDate> fee_lapse_due(const CaseState& state, CivilDate today,
                                       const time::Calendar& calendar) {
  if (!is_open(state.stage) || !state.fee || !state.fee->is_pending()) {
    return std::nullopt;
  }
  const CivilDate deadline =
      add_working_days(calendar, state.fee->notified_on, kFeePaymentWorkingDays);
  if (today <= deadline) {
    return std::nullopt;
  }
  return deadline;
}

std::optional<CivilDate> consultation_lapse_due(const CaseState& state, int id, CivilDate today,
                                                const time::Calendar& calendar) {
  const ConsultationState* c = state.consultation(id);
  if (!is_open(state.stage) || c == nullptr || !c->is_open() || !c->has_fixed_period()) {
    return std::nullopt;
  }
  const CivilDate lapse =
      add_working_days(calendar, c->received_by_party_on, kConsultationWorkingDays);
  if (today <= lapse) {
    return std::nullopt;
  }
  return lapse;
}

std::vector<CommandBody> due_timer_commands(const CaseState& state, time::Instant now,
                                            const time::Calendar& calendar,
                                            const TimerPolicy& policy) {
  const CivilDate today = time::date_of(now);
  std::vector<CommandBody> out;
  if (correction_lapse_due(state, today, calendar)) {
    out.emplace_back(LapseCorrection{});
  }
  if (fee_lapse_due(state, today, calendar)) {
    out.emplace_back(LapseFee{});
  }
  for (const ConsultationState& c : state.consultations) {
    if (consultation_lapse_due(state, c.id, today, calendar)) {
      out.emplace_back(LapseConsultation{c.id});
    }
  }
  if (deadline_missed_due(state, today, calendar)) {
    out.emplace_back(MarkDeadlineMissed{});
  }
  if (deadline_warning_due(state, today, calendar, policy.due_soon_within)) {
    out.emplace_back(WarnDeadline{policy.due_soon_within});
  }
  return out;
}

}  // namespace gongkai::domain::cases
