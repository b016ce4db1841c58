// projections/worker_pool.h: tasks run and answer through their futures, a task's exception
// reaches whoever asks for its result, a future waits for its task when dropped, and the pool runs
// what was queued before it stops.
#include "projections/worker_pool.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <future>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace gongkai::testing {
namespace {

using projections::TaskFuture;
using projections::WorkerPool;

TEST_CASE("a worker pool runs every task and answers each through its own future",
          "[projections][worker-pool]") {
  WorkerPool pool(2);
  std::vector<TaskFuture<std::string>> futures;
  for (int i = 0; i < 50; ++i) {
    futures.push_back(pool.submit([i] { return "task " + std::to_string(i); }));
  }
  for (int i = 0; i < 50; ++i) CHECK(futures[i].get() == "task " + std::to_string(i));
}

TEST_CASE("a task's exception is rethrown by get, and the pool runs on",
          "[projections][worker-pool]") {
  WorkerPool pool(1);
  auto failed = pool.submit([]() -> int { throw std::runtime_error("page unreadable"); });
  auto next = pool.submit([] { return 7; });
  CHECK_THROWS_WITH(failed.get(), "page unreadable");
  CHECK(next.get() == 7);
}

// The task is held until the gate opens; the gate opens when `Opener` (declared after the future,
// so destroyed before it) goes out of scope. Only a future that waits when dropped sees the task
// finished right after the scope.
TEST_CASE("a dropped task future waits for its task", "[projections][worker-pool]") {
  WorkerPool pool(1);
  std::promise<void> gate;
  std::atomic<bool> finished{false};
  struct Opener {
    std::promise<void>& gate;
    ~Opener() { gate.set_value(); }
  };
  {
    auto future = pool.submit([&finished, opened = gate.get_future()] {
      opened.wait();
      std::this_thread::yield();
      finished = true;
    });
    const Opener opener{gate};
  }
  CHECK(finished);
}

TEST_CASE("assigning over a task future waits for the task it held", "[projections][worker-pool]") {
  WorkerPool pool(2);
  std::promise<void> gate;
  std::atomic<bool> first_finished{false};
  auto future = pool.submit([&first_finished, opened = gate.get_future()] {
    opened.wait();
    first_finished = true;
  });
  std::thread opener([&gate] { gate.set_value(); });
  future = pool.submit([] {});
  CHECK(first_finished);
  opener.join();
}

TEST_CASE("a stopping pool first runs what is queued", "[projections][worker-pool]") {
  std::atomic<int> ran{0};
  std::vector<TaskFuture<void>> futures;  // outlives the pool: each is ready when it stops
  std::promise<void> gate;
  {
    WorkerPool pool(1);
    futures.push_back(pool.submit([opened = gate.get_future()] { opened.wait(); }));
    for (int i = 0; i < 20; ++i) futures.push_back(pool.submit([&ran] { ++ran; }));
    gate.set_value();
  }
  CHECK(ran == 20);
}

}  // namespace
}  // namespace gongkai::testing
