// The "reports" projection: counters from which table 三 and table 四 of the annual report
// (DOMAIN.md §4) are produced for any agency and year (see annual_report.h), plus one small record
// per case (what later events need: the agency, the applicant type, the closings, the remedies).
//
// State (keys relative to "reports/"; counts are decimal strings, removed when they fall to 0):
//   case/<agency>/<case id>                       JSON {"column",
//   "closings":[{"on","disposition"}],
//                                                 "remedies":{"<reference>":{"kind","outcome","on"}}}
//   count/<agency>/<YYYY>/new/<column>            registrations received in YYYY (row 一)
//   count/<agency>/<YYYY>/reopened/<column>       reopenings decided in YYYY (counted in row 二)
//   count/<agency>/<YYYY>/<disposition>/<column>  closings in YYYY (rows （一）–（六）)
//   remedy/<agency>/<YYYY>/<kind>/<outcome>       table 四: remedies decided in YYYY (upheld,
//                                                 corrected, other); `pending_opened` and
//                                                 `pending_closed` count remedies that became or
//                                                 stopped being pending in YYYY
// Years are business-date years (receipt date, service or lapse date, decision date), never the
// recorded_at year. The agency is the case id's prefix before "-<year>-<sequence>".
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "projections/cases/case_feed.h"
#include "projections/projection.h"
#include "projections/rebuild_flush.h"

namespace gongkai::projections::reports {

inline constexpr std::string_view kReportsProjection = "reports";

class ReportsProjection final : public Projection, public RebuildFlush {
 public:
  ReportsProjection();
  // Takes the decoded events from the case views' feed (registry.h) instead of decoding again.
  explicit ReportsProjection(std::shared_ptr<CaseFeed> feed);
  ~ReportsProjection() override;

  [[nodiscard]] std::string_view name() const override { return kReportsProjection; }
  [[nodiscard]] int version() const override { return 1; }
  void apply(const eventstore::RecordedEvent& event, StateWriter& state) override;
  void flush(StateWriter& state) override;
  // While rebuilding, the case records and counter deltas pile up across pages (each record
  // serialized and each counter written once) until kHeldBackRecords records or the last page.
  void flush_rebuild(StateWriter& state, bool last) override;  // RebuildFlush
  static constexpr std::size_t kHeldBackRecords = 20'000;
  [[nodiscard]] PagePreparer* page_preparer() override { return feed_.get(); }

  struct Batch;  // what apply() changed since the last flush()

 private:
  std::shared_ptr<CaseFeed> feed_;
  std::unique_ptr<Batch> batch_;
};

// Adds `delta` to the count (a decimal string) at `key`, removing it when it falls to 0; a
// damaged count reads as 0.
void add_to_count(StateWriter& state, const std::string& key, std::int64_t delta);

// "CJZ" for "CJZ-2021-00001"; an id without two '-' is its own agency.
[[nodiscard]] std::string agency_of_case(std::string_view case_id);

// Key prefixes (relative to the projection's prefix) for readers.
[[nodiscard]] std::string case_records_prefix(std::string_view agency);  // "case/<agency>/"
[[nodiscard]] std::string counters_prefix(std::string_view agency);      // "count/<agency>/"
[[nodiscard]] std::string remedies_prefix(std::string_view agency);      // "remedy/<agency>/"

}  // namespace gongkai::projections::reports
