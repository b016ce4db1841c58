// Helpers shared by the whole-store subcommands (export, import, backup, restore, verify):
// opening a store with every projection so they catch up, the refusal of a non-empty target
// directory, and progress on a terminal.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <set>
#include <string>

#include "domain/time/calendar_text.h"
#include "eventstore/rocksdb/rocksdb_event_store.h"
#include "projections/projection_host.h"
#include "projections/registry.h"

namespace gongkai::tools {

// Opens the store at `dir` with every registered projection (built-in calendar), so that any
// projection behind the log (a new import, a restore) catches up before this returns.
inline domain::Result<std::unique_ptr<eventstore::RocksDbEventStore>> open_with_projections(
    const std::filesystem::path& dir) {
  auto calendar = domain::time::builtin_calendar();
  if (!calendar.ok()) return calendar.status();
  auto host = std::make_shared<projections::ProjectionHost>(projections::all_projections(*calendar),
                                                            std::set<std::string>{});
  return eventstore::RocksDbEventStore::open({.directory = dir, .hooks = {host}});
}

// An existing store directory, or a failure naming it (so that a read command never creates an
// empty store where the user mistyped a path).
inline domain::Status require_store(const std::filesystem::path& dir) {
  std::error_code error;
  if (!std::filesystem::exists(dir / "CURRENT", error)) {
    return domain::not_found("no_store", "no store at " + dir.string());
  }
  return {};
}

inline bool empty_or_missing(const std::filesystem::path& dir) {
  std::error_code error;
  return !std::filesystem::exists(dir, error) || std::filesystem::is_empty(dir, error);
}

// "<what> N events" on stderr every 10,000 events, only when stderr is a terminal (a progress line
// redrawn in place; `done` ends it).
inline void show_progress(const char* what, std::uint64_t events, bool done = false) {
  static const bool terminal = isatty(STDERR_FILENO) == 1;
  if (!terminal || (!done && events % 10'000 != 0)) return;
  std::cerr << "\r" << what << " " << events << " events" << (done ? "\n" : "") << std::flush;
}

}  // namespace gongkai::tools
