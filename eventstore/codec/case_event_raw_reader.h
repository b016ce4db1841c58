// Internal to the case event codec: the fast path of decoding. It walks the same field lists
// (case_event_fields.h) as detail::JsonReader, but over a RawObject (raw_json.h) instead of a
// JSON tree, and it does not explain: at the first thing it does not read exactly as JsonReader
// would (a missing, unexpected or mistyped field, a bad date or enum name, an integer out of
// range, JSON outside RawObject's subset), it stops and the caller decodes again with
// JsonReader, which accepts or refuses with the message. So on success both give the same event.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eventstore/codec/case_event_json.h"
#include "eventstore/codec/raw_json.h"

namespace gongkai::eventstore::codec::detail {

class RawReader {
 public:
  explicit RawReader(const RawObject& in) : in_(in) {}

  template <typename T>
  void field(std::string_view name, T& out) {
    if (!ok_) return;
    const RawMember* member = in_.find(name);
    if (member == nullptr) {
      if constexpr (IsOptional<T>::value) {
        out.reset();
      } else {
        ok_ = false;
      }
      return;
    }
    ++read_;
    ok_ = read(member->value, out);
  }
  // Counts `name` as read without decoding it (the caller read it already).
  void skip(std::string_view name) {
    if (in_.find(name) == nullptr) ok_ = false;
    ++read_;
  }

  // True if every field was read and the object has no other member (keys are unique in a
  // RawObject, and each name is asked for once).
  [[nodiscard]] bool finish() const { return ok_ && read_ == in_.size(); }

 private:
  static bool read(std::string_view raw, std::string& out) { return raw_string(raw, out); }
  static bool read(std::string_view raw, bool& out) {
    if (raw == "true") out = true;
    else if (raw == "false") out = false;
    else return false;
    return true;
  }
  template <typename Int>
  requires std::same_as<Int, int> || std::same_as<Int, std::int64_t>
  static bool read(std::string_view raw, Int& out) {
    if (!raw.empty() && raw[0] == '-') {
      std::int64_t value = 0;
      if (!raw_int64(raw, value) || value < std::numeric_limits<Int>::min()) return false;
      out = static_cast<Int>(value);
      return true;
    }
    std::uint64_t value = 0;
    if (!raw_uint64(raw, value) ||
        value > static_cast<std::uint64_t>(std::numeric_limits<Int>::max())) {
      return false;
    }
    out = static_cast<Int>(value);
    return true;
  }
  static bool read(std::string_view raw, CivilDate& out) {
    std::string_view text;
    if (!raw_plain_string(raw, text)) return false;  // a date has no escapes
    const auto date = CivilDate::parse(text);
    if (!date.has_value()) return false;
    out = *date;
    return true;
  }
  template <WireEnum E>
  static bool read(std::string_view raw, E& out) {
    std::string_view text;
    if (!raw_plain_string(raw, text)) return false;  // wire names have no escapes
    const auto value = EnumWire<E>::parse(text);
    if (!value.has_value()) return false;
    out = *value;
    return true;
  }
  template <typename T>
  static bool read(std::string_view raw, std::optional<T>& out) {
    T value{};
    if (!read(raw, value)) return false;  // null is not an empty optional
    out = std::move(value);
    return true;
  }
  template <typename T>
  static bool read(std::string_view raw, std::vector<T>& out) {
    out.clear();
    return raw_array_elements(raw, [&out](std::string_view element) {
      return read(element, out.emplace_back());
    });
  }
  template <NestedObject T>
  static bool read(std::string_view raw, T& out) {
    RawObject object;
    // A member of an object already split: its strings and keys were checked then.
    if (!object.parse_checked(raw)) return false;
    RawReader nested(object);
    describe(nested, out);
    return nested.finish();
  }

  const RawObject& in_;
  std::size_t read_ = 0;
  bool ok_ = true;
};

}  // namespace gongkai::eventstore::codec::detail
