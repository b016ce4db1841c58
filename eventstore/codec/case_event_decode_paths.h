// Internal to the case event codec, and for its differential fuzz target (tests/fuzz/): the two
// ways decode_case_event reads a stored case event. The fast path (RawObject + RawReader) answers
// nullopt for anything it does not read exactly as the general path (nlohmann + JsonReader) would;
// where the fast path answers, both must give the same event. decode_case_event tries the fast
// path, then the general one.
#pragma once

#include <optional>

#include "domain/base/status.h"
#include "domain/cases/case_events.h"
#include "eventstore/event_store.h"

namespace gongkai::eventstore::codec::detail {

[[nodiscard]] std::optional<domain::cases::CaseEvent> decode_case_event_fast(
    const RecordedEvent& recorded);
[[nodiscard]] domain::Result<domain::cases::CaseEvent> decode_case_event_general(
    const RecordedEvent& recorded);

}  // namespace gongkai::eventstore::codec::detail
