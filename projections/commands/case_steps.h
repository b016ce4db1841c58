// What a generated case's step sends: the actor and the command, built from the case as it is
// (case_generator.cc runs them), or when a timer step should tick.
#pragma once

#include <optional>
#include <string>

#include "domain/cases/case_commands.h"
#include "domain/cases/case_state.h"
#include "domain/policy/roles.h"
#include "domain/time/calendar.h"
#include "projections/commands/case_script.h"

namespace gongkai::projections::commands {

struct StepCommand {
  domain::policy::Actor actor;
  domain::cases::CommandBody body;
};

// The people of the generated agency.
inline constexpr int kDepartments = 8;
[[nodiscard]] std::string department_code(int index);  // "D01".."D08"
[[nodiscard]] domain::policy::Actor registrar(int index);
[[nodiscard]] domain::policy::Actor handler_of(const std::string& department, int index);
[[nodiscard]] domain::policy::Actor supervisor(int index);

// The registration of a case received on `today`.
[[nodiscard]] domain::cases::RegisterCase registration(const CasePlan& plan, std::uint64_t ordinal,
                                                       domain::time::CivilDate today);

// The command of a human step on `today`, or nullopt for a timer step.
[[nodiscard]] std::optional<StepCommand> step_command(const Step& step,
                                                      const domain::cases::CaseState& state,
                                                      const domain::policy::Actor& registrar,
                                                      domain::time::CivilDate today,
                                                      const domain::time::Calendar& calendar);

// The day a timer step ticks (the day after the deadline it waits for, or the reply's due date),
// or nullopt if the clock it waits for is not running.
[[nodiscard]] std::optional<domain::time::CivilDate> tick_day(
    const Step& step, const domain::cases::CaseState& state,
    const domain::time::Calendar& calendar);

[[nodiscard]] bool is_tick(StepKind kind);

}  // namespace gongkai::projections::commands
