// A recorded event as one JSON object: the shape of each event in a case dossier
// (api/DOSSIER.md) and of each line of `gongkai export --all` (tools/README.md). Every field the
// hash covers plus the hash, keys in bytewise order, `data` as a JSON object, `recorded_at` exactly
// as stored (six fractional digits):
//   {"actor","causation_id","correlation_id","data","event_id","hash","position","prev_hash",
//    "recorded_at","stream","stream_prev_hash","type","version"}
// The reader is strict (every field, no other, the right types) and puts `data` in canonical form
// (eventstore/SCHEMA.md), so the hash of what it returns can be recomputed; it does not check the
// hash (ChainVerifier does).
#pragma once

#include <string>
#include <string_view>

#include "domain/base/status.h"
#include "eventstore/event_store.h"

namespace gongkai::eventstore {

// One line of JSON (no newline).
[[nodiscard]] std::string recorded_event_json(const RecordedEvent& event);

// invalid_argument "record_invalid" naming the first field that is missing, unknown or mistyped.
[[nodiscard]] Result<RecordedEvent> recorded_event_from_json(std::string_view text);

}  // namespace gongkai::eventstore
