#include "domain/cases/case_clocks.h"

#include "domain/time/working_days.h"

namespace gongkai::domain::cases {
namespace {

clocks::DueDate fixed_period(std::string clock, CivilDate start, std::string reason, int days,
                             const time::Calendar& calendar) {
  clocks::ClockSpec spec{std::move(clock), start, std::move(reason), days, {}, std::nullopt};
  return clocks::compute_due(spec, calendar);
}

// The counted reply clock of a case that was not reopened.
clocks::ClockSpec reply_spec(const CaseState& state, const time::Calendar& calendar) {
  clocks::ClockSpec spec;
  spec.clock = "reply";
  spec.working_days = kReplyWorkingDays;
  if (state.correction && state.correction->received_on) {
    spec.start_on = *state.correction->received_on;  // Art. 30: the clock restarts
    spec.start_reason = "correction_received";
  } else {
    spec.start_on = state.received_on;
    spec.start_reason = "received_on";
  }
  spec.pauses = reply_pauses(state, calendar);
  if (const ExtensionState* x = state.approved_extension()) {
    spec.extension = clocks::Extension{x->days, x->decided_by,
                                       x->decided_on.value_or(x->requested_on), x->requested_by};
  }
  return spec;
}

}  // namespace

std::vector<clocks::Pause> reply_pauses(const CaseState& state, const time::Calendar& calendar) {
  std::vector<clocks::Pause> pauses;
  if (state.correction && !state.correction->received_on) {
    // While the correction is pending the clock waits; a lapse ends the case (clock stopped).
    pauses.push_back({"correction_pending", state.correction->notified_on, std::nullopt});
  }
  for (const ConsultationState& c : state.consultations) {
    const std::string reason = "consultation:" + std::to_string(c.id);
    std::optional<CivilDate> end = c.replied_on ? c.replied_on : c.closed_on;
    if (c.has_fixed_period()) {
      const CivilDate lapse =
          add_working_days(calendar, c.received_by_party_on, kConsultationWorkingDays);
      if (!end || lapse < *end) {
        end = lapse;
      }
    }
    pauses.push_back({reason, c.sent_on, end});
  }
  if (state.fee) {
    std::optional<CivilDate> end = state.fee->paid_on;
    if (!end && state.fee->lapsed) {
      end = add_working_days(calendar, state.fee->notified_on, kFeePaymentWorkingDays);
    }
    pauses.push_back({"fee_notice", state.fee->notified_on, end});
  }
  return pauses;
}

std::optional<clocks::DueDate> reply_due(const CaseState& state, const time::Calendar& calendar) {
  if (state.stage == Stage::none) {
    return std::nullopt;
  }
  if (state.reopen) {
    // Interpretation: the reconsideration/court decision sets the new reply date; it is neither
    // counted nor moved by later pauses.
    return clocks::fixed_due("reply", state.reopen->decided_on,
                             "reopened:" + std::string(reopen_basis_name(state.reopen->basis)) +
                                 " " + state.reopen->reference,
                             state.reopen->reply_due_on, calendar);
  }
  return clocks::compute_due(reply_spec(state, calendar), calendar);
}

std::optional<ReplyDeadline> reply_deadline(const CaseState& state,
                                            const time::Calendar& calendar) {
  if (state.stage == Stage::none) {
    return std::nullopt;
  }
  if (state.reopen) {
    return ReplyDeadline{state.reopen->reply_due_on, false, reply_pauses(state, calendar)};
  }
  clocks::ClockSpec spec = reply_spec(state, calendar);
  const clocks::DueWalk walk = clocks::walk_to_due(spec, calendar);
  return ReplyDeadline{walk.due_on, walk.paused, std::move(spec.pauses)};
}

std::optional<clocks::DueDate> correction_notice_due(const CaseState& state,
                                                     const time::Calendar& calendar) {
  if (state.stage == Stage::none) {
    return std::nullopt;
  }
  return fixed_period("correction_notice", state.received_on, "received_on",
                      kCorrectionNoticeWorkingDays, calendar);
}

std::optional<CivilDate> effective_correction_deadline(const CaseState& state,
                                                       const time::Calendar& calendar) {
  if (!state.correction) {
    return std::nullopt;
  }
  return next_working_day_on_or_after(calendar, state.correction->deadline_on);
}

std::optional<clocks::DueDate> correction_due(const CaseState& state,
                                              const time::Calendar& calendar) {
  const std::optional<CivilDate> deadline = effective_correction_deadline(state, calendar);
  if (!deadline) {
    return std::nullopt;
  }
  return clocks::fixed_due("correction", state.correction->notified_on, "correction_notice",
                           *deadline, calendar);
}

std::optional<clocks::DueDate> consultation_due(const ConsultationState& consultation,
                                                const time::Calendar& calendar) {
  if (!consultation.has_fixed_period()) {
    return std::nullopt;
  }
  return fixed_period("consultation:" + std::to_string(consultation.id),
                      consultation.received_by_party_on, "received_by_party_on",
                      kConsultationWorkingDays, calendar);
}

std::optional<clocks::DueDate> fee_payment_due(const CaseState& state,
                                               const time::Calendar& calendar) {
  if (!state.fee) {
    return std::nullopt;
  }
  // "20 working days counted from the day after the notice": the notice day itself is not
  // counted, which is the general counting rule.
  return fixed_period("fee_payment", state.fee->notified_on, "notified_on", kFeePaymentWorkingDays,
                      calendar);
}

std::vector<clocks::DueDate> all_deadlines(const CaseState& state, const time::Calendar& calendar) {
  std::vector<clocks::DueDate> out;
  auto add = [&](std::optional<clocks::DueDate> due) {
    if (due) {
      out.push_back(std::move(*due));
    }
  };
  add(reply_due(state, calendar));
  add(correction_notice_due(state, calendar));
  add(correction_due(state, calendar));
  for (const ConsultationState& c : state.consultations) {
    add(consultation_due(c, calendar));
  }
  add(fee_payment_due(state, calendar));
  return out;
}

int working_days_left(const CaseState& state, CivilDate today, CivilDate due_on,
                      const time::Calendar& calendar) {
  // A reopened case's date was fixed by a decision: pauses do not count against it.
  const std::vector<clocks::PauseSpan> spans =
      state.reopen ? std::vector<clocks::PauseSpan>{}
                   : clocks::merge_pauses(reply_pauses(state, calendar));
  int left = 0;
  for (CivilDate day = today; day <= due_on; day = day.next()) {
    if (calendar.is_working_day(day) && !clocks::is_paused(spans, day)) {
      ++left;
    }
  }
  return left;
}

ReplyClockView reply_clock_view(const CaseState& state, CivilDate today,
                                const time::Calendar& calendar, int due_soon_within) {
  ReplyClockView view;
  const std::optional<ReplyDeadline> due = reply_deadline(state, calendar);
  if (!due) {
    return view;
  }
  if (const ExtensionState* x = state.approved_extension()) {
    view.extension_days = x->days;
    view.extension_approved_by = x->decided_by;
  }
  view.reply_due_on = due->due_on;
  if (!is_open(state.stage)) {
    return view;  // stopped: the reply was issued or the case closed
  }
  if (!state.reopen) {
    for (const clocks::Pause& p : due->pauses) {
      if (p.from <= today && (!p.to || today <= *p.to)) {
        view.paused_by.push_back(p.reason);
      }
    }
  }
  view.status = due->paused || !view.paused_by.empty() ? ClockStatus::paused : ClockStatus::running;
  if (!due->due_on) {
    return view;
  }
  view.overdue = today > *due->due_on;
  view.working_days_left =
      view.overdue ? 0 : working_days_left(state, today, *due->due_on, calendar);
  view.due_soon = !view.overdue && *view.working_days_left <= due_soon_within;
  return view;
}

}  // namespace gongkai::domain::cases
