// The calendar's recorded versions: calendar.year_set.v1 events in calendar-<agency>, folded onto
// a base calendar in log order; a version that cannot be read stops the load.
#include <catch2/catch.hpp>

#include "eventstore/rocksdb/rocksdb_event_store.h"
#include "projections/calendar/calendar_versions.h"
#include "support/temp_dir.h"

namespace gongkai::testing {

namespace {

namespace pc = projections::calendar;
using domain::time::CivilDate;
using domain::time::YearArrangement;

CivilDate day(const char* text) { return *CivilDate::parse(text); }

YearArrangement year_2030(std::vector<const char*> holidays, const char* source = "s") {
  YearArrangement a;
  a.year = 2030;
  a.sources = {source};
  for (const char* h : holidays) a.holidays.push_back({day(h), ""});
  return a;
}

const domain::policy::ActorRef kAdmin{"u-admin", domain::policy::Role::admin};
const auto kNow = domain::time::Instant::from_unix_micros(1'900'000'000'000'000);

std::unique_ptr<eventstore::RocksDbEventStore> open_store(const TempDir& dir) {
  auto store = eventstore::RocksDbEventStore::open({.directory = dir.path(),
                                                    .hooks = {},
                                                    .sync_writes = true,
                                                    .env = nullptr});
  REQUIRE(store.ok());
  return std::move(*store);
}

}  // namespace

TEST_CASE("recorded years are applied onto the base in log order", "[projections][calendar]") {
  // Given two versions of 2030 recorded for CJZ and one for another agency
  TempDir dir;
  auto store = open_store(dir);
  REQUIRE(pc::record_year(*store, "CJZ", year_2030({"2030-01-01", "2030-01-02"}), kAdmin, kNow, 0)
              .ok());
  auto second = pc::record_year(*store, "CJZ", year_2030({"2030-01-03"}, "v2"), kAdmin, kNow, 1);
  REQUIRE(second.ok());
  REQUIRE(pc::record_year(*store, "XYZ", year_2030({"2030-05-06"}), kAdmin, kNow, 0).ok());

  // When CJZ's calendar is loaded onto an empty base
  auto loaded = pc::load_calendar(*store, "CJZ", domain::time::Calendar());

  // Then the last version of 2030 is in force, the revision counts both, and who recorded it
  REQUIRE(loaded.ok());
  CHECK(loaded->stream_version == 2);
  CHECK(loaded->calendar.revision() == 2);
  CHECK(loaded->calendar.is_working_day(day("2030-01-02")));
  CHECK_FALSE(loaded->calendar.is_working_day(day("2030-01-03")));
  CHECK(loaded->calendar.is_working_day(day("2030-05-06")));
  CHECK(loaded->calendar.arrangement(2030)->sources == std::vector<std::string>{"v2"});
  REQUIRE(loaded->recorded.count(2030) == 1);
  CHECK(loaded->recorded.at(2030).by.id == "u-admin");
  CHECK(loaded->recorded.at(2030).position == second->last_position);
}

TEST_CASE("recording refuses a stale version and an invalid arrangement",
          "[projections][calendar]") {
  TempDir dir;
  auto store = open_store(dir);
  REQUIRE(pc::record_year(*store, "CJZ", year_2030({"2030-01-01"}), kAdmin, kNow, 0).ok());

  auto stale = pc::record_year(*store, "CJZ", year_2030({"2030-01-02"}), kAdmin, kNow, 0);
  CHECK(stale.status().code() == domain::Code::conflict);
  auto outside = pc::record_year(*store, "CJZ", year_2030({"2031-01-01"}), kAdmin, kNow, 1);
  CHECK(outside.status().reason() == "calendar_invalid");
  CHECK(store->head_position() == 1);
}

TEST_CASE("a recorded version that does not decode stops the load", "[projections][calendar]") {
  TempDir dir;
  auto store = open_store(dir);
  eventstore::AppendRequest request;
  request.stream = pc::calendar_stream("CJZ");
  request.events.push_back({.event_id = "e1",
                            .type = std::string(pc::kYearSetType),
                            .data_json = R"({"year":2030,"holidays":["2030-02-30"],"workdays":[],"source":""})",
                            .actor = "system",
                            .correlation_id = "",
                            .causation_id = "",
                            .recorded_at = kNow});
  REQUIRE(store->append(request).ok());

  auto loaded = pc::load_calendar(*store, "CJZ", domain::time::Calendar());

  CHECK(loaded.status().reason() == "corrupt_calendar_event");
  CHECK(loaded.status().code() == domain::Code::internal);
}

}  // namespace gongkai::testing
