// S1 target `event_codec`: the event codec on raw stored bytes (eventstore/SCHEMA.md), with
// differential checks between its two readers of each format.
//
// Input starting with the format byte 0x01: a `log` value (format byte, 32 hash bytes, canonical
// record). decode_stored must read back exactly the canonical bytes it was given; the event is
// then decoded as a case or people event by its type.
// Any other first byte picks an event type (case and people types, in variant order) and the
// rest is the event's `data` JSON, decoded in a record of the matching stream.
//
// Differential checks (abort on mismatch):
// - RawObject (raw_json.h) against nlohmann: whatever the raw splitter accepts, nlohmann parses to
//   an object with the same members and values (strings, integers, arrays element by element);
//   parse_checked splits it the same, and on canonical text refuses what parse refuses.
// - is_canonical_object against canonical_json: canonical text is its own canonical form, and
//   canonical_json is idempotent.
// - decode_case_event's fast path against its general path: where the fast path decodes, the
//   general path decodes the same event.
// - decode against encode: a canonical `data` that decodes re-encodes to the same bytes (the
//   hash covers the stored bytes, so the codec must not read two spellings as one event).
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "domain/cases/case_events.h"
#include "domain/people/people_events.h"
#include "eventstore/codec/canonical_scan.h"
#include "eventstore/codec/case_event_codec.h"
#include "eventstore/codec/case_event_decode_paths.h"
#include "eventstore/codec/people_event_codec.h"
#include "eventstore/codec/raw_json.h"
#include "eventstore/codec/record_codec.h"
#include "fuzz_check.h"

