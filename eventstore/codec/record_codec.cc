#include "eventstore/codec/record_codec.h"

#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "eventstore/codec/canonical_scan.h"
#include "eventstore/codec/record_reader.h"
#include "eventstore/codec/sha256.h"

namespace gongkai::eventstore::codec {
namespace {

using domain::Result;
using nlohmann::json;

// Deepest bracket nesting in `text`, ignoring brackets inside strings. nlohmann's parser recurses,
// so depth is bounded before parsing.
std::size_t nesting_depth(std::string_view text) {
  std::size_t depth = 0;
  std::size_t deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == '}' || c == ']') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}


}  // namespace

bool valid_utf8(std::string_view text) {
  // The byte ranges of Unicode's table of well-formed sequences (no overlongs, surrogates or code
  // points past U+10FFFF), checked without decoding each code point: it runs over every string
  // with a byte >= 0x80 of every event read, mostly Chinese at three bytes a character (a
  // 10,000-case rebuild: 41.5 M instructions decoding, 37.5 M so).
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* const end = p + text.size();
  const auto continuation = [](unsigned char c) { return (c & 0xc0) == 0x80; };
  while (p < end) {
    const unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    const auto left = end - p;
    if (c < 0xc2) return false;  // a continuation byte, or an overlong two-byte lead
    if (c < 0xe0) {
      if (left < 2 || !continuation(p[1])) return false;
      p += 2;
    } else if (c < 0xf0) {
      if (left < 3 || !continuation(p[2])) return false;
      const unsigned char lower = c == 0xe0 ? 0xa0 : 0x80;  // overlong below
      const unsigned char upper = c == 0xed ? 0x9f : 0xbf;  // surrogates above
      if (p[1] < lower || p[1] > upper) return false;
      p += 3;
    } else if (c < 0xf5) {
      if (left < 4 || !continuation(p[2]) || !continuation(p[3])) return false;
      const unsigned char lower = c == 0xf0 ? 0x90 : 0x80;  // overlong below
      const unsigned char upper = c == 0xf4 ? 0x8f : 0xbf;  // past U+10FFFF above
      if (p[1] < lower || p[1] > upper) return false;
      p += 4;
    } else {
      return false;
    }
  }
  return true;
}

Result<std::string> canonical_json(std::string_view text) {
  // gongkai's own encoders already write canonical JSON: then there is nothing to rewrite.
  if (is_canonical_object(text, kMaxNestingDepth)) return std::string(text);
  if (nesting_depth(text) > kMaxNestingDepth) {
    return domain::invalid_argument("json_too_deep", "event data is nested too deeply");
  }
  if (!valid_utf8(text)) {
    return domain::invalid_argument("invalid_utf8", "event data is not valid UTF-8");
  }
  json parsed = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) {
    return domain::invalid_argument("malformed_json", "event data is not valid JSON");
  }
  if (!parsed.is_object()) {
    return domain::invalid_argument("data_not_object", "event data must be a JSON object");
  }
  try {
    return parsed.dump(-1, ' ', /*ensure_ascii=*/false, json::error_handler_t::strict);
  } catch (const json::exception&) {
    return domain::invalid_argument("invalid_utf8", "event data is not valid UTF-8");
  }
}

void append_json_string(std::string& out, std::string_view text) {
  out.push_back('"');
  std::size_t run = 0;  // start of the current run of characters that need no escape
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(text, run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: {
        static constexpr char kHex[] = "0123456789abcdef";
        out += "\\u00";
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 0x0f]);
      }
    }
  }
  out.append(text, run, text.size() - run);
  out.push_back('"');
}

std::string format_instant(Instant instant) {
  using namespace std::chrono;
  const sys_time<microseconds> tp{microseconds{instant.unix_micros()}};
  const auto day = floor<days>(tp);
  const year_month_day ymd{day};
  const hh_mm_ss hms{tp - day};
  // Hand-formatted: this runs for every event the writer commits.
  std::string text = "0000-00-00T00:00:00.000000Z";
  auto put = [&text](std::size_t at, std::size_t width, long long value) {
    for (std::size_t i = 0; i < width; ++i, value /= 10) {
      text[at + width - 1 - i] = static_cast<char>('0' + value % 10);
    }
  };
  put(0, 4, int{ymd.year()});
  put(5, 2, unsigned{ymd.month()});
  put(8, 2, unsigned{ymd.day()});
  put(11, 2, hms.hours().count());
  put(14, 2, hms.minutes().count());
  put(17, 2, hms.seconds().count());
  put(20, 6, hms.subseconds().count());
  return text;
}

bool parse_instant(std::string_view text, Instant& out) { return read_instant(text, out); }

std::string canonical_bytes(const RecordedEvent& e) {
  // Keys in bytewise order, exactly as canonical_json orders object keys.
  std::string out;
  out.reserve(256 + e.data_json.size());
  auto field = [&out](const char* key, std::string_view value) {
    out += key;
    append_json_string(out, value);
  };
  field("{\"actor\":", e.actor);
  field(",\"causation_id\":", e.causation_id);
  field(",\"correlation_id\":", e.correlation_id);
  out += ",\"data\":";
  out += e.data_json;
  field(",\"event_id\":", e.event_id);
  out += ",\"position\":" + std::to_string(e.position);
  field(",\"prev_hash\":", e.prev_hash);
  field(",\"recorded_at\":", format_instant(e.recorded_at));
  field(",\"stream\":", e.stream);
  field(",\"stream_prev_hash\":", e.stream_prev_hash);
  field(",\"type\":", e.type);
  out += ",\"version\":" + std::to_string(e.version) + "}";
  return out;
}

std::string encode_stored(const Digest& digest, std::string_view canonical) {
  std::string stored;
  stored.reserve(1 + digest.size() + canonical.size());
  stored.push_back(kFormatV1);
  stored.append(reinterpret_cast<const char*>(digest.data()), digest.size());
  stored.append(canonical);
  return stored;
}

Result<RecordedEvent> decode_stored(std::string_view stored) {
  RecordedEvent event;
  if (auto status = decode_stored(stored, event); !status.ok()) return status;
  return event;
}

domain::Status decode_stored(std::string_view stored, RecordedEvent& event) {
  if (stored.size() < 1 + 32 + 2 || stored[0] != kFormatV1) {
    return domain::internal_error("corrupt_event",
                                  "stored event is corrupt: unknown format or truncated");
  }
  if (auto status = read_canonical_record(stored.substr(33), event); !status.ok()) return status;
  Digest digest{};
  std::copy_n(reinterpret_cast<const std::uint8_t*>(stored.data() + 1), digest.size(),
              digest.begin());
  write_hex(digest, event.hash);
  return {};
}

std::string check_stored(std::string_view stored, const RecordedEvent& decoded) {
  const std::string canonical = canonical_bytes(decoded);
  if (stored.substr(33) != canonical) return "stored bytes are not in canonical form";
  if (sha256_hex(canonical) != decoded.hash) return "hash does not match the event's bytes";
  return "";
}

}  // namespace gongkai::eventstore::codec
