// CasesProjection ("cases"): the case as API.md's `GET /cases/{id}` shows it, one JSON document
// per case under "cases/case/<case id>" (folded by the shared CaseFeed, written once per group or
// replay page). The document holds everything that does not depend on the day it is read;
// the reply clock is stored as its ClockBasis and turned into API.md's `clock` by CaseQueries for
// the reader's `today`. The applicant's identity number is stored masked only.
#pragma once

#include <string_view>

#include "domain/time/calendar.h"
#include "projections/cases/case_feed.h"
#include "projections/projection.h"

namespace gongkai::projections {

class CasesProjection final : public CaseViewProjection {
 public:
  static constexpr std::string_view kName = "cases";

  using CaseViewProjection::CaseViewProjection;  // (calendar, feed = nullptr)

  [[nodiscard]] std::string_view name() const override { return kName; }
  // 2: the case's events are no longer copied into the state (folds come from the log).
  [[nodiscard]] int version() const override { return 2; }

 private:
  void render(const domain::cases::CaseState& folded, std::uint64_t version,
              StateWriter& state) override;
};

}  // namespace gongkai::projections
