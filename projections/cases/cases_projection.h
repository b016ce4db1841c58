// CasesProjection ("cases"): the case as API.md's `GET /cases/{id}` shows it, one JSON document
// per case under "cases/case/<case id>", plus the case's events (CaseFolds) under
// "cases/events/...". The document holds everything that does not depend on the day it is read;
// the reply clock is stored as its ClockBasis and turned into API.md's `clock` by CaseQueries for
// the reader's `today`. The applicant's identity number is stored masked only.
#pragma once

#include <string_view>

#include "domain/time/calendar.h"
#include "projections/cases/case_folds.h"
#include "projections/projection.h"

namespace gongkai::projections {

class CasesProjection final : public Projection {
 public:
  static constexpr std::string_view kName = "cases";

  // The calendar the clocks are counted with; a new calendar version needs a rebuild.
  explicit CasesProjection(domain::time::Calendar calendar) : calendar_(std::move(calendar)) {}

  [[nodiscard]] std::string_view name() const override { return kName; }
  [[nodiscard]] int version() const override { return 1; }
  void apply(const eventstore::RecordedEvent& event, StateWriter& state) override;

 private:
  domain::time::Calendar calendar_;
  CaseFolds folds_;
};

}  // namespace gongkai::projections
