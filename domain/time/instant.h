// Instant: a point on the UTC time line, in microseconds since the Unix epoch.
//
// Instants are what the Clock gives and what events record as `recorded_at`. They are distinct
// from civil dates (the business days the law counts in); converting between the two happens in
// one place (China is UTC+8 all year, so no time-zone database is needed).
#pragma once

#include <compare>
#include <cstdint>

namespace gongkai::domain::time {

class Instant {
 public:
  constexpr Instant() = default;
  static constexpr Instant from_unix_micros(std::int64_t micros) { return Instant(micros); }
  static constexpr Instant from_unix_seconds(std::int64_t seconds) {
    return Instant(seconds * 1'000'000);
  }

  [[nodiscard]] constexpr std::int64_t unix_micros() const { return micros_; }
  [[nodiscard]] constexpr std::int64_t unix_seconds() const {
    // Floor division so instants before the epoch round towards the past.
    return micros_ >= 0 ? micros_ / 1'000'000 : -((-micros_ + 999'999) / 1'000'000);
  }

  constexpr auto operator<=>(const Instant&) const = default;

 private:
  constexpr explicit Instant(std::int64_t micros) : micros_(micros) {}
  std::int64_t micros_ = 0;
};

}  // namespace gongkai::domain::time
