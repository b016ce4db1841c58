#include "eventstore/append_validation.h"

#include <unordered_set>

#include "eventstore/codec/record_codec.h"
#include "eventstore/codec/sha256.h"

namespace gongkai::eventstore {
namespace {

bool printable_ascii(std::string_view text) {
  for (const char c : text) {
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}

// "case.registered.v1": lowercase dotted words ending in a version.
bool versioned_type_name(std::string_view type) {
  const auto dot_v = type.rfind(".v");
  if (dot_v == std::string_view::npos || dot_v == 0 || dot_v + 2 >= type.size()) return false;
  for (std::size_t i = dot_v + 2; i < type.size(); ++i) {
    if (type[i] < '0' || type[i] > '9') return false;
  }
  for (std::size_t i = 0; i < dot_v; ++i) {
    const char c = type[i];
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
                    c == '-';
    if (!ok) return false;
  }
  return type.front() >= 'a' && type.front() <= 'z';
}

bool utf8_without_controls(std::string_view text) {
  for (const char c : text) {
    if (static_cast<unsigned char>(c) < 0x20) return false;
  }
  return codec::valid_utf8(text);
}

}  // namespace

Result<std::string> prepare_append(AppendRequest& request) {
  using domain::invalid_argument;
  if (request.stream.empty() || request.stream.size() > kMaxStreamNameBytes ||
      !utf8_without_controls(request.stream)) {
    return invalid_argument("invalid_stream_name",
                            "a stream name is 1-200 bytes of UTF-8 without control characters");
  }
  if (request.events.empty()) {
    return invalid_argument("no_events", "an append needs at least one event");
  }
  if (request.events.size() > kMaxEventsPerAppend) {
    return invalid_argument("too_many_events", "at most 1000 events per append");
  }
  if (!request.idempotency_key.empty() &&
      (request.idempotency_key.size() > kMaxIdBytes || !printable_ascii(request.idempotency_key))) {
    return invalid_argument("invalid_idempotency_key",
                            "an idempotency key is 1-128 printable ASCII characters");
  }

  std::unordered_set<std::string_view> ids;
  // What the fingerprint covers when the caller gives none; built only for keyed requests.
  const bool keyed = !request.idempotency_key.empty();
  std::string content = !keyed ? std::string() : request.stream + '\n' +
                        std::to_string(static_cast<int>(request.expected.kind())) + ':' +
                        std::to_string(request.expected.version()) + '\n';
  for (auto& event : request.events) {
    if (event.event_id.empty() || event.event_id.size() > kMaxIdBytes ||
        !printable_ascii(event.event_id)) {
      return invalid_argument("invalid_event_id",
                              "an event id is 1-128 printable ASCII characters");
    }
    if (!ids.insert(event.event_id).second) {
      return invalid_argument("duplicate_event_id", "an event id appears twice in one append");
    }
    if (!versioned_type_name(event.type)) {
      return invalid_argument("invalid_event_type",
                              "an event type is a versioned name such as case.registered.v1");
    }
    if (!utf8_without_controls(event.actor) || !utf8_without_controls(event.correlation_id) ||
        !utf8_without_controls(event.causation_id)) {
      return invalid_argument("invalid_metadata",
                              "actor, correlation and causation ids must be UTF-8 text");
    }
    if (event.data_json.size() > kMaxEventDataBytes) {
      return invalid_argument("event_too_large", "event data is larger than 1 MiB");
    }
    auto canonical = codec::canonical_json(event.data_json);
    if (!canonical.ok()) return canonical.status();
    event.data_json = std::move(canonical).value();
    if (keyed) content += event.type + '\n' + event.data_json + '\n';
  }
  if (request.idempotency_key.empty()) return std::string();  // nothing will store it
  return codec::sha256_hex(request.request_fingerprint.empty() ? content
                                                               : request.request_fingerprint);
}

}  // namespace gongkai::eventstore
