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
// A closed or archived case has no entries.
#pragma once

#include <string_view>

#include "domain/time/calendar.h"
#include "projections/cases/case_feed.h"
#include "projections/projection.h"

namespace gongkai::projections {

class DeadlinesProjection final : public CaseViewProjection {
 public:
  static constexpr std::string_view kName = "deadlines";

  using CaseViewProjection::CaseViewProjection;  // (calendar, feed = nullptr)

  [[nodiscard]] std::string_view name() const override { return kName; }
  // 2: the case's events are no longer copied into the state (folds come from the log).
  [[nodiscard]] int version() const override { return 2; }

 private:
  void render(const domain::cases::CaseState& folded, std::uint64_t version,
              StateWriter& state) override;
};

}  // namespace gongkai::projections
