// A store with realistic cases for the CLI tests, filled from the test process through the real
// command path (projections::commands::generate_cases, as `gongkai bench rebuild` does) and closed
// again before the CLI opens it. Also what the tests compare stores by: the verified head and the
// annual report (read with every projection caught up).
#pragma once

#include <catch2/catch.hpp>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "domain/time/calendar_text.h"
#include "eventstore/rocksdb/rocksdb_event_store.h"
#include "projections/commands/case_generator.h"
#include "projections/projection_host.h"
#include "projections/registry.h"
#include "projections/reports/annual_report.h"

namespace gongkai::testing {

inline std::shared_ptr<projections::ProjectionHost> every_projection() {
  auto calendar = domain::time::builtin_calendar();
  REQUIRE(calendar.ok());
  return std::make_shared<projections::ProjectionHost>(projections::all_projections(*calendar),
                                                       std::set<std::string>{});
}

// `cases` generated cases (seed 11, registered in 2021) in a new store at `dir`; their ids.
inline std::vector<std::string> generate_store(const std::filesystem::path& dir,
                                               std::size_t cases) {
  auto calendar = domain::time::builtin_calendar();
  REQUIRE(calendar.ok());
  auto store = eventstore::RocksDbEventStore::open(
      {.directory = dir, .hooks = {every_projection()}, .sync_writes = false});
  REQUIRE(store.ok());
  projections::commands::CaseCommandService service(**store, "CJZ", *calendar);
  auto generated = projections::commands::generate_cases(service, cases, 11, 2021);
  REQUIRE(generated.ok());
  REQUIRE(generated->refusals.empty());
  return generated->case_ids;
}

struct StoreFacts {
  eventstore::VerifyReport log;
  std::string annual_report_json;  // CJZ 2021
};

// Opens `dir` with every projection (they catch up), verifies the log and reads the 2021 report.
inline StoreFacts store_facts(const std::filesystem::path& dir) {
  auto store =
      eventstore::RocksDbEventStore::open({.directory = dir, .hooks = {every_projection()}});
  REQUIRE(store.ok());
  StoreFacts facts;
  facts.log = (*store)->verify_log();
  auto report = projections::reports::annual_report(**store, "CJZ", 2021);
  REQUIRE(report.ok());
  facts.annual_report_json = projections::reports::to_json(*report);
  return facts;
}

}  // namespace gongkai::testing
