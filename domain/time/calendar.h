// Calendar: which civil dates are working days (工作日), from the State Council's yearly holiday
// arrangements (DOMAIN.md section 3). Immutable value; replacing a year yields a new Calendar with
// a new version, and every clock explanation names the version it used.
//
// A year with an arrangement: Monday-Friday are working days unless declared holidays, and the
// weekend days declared adjusted working days (调休上班) are working days too. A year without one
// falls back to plain Monday-Friday; callers can ask `is_known_year` and explanations report it
// (`calendar_known: false`).
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "domain/base/status.h"
#include "domain/time/civil_date.h"

namespace gongkai::domain::time {

// One listed day with the festival it belongs to (e.g. "春节"); the name may be empty.
struct ListedDay {
  CivilDate date;
  std::string name;
};

// One year's arrangement as announced. Dates must all fall in `year`.
struct YearArrangement {
  int year = 0;
  std::vector<std::string> sources;  // the announcements' addresses
  std::vector<ListedDay> holidays;   // days off (weekend days inside a holiday may be listed)
  std::vector<ListedDay> workdays;   // adjusted working days: weekend days worked
};

// Refuses an arrangement that cannot be right: dates outside the year, a day both off and worked,
// a day listed twice, an adjusted working day that is not a Saturday or Sunday.
[[nodiscard]] Status validate_arrangement(const YearArrangement& arrangement);

enum class DayKind {
  working,           // Monday-Friday, not a holiday
  weekend,           // Saturday/Sunday, not an adjusted working day (and not listed as holiday)
  holiday,           // listed as a holiday (whatever the weekday)
  adjusted_workday,  // a weekend day declared a working day
};

class Calendar {
 public:
  // No arrangement at all: every year falls back to Monday-Friday. Revision 0.
  Calendar() = default;

  // Revision 1 holding `years` (each validated; a year given twice is refused).
  [[nodiscard]] static Result<Calendar> from_arrangements(std::vector<YearArrangement> years);

  // A new calendar (revision + 1) where `arrangement.year` is added or replaced.
  [[nodiscard]] Result<Calendar> with_year(YearArrangement arrangement) const;

  [[nodiscard]] bool is_working_day(CivilDate date) const { return is_working(kind_of(date)); }
  [[nodiscard]] DayKind kind_of(CivilDate date) const;
  [[nodiscard]] bool is_known_year(int year) const { return years_.count(year) != 0; }
  [[nodiscard]] const YearArrangement* arrangement(int year) const;
  [[nodiscard]] std::vector<int> known_years() const;

  // Incremented on every replacement; 0 for the empty calendar.
  [[nodiscard]] int revision() const { return revision_; }
  // FNV-1a 64 of the canonical text of all years, 16 hex digits: equal content, equal fingerprint.
  [[nodiscard]] const std::string& fingerprint() const { return fingerprint_; }
  // What explanations print: "r<revision>-<first 8 hex digits of the fingerprint>".
  [[nodiscard]] std::string version() const;

  static constexpr bool is_working(DayKind kind) {
    return kind == DayKind::working || kind == DayKind::adjusted_workday;
  }

 private:
  void rebuild_index();

  std::map<int, YearArrangement> years_;
  // The kind of every day from 1 January of the first known year to 31 December of the last
  // (unknown years in between hold the Monday-Friday fallback): kind_of is one array read, which
  // working-day walks (clocks, due dates) do for every day they cross.
  std::int64_t index_first_day_ = 0;  // days since epoch of index_[0]
  std::vector<DayKind> index_;
  int revision_ = 0;
  std::string fingerprint_ = "cbf29ce484222325";  // FNV-1a 64 offset basis: empty content
};

}  // namespace gongkai::domain::time
