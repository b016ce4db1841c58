// The server's memory trimmer: trims every interval on its own thread, and stops at once when
// destroyed (a server stopping does not wait out the interval).
#include "api/server/memory_trimmer.h"

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

using gongkai::api::server::MemoryTrimmer;
using namespace std::chrono_literals;

namespace {

struct Trims {
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

TEST_CASE("the memory trimmer trims again and again until it is destroyed", "[memory]") {
  Trims trims;
  int at_stop = 0;
  {
    MemoryTrimmer trimmer(1ms, [&] { trims.add(); });
    REQUIRE(trims.wait_for_count(3));
    at_stop = trims.now();
  }
  // Joined: at most the trim that was under way when the destructor ran, then none.
  const int after_stop = trims.now();
  CHECK(after_stop <= at_stop + 1);
  std::this_thread::sleep_for(20ms);
  CHECK(trims.now() == after_stop);
}

TEST_CASE("the memory trimmer stops without waiting for its interval", "[memory]") {
  Trims trims;
  const auto began = std::chrono::steady_clock::now();
  {
    MemoryTrimmer trimmer(std::chrono::hours(1), [&] { trims.add(); });
  }
  // An hour-long interval: had the destructor waited it out, the run would have timed out.
  CHECK(std::chrono::steady_clock::now() - began < std::chrono::minutes(1));
  CHECK(trims.now() == 0);
}

// Sanitizers bring their own allocators, which glibc's malloc_trim does not reach.
#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
TEST_CASE("the default trim gives heap memory freed below live blocks back to the system",
          "[memory]") {
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
    MemoryTrimmer trimmer(1ms);
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
