// `gongkai rebuild`: rebuilds projections from position 1 by opening the store with a
// CalendarHost (every registered projection, projections/registry.h, counting with the store's
// calendar: the built-in one with the agency's recorded years) that names the ones to rebuild.
// Progress goes to stderr (about once a second); the last line on stdout is JSON:
// {"events", "seconds", "events_per_s", "projections"}.
#include <chrono>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>

#include "commands.h"
#include "data_dir.h"
#include "domain/time/calendar_text.h"
#include "projections/projection_host.h"
#include "projections/registry.h"
#include "store_session.h"

namespace gongkai::tools {

namespace {

using Clock = std::chrono::steady_clock;

int rebuild(const std::string& data_dir, const std::string& agency, const std::string& only) {
  if (!std::filesystem::exists(data_dir)) {
    std::cerr << "gongkai rebuild: no store at " << data_dir << "\n";
    return kExitFailed;
  }
  auto calendar = domain::time::builtin_calendar();
  if (!calendar.ok()) {
    std::cerr << "gongkai rebuild: " << calendar.status().message() << "\n";
    return kExitFailed;
  }
  auto projections = projections::all_projections(*calendar);
  std::set<std::string> names;
  for (const auto& projection : projections) {
    if (only.empty() || projection->name() == only) names.emplace(projection->name());
  }
  if (names.empty()) {
    std::cerr << "gongkai rebuild: no projection named '" << only << "'; known:";
    for (const auto& projection : projections) std::cerr << " " << projection->name();
    std::cerr << "\n";
    return kExitUsage;
  }
  auto last_report = Clock::now();
  auto progress = [&last_report](const projections::ProjectionHost::Progress& p) {
    const auto now = Clock::now();
    if (p.position != p.head && now - last_report < std::chrono::seconds(1)) return;
    last_report = now;
    std::cerr << "rebuild " << p.projection << ": " << p.position << " / " << p.head << "\n";
  };
  const auto start = Clock::now();
  auto session =
      open_store(data_dir, agency, {.create = false, .rebuild = names, .progress = progress});
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (!session.ok()) {
    std::cerr << "gongkai rebuild: " << session.status().message() << "\n";
    return kExitFailed;
  }
  const auto events = (*session)->store->head_position();
  const nlohmann::json line = {
      {"events", events},
      {"seconds", seconds},
      {"events_per_s", seconds > 0 ? static_cast<double>(events) / seconds : 0},
      {"projections", names},
  };
  std::cout << line.dump() << std::endl;
  return kExitOk;
}

}  // namespace

void add_rebuild_command(CLI::App& app, int& exit_code) {
  auto* command = app.add_subcommand("rebuild", "Rebuild projections from the log");
  auto data_dir = std::make_shared<std::string>(default_data_dir());
  auto only = std::make_shared<std::string>();
  auto agency = std::make_shared<std::string>(default_agency());
  command->add_option("--data-dir", *data_dir, "Store directory (env GONGKAI_DATA_DIR)");
  command->add_option("--agency", *agency,
                      "Agency whose calendar counts (env GONGKAI_AGENCY_CODE, default CJZ)");
  command->add_option("--projection", *only, "Rebuild only this projection (default: all)");
  command->callback(
      [&exit_code, data_dir, agency, only] { exit_code = rebuild(*data_dir, *agency, *only); });
}

}  // namespace gongkai::tools
