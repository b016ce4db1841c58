#include "domain/time/working_days.h"

#include <catch2/catch.hpp>

#include "support/calendars.h"

using gongkai::domain::time::add_working_days;
using gongkai::domain::time::explain_workdays_after;
using gongkai::domain::time::working_days_between;
using gongkai::domain::time::year_overview;
using gongkai::testing::china_calendar;
using gongkai::testing::d;
using gongkai::testing::weekdays_only_calendar;

TEST_CASE("the start day is not counted and a period never ends on a day off",
          "[domain][time][working_days]") {
  const auto& cal = weekdays_only_calendar();
  CHECK(add_working_days(cal, d("2021-03-01"), 1) == d("2021-03-02"));  // Monday -> Tuesday
  CHECK(add_working_days(cal, d("2021-03-05"), 1) == d("2021-03-08"));  // Friday -> Monday
  CHECK(add_working_days(cal, d("2021-03-06"), 1) == d("2021-03-08"));  // Saturday -> Monday
  CHECK(add_working_days(cal, d("2021-03-01"), 20) == d("2021-03-29"));
  CHECK(add_working_days(cal, d("2021-03-01"), 0) == d("2021-03-01"));
  CHECK(working_days_between(cal, d("2021-03-01"), d("2021-03-29")) == 20);
  CHECK(working_days_between(cal, d("2021-03-29"), d("2021-03-01")) == 0);
  CHECK(working_days_between(cal, d("2021-03-05"), d("2021-03-07")) == 0);
}

TEST_CASE("2020 extended Spring Festival: 20 working days from 2020-01-20",
          "[domain][time][working_days]") {
  // Working days after Monday 2020-01-20: 01-21, 01-22, 01-23 (3); 01-24..02-02 off (extension);
  // then 02-03.. : 17 more working days -> 02-03..02-07 (8), 02-10..02-14 (13), 02-17..02-20 (17)
  // ... 02-25 is the 20th.
  const auto& cal = china_calendar();
  CHECK(add_working_days(cal, d("2020-01-20"), 3) == d("2020-01-23"));
  CHECK(add_working_days(cal, d("2020-01-20"), 4) == d("2020-02-03"));
  CHECK(add_working_days(cal, d("2020-01-20"), 20) == d("2020-02-25"));
  // Without the extension (Monday-Friday only) it would be 2020-02-17.
  CHECK(add_working_days(weekdays_only_calendar(), d("2020-01-20"), 20) == d("2020-02-17"));
  // Sunday 2020-01-19 was a working day: counted from Saturday 01-18 it is the first.
  CHECK(add_working_days(cal, d("2020-01-18"), 1) == d("2020-01-19"));
}

TEST_CASE("2021 Spring Festival and its make-up days", "[domain][time][working_days]") {
  const auto& cal = china_calendar();
  // From 2021-02-01 (Mon): 02-02..02-05 (4), Sun 02-07 (5), 02-08..02-10 (8), off 02-11..02-17,
  // Thu 02-18 (9), Fri 02-19 (10), Sat 02-20 worked (11), 02-22..02-26 (16), 03-01..03-04 (20).
  CHECK(add_working_days(cal, d("2021-02-01"), 5) == d("2021-02-07"));
  CHECK(add_working_days(cal, d("2021-02-01"), 9) == d("2021-02-18"));
  CHECK(add_working_days(cal, d("2021-02-01"), 11) == d("2021-02-20"));
  CHECK(add_working_days(cal, d("2021-02-01"), 20) == d("2021-03-04"));
  CHECK(working_days_between(cal, d("2021-02-10"), d("2021-02-17")) == 0);
}

TEST_CASE("2024 National Day and 2026 Spring Festival", "[domain][time][working_days]") {
  const auto& cal = china_calendar();
  // 2024-09-27 (Fri): Sun 09-29 worked (1), 09-30 (2), off 10-01..10-07, 10-08..10-11 (6),
  // Sat 10-12 worked (7).
  CHECK(add_working_days(cal, d("2024-09-27"), 2) == d("2024-09-30"));
  CHECK(add_working_days(cal, d("2024-09-27"), 3) == d("2024-10-08"));
  CHECK(add_working_days(cal, d("2024-09-27"), 7) == d("2024-10-12"));
  // 2026-02-13 (Fri): Sat 02-14 worked (1), off 02-15..02-23, 02-24..02-27 (5), Sat 02-28 (6).
  CHECK(add_working_days(cal, d("2026-02-13"), 1) == d("2026-02-14"));
  CHECK(add_working_days(cal, d("2026-02-13"), 2) == d("2026-02-24"));
  CHECK(add_working_days(cal, d("2026-02-13"), 6) == d("2026-02-28"));
}

TEST_CASE("explains a workdays-after answer and flags unknown years",
          "[domain][time][working_days]") {
  const auto& cal = china_calendar();
  const auto answer = explain_workdays_after(cal, d("2020-01-20"), 20);
  CHECK(answer.result == d("2020-02-25"));
  CHECK(answer.holidays_skipped.size() == 10);  // 2020-01-24..2020-02-02
  CHECK(answer.holidays_skipped.front() == d("2020-01-24"));
  CHECK(answer.calendar_known);
  CHECK(answer.calendar_version == cal.version());
  const auto later = explain_workdays_after(cal, d("2026-12-20"), 20);
  CHECK_FALSE(later.calendar_known);
  CHECK(later.unknown_years == std::vector<int>{2027});
}

TEST_CASE("summarises a year for `calendar show`", "[domain][time][working_days]") {
  const auto overview = year_overview(china_calendar(), 2024);
  CHECK(overview.known);
  CHECK(overview.working_days + overview.days_off == 366);
  // Independently: Monday-Friday days, minus the holidays on weekdays, plus the make-up days.
  int weekdays = 0;
  for (auto day = d("2024-01-01"); day <= d("2024-12-31"); day = day.next()) {
    if (!day.is_weekend()) {
      ++weekdays;
    }
  }
  CHECK(weekdays == 262);
  int weekday_holidays = 0;
  for (const auto& h : overview.holidays) {
    if (!h.date.is_weekend()) {
      ++weekday_holidays;
    }
  }
  CHECK(overview.working_days ==
        weekdays - weekday_holidays + static_cast<int>(overview.workdays.size()));
  CHECK(overview.days_off > 366 - 262);
  const auto unknown = year_overview(china_calendar(), 2030);
  CHECK_FALSE(unknown.known);
  CHECK(unknown.holidays.empty());
}
