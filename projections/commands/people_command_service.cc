#include "projections/commands/people_command_service.h"

#include <cstdio>
#include <random>
#include <type_traits>

#include "eventstore/codec/people_event_codec.h"

namespace gongkai::projections::commands {

namespace {

bool creates_stream(const domain::people::PeopleEvent& event) {
  return std::visit(
      [](const auto& e) {
        using T = std::remove_cvref_t<decltype(e)>;
        return std::is_same_v<T, domain::people::UserCreated> ||
               std::is_same_v<T, domain::people::DepartmentCreated> ||
               std::is_same_v<T, domain::people::SessionOpened>;
      },
      event);
}

}  // namespace

namespace {

std::mt19937_64 from_entropy() {
  std::random_device entropy;
  std::seed_seq seed{entropy(), entropy(), entropy(), entropy()};
  return std::mt19937_64(seed);
}

std::mt19937_64& id_generator() {
  thread_local std::mt19937_64 generator = from_entropy();
  return generator;
}

}  // namespace

void seed_event_ids(std::uint64_t seed) { id_generator().seed(seed); }

void randomize_event_ids() { id_generator() = from_entropy(); }

std::string random_hex_id() {
  auto& generator = id_generator();
  char text[40];
  std::snprintf(text, sizeof text, "%016llx%016llx", static_cast<unsigned long long>(generator()),
                static_cast<unsigned long long>(generator()));
  return text;
}

domain::Result<PeopleOutcome> PeopleCommandService::execute(
    const domain::people::PeopleCommand& command, domain::time::Instant now,
    const std::string& correlation_id) {
  auto events = domain::people::decide_people(command, now);
  if (!events.ok()) return events.status();
  PeopleOutcome outcome;
  for (const auto& event : *events) {
    auto append = eventstore::codec::to_append(event, random_hex_id(), correlation_id, "");
    if (!append.ok()) return append.status();
    eventstore::AppendRequest request;
    request.stream = domain::people::stream_of(event);
    request.expected = creates_stream(event) ? eventstore::ExpectedVersion::no_stream()
                                             : eventstore::ExpectedVersion::any();
    request.events.push_back(std::move(*append));
    auto result = store_.append(request);
    if (!result.ok()) {
      if (result.status().code() == domain::Code::conflict) {
        return domain::conflict("already_exists", "it exists already");
      }
      return result.status();
    }
    outcome.position = result->last_position;
  }
  outcome.events = std::move(*events);
  return outcome;
}

}  // namespace gongkai::projections::commands
