// How a rebuild commits a projection's writes (ProjectionHost::catch_up): held across pages until
// there are enough to load as one sorted table file (StateWriters::load), the rest committed in
// batches at the last page, and the checkpoint only after both.
#include <catch2/catch.hpp>
#include <cstdio>
#include <mutex>
#include <string>
#include <vector>

#include "eventstore/rocksdb/rocksdb_event_store.h"
#include "projections/projection_host.h"
#include "support/temp_dir.h"

using namespace gongkai;
using eventstore::CommitBatch;
using projections::ProjectionHost;

namespace {

// One key per event: its position, zero-padded so that keys sort like positions.
class PositionsProjection final : public projections::Projection {
 public:
  std::string_view name() const override { return "positions"; }
  int version() const override { return 1; }
  void apply(const eventstore::RecordedEvent& event, projections::StateWriter& state) override {
    char key[24];
    std::snprintf(key, sizeof key, "%08llu", static_cast<unsigned long long>(event.position));
    state.put(key, event.stream);
  }
};

// What the catch-up committed, in order: each batch and each load, with its keys.
struct Commit {
  bool load = false;
  std::vector<std::string> keys;
};

class RecordingBatch final : public CommitBatch {
 public:
  explicit RecordingBatch(Commit& commit) : commit_(commit) {}
  void put(std::string_view key, std::string_view) override { commit_.keys.emplace_back(key); }
  void remove(std::string_view key) override { commit_.keys.emplace_back(key); }

 private:
  Commit& commit_;
};

struct Recorder {
  std::mutex mutex;  // the host commits from the replay pool's threads
  std::vector<Commit> commits;

  eventstore::StateBatchWriter writer(bool load) {
    return [this, load](const std::function<void(CommitBatch&)>& fill) {
      Commit commit{load, {}};
      RecordingBatch batch(commit);
      fill(batch);
      const std::lock_guard lock(mutex);
      commits.push_back(std::move(commit));
      return eventstore::Status{};
    };
  }
};

bool ascending(const std::vector<std::string>& keys) {
  for (std::size_t i = 1; i < keys.size(); ++i) {
    if (!(keys[i - 1] < keys[i])) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("a rebuild holds a projection's writes across pages and loads them once there are many",
          "[projections][rebuild]") {
  testing::TempDir dir;
  auto store = eventstore::RocksDbEventStore::open({.directory = dir.path(), .sync_writes = false});
  REQUIRE(store.ok());
  // Given 10,000 events: replay pages of 1,000, 2,000, 4,000 and the last 3,000
  for (int group = 0; group < 10; ++group) {
    eventstore::AppendRequest request;
    request.stream = "s-" + std::to_string(group);
    for (int i = 0; i < 1000; ++i) {
      request.events.push_back({"ev-" + std::to_string(group) + "-" + std::to_string(i),
                                "test.happened.v1", "{}", "system", "", "",
                                eventstore::Instant::from_unix_seconds(0)});
    }
    REQUIRE((*store)->append(std::move(request)).ok());
  }
  // When a projection writing one key per event is rebuilt on it
  Recorder recorder;
  ProjectionHost host({std::make_shared<PositionsProjection>()}, {"positions"});
  REQUIRE(host.catch_up(**store, {.write = recorder.writer(false), .load = recorder.writer(true)})
              .ok());
  // Then the old checkpoint is removed first; nothing more is committed until the third page,
  // whose 7,000 writes are loaded whole, in key order (the first 7,000 positions)
  std::vector<Commit> commits;
  for (Commit& commit : recorder.commits) {
    if (!commit.keys.empty()) commits.push_back(std::move(commit));
  }
  REQUIRE(commits.size() >= 4);
  const std::vector<std::string> checkpoint{ProjectionHost::checkpoint_key("positions")};
  CHECK_FALSE(commits[0].load);
  CHECK(commits[0].keys == checkpoint);
  const Commit& loaded = commits[1];
  CHECK(loaded.load);
  CHECK(loaded.keys.size() == 7000);
  CHECK(ascending(loaded.keys));
  CHECK(loaded.keys.front() == "positions/00000001");
  CHECK(loaded.keys.back() == "positions/00007000");
  // the last page's 3,000 (fewer than a load takes) go in batches, and the checkpoint after them
  std::size_t batched = 0;
  for (std::size_t i = 2; i + 1 < commits.size(); ++i) {
    CHECK_FALSE(commits[i].load);
    batched += commits[i].keys.size();
  }
  CHECK(batched == 3000);
  CHECK_FALSE(commits.back().load);
  CHECK(commits.back().keys == checkpoint);
}
