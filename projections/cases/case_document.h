// The "cases" projection's stored document of a case: API.md's case without the day-dependent
// `clock` (kept as `clock_basis`, turned into `clock` for a day by json::with_clock). One writer
// for the projection and for time travel (case_view.h), so the two cannot drift apart.
#pragma once

#include <cstdint>
#include <string>

#include "domain/cases/case_state.h"
#include "domain/time/calendar.h"

namespace gongkai::projections {

[[nodiscard]] std::string case_document(const domain::cases::CaseState& state,
                                        std::uint64_t version,
                                        const domain::time::Calendar& calendar);

}  // namespace gongkai::projections
