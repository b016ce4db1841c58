// Handling steps while the case is worked: consultations, fees, extensions.
#include "domain/cases/case_clocks.h"
#include "domain/cases/decider_steps.h"
#include "domain/fees/fee_calculator.h"
#include "domain/time/working_days.h"

namespace gongkai::domain::cases::detail {
namespace {

Status consultation_not_open(int id) {
  return failed_precondition("consultation_not_open",
                             "consultation " + std::to_string(id) + " is not open");
}

// The reply due date as it stands (nullopt while paused by an open pause).
std::optional<CivilDate> current_reply_due(const Context& ctx) {
  const auto due = reply_deadline(ctx.state, ctx.calendar);
  return due ? due->due_on : std::nullopt;
}

constexpr std::initializer_list<Stage> kWorkingStages = {Stage::in_progress, Stage::under_review,
                                                         Stage::approved};

Status consultation_not_found(int id) {
  return not_found("consultation_not_found", "no consultation " + std::to_string(id));
}

}  // namespace

Decision step(const Context& ctx, const StartConsultation& c) {
  if (Status s = require_stage(ctx.state, c.kName, {Stage::in_progress}); !s.ok()) {
    return s;
  }
  if (Status s = require_text(c.party, "party"); !s.ok()) {
    return s;
  }
  if (Status s = check_business_date(ctx, c.sent_on, "sent_on"); !s.ok()) {
    return s;
  }
  const CivilDate received = c.received_by_party_on.value_or(c.sent_on);
  if (Status s = check_business_date(ctx, received, "received_by_party_on"); !s.ok()) {
    return s;
  }
  if (Status s = check_not_before(received, c.sent_on, "date_before_sent", "received_by_party_on");
      !s.ok()) {
    return s;
  }
  auto e = ctx.stamp<ConsultationStarted>();
  e.consultation_id = static_cast<int>(ctx.state.consultations.size()) + 1;
  e.kind = c.kind;
  e.party = c.party;
  e.sent_on = c.sent_on;
  e.received_by_party_on = received;
  return one(std::move(e));
}

Decision step(const Context& ctx, const RecordConsultationReply& c) {
  if (!is_open(ctx.state.stage)) {
    return stage_forbids(ctx.state, c.kName);
  }
  const ConsultationState* consultation = ctx.state.consultation(c.consultation_id);
  if (consultation == nullptr) return consultation_not_found(c.consultation_id);
  if (c.opinion == Opinion::agency_decides) {
    return invalid_argument("invalid_opinion", "opinion must be consent, object or none");
  }
  if (c.opinion == Opinion::object && c.reason.empty()) {
    return invalid_argument("reason_required", "an objection needs its reason");
  }
  bool voids_lapse = false;
  if (!consultation->is_open()) {
    // A reply received within the period but recorded after the timer's lapse voids the lapse.
    if (!consultation->lapsed_on || c.received_on > *consultation->lapsed_on) {
      return consultation_not_open(c.consultation_id);
    }
    voids_lapse = true;
  }
  if (Status s = check_business_date(ctx, c.received_on, "received_on"); !s.ok()) {
    return s;
  }
  if (Status s =
          check_not_before(c.received_on, consultation->sent_on, "date_before_sent", "received_on");
      !s.ok()) {
    return s;
  }
  auto e = ctx.stamp<ConsultationReplied>();
  e.consultation_id = c.consultation_id;
  e.received_on = c.received_on;
  e.opinion = c.opinion;
  e.reason = c.reason;
  e.voids_lapse = voids_lapse;
  return one(std::move(e));
}

Decision step(const Context& ctx, const CloseConsultation& c) {
  if (!is_open(ctx.state.stage)) {
    return stage_forbids(ctx.state, c.kName);
  }
  const ConsultationState* consultation = ctx.state.consultation(c.consultation_id);
  if (consultation == nullptr) return consultation_not_found(c.consultation_id);
  if (!consultation->is_open()) {
    return consultation_not_open(c.consultation_id);
  }
  if (consultation->has_fixed_period()) {
    return failed_precondition("consultation_has_fixed_period",
                               "third-party and co-producer consultations end by a reply or "
                               "their 15-working-day lapse, not by closing");
  }
  if (Status s = check_business_date(ctx, c.closed_on, "closed_on"); !s.ok()) {
    return s;
  }
  if (Status s =
          check_not_before(c.closed_on, consultation->sent_on, "date_before_sent", "closed_on");
      !s.ok()) {
    return s;
  }
  auto e = ctx.stamp<ConsultationClosed>();
  e.consultation_id = c.consultation_id;
  e.closed_on = c.closed_on;
  return one(std::move(e));
}

Decision step(const Context& ctx, const IssueFeeNotice& c) {
  if (Status s = require_stage(ctx.state, c.kName, {Stage::in_progress}); !s.ok()) {
    return s;
  }
  if (ctx.state.fee) {
    // Interpretation: one basis per application, so one fee notice per case.
    return failed_precondition("fee_already_notified", "a fee notice was already issued");
  }
  Result<fees::FeeQuote> quote = invalid_argument("pages_required", "per_page needs pages");
  if (c.basis == FeeBasis::per_page) {
    if (c.pages) {
      quote = fees::per_page_fee(*c.pages);
    }
  } else if (c.application_in_month) {
    quote = fees::per_application_fee(*c.application_in_month);
  } else {
    quote = invalid_argument("application_in_month_required",
                             "per_application needs the applicant's count this month");
  }
  if (!quote.ok()) {
    return quote.status();
  }
  if (Status s = check_business_date(ctx, c.notified_on, "notified_on"); !s.ok()) {
    return s;
  }
  if (const auto due = current_reply_due(ctx); due && c.notified_on > *due) {
    return failed_precondition(
        "fee_notice_after_due",
        "a fee notice must be issued before the reply is due (" + due->to_string() + ")");
  }
  if (quote->amount_yuan == 0) {
    return failed_precondition("fee_not_chargeable",
                               "within the free amount: " + quote->calculation);
  }
  if (c.amount_yuan != quote->amount_yuan) {
    return failed_precondition(
        "fee_amount_mismatch",
        "the fee is " + std::to_string(quote->amount_yuan) + " 元: " + quote->calculation);
  }
  auto e = ctx.stamp<FeeNoticeIssued>();
  e.basis = c.basis;
  e.pages = c.basis == FeeBasis::per_page ? c.pages : std::nullopt;
  e.application_in_month =
      c.basis == FeeBasis::per_application ? c.application_in_month : std::nullopt;
  e.amount_yuan = quote->amount_yuan;
  e.calculation = quote->calculation;
  e.notified_on = c.notified_on;
  return one(std::move(e));
}

Decision step(const Context& ctx, const RecordFeePayment& c) {
  const CaseState& state = ctx.state;
  if (!state.fee) {
    return failed_precondition("no_fee_pending", "no fee notice was issued");
  }
  const FeeState& fee = *state.fee;
  if (fee.paid_on) {
    return failed_precondition("fee_already_paid", "the fee was already paid");
  }
  bool voids_lapse = false;
  if (fee.lapsed) {
    const CivilDate deadline =
        add_working_days(ctx.calendar, fee.notified_on, kFeePaymentWorkingDays);
    if (state.stage != Stage::closed ||
        state.disposition != report::Disposition::other_fee_lapsed) {
      return stage_forbids(state, c.kName);
    }
    if (c.paid_on > deadline) {
      return failed_precondition("fee_deadline_passed",
                                 "paid after the deadline " + deadline.to_string());
    }
    voids_lapse = true;  // a late-recorded payment made in time wins over the timer
  } else if (!is_open(state.stage)) {
    return stage_forbids(state, c.kName);
  }
  if (c.amount_yuan != fee.amount_yuan) {
    return failed_precondition("fee_amount_mismatch",
                               "the notice asked for " + std::to_string(fee.amount_yuan) + " 元");
  }
  if (Status s = check_business_date(ctx, c.paid_on, "paid_on"); !s.ok()) {
    return s;
  }
  if (Status s = check_not_before(c.paid_on, fee.notified_on, "date_before_notice", "paid_on");
      !s.ok()) {
    return s;
  }
  auto e = ctx.stamp<FeePaid>();
  e.paid_on = c.paid_on;
  e.amount_yuan = c.amount_yuan;
  e.receipt_no = c.receipt_no;
  e.voids_lapse = voids_lapse;
  return one(std::move(e));
}

Decision step(const Context& ctx, const RequestExtension& c) {
  if (Status s = require_stage(ctx.state, c.kName, kWorkingStages); !s.ok()) {
    return s;
  }
  if (c.days < 1) {
    return invalid_argument("extension_days_invalid", "days must be at least 1");
  }
  if (Status s = require_text(c.reason, "reason"); !s.ok()) {
    return s;
  }
  if (ctx.state.approved_extension() != nullptr || ctx.state.pending_extension() != nullptr) {
    return failed_precondition("extension_already_used",
                               "a case may be extended only once (Art. 33)");
  }
  if (c.days > kMaxExtensionWorkingDays) {
    return failed_precondition("extension_too_long",
                               "an extension is at most 20 working days (Art. 33)");
  }
  const CivilDate requested_on = c.requested_on.value_or(ctx.today);
  if (Status s = check_business_date(ctx, requested_on, "requested_on"); !s.ok()) {
    return s;
  }
  if (const auto due = current_reply_due(ctx); due && requested_on > *due) {
    return failed_precondition("extension_after_due", "the reply was due on " + due->to_string());
  }
  auto e = ctx.stamp<ExtensionRequested>();
  e.days = c.days;
  e.reason = c.reason;
  e.requested_on = requested_on;
  return one(std::move(e));
}

namespace {

template <typename E, typename C>
Decision decide_extension(const Context& ctx, const C& c) {
  if (!is_open(ctx.state.stage)) {
    return stage_forbids(ctx.state, c.kName);
  }
  const ExtensionState* pending = ctx.state.pending_extension();
  if (pending == nullptr) {
    return failed_precondition("no_pending_extension", "no extension request awaits a decision");
  }
  // The four-eyes rule (not the requester) was checked by decide from the policy table.
  const CivilDate decided_on = c.decided_on.value_or(ctx.today);
  if (Status s = check_business_date(ctx, decided_on, "decided_on"); !s.ok()) {
    return s;
  }
  if (Status s =
          check_not_before(decided_on, pending->requested_on, "date_before_request", "decided_on");
      !s.ok()) {
    return s;
  }
  auto e = ctx.stamp<E>();
  if constexpr (std::is_same_v<E, ExtensionApproved>) {
    e.days = pending->days;
  }
  e.comment = c.comment;
  e.decided_on = decided_on;
  return one(std::move(e));
}

}  // namespace

Decision step(const Context& ctx, const ApproveExtension& c) {
  return decide_extension<ExtensionApproved>(ctx, c);
}

Decision step(const Context& ctx, const RejectExtension& c) {
  return decide_extension<ExtensionRejected>(ctx, c);
}

Decision step(const Context& ctx, const NotifyExtension& c) {
  if (!is_open(ctx.state.stage)) {
    return stage_forbids(ctx.state, c.kName);
  }
  const ExtensionState* approved = ctx.state.approved_extension();
  if (approved == nullptr) {
    return failed_precondition("extension_not_approved", "no approved extension to notify");
  }
  if (approved->notified_on) {
    return failed_precondition("extension_already_notified", "the applicant was already told");
  }
  if (Status s = require_text(c.method, "method"); !s.ok()) {
    return s;
  }
  if (Status s = check_business_date(ctx, c.notified_on, "notified_on"); !s.ok()) {
    return s;
  }
  if (Status s =
          check_not_before(c.notified_on, approved->decided_on.value_or(ctx.state.received_on),
                           "date_before_approval", "notified_on");
      !s.ok()) {
    return s;
  }
  auto e = ctx.stamp<ExtensionNotified>();
  e.notified_on = c.notified_on;
  e.method = c.method;
  return one(std::move(e));
}

}  // namespace gongkai::domain::cases::detail
