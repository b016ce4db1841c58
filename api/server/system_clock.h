// The production Clock: the one caller of std::chrono::system_clock::now() (domain/time/clock.h).
#pragma once

#include <chrono>

#include "domain/time/clock.h"

namespace gongkai::api::server {

class SystemClock final : public domain::time::Clock {
 public:
  [[nodiscard]] domain::time::Instant now() const override {
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
    return domain::time::Instant::from_unix_micros(micros);
  }
};

}  // namespace gongkai::api::server
