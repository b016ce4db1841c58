// Internal to eventstore/codec: a JSON object split into its members without building a tree.
// Values stay spans of the text (validated, not decoded) until a reader asks for them. It accepts
// only a strict subset of JSON, the one the canonical writer produces and a little more: no
// whitespace outside strings, object keys strictly increasing bytewise (so never duplicated),
// string escapes other than \u, valid UTF-8, integers without fraction or exponent, at most
// kMaxDepth levels and kMaxMembers members per object. Anything else answers false, and the
// caller falls back to the general parser (which accepts or refuses it with its own message).
// Whatever is accepted here, nlohmann/json accepts too and reads as the same values.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "eventstore/event_store.h"

namespace gongkai::eventstore::codec::detail {

struct RawMember {
  std::string_view key;    // as written (no escapes)
  std::string_view value;  // the value's text, e.g. `"abc"`, `12`, `{...}`, `[...]`, `true`
};

class RawObject {
 public:
  static constexpr std::size_t kMaxMembers = 24;
  static constexpr std::size_t kMaxDepth = 16;

  // Splits `text`, which must be exactly one object in the subset above.
  [[nodiscard]] bool parse(std::string_view text);
  // The same for text whose strings and keys were checked already, so UTF-8 and key order are not
  // checked again: data the store's reader checked as canonical JSON (RecordedEvent::data_checked)
  // or a member of an object parse() accepted. On such text it answers as parse() does; never
  // call it on text that was not checked so.
  [[nodiscard]] bool parse_checked(std::string_view text);
  // The same, from where the store's reader found the members of `text` while checking it
  // (RecordedEvent::data_members, non-empty only when parse_checked would split it), so the text
  // is not walked again.
  [[nodiscard]] bool adopt_checked(std::string_view text,
                                   const std::vector<DataMemberSpan>& members);

  [[nodiscard]] std::size_t size() const { return size_; }
  // The member named `key`, or nullptr.
  [[nodiscard]] const RawMember* find(std::string_view key) const;

 private:
  std::array<RawMember, kMaxMembers> members_{};
  std::size_t size_ = 0;
};

// A raw string value (with its quotes) decoded into `out`; false if `raw` is not a string.
[[nodiscard]] bool raw_string(std::string_view raw, std::string& out);
// A raw string value without escapes, as a view of its characters; false if it is not a string
// or has an escape (decode it with raw_string then).
[[nodiscard]] bool raw_plain_string(std::string_view raw, std::string_view& out);
// A raw integer value; false if it is not an integer or does not fit.
[[nodiscard]] bool raw_int64(std::string_view raw, std::int64_t& out);
[[nodiscard]] bool raw_uint64(std::string_view raw, std::uint64_t& out);
// Skips one value of the subset at `at` (for raw_array_elements); false if there is none.
[[nodiscard]] bool skip_raw_value(std::string_view text, std::size_t& at, std::size_t depth);

// Passes each element of a raw array value to `each` (a bool(std::string_view) callable), in
// order; false if `raw` is not an array or `each` answers false.
template <typename Fn>
bool raw_array_elements(std::string_view raw, Fn&& each) {
  if (raw.size() < 2 || raw.front() != '[' || raw.back() != ']') return false;
  std::size_t at = 1;
  if (raw.size() == 2) return true;
  for (;;) {
    const std::size_t start = at;
    if (!skip_raw_value(raw, at, 1)) return false;
    if (!each(raw.substr(start, at - start))) return false;
    if (at >= raw.size()) return false;
    if (raw[at] == ']') return at + 1 == raw.size();
    if (raw[at] != ',') return false;
    ++at;
  }
}

}  // namespace gongkai::eventstore::codec::detail
