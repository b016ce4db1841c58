// Many threads appending at once, to shared and to their own streams, with expected versions:
// exactly one winner per version, positions gap-free, chains valid, and the same after reopen.
#include <catch2/catch.hpp>
#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "store_fixture.h"

using namespace gongkai::testing;
using gongkai::domain::Code;

TEST_CASE("racing appenders: one winner per version, gap-free positions", "[eventstore][concurrency]") {
  constexpr int kThreads = 16;
  constexpr int kAttempts = 150;
  TempDir dir;
  std::map<std::string, std::set<std::uint64_t>> versions_won;
  std::set<std::string> acked_ids;
  std::mutex mutex;
  int conflicts = 0;
  int surprises = 0;  // a second winner for a version, a wrong version, an error other than conflict
  {
    auto store = open_store(dir.path());
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < kAttempts; ++i) {
          // Half the appends race on two shared streams, half go to the thread's own stream.
          const std::string stream = i % 2 == 0 ? "case-shared-" + std::to_string(i % 4)
                                                : "case-own-" + std::to_string(t);
          const auto seen = store->stream_version(stream).value();
          const std::string id = "t" + std::to_string(t) + "-" + std::to_string(i);
          auto result = store->append(request(stream, ExpectedVersion::exactly(seen),
                                              {event(id + "a"), event(id + "b")}));
          // Catch2 assertions are not thread-safe: tally here, assert after the join.
          const std::lock_guard lock(mutex);
          if (result.ok()) {
            if (result->stream_version != seen + 2) ++surprises;
            if (!versions_won[stream].insert(result->stream_version).second) ++surprises;
            acked_ids.insert(id + "a");
            acked_ids.insert(id + "b");
          } else if (result.status().code() == Code::conflict) {
            ++conflicts;
          } else {
            ++surprises;
          }
        }
      });
    }
    for (auto& thread : threads) thread.join();
  }
  auto store = open_store(dir.path());  // everything below also holds after a reopen
  const std::uint64_t head = store->head_position();
  CHECK(head == acked_ids.size());
  CHECK(conflicts > 0);  // the shared streams really were contended
  CHECK(surprises == 0);

  auto all = store->read_all(1, head + 10).value();
  REQUIRE(all.size() == head);
  std::set<std::string> stored_ids;
  for (std::size_t i = 0; i < all.size(); ++i) {
    CHECK(all[i].position == i + 1);
    stored_ids.insert(all[i].event_id);
  }
  CHECK(stored_ids == acked_ids);
  for (const auto& [stream, versions] : versions_won) {
    CHECK(store->stream_version(stream).value() == *versions.rbegin());
    auto events = store->read_stream_forward(stream, 1, 100000).value();
    for (std::size_t i = 0; i < events.size(); ++i) CHECK(events[i].version == i + 1);
    CHECK(store->verify_stream(stream).ok);
  }
  auto report = store->verify_log();
  CHECK(report.ok);
  CHECK(report.events == head);
}

TEST_CASE("reopening restores the head, the last hash and stream versions", "[eventstore]") {
  TempDir dir;
  std::string last_hash;
  {
    auto store = open_store(dir.path());
    REQUIRE(store->append(request("case-A", ExpectedVersion::no_stream(), {event("e1")})).ok());
    REQUIRE(store->append(request("case-A", ExpectedVersion::exactly(1), {event("e2")})).ok());
    last_hash = store->read_all(2, 1)->front().hash;
  }
  auto store = open_store(dir.path());
  CHECK(store->head_position() == 2);
  CHECK(store->stream_version("case-A").value() == 2);
  CHECK(store->append(request("case-A", ExpectedVersion::exactly(1), {event("e3")})).status().code() ==
        Code::conflict);
  auto next = store->append(request("case-A", ExpectedVersion::exactly(2), {event("e3")}));
  REQUIRE(next.ok());
  CHECK(next->first_position == 3);
  CHECK(store->read_all(3, 1)->front().prev_hash == last_hash);
  // Idempotency survives the reopen too.
  CHECK(store->append(request("case-A", ExpectedVersion::no_stream(), {event("e1")}))->replayed);
  CHECK(store->verify_log().ok);
}

TEST_CASE("positions become visible in commit order, never with a hole", "[eventstore][concurrency]") {
  TempDir dir;
  auto store = open_store(dir.path());
  std::atomic<bool> done{false};
  std::atomic<int> failed_appends{0};
  std::vector<std::thread> writers;
  for (int t = 0; t < 4; ++t) {
    writers.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        const std::string id = "w" + std::to_string(t) + "-" + std::to_string(i);
        if (!store->append(request("case-" + std::to_string(t), ExpectedVersion::any(),
                                   {event(id + "a"), event(id + "b"), event(id + "c")}))
                 .ok()) {
          ++failed_appends;
        }
      }
    });
  }
  std::thread stopper([&] {
    for (auto& writer : writers) writer.join();
    done = true;
  });
  int observations = 0;
  while (!done) {
    // Whatever the reader sees is a prefix of the log: every position up to the last one seen.
    auto seen = store->read_all(1, SIZE_MAX).value();
    bool prefix = true;
    for (std::size_t i = 0; i < seen.size(); ++i) prefix = prefix && seen[i].position == i + 1;
    REQUIRE(prefix);
    REQUIRE(seen.size() % 3 == 0);  // and appends are all-or-nothing
    ++observations;
  }
  stopper.join();
  CHECK(observations > 0);
  CHECK(failed_appends == 0);
  CHECK(store->head_position() == 2400);
}
