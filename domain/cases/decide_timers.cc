// The deadline timer's commands: each appends its event only when its predicate (case_timers.h)
// holds at `now`; otherwise it appends nothing, so repeated or stale ticks do no harm.
#include "domain/cases/case_timers.h"
#include "domain/cases/decider_steps.h"

namespace gongkai::domain::cases::detail {

Decision step(const Context& ctx, const WarnDeadline& c) {
  const auto due = deadline_warning_due(ctx.state, ctx.today, ctx.calendar, c.due_soon_within);
  if (!due) {
    return std::vector<CaseEvent>{};
  }
  auto e = ctx.stamp<DeadlineWarned>();
  e.due_on = due->due_on;
  e.working_days_left = due->working_days_left;
  e.warned_on = ctx.today;
  return one(std::move(e));
}

Decision step(const Context& ctx, const MarkDeadlineMissed&) {
  const auto due = deadline_missed_due(ctx.state, ctx.today, ctx.calendar);
  if (!due) {
    return std::vector<CaseEvent>{};
  }
  auto e = ctx.stamp<DeadlineMissed>();
  e.due_on = *due;
  e.missed_on = due->next();
  return one(std::move(e));
}

Decision step(const Context& ctx, const LapseCorrection&) {
  const auto deadline = correction_lapse_due(ctx.state, ctx.today, ctx.calendar);
  if (!deadline) {
    return std::vector<CaseEvent>{};
  }
  auto e = ctx.stamp<CorrectionLapsed>();
  e.deadline_on = *deadline;
  e.closed_on = *deadline;
  return one(std::move(e));
}

Decision step(const Context& ctx, const LapseFee&) {
  const auto deadline = fee_lapse_due(ctx.state, ctx.today, ctx.calendar);
  if (!deadline) {
    return std::vector<CaseEvent>{};
  }
  auto e = ctx.stamp<FeeLapsed>();
  e.deadline_on = *deadline;
  e.closed_on = *deadline;
  return one(std::move(e));
}

Decision step(const Context& ctx, const LapseConsultation& c) {
  const auto lapse = consultation_lapse_due(ctx.state, c.consultation_id, ctx.today, ctx.calendar);
  if (!lapse) {
    return std::vector<CaseEvent>{};
  }
  const ConsultationState* consultation = ctx.state.consultation(c.consultation_id);
  auto e = ctx.stamp<ConsultationLapsed>();
  e.consultation_id = c.consultation_id;
  e.lapse_on = *lapse;
  // Art. 34: a co-producer's silence counts as consent; Art. 32: a third party's leaves the
  // decision to the agency.
  e.deemed_opinion = consultation->kind == ConsultationKind::co_producer ? Opinion::consent
                                                                         : Opinion::agency_decides;
  return one(std::move(e));
}

}  // namespace gongkai::domain::cases::detail
