// Internal to the decider: the context every step sees, shared checks, and one `step` overload
// per command (grouped by concern in decide_*.cc). Not part of the module's public API.
#pragma once

#include <initializer_list>
#include <string>
#include <vector>

#include "domain/base/status.h"
#include "domain/cases/case_commands.h"
#include "domain/cases/case_events.h"
#include "domain/cases/case_state.h"
#include "domain/time/calendar.h"

namespace gongkai::domain::cases::detail {

using Decision = Result<std::vector<CaseEvent>>;

struct Context {
  const CaseState& state;
  const policy::Actor& actor;
  time::Instant now;
  CivilDate today;
  const time::Calendar& calendar;

  // An event of type E stamped with the case id, actor and `now`.
  template <typename E>
  [[nodiscard]] E stamp() const {
    E event{};
    event.case_id = state.case_id;
    event.actor = actor.ref();
    event.recorded_at = now;
    return event;
  }
};

[[nodiscard]] Status stage_forbids(const CaseState& state, std::string_view command);
// The stage is one of `allowed`, else stage_forbids.
[[nodiscard]] Status require_stage(const CaseState& state, std::string_view command,
                                   std::initializer_list<Stage> allowed);
// A business date may not lie after today nor before the receipt date.
[[nodiscard]] Status check_business_date(const Context& ctx, CivilDate date,
                                         std::string_view field);
// `date` may not be before `earliest` (reason names the rule, e.g. date_before_notice).
[[nodiscard]] Status check_not_before(CivilDate date, CivilDate earliest, std::string reason,
                                      std::string_view field);
[[nodiscard]] Status require_text(const std::string& text, std::string_view field);

template <typename E>
[[nodiscard]] Decision one(E event) {
  return std::vector<CaseEvent>{CaseEvent{std::move(event)}};
}

// Intake: decide_intake.cc
Decision step(const Context&, const RegisterCase&);
Decision step(const Context&, const AcknowledgeReceipt&);
Decision step(const Context&, const AssignCase&);
Decision step(const Context&, const TransferCase&);
Decision step(const Context&, const RequestCorrection&);
Decision step(const Context&, const ReceiveCorrection&);
Decision step(const Context&, const WithdrawApplication&);
Decision step(const Context&, const AddNote&);
// Handling: decide_handling.cc
Decision step(const Context&, const StartConsultation&);
Decision step(const Context&, const RecordConsultationReply&);
Decision step(const Context&, const CloseConsultation&);
Decision step(const Context&, const IssueFeeNotice&);
Decision step(const Context&, const RecordFeePayment&);
Decision step(const Context&, const RequestExtension&);
Decision step(const Context&, const ApproveExtension&);
Decision step(const Context&, const RejectExtension&);
Decision step(const Context&, const NotifyExtension&);
// Reply and after: decide_reply.cc
Decision step(const Context&, const SubmitReply&);
Decision step(const Context&, const ApproveReply&);
Decision step(const Context&, const ReturnReply&);
Decision step(const Context&, const IssueReply&);
Decision step(const Context&, const ArchiveCase&);
Decision step(const Context&, const ReopenCase&);
Decision step(const Context&, const RecordRemedy&);
// Timers: decide_timers.cc
Decision step(const Context&, const WarnDeadline&);
Decision step(const Context&, const MarkDeadlineMissed&);
Decision step(const Context&, const LapseCorrection&);
Decision step(const Context&, const LapseFee&);
Decision step(const Context&, const LapseConsultation&);

}  // namespace gongkai::domain::cases::detail
