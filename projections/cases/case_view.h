// The case as API.md shows it (`GET /api/v1/cases/{id}`), rendered from a folded CaseState rather
// than read from the "cases" projection: what time travel (`?as_of=`) answers, where the state is
// folded from the log up to a point. Same shape and key order as CaseQueries::get, so the view at
// the head equals the current view byte for byte (tests/api/case_time_travel_test.cc checks it).
//
// The identity number is masked (`applicant.id_number_masked`); phone, address and email are not
// shown, as in the current view.
#pragma once

#include <cstdint>
#include <string>

#include "domain/cases/case_state.h"
#include "domain/time/calendar.h"
#include "domain/time/civil_date.h"

namespace gongkai::projections {

// The case JSON with `clock` as of `today` (compact, keys sorted).
[[nodiscard]] std::string case_view_json(const domain::cases::CaseState& state,
                                         std::uint64_t version, domain::time::CivilDate today,
                                         const domain::time::Calendar& calendar);

}  // namespace gongkai::projections
