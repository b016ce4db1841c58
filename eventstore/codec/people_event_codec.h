// The JSON codec for people events (domain/people/people_events.h), in the style of the case
// event codec: `data` holds the struct's fields under their own names (roles and the close reason
// by wire name, `expires_at` as RFC 3339 UTC with six fractional digits, integers as integers);
// the actor is the record's `actor` ("<role>:<user id>"), recorded_at the record's. Shapes are
// pinned by tests/eventstore/golden/people_events/<type>.json.
//
// Decoding is strict: an unknown type, a missing, unexpected or mistyped field, an unknown role or
// reason, a bad instant, an unreadable actor, or an event in a stream other than the one its ids
// name (user-<user_id>, department-<code>, session-<session_id>) is Code::internal
// "undecodable_event". Nothing here throws; nlohmann stays in the .cc.
#pragma once

#include <string>
#include <string_view>

#include "domain/base/status.h"
#include "domain/people/people_events.h"
#include "eventstore/event_store.h"

namespace gongkai::eventstore::codec {

// Whether `type` is one of the people event types (current or upcast).
[[nodiscard]] bool is_people_event_type(std::string_view type);

// The event's `data` as canonical JSON. invalid_argument "invalid_utf8" for a non-UTF-8 string.
[[nodiscard]] domain::Result<std::string> encode_people_event_data(
    const domain::people::PeopleEvent& event);

// The event as the store takes it; append it to domain::people::stream_of(event). Creations
// (user, department, session) go with ExpectedVersion::no_stream: that is what makes usernames,
// department codes and token hashes unique.
[[nodiscard]] domain::Result<EventToAppend> to_append(const domain::people::PeopleEvent& event,
                                                      std::string event_id,
                                                      std::string correlation_id,
                                                      std::string causation_id);

[[nodiscard]] domain::Result<domain::people::PeopleEvent> decode_people_event(
    const RecordedEvent& recorded);

}  // namespace gongkai::eventstore::codec
