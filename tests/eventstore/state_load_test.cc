// A catch-up's load (StateWriters::load) on a real store: sorted writes added whole as a table
// file, read back like committed ones; refused out of order with nothing added; writes committed
// before it on disk when it shows, across a power loss; the loading directory cleared at open.
// And the end of a catch-up: its batches durable once open returns, across a power loss; a
// failure to switch the state family's compactions back on stops the store.
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <thread>

#include "eventstore/rocksdb/rocksdb_event_store.h"
#include "store_fixture.h"
#include "support/fault_injection_fs.h"
#include "support/power_loss_fs.h"
#include "support/temp_dir.h"

using namespace gongkai;
using eventstore::CommitBatch;
using eventstore::RocksDbEventStore;
using eventstore::StateWriters;

namespace {

// A hook whose catch-up is the test's.
class CatchUpHook final : public eventstore::CommitHook {
 public:
  using Body = std::function<eventstore::Status(const StateWriters&)>;
  explicit CatchUpHook(Body body) : body_(std::move(body)) {}
  void on_commit(const std::vector<eventstore::RecordedEvent>&, CommitBatch&) override {}
  eventstore::Status catch_up(const eventstore::EventStore&, const StateWriters& writers) override {
    return body_(writers);
  }

 private:
  Body body_;
};

eventstore::Result<std::unique_ptr<RocksDbEventStore>> open_catching_up(
    const std::filesystem::path& dir, CatchUpHook::Body body,
    std::shared_ptr<rocksdb::Env> env = nullptr) {
  return RocksDbEventStore::open(
      {.directory = dir, .hooks = {std::make_shared<CatchUpHook>(std::move(body))}, .env = env});
}

std::string state(const eventstore::EventStore& store, const std::string& key) {
  auto value = store.get_state(key);
  return value.ok() ? *value : "<none>";
}

std::size_t files_in(const std::filesystem::path& dir) {
  if (!std::filesystem::exists(dir)) return 0;
  return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(dir),
                                                std::filesystem::directory_iterator()));
}

}  // namespace

TEST_CASE("a load adds its sorted writes whole, after the batches committed before it",
          "[eventstore][state-load]") {
  testing::TempDir dir;
  auto store = open_catching_up(dir.path(), [](const StateWriters& writers) {
    auto written = writers.write([](CommitBatch& batch) {
      batch.put("p/a", "from a batch");
      batch.put("p/b", "from a batch");
    });
    if (!written.ok()) return written;
    return writers.load([](CommitBatch& batch) {
      batch.remove("p/a");
      batch.put("p/b", "loaded");
      batch.put("p/c", "loaded");
    });
  });
  REQUIRE(store.ok());
  CHECK(state(**store, "p/a") == "<none>");
  CHECK(state(**store, "p/b") == "loaded");
  CHECK(state(**store, "p/c") == "loaded");
  const auto scanned = (*store)->scan_state("p/", 10);
  REQUIRE(scanned.ok());
  CHECK(scanned->size() == 2);
  // (the table file was moved into the store, not left behind)
  CHECK(files_in(dir.path() / "loading") == 0);
}

TEST_CASE("a load with a key out of order fails, adds nothing and leaves no file",
          "[eventstore][state-load]") {
  testing::TempDir dir;
  eventstore::Status loaded;
  auto store = open_catching_up(dir.path(), [&loaded](const StateWriters& writers) {
    loaded = writers.load([](CommitBatch& batch) {
      batch.put("p/b", "1");
      batch.put("p/a", "2");  // before the key written before it
    });
    return eventstore::Status{};
  });
  REQUIRE(store.ok());
  CHECK(loaded.code() == domain::Code::unavailable);
  CHECK(loaded.message().find("loading projection state") != std::string::npos);
  CHECK(state(**store, "p/b") == "<none>");
  CHECK(files_in(dir.path() / "loading") == 0);
}

TEST_CASE("a load with nothing in it adds nothing and succeeds", "[eventstore][state-load]") {
  testing::TempDir dir;
  eventstore::Status loaded = domain::internal_error("not_called", "the load was not called");
  auto store = open_catching_up(dir.path(), [&loaded](const StateWriters& writers) {
    loaded = writers.load([](CommitBatch&) {});
    return loaded;
  });
  REQUIRE(store.ok());
  CHECK(loaded.ok());
  CHECK(files_in(dir.path() / "loading") == 0);
}

