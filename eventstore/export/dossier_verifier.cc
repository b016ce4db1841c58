#include "eventstore/export/dossier_verifier.h"

#include <nlohmann/json.hpp>

#include "eventstore/chain_verifier.h"
#include "eventstore/codec/record_codec.h"
#include "eventstore/export/recorded_json_value.h"

namespace gongkai::eventstore {

using nlohmann::json;

namespace {

constexpr const char* kFormat = "gongkai.dossier.v1";

std::string string_member(const json& object, const char* name) {
  const auto it = object.find(name);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The position an event claims, to name it when it is not a readable record.
std::uint64_t claimed_position(const json& event) {
  if (!event.is_object()) return 0;
  const auto it = event.find("position");
  return it != event.end() && it->is_number_unsigned() ? it->get<std::uint64_t>() : 0;
}

}  // namespace

DossierVerification verify_dossier(std::string_view text) {
  DossierVerification result;
  ChainVerifier verifier(ChainVerifier::Scope::one_stream);
  auto done = [&result, &verifier] {
    result.report = verifier.report();
    return result;
  };
  const json dossier = json::parse(text, nullptr, false);
  if (dossier.is_discarded() || !dossier.is_object()) {
    verifier.fail(0, "the dossier is not a JSON object");
    return done();
  }
  result.case_id = string_member(dossier, "case_id");
  result.stream = string_member(dossier, "stream");
  if (string_member(dossier, "format") != kFormat) {
    verifier.fail(0, std::string("format is not ") + kFormat);
    return done();
  }
  if (result.stream.empty()) {
    verifier.fail(0, "stream is missing");
    return done();
  }
  const auto events = dossier.find("events");
  if (events == dossier.end() || !events->is_array()) {
    verifier.fail(0, "events is not an array");
    return done();
  }
  std::size_t index = 0;
  for (const json& value : *events) {
    auto event = detail::recorded_event_from_value(value);
    if (!event.ok()) {
      verifier.fail(claimed_position(value),
                    "events[" + std::to_string(index) + "]: " + event.status().message());
      return done();
    }
    if (event->stream != result.stream) {
      verifier.fail(event->position, "events[" + std::to_string(index) + "] belongs to stream " +
                                         event->stream + ", not " + result.stream);
      return done();
    }
    if (!verifier.add(*event)) return done();
    ++index;
  }
  const auto& report = verifier.report();
  const auto version = dossier.find("stream_version");
  if (version == dossier.end() || !version->is_number_unsigned() ||
      version->get<std::uint64_t>() != report.events) {
    verifier.fail(0, "stream_version does not match the number of events (" +
                         std::to_string(report.events) + ")");
  } else if (string_member(dossier, "head_hash") != report.head_hash) {
    verifier.fail(0, "head_hash is not the last event's hash");
  }
  return done();
}

}  // namespace gongkai::eventstore
