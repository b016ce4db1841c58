// RocksDbEventStore::import_recorded, the store-level path under `gongkai import`: it is only for
// an import-only store (which refuses appends), writes a chain verbatim, and refuses a batch with a
// broken link or a wrong hash without writing any of it.
#include <catch2/catch.hpp>

#include "cli/generated_store.h"
#include "support/temp_dir.h"

namespace gongkai::testing {

namespace {

std::vector<eventstore::RecordedEvent> whole_log(const std::filesystem::path& dir) {
  auto store = eventstore::RocksDbEventStore::open({.directory = dir});
  REQUIRE(store.ok());
  auto events = (*store)->read_all(1, SIZE_MAX);
  REQUIRE(events.ok());
  return *events;
}

}  // namespace

TEST_CASE("Given a store opened normally, When events are imported into it, Then it refuses",
          "[cli-files]") {
  TempDir dir;
  auto store = eventstore::RocksDbEventStore::open({.directory = dir.path()});
  REQUIRE(store.ok());
  const auto status = (*store)->import_recorded({});
  CHECK(status.reason() == "not_importing");
}

TEST_CASE(
    "Given an import-only store, When recorded events are imported, Then broken batches are "
    "refused whole and a good one gives the source's head",
    "[cli-files]") {
  TempDir dir;
  generate_store(dir.path() / "source", 1);
  const auto events = whole_log(dir.path() / "source");
  REQUIRE(events.size() > 3);
  auto store =
      eventstore::RocksDbEventStore::open({.directory = dir.path() / "copy", .import_only = true});
  REQUIRE(store.ok());
  CHECK((*store)
            ->append({.stream = "s",
                      .expected = eventstore::ExpectedVersion::any(),
                      .events = {},
                      .idempotency_key = "",
                      .request_fingerprint = ""})
            .status()
            .reason() == "importing");

  SECTION("a changed hash is refused and nothing of the batch is written") {
    auto tampered = events;
    tampered[2].data_json = R"({"changed":true})";
    const auto status = (*store)->import_recorded(tampered);
    CHECK(status.reason() == "import_refused");
    CHECK(status.message().find("position 3") != std::string::npos);
    CHECK((*store)->head_position() == 0);
  }
  SECTION("a gap is refused") {
    const std::vector<eventstore::RecordedEvent> gap(events.begin() + 1, events.end());
    CHECK((*store)->import_recorded(gap).reason() == "import_refused");
    CHECK((*store)->head_position() == 0);
  }
  SECTION("the whole log in two batches is written verbatim") {
    const std::vector<eventstore::RecordedEvent> first(events.begin(), events.begin() + 2);
    const std::vector<eventstore::RecordedEvent> rest(events.begin() + 2, events.end());
    REQUIRE((*store)->import_recorded(first).ok());
    REQUIRE((*store)->import_recorded(rest).ok());
    // Importing the first events again is refused: they no longer continue the chain.
    CHECK((*store)->import_recorded(first).reason() == "import_refused");
    const auto report = (*store)->verify_log();
    CHECK(report.ok);
    CHECK(report.head_hash == events.back().hash);
    CHECK((*store)->verify_stream(events.front().stream).ok);
  }
}

}  // namespace gongkai::testing
