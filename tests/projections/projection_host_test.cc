// The projection framework on a real store: live state and checkpoint land with the events,
// a lagging checkpoint catches up at open, a new version or a rebuild request replays from 1,
// and live state equals rebuilt state.
#include <catch2/catch.hpp>
#include <map>
#include <stdexcept>
#include <tuple>
#include <vector>

#include "eventstore/rocksdb/rocksdb_event_store.h"
#include "projections/projection_host.h"
#include "projections/rebuild_flush.h"
#include "support/temp_dir.h"

using namespace gongkai;
using eventstore::ExpectedVersion;
using eventstore::RocksDbEventStore;
using projections::ProjectionHost;

namespace {

// Counts events per stream, reading its own earlier count: several events of one stream in one
// group must see each other's writes.
class CountingProjection final : public projections::Projection {
 public:
  explicit CountingProjection(int version = 1, std::string name = "counts")
      : version_(version), name_(std::move(name)) {}
  std::string_view name() const override { return name_; }
  int version() const override { return version_; }
  void apply(const eventstore::RecordedEvent& event, projections::StateWriter& state) override {
    const auto current = state.get(event.stream);
    state.put(event.stream, std::to_string(current ? std::stoi(*current) + 1 : 1));
    ++applied;
  }
  int applied = 0;

 private:
  int version_;
  std::string name_;
};

// Counts events per stream in memory and writes the totals at flush; while rebuilding
// (RebuildFlush) it writes them only after the last page. Records which flushes ran; throws on
// the event at `fail_at` (0: never).
class HoldingProjection final : public projections::Projection, public projections::RebuildFlush {
 public:
  explicit HoldingProjection(std::uint64_t fail_at = 0, std::string name = "held",
                             bool fail_last_flush = false)
      : fail_at_(fail_at), name_(std::move(name)), fail_last_flush_(fail_last_flush) {}
  std::string_view name() const override { return name_; }
  int version() const override { return 1; }
  void apply(const eventstore::RecordedEvent& event, projections::StateWriter&) override {
    if (event.position == fail_at_) throw std::runtime_error("cannot apply");
    ++counts_[event.stream];
    ++applied;
  }
  void flush(projections::StateWriter& state) override {
    ++flushes;
    write(state);
  }
  void flush_rebuild(projections::StateWriter& state, bool last) override {
    rebuild_flushes.push_back(last);
    if (last && fail_last_flush_) throw std::runtime_error("cannot flush");
    if (last) write(state);
  }
  int applied = 0;
  int flushes = 0;
  std::vector<bool> rebuild_flushes;  // `last` of each call

 private:
  void write(projections::StateWriter& state) const {
    for (const auto& [stream, count] : counts_) state.put(stream, std::to_string(count));
  }
  std::uint64_t fail_at_;
  std::string name_;
  bool fail_last_flush_;
  std::map<std::string, int> counts_;
};

eventstore::Result<std::unique_ptr<RocksDbEventStore>> open_holding(
    const std::filesystem::path& dir, std::vector<std::shared_ptr<HoldingProjection>> held,
    std::set<std::string> rebuild) {
  RocksDbEventStore::Options options;
  options.directory = dir;
  options.hooks = {std::make_shared<ProjectionHost>(
      std::vector<std::shared_ptr<projections::Projection>>(held.begin(), held.end()),
      std::move(rebuild))};
  return RocksDbEventStore::open(std::move(options));
}

eventstore::Result<std::unique_ptr<RocksDbEventStore>> open_holding(
    const std::filesystem::path& dir, std::shared_ptr<HoldingProjection> projection,
    std::set<std::string> rebuild) {
  return open_holding(dir, std::vector<std::shared_ptr<HoldingProjection>>{std::move(projection)},
                      std::move(rebuild));
}

struct Opened {
  std::shared_ptr<CountingProjection> projection;
  std::unique_ptr<RocksDbEventStore> store;
};

Opened open_with(const std::filesystem::path& dir, int version = 1,
                 std::set<std::string> rebuild = {}) {
  auto projection = std::make_shared<CountingProjection>(version);
  RocksDbEventStore::Options options;
  options.directory = dir;
  options.hooks = {std::make_shared<ProjectionHost>(
      std::vector<std::shared_ptr<projections::Projection>>{projection}, std::move(rebuild))};
  auto store = RocksDbEventStore::open(std::move(options));
  REQUIRE(store.ok());
  return {projection, std::move(store).value()};
}

void append(eventstore::EventStore& store, const std::string& stream, int events, int& id) {
  eventstore::AppendRequest request;
  request.stream = stream;
  for (int i = 0; i < events; ++i) {
    request.events.push_back({"ev-" + std::to_string(id++), "test.happened.v1", "{}", "system", "",
                              "", eventstore::Instant::from_unix_seconds(0)});
  }
  REQUIRE(store.append(std::move(request)).ok());
}

std::string state(const eventstore::EventStore& store, const std::string& key) {
  auto value = store.get_state(key);
  return value.ok() ? *value : "<none>";
}

}  // namespace

