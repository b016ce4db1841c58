// A one-pass check that a JSON text is already canonical (as SCHEMA.md defines it), so that data
// produced by gongkai's own encoders skips a parse and re-serialisation on every append. It is
// conservative: anything unusual (fractions, exponents, escaped keys, \u escapes beyond control
// characters) answers false and takes the full parse path, which produces the same bytes.
#pragma once

#include <string_view>

namespace gongkai::eventstore::codec {

// True only if `json` is an object nested at most `max_depth` deep, in canonical form: no
// whitespace, object keys strictly increasing bytewise, canonical string escapes, valid UTF-8,
// plain integers.
[[nodiscard]] bool is_canonical_object(std::string_view json, std::size_t max_depth);

}  // namespace gongkai::eventstore::codec
