#include "domain/time/civil_date.h"

#include <cstdio>

namespace gongkai::domain::time {
namespace {

// Howard Hinnant's civil_from_days.
YearMonthDay civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

bool parse_digits(std::string_view text, int& out) {
  out = 0;
  for (char c : text) {
    if (c < '0' || c > '9') {
      return false;
    }
    out = out * 10 + (c - '0');
  }
  return !text.empty();
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a >= 0 ? a / b : -((-a + b - 1) / b);
}

}  // namespace

std::optional<CivilDate> CivilDate::parse(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return std::nullopt;
  }
  int y = 0;
  int m = 0;
  int d = 0;
  if (!parse_digits(text.substr(0, 4), y) || !parse_digits(text.substr(5, 2), m) ||
      !parse_digits(text.substr(8, 2), d)) {
    return std::nullopt;
  }
  if (!is_valid_ymd(y, m, d)) {
    return std::nullopt;
  }
  return from_ymd(y, m, d);
}

int CivilDate::year() const { return civil_from_days(days_).year; }
int CivilDate::month() const { return civil_from_days(days_).month; }
int CivilDate::day() const { return civil_from_days(days_).day; }
YearMonthDay CivilDate::ymd() const { return civil_from_days(days_); }

Weekday CivilDate::weekday() const {
  // 1970-01-01 was a Thursday (ISO 4).
  const std::int64_t iso = ((days_ % 7) + 7 + 3) % 7 + 1;
  return static_cast<Weekday>(iso);
}

std::string CivilDate::to_string() const {
  const YearMonthDay ymd = civil_from_days(days_);
  // The digits by hand for four-digit years (every date a case holds): snprintf took ~1,700
  // instructions a call, and a rebuild makes tens of thousands (report counters, applicant keys).
  if (ymd.year >= 0 && ymd.year <= 9999) {
    std::string text = "0000-00-00";
    const auto put = [&text](std::size_t end, int value) {
      for (std::size_t at = end; value != 0; value /= 10) {
        text[--at] = static_cast<char>('0' + value % 10);
      }
    };
    put(4, ymd.year);
    put(7, ymd.month);
    put(10, ymd.day);
    return text;
  }
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", ymd.year, ymd.month, ymd.day);
  return buffer;
}

CivilDate date_of(Instant instant) {
  const std::int64_t local_seconds = instant.unix_seconds() + kAgencyUtcOffsetSeconds;
  return CivilDate::from_days_since_epoch(floor_div(local_seconds, 86400));
}

Instant start_of(CivilDate date) {
  return Instant::from_unix_seconds(date.days_since_epoch() * 86400 - kAgencyUtcOffsetSeconds);
}

}  // namespace gongkai::domain::time
