// Working-day arithmetic on a Calendar (DOMAIN.md section 3, counting rule).
//
// The day a period starts is not counted: "N working days from D" is the N-th working day after D,
// so a working-day period never ends on a day off. Intervals are half-open on the left: (after,
// through], the same shape as pauses.
#pragma once

#include <string>
#include <vector>

#include "domain/time/calendar.h"
#include "domain/time/civil_date.h"

namespace gongkai::domain::time {

// The n-th working day after `from` (n >= 1); `from` itself for n <= 0.
[[nodiscard]] CivilDate add_working_days(const Calendar& calendar, CivilDate from, int n);

// The number of working days W with after < W <= through (0 if through <= after).
[[nodiscard]] int working_days_between(const Calendar& calendar, CivilDate after,
                                       CivilDate through);

// The first working day on or after `date`.
[[nodiscard]] CivilDate next_working_day_on_or_after(const Calendar& calendar, CivilDate date);

// Years touched by (after, through] that the calendar has no arrangement for (ascending).
[[nodiscard]] std::vector<int> unknown_years_between(const Calendar& calendar, CivilDate after,
                                                     CivilDate through);

// What `gongkai calendar workdays-after DATE N` prints: the answer and how it was reached.
struct WorkdaysAfter {
  CivilDate from;
  int n = 0;
  CivilDate result;
  std::vector<CivilDate> holidays_skipped;  // declared holidays in (from, result]
  std::vector<CivilDate> workdays_counted;  // adjusted working days (weekend days) counted
  int weekend_days_skipped = 0;             // ordinary Saturdays/Sundays in (from, result]
  std::string calendar_version;
  bool calendar_known = true;  // false if a year in (from, result] had no entry
  std::vector<int> unknown_years;
};
[[nodiscard]] WorkdaysAfter explain_workdays_after(const Calendar& calendar, CivilDate from, int n);

// What `gongkai calendar show YEAR` prints.
struct YearOverview {
  int year = 0;
  bool known = false;  // false: no arrangement, Monday-Friday assumed
  std::vector<std::string> sources;
  std::vector<ListedDay> holidays;  // sorted
  std::vector<ListedDay> workdays;  // sorted
  int working_days = 0;             // in the whole year
  int days_off = 0;
  std::string calendar_version;
};
[[nodiscard]] YearOverview year_overview(const Calendar& calendar, int year);

}  // namespace gongkai::domain::time
