// A real RocksDB store in a temp dir with the registered projections, and the command path over
// it. Writes are not fsynced (a temp store; durability is the eventstore suite's business).
#pragma once

#include <catch2/catch.hpp>
#include <memory>
#include <set>
#include <string>

#include "eventstore/rocksdb/rocksdb_event_store.h"
#include "projections/commands/case_command_service.h"
#include "projections/projection_host.h"
#include "projections/registry.h"
#include "support/calendars.h"
#include "support/temp_dir.h"

namespace gongkai::testing {

struct CommandFixture {
  TempDir dir;
  std::unique_ptr<eventstore::RocksDbEventStore> store;
  std::unique_ptr<projections::commands::CaseCommandService> service;

  CommandFixture() { open(); }

  void open(std::set<std::string> rebuild = {}) {
    service.reset();
    store.reset();
    auto host = std::make_shared<projections::ProjectionHost>(
        projections::all_projections(china_calendar()), std::move(rebuild));
    auto opened = eventstore::RocksDbEventStore::open(
        {.directory = dir.path() / "store", .hooks = {host}, .sync_writes = false});
    REQUIRE(opened.ok());
    store = std::move(opened).value();
    service = std::make_unique<projections::commands::CaseCommandService>(*store, "CJZ",
                                                                          china_calendar());
  }
};

}  // namespace gongkai::testing
