// Internal to the case event codec: the one list of each event's data fields, in struct order.
// `describe(io, event)` calls `io.field(name, member)` for every member except the EventBase ones
// (case_id is written by the codec itself; actor and recorded_at live in the record). The JSON
// writer and reader both walk these lists, so encoding and decoding cannot drift apart.
// A member added to an event struct must be added here too (and gets a new golden file: a new
// shape is a new type version, STYLE.md section 4).
#pragma once

#include <concepts>
#include <type_traits>

#include "domain/cases/case_events.h"

namespace gongkai::eventstore::codec::detail {

namespace cases = domain::cases;

// `Is<T> auto& e` binds both `T&` (decoding) and `const T&` (encoding).
template <typename E, typename T>
concept Is = std::same_as<std::remove_const_t<E>, T>;

void describe(auto& io, Is<cases::Applicant> auto& a) {
  io.field("type", a.type);
  io.field("name", a.name);
  io.field("id_type", a.id_type);
  io.field("id_number", a.id_number);
  io.field("phone", a.phone);
  io.field("address", a.address);
  io.field("email", a.email);
}
void describe(auto& io, Is<cases::Attachment> auto& a) {
  io.field("name", a.name);
  io.field("sha256", a.sha256);
  io.field("size", a.size);
}

void describe(auto& io, Is<cases::CaseRegistered> auto& e) {
  io.field("applicant", e.applicant);
  io.field("channel", e.channel);
  io.field("received_on", e.received_on);
  io.field("description", e.description);
  io.field("purpose", e.purpose);
  io.field("delivery_form", e.delivery_form);
  io.field("delivery_method", e.delivery_method);
}
void describe(auto& io, Is<cases::ReceiptAcknowledged> auto& e) {
  io.field("given_on", e.given_on);
  io.field("method", e.method);
}
void describe(auto& io, Is<cases::CaseAssigned> auto& e) {
  io.field("department", e.department);
  io.field("handler", e.handler);
  io.field("assigned_on", e.assigned_on);
}
void describe(auto& io, Is<cases::CaseTransferred> auto& e) {
  io.field("from_department", e.from_department);
  io.field("to_department", e.to_department);
  io.field("reason", e.reason);
  io.field("transferred_on", e.transferred_on);
}
void describe(auto& io, Is<cases::CorrectionRequested> auto& e) {
  io.field("items", e.items);
  io.field("deadline_on", e.deadline_on);
  io.field("notified_on", e.notified_on);
}
void describe(auto& io, Is<cases::CorrectionReceived> auto& e) {
  io.field("received_on", e.received_on);
  io.field("summary", e.summary);
  io.field("voids_lapse", e.voids_lapse);
}
void describe(auto& io, Is<cases::CorrectionLapsed> auto& e) {
  io.field("deadline_on", e.deadline_on);
  io.field("closed_on", e.closed_on);
}
void describe(auto& io, Is<cases::ConsultationStarted> auto& e) {
  io.field("consultation_id", e.consultation_id);
  io.field("kind", e.kind);
  io.field("party", e.party);
  io.field("sent_on", e.sent_on);
  io.field("received_by_party_on", e.received_by_party_on);
}
void describe(auto& io, Is<cases::ConsultationReplied> auto& e) {
  io.field("consultation_id", e.consultation_id);
  io.field("received_on", e.received_on);
  io.field("opinion", e.opinion);
  io.field("reason", e.reason);
  io.field("voids_lapse", e.voids_lapse);
}
void describe(auto& io, Is<cases::ConsultationClosed> auto& e) {
  io.field("consultation_id", e.consultation_id);
  io.field("closed_on", e.closed_on);
}
void describe(auto& io, Is<cases::ConsultationLapsed> auto& e) {
  io.field("consultation_id", e.consultation_id);
  io.field("lapse_on", e.lapse_on);
  io.field("deemed_opinion", e.deemed_opinion);
}
void describe(auto& io, Is<cases::FeeNoticeIssued> auto& e) {
  io.field("basis", e.basis);
  io.field("pages", e.pages);
  io.field("application_in_month", e.application_in_month);
  io.field("amount_yuan", e.amount_yuan);
  io.field("calculation", e.calculation);
  io.field("notified_on", e.notified_on);
}
void describe(auto& io, Is<cases::FeePaid> auto& e) {
  io.field("paid_on", e.paid_on);
  io.field("amount_yuan", e.amount_yuan);
  io.field("receipt_no", e.receipt_no);
  io.field("voids_lapse", e.voids_lapse);
}
void describe(auto& io, Is<cases::FeeLapsed> auto& e) {
  io.field("deadline_on", e.deadline_on);
  io.field("closed_on", e.closed_on);
}
void describe(auto& io, Is<cases::ExtensionRequested> auto& e) {
  io.field("days", e.days);
  io.field("reason", e.reason);
  io.field("requested_on", e.requested_on);
}
void describe(auto& io, Is<cases::ExtensionApproved> auto& e) {
  io.field("days", e.days);
  io.field("comment", e.comment);
  io.field("decided_on", e.decided_on);
}
void describe(auto& io, Is<cases::ExtensionRejected> auto& e) {
  io.field("comment", e.comment);
  io.field("decided_on", e.decided_on);
}
void describe(auto& io, Is<cases::ExtensionNotified> auto& e) {
  io.field("notified_on", e.notified_on);
  io.field("method", e.method);
}
void describe(auto& io, Is<cases::ReplySubmitted> auto& e) {
  io.field("disposition", e.disposition);
  io.field("legal_basis", e.legal_basis);
  io.field("reply_text", e.reply_text);
  io.field("attachments", e.attachments);
  io.field("submitted_on", e.submitted_on);
}
void describe(auto& io, Is<cases::ReplyApproved> auto& e) {
  io.field("comment", e.comment);
  io.field("approved_on", e.approved_on);
}
void describe(auto& io, Is<cases::ReplyReturned> auto& e) {
  io.field("comment", e.comment);
  io.field("returned_on", e.returned_on);
}
void describe(auto& io, Is<cases::ReplyIssued> auto& e) {
  io.field("served_on", e.served_on);
  io.field("service_method", e.service_method);
  io.field("disposition", e.disposition);
}
void describe(auto& io, Is<cases::ApplicationWithdrawn> auto& e) {
  io.field("received_on", e.received_on);
  io.field("reason", e.reason);
}
void describe(auto& io, Is<cases::CaseArchived> auto& e) {
  io.field("archive_no", e.archive_no);
  io.field("retention_years", e.retention_years);
  io.field("archived_on", e.archived_on);
}
void describe(auto& io, Is<cases::CaseReopened> auto& e) {
  io.field("basis", e.basis);
  io.field("reference", e.reference);
  io.field("decided_on", e.decided_on);
  io.field("reply_due_on", e.reply_due_on);
}
void describe(auto& io, Is<cases::RemedyRecorded> auto& e) {
  io.field("kind", e.kind);
  io.field("outcome", e.outcome);
  io.field("decided_on", e.decided_on);
  io.field("reference", e.reference);
}
void describe(auto& io, Is<cases::NoteAdded> auto& e) {
  io.field("text", e.text);
  io.field("noted_on", e.noted_on);
}
void describe(auto& io, Is<cases::DeadlineWarned> auto& e) {
  io.field("due_on", e.due_on);
  io.field("working_days_left", e.working_days_left);
  io.field("warned_on", e.warned_on);
}
void describe(auto& io, Is<cases::DeadlineMissed> auto& e) {
  io.field("due_on", e.due_on);
  io.field("missed_on", e.missed_on);
}

}  // namespace gongkai::eventstore::codec::detail
