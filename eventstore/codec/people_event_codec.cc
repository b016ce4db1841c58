#include "eventstore/codec/people_event_codec.h"

#include <array>
#include <cstddef>
#include <nlohmann/json.hpp>
#include <type_traits>
#include <utility>
#include <variant>

#include "eventstore/codec/case_event_codec.h"  // actor_string, kUndecodableEvent
#include "eventstore/codec/case_event_json.h"   // JsonWriter, JsonReader
#include "eventstore/codec/record_codec.h"      // format_instant, parse_instant

namespace gongkai::eventstore::codec {
namespace detail {

namespace people = domain::people;

// The people enums' wire names, for the shared writer and reader.
template <>
struct EnumWire<domain::policy::Role>
    : WireNames<domain::policy::Role, &domain::policy::role_name, &domain::policy::parse_role> {};
template <>
struct EnumWire<people::SessionCloseReason>
    : WireNames<people::SessionCloseReason, &people::close_reason_name,
                &people::parse_close_reason> {};

// Each event's data fields (actor and recorded_at live in the record). SessionOpened's
// `expires_at` is written and read by the codec itself (an instant, not a date).
void describe(auto& io, Is<people::UserCreated> auto& e) {
  io.field("user_id", e.user_id);
  io.field("username", e.username);
  io.field("display_name", e.display_name);
  io.field("roles", e.roles);
  io.field("agency", e.agency);
  io.field("departments", e.departments);
}
void describe(auto& io, Is<people::UserChanged> auto& e) {
  io.field("user_id", e.user_id);
  io.field("roles", e.roles);
  io.field("departments", e.departments);
  io.field("disabled", e.disabled);
}
void describe(auto& io, Is<people::PasswordSet> auto& e) {
  io.field("user_id", e.user_id);
  io.field("password_record", e.password_record);
}
void describe(auto& io, Is<people::DepartmentCreated> auto& e) {
  io.field("code", e.code);
  io.field("name", e.name);
  io.field("agency", e.agency);
}
void describe(auto& io, Is<people::SessionOpened> auto& e) {
  io.field("session_id", e.session_id);
  io.field("user_id", e.user_id);
  io.field("idle_timeout_seconds", e.idle_timeout_seconds);
}
void describe(auto& io, Is<people::SessionClosed> auto& e) {
  io.field("session_id", e.session_id);
  io.field("reason", e.reason);
}

}  // namespace detail

namespace {

namespace people = domain::people;
using detail::json;
using domain::Result;
using domain::Status;
using people::PeopleEvent;

constexpr std::string_view kExpiresAt = "expires_at";

Status undecodable(std::string_view type, const std::string& problem) {
  return domain::internal_error(
      std::string(kUndecodableEvent),
      "cannot decode event of type '" + std::string(type) + "': " + problem);
}

template <typename E>
Result<PeopleEvent> decode_as(const json& data, people::PeopleEventBase base) {
  E event{};
  static_cast<people::PeopleEventBase&>(event) = std::move(base);
  detail::JsonReader reader(data, "");
  describe(reader, event);
  std::string expires_at;
  if constexpr (std::is_same_v<E, people::SessionOpened>) {
    reader.field(kExpiresAt, expires_at);
  }
  reader.finish();
  if (!reader.error().empty()) {
    return undecodable(E::kType, reader.error());
  }
  if constexpr (std::is_same_v<E, people::SessionOpened>) {
    if (!parse_instant(expires_at, event.expires_at)) {
      return undecodable(E::kType,
                         "field 'expires_at': not an RFC 3339 UTC instant: '" + expires_at + "'");
    }
  }
  return PeopleEvent(std::move(event));
}

using DecodeFn = Result<PeopleEvent> (*)(const json& data, people::PeopleEventBase base);
struct Decoder {
  std::string_view type;
  DecodeFn decode;
};

template <std::size_t... I>
constexpr std::array<Decoder, sizeof...(I)> make_decoders(std::index_sequence<I...> /*unused*/) {
  return {{{std::variant_alternative_t<I, PeopleEvent>::kType,
            &decode_as<std::variant_alternative_t<I, PeopleEvent>>}...}};
}
// One decoder per current type, generated from the variant. No upcasters yet: all are .v1.
constexpr auto kDecoders =
    make_decoders(std::make_index_sequence<std::variant_size_v<PeopleEvent>>{});

constexpr bool type_names_are_unambiguous() {
  for (std::size_t i = 0; i < kDecoders.size(); ++i) {
    for (std::size_t j = i + 1; j < kDecoders.size(); ++j) {
      if (kDecoders[i].type == kDecoders[j].type) {
        return false;
      }
    }
  }
  return true;
}
static_assert(type_names_are_unambiguous(), "a people event type name is used twice");

const Decoder* find_decoder(std::string_view type) {
  for (const Decoder& decoder : kDecoders) {
    if (decoder.type == type) {
      return &decoder;
    }
  }
  return nullptr;
}

Result<PeopleEvent> decode_json(const RecordedEvent& recorded) {
  const Decoder* decoder = find_decoder(recorded.type);
  if (decoder == nullptr) {
    return undecodable(recorded.type, "unknown event type");
  }
  const json data = json::parse(recorded.data_json, nullptr, /*allow_exceptions=*/false);
  if (data.is_discarded() || !data.is_object()) {
    return undecodable(recorded.type, "data is not a JSON object");
  }
  const auto actor = parse_actor_string(recorded.actor);
  if (!actor.has_value()) {
    return undecodable(recorded.type,
                       "actor '" + recorded.actor + "' is not <role>:<id> or system");
  }
  auto event = decoder->decode(data, people::PeopleEventBase{*actor, recorded.recorded_at});
  if (!event.ok()) {
    return event;
  }
  const std::string stream = people::stream_of(*event);
  if (stream != recorded.stream) {
    return undecodable(recorded.type, "the event belongs in stream '" + stream + "', not '" +
                                          recorded.stream + "'");
  }
  return event;
}

}  // namespace

bool is_people_event_type(std::string_view type) { return find_decoder(type) != nullptr; }

Result<std::string> encode_people_event_data(const PeopleEvent& event) {
  json data = json::object();
  detail::JsonWriter writer(data);
  std::visit(
      [&writer, &data](const auto& e) {
        describe(writer, e);
        if constexpr (std::is_same_v<std::remove_cvref_t<decltype(e)>, people::SessionOpened>) {
          data[std::string(kExpiresAt)] = format_instant(e.expires_at);
        }
      },
      event);
  try {
    return data.dump();  // canonical: sorted keys, no whitespace; throws on invalid UTF-8
  } catch (const json::exception& e) {
    return domain::invalid_argument("invalid_utf8",
                                    "event of type '" + std::string(people::event_type(event)) +
                                        "' has a string that is not UTF-8: " + e.what());
  }
}

Result<EventToAppend> to_append(const PeopleEvent& event, std::string event_id,
                                std::string correlation_id, std::string causation_id) {
  auto data = encode_people_event_data(event);
  if (!data.ok()) {
    return data.status();
  }
  const people::PeopleEventBase& base = people::event_base(event);
  return EventToAppend{std::move(event_id),       std::string(people::event_type(event)),
                       std::move(data).value(),   actor_string(base.actor),
                       std::move(correlation_id), std::move(causation_id),
                       base.recorded_at};
}

Result<PeopleEvent> decode_people_event(const RecordedEvent& recorded) {
  try {
    return decode_json(recorded);
  } catch (const json::exception& e) {  // not expected: every access is checked first
    return undecodable(recorded.type, std::string("JSON error: ") + e.what());
  }
}

}  // namespace gongkai::eventstore::codec
