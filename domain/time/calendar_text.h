// The calendar's text format: how the holiday arrangements are written down, read and printed.
// The format is documented at the top of domain/time/holidays-cn.txt (the built-in data file).
//
//   # comment (whole line; blank lines are ignored)
//   year 2021                                   starts a year's block; one block per year
//   source http://www.gov.cn/...                the announcement (any number)
//   holiday 2021-02-11..2021-02-17 春节          a day or an inclusive range of days off
//   workday 2021-02-07 春节                       an adjusted working day (a weekend day worked)
//
// Every date must lie in its block's year. Text after the date(s) is the festival's name.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/base/status.h"
#include "domain/time/calendar.h"

namespace gongkai::domain::time {

// Parses the text; errors name the line ("line 12: ..."), reason `calendar_invalid`.
[[nodiscard]] Result<std::vector<YearArrangement>> parse_calendar_text(std::string_view text);

// Parses and builds a Calendar (revision 1).
[[nodiscard]] Result<Calendar> calendar_from_text(std::string_view text);

// The canonical text of one year (days sorted, consecutive same-name holidays as ranges).
[[nodiscard]] std::string format_year(const YearArrangement& arrangement);
// The canonical text of several years, in the order given, separated by blank lines.
[[nodiscard]] std::string format_calendar_text(const std::vector<YearArrangement>& years);

// The built-in data file (domain/time/holidays-cn.txt), embedded at build time.
[[nodiscard]] std::string_view builtin_calendar_text();
// The built-in calendar (2019-2026). Fails only if the embedded file is broken (a test checks it).
[[nodiscard]] Result<Calendar> builtin_calendar();

}  // namespace gongkai::domain::time
