// The store's memory has fixed caps (eventstore/SCHEMA.md "Memory"): what RocksDB reads, the
// files' indexes and filters included, is held in the one block cache.
#include <catch2/catch.hpp>
#include <string>

#include "store_fixture.h"

using namespace gongkai::testing;

TEST_CASE("the table files' indexes and filters are held in the block cache, not beside it",
          "[eventstore][memory]") {
  TempDir dir;
  const std::string data = R"({"text":")" + std::string(300, 'x') + R"("})";
  constexpr int kStreams = 400, kPerStream = 10;
  {
    auto store = open_store(dir.path());
    for (int s = 0; s < kStreams; ++s) {
      std::vector<EventToAppend> events;
      for (int i = 0; i < kPerStream; ++i) {
        events.push_back(event("e-" + std::to_string(s) + "-" + std::to_string(i), data));
      }
      const std::string stream = "case-" + std::to_string(s);
      REQUIRE(store->append(request(stream, ExpectedVersion::no_stream(), std::move(events))).ok());
    }
  }
  // Reopening replays the WAL into table files: the reads below go to files, not memtables.
  auto store = open_store(dir.path());
  std::uint64_t read = 0;
  for (std::uint64_t from = 1;; from += 1000) {
    auto page = store->read_all(from, 1000);
    REQUIRE(page.ok());
    read += page->size();
    if (page->size() < 1000) break;
  }
  REQUIRE(read == kStreams * kPerStream);
  for (int s = 0; s < kStreams; ++s) {  // point lookups in `meta`, through its bloom filters
    REQUIRE(store->stream_version("case-" + std::to_string(s)).value() == kPerStream);
    REQUIRE(store->stream_version("absent-" + std::to_string(s)).value() == 0);
  }
  const auto memory = store->memory_usage();
  INFO("block cache " << memory.block_cache << ", table readers " << memory.table_readers);
  // ~1.3 MiB of events in files. Measured: 30.8 KB of table readers with the indexes and filters
  // beside the cache, 5.5 KB (the readers themselves) with them inside it.
  CHECK(memory.block_cache > 0);
  CHECK(memory.table_readers < 12 * 1024);
  CHECK(memory.block_cache <= memory.block_cache_capacity);
}
