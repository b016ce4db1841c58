// The stored form of an event (eventstore/SCHEMA.md): canonical bytes, the hash over them, and
// the value kept in the `log` column family. Golden tests pin this format; never change what an
// existing format byte means, add a new one.
#pragma once

#include <string>
#include <string_view>

#include "domain/base/status.h"
#include "eventstore/codec/sha256.h"
#include "eventstore/event_store.h"

namespace gongkai::eventstore::codec {

inline constexpr char kFormatV1 = '\x01';
inline constexpr std::size_t kMaxNestingDepth = 64;

// Parses `json`, requires an object nested at most kMaxNestingDepth deep with valid UTF-8, and
// returns it in canonical form: keys sorted bytewise, no insignificant whitespace, strings with
// only the escapes JSON requires.
[[nodiscard]] domain::Result<std::string> canonical_json(std::string_view json);

[[nodiscard]] bool valid_utf8(std::string_view text);

// Appends `text` (valid UTF-8: check first) as a JSON string literal in canonical escaping.
void append_json_string(std::string& out, std::string_view text);

// RFC 3339 UTC with exactly six fractional digits, e.g. "2021-03-01T08:00:00.000000Z".
[[nodiscard]] std::string format_instant(Instant instant);
[[nodiscard]] bool parse_instant(std::string_view text, Instant& out);

// The bytes the hash covers: every field of `event` except `hash`, as canonical JSON. Assumes the
// string fields are valid UTF-8 and data_json is canonical (append() checks both first).
[[nodiscard]] std::string canonical_bytes(const RecordedEvent& event);

// The `log` value: format byte, the 32 raw hash bytes, then the canonical bytes.
[[nodiscard]] std::string encode_stored(const Digest& hash, std::string_view canonical);

// Decodes a `log` value. Does not recompute the hash (verify does); fails with Code::internal
// (reason "corrupt_event") when the bytes are not a well-formed stored event.
[[nodiscard]] domain::Result<RecordedEvent> decode_stored(std::string_view stored);
// The same into `event`, reusing its strings' capacity; `event` is half-written after a failure.
[[nodiscard]] domain::Status decode_stored(std::string_view stored, RecordedEvent& event);

// Why `stored` (found at `position`) is not a faithful stored event, or "" if it is: the format,
// the canonical encoding and the hash are all checked.
[[nodiscard]] std::string check_stored(std::string_view stored, const RecordedEvent& decoded);

}  // namespace gongkai::eventstore::codec
