// Intake steps: register, acknowledge, assign, transfer, correction, withdrawal, notes.
#include "domain/cases/case_clocks.h"
#include "domain/cases/decider_steps.h"
#include "domain/time/working_days.h"

namespace gongkai::domain::cases::detail {

Decision step(const Context& ctx, const RegisterCase& c) {
  if (Status s = require_text(c.case_id, "case_id"); !s.ok()) {
    return s;
  }
  if (Status s = require_text(c.applicant.name, "applicant_name"); !s.ok()) {
    return s;
  }
  if (Status s = require_text(c.description, "description"); !s.ok()) {
    return s;
  }
  if (c.department && c.department->empty()) {
    return require_text(*c.department, "department");
  }
  // Art. 31: the receipt date depends on the channel (signed-for date, confirmation date, ...);
  // the registrar fixes it, and it may not lie in the future.
  if (Status s = check_business_date(ctx, c.received_on, "received_on"); !s.ok()) {
    return s;
  }
  auto registered = ctx.stamp<CaseRegistered>();
  registered.case_id = c.case_id;
  registered.applicant = c.applicant;
  registered.channel = c.channel;
  registered.received_on = c.received_on;
  registered.description = c.description;
  registered.purpose = c.purpose;
  registered.delivery_form = c.delivery_form;
  registered.delivery_method = c.delivery_method;
  std::vector<CaseEvent> events{registered};
  if (c.department) {
    auto assigned = ctx.stamp<CaseAssigned>();
    assigned.case_id = c.case_id;
    assigned.department = *c.department;
    assigned.assigned_on = ctx.today;
    events.emplace_back(std::move(assigned));
  }
  return events;
}

Decision step(const Context& ctx, const AcknowledgeReceipt& c) {
  if (!is_open(ctx.state.stage)) {
    return stage_forbids(ctx.state, c.kName);
  }
  if (Status s = require_text(c.method, "method"); !s.ok()) {
    return s;
  }
  if (Status s = check_business_date(ctx, c.given_on, "given_on"); !s.ok()) {
    return s;
  }
  auto e = ctx.stamp<ReceiptAcknowledged>();
  e.given_on = c.given_on;
  e.method = c.method;
  return one(std::move(e));
}

Decision step(const Context& ctx, const AssignCase& c) {
  if (Status s = require_stage(ctx.state, c.kName, {Stage::registered, Stage::in_progress});
      !s.ok()) {
    return s;
  }
  if (Status s = require_text(c.department, "department"); !s.ok()) {
    return s;
  }
  auto e = ctx.stamp<CaseAssigned>();
  e.department = c.department;
  e.handler = c.handler;
  e.assigned_on = ctx.today;
  return one(std::move(e));
}

Decision step(const Context& ctx, const TransferCase& c) {
  if (Status s = require_stage(ctx.state, c.kName, {Stage::in_progress}); !s.ok()) {
    return s;
  }
  if (Status s = require_text(c.to_department, "to_department"); !s.ok()) {
    return s;
  }
  if (Status s = require_text(c.reason, "reason"); !s.ok()) {
    return s;
  }
  if (ctx.state.department == c.to_department) {
    return invalid_argument("same_department", "the case is already in " + c.to_department);
  }
  // Art. 45: the reply clock does not restart on a transfer (nothing here touches it).
  auto e = ctx.stamp<CaseTransferred>();
  e.from_department = ctx.state.department.value_or("");
  e.to_department = c.to_department;
  e.reason = c.reason;
  e.transferred_on = ctx.today;
  return one(std::move(e));
}

Decision step(const Context& ctx, const RequestCorrection& c) {
  const CaseState& state = ctx.state;
  if (state.correction) {
    return failed_precondition("correction_already_requested",
                               "a correction may be requested only once per case (Art. 30)");
  }
  if (Status s = require_stage(state, c.kName, {Stage::registered, Stage::in_progress}); !s.ok()) {
    return s;
  }
  if (c.items.empty()) {
    return invalid_argument("items_required", "list the items to supply");
  }
  for (const std::string& item : c.items) {
    if (Status s = require_text(item, "items"); !s.ok()) {
      return s;
    }
  }
  if (c.deadline_on <= c.notified_on) {
    return invalid_argument("deadline_not_after_notice",
                            "the correction deadline must be after the notice date");
  }
  if (Status s = check_business_date(ctx, c.notified_on, "notified_on"); !s.ok()) {
    return s;
  }
  const CivilDate last_day =
      add_working_days(ctx.calendar, state.received_on, kCorrectionNoticeWorkingDays);
  if (c.notified_on > last_day) {
    return failed_precondition("correction_window_passed",
                               "a correction must be requested within 7 working days after "
                               "receipt, i.e. by " +
                                   last_day.to_string());
  }
  auto e = ctx.stamp<CorrectionRequested>();
  e.items = c.items;
  e.deadline_on = c.deadline_on;
  e.notified_on = c.notified_on;
  return one(std::move(e));
}

Decision step(const Context& ctx, const ReceiveCorrection& c) {
  const CaseState& state = ctx.state;
  if (!state.correction) {
    return failed_precondition("no_correction_requested", "no correction was requested");
  }
  const CorrectionState& corr = *state.correction;
  bool voids_lapse = false;
  if (state.stage == Stage::closed && corr.lapsed &&
      state.disposition == report::Disposition::other_correction_lapsed) {
    // A fact recorded late wins over the timer's presumption (DOMAIN.md section 3).
    const CivilDate deadline = *effective_correction_deadline(state, ctx.calendar);
    if (c.received_on > deadline) {
      return failed_precondition("correction_deadline_passed",
                                 "the correction arrived after the deadline " +
                                     deadline.to_string() + "; the lapse stands");
    }
    voids_lapse = true;
  } else if (state.stage != Stage::correction_pending) {
    return stage_forbids(state, c.kName);
  }
  // Interpretation: while the case is still pending, a correction received after the deadline is
  // accepted (the agency judged the delay justified, Art. 30 "无正当理由").
  if (Status s = check_business_date(ctx, c.received_on, "received_on"); !s.ok()) {
    return s;
  }
  if (Status s =
          check_not_before(c.received_on, corr.notified_on, "date_before_notice", "received_on");
      !s.ok()) {
    return s;
  }
  auto e = ctx.stamp<CorrectionReceived>();
  e.received_on = c.received_on;
  e.summary = c.summary;
  e.voids_lapse = voids_lapse;
  return one(std::move(e));
}

Decision step(const Context& ctx, const WithdrawApplication& c) {
  if (!is_open(ctx.state.stage)) {
    return stage_forbids(ctx.state, c.kName);
  }
  if (Status s = check_business_date(ctx, c.received_on, "received_on"); !s.ok()) {
    return s;
  }
  auto e = ctx.stamp<ApplicationWithdrawn>();
  e.received_on = c.received_on;
  e.reason = c.reason;
  return one(std::move(e));
}

Decision step(const Context& ctx, const AddNote& c) {
  if (Status s = require_text(c.text, "text"); !s.ok()) {
    return s;
  }
  auto e = ctx.stamp<NoteAdded>();
  e.text = c.text;
  e.noted_on = ctx.today;
  return one(std::move(e));
}

}  // namespace gongkai::domain::cases::detail
