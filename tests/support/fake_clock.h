// A Clock that tests set and advance by hand (nothing sleeps).
#pragma once

#include <cstdint>

#include "domain/time/civil_date.h"
#include "domain/time/clock.h"

namespace gongkai::testing {

class FakeClock final : public domain::time::Clock {
 public:
  explicit FakeClock(domain::time::Instant start) : now_(start) {}
  [[nodiscard]] domain::time::Instant now() const override { return now_; }
  void set(domain::time::Instant instant) { now_ = instant; }
  void advance_seconds(std::int64_t seconds) {
    now_ = domain::time::Instant::from_unix_micros(now_.unix_micros() + seconds * 1'000'000);
  }

 private:
  domain::time::Instant now_;
};

// 10:00 agency time (UTC+8) on `date`: a typical office-hours instant.
inline domain::time::Instant office_hours(domain::time::CivilDate date) {
  return domain::time::Instant::from_unix_micros(domain::time::start_of(date).unix_micros() +
                                                 std::int64_t{10} * 3600 * 1'000'000);
}

}  // namespace gongkai::testing
