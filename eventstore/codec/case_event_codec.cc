#include "eventstore/codec/case_event_codec.h"

#include <array>
#include <cstddef>
#include <nlohmann/json.hpp>
#include <utility>
#include <variant>

#include "eventstore/codec/case_event_decode_paths.h"
#include "eventstore/codec/case_event_json.h"
#include "eventstore/codec/case_event_raw_reader.h"

namespace gongkai::eventstore::codec {

namespace {

namespace cases = domain::cases;
using cases::CaseEvent;
using detail::json;
using domain::Result;
using domain::Status;

constexpr std::string_view kCaseStreamPrefix = "case-";
constexpr std::string_view kCaseIdField = "case_id";

Status undecodable(std::string_view type, const std::string& problem) {
  return domain::internal_error(
      std::string(kUndecodableEvent),
      "cannot decode event of type '" + std::string(type) + "': " + problem);
}

// ---- Decoding: one entry per stored type name ------------------------------------------------

// Decodes `data` (already upcast to the current version) into an event of type E.
template <typename E>
Result<CaseEvent> decode_as(const json& data, cases::EventBase base) {
  E event{};
  static_cast<cases::EventBase&>(event) = std::move(base);
  detail::JsonReader reader(data, "");
  // case_id was read and checked before dispatch; it is listed so it does not count as unexpected.
  std::string ignored_case_id;
  reader.field(kCaseIdField, ignored_case_id);
  describe(reader, event);
  reader.finish();
  if (!reader.error().empty()) {
    return undecodable(E::kType, reader.error());
  }
  return CaseEvent(std::move(event));
}

// The fast path's E: the same field list over a RawObject; nullopt where JsonReader would refuse
// or where the data is outside RawObject's subset (the caller then decodes with decode_as).
template <typename E>
std::optional<CaseEvent> decode_raw_as(const detail::RawObject& data, cases::EventBase base) {
  std::optional<CaseEvent> out(std::in_place, std::in_place_type<E>);
  E& event = std::get<E>(*out);
  static_cast<cases::EventBase&>(event) = std::move(base);
  detail::RawReader reader(data);
  reader.skip(kCaseIdField);  // read and checked before dispatch
  describe(reader, event);
  if (!reader.finish()) return std::nullopt;
  return out;
}

using DecodeFn = Result<CaseEvent> (*)(const json& data, cases::EventBase base);
using RawDecodeFn = std::optional<CaseEvent> (*)(const detail::RawObject& data,
                                                 cases::EventBase base);
struct Decoder {
  std::string_view type;
  DecodeFn decode;
  RawDecodeFn decode_raw;
};

template <std::size_t... I>
constexpr std::array<Decoder, sizeof...(I)> make_decoders(std::index_sequence<I...> /*unused*/) {
  return {{{std::variant_alternative_t<I, CaseEvent>::kType,
            &decode_as<std::variant_alternative_t<I, CaseEvent>>,
            &decode_raw_as<std::variant_alternative_t<I, CaseEvent>>}...}};
}

// The dispatch table, keyed by type name: one decoder per current event type, generated from the
// CaseEvent variant so that no type can be left out.
constexpr auto kDecoders =
    make_decoders(std::make_index_sequence<std::variant_size_v<CaseEvent>>{});

// Upcasters: the data of an older stored version, rewritten as the next version's data. When an
// event gets a new shape, its struct's kType becomes ".v2" (so kDecoders decodes v2) and one line
// is added here for the v1 events already stored, e.g.
//   {"case.registered.v1", "case.registered.v2", &registered_v1_to_v2},
// where `json registered_v1_to_v2(json data)` fills in the new fields. Upcasters chain
// (v1 -> v2 -> v3). None exists yet: every type is at .v1.
struct Upcaster {
  std::string_view from;
  std::string_view to;
  json (*upcast)(json data);
};
constexpr std::array<Upcaster, 0> kUpcasters{};

// Each stored type name means one thing: no two current types share a name, and an upcaster
// starts only from a type that is no longer current.
constexpr bool type_names_are_unambiguous() {
  for (std::size_t i = 0; i < kDecoders.size(); ++i) {
    for (std::size_t j = i + 1; j < kDecoders.size(); ++j) {
      if (kDecoders[i].type == kDecoders[j].type) {
        return false;
      }
    }
    for (const Upcaster& upcaster : kUpcasters) {
      if (upcaster.from == kDecoders[i].type) {
        return false;
      }
    }
  }
  return true;
}
static_assert(type_names_are_unambiguous(), "a case event type name is used twice");

const Upcaster* find_upcaster(std::string_view type) {
  for (const Upcaster& upcaster : kUpcasters) {
    if (upcaster.from == type) {
      return &upcaster;
    }
  }
  return nullptr;
}

const Decoder* find_decoder(std::string_view type) {
  for (const Decoder& decoder : kDecoders) {
    if (decoder.type == type) {
      return &decoder;
    }
  }
  return nullptr;
}

// The fast path: no JSON tree, no messages. nullopt for anything it does not decode exactly as
// decode_json would; decode_json then decides (and explains a refusal).
std::optional<CaseEvent> decode_raw(const RecordedEvent& recorded) {
  if (find_upcaster(recorded.type) != nullptr) return std::nullopt;
  const Decoder* decoder = find_decoder(recorded.type);
  if (decoder == nullptr) return std::nullopt;
  detail::RawObject data;
  // Data the store's reader checked as canonical JSON is not checked again (a tenth of a rebuild's
  // applying thread), nor split again where the reader noted its members; anything else is,
  // whoever built the record.
  const bool split = !recorded.data_checked() ? data.parse(recorded.data_json)
                     : !recorded.data_members.empty()
                         ? data.adopt_checked(recorded.data_json, recorded.data_members)
                         : data.parse_checked(recorded.data_json);
  if (!split) return std::nullopt;
  const detail::RawMember* case_id = data.find(kCaseIdField);
  std::string_view id;
  if (case_id == nullptr || !detail::raw_plain_string(case_id->value, id)) return std::nullopt;
  const std::string_view stream = recorded.stream;
  if (stream.size() != kCaseStreamPrefix.size() + id.size() ||
      !stream.starts_with(kCaseStreamPrefix) || !stream.ends_with(id)) {
    return std::nullopt;
  }
  auto actor = parse_actor_string(recorded.actor);
  if (!actor.has_value()) return std::nullopt;
  return decoder->decode_raw(
      data, cases::EventBase{std::string(id), std::move(*actor), recorded.recorded_at});
}

Result<CaseEvent> decode_json(const RecordedEvent& recorded) {
  const std::string_view stored_type = recorded.type;
  json data = json::parse(recorded.data_json, nullptr, /*allow_exceptions=*/false);
  if (data.is_discarded()) {
    return undecodable(stored_type, "data is not valid JSON");
  }
  if (!data.is_object()) {
    return undecodable(stored_type, "data is not a JSON object");
  }

  std::string_view type = stored_type;
  for (const Upcaster* up = find_upcaster(type); up != nullptr; up = find_upcaster(type)) {
    data = up->upcast(std::move(data));
    type = up->to;
  }
  const Decoder* decoder = find_decoder(type);
  if (decoder == nullptr) {
    return undecodable(stored_type, "unknown event type");
  }

  cases::EventBase base;
  const auto case_id = data.find(std::string(kCaseIdField));
  if (case_id == data.end()) {
    return undecodable(stored_type, "field 'case_id': missing");
  }
  if (!case_id->is_string()) {
    return undecodable(stored_type, "field 'case_id': expected a string, found " +
                                        std::string(case_id->type_name()));
  }
  base.case_id = case_id->get<std::string>();
  if (recorded.stream != case_stream(base.case_id)) {
    return undecodable(stored_type, "field 'case_id': '" + base.case_id +
                                        "' does not belong in stream '" + recorded.stream + "'");
  }
  const auto actor = parse_actor_string(recorded.actor);
  if (!actor.has_value()) {
    return undecodable(stored_type, "actor '" + recorded.actor + "' is not <role>:<id> or system");
  }
  base.actor = *actor;
  base.recorded_at = recorded.recorded_at;
  return decoder->decode(data, std::move(base));
}

}  // namespace

std::string actor_string(const domain::policy::ActorRef& actor) {
  if (actor.role == domain::policy::Role::system && actor.id == domain::policy::kSystemActorId) {
    return std::string(domain::policy::kSystemActorId);
  }
  return std::string(domain::policy::role_name(actor.role)) + ":" + actor.id;
}

std::optional<domain::policy::ActorRef> parse_actor_string(std::string_view text) {
  if (text == domain::policy::kSystemActorId) {
    return domain::policy::ActorRef{std::string(domain::policy::kSystemActorId),
                                    domain::policy::Role::system};
  }
  // Role names contain no ':', so the first one ends the role and the id may contain more.
  const std::size_t colon = text.find(':');
  if (colon == std::string_view::npos) {
    return std::nullopt;
  }
  const auto role = domain::policy::parse_role(text.substr(0, colon));
  if (!role.has_value()) {
    return std::nullopt;
  }
  return domain::policy::ActorRef{std::string(text.substr(colon + 1)), *role};
}

std::string case_stream(std::string_view case_id) {
  return std::string(kCaseStreamPrefix) + std::string(case_id);
}

Result<std::string> encode_case_event_data(const CaseEvent& event) {
  json data = json::object();
  detail::JsonWriter writer(data);
  writer.field(kCaseIdField, cases::event_base(event).case_id);
  std::visit([&writer](const auto& e) { describe(writer, e); }, event);
  try {
    // nlohmann's defaults are the canonical form: keys sorted (std::map), no whitespace, raw
    // UTF-8, only the escapes JSON requires. It throws on invalid UTF-8.
    return data.dump();
  } catch (const json::exception& e) {
    return domain::invalid_argument("invalid_utf8",
                                    "event of type '" + std::string(cases::event_type(event)) +
                                        "' has a string that is not UTF-8: " + e.what());
  }
}

Result<EventToAppend> to_append(const CaseEvent& event, std::string event_id,
                                std::string correlation_id, std::string causation_id) {
  auto data = encode_case_event_data(event);
  if (!data.ok()) {
    return data.status();
  }
  const cases::EventBase& base = cases::event_base(event);
  return EventToAppend{std::move(event_id),       std::string(cases::event_type(event)),
                       std::move(data).value(),   actor_string(base.actor),
                       std::move(correlation_id), std::move(causation_id),
                       base.recorded_at};
}

namespace detail {

std::optional<CaseEvent> decode_case_event_fast(const RecordedEvent& recorded) {
  return decode_raw(recorded);
}

Result<CaseEvent> decode_case_event_general(const RecordedEvent& recorded) {
  try {
    return decode_json(recorded);
  } catch (const json::exception& e) {  // not expected: every access is checked first
    return undecodable(recorded.type, std::string("JSON error: ") + e.what());
  }
}

}  // namespace detail

Result<CaseEvent> decode_case_event(const RecordedEvent& recorded) {
  if (auto decoded = detail::decode_case_event_fast(recorded)) return std::move(*decoded);
  return detail::decode_case_event_general(recorded);
}

}  // namespace gongkai::eventstore::codec
