#include "domain/time/civil_date.h"

#include <catch2/catch.hpp>
#include <cstdio>

#include "support/fake_clock.h"

using gongkai::domain::time::CivilDate;
using gongkai::domain::time::Instant;
using gongkai::domain::time::Weekday;

TEST_CASE("civil dates parse strictly and print as YYYY-MM-DD", "[domain][time]") {
  const auto date = CivilDate::parse("2024-02-29");
  REQUIRE(date.has_value());
  CHECK(date->year() == 2024);
  CHECK(date->month() == 2);
  CHECK(date->day() == 29);
  CHECK(date->to_string() == "2024-02-29");
  CHECK_FALSE(CivilDate::parse("2023-02-29").has_value());
  CHECK_FALSE(CivilDate::parse("2021-13-01").has_value());
  CHECK_FALSE(CivilDate::parse("2021-1-01").has_value());
  CHECK_FALSE(CivilDate::parse("2021-01-01x").has_value());
  CHECK_FALSE(CivilDate::parse("").has_value());
}

TEST_CASE("to_string writes four-digit years as %04d-%02d-%02d, others too", "[domain][time]") {
  // Days from year -1 to 10001: four-digit years by hand, the rest through snprintf.
  for (std::int64_t n = -719893; n <= 2932897; n += 61) {
    const CivilDate date = CivilDate::from_days_since_epoch(n);
    char expected[32];
    std::snprintf(expected, sizeof expected, "%04d-%02d-%02d", date.year(), date.month(),
                  date.day());
    INFO(n);
    REQUIRE(date.to_string() == expected);
  }
  CHECK(CivilDate::from_ymd(7, 1, 9).to_string() == "0007-01-09");
  CHECK(CivilDate::from_ymd(9999, 12, 31).to_string() == "9999-12-31");
}

TEST_CASE("weekdays and day arithmetic", "[domain][time]") {
  CHECK(CivilDate::from_ymd(1970, 1, 1).weekday() == Weekday::thursday);
  CHECK(CivilDate::from_ymd(2021, 3, 1).weekday() == Weekday::monday);
  CHECK(CivilDate::from_ymd(2024, 10, 6).weekday() == Weekday::sunday);
  CHECK(CivilDate::from_ymd(1969, 12, 31).weekday() == Weekday::wednesday);
  CHECK(CivilDate::from_ymd(2020, 12, 31).next() == CivilDate::from_ymd(2021, 1, 1));
  CHECK(CivilDate::from_ymd(2024, 3, 1).prev() == CivilDate::from_ymd(2024, 2, 29));
  // Round trip over a long range (covers leap centuries).
  for (std::int64_t n = -800000; n <= 800000; n += 997) {
    const CivilDate date = CivilDate::from_days_since_epoch(n);
    CHECK(CivilDate::from_ymd(date.year(), date.month(), date.day()) == date);
    const auto [year, month, day] = date.ymd();
    CHECK((year == date.year() && month == date.month() && day == date.day()));
  }
}

TEST_CASE("instants convert to civil dates at UTC+8", "[domain][time]") {
  const CivilDate day = CivilDate::from_ymd(2021, 3, 1);
  const Instant midnight = gongkai::domain::time::start_of(day);
  // 2021-03-01 00:00 +08:00 is 2021-02-28 16:00 UTC.
  CHECK(midnight.unix_seconds() == 1614556800 - 8 * 3600);  // 1614556800: 03-01 00:00 UTC
  CHECK(gongkai::domain::time::date_of(midnight) == day);
  CHECK(gongkai::domain::time::date_of(Instant::from_unix_micros(midnight.unix_micros() - 1)) ==
        day.prev());
  CHECK(gongkai::domain::time::date_of(gongkai::testing::office_hours(day)) == day);
  // Before the epoch floor division still picks the right day.
  CHECK(gongkai::domain::time::date_of(Instant::from_unix_seconds(-1)) ==
        CivilDate::from_ymd(1970, 1, 1));
  CHECK(gongkai::domain::time::date_of(Instant::from_unix_seconds(-8 * 3600 - 1)) ==
        CivilDate::from_ymd(1969, 12, 31));
}
