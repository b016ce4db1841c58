// DeadlineMonitor: DESIGN.md flow 3's engine. A ticker calls tick(now, candidates); for each
// candidate case the monitor loads the case, asks domain::cases::due_timer_commands which timer
// commands are due, and executes each through the command path as actor `system`.
//
// Exactly once: decide re-checks every timer predicate against the case's recorded timers and
// returns no events for one already recorded, so repeated ticks, overlapping tickers and restarts
// append each timer event once. A command racing the monitor on the same case makes the
// monitor's append fail with a version conflict; the command path re-reads and re-decides.
//
// Which cases to look at comes from a CandidateSource; the `deadlines` projection implements it
// (cases whose clocks crossed a threshold by `now`). AllCasesSource is the trivial one.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "domain/base/status.h"
#include "domain/cases/case_timers.h"
#include "domain/time/instant.h"
#include "projections/commands/case_command_service.h"

namespace gongkai::projections::deadlines {

class CandidateSource {
 public:
  virtual ~CandidateSource() = default;
  // Case ids that may have a timer due at `now` (a superset is fine, a missing case is not).
  [[nodiscard]] virtual domain::Result<std::vector<std::string>> cases_needing_timer(
      domain::time::Instant now) = 0;
};

// Every case it was told about: for tests and small stores.
class AllCasesSource final : public CandidateSource {
 public:
  explicit AllCasesSource(std::vector<std::string> case_ids) : case_ids_(std::move(case_ids)) {}
  void add(std::string case_id) { case_ids_.push_back(std::move(case_id)); }
  [[nodiscard]] domain::Result<std::vector<std::string>> cases_needing_timer(
      domain::time::Instant) override {
    return case_ids_;
  }

 private:
  std::vector<std::string> case_ids_;
};

struct TickFailure {
  std::string case_id;
  domain::Status status;
};

struct TickReport {
  std::size_t cases_checked = 0;
  std::size_t commands_issued = 0;  // due timer commands sent through the command path
  std::size_t events_appended = 0;  // what they appended (fewer when a racer got there first)
  std::vector<TickFailure> failures;
};

class DeadlineMonitor {
 public:
  DeadlineMonitor(commands::CaseCommandService& service, domain::cases::TimerPolicy policy = {})
      : service_(service), policy_(policy) {}

  TickReport tick(domain::time::Instant now, const std::vector<std::string>& case_ids);
  // A source that cannot answer is reported as a failure with an empty case id.
  TickReport tick(domain::time::Instant now, CandidateSource& source) {
    auto candidates = source.cases_needing_timer(now);
    if (!candidates.ok()) return TickReport{0, 0, 0, {{"", candidates.status()}}};
    return tick(now, *candidates);
  }

 private:
  void tick_case(domain::time::Instant now, const std::string& case_id, TickReport& report);

  commands::CaseCommandService& service_;
  domain::cases::TimerPolicy policy_;
};

}  // namespace gongkai::projections::deadlines
