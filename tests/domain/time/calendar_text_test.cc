#include "domain/time/calendar_text.h"

#include <catch2/catch.hpp>

#include "support/calendars.h"

using gongkai::domain::time::calendar_from_text;
using gongkai::domain::time::format_calendar_text;
using gongkai::domain::time::parse_calendar_text;
using gongkai::domain::time::YearArrangement;
using gongkai::testing::d;

namespace {

std::string error_of(std::string_view text) {
  const auto result = parse_calendar_text(text);
  REQUIRE_FALSE(result.ok());
  CHECK(result.status().reason() == "calendar_invalid");
  return result.status().message();
}

}  // namespace

TEST_CASE("parses years, sources, ranges and names", "[domain][time][calendar]") {
  const auto years = parse_calendar_text(
      "# comment\n\nyear 2021\nsource http://example.gov.cn/a\n"
      "holiday 2021-02-11..2021-02-17 春节\r\nworkday 2021-02-07 春节\n"
      "year 2022\nholiday 2022-01-03\n");
  REQUIRE(years.ok());
  REQUIRE(years->size() == 2);
  const YearArrangement& y2021 = years->at(0);
  CHECK(y2021.year == 2021);
  CHECK(y2021.sources == std::vector<std::string>{"http://example.gov.cn/a"});
  REQUIRE(y2021.holidays.size() == 7);
  CHECK(y2021.holidays.front().date == d("2021-02-11"));
  CHECK(y2021.holidays.back().date == d("2021-02-17"));
  CHECK(y2021.holidays.back().name == "春节");
  REQUIRE(y2021.workdays.size() == 1);
  CHECK(y2021.workdays[0].date == d("2021-02-07"));
  CHECK(years->at(1).holidays.at(0).name.empty());
}

TEST_CASE("refuses malformed calendar text and names the line", "[domain][time][calendar]") {
  CHECK(error_of("holiday 2021-01-01\n").find("line 1") != std::string::npos);
  CHECK(error_of("year 2021\nholiday 2021-02-30\n").find("line 2") != std::string::npos);
  CHECK(error_of("year 2021\nholiday 2022-01-01\n").find("outside year") != std::string::npos);
  CHECK(error_of("year 2021\nholiday 2021-02-17..2021-02-11\n").find("ends before") !=
        std::string::npos);
  CHECK(error_of("year 2021\nvacation 2021-02-11\n").find("unknown keyword") != std::string::npos);
  CHECK(error_of("year 21\n").find("line 1") != std::string::npos);
  CHECK(error_of("year 2021\nyear 2021\n").find("repeated") != std::string::npos);
  CHECK(error_of("year 2021\nsource\n").find("source") != std::string::npos);
  // 2021-03-01 is a Monday: listing it as an adjusted working day is a typo.
  CHECK(error_of("year 2021\nworkday 2021-03-01\n").find("Monday-Friday") != std::string::npos);
  CHECK(error_of("year 2021\nholiday 2021-10-01\nworkday 2021-10-01\n").find("more than once") !=
        std::string::npos);
}

TEST_CASE("the canonical text round-trips, the built-in file included",
          "[domain][time][calendar]") {
  const auto years = parse_calendar_text(gongkai::domain::time::builtin_calendar_text());
  REQUIRE(years.ok());
  CHECK(years->size() == 8);
  const std::string text = format_calendar_text(years.value());
  const auto again = parse_calendar_text(text);
  REQUIRE(again.ok());
  CHECK(format_calendar_text(again.value()) == text);
  CHECK(text.find("holiday 2020-01-24..2020-02-02 春节") != std::string::npos);
}

TEST_CASE("replacing a year yields a new calendar version", "[domain][time][calendar]") {
  const auto base = calendar_from_text("year 2021\nholiday 2021-10-01..2021-10-07 国庆节\n");
  REQUIRE(base.ok());
  CHECK(base->revision() == 1);
  CHECK(base->is_working_day(d("2021-10-08")));  // a Friday after the holiday
  const auto years = parse_calendar_text("year 2021\nholiday 2021-10-01..2021-10-08 国庆节\n");
  REQUIRE(years.ok());
  const auto next = base->with_year(years->at(0));
  REQUIRE(next.ok());
  CHECK(next->revision() == 2);
  CHECK(next->version() != base->version());
  CHECK(next->fingerprint() != base->fingerprint());
  CHECK_FALSE(next->is_working_day(d("2021-10-08")));
  // The original is unchanged (calendars are values).
  CHECK(base->revision() == 1);
  CHECK(base->is_working_day(d("2021-10-08")));
  // An invalid replacement is refused and makes no version.
  YearArrangement bad{2021, {}, {{d("2022-01-01"), ""}}, {}};
  CHECK_FALSE(base->with_year(bad).ok());
  // Same content, same fingerprint, whatever the revision.
  const auto same = base->with_year(
      parse_calendar_text("year 2021\nholiday 2021-10-01..2021-10-07 国庆节\n")->at(0));
  REQUIRE(same.ok());
  CHECK(same->fingerprint() == base->fingerprint());
  CHECK(same->version() != base->version());
}
