// Fixed calendars and date helpers for domain tests.
#pragma once

#include <catch2/catch.hpp>
#include <string_view>

#include "domain/time/calendar.h"
#include "domain/time/calendar_text.h"
#include "domain/time/civil_date.h"

namespace gongkai::testing {

// The built-in State Council calendar 2019-2026; fails the test if it does not load.
inline const domain::time::Calendar& china_calendar() {
  static const domain::time::Calendar calendar = [] {
    auto result = domain::time::builtin_calendar();
    REQUIRE(result.ok());
    return std::move(result).value();
  }();
  return calendar;
}

// A calendar with no arrangement at all: Monday-Friday everywhere.
inline const domain::time::Calendar& weekdays_only_calendar() {
  static const domain::time::Calendar calendar;
  return calendar;
}

// "2021-03-01" -> CivilDate; fails the test on a malformed literal.
inline domain::time::CivilDate d(std::string_view text) {
  const auto date = domain::time::CivilDate::parse(text);
  REQUIRE(date.has_value());
  return *date;
}

}  // namespace gongkai::testing

namespace Catch {
template <>
struct StringMaker<gongkai::domain::time::CivilDate> {
  static std::string convert(const gongkai::domain::time::CivilDate& date) {
    return date.to_string();
  }
};
}  // namespace Catch
