#include "api/app/deadline_ticker.h"

#include "projections/deadlines/deadline_index_source.h"
#include "projections/deadlines/deadline_monitor.h"

namespace gongkai::api::app {

DeadlineTicker::DeadlineTicker(ServerContext& context, std::chrono::seconds interval, Log log)
    : context_(context), interval_(interval), log_(std::move(log)) {
  thread_ = std::thread([this] { run(); });
}

DeadlineTicker::~DeadlineTicker() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void DeadlineTicker::run() {
  projections::deadlines::DeadlineMonitor monitor(context_.cases());
  std::unique_lock lock(mutex_);
  while (!stop_) {
    lock.unlock();
    if (context_.readiness().ok()) {
      projections::deadlines::DeadlineIndexSource source(context_.store(), *context_.calendar());
      const auto report = monitor.tick(context_.clock().now(), source);
      if (log_ && (!report.failures.empty() || report.events_appended > 0)) {
        log_("{\"deadline_tick\":{\"checked\":" + std::to_string(report.cases_checked) +
             ",\"appended\":" + std::to_string(report.events_appended) +
             ",\"failures\":" + std::to_string(report.failures.size()) + "}}");
      }
    }
    lock.lock();
    wake_.wait_for(lock, interval_, [this] { return stop_; });
  }
}

}  // namespace gongkai::api::app