namespace {

namespace codec = gongkai::eventstore::codec;
using gongkai::domain::cases::CaseEvent;
using gongkai::domain::people::PeopleEvent;
using gongkai::domain::time::Instant;
using gongkai::eventstore::RecordedEvent;
using json = nlohmann::json;

template <typename Variant, std::size_t... I>
void add_types(std::vector<std::string_view>& out, std::index_sequence<I...> /*unused*/) {
  (out.push_back(std::variant_alternative_t<I, Variant>::kType), ...);
}

const std::vector<std::string_view>& event_types() {
  static const std::vector<std::string_view> kTypes = [] {
    std::vector<std::string_view> types;
    add_types<CaseEvent>(types, std::make_index_sequence<std::variant_size_v<CaseEvent>>());
    add_types<PeopleEvent>(types, std::make_index_sequence<std::variant_size_v<PeopleEvent>>());
    return types;
  }();
  return kTypes;
}

json parse_or_discarded(std::string_view text) {
  return json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
}

void check_raw_value(std::string_view raw, const json& value) {
  const json reparsed = parse_or_discarded(raw);
  GONGKAI_FUZZ_CHECK(!reparsed.is_discarded(), "a raw member value is valid JSON");
  GONGKAI_FUZZ_CHECK(reparsed == value, "a raw member value reads as nlohmann's member");
  std::string text;
  if (codec::detail::raw_string(raw, text)) {
    GONGKAI_FUZZ_CHECK(value.is_string() && value.get<std::string>() == text,
                       "raw_string decodes as nlohmann does");
  }
  std::string_view plain;
  if (codec::detail::raw_plain_string(raw, plain)) {
    GONGKAI_FUZZ_CHECK(value.is_string() && value.get<std::string>() == plain,
                       "raw_plain_string reads as nlohmann does");
  }
  std::int64_t signed_value = 0;
  if (codec::detail::raw_int64(raw, signed_value)) {
    GONGKAI_FUZZ_CHECK(value.is_number_integer() && value.get<std::int64_t>() == signed_value,
                       "raw_int64 reads as nlohmann does");
  }
  std::uint64_t unsigned_value = 0;
  if (codec::detail::raw_uint64(raw, unsigned_value)) {
    GONGKAI_FUZZ_CHECK(value.is_number_unsigned() && value.get<std::uint64_t>() == unsigned_value,
                       "raw_uint64 reads as nlohmann does");
  }
  if (value.is_array()) {
    std::size_t i = 0;
    const bool all = codec::detail::raw_array_elements(raw, [&](std::string_view element) {
      GONGKAI_FUZZ_CHECK(i < value.size(), "raw_array_elements finds no extra element");
      check_raw_value(element, value[i++]);
      return true;
    });
    GONGKAI_FUZZ_CHECK(!all || i == value.size(), "raw_array_elements finds every element");
  }
}

void check_raw_object(std::string_view text) {
  codec::detail::RawObject raw;
  codec::detail::RawObject checked;  // split as text checked already (canonical or a member)
  const bool canonical = codec::is_canonical_object(text, codec::kMaxNestingDepth);
  if (!raw.parse(text)) {
    GONGKAI_FUZZ_CHECK(!canonical || !checked.parse_checked(text),
                       "on canonical text parse_checked refuses what parse refuses");
    return;
  }
  GONGKAI_FUZZ_CHECK(checked.parse_checked(text) && checked.size() == raw.size(),
                     "parse_checked splits what parse accepts into the same members");
  const json parsed = parse_or_discarded(text);
  GONGKAI_FUZZ_CHECK(!parsed.is_discarded() && parsed.is_object(),
                     "what RawObject accepts, nlohmann parses to an object");
  GONGKAI_FUZZ_CHECK(parsed.size() == raw.size(), "RawObject and nlohmann count the same members");
  for (const auto& [key, value] : parsed.items()) {
    const codec::detail::RawMember* member = raw.find(key);
    GONGKAI_FUZZ_CHECK(member != nullptr, "RawObject finds every member nlohmann finds");
    const codec::detail::RawMember* same = checked.find(key);
    GONGKAI_FUZZ_CHECK(same != nullptr && same->value == member->value,
                       "parse_checked gives each member the same value");
    check_raw_value(member->value, value);
  }
}

void check_canonical(std::string_view text) {
  if (codec::is_canonical_object(text, codec::kMaxNestingDepth)) {
    auto canonical = codec::canonical_json(text);
    GONGKAI_FUZZ_CHECK(canonical.ok() && *canonical == text,
                       "text is_canonical_object accepts is its own canonical_json");
  }
  auto canonical = codec::canonical_json(text);
  if (canonical.ok()) {
    auto again = codec::canonical_json(*canonical);
    GONGKAI_FUZZ_CHECK(again.ok() && *again == *canonical, "canonical_json is idempotent");
  }
}

std::string instant_text(Instant instant) { return codec::format_instant(instant); }

void check_case_event(const RecordedEvent& recorded) {
  const auto fast = codec::detail::decode_case_event_fast(recorded);
  const auto general = codec::detail::decode_case_event_general(recorded);
  const auto either = codec::decode_case_event(recorded);
  GONGKAI_FUZZ_CHECK(either.ok() == general.ok(), "decode_case_event accepts what a path accepts");
  if (!general.ok()) {
    GONGKAI_FUZZ_CHECK(!fast.has_value(), "the fast path accepts nothing the general path refuses");
    return;
  }
  auto encoded = codec::encode_case_event_data(*general);
  GONGKAI_FUZZ_CHECK(encoded.ok(), "a decoded event encodes again");
  if (codec::is_canonical_object(recorded.data_json, codec::kMaxNestingDepth)) {
    GONGKAI_FUZZ_CHECK(*encoded == recorded.data_json,
                       "canonical data that decodes re-encodes to the same bytes");
  }
  if (!fast.has_value()) return;
  auto fast_encoded = codec::encode_case_event_data(*fast);
  GONGKAI_FUZZ_CHECK(fast_encoded.ok() && *fast_encoded == *encoded,
                     "fast and general paths decode the same data");
  const auto& a = gongkai::domain::cases::event_base(*fast);
  const auto& b = gongkai::domain::cases::event_base(*general);
  GONGKAI_FUZZ_CHECK(gongkai::domain::cases::event_type(*fast) ==
                         gongkai::domain::cases::event_type(*general),
                     "fast and general paths decode the same type");
  GONGKAI_FUZZ_CHECK(a.case_id == b.case_id && codec::actor_string(a.actor) ==
                                                   codec::actor_string(b.actor) &&
                         instant_text(a.recorded_at) == instant_text(b.recorded_at),
                     "fast and general paths decode the same envelope");
}

void check_people_event(const RecordedEvent& recorded) {
  const auto decoded = codec::decode_people_event(recorded);
  if (!decoded.ok()) return;
  const auto encoded = codec::encode_people_event_data(*decoded);
  GONGKAI_FUZZ_CHECK(encoded.ok(), "a decoded people event encodes again");
  if (codec::is_canonical_object(recorded.data_json, codec::kMaxNestingDepth)) {
    GONGKAI_FUZZ_CHECK(*encoded == recorded.data_json,
                       "canonical people data that decodes re-encodes to the same bytes");
  }
}

void check_event(const RecordedEvent& recorded) {
  check_raw_object(recorded.data_json);
  if (codec::is_people_event_type(recorded.type)) {
    check_people_event(recorded);
  } else {
    check_case_event(recorded);
  }
}

void check_stored(std::string_view stored) {
  auto decoded = codec::decode_stored(stored);
  if (!decoded.ok()) return;
  GONGKAI_FUZZ_CHECK(codec::canonical_bytes(*decoded) == stored.substr(33),
                     "decode_stored accepts only canonical bytes and reads them back exactly");
  const std::string why = codec::check_stored(stored, *decoded);
  GONGKAI_FUZZ_CHECK(why.empty() || why == "hash does not match the event's bytes",
                     "a decoded record is canonical; only its hash may be wrong");
  check_event(*decoded);
}

// The stream the record of a bare `data` belongs to, read from its ids as the codecs expect.
std::string stream_for(std::string_view type, const json& data) {
  auto text = [&data](const char* key) {
    const auto it = data.is_object() ? data.find(key) : data.end();
    return it != data.end() && it->is_string() ? it->get<std::string>() : std::string("x");
  };
  if (type.starts_with("user.")) return "user-" + text("user_id");
  if (type.starts_with("department.")) return "department-" + text("code");
  if (type.starts_with("session.")) return "session-" + text("session_id");
  return codec::case_stream(text("case_id"));
}

void check_data(std::string_view type, std::string_view data) {
  check_canonical(data);
  RecordedEvent recorded;
  recorded.position = 7;
  recorded.version = 1;
  recorded.type = std::string(type);
  recorded.data_json = std::string(data);
  recorded.stream = stream_for(type, parse_or_discarded(data));
  recorded.actor = type.starts_with("case.") ? "handler:u-2001" : "admin:u-admin";
  recorded.recorded_at = Instant::from_unix_micros(1614560523456789);
  check_event(recorded);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  if (input[0] == codec::kFormatV1) {
    check_stored(input);
  } else {
    const auto& types = event_types();
    check_data(types[data[0] % types.size()], input.substr(1));
  }
  return 0;
}
