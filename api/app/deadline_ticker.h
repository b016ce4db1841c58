// DESIGN.md flow 3 in the server: a thread that, every `interval`, asks the deadline monitor to
// issue the timer events due at clock.now() (through the normal command path, idempotently).
// Tests drive DeadlineMonitor directly with a fake clock; this only supplies the rhythm.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "api/app/server_context.h"

namespace gongkai::api::app {

class DeadlineTicker {
 public:
  using Log = std::function<void(const std::string&)>;
  DeadlineTicker(ServerContext& context, std::chrono::seconds interval, Log log);
  ~DeadlineTicker();  // stops and joins

  DeadlineTicker(const DeadlineTicker&) = delete;
  DeadlineTicker& operator=(const DeadlineTicker&) = delete;

 private:
  void run();

  ServerContext& context_;
  std::chrono::seconds interval_;
  Log log_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace gongkai::api::app
