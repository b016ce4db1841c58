#include "api/app/deadline_ticker.h"

#include "projections/deadlines/deadline_index_source.h"

namespace gongkai::api::app {

DeadlineTicker::DeadlineTicker(ServerContext& context, std::chrono::seconds interval, Log log)
    : context_(context),
      log_(std::move(log)),
      monitor_(context.cases()),
      thread_(
          interval, [this] { tick(); }, PeriodicThread::First::now) {}

void DeadlineTicker::tick() {
  if (!context_.readiness().ok()) return;
  projections::deadlines::DeadlineIndexSource source(context_.store(), *context_.calendar());
  const auto report = monitor_.tick(context_.clock().now(), source);
  if (log_ && (!report.failures.empty() || report.events_appended > 0)) {
    log_("{\"deadline_tick\":{\"checked\":" + std::to_string(report.cases_checked) +
         ",\"appended\":" + std::to_string(report.events_appended) +
         ",\"failures\":" + std::to_string(report.failures.size()) + "}}");
  }
}

}  // namespace gongkai::api::app
