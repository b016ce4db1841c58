// generate_cases: drives N realistic cases through the real command path (CaseCommandService)
// and the deadline monitor, for the rebuild test, `gongkai bench rebuild` and demos.
//
// Every kind of step occurs: registration (with and without a department), receipt, assignment,
// transfer, correction requested / received / lapsed / received late (voiding the lapse),
// consultations of each kind replied / closed / lapsed, fee notices paid or lapsed, extensions
// requested / approved / rejected / notified, deadline warnings and misses, replies submitted /
// returned / approved / issued with every proposable disposition, withdrawals, remedies, reopening,
// archiving and notes.
//
// Time: registrations are spread over the working days of January to October of `year`; every
// later step comes some working days after the previous one, timer ticks come when the clocks say
// (the day after a deadline, the reply's due date). Steps of all cases run in date order through
// one simulated timeline, so `now` never goes back (10:00 agency time plus one second per step).
//
// Deterministic for a seed (with libstdc++'s distributions): the same commands, dates and case
// numbers; only event ids differ (random). A domain refusal is counted, not fatal (a correct
// generator has none: the tests check it); a store failure ends the run with its Status.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "domain/base/status.h"
#include "domain/time/instant.h"
#include "projections/commands/case_command_service.h"

namespace gongkai::projections::commands {

struct GeneratedCases {
  std::vector<std::string> case_ids;  // in registration order
  std::size_t commands = 0;           // accepted commands (including timer commands)
  std::size_t ticks = 0;              // monitor ticks
  std::size_t events = 0;             // events appended
  std::map<std::string, std::size_t> events_by_type;
  std::map<std::string, std::size_t> refusals;  // "<command>: <reason>" -> count
  domain::time::Instant last_now;
};

[[nodiscard]] domain::Result<GeneratedCases> generate_cases(CaseCommandService& service,
                                                            std::size_t cases, std::uint64_t seed,
                                                            int year);

}  // namespace gongkai::projections::commands
