// case_activity: the smallest useful read model of the case streams, kept by the command path's
// tools and checked by the rebuild test. State (plain text values):
//   case/<case id>        "<stream version> <global position> <last event type>"
//   sequence/<agency>-<year>  the highest case sequence number registered (zero-padded to 10)
//   type/<event type>     how many events of that type the log holds (zero-padded to 12)
// Events of other streams are ignored. apply() notes the changes in memory and flush() writes
// them once per group or replay page (a type counter once, not once per event).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>

#include "projections/projection.h"
#include "projections/rebuild_flush.h"

namespace gongkai::projections::cases {

class CaseActivityProjection final : public Projection, public RebuildFlush {
 public:
  static constexpr std::string_view kName = "case_activity";
  [[nodiscard]] std::string_view name() const override { return kName; }
  [[nodiscard]] int version() const override { return 1; }
  void apply(const eventstore::RecordedEvent& event, StateWriter& state) override;
  void flush(StateWriter& state) override;
  // While rebuilding, the changes pile up across pages (one write per case and counter) until
  // kHeldBackCases cases are noted or the last page.
  void flush_rebuild(StateWriter& state, bool last) override;  // RebuildFlush
  static constexpr std::size_t kHeldBackCases = 100'000;

 private:
  std::unordered_map<std::string, std::string> cases_;          // case id -> value
  std::unordered_map<std::string, std::uint64_t> type_counts_;  // type -> events since flush
  std::unordered_map<std::string, std::uint64_t> sequences_;    // agency-year -> highest seen
};

}  // namespace gongkai::projections::cases
