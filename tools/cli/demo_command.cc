// `gongkai demo`: fills a store without cases with the demo township
// (projections/demo/township_demo.h, the code behind `gongkai-server --demo=true`): eight
// departments, dengji/banli/duban/shenji (password gongkai-demo), a generated year of cases through
// the real command path and open cases received in the weeks before today. Not `admin`: `gongkai
// init` before, or the server's first start after, creates it (tools/run.sh does the latter).
//
// Deterministic: the same --seed, --year, --cases and --today give byte-identical logs (same head
// hash): event ids come from the seed, times from --today (09:00 agency time; default: now) and
// the generated timeline, and the demo users' password salts from the seed and the username (the
// password is public anyway). A store with cases (or departments) is refused with exit 1.
// Prints one JSON line: {"agency","seed","year","cases","generated_cases","open_cases","events",
// "head_position","head_hash","users","password","refusals"}.
#include <unistd.h>

#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>

#include "admin_support.h"
#include "api/auth/password.h"
#include "commands.h"
#include "data_dir.h"
#include "domain/time/civil_date.h"
#include "projections/demo/township_demo.h"
#include "store_session.h"

namespace gongkai::tools {

namespace {

struct DemoArgs {
  std::string data_dir = default_data_dir();
  std::string agency = default_agency();
  std::uint64_t seed = 1;
  int year = 0;
  std::size_t cases = 300;
  std::string today;
};

int run_demo(const DemoArgs& args) {
  domain::time::Instant now = wall_clock_now();
  if (!args.today.empty()) {
    const auto today = domain::time::CivilDate::parse(args.today);
    if (!today) {
      std::cerr << "gongkai demo: --today must be YYYY-MM-DD, got " << args.today << "\n";
      return kExitUsage;
    }
    now = domain::time::Instant::from_unix_micros(domain::time::start_of(*today).unix_micros() +
                                                  9LL * 3600 * 1'000'000);
  }
  projections::demo::TownshipOptions options;
  options.seed = args.seed;
  options.year = args.year != 0 ? args.year : domain::time::date_of(now).year() - 1;
  options.cases = args.cases;
  options.now = now;
  // One record for all demo users (they share the README's password; a hash costs most of a
  // second), salted from the seed so that a seed's store stays byte-identical.
  const std::string salt =
      api::auth::sha256_hex("gongkai-demo/" + std::to_string(args.seed)).substr(0, 32);
  auto record = api::auth::hash_password_with_salt(projections::demo::kDemoPassword, salt);
  if (!record.ok()) return report_failure("demo", record.status());
  options.hash_password = [&record](std::string_view) { return record; };
  auto session =
      open_store(args.data_dir, args.agency, {.create = true, .rebuild = {}, .progress = nullptr});
  if (!session.ok()) return report_failure("demo", session.status());
  auto& s = **session;
  if (isatty(STDERR_FILENO) != 0) {  // no per-case progress from the generator: say what runs
    std::cerr << "gongkai demo: generating " << options.cases << " cases of " << options.year
              << " into " << store_directory(args.data_dir).string() << " ...\n";
  }
  auto filled = projections::demo::fill_township(*s.cases, *s.people, options);
  if (!filled.ok()) return report_failure("demo", filled.status());
  auto hash = head_hash(*s.store);
  if (!hash.ok()) return report_failure("demo", hash.status());
  const nlohmann::json line = {{"agency", args.agency},
                               {"seed", args.seed},
                               {"year", filled->year},
                               {"cases", filled->generated_cases + filled->open_cases},
                               {"generated_cases", filled->generated_cases},
                               {"open_cases", filled->open_cases},
                               {"events", s.store->head_position()},
                               {"head_position", s.store->head_position()},
                               {"head_hash", *hash},
                               {"users", filled->users},
                               {"password", std::string(projections::demo::kDemoPassword)},
                               {"refusals", filled->refusals}};
  std::cout << line.dump() << "\n";
  return kExitOk;
}

}  // namespace

void add_demo_command(CLI::App& app, int& exit_code) {
  auto* command = app.add_subcommand("demo", "Fill an empty store with a demo township year");
  auto args = std::make_shared<DemoArgs>();
  command->add_option("--data-dir", args->data_dir, "Data directory (env GONGKAI_DATA_DIR)");
  command->add_option("--agency", args->agency,
                      "Agency code (env GONGKAI_AGENCY_CODE, default CJZ)");
  command->add_option("--seed", args->seed, "Seed: the same seed gives the same store (default 1)");
  command->add_option("--year", args->year, "Year of the generated cases (default: last year)")
      ->check(CLI::Range(2019, 2100));
  command->add_option("--cases", args->cases, "Generated cases of that year (default 300)")
      ->check(CLI::Range(0, 1'000'000));
  command->add_option("--today", args->today,
                      "The demo's today, YYYY-MM-DD (default: now); fixes every timestamp");
  command->callback([&exit_code, args] { exit_code = run_demo(*args); });
}

}  // namespace gongkai::tools
