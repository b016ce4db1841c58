// CivilDate: a day on the agency's calendar (China, UTC+8 all year), the unit every legal period
// is counted in. Instants (UTC) and civil dates are distinct types; `date_of` and `start_of` are
// the one place where they are converted.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/time/instant.h"

namespace gongkai::domain::time {

enum class Weekday { monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday };

struct YearMonthDay {
  int year;
  int month;
  int day;
};

class CivilDate {
 public:
  constexpr CivilDate() = default;  // 1970-01-01

  // The caller guarantees a valid date; use `parse` or `is_valid_ymd` for untrusted input.
  static constexpr CivilDate from_ymd(int year, int month, int day) {
    return CivilDate(days_from_civil(year, month, day));
  }
  static constexpr CivilDate from_days_since_epoch(std::int64_t days) { return CivilDate(days); }
  // Strict `YYYY-MM-DD`; nullopt for anything else (including 2021-02-30).
  static std::optional<CivilDate> parse(std::string_view text);
  static constexpr bool is_valid_ymd(int year, int month, int day) {
    if (month < 1 || month > 12 || day < 1) {
      return false;
    }
    return day <= days_in_month(year, month);
  }

  [[nodiscard]] constexpr std::int64_t days_since_epoch() const { return days_; }
  [[nodiscard]] int year() const;
  [[nodiscard]] int month() const;
  [[nodiscard]] int day() const;
  [[nodiscard]] YearMonthDay ymd() const;  // all three for the cost of one
  [[nodiscard]] Weekday weekday() const;
  [[nodiscard]] bool is_weekend() const {
    const Weekday w = weekday();
    return w == Weekday::saturday || w == Weekday::sunday;
  }
  [[nodiscard]] std::string to_string() const;  // YYYY-MM-DD

  [[nodiscard]] constexpr CivilDate plus_days(std::int64_t n) const { return CivilDate(days_ + n); }
  [[nodiscard]] constexpr CivilDate next() const { return plus_days(1); }
  [[nodiscard]] constexpr CivilDate prev() const { return plus_days(-1); }

  // NOLINTNEXTLINE(modernize-use-nullptr): a clang-tidy false positive on a defaulted <=>.
  constexpr auto operator<=>(const CivilDate&) const = default;

  static constexpr bool is_leap(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  }
  static constexpr int days_in_month(int year, int month) {
    constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
  }

 private:
  constexpr explicit CivilDate(std::int64_t days) : days_(days) {}

  // Howard Hinnant's days_from_civil (proleptic Gregorian).
  static constexpr std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
  }

  std::int64_t days_ = 0;
};

// The agency's zone: China Standard Time, UTC+8, no daylight saving.
inline constexpr std::int64_t kAgencyUtcOffsetSeconds = std::int64_t{8} * 3600;

// The civil date (agency zone) on which `instant` falls.
[[nodiscard]] CivilDate date_of(Instant instant);
// 00:00 agency time of `date`, as an instant.
[[nodiscard]] Instant start_of(CivilDate date);

}  // namespace gongkai::domain::time
