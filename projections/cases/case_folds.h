// Helpers of the case-based projections (cases, queues, deadlines): decoding a recorded case
// event, keys, and replacing a case's index entries. The folds themselves are in case_feed.h.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/cases/case_events.h"
#include "domain/cases/case_state.h"
#include "eventstore/event_store.h"
#include "projections/projection.h"

namespace gongkai::projections {

// The event as a case event; nullopt for a stream that is not "case-...", an unknown type or data
// that does not decode (a projection ignores those: apply() must not fail).
[[nodiscard]] std::optional<domain::cases::CaseEvent> decode_case_record(
    const eventstore::RecordedEvent& recorded);

// "CJZ" for "CJZ-2021-00001": the agency is the case number's first segment.
[[nodiscard]] std::string agency_of(std::string_view case_id);

// Zero-padded so that keys sort as numbers.
[[nodiscard]] std::string padded(std::uint64_t number, int width = 10);
// "YYYYMMDD": keys sort by date.
[[nodiscard]] std::string date_key(domain::time::CivilDate date);
// The date of a date_key; nullopt for anything else.
[[nodiscard]] std::optional<domain::time::CivilDate> date_of_key(std::string_view yyyymmdd);

// Replaces a case's entries in an index (queues, deadlines): removes the keys written last time,
// which "at/<case id>" lists one per line, writes `entries` and lists their keys there instead.
void replace_case_entries(std::string_view case_id,
                          const std::vector<std::pair<std::string, std::string>>& entries,
                          StateWriter& state);

}  // namespace gongkai::projections
