// The case's commands: API.md's command list, one struct each (field names follow the API's body
// fields). A command carries everything decide needs from elsewhere: the actor (from the
// session), the new case id, the applicant's application count for fees. `kName` is the API's
// command name and the key of the policy table (policy/case_policy.h).
//
// Optional business dates (`requested_on?`, `decided_on?`) default to the agency's today.
// The last five commands are the deadline timer's (actor `system`), see case_timers.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "domain/cases/case_vocabulary.h"
#include "domain/policy/roles.h"
#include "domain/time/civil_date.h"

namespace gongkai::domain::cases {

using time::CivilDate;

struct RegisterCase {
  static constexpr std::string_view kName = "register";
  std::string case_id;  // allocated by the caller: <agency>-<year>-<5-digit sequence>
  Applicant applicant;
  Channel channel = Channel::in_person;
  CivilDate received_on;
  std::string description;
  std::string purpose;
  std::string delivery_form;
  std::string delivery_method;
  std::optional<std::string> department;  // registers and assigns in one step
};
struct AcknowledgeReceipt {
  static constexpr std::string_view kName = "acknowledge";
  CivilDate given_on;
  std::string method;
};
struct AssignCase {
  static constexpr std::string_view kName = "assign";
  std::string department;
  std::optional<std::string> handler;
};
struct TransferCase {
  static constexpr std::string_view kName = "transfer";
  std::string to_department;
  std::string reason;
};
struct RequestCorrection {
  static constexpr std::string_view kName = "request-correction";
  std::vector<std::string> items;
  CivilDate deadline_on;
  CivilDate notified_on;
};
struct ReceiveCorrection {
  static constexpr std::string_view kName = "receive-correction";
  CivilDate received_on;
  std::string summary;
};
struct StartConsultation {
  static constexpr std::string_view kName = "start-consultation";
  ConsultationKind kind = ConsultationKind::third_party;
  std::string party;
  CivilDate sent_on;
  std::optional<CivilDate> received_by_party_on;  // defaults to sent_on
};
struct RecordConsultationReply {
  static constexpr std::string_view kName = "record-consultation-reply";
  int consultation_id = 0;
  CivilDate received_on;
  Opinion opinion = Opinion::none;
  std::string reason;
};
struct CloseConsultation {
  static constexpr std::string_view kName = "close-consultation";
  int consultation_id = 0;
  CivilDate closed_on;
};
struct IssueFeeNotice {
  static constexpr std::string_view kName = "issue-fee-notice";
  FeeBasis basis = FeeBasis::per_application;
  std::optional<int> pages;                 // per_page
  std::optional<int> application_in_month;  // per_application: this application's ordinal
                                            // among the applicant's in its natural month
  std::int64_t amount_yuan = 0;             // the handler's confirmed amount
  CivilDate notified_on;
};
struct RecordFeePayment {
  static constexpr std::string_view kName = "record-fee-payment";
  CivilDate paid_on;
  std::int64_t amount_yuan = 0;
  std::string receipt_no;
};
struct RequestExtension {
  static constexpr std::string_view kName = "request-extension";
  int days = 0;
  std::string reason;
  std::optional<CivilDate> requested_on;
};
struct ApproveExtension {
  static constexpr std::string_view kName = "approve-extension";
  std::string comment;
  std::optional<CivilDate> decided_on;
};
struct RejectExtension {
  static constexpr std::string_view kName = "reject-extension";
  std::string comment;
  std::optional<CivilDate> decided_on;
};
struct NotifyExtension {
  static constexpr std::string_view kName = "notify-extension";
  CivilDate notified_on;
  std::string method;
};
struct Attachment {
  std::string name;
  std::string sha256;
  std::int64_t size = 0;
};
struct SubmitReply {
  static constexpr std::string_view kName = "submit-reply";
  std::string disposition;  // a code of DOMAIN.md section 4; checked by decide
  std::string legal_basis;
  std::string reply_text;
  std::vector<Attachment> attachments;
};
struct ApproveReply {
  static constexpr std::string_view kName = "approve-reply";
  std::string comment;
};
struct ReturnReply {
  static constexpr std::string_view kName = "return-reply";
  std::string comment;
};
struct IssueReply {
  static constexpr std::string_view kName = "issue-reply";
  CivilDate served_on;
  ServiceMethod service_method = ServiceMethod::in_person;
};
struct WithdrawApplication {
  static constexpr std::string_view kName = "withdraw";
  CivilDate received_on;
  std::string reason;
};
struct ArchiveCase {
  static constexpr std::string_view kName = "archive";
  std::string archive_no;
  int retention_years = 0;
};
struct ReopenCase {
  static constexpr std::string_view kName = "reopen";
  ReopenBasis basis = ReopenBasis::reconsideration;
  std::string reference;
  CivilDate decided_on;
  CivilDate reply_due_on;
};
struct RecordRemedy {
  static constexpr std::string_view kName = "record-remedy";
  RemedyKind kind = RemedyKind::reconsideration;
  RemedyOutcome outcome = RemedyOutcome::pending;
  std::optional<CivilDate> decided_on;
  std::string reference;
};
struct AddNote {
  static constexpr std::string_view kName = "add-note";
  std::string text;
};

// The deadline timer's commands (actor `system`). Each carries nothing: decide recomputes the
// clock from the case and appends the event only if it is due and not yet recorded for that due
// date, so repeated ticks append nothing.
struct WarnDeadline {
  static constexpr std::string_view kName = "timer:deadline-warn";
  int due_soon_within = 3;  // working days (configurable, DOMAIN.md section 3)
};
struct MarkDeadlineMissed {
  static constexpr std::string_view kName = "timer:deadline-missed";
};
struct LapseCorrection {
  static constexpr std::string_view kName = "timer:correction-lapse";
};
struct LapseFee {
  static constexpr std::string_view kName = "timer:fee-lapse";
};
struct LapseConsultation {
  static constexpr std::string_view kName = "timer:consultation-lapse";
  int consultation_id = 0;
};

using CommandBody =
    std::variant<RegisterCase, AcknowledgeReceipt, AssignCase, TransferCase, RequestCorrection,
                 ReceiveCorrection, StartConsultation, RecordConsultationReply, CloseConsultation,
                 IssueFeeNotice, RecordFeePayment, RequestExtension, ApproveExtension,
                 RejectExtension, NotifyExtension, SubmitReply, ApproveReply, ReturnReply,
                 IssueReply, WithdrawApplication, ArchiveCase, ReopenCase, RecordRemedy, AddNote,
                 WarnDeadline, MarkDeadlineMissed, LapseCorrection, LapseFee, LapseConsultation>;

struct CaseCommand {
  policy::Actor actor;
  CommandBody body;
};

[[nodiscard]] inline std::string_view command_name(const CommandBody& body) {
  return std::visit([](const auto& c) { return std::decay_t<decltype(c)>::kName; }, body);
}

}  // namespace gongkai::domain::cases
