#include "crash_check.h"

#include <map>
#include <memory>
#include <set>

#include "domain/time/calendar_text.h"
#include "eventstore/rocksdb/rocksdb_event_store.h"
#include "projections/calendar/calendar_host.h"
#include "projections/registry.h"
#include "projections/state_snapshot.h"

namespace gongkai::tools::crash {
namespace {

// The harness's keys ("crk-...") quoted in an event's data, each once per event.
std::set<std::string> keys_in(const std::string& data_json) {
  std::set<std::string> keys;
  const std::string marker = "\"crk-";
  for (auto at = data_json.find(marker); at != std::string::npos;
       at = data_json.find(marker, at + 1)) {
    const auto end = data_json.find('"', at + 1);
    if (end == std::string::npos) break;
    keys.insert(data_json.substr(at + 1, end - at - 1));
  }
  return keys;
}

// The projections' state of the store at `directory`, opened with a CalendarHost that rebuilds
// `rebuild` (every projection, or none for the state as the crash left it).
domain::Result<projections::StateSnapshot> state_of(const std::filesystem::path& directory,
                                                    const std::string& agency,
                                                    const domain::time::Calendar& calendar,
                                                    std::set<std::string> rebuild) {
  eventstore::RocksDbEventStore::Options options;
  options.directory = directory;
  if (!rebuild.empty()) {
    options.hooks = {std::make_shared<projections::CalendarHost>(agency, calendar, rebuild)};
  }
  auto store = eventstore::RocksDbEventStore::open(std::move(options));
  if (!store.ok()) return store.status();
  return projections::snapshot_state(**store, calendar);
}

}  // namespace

CheckFigures check_store(const std::filesystem::path& store_dir, const std::vector<Attempt>& ledger,
                         const std::filesystem::path& scratch, const std::string& agency) {
  CheckFigures f;
  const auto calendar = domain::time::builtin_calendar();
  if (!calendar.ok()) {
    f.error = calendar.status().message();
    return f;
  }
  std::map<std::string, std::uint64_t> present;
  {
    // Opened without hooks: the projections' state exactly as the killed server left it.
    auto opened = eventstore::RocksDbEventStore::open({.directory = store_dir});
    if (!opened.ok()) {
      f.error = "open: " + opened.status().message();
      return f;
    }
    auto& store = **opened;
    auto all = store.read_all(1, SIZE_MAX);
    if (!all.ok()) {
      f.error = "read_all: " + all.status().message();
      return f;
    }
    f.events = all->size();
    for (std::size_t i = 0; i < all->size(); ++i) {
      if ((*all)[i].position != i + 1) ++f.gaps;
      for (const auto& key : keys_in((*all)[i].data_json)) ++present[key];
    }
    if (store.head_position() != all->size()) ++f.gaps;
    f.chain_ok = store.verify_log().ok;
  }
  for (const auto& attempt : ledger) {
    const auto it = present.find(attempt.key);
    const std::uint64_t count = it == present.end() ? 0 : it->second;
    if (count > 1) ++f.duplicated;
    switch (attempt.outcome) {
      case Outcome::acked:
        ++f.acked;
        if (count == 0) ++f.lost;
        break;
      case Outcome::definite_failure:
        ++f.definite;
        if (count > 0) ++f.definite_present;
        break;
      case Outcome::indeterminate:
        ++f.indeterminate;
        if (count == 1) ++f.indeterminate_present;
        break;
    }
  }

  auto live = state_of(store_dir, agency, *calendar, {});
  std::error_code error;
  std::filesystem::remove_all(scratch, error);
  std::filesystem::create_directories(scratch, error);
  std::filesystem::copy(store_dir, scratch / "store", std::filesystem::copy_options::recursive,
                        error);
  if (error) {
    f.error = "copy for the rebuild: " + error.message();
    return f;
  }
  std::set<std::string> names;
  for (const auto& projection : projections::all_projections(*calendar)) {
    names.insert(std::string(projection->name()));
  }
  auto rebuilt = state_of(scratch / "store", agency, *calendar, names);
  std::filesystem::remove_all(scratch, error);
  if (!live.ok() || !rebuilt.ok()) {
    f.error = "projection state: " + (live.ok() ? rebuilt.status() : live.status()).message();
    return f;
  }
  if (live->empty()) {
    f.projection_difference = "no projection state at all";
  } else {
    f.projection_difference = projections::first_difference(*live, *rebuilt);
  }
  return f;
}

}  // namespace gongkai::tools::crash
