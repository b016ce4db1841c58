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
      : queries_(store, std::move(calendar)), warn_within_(warn_within) {}

  [[nodiscard]] domain::Result<std::vector<std::string>> cases_needing_timer(
      domain::time::Instant now) override {
    return queries_.cases_needing_timer(now, warn_within_);
  }

 private:
  DeadlineQueries queries_;
  int warn_within_;
};

}  // namespace gongkai::projections::deadlines
