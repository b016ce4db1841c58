#include "domain/time/working_days.h"

#include <algorithm>

namespace gongkai::domain::time {

CivilDate add_working_days(const Calendar& calendar, CivilDate from, int n) {
  CivilDate day = from;
  for (int counted = 0; counted < n;) {
    day = day.next();
    if (calendar.is_working_day(day)) {
      ++counted;
    }
  }
  return day;
}

int working_days_between(const Calendar& calendar, CivilDate after, CivilDate through) {
  int count = 0;
  for (CivilDate day = after.next(); day <= through; day = day.next()) {
    if (calendar.is_working_day(day)) {
      ++count;
    }
  }
  return count;
}

CivilDate next_working_day_on_or_after(const Calendar& calendar, CivilDate date) {
  while (!calendar.is_working_day(date)) {
    date = date.next();
  }
  return date;
}

std::vector<int> unknown_years_between(const Calendar& calendar, CivilDate after,
                                       CivilDate through) {
  std::vector<int> out;
  if (through <= after) {
    return out;
  }
  for (int year = after.next().year(); year <= through.year(); ++year) {
    if (!calendar.is_known_year(year)) {
      out.push_back(year);
    }
  }
  return out;
}

WorkdaysAfter explain_workdays_after(const Calendar& calendar, CivilDate from, int n) {
  WorkdaysAfter out;
  out.from = from;
  out.n = n;
  out.result = add_working_days(calendar, from, n);
  for (CivilDate day = from.next(); day <= out.result; day = day.next()) {
    switch (calendar.kind_of(day)) {
      case DayKind::holiday:
        out.holidays_skipped.push_back(day);
        break;
      case DayKind::adjusted_workday:
        out.workdays_counted.push_back(day);
        break;
      case DayKind::weekend:
        ++out.weekend_days_skipped;
        break;
      case DayKind::working:
        break;
    }
  }
  out.calendar_version = calendar.version();
  out.unknown_years = unknown_years_between(calendar, from, out.result);
  out.calendar_known = out.unknown_years.empty();
  return out;
}

YearOverview year_overview(const Calendar& calendar, int year) {
  YearOverview out;
  out.year = year;
  out.calendar_version = calendar.version();
  if (const YearArrangement* arrangement = calendar.arrangement(year)) {
    out.known = true;
    out.sources = arrangement->sources;
    out.holidays = arrangement->holidays;
    out.workdays = arrangement->workdays;
    const auto by_date = [](const ListedDay& a, const ListedDay& b) { return a.date < b.date; };
    std::sort(out.holidays.begin(), out.holidays.end(), by_date);
    std::sort(out.workdays.begin(), out.workdays.end(), by_date);
  }
  const CivilDate first = CivilDate::from_ymd(year, 1, 1);
  const CivilDate last = CivilDate::from_ymd(year, 12, 31);
  for (CivilDate day = first; day <= last; day = day.next()) {
    if (calendar.is_working_day(day)) {
      ++out.working_days;
    } else {
      ++out.days_off;
    }
  }
  return out;
}

}  // namespace gongkai::domain::time
