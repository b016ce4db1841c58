// The case's events: past-tense facts, plain data (strings, integers, dates, optionals, vectors)
// so that eventstore/codec can write them as JSON. Each carries the case id, the actor (user id
// and role; `system` for the timer), the instant it was recorded (the caller's `now`) and, where
// there is one, the business date it concerns. `kType` is the stable, versioned type name: it
// never changes meaning; a new shape gets a `.v2` and an upcaster in eventstore/codec/.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "domain/cases/case_commands.h"
#include "domain/cases/case_vocabulary.h"
#include "domain/policy/roles.h"
#include "domain/report/disposition.h"
#include "domain/time/civil_date.h"
#include "domain/time/instant.h"

namespace gongkai::domain::cases {

struct EventBase {
  std::string case_id;
  policy::ActorRef actor;
  time::Instant recorded_at;
};

struct CaseRegistered : EventBase {
  static constexpr std::string_view kType = "case.registered.v1";
  Applicant applicant;
  Channel channel = Channel::in_person;
  CivilDate received_on;
  std::string description;
  std::string purpose;
  std::string delivery_form;
  std::string delivery_method;
};
struct ReceiptAcknowledged : EventBase {
  static constexpr std::string_view kType = "case.receipt_acknowledged.v1";
  CivilDate given_on;
  std::string method;
};
struct CaseAssigned : EventBase {
  static constexpr std::string_view kType = "case.assigned.v1";
  std::string department;
  std::optional<std::string> handler;
  CivilDate assigned_on;
};
struct CaseTransferred : EventBase {
  static constexpr std::string_view kType = "case.transferred.v1";
  std::string from_department;
  std::string to_department;
  std::string reason;
  CivilDate transferred_on;
};
struct CorrectionRequested : EventBase {
  static constexpr std::string_view kType = "case.correction_requested.v1";
  std::vector<std::string> items;
  CivilDate deadline_on;
  CivilDate notified_on;
};
struct CorrectionReceived : EventBase {
  static constexpr std::string_view kType = "case.correction_received.v1";
  CivilDate received_on;
  std::string summary;
  bool voids_lapse = false;  // recorded after the timer's lapse, received on or before the deadline
};
struct CorrectionLapsed : EventBase {
  static constexpr std::string_view kType = "case.correction_lapsed.v1";
  CivilDate deadline_on;
  CivilDate closed_on;  // the lapse date: the deadline itself (the last day to correct)
};
struct ConsultationStarted : EventBase {
  static constexpr std::string_view kType = "case.consultation_started.v1";
  int consultation_id = 0;
  ConsultationKind kind = ConsultationKind::third_party;
  std::string party;
  CivilDate sent_on;
  CivilDate received_by_party_on;
};
struct ConsultationReplied : EventBase {
  static constexpr std::string_view kType = "case.consultation_replied.v1";
  int consultation_id = 0;
  CivilDate received_on;
  Opinion opinion = Opinion::none;
  std::string reason;
  bool voids_lapse = false;
};
struct ConsultationClosed : EventBase {
  static constexpr std::string_view kType = "case.consultation_closed.v1";
  int consultation_id = 0;
  CivilDate closed_on;
};
struct ConsultationLapsed : EventBase {
  static constexpr std::string_view kType = "case.consultation_lapsed.v1";
  int consultation_id = 0;
  CivilDate lapse_on;  // 15 working days after the party received the letter
  Opinion deemed_opinion = Opinion::agency_decides;
};
struct FeeNoticeIssued : EventBase {
  static constexpr std::string_view kType = "case.fee_notice_issued.v1";
  FeeBasis basis = FeeBasis::per_application;
  std::optional<int> pages;
  std::optional<int> application_in_month;
  std::int64_t amount_yuan = 0;
  std::string calculation;  // the fee calculator's explanation, as confirmed
  CivilDate notified_on;
};
struct FeePaid : EventBase {
  static constexpr std::string_view kType = "case.fee_paid.v1";
  CivilDate paid_on;
  std::int64_t amount_yuan = 0;
  std::string receipt_no;
  bool voids_lapse = false;
};
struct FeeLapsed : EventBase {
  static constexpr std::string_view kType = "case.fee_lapsed.v1";
  CivilDate deadline_on;
  CivilDate closed_on;
};
struct ExtensionRequested : EventBase {
  static constexpr std::string_view kType = "case.extension_requested.v1";
  int days = 0;
  std::string reason;
  CivilDate requested_on;
};
struct ExtensionApproved : EventBase {
  static constexpr std::string_view kType = "case.extension_approved.v1";
  int days = 0;
  std::string comment;
  CivilDate decided_on;
};
struct ExtensionRejected : EventBase {
  static constexpr std::string_view kType = "case.extension_rejected.v1";
  std::string comment;
  CivilDate decided_on;
};
struct ExtensionNotified : EventBase {
  static constexpr std::string_view kType = "case.extension_notified.v1";
  CivilDate notified_on;
  std::string method;
};
struct ReplySubmitted : EventBase {
  static constexpr std::string_view kType = "case.reply_submitted.v1";
  report::Disposition disposition = report::Disposition::disclosed;
  std::string legal_basis;
  std::string reply_text;
  std::vector<Attachment> attachments;
  CivilDate submitted_on;
};
struct ReplyApproved : EventBase {
  static constexpr std::string_view kType = "case.reply_approved.v1";
  std::string comment;
  CivilDate approved_on;
};
struct ReplyReturned : EventBase {
  static constexpr std::string_view kType = "case.reply_returned.v1";
  std::string comment;
  CivilDate returned_on;
};
struct ReplyIssued : EventBase {
  static constexpr std::string_view kType = "case.reply_issued.v1";
  CivilDate served_on;
  ServiceMethod service_method = ServiceMethod::in_person;
  report::Disposition disposition = report::Disposition::disclosed;
};
struct ApplicationWithdrawn : EventBase {
  static constexpr std::string_view kType = "case.withdrawn.v1";
  CivilDate received_on;
  std::string reason;
};
struct CaseArchived : EventBase {
  static constexpr std::string_view kType = "case.archived.v1";
  std::string archive_no;
  int retention_years = 0;
  CivilDate archived_on;
};
struct CaseReopened : EventBase {
  static constexpr std::string_view kType = "case.reopened.v1";
  ReopenBasis basis = ReopenBasis::reconsideration;
  std::string reference;
  CivilDate decided_on;
  CivilDate reply_due_on;
};
struct RemedyRecorded : EventBase {
  static constexpr std::string_view kType = "case.remedy_recorded.v1";
  RemedyKind kind = RemedyKind::reconsideration;
  RemedyOutcome outcome = RemedyOutcome::pending;
  CivilDate decided_on;
  std::string reference;
};
struct NoteAdded : EventBase {
  static constexpr std::string_view kType = "case.note_added.v1";
  std::string text;
  CivilDate noted_on;
};
struct DeadlineWarned : EventBase {
  static constexpr std::string_view kType = "case.deadline_warned.v1";
  CivilDate due_on;
  int working_days_left = 0;
  CivilDate warned_on;
};
struct DeadlineMissed : EventBase {
  static constexpr std::string_view kType = "case.deadline_missed.v1";
  CivilDate due_on;
  CivilDate missed_on;  // the first day after the due date
};

using CaseEvent =
    std::variant<CaseRegistered, ReceiptAcknowledged, CaseAssigned, CaseTransferred,
                 CorrectionRequested, CorrectionReceived, CorrectionLapsed, ConsultationStarted,
                 ConsultationReplied, ConsultationClosed, ConsultationLapsed, FeeNoticeIssued,
                 FeePaid, FeeLapsed, ExtensionRequested, ExtensionApproved, ExtensionRejected,
                 ExtensionNotified, ReplySubmitted, ReplyApproved, ReplyReturned, ReplyIssued,
                 ApplicationWithdrawn, CaseArchived, CaseReopened, RemedyRecorded, NoteAdded,
                 DeadlineWarned, DeadlineMissed>;

[[nodiscard]] inline std::string_view event_type(const CaseEvent& event) {
  return std::visit([](const auto& e) { return std::decay_t<decltype(e)>::kType; }, event);
}
[[nodiscard]] inline const EventBase& event_base(const CaseEvent& event) {
  return std::visit([](const auto& e) -> const EventBase& { return e; }, event);
}

}  // namespace gongkai::domain::cases
