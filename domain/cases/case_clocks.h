// The clocks of one case (DOMAIN.md section 3), computed from its state's business dates and the
// calendar, never from when a clerk typed them. Each gives a due date with its explanation.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/cases/case_state.h"
#include "domain/clocks/due_date.h"
#include "domain/time/calendar.h"

namespace gongkai::domain::cases {

inline constexpr int kReplyWorkingDays = 20;            // Art. 33
inline constexpr int kMaxExtensionWorkingDays = 20;     // Art. 33
inline constexpr int kCorrectionNoticeWorkingDays = 7;  // Art. 30
inline constexpr int kConsultationWorkingDays = 15;     // Art. 32, 34
inline constexpr int kFeePaymentWorkingDays = 20;       // fee measures
inline constexpr int kDefaultDueSoonWorkingDays = 3;    // configurable

// The reply clock's pauses: consultations (third party and co-producer from sent_on until the
// reply or the lapse date, whichever is first; other_agency until closed or answered), a pending
// fee notice (until paid), and a pending correction request (open: the clock restarts on receipt).
[[nodiscard]] std::vector<clocks::Pause> reply_pauses(const CaseState& state,
                                                      const time::Calendar& calendar);

// The reply due date (答复期限): 20 working days from the receipt date, or from the day the
// correction was received; plus the approved extension; pushed by the pauses. After a reopen,
// the date the decision set (interpretation: fixed, not moved by later pauses). nullopt before
// registration.
[[nodiscard]] std::optional<clocks::DueDate> reply_due(const CaseState& state,
                                                       const time::Calendar& calendar);

// `reply_due` without the explanation (the same date, whether an open pause holds it, and the
// pauses): what the projections keep for every event they fold.
struct ReplyDeadline {
  std::optional<CivilDate> due_on;
  bool paused = false;
  std::vector<clocks::Pause> pauses;  // reply_pauses(state)
};
[[nodiscard]] std::optional<ReplyDeadline> reply_deadline(const CaseState& state,
                                                          const time::Calendar& calendar);

// The last day a correction may be requested: 7 working days after the receipt date.
[[nodiscard]] std::optional<clocks::DueDate> correction_notice_due(const CaseState& state,
                                                                   const time::Calendar& calendar);
// The last day the correction may arrive: the date the notice names, or, when that is a day off,
// the next working day (interpretation, following 民法典 Art. 203: a period whose last day is a
// holiday ends on the day after the holiday). nullopt without a correction request.
[[nodiscard]] std::optional<CivilDate> effective_correction_deadline(
    const CaseState& state, const time::Calendar& calendar);
// The correction deadline named in the notice (moved off a day off, see above).
[[nodiscard]] std::optional<clocks::DueDate> correction_due(const CaseState& state,
                                                            const time::Calendar& calendar);
// A third-party or co-producer consultation's lapse date: 15 working days after the party received
// the letter. nullopt for an unknown id or an other_agency consultation (no fixed period).
[[nodiscard]] std::optional<clocks::DueDate> consultation_due(const ConsultationState& consultation,
                                                              const time::Calendar& calendar);
// The fee payment deadline: 20 working days counted from the day after the notice.
[[nodiscard]] std::optional<clocks::DueDate> fee_payment_due(const CaseState& state,
                                                             const time::Calendar& calendar);

// Every clock of the case that applies, reply first (what GET /cases/{id}/deadlines shows).
[[nodiscard]] std::vector<clocks::DueDate> all_deadlines(const CaseState& state,
                                                         const time::Calendar& calendar);

// The reply clock as the case view shows it on `today` (API.md `clock`).
enum class ClockStatus { running, paused, stopped };
struct ReplyClockView {
  ClockStatus status = ClockStatus::stopped;
  std::optional<CivilDate> reply_due_on;
  std::optional<int> working_days_left;  // unpaused working days from today through the due date
  bool due_soon = false;
  bool overdue = false;  // the due date has ended (24:00 agency time) and no reply was issued
  std::vector<std::string> paused_by;
  int extension_days = 0;
  std::optional<std::string> extension_approved_by;
};
[[nodiscard]] ReplyClockView reply_clock_view(const CaseState& state, CivilDate today,
                                              const time::Calendar& calendar,
                                              int due_soon_within = kDefaultDueSoonWorkingDays);

// Unpaused working days W with today <= W <= due_on (today counts when it is a working day).
[[nodiscard]] int working_days_left(const CaseState& state, CivilDate today, CivilDate due_on,
                                    const time::Calendar& calendar);

}  // namespace gongkai::domain::cases
