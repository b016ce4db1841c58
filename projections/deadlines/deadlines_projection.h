// DeadlinesProjection ("deadlines"): an index `(due date, case, clock)` over every open clock the
// deadline timer watches:
//   reply            while the case is open and not waiting for a correction, with a known date
//   correction       the effective correction deadline while a correction is pending
//   consultation:<n> the lapse date of an open third-party or co-producer consultation
//   fee_payment      the payment deadline while a fee notice is unpaid
// Keys:
//   deadlines/due/<YYYYMMDD>/<case id>/<clock>  -> entry (JSON: case, clock, due date, holder,
//                                                  stage; for reply also the ClockBasis and
//                                                  whether this due date was warned / missed)
//   deadlines/at/<case id>   -> the case's current entry keys, one per line
//   deadlines/events/...     -> the case's events (CaseFolds)
// A closed or archived case has no entries.
#pragma once

#include <string_view>

#include "domain/time/calendar.h"
#include "projections/cases/case_folds.h"
#include "projections/projection.h"

namespace gongkai::projections {

class DeadlinesProjection final : public Projection {
 public:
  static constexpr std::string_view kName = "deadlines";

  explicit DeadlinesProjection(domain::time::Calendar calendar) : calendar_(std::move(calendar)) {}

  [[nodiscard]] std::string_view name() const override { return kName; }
  [[nodiscard]] int version() const override { return 1; }
  void apply(const eventstore::RecordedEvent& event, StateWriter& state) override;

 private:
  domain::time::Calendar calendar_;
  CaseFolds folds_;
};

}  // namespace gongkai::projections
