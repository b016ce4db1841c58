// The server's periodic threads (deadline ticks, heap trims): run every interval, first at once or
// after one interval, and stop at once when destroyed (a stopping server does not wait out the
// interval). And why the server trims: glibc keeps memory freed below live blocks resident.
#include "api/app/periodic_thread.h"

#include <malloc.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <mutex>
#include <thread>
#include <vector>

using gongkai::api::app::PeriodicThread;
using namespace std::chrono_literals;

namespace {

struct Runs {
  std::mutex mutex;
  std::condition_variable changed;
  int count = 0;
  void add() {
    {
      const std::lock_guard lock(mutex);
      ++count;
    }
    changed.notify_all();
  }
  bool wait_for_count(int n) {
    std::unique_lock lock(mutex);
    return changed.wait_for(lock, 30s, [&] { return count >= n; });
  }
  int now() {
    const std::lock_guard lock(mutex);
    return count;
  }
};

}  // namespace

TEST_CASE("a periodic thread runs again and again until it is destroyed", "[periodic]") {
  Runs runs;
  int at_stop = 0;
  {
    PeriodicThread thread(
        1ms, [&] { runs.add(); }, PeriodicThread::First::after_interval);
    REQUIRE(runs.wait_for_count(3));
    at_stop = runs.now();
  }
  // Joined: at most the run that was under way when the destructor ran, then none.
  const int after_stop = runs.now();
  CHECK(after_stop <= at_stop + 1);
  std::this_thread::sleep_for(20ms);
  CHECK(runs.now() == after_stop);
}

// An hour-long interval: had the destructor waited it out, the test would have timed out.
TEST_CASE("a periodic thread stops without waiting for its interval", "[periodic]") {
  Runs runs;
  SECTION("first run after the interval: none ran") {
    {
      PeriodicThread thread(
          std::chrono::hours(1), [&] { runs.add(); }, PeriodicThread::First::after_interval);
    }
    CHECK(runs.now() == 0);
  }
  SECTION("first run at once: that one ran, and no other") {
    {
      PeriodicThread thread(
          std::chrono::hours(1), [&] { runs.add(); }, PeriodicThread::First::now);
      REQUIRE(runs.wait_for_count(1));
    }
    CHECK(runs.now() == 1);
  }
}

// Sanitizers bring their own allocators, which glibc's malloc_trim does not reach.
#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
TEST_CASE("a periodic malloc_trim gives heap memory freed below live blocks back to the system",
          "[periodic]") {
  const auto resident_bytes = [] {
    std::ifstream statm("/proc/self/statm");
    std::size_t size = 0, resident = 0;
    statm >> size >> resident;
    return resident * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  };
  constexpr std::size_t kBlock = 4000, kBlocks = 16384;  // 64 MiB of small heap blocks
  const std::size_t at_start = resident_bytes();
  std::vector<char*> blocks;
  for (std::size_t i = 0; i < kBlocks; ++i) {
    blocks.push_back(static_cast<char*>(std::malloc(kBlock)));
    std::memset(blocks.back(), 1, kBlock);
  }
  // Every 16th block stays (4 MiB): the freed runs between them are not at the heap's top, so
  // glibc cannot shrink the heap over them by itself.
  std::vector<char*> live;
  for (std::size_t i = 0; i < kBlocks; ++i) {
    if (i % 16 == 0) {
      live.push_back(blocks[i]);
    } else {
      std::free(blocks[i]);
    }
  }
  // Freed, yet still resident: what the server's RSS kept after each burst.
  REQUIRE(resident_bytes() > at_start + (48u << 20));
  {
    PeriodicThread trim_heap(
        1ms, [] { malloc_trim(0); }, PeriodicThread::First::after_interval);
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    while (resident_bytes() > at_start + (16u << 20) &&
           std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(1ms);
    }
  }
  CHECK(resident_bytes() <= at_start + (16u << 20));
  for (char* block : live) std::free(block);
}
#endif
