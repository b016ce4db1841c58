#include "projections/deadlines/deadline_monitor.h"

#include <utility>

#include "domain/policy/roles.h"
#include "domain/time/civil_date.h"

namespace gongkai::projections::deadlines {

namespace dc = domain::cases;

TickReport DeadlineMonitor::tick(domain::time::Instant now,
                                 const std::vector<std::string>& case_ids) {
  TickReport report;
  for (const std::string& case_id : case_ids) tick_case(now, case_id, report);
  return report;
}

void DeadlineMonitor::tick_case(domain::time::Instant now, const std::string& case_id,
                                TickReport& report) {
  ++report.cases_checked;
  auto loaded = service_.load(case_id);
  if (!loaded.ok()) {
    report.failures.push_back({case_id, loaded.status()});
    return;
  }
  const auto calendar = service_.calendar();
  const auto due = dc::due_timer_commands(loaded->state, now, *calendar, policy_);
  // Every command of one tick shares a correlation id naming the tick's day.
  commands::CommandOptions options;
  options.correlation_id = "timer:" + domain::time::date_of(now).to_string();
  for (const dc::CommandBody& body : due) {
    ++report.commands_issued;
    auto outcome = service_.execute(case_id, dc::CaseCommand{domain::policy::system_actor(), body},
                                    now, options);
    if (!outcome.ok()) {
      report.failures.push_back({case_id, outcome.status()});
      return;  // the case changed in a way we did not expect: the next tick looks again
    }
    report.events_appended += outcome->events.size();
  }
}

}  // namespace gongkai::projections::deadlines
