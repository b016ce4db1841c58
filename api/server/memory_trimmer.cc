#include "api/server/memory_trimmer.h"

#include <malloc.h>

namespace gongkai::api::server {

MemoryTrimmer::MemoryTrimmer(std::chrono::milliseconds interval, Trim trim)
    : interval_(interval), trim_(trim ? std::move(trim) : [] { malloc_trim(0); }) {
  thread_ = std::thread([this] { run(); });
}

MemoryTrimmer::~MemoryTrimmer() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void MemoryTrimmer::run() {
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, interval_, [this] { return stop_; })) {
    lock.unlock();  // the destructor need not wait for a trim to take the lock
    trim_();
    lock.lock();
  }
}

}  // namespace gongkai::api::server
