// Gives the heap's free pages back to the system every `interval` (glibc's malloc_trim). glibc
// returns memory by itself only from the top of an arena; what a burst of requests frees below
// blocks that live on (cached blocks, case folds, memtables) stayed resident, so the server's RSS
// drifted up with each burst instead of following what it holds (RELIABILITY.md L1; figures in
// tests/RELIABILITY.md).
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace gongkai::api::server {

class MemoryTrimmer {
 public:
  using Trim = std::function<void()>;
  // `trim` is the seam for tests; by default malloc_trim(0).
  explicit MemoryTrimmer(std::chrono::milliseconds interval, Trim trim = nullptr);
  ~MemoryTrimmer();  // stops at once (no wait for the interval) and joins

  MemoryTrimmer(const MemoryTrimmer&) = delete;
  MemoryTrimmer& operator=(const MemoryTrimmer&) = delete;

 private:
  void run();

  std::chrono::milliseconds interval_;
  Trim trim_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace gongkai::api::server
