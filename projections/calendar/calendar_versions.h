// The calendar's recorded versions (DESIGN.md: "the calendar's versions in `calendar-<agency>`").
// The built-in calendar (domain/time/calendar_text.h) is the base; every `PUT /calendar/{year}`
// appends one `calendar.year_set.v1` to stream `calendar-<agency>`, and the calendar in force is
// the base with each recorded year applied in log order (Calendar::with_year), so its revision is
// the base's plus the number of recorded versions, the same after every restart.
//
// Event data (JSON object, canonical in the store):
//   {"year": 2021, "holidays": ["2021-01-01", ...], "workdays": ["2021-02-07", ...],
//    "source": "http://www.gov.cn/..."}          ("source" may be "": none given)
// actor and recorded_at live in the record, as for every event. A year's arrangement is replaced
// as a whole; festival names are not part of the API, so a recorded year has none.
//
// Errors: an event whose data does not decode or does not validate is internal
// `corrupt_calendar_event` (start-up fails rather than run on a calendar it cannot read).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "domain/base/status.h"
#include "domain/policy/roles.h"
#include "domain/time/calendar.h"
#include "domain/time/instant.h"
#include "eventstore/event_store.h"

namespace gongkai::projections::calendar {

inline constexpr std::string_view kYearSetType = "calendar.year_set.v1";

[[nodiscard]] std::string calendar_stream(std::string_view agency);

// Who recorded a year, when, and where the event is.
struct YearRecord {
  domain::policy::ActorRef by;
  domain::time::Instant at;
  std::uint64_t position = 0;
  std::uint64_t stream_version = 0;
};

struct StoredCalendar {
  domain::time::Calendar calendar;
  std::uint64_t stream_version = 0;        // recorded versions (0: only the base)
  std::map<int, YearRecord> recorded;      // the last record of each recorded year
};

// The base with every recorded year applied, oldest first.
[[nodiscard]] domain::Result<StoredCalendar> load_calendar(const eventstore::EventStore& store,
                                                           std::string_view agency,
                                                           domain::time::Calendar base);

// The event's data for one year (validated: validate_arrangement's refusals, invalid_argument).
[[nodiscard]] domain::Result<eventstore::EventToAppend> year_set_event(
    const domain::time::YearArrangement& arrangement, const domain::policy::ActorRef& actor,
    domain::time::Instant now, std::string correlation_id);

// One recorded event back as an arrangement.
[[nodiscard]] domain::Result<domain::time::YearArrangement> decode_year_set(
    const eventstore::RecordedEvent& event);

// Appends one version to calendar-<agency> if the stream is still at `expected_version`
// (conflict version_conflict otherwise).
[[nodiscard]] domain::Result<eventstore::AppendResult> record_year(
    eventstore::EventStore& store, std::string_view agency,
    const domain::time::YearArrangement& arrangement, const domain::policy::ActorRef& actor,
    domain::time::Instant now, std::uint64_t expected_version, std::string correlation_id = "");

}  // namespace gongkai::projections::calendar
