// Clock: the seam through which the current time enters the system (STYLE.md section 4).
//
// Only the shell (a request handler, the deadline ticker) calls `now()`, once per request or tick,
// and passes the instant on. The domain itself never holds a Clock: `decide` and the timer
// functions take `now` as a parameter. The production implementation (SystemClock, the one caller
// of std::chrono::system_clock::now()) lives in api/server; tests use tests/support/fake_clock.h.
#pragma once

#include "domain/time/instant.h"

namespace gongkai::domain::time {

class Clock {
 public:
  virtual ~Clock() = default;
  // The current UTC instant. Implementations must be safe to call from several threads.
  [[nodiscard]] virtual Instant now() const = 0;
};

}  // namespace gongkai::domain::time
