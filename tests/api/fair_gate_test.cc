// The fair gate: at most N requests inside, the others admitted in arrival order, and a request
// waiting for a synced write (domain::IdleWait) lets another in and then goes on on a borrowed slot.
#include "api/app/fair_gate.h"

#include <catch2/catch.hpp>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

using gongkai::api::app::FairGate;

namespace {

// Spins (yielding, never sleeping) until `done` holds.
template <typename Predicate>
void wait_until(Predicate done) {
  while (!done()) std::this_thread::yield();
}

// Records who got in, in order.
struct Entries {
  std::mutex mutex;
  std::vector<std::string> names;
  void add(std::string name) {
    const std::lock_guard lock(mutex);
    names.push_back(std::move(name));
  }
  std::size_t size() {
    const std::lock_guard lock(mutex);
    return names.size();
  }
};

}  // namespace

TEST_CASE("the fair gate admits at most its slots and queues the rest in arrival order",
          "[api][fair-gate]") {
  // Given a gate of two slots, both taken
  FairGate gate(2);
  std::optional<FairGate::Pass> first(gate.enter());
  std::optional<FairGate::Pass> second(gate.enter());
  // When two more requests arrive, one after the other
  Entries entries;
  std::mutex a_step;
  std::unique_lock hold_a(a_step);  // a keeps its slot until this is released
  std::thread a([&] {
    const auto pass = gate.enter();
    entries.add("a");
    const std::lock_guard go(a_step);
  });
  wait_until([&] { return gate.waiting() == 1; });
  std::thread b([&] {
    const auto pass = gate.enter();
    entries.add("b");
  });
  wait_until([&] { return gate.waiting() == 2; });
  // Then neither is in while the slots are held
  CHECK(entries.size() == 0);
  // And a freed slot goes to the one that arrived first, while the second still waits
  first.reset();
  wait_until([&] { return entries.size() == 1; });
  CHECK(entries.names == std::vector<std::string>{"a"});
  CHECK(gate.waiting() == 1);
  // And the next freed slot goes to the second
  hold_a.unlock();
  a.join();
  b.join();
  CHECK(entries.names == std::vector<std::string>{"a", "b"});
  CHECK(gate.waiting() == 0);
  second.reset();
}

TEST_CASE("a request waiting for a synced write lends its slot and goes on at once after",
          "[api][fair-gate]") {
  // Given a gate of one slot, held by a request that installed its pass for idle waits
  FairGate gate(1);
  Entries entries;
  std::mutex step;
  std::unique_lock hold_write(step);  // the "synced write" lasts until this is released
  std::thread writer([&] {
    auto pass = gate.enter();
    const gongkai::domain::IdleWaitScope scope(pass);
    {
      const gongkai::domain::IdleWait idle;  // what the event store does around its fsync wait
      entries.add("write waits");
      const std::lock_guard written(step);
    }
    entries.add("write goes on");
  });
  wait_until([&] { return entries.size() == 1; });
  // When another request comes while it waits, it gets in (and holds the slot until told)
  std::mutex reader_step;
  std::unique_lock hold_reader(reader_step);
  std::thread reader([&] {
    const auto pass = gate.enter();
    entries.add("reader in");
    const std::lock_guard go(reader_step);
  });
  wait_until([&] { return entries.size() == 2; });
  CHECK(entries.names[1] == "reader in");
  // And a third one queues behind it
  std::thread late([&] {
    const auto pass = gate.enter();
    entries.add("late in");
  });
  wait_until([&] { return gate.waiting() == 1; });
  // Then the writer, its wait over, finishes without waiting for a slot (it may hold a lock the
  // requests inside wait for) ...
  hold_write.unlock();
  writer.join();
  CHECK(entries.names == std::vector<std::string>{"write waits", "reader in", "write goes on"});
  // ... and the slot it borrowed is repaid, not given to the queued request
  CHECK(gate.waiting() == 1);
  hold_reader.unlock();
  reader.join();
  late.join();
  CHECK(entries.names.back() == "late in");
  CHECK(gate.waiting() == 0);
}

TEST_CASE("an idle wait on a thread without a gate changes nothing", "[api][fair-gate]") {
  // Given a gate of one slot held by this thread, without its pass installed, and a request queued
  FairGate gate(1);
  std::optional<FairGate::Pass> pass(gate.enter());
  Entries entries;
  std::thread other([&] {
    const auto other_pass = gate.enter();
    entries.add("other in");
  });
  wait_until([&] { return gate.waiting() == 1; });
  // When this thread waits idly
  { const gongkai::domain::IdleWait idle; }
  // Then the slot stayed taken: the queued request is still queued until the pass goes
  CHECK(gate.waiting() == 1);
  CHECK(entries.size() == 0);
  pass.reset();
  other.join();
  CHECK(entries.names == std::vector<std::string>{"other in"});
  // And a gate asked for zero slots has one
  CHECK(FairGate(0).slots() == 1);
}