TEST_CASE("live projection state and checkpoint are written with the events", "[projections]") {
  testing::TempDir dir;
  int id = 0;
  auto opened = open_with(dir.path());
  append(*opened.store, "case-A", 3, id);  // three events of one stream in one group
  append(*opened.store, "case-B", 1, id);
  append(*opened.store, "case-A", 1, id);
  // Read your writes: the answer to append already shows in the view.
  CHECK(state(*opened.store, "counts/case-A") == "4");
  CHECK(state(*opened.store, "counts/case-B") == "1");
  CHECK(state(*opened.store, ProjectionHost::checkpoint_key("counts")) == "1 5");
}

TEST_CASE("a lagging checkpoint catches up when the store opens", "[projections]") {
  testing::TempDir dir;
  int id = 0;
  {
    // Events written while the projection was not installed.
    auto store = RocksDbEventStore::open({.directory = dir.path()});
    REQUIRE(store.ok());
    append(**store, "case-A", 2, id);
    append(**store, "case-B", 1, id);
  }
  auto opened = open_with(dir.path());
  CHECK(opened.projection->applied == 3);
  CHECK(state(*opened.store, "counts/case-A") == "2");
  CHECK(state(*opened.store, ProjectionHost::checkpoint_key("counts")) == "1 3");
  append(*opened.store, "case-A", 1, id);
  CHECK(state(*opened.store, "counts/case-A") == "3");
}

TEST_CASE("an up-to-date projection replays nothing at open", "[projections]") {
  testing::TempDir dir;
  int id = 0;
  { append(*open_with(dir.path()).store, "case-A", 4, id); }
  auto reopened = open_with(dir.path());
  CHECK(reopened.projection->applied == 0);
  CHECK(state(*reopened.store, "counts/case-A") == "4");
}

TEST_CASE("a new version or a rebuild request replays from position 1 on cleared state",
          "[projections]") {
  testing::TempDir dir;
  int id = 0;
  {
    auto opened = open_with(dir.path());
    append(*opened.store, "case-A", 2, id);
    append(*opened.store, "case-B", 3, id);
  }
  SECTION("new version") {
    auto opened = open_with(dir.path(), 2);
    CHECK(opened.projection->applied == 5);
    CHECK(state(*opened.store, "counts/case-B") == "3");  // not 6: the old state was cleared
    CHECK(state(*opened.store, ProjectionHost::checkpoint_key("counts")) == "2 5");
  }
  SECTION("rebuild requested") {
    auto opened = open_with(dir.path(), 1, {"counts"});
    CHECK(opened.projection->applied == 5);
    CHECK(state(*opened.store, "counts/case-B") == "3");
  }
}

TEST_CASE("state built live equals state rebuilt from the log", "[projections]") {
  testing::TempDir dir;
  int id = 0;
  std::vector<std::pair<std::string, std::string>> live;
  {
    auto opened = open_with(dir.path());
    for (int i = 0; i < 300; ++i) append(*opened.store, "case-" + std::to_string(i % 17), 1 + i % 3, id);
    live = opened.store->scan_state("counts/", 1000).value();
  }
  auto rebuilt = open_with(dir.path(), 1, {"counts"});
  CHECK(rebuilt.store->scan_state("counts/", 1000).value() == live);
  CHECK(live.size() == 17);
}

TEST_CASE("rebuilding one projection clears only its own state and replays only it",
          "[projections]") {
  testing::TempDir dir;
  int id = 0;
  const auto open_both = [&](std::set<std::string> rebuild) {
    auto counts = std::make_shared<CountingProjection>(1, "counts");
    auto sibling = std::make_shared<CountingProjection>(1, "counts2");  // "counts" is its prefix
    RocksDbEventStore::Options options;
    options.directory = dir.path();
    options.hooks = {std::make_shared<ProjectionHost>(
        std::vector<std::shared_ptr<projections::Projection>>{counts, sibling}, std::move(rebuild))};
    auto store = RocksDbEventStore::open(std::move(options));
    REQUIRE(store.ok());
    return std::make_tuple(counts, sibling, std::move(store).value());
  };
  std::vector<std::pair<std::string, std::string>> sibling_state;
  {
    auto [counts, sibling, store] = open_both({});
    append(*store, "case-A", 2, id);
    append(*store, "case-B", 3, id);
    sibling_state = store->scan_state("counts2/", 100).value();
  }
  auto [counts, sibling, store] = open_both({"counts"});
  CHECK(counts->applied == 5);
  CHECK(sibling->applied == 0);
  CHECK(state(*store, "counts/case-A") == "2");
  CHECK(state(*store, "counts/case-B") == "3");
  CHECK(store->scan_state("counts/", 100).value().size() == 2);
  CHECK(store->scan_state("counts2/", 100).value() == sibling_state);
  CHECK(sibling_state.size() == 2);
  CHECK(state(*store, ProjectionHost::checkpoint_key("counts2")) == "1 5");
}

