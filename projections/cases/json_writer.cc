#include "projections/cases/json_writer.h"

#include <charconv>
#include <cstdint>
#include <nlohmann/json.hpp>

#include "eventstore/codec/plain_run.h"
#include "eventstore/codec/record_codec.h"

namespace gongkai::projections::json {
namespace {

// Appends `text` quoted and escaped as nlohmann's dump without ensure_ascii does (quote,
// backslash and control characters escaped, the rest copied); answers whether it held a byte
// >= 0x80, so that the caller checks it as UTF-8 once. The views' strings are mostly runs of plain
// bytes, found as the store's readers find them (plain_run_end, 16 bytes at a time).
bool escape_into(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  out.push_back('"');
  std::uint64_t seen = 0;
  std::size_t run = 0;  // start of the characters copied as they are
  for (std::size_t i = eventstore::codec::detail::plain_run_end(bytes, 0, text.size(), seen);
       i < text.size();
       i = eventstore::codec::detail::plain_run_end(bytes, run, text.size(), seen)) {
    out.append(text.data() + run, i - run);
    run = i + 1;
    switch (const unsigned char c = bytes[i]) {
      case '"': out.append("\\\""); break;
      case '\\': out.append("\\\\"); break;
      case '\b': out.append("\\b"); break;
      case '\f': out.append("\\f"); break;
      case '\n': out.append("\\n"); break;
      case '\r': out.append("\\r"); break;
      case '\t': out.append("\\t"); break;
      default: {
        const char escaped[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
        out.append(escaped, sizeof escaped);
      }
    }
  }
  out.append(text.data() + run, text.size() - run);
  out.push_back('"');
  return (seen & 0x80) != 0;
}

// "YYYY-MM-DD" as CivilDate::to_string writes it, without a temporary string (years 0-9999;
// others through to_string).
void date_into(std::string& out, domain::time::CivilDate value) {
  const auto [year, month, day] = value.ymd();
  if (year < 0 || year > 9999) {
    out.append(value.to_string());
    return;
  }
  const char text[10] = {static_cast<char>('0' + year / 1000),
                         static_cast<char>('0' + year / 100 % 10),
                         static_cast<char>('0' + year / 10 % 10),
                         static_cast<char>('0' + year % 10),
                         '-',
                         static_cast<char>('0' + month / 10),
                         static_cast<char>('0' + month % 10),
                         '-',
                         static_cast<char>('0' + day / 10),
                         static_cast<char>('0' + day % 10)};
  out.append(text, sizeof text);
}

}  // namespace

Writer::Writer() { out_.reserve(kFirstCapacity); }

void Writer::separate() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_) out_.push_back(',');
  first_ = false;
}

Writer& Writer::begin_object() {
  separate();
  out_.push_back('{');
  first_ = true;
  return *this;
}

Writer& Writer::end_object() {
  out_.push_back('}');
  first_ = false;
  return *this;
}

Writer& Writer::begin_array() {
  separate();
  out_.push_back('[');
  first_ = true;
  return *this;
}

Writer& Writer::end_array() {
  out_.push_back(']');
  first_ = false;
  return *this;
}

Writer& Writer::key(Key name) {
  separate();
  out_.push_back('"');
  out_.append(name.name());
  out_.append("\":", 2);
  after_key_ = true;
  return *this;
}

Writer& Writer::key_from_data(std::string_view name) {
  separate();
  escape_into(out_, name);
  out_.push_back(':');
  after_key_ = true;
  return *this;
}

Writer& Writer::string(std::string_view text) {
  separate();
  const std::size_t start = out_.size();
  // Escaped first, checked as UTF-8 only if it holds a byte >= 0x80 (ids, codes and dates do not).
  if (escape_into(out_, text) && !eventstore::codec::valid_utf8(text)) {
    out_.resize(start);  // invalid UTF-8: replaced the way nlohmann does
    out_.append(nlohmann::json(std::string(text))
                    .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
  return *this;
}

Writer& Writer::string_or_null(const std::optional<std::string>& text) {
  return text ? string(std::string_view(*text)) : null();
}

Writer& Writer::number(std::int64_t value) {
  separate();
  char buffer[24];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
  out_.append(buffer, end);
  return *this;
}

Writer& Writer::number(std::uint64_t value) {
  separate();
  char buffer[24];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
  out_.append(buffer, end);
  return *this;
}

Writer& Writer::boolean(bool value) {
  separate();
  out_.append(value ? "true" : "false");
  return *this;
}

Writer& Writer::null() {
  separate();
  out_.append("null");
  return *this;
}

Writer& Writer::date(domain::time::CivilDate value) {
  separate();
  out_.push_back('"');
  date_into(out_, value);
  out_.push_back('"');
  return *this;
}

Writer& Writer::date(const std::optional<domain::time::CivilDate>& value) {
  return value ? date(*value) : null();
}

}  // namespace gongkai::projections::json
