// Reads the canonical bytes of a stored event back into a RecordedEvent without a general JSON
// parser: the canonical form has one fixed key order and one spelling, so the reader walks it
// field by field, and the event data is taken as it stands once the canonical scan has accepted
// it. Anything that is not exactly the canonical form is refused, which a general parser would
// have accepted and re-spelt. Internal to eventstore/codec.
#pragma once

#include <string>
#include <string_view>

#include "domain/base/status.h"
#include "eventstore/event_store.h"

namespace gongkai::eventstore::codec {

// The record's fields from its canonical bytes, into `event`, whose strings keep their capacity
// (a replay reads every page into the one before it). `hash` is not touched (it is stored apart);
// the data is marked checked (RecordedEvent::data_checked). Fails with an explanation of the
// first thing that is not canonical, and `event` is then left half-written.
[[nodiscard]] domain::Status read_canonical_record(std::string_view canonical,
                                                   RecordedEvent& event);

// "2021-03-01T01:02:03.456789Z" exactly, as format_instant writes it.
[[nodiscard]] bool read_instant(std::string_view text, Instant& out);

}  // namespace gongkai::eventstore::codec
