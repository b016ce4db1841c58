// The case decider (STYLE.md section 4): every rule of DOMAIN.md section 2 and 3 about what may
// happen to a case, as a pure function. `decide` returns the events to append, or a refusal whose
// `reason` is the API's stable `code`:
//
//   failed_precondition  a domain rule refuses (422): stage_forbids, correction_window_passed,
//                        correction_already_requested, extension_already_used,
//                        extension_too_long, extension_after_due, same_person_approval,
//                        consultation_not_open, date_in_future, date_before_receipt, ...
//   invalid_argument     malformed input whatever the state (400), incl. invalid_disposition
//   permission_denied    role_forbids (403)       not_found   case_not_found (404)
//
// `now` is the caller's clock reading (recorded_at; "today" is its civil date at UTC+8). Timer
// commands return no events when nothing is due or it was already recorded (ticks are idempotent).
#pragma once

#include <vector>

#include "domain/base/status.h"
#include "domain/cases/case_commands.h"
#include "domain/cases/case_events.h"
#include "domain/cases/case_state.h"
#include "domain/time/calendar.h"
#include "domain/time/instant.h"

namespace gongkai::domain::cases {

[[nodiscard]] Result<std::vector<CaseEvent>> decide(const CaseState& state,
                                                    const CaseCommand& command, time::Instant now,
                                                    const time::Calendar& calendar);

}  // namespace gongkai::domain::cases
