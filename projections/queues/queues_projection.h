// QueuesProjection ("queues"): each department's and each handler's open cases, ordered by reply
// due date. Keys:
//   queues/dept/<department>/<due YYYYMMDD | 99999999>/<case id>   -> queue entry (JSON)
//   queues/handler/<handler>/<due YYYYMMDD | 99999999>/<case id>   -> queue entry (JSON)
//   queues/at/<case id>   -> the case's current entry keys, one per line (to remove them)
// 99999999 stands for "due date unknown" (an open pause holds the clock), so paused cases sort
// last; overdue cases sort first because their due dates are the earliest. Every event of a case
// removes its old entries and writes the new ones; a closed or archived case has none.
#pragma once

#include <string_view>

#include "domain/time/calendar.h"
#include "projections/cases/case_feed.h"
#include "projections/projection.h"

namespace gongkai::projections {

inline constexpr std::string_view kUnknownDueKey = "99999999";

class QueuesProjection final : public CaseViewProjection {
 public:
  static constexpr std::string_view kName = "queues";

  using CaseViewProjection::CaseViewProjection;  // (calendar, feed = nullptr)

  [[nodiscard]] std::string_view name() const override { return kName; }
  // 2: the case's events are no longer copied into the state (folds come from the log).
  [[nodiscard]] int version() const override { return 2; }

 private:
  void render(const domain::cases::CaseState& folded, std::uint64_t version,
              StateWriter& state) override;
};

}  // namespace gongkai::projections
