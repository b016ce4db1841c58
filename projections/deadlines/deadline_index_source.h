// DeadlineIndexSource: the deadline monitor's candidates from the `deadlines` projection, so a
// tick looks only at cases whose index says a timer may be due instead of at every case.
#pragma once

#include <string>
#include <vector>

#include "domain/cases/case_clocks.h"
#include "projections/deadlines/deadline_monitor.h"
#include "projections/deadlines/deadline_queries.h"

namespace gongkai::projections::deadlines {

class DeadlineIndexSource final : public CandidateSource {
 public:
  DeadlineIndexSource(const eventstore::EventStore& store, domain::time::Calendar calendar,
                      int warn_within = domain::cases::kDefaultDueSoonWorkingDays)
      : calendar_(std::move(calendar)), queries_(store, calendar_), warn_within_(warn_within) {}
  DeadlineIndexSource(const DeadlineIndexSource&) = delete;  // queries_ refers to this calendar_
  DeadlineIndexSource& operator=(const DeadlineIndexSource&) = delete;

  [[nodiscard]] domain::Result<std::vector<std::string>> cases_needing_timer(
      domain::time::Instant now) override {
    return queries_.cases_needing_timer(now, warn_within_);
  }

 private:
  domain::time::Calendar calendar_;  // before queries_, which refers to it
  DeadlineQueries queries_;
  int warn_within_;
};

}  // namespace gongkai::projections::deadlines
