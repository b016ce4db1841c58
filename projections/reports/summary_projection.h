// The "summary" projection: the counts behind the supervisor's summary (supervisor_summary.h),
// kept in the writer batch with the events, so that a summary reads a few dozen counters instead
// of folding every case of the agency (which needed ~280 bytes of memory per case between
// requests: tests/RELIABILITY.md "Memory, 2026-11-30").
//
// State (keys relative to "summary/"; counts are decimal strings, removed when they fall to 0):
//   case/<case id>                          "<stage>\n<department>": what the counts hold of the
//                                           case (department empty unless the case is open)
//   stage/<agency>/<stage>                  cases in that stage now
//   department/<agency>/<department>        open cases held by it ("unassigned" when none)
//   reply/<agency>/<YYYYMMDD>/<YYYYMMDD>    replies served, by (start, service) date: the start is
//                                           the receipt, or for a reopened case the reopening's
//                                           decision. Dates rather than working days, so that the
//                                           days are counted with the calendar in force when asked.
// Overdue is not counted here: it depends on the day asked, and the "deadlines" index already
// orders the reply clocks by due date.
//
// A case view (case_feed.h): its stage and department counts move once per case and batch (once
// per rebuild), from the latest fold; a reply is counted as its event is applied.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "projections/cases/case_feed.h"

namespace gongkai::projections::reports {

inline constexpr std::string_view kSummaryProjection = "summary";

class SummaryProjection final : public CaseViewProjection {
 public:
  // `feed`: shared with the other case views (registry.h); null: one of its own.
  explicit SummaryProjection(std::shared_ptr<CaseFeed> feed = nullptr)
      : CaseViewProjection(domain::time::Calendar{}, std::move(feed)) {}

  [[nodiscard]] std::string_view name() const override { return kSummaryProjection; }
  [[nodiscard]] int version() const override { return 1; }

 private:
  void render(const domain::cases::CaseState& folded, std::uint64_t version,
              StateWriter& state) override;
  void on_event(const eventstore::RecordedEvent& event, const CaseFeed::Folded& folded,
                StateWriter& state) override;
};

// Key prefixes (relative to the projection's prefix) for readers.
[[nodiscard]] std::string stage_counts_prefix(std::string_view agency);       // "stage/<agency>/"
[[nodiscard]] std::string department_counts_prefix(std::string_view agency);  // "department/.../"
[[nodiscard]] std::string reply_counts_prefix(std::string_view agency);       // "reply/<agency>/"

}  // namespace gongkai::projections::reports