TEST_CASE("a file a crashed load left in the loading directory is removed at open",
          "[eventstore][state-load]") {
  testing::TempDir dir;
  REQUIRE(RocksDbEventStore::open({.directory = dir.path()}).ok());
  std::filesystem::create_directories(dir.path() / "loading");
  std::ofstream(dir.path() / "loading" / "state-1.sst") << "half a table";
  REQUIRE(RocksDbEventStore::open({.directory = dir.path()}).ok());
  CHECK(files_in(dir.path() / "loading") == 0);
}

TEST_CASE("after a power loss right after a load, the batches committed before it are there too",
          "[eventstore][state-load][crash]") {
  testing::TempDir dir;
  auto [fs, env] = testing::PowerLossFileSystem::make_env();
  const auto came_back = dir.path() / "after";
  // Given a catch-up that commits a batch (to the WAL, unsynced), then loads, and the power fails
  // as soon as the load returns
  eventstore::Status loaded;
  auto store = open_catching_up(
      dir.path() / "store",
      [&](const StateWriters& writers) {
        auto written =
            writers.write([](CommitBatch& batch) { batch.put("a/before", "committed first"); });
        if (!written.ok()) return written;
        loaded = writers.load([](CommitBatch& batch) { batch.put("b/loaded", "loaded second"); });
        fs->cut(dir.path() / "store", came_back);
        return loaded;
      },
      env);
  REQUIRE(loaded.ok());
  // When the disk as it came back is opened
  auto after = RocksDbEventStore::open({.directory = came_back});
  REQUIRE(after.ok());
  // Then the load is there, and so is the batch committed before it
  CHECK(state(**after, "b/loaded") == "loaded second");
  CHECK(state(**after, "a/before") == "committed first");
}

TEST_CASE("after a power loss right after open, the catch-up's batches are there",
          "[eventstore][state-load][crash]") {
  testing::TempDir dir;
  auto [fs, env] = testing::PowerLossFileSystem::make_env();
  const auto came_back = dir.path() / "after";
  // Given a catch-up that commits two batches (to the WAL, unsynced) and loads nothing
  auto store = open_catching_up(
      dir.path() / "store",
      [](const StateWriters& writers) {
        auto first = writers.write([](CommitBatch& batch) { batch.put("a/first", "1"); });
        if (!first.ok()) return first;
        return writers.write([](CommitBatch& batch) { batch.put("a/second", "2"); });
      },
      env);
  REQUIRE(store.ok());
  // When the power fails as soon as the store is open
  fs->cut(dir.path() / "store", came_back);
  // Then the disk as it came back holds both: open synced the WAL before it returned
  auto after = RocksDbEventStore::open({.directory = came_back});
  REQUIRE(after.ok());
  CHECK(state(**after, "a/first") == "1");
  CHECK(state(**after, "a/second") == "2");
}

TEST_CASE("a failure to switch compactions back on after a catch-up stops the store",
          "[eventstore][state-load][failstop]") {
  testing::TempDir dir;
  auto [fs, env] = testing::FaultInjectionFileSystem::make_env();
  // Given a catch-up after whose writes every file creation fails: the next is the OPTIONS file
  // that switching the state family's compactions back on writes, on its own thread
  auto store = open_catching_up(
      dir.path(),
      [fs = fs](const StateWriters& writers) {
        auto written = writers.write([](CommitBatch& batch) { batch.put("p/a", "caught up"); });
        fs->arm({.op = testing::FaultOp::create_or_rename, .k = 1, .persistent = true});
        return written;
      },
      env);
  // Then the store opens (what it caught up is durable) and stops once that switch has failed
  REQUIRE(store.ok());
  CHECK(state(**store, "p/a") == "caught up");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while ((*store)->health().ok() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  CHECK(fs->first_failure().find("OPTIONS") != std::string::npos);
  INFO((*store)->health().message());
  CHECK((*store)->health().code() == domain::Code::unavailable);
  auto appended = (*store)->append(
      testing::request("case-A", eventstore::ExpectedVersion::any(), {testing::event("e-1")}));
  CHECK(appended.status().reason() == "store_stopped");
  // And a reopen on a healthy disk switches them on and takes appends again
  fs->disarm();
  store->reset();
  auto reopened = RocksDbEventStore::open({.directory = dir.path(), .env = env});
  REQUIRE(reopened.ok());
  CHECK(state(**reopened, "p/a") == "caught up");
  CHECK((*reopened)->health().ok());
}
