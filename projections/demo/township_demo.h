// The demo township: on a store without cases, a 镇's eight departments (D01 党政办 … D08, the
// generator's codes), one user per role (dengji registrar, banli handler of D01 D02, duban
// supervisor, shenji auditor; password kDemoPassword), a year of generated cases through the real
// command path (projections/commands/case_generator.h: every disposition, corrections,
// consultations, fees, extensions, transfers, returns in review, deadline misses, archiving) and
// open cases received in the weeks before `now` (queues and the overdue list are not empty).
//
// One code path for `gongkai-server --demo=true` (api/app/demo_data.h) and `gongkai demo`
// (tools/cli/demo_command.cc). Neither creates `admin`: the server's first start (or `gongkai
// init`) does, when no user holds the admin role.
//
// Deterministic: with the same options (seed, year, cases, now) and a password hasher that is a
// function of the username, two empty stores get byte-identical logs (same head hash): the
// department and user events are recorded at `now`, the generated year on its simulated timeline,
// and event ids come from a generator seeded with `seed` (commands::seed_event_ids) for the
// duration of the call (on the calling thread, which must be the one executing the commands).
//
// Refusals: failed_precondition `store_has_cases` when the agency has a case already,
// failed_precondition `departments_exist` when the agency has departments (a store that ran the
// demo or was set up by hand); a domain refusal or store failure ends the run with its Status.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/base/status.h"
#include "domain/time/instant.h"
#include "eventstore/event_store.h"
#include "projections/commands/case_command_service.h"
#include "projections/commands/people_command_service.h"

namespace gongkai::projections::demo {

inline constexpr std::string_view kDemoPassword = "gongkai-demo";

// The password record ("scrypt$...") for kDemoPassword of this user.
using PasswordHasher = std::function<domain::Result<std::string>(std::string_view username)>;

struct TownshipOptions {
  std::uint64_t seed = 1;
  int year = 0;                 // the generated year (registrations January to October)
  std::size_t cases = 1000;     // generated cases of `year`
  std::size_t open_cases = 24;  // received in the weeks before `now`, left open
  domain::time::Instant now;    // "today": people are created then, open cases lead up to it
  PasswordHasher hash_password;
};

struct TownshipSummary {
  int year = 0;
  std::size_t generated_cases = 0;
  std::size_t open_cases = 0;
  std::size_t generated_events = 0;
  std::size_t refusals = 0;  // domain refusals inside the generator (a correct one has none)
  std::vector<std::string> departments;        // codes
  std::vector<std::string> users;              // usernames
  std::vector<std::string> user_descriptions;  // "banli (handler of D01 D02)"
};

// True when `agency` has at least one case (the "reports" projection's case records).
[[nodiscard]] domain::Result<bool> has_cases(const eventstore::EventStore& store,
                                             std::string_view agency);

[[nodiscard]] domain::Result<TownshipSummary> fill_township(commands::CaseCommandService& cases,
                                                            commands::PeopleCommandService& people,
                                                            const TownshipOptions& options);

}  // namespace gongkai::projections::demo
