#include "eventstore/export/recorded_json.h"

#include <array>
#include <utility>
#include <vector>

#include "eventstore/codec/record_codec.h"
#include "eventstore/export/recorded_json_value.h"

namespace gongkai::eventstore {

using nlohmann::json;

namespace {

constexpr std::array<const char*, 13> kFields = {
    "actor",    "causation_id", "correlation_id", "data",   "event_id",         "hash",
    "position", "prev_hash",    "recorded_at",    "stream", "stream_prev_hash", "type",
    "version"};

Status invalid(const std::string& what) { return domain::invalid_argument("record_invalid", what); }

bool read_string(const json& value, const char* name, std::string& out) {
  const auto& field = value.at(name);
  if (!field.is_string()) return false;
  out = field.get<std::string>();
  return true;
}

// Whether `root` nests deeper than `limit`, found without recursion (a fuzzer's deep input must not
// exhaust the stack before canonical_json gets to refuse it).
bool nested_deeper_than(const json& root, std::size_t limit) {
  std::vector<std::pair<const json*, std::size_t>> stack = {{&root, 1}};
  while (!stack.empty()) {
    const auto [value, depth] = stack.back();
    stack.pop_back();
    if (depth > limit) return true;
    if (value->is_structured()) {
      for (const auto& child : *value) stack.emplace_back(&child, depth + 1);
    }
  }
  return false;
}

bool read_unsigned(const json& value, const char* name, std::uint64_t& out) {
  const auto& field = value.at(name);
  if (!field.is_number_unsigned()) return false;
  out = field.get<std::uint64_t>();
  return true;
}

}  // namespace

namespace detail {

Result<RecordedEvent> recorded_event_from_value(const json& value) {
  if (!value.is_object()) return invalid("the record is not a JSON object");
  for (const char* name : kFields) {
    if (!value.contains(name)) return invalid(std::string("missing field ") + name);
  }
  if (value.size() != kFields.size()) {
    for (auto it = value.begin(); it != value.end(); ++it) {
      bool known = false;
      for (const char* name : kFields) known = known || it.key() == name;
      if (!known) return invalid("unknown field " + it.key());
    }
  }
  RecordedEvent event;
  struct StringField {
    const char* name;
    std::string* out;
  };
  const StringField strings[] = {{"actor", &event.actor},
                                 {"causation_id", &event.causation_id},
                                 {"correlation_id", &event.correlation_id},
                                 {"event_id", &event.event_id},
                                 {"hash", &event.hash},
                                 {"prev_hash", &event.prev_hash},
                                 {"stream", &event.stream},
                                 {"stream_prev_hash", &event.stream_prev_hash},
                                 {"type", &event.type}};
  for (const auto& field : strings) {
    if (!read_string(value, field.name, *field.out)) {
      return invalid(std::string("field ") + field.name + " is not a string");
    }
  }
  if (!read_unsigned(value, "position", event.position)) {
    return invalid("field position is not an unsigned integer");
  }
  if (!read_unsigned(value, "version", event.version)) {
    return invalid("field version is not an unsigned integer");
  }
  std::string recorded_at;
  if (!read_string(value, "recorded_at", recorded_at) ||
      !codec::parse_instant(recorded_at, event.recorded_at)) {
    return invalid("field recorded_at is not an RFC 3339 UTC time with six fractional digits");
  }
  const auto& data = value.at("data");
  if (!data.is_object()) return invalid("field data is not a JSON object");
  if (nested_deeper_than(data, codec::kMaxNestingDepth)) {
    return invalid("field data is nested deeper than " + std::to_string(codec::kMaxNestingDepth));
  }
  std::string text;
  try {
    text = data.dump();
  } catch (const json::exception&) {
    return invalid("field data is not valid UTF-8");
  }
  auto canonical = codec::canonical_json(text);
  if (!canonical.ok()) return invalid("field data: " + canonical.status().message());
  event.data_json = std::move(canonical).value();
  for (const std::string* text_field : {&event.actor, &event.causation_id, &event.correlation_id,
                                        &event.event_id, &event.stream, &event.type}) {
    if (!codec::valid_utf8(*text_field)) return invalid("a text field is not valid UTF-8");
  }
  return event;
}

}  // namespace detail

std::string recorded_event_json(const RecordedEvent& e) {
  json data = json::parse(e.data_json, nullptr, false);
  const json record = {{"position", e.position},
                       {"stream", e.stream},
                       {"version", e.version},
                       {"event_id", e.event_id},
                       {"type", e.type},
                       {"recorded_at", codec::format_instant(e.recorded_at)},
                       {"actor", e.actor},
                       {"correlation_id", e.correlation_id},
                       {"causation_id", e.causation_id},
                       {"data", data.is_discarded() ? json(nullptr) : std::move(data)},
                       {"prev_hash", e.prev_hash},
                       {"stream_prev_hash", e.stream_prev_hash},
                       {"hash", e.hash}};
  return record.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<RecordedEvent> recorded_event_from_json(std::string_view text) {
  const json value = json::parse(text, nullptr, false);
  if (value.is_discarded()) return invalid("not a JSON object");
  return detail::recorded_event_from_value(value);
}

}  // namespace gongkai::eventstore
