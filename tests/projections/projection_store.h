// Opens a real RocksDbEventStore in `directory` whose projection host runs `projections`
// (`rebuild`: the names to rebuild from position 0, as ProjectionHost takes them). The test
// fixtures of each projection build on this so they differ only in what they install.
#pragma once

#include <catch2/catch.hpp>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "eventstore/rocksdb/rocksdb_event_store.h"
#include "projections/projection_host.h"

namespace gongkai::testing {

inline std::unique_ptr<eventstore::RocksDbEventStore> open_projection_store(
    const std::filesystem::path& directory,
    std::vector<std::shared_ptr<projections::Projection>> projections,
    std::set<std::string> rebuild = {}) {
  eventstore::RocksDbEventStore::Options options;
  options.directory = directory;
  options.hooks = {
      std::make_shared<projections::ProjectionHost>(std::move(projections), std::move(rebuild))};
  auto opened = eventstore::RocksDbEventStore::open(std::move(options));
  REQUIRE(opened.ok());
  return std::move(opened).value();
}

}  // namespace gongkai::testing
