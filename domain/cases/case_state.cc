#include "domain/cases/case_state.h"

#include <algorithm>
#include <type_traits>

namespace gongkai::domain::cases {
namespace {

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

void close(CaseState& s, CivilDate on, report::Disposition disposition) {
  if (is_open(s.stage)) {
    s.stage_before_close = s.stage;
  }
  s.stage = Stage::closed;
  s.disposition = disposition;
  s.closed_on = on;
  s.closings.push_back({on, disposition});
}

// A late fact voids the timer's lapse: the lapse's closing no longer counts.
void void_lapse(CaseState& s, Stage back_to) {
  if (!s.closings.empty()) {
    s.closings.pop_back();
  }
  s.disposition.reset();
  s.closed_on.reset();
  s.stage = back_to;
}

ConsultationState* find_consultation(CaseState& s, int id) {
  for (ConsultationState& c : s.consultations) {
    if (c.id == id) {
      return &c;
    }
  }
  return nullptr;
}

ExtensionState* last_pending(CaseState& s) {
  for (auto it = s.extensions.rbegin(); it != s.extensions.rend(); ++it) {
    if (it->status == ExtensionStatus::pending) {
      return &*it;
    }
  }
  return nullptr;
}

}  // namespace

const ExtensionState* CaseState::approved_extension() const {
  for (const ExtensionState& e : extensions) {
    if (e.status == ExtensionStatus::approved) {
      return &e;
    }
  }
  return nullptr;
}

const ExtensionState* CaseState::pending_extension() const {
  for (auto it = extensions.rbegin(); it != extensions.rend(); ++it) {
    if (it->status == ExtensionStatus::pending) {
      return &*it;
    }
  }
  return nullptr;
}

const ConsultationState* CaseState::consultation(int id) const {
  for (const ConsultationState& c : consultations) {
    if (c.id == id) {
      return &c;
    }
  }
  return nullptr;
}

void evolve(CaseState& s, const CaseEvent& event) {
  ++s.version;
  if (s.case_id.empty()) {
    s.case_id = event_base(event).case_id;
  }
  std::visit(
      Overloaded{
          [&](const CaseRegistered& e) {
            s.stage = Stage::registered;
            s.applicant = e.applicant;
            s.channel = e.channel;
            s.received_on = e.received_on;
            s.description = e.description;
            s.registered_by = e.actor.id;
          },
          [&](const ReceiptAcknowledged& e) { s.acknowledged_on = e.given_on; },
          [&](const CaseAssigned& e) {
            s.department = e.department;
            s.handler = e.handler;
            if (s.stage == Stage::registered) {
              s.stage = Stage::in_progress;
            }
            if (s.correction && s.correction->resume_stage == Stage::registered) {
              s.correction->resume_stage = Stage::in_progress;
            }
          },
          [&](const CaseTransferred& e) {
            s.department = e.to_department;
            s.handler.reset();
          },
          [&](const CorrectionRequested& e) {
            s.correction = CorrectionState{e.items,      e.notified_on, e.deadline_on,
                                           std::nullopt, false,         s.stage};
            s.stage = Stage::correction_pending;
          },
          [&](const CorrectionReceived& e) {
            if (!s.correction) {
              return;
            }
            s.correction->received_on = e.received_on;
            if (e.voids_lapse) {
              s.correction->lapsed = false;
              void_lapse(s, s.correction->resume_stage);
            } else {
              s.stage = s.correction->resume_stage;
            }
          },
          [&](const CorrectionLapsed& e) {
            if (s.correction) {
              s.correction->lapsed = true;
            }
            close(s, e.closed_on, report::Disposition::other_correction_lapsed);
          },
          [&](const ConsultationStarted& e) {
            s.consultations.push_back({e.consultation_id, e.kind, e.party, e.sent_on,
                                       e.received_by_party_on, std::nullopt, std::nullopt, "",
                                       std::nullopt, std::nullopt, std::nullopt});
          },
          [&](const ConsultationReplied& e) {
            if (ConsultationState* c = find_consultation(s, e.consultation_id)) {
              c->replied_on = e.received_on;
              c->opinion = e.opinion;
              c->reason = e.reason;
              if (e.voids_lapse) {
                c->lapsed_on.reset();
                c->deemed_opinion.reset();
              }
            }
          },
          [&](const ConsultationClosed& e) {
            if (ConsultationState* c = find_consultation(s, e.consultation_id)) {
              c->closed_on = e.closed_on;
            }
          },
          [&](const ConsultationLapsed& e) {
            if (ConsultationState* c = find_consultation(s, e.consultation_id)) {
              c->lapsed_on = e.lapse_on;
              c->deemed_opinion = e.deemed_opinion;
            }
          },
          [&](const FeeNoticeIssued& e) {
            s.fee = FeeState{e.basis, e.pages, e.amount_yuan, e.notified_on, std::nullopt, false};
          },
          [&](const FeePaid& e) {
            if (!s.fee) {
              return;
            }
            s.fee->paid_on = e.paid_on;
            if (e.voids_lapse) {
              s.fee->lapsed = false;
              void_lapse(s, s.stage_before_close);
            }
          },
          [&](const FeeLapsed& e) {
            if (s.fee) {
              s.fee->lapsed = true;
            }
            close(s, e.closed_on, report::Disposition::other_fee_lapsed);
          },
          [&](const ExtensionRequested& e) {
            s.extensions.push_back({e.days, e.reason, e.requested_on, e.actor.id,
                                    ExtensionStatus::pending, "", std::nullopt, std::nullopt});
          },
          [&](const ExtensionApproved& e) {
            if (ExtensionState* x = last_pending(s)) {
              x->status = ExtensionStatus::approved;
              x->days = e.days;
              x->decided_by = e.actor.id;
              x->decided_on = e.decided_on;
            }
          },
          [&](const ExtensionRejected& e) {
            if (ExtensionState* x = last_pending(s)) {
              x->status = ExtensionStatus::rejected;
              x->decided_by = e.actor.id;
              x->decided_on = e.decided_on;
            }
          },
          [&](const ExtensionNotified& e) {
            for (ExtensionState& x : s.extensions) {
              if (x.status == ExtensionStatus::approved) {
                x.notified_on = e.notified_on;
              }
            }
          },
          [&](const ReplySubmitted& e) {
            s.review = ReviewState{e.disposition, e.legal_basis,  e.reply_text,
                                   e.actor.id,    e.submitted_on, std::nullopt};
            s.stage = Stage::under_review;
          },
          [&](const ReplyApproved& e) {
            if (s.review) {
              s.review->approved_by = e.actor.id;
            }
            s.stage = Stage::approved;
          },
          [&](const ReplyReturned& e) {
            s.review.reset();
            s.last_return_comment = e.comment;
            s.stage = Stage::in_progress;
          },
          [&](const ReplyIssued& e) { close(s, e.served_on, e.disposition); },
          [&](const ApplicationWithdrawn& e) {
            close(s, e.received_on, report::Disposition::other_other);
          },
          [&](const CaseArchived& e) {
            s.stage = Stage::archived;
            s.archive_no = e.archive_no;
            s.retention_years = e.retention_years;
          },
          [&](const CaseReopened& e) {
            s.reopen = ReopenState{e.basis, e.reference, e.decided_on, e.reply_due_on};
            s.stage = Stage::in_progress;
            s.disposition.reset();
            s.closed_on.reset();
            s.review.reset();
            s.archive_no.reset();
          },
          [&](const RemedyRecorded& e) {
            s.remedies.push_back({e.kind, e.outcome, e.decided_on, e.reference});
          },
          [&](const NoteAdded&) { ++s.notes; },
          [&](const DeadlineWarned& e) { s.warned_due_dates.push_back(e.due_on); },
          [&](const DeadlineMissed& e) { s.missed_due_dates.push_back(e.due_on); },
      },
      event);
}

CaseState fold(const std::vector<CaseEvent>& events, CaseState state) {
  for (const CaseEvent& event : events) {
    evolve(state, event);
  }
  return state;
}

}  // namespace gongkai::domain::cases
