// `gongkai stats`: one JSON line about a store, read without changing it (opened without
// projections, so the checkpoints are what is stored, not what a catch-up would make them):
//   {"agency","as_of","events","head_position","head_hash","cases","by_stage","overdue",
//    "users","departments","store_bytes","checkpoints":{"<projection>":{"version","position"}}}
// cases, by_stage and overdue (open cases past their reply date today) come from the supervisor
// summary (projections/reports/supervisor_summary.h: the "summary" projection's counts and the
// "deadlines" index) with the store's calendar; store_bytes is the size of the store's files on
// disk.
// A projection without a checkpoint shows position 0. --out FILE writes the line there.
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "admin_support.h"
#include "commands.h"
#include "data_dir.h"
#include "domain/time/calendar_text.h"
#include "eventstore/rocksdb/rocksdb_event_store.h"
#include "projections/calendar/calendar_versions.h"
#include "projections/people/people_projection.h"
#include "projections/projection_host.h"
#include "projections/registry.h"
#include "projections/reports/supervisor_summary.h"
#include "store_session.h"

namespace gongkai::tools {

namespace {

std::uintmax_t bytes_on_disk(const std::filesystem::path& directory) {
  std::uintmax_t total = 0;
  std::error_code error;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(directory, error)) {
    if (entry.is_regular_file(error)) total += entry.file_size(error);
  }
  return total;
}

nlohmann::json checkpoints(const eventstore::EventStore& store,
                           const domain::time::Calendar& calendar) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& projection : projections::all_projections(calendar)) {
    const std::string name(projection->name());
    auto stored = store.get_state(projections::ProjectionHost::checkpoint_key(name));
    int version = 0;
    std::uint64_t position = 0;
    if (stored.ok()) {
      std::istringstream text(*stored);
      text >> version >> position;
    }
    out[name] = {{"version", version}, {"position", position}};
  }
  return out;
}

int run_stats(const std::string& data_dir, const std::string& agency, const std::string& out_file) {
  const auto directory = store_directory(data_dir);
  if (!std::filesystem::exists(directory / "CURRENT")) {
    return report_failure("stats",
                          domain::not_found("no_store", "no store at " + directory.string()));
  }
  auto opened = eventstore::RocksDbEventStore::open({.directory = directory, .hooks = {}});
  if (!opened.ok()) return report_failure("stats", opened.status());
  const auto& store = **opened;
  auto base = domain::time::builtin_calendar();
  if (!base.ok()) return report_failure("stats", base.status());
  auto calendar = projections::calendar::load_calendar(store, agency, std::move(*base));
  if (!calendar.ok()) return report_failure("stats", calendar.status());
  const auto today = domain::time::date_of(wall_clock_now());
  auto summary = projections::reports::supervisor_summary(store, agency, today, calendar->calendar);
  if (!summary.ok()) return report_failure("stats", summary.status());
  auto users = projections::people::list_users(store, agency);
  if (!users.ok()) return report_failure("stats", users.status());
  auto departments = projections::people::list_departments(store, agency);
  if (!departments.ok()) return report_failure("stats", departments.status());
  auto hash = head_hash(store);
  if (!hash.ok()) return report_failure("stats", hash.status());
  const nlohmann::json line = {{"agency", agency},
                               {"as_of", today.to_string()},
                               {"events", store.head_position()},
                               {"head_position", store.head_position()},
                               {"head_hash", *hash},
                               {"cases", summary->cases},
                               {"by_stage", summary->by_stage},
                               {"overdue", summary->overdue},
                               {"users", users->size()},
                               {"departments", departments->size()},
                               {"store_bytes", bytes_on_disk(directory)},
                               {"checkpoints", checkpoints(store, calendar->calendar)}};
  const auto written = write_document(out_file, line.dump() + "\n");
  return written.ok() ? kExitOk : report_failure("stats", written);
}

}  // namespace

void add_stats_command(CLI::App& app, int& exit_code) {
  auto* command =
      app.add_subcommand("stats", "One JSON line about a store: events, cases, checkpoints");
  auto data_dir = std::make_shared<std::string>(default_data_dir());
  auto agency = std::make_shared<std::string>(default_agency());
  auto out_file = std::make_shared<std::string>();
  command->add_option("--data-dir", *data_dir, "Data directory (env GONGKAI_DATA_DIR)");
  command->add_option("--agency", *agency, "Agency code (env GONGKAI_AGENCY_CODE, default CJZ)");
  command->add_option("--out", *out_file, "Write the line to FILE instead of stdout");
  command->callback([&exit_code, data_dir, agency, out_file] {
    exit_code = run_stats(*data_dir, *agency, *out_file);
  });
}

}  // namespace gongkai::tools
