// A one-pass check that a JSON text is already canonical (as SCHEMA.md defines it), so that data
// produced by gongkai's own encoders skips a parse and re-serialisation on every append. It is
// conservative: anything unusual (fractions, exponents, escaped keys, \u escapes beyond control
// characters) answers false and takes the full parse path, which produces the same bytes.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "eventstore/event_store.h"

namespace gongkai::eventstore::codec {

// True only if `json` is an object nested at most `max_depth` deep, in canonical form: no
// whitespace, object keys strictly increasing bytewise, canonical string escapes, valid UTF-8,
// plain integers.
[[nodiscard]] bool is_canonical_object(std::string_view json, std::size_t max_depth);

// The length of the canonical object (as above) that begins `text`, whatever follows it; 0 when
// `text` does not begin with one. Lets a reader find where embedded data ends and check it in
// one pass. With `members`, also where the object's top-level members lie (offsets from the
// object's start), or none when the object holds a \u escape or nests deeper than
// detail::RawObject::kMaxDepth: text detail::RawObject::parse_checked refuses (raw_json.h).
[[nodiscard]] std::size_t canonical_object_prefix(std::string_view text, std::size_t max_depth,
                                                  std::vector<DataMemberSpan>* members = nullptr);

}  // namespace gongkai::eventstore::codec
