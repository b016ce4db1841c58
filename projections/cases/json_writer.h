// Internal to gongkai_projections: a small JSON text writer for the views written on every
// rebuild (building an nlohmann::json tree per case and page cost more than the rest of a view).
// Output equals nlohmann's compact dump when members are written in key order, as the views do:
// strings are escaped the same way (UTF-8 kept as is; invalid UTF-8, which the codec keeps out of
// the log, is replaced like nlohmann's error_handler_t::replace).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/time/civil_date.h"

namespace gongkai::projections::json {

// A member name the writer copies as it stands: a string literal of printable ASCII without a
// quote or backslash, checked when the call is compiled (a name that would need escaping does not
// compile), so writing it costs no escape scan. The views' names are all such literals.
class Key {
 public:
  template <std::size_t N>
  consteval Key(const char (&name)[N]) : name_(name, N - 1) {  // implicit: key("due_on")
    for (std::size_t i = 0; i + 1 < N; ++i) {
      const char c = name[i];
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') name_needs_escaping();
    }
  }
  [[nodiscard]] constexpr std::string_view name() const { return name_; }

 private:
  static void name_needs_escaping();  // not constexpr: calling it fails the compile
  std::string_view name_;
};

class Writer {
 public:
  Writer();

  Writer& begin_object();
  Writer& end_object();
  Writer& begin_array();
  Writer& end_array();
  Writer& key(Key name);  // the next value is this member's
  Writer& key_from_data(std::string_view name);  // a name from data (map keys): escaped

  Writer& string(std::string_view text);
  Writer& string_or_null(const std::optional<std::string>& text);
  Writer& number(std::int64_t value);
  Writer& number(std::uint64_t value);
  Writer& number(int value) { return number(static_cast<std::int64_t>(value)); }
  Writer& boolean(bool value);
  Writer& null();
  Writer& date(domain::time::CivilDate value);                  // "YYYY-MM-DD"
  Writer& date(const std::optional<domain::time::CivilDate>& value);  // or null

  [[nodiscard]] const std::string& text() const { return out_; }
  [[nodiscard]] std::string take() { return std::move(out_); }

 private:
  // A case document is ~1-2 KiB: reserving up front spares the string its first regrowths.
  static constexpr std::size_t kFirstCapacity = 1024;

  void separate();

  std::string out_;
  bool first_ = true;     // no member or element yet at this level
  bool after_key_ = false;
};

}  // namespace gongkai::projections::json
