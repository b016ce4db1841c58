// The supervisor's summary (API.md `GET /api/v1/stats/summary`): counts by stage, open cases by
// department, open cases overdue on a given date, and the average working days from receipt to
// the reply's service.
//
// Computed by scanning, not from counters: the case list comes from the "reports" projection's
// case records of the agency, and each case is folded from its stream up to the log head read at
// the start (so every number is as of `as_of_position`). Overdue needs the clocks (pauses,
// extensions, the calendar), which only the folded CaseState gives. Cost: one stream read per case
// of the agency (a province: ~10^4 cases × 10–30 events). A server passes one SummaryFolds that
// keeps what each case contributed between requests, so a later summary folds only the cases
// with new events, which it learns from the log since the last summary (or, after more than
// 10,000 new events, from a point lookup per case).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "domain/base/status.h"
#include "domain/time/calendar.h"
#include "domain/time/civil_date.h"
#include "eventstore/event_store.h"

namespace gongkai::projections::reports {

struct SupervisorSummary {
  std::string agency;
  domain::time::CivilDate as_of;
  std::int64_t cases = 0;
  std::map<std::string, std::int64_t> by_stage;       // every case by its stage now
  std::map<std::string, std::int64_t> by_department;  // open cases; "unassigned" when none
  std::int64_t overdue = 0;                           // open cases whose reply is overdue on as_of
  // Working days (calendar) from the receipt date — or, for a reopened case, the reopening's
  // decision date — to the service date, over every reply served (a reopened case's replies both
  // count). Not counted: withdrawals and lapses (no reply was served).
  std::int64_t replies = 0;
  std::optional<double> average_working_days_to_reply;  // rounded to 2 decimals; none if no reply
  std::uint64_t as_of_position = 0;
};

// What the last summary learnt of each case (stage, department, whether overdue on its date with
// its calendar, the reply dates: ~100 bytes a case, never its CaseState), so that the next one
// folds again only the cases with new events, and the open ones when the date or the calendar
// changed. Summaries using one SummaryFolds take turns. Bounded: cleared when it holds kMaxCases.
class SummaryFolds {
 public:
  static constexpr std::size_t kMaxCases = 100'000;
  // Cases read from the store at a time: a summary's memory does not grow with the store.
  static constexpr std::size_t kScanChunk = 1024;
  SummaryFolds();
  ~SummaryFolds();
  SummaryFolds(const SummaryFolds&) = delete;
  SummaryFolds& operator=(const SummaryFolds&) = delete;

  struct Cases;  // defined in the .cc: keeps the domain's CaseState out of this header

 private:
  friend domain::Result<SupervisorSummary> supervisor_summary(const eventstore::EventStore&,
                                                              std::string_view,
                                                              domain::time::CivilDate,
                                                              const domain::time::Calendar&,
                                                              SummaryFolds*);
  std::mutex mutex_;
  std::unique_ptr<Cases> cases_;
};

// `folds`: reused and updated when given; otherwise every case is folded from its first event.
[[nodiscard]] domain::Result<SupervisorSummary> supervisor_summary(
    const eventstore::EventStore& store, std::string_view agency, domain::time::CivilDate as_of,
    const domain::time::Calendar& calendar, SummaryFolds* folds = nullptr);

// {"agency","as_of","cases","by_stage":{},"by_department":{},"overdue","replies",
//  "average_working_days_to_reply": number|null,"as_of_position"} in this order.
[[nodiscard]] std::string to_json(const SupervisorSummary& summary);

}  // namespace gongkai::projections::reports
