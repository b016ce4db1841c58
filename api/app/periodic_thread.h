// A thread of its own that runs `work` every `interval` until destroyed: the server's rhythms (the
// deadline monitor's ticks, giving the heap's free pages back). The destructor wakes it at once,
// so a stopping server never waits out an interval; a run under way finishes first.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace gongkai::api::app {

class PeriodicThread {
 public:
  enum class First { now, after_interval };  // when the first run is
  PeriodicThread(std::chrono::milliseconds interval, std::function<void()> work, First first);
  ~PeriodicThread();  // stops and joins

  PeriodicThread(const PeriodicThread&) = delete;
  PeriodicThread& operator=(const PeriodicThread&) = delete;

 private:
  void run(First first);

  std::chrono::milliseconds interval_;
  std::function<void()> work_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;  // last: started once the rest is built
};

}  // namespace gongkai::api::app
