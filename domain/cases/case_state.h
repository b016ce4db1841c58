// CaseState: the case as its events leave it (a plain struct), and `evolve`, which folds one event
// into it. evolve has no rules and never fails (it replays history, including events that an
// older rule accepted); every rule is in decide (case_decider.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/cases/case_events.h"
#include "domain/cases/case_vocabulary.h"
#include "domain/report/disposition.h"
#include "domain/time/civil_date.h"

namespace gongkai::domain::cases {

struct CorrectionState {
  std::vector<std::string> items;
  CivilDate notified_on;
  CivilDate deadline_on;
  std::optional<CivilDate> received_on;
  bool lapsed = false;
  Stage resume_stage = Stage::registered;  // where the case goes on once corrected
};

struct ConsultationState {
  int id = 0;
  ConsultationKind kind = ConsultationKind::third_party;
  std::string party;
  CivilDate sent_on;
  CivilDate received_by_party_on;
  std::optional<CivilDate> replied_on;
  std::optional<Opinion> opinion;
  std::string reason;
  std::optional<CivilDate> closed_on;
  std::optional<CivilDate> lapsed_on;
  std::optional<Opinion> deemed_opinion;

  [[nodiscard]] bool is_open() const { return !replied_on && !closed_on && !lapsed_on; }
  [[nodiscard]] bool has_fixed_period() const { return kind != ConsultationKind::other_agency; }
};

struct FeeState {
  FeeBasis basis = FeeBasis::per_application;
  std::optional<int> pages;
  std::int64_t amount_yuan = 0;
  CivilDate notified_on;
  std::optional<CivilDate> paid_on;
  bool lapsed = false;

  [[nodiscard]] bool is_pending() const { return !paid_on && !lapsed; }
};

enum class ExtensionStatus { pending, approved, rejected };

struct ExtensionState {
  int days = 0;
  std::string reason;
  CivilDate requested_on;
  std::string requested_by;
  ExtensionStatus status = ExtensionStatus::pending;
  std::string decided_by;
  std::optional<CivilDate> decided_on;
  std::optional<CivilDate> notified_on;
};

struct ReviewState {
  report::Disposition disposition = report::Disposition::disclosed;
  std::string legal_basis;
  std::string reply_text;
  std::string submitted_by;
  CivilDate submitted_on;
  std::optional<std::string> approved_by;
};

// One closing of the case (a reopened case closes again and counts again in the report).
struct Closing {
  CivilDate closed_on;
  report::Disposition disposition = report::Disposition::other_other;
};

struct ReopenState {
  ReopenBasis basis = ReopenBasis::reconsideration;
  std::string reference;
  CivilDate decided_on;
  CivilDate reply_due_on;
};

struct RemedyState {
  RemedyKind kind = RemedyKind::reconsideration;
  RemedyOutcome outcome = RemedyOutcome::pending;
  CivilDate decided_on;
  std::string reference;
};

struct CaseState {
  std::string case_id;
  Stage stage = Stage::none;
  std::int64_t version = 0;  // events folded so far

  Applicant applicant;
  Channel channel = Channel::in_person;
  CivilDate received_on;
  std::string description;
  std::string registered_by;
  std::optional<CivilDate> acknowledged_on;
  std::optional<std::string> department;
  std::optional<std::string> handler;

  std::optional<CorrectionState> correction;  // at most one per case
  std::vector<ConsultationState> consultations;
  std::optional<FeeState> fee;             // at most one notice per case
  std::vector<ExtensionState> extensions;  // requests in order
  std::optional<ReviewState> review;
  std::optional<std::string> last_return_comment;

  std::optional<report::Disposition> disposition;  // while closed/archived
  std::optional<CivilDate> closed_on;
  Stage stage_before_close = Stage::none;  // where a voided lapse sends the case back
  std::vector<Closing> closings;
  std::optional<ReopenState> reopen;
  std::optional<std::string> archive_no;
  int retention_years = 0;
  std::vector<RemedyState> remedies;
  int notes = 0;

  std::vector<CivilDate> warned_due_dates;  // deadline.warned, once per due date
  std::vector<CivilDate> missed_due_dates;  // deadline.missed, once per due date

  [[nodiscard]] const ExtensionState* approved_extension() const;
  [[nodiscard]] const ExtensionState* pending_extension() const;
  [[nodiscard]] const ConsultationState* consultation(int id) const;
};

// Folds one event into the state. Never fails: an event that does not fit is still recorded
// (version, and whatever fields it carries).
void evolve(CaseState& state, const CaseEvent& event);
[[nodiscard]] CaseState fold(const std::vector<CaseEvent>& events, CaseState state = {});

}  // namespace gongkai::domain::cases
