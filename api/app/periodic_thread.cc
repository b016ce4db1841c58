#include "api/app/periodic_thread.h"

namespace gongkai::api::app {

PeriodicThread::PeriodicThread(std::chrono::milliseconds interval, std::function<void()> work,
                               First first)
    : interval_(interval), work_(std::move(work)) {
  thread_ = std::thread([this, first] { run(first); });
}

PeriodicThread::~PeriodicThread() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void PeriodicThread::run(First first) {
  const auto stopped = [this] { return stop_; };
  std::unique_lock lock(mutex_);
  if (first == First::after_interval && wake_.wait_for(lock, interval_, stopped)) return;
  while (!stop_) {
    lock.unlock();  // the destructor need not wait for a run to take the lock
    work_();
    lock.lock();
    wake_.wait_for(lock, interval_, stopped);
  }
}

}  // namespace gongkai::api::app
