// The JSON codec for case events: how a domain::cases::CaseEvent becomes an EventToAppend (type +
// canonical `data` + actor + recorded_at) and how a RecordedEvent becomes a CaseEvent again.
//
// The stored shape of every event type is described in eventstore/codec/CASE_EVENTS.md and pinned
// by the golden files under tests/eventstore/golden/case_events/. In short:
// - `data` holds the struct's fields under their own names, plus `case_id`; dates are
//   "YYYY-MM-DD", enums their wire names, integers JSON integers; an empty optional is omitted.
// - The actor is the record's `actor`: "<role>:<user id>" (e.g. "handler:u-0042"), or "system" for
//   the timer (user id "system", role system). recorded_at is the record's.
// - Decoding is strict: an unknown type, a missing, unexpected or mistyped field, a bad date, an
//   unknown enum name, an unreadable actor or a case id that disagrees with the stream
//   `case-<case id>` is Code::internal, reason "undecodable_event" (stored data is corrupt or from
//   an unknown version), and the message names the type and the field.
// - Older type versions are upcast on decode (see kUpcasters in case_event_codec.cc).
// Nothing here throws.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/base/status.h"
#include "domain/cases/case_events.h"
#include "domain/policy/roles.h"
#include "eventstore/event_store.h"

namespace gongkai::eventstore::codec {

inline constexpr std::string_view kUndecodableEvent = "undecodable_event";

// The event's `data` as canonical JSON (sorted keys, no whitespace, raw UTF-8), ready for
// EventToAppend::data_json. invalid_argument "invalid_utf8" if a string field is not UTF-8.
[[nodiscard]] domain::Result<std::string> encode_case_event_data(
    const domain::cases::CaseEvent& event);

// The event as the store takes it: type = kType, data_json as above, actor = actor_string(...),
// recorded_at from the event. The ids come from the caller.
[[nodiscard]] domain::Result<EventToAppend> to_append(const domain::cases::CaseEvent& event,
                                                      std::string event_id,
                                                      std::string correlation_id,
                                                      std::string causation_id);

// Back from a stored event. Reads type, data_json, actor, recorded_at and stream.
[[nodiscard]] domain::Result<domain::cases::CaseEvent> decode_case_event(
    const RecordedEvent& recorded);

// The record's `actor` for an event's actor, and back (nullopt if it is not one).
[[nodiscard]] std::string actor_string(const domain::policy::ActorRef& actor);
[[nodiscard]] std::optional<domain::policy::ActorRef> parse_actor_string(std::string_view text);

// The stream a case's events live in: "case-<case id>".
[[nodiscard]] std::string case_stream(std::string_view case_id);

}  // namespace gongkai::eventstore::codec
