// Checks the built-in calendar (domain/time/holidays-cn.txt) against the reference data in
// ../shared/data/holidays-cn/ (NateScarlet/holiday-cn, copied from the State Council notices).
#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>

#include "domain/time/calendar_text.h"
#include "support/calendars.h"

using gongkai::domain::time::CivilDate;
using gongkai::domain::time::DayKind;
using gongkai::testing::china_calendar;

namespace {

// date -> isOffDay for every day listed in the reference file of `year`.
std::map<CivilDate, bool> reference_days(int year) {
  const std::string path =
      std::string(GONGKAI_SHARED_DATA_DIR) + "/holidays-cn/" + std::to_string(year) + ".json";
  std::ifstream in(path);
  REQUIRE(in.good());
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string json = buffer.str();
  static const std::regex day_pattern(
      R"re("date"\s*:\s*"(\d{4}-\d{2}-\d{2})"\s*,\s*"isOffDay"\s*:\s*(true|false))re");
  std::map<CivilDate, bool> days;
  for (auto it = std::sregex_iterator(json.begin(), json.end(), day_pattern);
       it != std::sregex_iterator(); ++it) {
    const auto date = CivilDate::parse((*it)[1].str());
    REQUIRE(date.has_value());
    days[*date] = (*it)[2].str() == "true";
  }
  REQUIRE(days.size() > 20);  // the regex really matched the file's shape
  return days;
}

}  // namespace

TEST_CASE("every day the State Council listed for 2019-2026 has the listed status",
          "[domain][time][calendar]") {
  const auto& calendar = china_calendar();
  int checked = 0;
  for (int year = 2019; year <= 2026; ++year) {
    CHECK(calendar.is_known_year(year));
    for (const auto& [date, off] : reference_days(year)) {
      // A notice may mention days of the previous year (2018-12-29..31 in the 2019 notice);
      // those belong to a year this calendar does not cover.
      if (date.year() < 2019) {
        continue;
      }
      INFO(date.to_string());
      CHECK(calendar.is_working_day(date) == !off);
      ++checked;
    }
  }
  CHECK(checked > 250);
}

TEST_CASE("every day the built-in file lists is a day of the reference data",
          "[domain][time][calendar]") {
  const auto& calendar = china_calendar();
  for (int year = 2019; year <= 2026; ++year) {
    const auto reference = reference_days(year);
    const auto* arrangement = calendar.arrangement(year);
    REQUIRE(arrangement != nullptr);
    CHECK_FALSE(arrangement->sources.empty());
    for (const auto& day : arrangement->holidays) {
      INFO(day.date.to_string());
      REQUIRE(reference.count(day.date) == 1);
      CHECK(reference.at(day.date));
      CHECK_FALSE(day.name.empty());
    }
    for (const auto& day : arrangement->workdays) {
      INFO(day.date.to_string());
      REQUIRE(reference.count(day.date) == 1);
      CHECK_FALSE(reference.at(day.date));
    }
  }
}

TEST_CASE("the built-in calendar knows its holidays and make-up days", "[domain][time][calendar]") {
  const auto& calendar = china_calendar();
  // 2020: Spring Festival extended to 2020-02-02 (Friday 2020-01-31 off); 2020-01-19 worked.
  CHECK(calendar.kind_of(gongkai::testing::d("2020-01-31")) == DayKind::holiday);
  CHECK(calendar.kind_of(gongkai::testing::d("2020-01-19")) == DayKind::adjusted_workday);
  CHECK(calendar.kind_of(gongkai::testing::d("2020-02-03")) == DayKind::working);
  // 2024 National Day: 10-01..10-07 off, Sunday 09-29 and Saturday 10-12 worked.
  CHECK(calendar.kind_of(gongkai::testing::d("2024-10-07")) == DayKind::holiday);
  CHECK(calendar.kind_of(gongkai::testing::d("2024-09-29")) == DayKind::adjusted_workday);
  CHECK(calendar.kind_of(gongkai::testing::d("2024-10-12")) == DayKind::adjusted_workday);
  CHECK(calendar.kind_of(gongkai::testing::d("2024-10-13")) == DayKind::weekend);
  // 2026 Spring Festival: 02-15..02-23 off, 02-14 and 02-28 worked.
  CHECK(calendar.kind_of(gongkai::testing::d("2026-02-23")) == DayKind::holiday);
  CHECK(calendar.kind_of(gongkai::testing::d("2026-02-14")) == DayKind::adjusted_workday);
  CHECK(calendar.kind_of(gongkai::testing::d("2026-02-28")) == DayKind::adjusted_workday);
  // A year without an arrangement falls back to Monday-Friday.
  CHECK_FALSE(calendar.is_known_year(2027));
  CHECK_FALSE(calendar.is_working_day(gongkai::testing::d("2027-01-02")));  // Saturday
  CHECK(calendar.is_working_day(gongkai::testing::d("2027-01-01")));        // Friday, unknown
}
