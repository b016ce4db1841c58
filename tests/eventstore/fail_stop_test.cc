// Fail-stop: after a failed write or sync the store acknowledges nothing more, even once the disk
// is healthy again; what it acknowledged before stays readable and survives a restart.
#include <catch2/catch.hpp>

#include "store_fixture.h"
#include "support/fault_injection_fs.h"

using namespace gongkai::testing;
using gongkai::domain::Code;

TEST_CASE("a failed sync or write stops the store from acknowledging", "[eventstore][failstop]") {
  const bool fail_sync = GENERATE(true, false);
  TempDir dir;
  {
    auto [fs, env] = FaultInjectionFileSystem::make_env();
    RocksDbEventStore::Options options;
    options.env = env;
    auto store = open_store(dir.path(), options);
    REQUIRE(store->append(request("case-A", ExpectedVersion::any(), {event("acked")})).ok());
    CHECK(store->health().ok());

    (fail_sync ? fs->fail_syncs : fs->fail_writes) = true;
    auto failed = store->append(request("case-A", ExpectedVersion::any(), {event("during")}));
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.status().code() == Code::unavailable);
    CHECK(fs->injected > 0);

    // The disk recovers, but the store never retries and acknowledges.
    fs->fail_syncs = false;
    fs->fail_writes = false;
    auto after = store->append(request("case-B", ExpectedVersion::any(), {event("after")}));
    CHECK(after.status().code() == Code::unavailable);
    CHECK(after.status().reason() == "store_stopped");
    CHECK(store->health().code() == Code::unavailable);
    // A refusal that needs no write is still a refusal.
    CHECK(store->append(request("", ExpectedVersion::any(), {event("x")})).status().code() ==
          Code::invalid_argument);
    // Reads of what was acknowledged keep working.
    auto read = store->read_all(1, 10);
    REQUIRE(read.ok());
    CHECK(read->front().event_id == "acked");
    CHECK(store->head_position() == 1);
  }
  // A restart on a healthy disk recovers: the acknowledged event is there, the chain verifies,
  // and appends are accepted again.
  auto store = open_store(dir.path());
  auto ids = store->read_all(1, 10).value();
  REQUIRE_FALSE(ids.empty());
  CHECK(ids.front().event_id == "acked");
  for (const auto& e : ids) CHECK(e.event_id != "after");
  CHECK(store->verify_log().ok);
  CHECK(store->append(request("case-C", ExpectedVersion::any(), {event("later")})).ok());
}

TEST_CASE("a commit hook that throws stops the store", "[eventstore][failstop]") {
  struct ThrowingHook : gongkai::eventstore::CommitHook {
    void on_commit(const std::vector<gongkai::eventstore::RecordedEvent>&,
                   gongkai::eventstore::CommitBatch&) override {
      throw std::runtime_error("projection bug");
    }
  };
  TempDir dir;
  RocksDbEventStore::Options options;
  options.hooks = {std::make_shared<ThrowingHook>()};
  auto store = open_store(dir.path(), options);
  auto result = store->append(request("case-A", ExpectedVersion::any(), {event("e1")}));
  CHECK(result.status().code() == Code::unavailable);
  CHECK(store->head_position() == 0);
  CHECK(store->read_all(1, 10)->empty());
}
