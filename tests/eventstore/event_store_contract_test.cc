// The EventStore contract (eventstore/event_store.h) on the RocksDB store: appends with expected
// versions, positions, reads, idempotency, validation refusals and subscriptions.
#include <catch2/catch.hpp>
#include <atomic>
#include <thread>

#include "eventstore/subscription.h"
#include "store_fixture.h"

using namespace gongkai::testing;
using gongkai::domain::Code;

TEST_CASE("appends events atomically and gives gap-free positions", "[eventstore]") {
  TempDir dir;
  auto store = open_store(dir.path());
  auto first = store->append(request("case-A", ExpectedVersion::no_stream(),
                                     {event("e1"), event("e2", R"({"n":2})")}));
  REQUIRE(first.ok());
  CHECK(first->first_position == 1);
  CHECK(first->last_position == 2);
  CHECK(first->stream_version == 2);
  CHECK_FALSE(first->replayed);

  auto second = store->append(request("case-B", ExpectedVersion::any(), {event("e3")}));
  REQUIRE(second.ok());
  CHECK(second->first_position == 3);
  CHECK(second->stream_version == 1);
  CHECK(store->head_position() == 3);

  auto all = store->read_all(1, 100);
  REQUIRE(all.ok());
  REQUIRE(all->size() == 3);
  CHECK(all->at(0).event_id == "e1");
  CHECK(all->at(1).version == 2);
  CHECK(all->at(1).data_json == R"({"n":2})");
  CHECK(all->at(2).stream == "case-B");
  CHECK(all->at(0).recorded_at.unix_seconds() == 1'614'556'800);
  CHECK(all->at(0).actor == "user:1");
  CHECK(all->at(0).correlation_id == "corr-1");
}

TEST_CASE("a version mismatch is a conflict and writes nothing", "[eventstore]") {
  TempDir dir;
  auto store = open_store(dir.path());
  REQUIRE(store->append(request("case-A", ExpectedVersion::no_stream(), {event("e1")})).ok());

  SECTION("no_stream on an existing stream") {
    auto result = store->append(request("case-A", ExpectedVersion::no_stream(), {event("e2")}));
    REQUIRE_FALSE(result.ok());
    CHECK(result.status().code() == Code::conflict);
    CHECK(result.status().reason() == "version_conflict");
  }
  SECTION("an exact version that is stale") {
    auto result = store->append(request("case-A", ExpectedVersion::exactly(0), {event("e2")}));
    CHECK(result.status().code() == Code::conflict);
  }
  SECTION("an exact version from the future") {
    auto result = store->append(request("case-A", ExpectedVersion::exactly(5), {event("e2")}));
    CHECK(result.status().code() == Code::conflict);
  }
  CHECK(store->head_position() == 1);
  CHECK(store->stream_version("case-A").value() == 1);
  auto retry = store->append(request("case-A", ExpectedVersion::exactly(1), {event("e2")}));
  REQUIRE(retry.ok());
  CHECK(retry->first_position == 2);  // the refused append left no gap
}

TEST_CASE("reads a stream forwards from a version and backwards from the end", "[eventstore]") {
  TempDir dir;
  auto store = open_store(dir.path());
  for (int i = 1; i <= 5; ++i) {
    REQUIRE(store->append(request("case-A", ExpectedVersion::any(),
                                  {event("a" + std::to_string(i))}))
                .ok());
    REQUIRE(store->append(request("case-AB", ExpectedVersion::any(),
                                  {event("b" + std::to_string(i))}))
                .ok());
  }
  auto forward = store->read_stream_forward("case-A", 3, 10);
  REQUIRE(forward.ok());
  REQUIRE(forward->size() == 3);
  CHECK(forward->front().version == 3);
  CHECK(forward->back().event_id == "a5");  // the prefix-sharing stream case-AB is not mixed in

  auto backward = store->read_stream_backward("case-A", gongkai::eventstore::kEndOfStream, 2);
  REQUIRE(backward.ok());
  REQUIRE(backward->size() == 2);
  CHECK(backward->at(0).version == 5);
  CHECK(backward->at(1).version == 4);

  auto from_middle = store->read_stream_backward("case-A", 2, 10);
  REQUIRE(from_middle->size() == 2);
  CHECK(from_middle->at(0).version == 2);

  CHECK(store->read_stream_forward("case-none", 1, 10)->empty());
  CHECK(store->stream_version("case-none").value() == 0);
  CHECK(store->read_all(7, 2)->front().position == 7);
  CHECK(store->read_all(7, 2)->size() == 2);
  CHECK(store->read_all(11, 5)->empty());
}

namespace {
bool same_event(const gongkai::eventstore::RecordedEvent& a,
                const gongkai::eventstore::RecordedEvent& b) {
  return a.position == b.position && a.stream == b.stream && a.version == b.version &&
         a.event_id == b.event_id && a.type == b.type && a.recorded_at == b.recorded_at &&
         a.actor == b.actor && a.correlation_id == b.correlation_id &&
         a.causation_id == b.causation_id && a.data_json == b.data_json &&
         a.prev_hash == b.prev_hash && a.stream_prev_hash == b.stream_prev_hash &&
         a.hash == b.hash;
}
}  // namespace

TEST_CASE("reading the log into a page that held other events gives exactly the events read",
          "[eventstore]") {
  TempDir dir;
  auto store = open_store(dir.path());
  // Longer data and ids first, so that later reads overwrite longer strings with shorter ones.
  REQUIRE(store->append(request("case-long-stream-name", ExpectedVersion::any(),
                                {event("a-long-event-id-1", R"({"text":"0123456789012345678"})"),
                                 event("a-long-event-id-2", R"({"text":"abcdefghijklmnopq"})")}))
              .ok());
  REQUIRE(store->append(request("case-B", ExpectedVersion::any(),
                                {event("b1"), event("b2", R"({"n":2})"), event("b3", "{}")}))
              .ok());
  std::vector<gongkai::eventstore::RecordedEvent> page;
  REQUIRE(store->read_all(1, 100, page).ok());
  REQUIRE(page.size() == 5);

  for (const std::uint64_t from : {3, 1, 4, 6}) {
    auto fresh = store->read_all(from, 2);
    REQUIRE(fresh.ok());
    REQUIRE(store->read_all(from, 2, page).ok());
    REQUIRE(page.size() == fresh->size());
    for (std::size_t i = 0; i < page.size(); ++i) {
      CHECK(same_event(page[i], fresh->at(i)));
      CHECK(page[i].data_checked());
    }
  }
  CHECK(page.empty());  // from 6: past the head
  REQUIRE(store->read_all(2, 0, page).ok());
  CHECK(page.empty());
}

TEST_CASE("re-appending stored event ids returns the original result", "[eventstore]") {
  TempDir dir;
  auto store = open_store(dir.path());
  auto original = store->append(request("case-A", ExpectedVersion::no_stream(),
                                        {event("e1"), event("e2")}));
  REQUIRE(original.ok());
  // A retry after a lost answer: the expected version no longer holds, yet it is not a conflict.
  auto again = store->append(request("case-A", ExpectedVersion::no_stream(),
                                     {event("e1"), event("e2")}));
  REQUIRE(again.ok());
  CHECK(again->replayed);
  CHECK(again->first_position == original->first_position);
  CHECK(again->last_position == original->last_position);
  CHECK(again->stream_version == 2);
  CHECK(store->head_position() == 2);

  SECTION("a mix of stored and new ids is refused") {
    auto mixed = store->append(request("case-A", ExpectedVersion::any(),
                                       {event("e2"), event("e3")}));
    CHECK(mixed.status().reason() == "event_id_reused");
  }
  SECTION("a stored id in another stream is refused") {
    auto other = store->append(request("case-B", ExpectedVersion::any(), {event("e1")}));
    CHECK(other.status().reason() == "event_id_reused");
  }
  CHECK(store->head_position() == 2);
}

TEST_CASE("an idempotency key answers the same request and refuses another", "[eventstore]") {
  TempDir dir;
  auto store = open_store(dir.path());
  auto keyed = [](std::string id, std::string data, std::string fingerprint) {
    auto r = request("case-A", ExpectedVersion::any(), {event(std::move(id), std::move(data))});
    r.idempotency_key = "key-1";
    r.request_fingerprint = std::move(fingerprint);
    return r;
  };
  auto first = store->append(keyed("e1", R"({"n":1})", "POST /cases/A/add-note {\"text\":1}"));
  REQUIRE(first.ok());
  // The key finds what its append stored (without reading the stream); another key finds nothing.
  auto found = store->find_idempotent_append("key-1");
  REQUIRE(found.ok());
  REQUIRE(found->has_value());
  CHECK((*found)->stream == "case-A");
  CHECK((*found)->first_position == first->first_position);
  CHECK((*found)->last_position == first->last_position);
  CHECK((*found)->stream_version == first->stream_version);
  CHECK((*found)->replayed);
  CHECK_FALSE(store->find_idempotent_append("key-unknown")->has_value());
  // Same request, freshly generated event id: answered from the key, nothing appended.
  auto retry = store->append(keyed("e2", R"({"n":1})", "POST /cases/A/add-note {\"text\":1}"));
  REQUIRE(retry.ok());
  CHECK(retry->replayed);
  CHECK(retry->last_position == first->last_position);
  CHECK(store->head_position() == 1);

  auto other = store->append(keyed("e3", R"({"n":2})", "POST /cases/A/add-note {\"text\":2}"));
  REQUIRE_FALSE(other.ok());
  CHECK(other.status().reason() == "idempotency_key_reused");
  CHECK(store->head_position() == 1);

  SECTION("without a caller fingerprint, the request content is the fingerprint") {
    auto same = keyed("e4", R"({"n":1})", "");
    same.idempotency_key = "key-2";
    REQUIRE(store->append(same).ok());
    auto same_again = keyed("e5", R"({ "n" : 1 })", "");  // same data, other spelling
    same_again.idempotency_key = "key-2";
    CHECK(store->append(same_again)->replayed);
    auto changed = keyed("e6", R"({"n":9})", "");
    changed.idempotency_key = "key-2";
    CHECK(store->append(changed).status().reason() == "idempotency_key_reused");
  }
}

TEST_CASE("refuses malformed appends with a specific reason and writes nothing", "[eventstore]") {
  TempDir dir;
  auto store = open_store(dir.path());
  auto refused = [&](gongkai::eventstore::AppendRequest r) {
    auto result = store->append(std::move(r));
    REQUIRE_FALSE(result.ok());
    CHECK(result.status().code() == Code::invalid_argument);
    return result.status().reason();
  };
  CHECK(refused(request("", ExpectedVersion::any(), {event("e1")})) == "invalid_stream_name");
  CHECK(refused(request(std::string("a\0b", 3), ExpectedVersion::any(), {event("e1")})) ==
        "invalid_stream_name");
  CHECK(refused(request("case-A", ExpectedVersion::any(), {})) == "no_events");
  CHECK(refused(request("case-A", ExpectedVersion::any(), {event("e1"), event("e1")})) ==
        "duplicate_event_id");
  CHECK(refused(request("case-A", ExpectedVersion::any(), {event("")})) == "invalid_event_id");
  CHECK(refused(request("case-A", ExpectedVersion::any(), {event("e 1")})) == "invalid_event_id");
  CHECK(refused(request("case-A", ExpectedVersion::any(),
                        {event("e1", "{}", "CaseRegistered")})) == "invalid_event_type");
  CHECK(refused(request("case-A", ExpectedVersion::any(), {event("e1", "{\"n\":")})) ==
        "malformed_json");
  CHECK(refused(request("case-A", ExpectedVersion::any(), {event("e1", "[1,2]")})) ==
        "data_not_object");
  CHECK(refused(request("case-A", ExpectedVersion::any(),
                        {event("e1", "{\"s\":\"\xff\xfe\"}")})) == "invalid_utf8");
  CHECK(refused(request("case-A", ExpectedVersion::any(),
                        {event("e1", "{\"a\":" + std::string(70, '[') + std::string(70, ']') +
                                         "}")})) == "json_too_deep");
  auto keyed = request("case-A", ExpectedVersion::any(), {event("e1")});
  keyed.idempotency_key = std::string(129, 'k');
  CHECK(refused(keyed) == "invalid_idempotency_key");
  CHECK(store->head_position() == 0);
}

TEST_CASE("stores event data in canonical form", "[eventstore]") {
  TempDir dir;
  auto store = open_store(dir.path());
  REQUIRE(store->append(request("case-A", ExpectedVersion::any(),
                                {event("e1", "{ \"b\": [1, 2],\n \"a\": \"申请\" }")}))
              .ok());
  CHECK(store->read_all(1, 1)->front().data_json == R"({"a":"申请","b":[1,2]})");
}

TEST_CASE("a subscription catches up, then follows new commits without gaps", "[eventstore]") {
  TempDir dir;
  auto store = open_store(dir.path());
  for (int i = 1; i <= 5; ++i) {
    REQUIRE(store->append(request("case-A", ExpectedVersion::any(),
                                  {event("e" + std::to_string(i))}))
                .ok());
  }
  gongkai::eventstore::Subscription subscription(*store, 2);
  auto caught_up = subscription.next(2, std::chrono::milliseconds(0));
  REQUIRE(caught_up->size() == 2);
  CHECK(caught_up->front().position == 3);
  CHECK(subscription.next(10, std::chrono::milliseconds(0))->front().position == 5);
  CHECK(subscription.next(10, std::chrono::milliseconds(0))->empty());  // nothing new: timeout

  std::atomic<int> failed_appends{0};  // Catch2 assertions are for the test's own thread
  std::thread writer([&] {
    for (int i = 6; i <= 40; ++i) {
      if (!store->append(request("case-B", ExpectedVersion::any(), {event("e" + std::to_string(i))}))
               .ok()) {
        ++failed_appends;
      }
    }
  });
  std::uint64_t expected = 6;
  while (expected <= 40) {
    auto batch = subscription.next(7, std::chrono::seconds(10));
    REQUIRE(batch.ok());
    REQUIRE_FALSE(batch->empty());
    for (const auto& e : *batch) CHECK(e.position == expected++);
  }
  writer.join();
  CHECK(failed_appends == 0);
  CHECK(subscription.position() == 40);
}

TEST_CASE("commit hooks write in the same batch as the events", "[eventstore]") {
  struct CountingHook : gongkai::eventstore::CommitHook {
    std::uint64_t seen = 0;
    void on_commit(const std::vector<gongkai::eventstore::RecordedEvent>& events,
                   gongkai::eventstore::CommitBatch& batch) override {
      for (const auto& e : events) {
        ++seen;
        batch.put("count/" + e.stream, std::to_string(e.version));
      }
      batch.put("checkpoint", std::to_string(events.back().position));
    }
  };
  TempDir dir;
  auto hook = std::make_shared<CountingHook>();
  {
    RocksDbEventStore::Options options;
    options.hooks = {hook};
    auto store = open_store(dir.path(), options);
    REQUIRE(store->append(request("case-A", ExpectedVersion::any(), {event("e1"), event("e2")}))
                .ok());
    REQUIRE(store->append(request("case-B", ExpectedVersion::any(), {event("e3")})).ok());
    // A refused append reaches no hook.
    REQUIRE_FALSE(store->append(request("case-B", ExpectedVersion::no_stream(), {event("e4")})).ok());
    CHECK(hook->seen == 3);
  }
  auto store = open_store(dir.path());
  CHECK(store->get_state("checkpoint").value() == "3");
  CHECK(store->get_state("count/case-A").value() == "2");
  CHECK(store->get_state("missing").status().code() == Code::not_found);
  auto scanned = store->scan_state("count/", 10);
  REQUIRE(scanned->size() == 2);
  CHECK(scanned->at(1).first == "count/case-B");
  // Paging: after a key, the keys that follow it (the key itself excluded), within the prefix.
  auto after_a = store->scan_state_after("count/", "case-A", 10);
  REQUIRE(after_a->size() == 1);
  CHECK(after_a->at(0).first == "count/case-B");
  CHECK(store->scan_state_after("count/", "case-B", 10)->empty());
  CHECK(store->scan_state_after("count/", "case-", 10)->size() == 2);
}

TEST_CASE("visit_state reads its ranges in turn, from one snapshot", "[eventstore][state]") {
  struct CountingHook : gongkai::eventstore::CommitHook {
    void on_commit(const std::vector<gongkai::eventstore::RecordedEvent>& events,
                   gongkai::eventstore::CommitBatch& batch) override {
      for (const auto& e : events) batch.put("count/" + e.stream, std::to_string(e.version));
      batch.put("checkpoint", std::to_string(events.back().position));
    }
  };
  TempDir dir;
  RocksDbEventStore::Options options;
  options.hooks = {std::make_shared<CountingHook>()};
  auto store = open_store(dir.path(), options);
  REQUIRE(
      store->append(request("case-A", ExpectedVersion::any(), {event("e1"), event("e2")})).ok());
  REQUIRE(store->append(request("case-B", ExpectedVersion::any(), {event("e3")})).ok());
  REQUIRE(store->append(request("case-C", ExpectedVersion::any(), {event("e4")})).ok());
  // The checkpoint, the counts after case-A, and the counts from the first until case-A's, with
  // a commit landing while the first range is read.
  const gongkai::eventstore::StateRange ranges[] = {
      {"checkpoint", ""}, {"count/", "case-A"}, {"count/", ""}};
  std::vector<std::string> seen;
  bool appended = false;
  auto status = store->visit_state(
      ranges, [&](std::size_t range, std::string_view key, std::string_view value) {
        seen.push_back(std::to_string(range) + " " + std::string(key) + "=" + std::string(value));
        if (!appended) {
          appended = true;
          REQUIRE(store->append(request("case-D", ExpectedVersion::any(), {event("e5")})).ok());
        }
        return !(range == 2 && key == "count/case-A");
      });
  REQUIRE(status.ok());
  // The commit made meanwhile shows in no range; the last range stopped where its visitor said.
  CHECK(seen == std::vector<std::string>{"0 checkpoint=4", "1 count/case-B=1", "1 count/case-C=1",
                                         "2 count/case-A=2"});
  CHECK(store->get_state("count/case-D").value() == "1");
  CHECK(store->get_state("checkpoint").value() == "5");
}
