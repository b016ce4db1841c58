#include "projections/calendar/calendar_versions.h"

#include <nlohmann/json.hpp>
#include <utility>
#include <vector>

#include "eventstore/codec/case_event_codec.h"  // actor_string, parse_actor_string
#include "projections/commands/people_command_service.h"  // random_hex_id

namespace gongkai::projections::calendar {

namespace {

using domain::Result;
using domain::time::CivilDate;
using domain::time::ListedDay;
using domain::time::YearArrangement;
using nlohmann::json;

constexpr std::size_t kPage = 1000;

domain::Status corrupt(const eventstore::RecordedEvent& event, const std::string& what) {
  return domain::internal_error("corrupt_calendar_event", "calendar event at position " +
                                                              std::to_string(event.position) +
                                                              ": " + what);
}

json dates(const std::vector<ListedDay>& days) {
  json list = json::array();
  for (const ListedDay& day : days) list.push_back(day.date.to_string());
  return list;
}

bool read_dates(const json& list, std::vector<ListedDay>& out) {
  if (!list.is_array()) return false;
  for (const json& item : list) {
    if (!item.is_string()) return false;
    auto date = CivilDate::parse(item.get<std::string>());
    if (!date) return false;
    out.push_back({*date, ""});
  }
  return true;
}

}  // namespace

std::string calendar_stream(std::string_view agency) {
  return "calendar-" + std::string(agency);
}

Result<eventstore::EventToAppend> year_set_event(const YearArrangement& arrangement,
                                                 const domain::policy::ActorRef& actor,
                                                 domain::time::Instant now,
                                                 std::string correlation_id) {
  if (auto status = domain::time::validate_arrangement(arrangement); !status.ok()) return status;
  json data = {{"year", arrangement.year},
               {"holidays", dates(arrangement.holidays)},
               {"workdays", dates(arrangement.workdays)},
               {"source", arrangement.sources.empty() ? "" : arrangement.sources.front()}};
  eventstore::EventToAppend event;
  event.event_id = commands::random_hex_id();
  event.type = std::string(kYearSetType);
  event.data_json = data.dump();
  event.actor = eventstore::codec::actor_string(actor);
  event.correlation_id = std::move(correlation_id);
  event.recorded_at = now;
  return event;
}

Result<YearArrangement> decode_year_set(const eventstore::RecordedEvent& event) {
  if (event.type != kYearSetType) return corrupt(event, "unknown type " + event.type);
  YearArrangement arrangement;
  try {
    const json data = json::parse(event.data_json);
    arrangement.year = data.at("year").get<int>();
    const std::string source = data.at("source").get<std::string>();
    if (!source.empty()) arrangement.sources.push_back(source);
    if (!read_dates(data.at("holidays"), arrangement.holidays) ||
        !read_dates(data.at("workdays"), arrangement.workdays)) {
      return corrupt(event, "a date list is not a list of YYYY-MM-DD");
    }
  } catch (const json::exception& e) {
    return corrupt(event, e.what());
  }
  if (auto status = domain::time::validate_arrangement(arrangement); !status.ok()) {
    return corrupt(event, status.message());
  }
  return arrangement;
}

Result<StoredCalendar> load_calendar(const eventstore::EventStore& store, std::string_view agency,
                                     domain::time::Calendar base) {
  StoredCalendar stored{std::move(base), 0, {}};
  const std::string stream = calendar_stream(agency);
  for (std::uint64_t from = 1;;) {
    auto events = store.read_stream_forward(stream, from, kPage);
    if (!events.ok()) return events.status();
    for (const auto& event : *events) {
      auto arrangement = decode_year_set(event);
      if (!arrangement.ok()) return arrangement.status();
      const int year = arrangement->year;
      auto next = stored.calendar.with_year(std::move(*arrangement));
      if (!next.ok()) return corrupt(event, next.status().message());
      stored.calendar = std::move(*next);
      stored.stream_version = event.version;
      const auto actor = eventstore::codec::parse_actor_string(event.actor);
      stored.recorded[year] = {actor.value_or(domain::policy::ActorRef{event.actor,
                                                                       domain::policy::Role::system}),
                               event.recorded_at, event.position, event.version};
    }
    if (events->size() < kPage) break;
    from = events->back().version + 1;
  }
  return stored;
}

Result<eventstore::AppendResult> record_year(eventstore::EventStore& store,
                                             std::string_view agency,
                                             const YearArrangement& arrangement,
                                             const domain::policy::ActorRef& actor,
                                             domain::time::Instant now,
                                             std::uint64_t expected_version,
                                             std::string correlation_id) {
  auto event = year_set_event(arrangement, actor, now, std::move(correlation_id));
  if (!event.ok()) return event.status();
  eventstore::AppendRequest request;
  request.stream = calendar_stream(agency);
  request.expected = expected_version == 0 ? eventstore::ExpectedVersion::no_stream()
                                           : eventstore::ExpectedVersion::exactly(expected_version);
  request.events.push_back(std::move(*event));
  return store.append(std::move(request));
}

}  // namespace gongkai::projections::calendar
