// A Clock that tests set and advance by hand (nothing sleeps).
#pragma once

#include <atomic>
#include <cstdint>

#include "domain/time/civil_date.h"
#include "domain/time/clock.h"

namespace gongkai::testing {

class FakeClock final : public domain::time::Clock {
 public:
  explicit FakeClock(domain::time::Instant start) : micros_(start.unix_micros()) {}
  // Atomic: a server's request threads read it while the test thread moves it.
  [[nodiscard]] domain::time::Instant now() const override {
    return domain::time::Instant::from_unix_micros(micros_.load());
  }
  void set(domain::time::Instant instant) { micros_ = instant.unix_micros(); }
  void advance_seconds(std::int64_t seconds) { micros_ += seconds * 1'000'000; }

 private:
  std::atomic<std::int64_t> micros_;
};

// 10:00 agency time (UTC+8) on `date`: a typical office-hours instant.
inline domain::time::Instant office_hours(domain::time::CivilDate date) {
  return domain::time::Instant::from_unix_micros(domain::time::start_of(date).unix_micros() +
                                                 std::int64_t{10} * 3600 * 1'000'000);
}

}  // namespace gongkai::testing
