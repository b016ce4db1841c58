// StateOverlay: pending writes read before committed state, scans merge both in key order.
#include "projections/state_overlay.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>

#include "eventstore/rocksdb/rocksdb_event_store.h"
#include "support/temp_dir.h"

using namespace gongkai;

namespace {

struct MapBatch final : eventstore::CommitBatch {
  std::map<std::string, std::optional<std::string>> writes;
  void put(std::string_view key, std::string_view value) override {
    writes[std::string(key)] = std::string(value);
  }
  void remove(std::string_view key) override { writes[std::string(key)] = std::nullopt; }
};

// A store whose committed state holds p/a=1, p/b=2, p/c=3 and q/a=9.
std::unique_ptr<eventstore::RocksDbEventStore> seeded(const std::filesystem::path& dir) {
  struct Seed final : eventstore::CommitHook {
    void on_commit(const std::vector<eventstore::RecordedEvent>&, eventstore::CommitBatch&) override {}
    eventstore::Status catch_up(const eventstore::EventStore&,
                                const eventstore::StateWriters& writers) override {
      return writers.write([](eventstore::CommitBatch& batch) {
        batch.put("p/a", "1");
        batch.put("p/b", "2");
        batch.put("p/c", "3");
        batch.put("q/a", "9");
      });
    }
  };
  eventstore::RocksDbEventStore::Options options;
  options.directory = dir;
  options.hooks = {std::make_shared<Seed>()};
  return std::move(eventstore::RocksDbEventStore::open(std::move(options))).value();
}

}  // namespace

TEST_CASE("pending writes are read before committed state", "[projections]") {
  testing::TempDir dir;
  auto store = seeded(dir.path());
  projections::StateOverlay overlay(*store, "p/");
  CHECK(overlay.get("a") == "1");
  overlay.put("a", "10");
  overlay.remove("b");
  CHECK(overlay.get("a") == "10");
  CHECK_FALSE(overlay.get("b").has_value());
  CHECK_FALSE(overlay.get("z").has_value());
  CHECK(store->get_state("p/a").value() == "1");  // nothing committed yet

  MapBatch batch;
  overlay.flush_into(batch);
  CHECK(batch.writes.at("p/a") == "10");
  CHECK_FALSE(batch.writes.at("p/b").has_value());
  CHECK(overlay.get("a") == "1");  // flushed writes are the batch's business now
}

TEST_CASE("a scan merges pending writes into committed state in key order", "[projections]") {
  testing::TempDir dir;
  auto store = seeded(dir.path());
  projections::StateOverlay overlay(*store, "p/");
  overlay.put("bb", "22");
  overlay.remove("c");
  overlay.put("d", "4");
  using Entries = std::vector<std::pair<std::string, std::string>>;
  CHECK(overlay.scan("", 10) == Entries{{"a", "1"}, {"b", "2"}, {"bb", "22"}, {"d", "4"}});
  CHECK(overlay.scan("b", 10) == Entries{{"b", "2"}, {"bb", "22"}});
  CHECK(overlay.scan("", 2) == Entries{{"a", "1"}, {"b", "2"}});
}

TEST_CASE("with the read cache, a write the committed state already holds is not repeated",
          "[projections]") {
  testing::TempDir dir;
  auto store = seeded(dir.path());
  projections::StateOverlay overlay(*store, "p/");
  overlay.enable_read_cache(1 << 20);
  CHECK(overlay.get("a") == "1");               // read once from the store, then remembered
  CHECK_FALSE(overlay.get("z").has_value());    // remembered as absent
  overlay.put("a", "1");                        // what the state holds already
  overlay.put("b", "20");
  overlay.remove("z");                          // absent already
  MapBatch batch;
  overlay.flush_into(batch);
  CHECK(batch.writes == std::map<std::string, std::optional<std::string>>{{"p/b", "20"}});
  CHECK(overlay.get("b") == "20");  // the cache takes flushed writes as committed
}

