// RocksDbEventStore::compact(): every family down to its last level, nothing read differently.
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "store_fixture.h"

using namespace gongkai::testing;

namespace {

std::size_t table_files(const std::filesystem::path& dir) {
  std::size_t count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".sst") ++count;
  }
  return count;
}

}  // namespace

TEST_CASE("compact leaves one table file per family that holds data, and the same log",
          "[eventstore][compact]") {
  TempDir dir;
  constexpr int kRounds = 3, kStreams = 50;
  for (int round = 0; round < kRounds; ++round) {  // each reopen turns the WAL into new files
    auto store = open_store(dir.path());
    for (int s = 0; s < kStreams; ++s) {
      const std::string stream = "case-" + std::to_string(round) + "-" + std::to_string(s);
      REQUIRE(store->append(request(stream, ExpectedVersion::no_stream(), {event("e-" + stream)}))
                  .ok());
    }
  }
  auto store = open_store(dir.path());
  const auto before = store->read_all(1, 1000);
  REQUIRE(before.ok());
  REQUIRE(before->size() == kRounds * kStreams);
  const std::size_t files_before = table_files(dir.path());
  // log, streams and meta, each written in every round
  REQUIRE(files_before >= 3 * kRounds);

  REQUIRE(store->compact().ok());

  CHECK(table_files(dir.path()) <= 3);
  const auto after = store->read_all(1, 1000);
  REQUIRE(after.ok());
  REQUIRE(after->size() == before->size());
  for (std::size_t i = 0; i < after->size(); ++i) {
    CHECK((*after)[i].event_id == (*before)[i].event_id);
    CHECK((*after)[i].hash == (*before)[i].hash);
  }
  CHECK(store->verify_log().ok);
  CHECK(store->stream_version("case-2-49").value() == 1);
  CHECK(store->stream_version("case-9-9").value() == 0);
}
