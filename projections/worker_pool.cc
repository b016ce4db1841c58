#include "projections/worker_pool.h"

#include <pthread.h>

#include <algorithm>

namespace gongkai::projections {

WorkerPool::WorkerPool(std::size_t threads) {
  threads_.reserve(threads);
  for (std::size_t i = 0; i < threads; ++i) threads_.emplace_back([this] { work(); });
}

WorkerPool::~WorkerPool() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  ready_.notify_all();
  for (auto& thread : threads_) thread.join();
}

void WorkerPool::enqueue(std::function<void()> task) {
  {
    const std::lock_guard lock(mutex_);
    queue_.push_back(std::move(task));
  }
  ready_.notify_one();
}

void WorkerPool::work() {
  pthread_setname_np(pthread_self(), "gongkai-replay");  // so profilers and top can tell it apart
  for (;;) {
    std::function<void()> task;
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and nothing left to run
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    task();  // a packaged_task: what it throws goes to its future
  }
}

WorkerPool& replay_pool() {
  static WorkerPool pool(std::max(2u, std::thread::hardware_concurrency()));
  return pool;
}

}  // namespace gongkai::projections
