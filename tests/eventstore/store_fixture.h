// Helpers shared by the event store tests: a store in a temp dir, and events to append.
#pragma once

#include <memory>
#include <string>

#include "eventstore/rocksdb/rocksdb_event_store.h"
#include "support/temp_dir.h"

namespace gongkai::testing {

using eventstore::AppendRequest;
using eventstore::EventToAppend;
using eventstore::ExpectedVersion;
using eventstore::RocksDbEventStore;

inline std::unique_ptr<RocksDbEventStore> open_store(
    const std::filesystem::path& dir, RocksDbEventStore::Options options = {}) {
  options.directory = dir;
  auto store = RocksDbEventStore::open(std::move(options));
  if (!store.ok()) throw std::runtime_error("open failed: " + store.status().message());
  return std::move(store).value();
}

inline EventToAppend event(std::string id, std::string data = R"({"n":1})",
                           std::string type = "case.note_added.v1") {
  return {std::move(id), std::move(type), std::move(data), "user:1", "corr-1", "",
          eventstore::Instant::from_unix_seconds(1'614'556'800)};
}

inline AppendRequest request(std::string stream, ExpectedVersion expected,
                             std::vector<EventToAppend> events) {
  AppendRequest r;
  r.stream = std::move(stream);
  r.expected = expected;
  r.events = std::move(events);
  return r;
}

}  // namespace gongkai::testing