TEST_CASE("after assume_empty the store is not asked until the read cache overflows",
          "[projections]") {
  testing::TempDir dir;
  auto store = seeded(dir.path());
  projections::StateOverlay overlay(*store, "p/");
  overlay.enable_read_cache(256);
  overlay.assume_empty();  // the caller just cleared "p/" (here it did not: the store says "1")
  CHECK_FALSE(overlay.get("a").has_value());
  overlay.put("b", "2");
  MapBatch batch;
  overlay.flush_into(batch);
  CHECK(batch.writes.at("p/b") == "2");  // absent before, so written

  overlay.put("big", std::string(300, 'x'));  // more than the budget: the cache starts again
  overlay.flush_into(batch);
  CHECK(overlay.get("a") == "1");  // no longer known to be empty: read from the store
}

TEST_CASE("a last flush skips what the state holds and keeps nothing in the read cache",
          "[projections]") {
  testing::TempDir dir;
  auto store = seeded(dir.path());
  projections::StateOverlay overlay(*store, "p/");
  overlay.enable_read_cache(1 << 20);
  CHECK(overlay.get("a") == "1");
  // Given a write the state holds and one it does not
  overlay.put("a", "1");
  overlay.put("b", "20");
  // When the replay's last page is flushed
  MapBatch batch;
  overlay.flush_into(batch, true);
  // Then only the change is written, as with any flush
  CHECK(batch.writes == std::map<std::string, std::optional<std::string>>{{"p/b", "20"}});
  // and the write was not remembered: a read (which nobody makes after the last flush) asks the
  // store, which this test never committed the batch to
  CHECK(overlay.get("b") == "2");
}

TEST_CASE("writes flushed in bounded batches are all written once, in key order", "[projections]") {
  testing::TempDir dir;
  auto store = seeded(dir.path());
  projections::StateOverlay overlay(*store, "p/");
  overlay.enable_read_cache(1 << 20);
  CHECK(overlay.get("a") == "1");
  // Given five writes of ~100 bytes, one of which the state holds already
  overlay.put("a", "1");
  for (const char* key : {"k1", "k2", "k3", "k4"}) overlay.put(key, std::string(100, key[1]));
  overlay.remove("c");
  // When they are flushed in batches of at most ~150 bytes
  std::vector<MapBatch> batches;
  bool more = true;
  while (more) {
    more = overlay.flush_some_into(batches.emplace_back(), false, 150);
    REQUIRE(batches.size() <= 10);
  }
  // Then each batch stopped once it held 150 bytes of keys and values or more, every change is
  // written exactly once across them, the unchanged one is not, and nothing is left pending
  std::vector<std::vector<std::string>> keys;
  std::map<std::string, std::optional<std::string>> all;
  for (const MapBatch& batch : batches) {
    keys.emplace_back();
    for (const auto& [key, value] : batch.writes) {
      keys.back().push_back(key);
      CHECK(all.emplace(key, value).second);
    }
  }
  CHECK(keys ==
        std::vector<std::vector<std::string>>{{"p/c", "p/k1", "p/k2"}, {"p/k3", "p/k4"}});
  CHECK_FALSE(all.at("p/c").has_value());
  CHECK(all.at("p/k3") == std::string(100, '3'));
  CHECK_FALSE(overlay.has_writes());
  // and the flushed writes are remembered as committed, as with one batch
  CHECK(overlay.get("k2") == std::string(100, '2'));
  CHECK_FALSE(overlay.get("c").has_value());
}

TEST_CASE("writes reach the batch in ascending key order, whatever order they were made in",
          "[projections]") {
  // A load (StateWriters::load) refuses keys out of order, so the overlay sorts what it holds.
  struct OrderBatch final : eventstore::CommitBatch {
    std::vector<std::string> keys;
    void put(std::string_view key, std::string_view) override { keys.emplace_back(key); }
    void remove(std::string_view key) override { keys.emplace_back(key); }
  };
  testing::TempDir dir;
  auto store = seeded(dir.path());
  projections::StateOverlay overlay(*store, "p/");
  std::vector<std::string> expected;
  for (int i = 0; i < 200; ++i) {
    const std::string key = "k" + std::to_string((i * 7919) % 200);  // every key once, scrambled
    if (i % 5 == 0)
      overlay.remove(key);
    else
      overlay.put(key, "v");
    expected.push_back("p/" + key);
  }
  overlay.put("k17", "again");  // a key written twice is written once
  std::sort(expected.begin(), expected.end());

  OrderBatch batch;
  overlay.flush_into(batch);
  CHECK(batch.keys == expected);
}
