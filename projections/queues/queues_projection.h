// QueuesProjection ("queues"): each department's and each handler's open cases, ordered by reply
// due date. Keys:
//   queues/dept/<department>/<due YYYYMMDD | 99999999>/<case id>   -> queue entry (JSON)
//   queues/handler/<handler>/<due YYYYMMDD | 99999999>/<case id>   -> queue entry (JSON)
//   queues/at/<case id>   -> the case's current entry keys, one per line (to remove them)
//   queues/events/...     -> the case's events (CaseFolds)
// 99999999 stands for "due date unknown" (an open pause holds the clock), so paused cases sort
// last; overdue cases sort first because their due dates are the earliest. Every event of a case
// removes its old entries and writes the new ones; a closed or archived case has none.
#pragma once

#include <string_view>

#include "domain/time/calendar.h"
#include "projections/cases/case_folds.h"
#include "projections/projection.h"

namespace gongkai::projections {

inline constexpr std::string_view kUnknownDueKey = "99999999";

class QueuesProjection final : public Projection {
 public:
  static constexpr std::string_view kName = "queues";

  explicit QueuesProjection(domain::time::Calendar calendar) : calendar_(std::move(calendar)) {}

  [[nodiscard]] std::string_view name() const override { return kName; }
  [[nodiscard]] int version() const override { return 1; }
  void apply(const eventstore::RecordedEvent& event, StateWriter& state) override;

 private:
  domain::time::Calendar calendar_;
  CaseFolds folds_;
};

}  // namespace gongkai::projections
