// DESIGN.md flow 3 in the server: a thread that, every `interval`, asks the deadline monitor to
// issue the timer events due at clock.now() (through the normal command path, idempotently).
// Tests drive DeadlineMonitor directly with a fake clock; this only supplies the rhythm.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "api/app/periodic_thread.h"
#include "api/app/server_context.h"
#include "projections/deadlines/deadline_monitor.h"

namespace gongkai::api::app {

class DeadlineTicker {
 public:
  using Log = std::function<void(const std::string&)>;
  DeadlineTicker(ServerContext& context, std::chrono::seconds interval, Log log);

 private:
  void tick();

  ServerContext& context_;
  Log log_;
  projections::deadlines::DeadlineMonitor monitor_;
  PeriodicThread thread_;  // last: stopped and joined before the rest goes
};

}  // namespace gongkai::api::app
