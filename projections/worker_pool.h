// WorkerPool: a fixed set of threads that run submitted tasks in the order they came.
//
// A replay hands its page reads and its projections' flushes to the process's one pool
// (`replay_pool()`) instead of starting a thread for each (~100 in a 10,000-case rebuild). A new
// thread takes whichever malloc arena is free, so a rebuild's big allocations landed in a
// different arena each time and every arena grew to the largest of them: in `gongkai bench
// rebuild` the heap grew by 20-40 MiB a run, and on these virtual machines first touching fresh
// memory was ~11 % of the rebuild's CPU (projections/README.md item 43). A worker keeps its arena
// for life. (Fewer arenas, `glibc.malloc.arena_max` 2 or 3, stopped the growth but cost more in
// lock waits than it saved.)
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace gongkai::projections {

// The result of a submitted task. Like std::async's future, it waits for the task when it is
// destroyed or assigned over, so a task that refers to its caller's locals cannot outlive them
// (an early return or an exception in the caller included).
template <typename R>
class TaskFuture {
 public:
  TaskFuture() = default;
  explicit TaskFuture(std::future<R> future) : future_(std::move(future)) {}
  TaskFuture(TaskFuture&&) noexcept = default;
  TaskFuture& operator=(TaskFuture&& other) noexcept {
    if (this != &other) {
      wait();
      future_ = std::move(other.future_);
    }
    return *this;
  }
  ~TaskFuture() { wait(); }

  [[nodiscard]] bool valid() const { return future_.valid(); }
  void wait() const {
    if (future_.valid()) future_.wait();
  }
  R get() { return future_.get(); }  // the task's exception is rethrown here

 private:
  std::future<R> future_;
};

class WorkerPool {
 public:
  explicit WorkerPool(std::size_t threads);
  ~WorkerPool();  // runs what is queued, then joins the threads
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  template <typename F>
  [[nodiscard]] auto submit(F&& task) -> TaskFuture<std::invoke_result_t<std::decay_t<F>&>> {
    using R = std::invoke_result_t<std::decay_t<F>&>;
    // shared: std::function needs a copyable target, a packaged_task is move-only
    auto packaged = std::make_shared<std::packaged_task<R()>>(std::forward<F>(task));
    TaskFuture<R> result(packaged->get_future());
    enqueue([packaged] { (*packaged)(); });
    return result;
  }

 private:
  void enqueue(std::function<void()> task);
  void work();

  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

// The pool replays run on: one thread per core, at least two (a page is read while the one
// before it is applied), started on first use and joined at exit. Its tasks never wait for one
// another, so hosts replaying at once only queue behind each other.
WorkerPool& replay_pool();

}  // namespace gongkai::projections