TEST_CASE("a rebuilt RebuildFlush projection flushes once per page, writing at the last one",
          "[projections]") {
  testing::TempDir dir;
  int id = 0;
  {
    // Given 12,000 events (replay pages of 1,000, 2,000, 4,000 and the last 5,000) written live,
    // in appends of 1,000
    auto live = std::make_shared<HoldingProjection>();
    auto store = open_holding(dir.path(), live, {});
    REQUIRE(store.ok());
    for (int i = 0; i < 12; ++i) append(**store, "case-" + std::to_string(i % 3), 1000, id);
    // (live groups call flush(), never flush_rebuild())
    CHECK(live->flushes == 12);
    CHECK(live->rebuild_flushes.empty());
  }
  // When it is rebuilt
  auto rebuilt = std::make_shared<HoldingProjection>();
  auto store = open_holding(dir.path(), rebuilt, {"held"});
  REQUIRE(store.ok());
  // Then flush_rebuild() ran after each page, `last` on the fourth, and flush() never
  CHECK(rebuilt->applied == 12000);
  CHECK(rebuilt->rebuild_flushes == std::vector<bool>{false, false, false, true});
  CHECK(rebuilt->flushes == 0);
  CHECK(state(**store, "held/case-2") == "4000");
  CHECK(state(**store, ProjectionHost::checkpoint_key("held")) == "1 12000");
}

// A store at dir holding 12,000 events over three cases, written with the holding projection.
void log_of_12000_events(const testing::TempDir& dir) {
  int id = 0;
  auto store = open_holding(dir.path(), std::make_shared<HoldingProjection>(), {});
  REQUIRE(store.ok());
  for (int i = 0; i < 12; ++i) append(**store, "case-" + std::to_string(i % 3), 1000, id);
}

TEST_CASE("a rebuild that stops before its last page leaves no checkpoint, so it starts again",
          "[projections]") {
  testing::TempDir dir;
  log_of_12000_events(dir);
  // Given a rebuild that fails on the last page (the three before it were committed)
  {
    auto failing = std::make_shared<HoldingProjection>(11000);
    auto store = open_holding(dir.path(), failing, {"held"});
    REQUIRE_FALSE(store.ok());
    CHECK(failing->rebuild_flushes == std::vector<bool>{false, false, false});
  }
  // When the store is opened again without a rebuild request
  auto again = std::make_shared<HoldingProjection>();
  auto store = open_holding(dir.path(), again, {});
  REQUIRE(store.ok());
  // Then the missing checkpoint makes it rebuild from position 1 (not resume on partial state)
  CHECK(again->applied == 12000);
  CHECK(again->rebuild_flushes == std::vector<bool>{false, false, false, true});
  CHECK(state(**store, "held/case-0") == "4000");
  CHECK(state(**store, ProjectionHost::checkpoint_key("held")) == "1 12000");
}

TEST_CASE("a rebuild that fails in its last flush after another projection's writes were "
          "committed leaves no checkpoint, so both start again",
          "[projections]") {
  testing::TempDir dir;
  log_of_12000_events(dir);
  // Given two rebuilt projections; the first one's last writes are committed (on their own, as
  // soon as it has flushed) before the second one's last flush fails
  {
    auto first = std::make_shared<HoldingProjection>(0, "held");
    auto failing = std::make_shared<HoldingProjection>(0, "other", true);
    auto store = open_holding(dir.path(), {first, failing}, {"held", "other"});
    REQUIRE_FALSE(store.ok());
    CHECK(failing->rebuild_flushes == std::vector<bool>{false, false, false, true});
  }
  {
    // (read without hooks: the first one's state is there, no checkpoint claims it)
    auto raw = RocksDbEventStore::open({.directory = dir.path()});
    REQUIRE(raw.ok());
    CHECK(state(**raw, "held/case-0") == "4000");
    CHECK(state(**raw, ProjectionHost::checkpoint_key("held")) == "<none>");
    CHECK(state(**raw, ProjectionHost::checkpoint_key("other")) == "<none>");
  }
  // When the store is opened again without a rebuild request
  auto held = std::make_shared<HoldingProjection>(0, "held");
  auto other = std::make_shared<HoldingProjection>(0, "other");
  auto store = open_holding(dir.path(), {held, other}, {});
  REQUIRE(store.ok());
  // Then both rebuild from position 1 and end with their checkpoints
  CHECK(held->applied == 12000);
  CHECK(other->applied == 12000);
  CHECK(state(**store, "other/case-1") == "4000");
  CHECK(state(**store, ProjectionHost::checkpoint_key("held")) == "1 12000");
  CHECK(state(**store, ProjectionHost::checkpoint_key("other")) == "1 12000");
}
