// Login throttling (API.md: "login attempts are limited separately"): after `max_failures` failed
// logins for the same username, or from the same address, within `window_seconds`, further
// attempts are refused for `lockout_seconds` (429 with Retry-After), whether the password is right
// or not. A success clears the username's count. In memory: a restart forgets, which costs an
// attacker nothing they could not get by waiting.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "domain/time/instant.h"

namespace gongkai::api::auth {

struct ThrottleSettings {
  int max_failures = 5;               // per username
  int max_failures_per_address = 50;  // an office behind one NAT address shares this one
  std::int64_t window_seconds = 15 * 60;
  std::int64_t lockout_seconds = 5 * 60;
};

class LoginThrottle {
 public:
  explicit LoginThrottle(ThrottleSettings settings = {}) : settings_(settings) {}

  // Seconds to wait before `username` may try again from `address` (0: go ahead).
  [[nodiscard]] std::int64_t retry_after(const std::string& username, const std::string& address,
                                         domain::time::Instant now);
  void record_failure(const std::string& username, const std::string& address,
                      domain::time::Instant now);
  void record_success(const std::string& username);

 private:
  struct Entry {
    int failures = 0;
    std::int64_t window_start = 0;  // unix seconds
    std::int64_t locked_until = 0;
  };
  std::int64_t wait_for(const std::string& key, std::int64_t now);
  void fail(const std::string& key, int max_failures, std::int64_t now);

  ThrottleSettings settings_;
  std::mutex mutex_;
  std::map<std::string, Entry> entries_;
};

}  // namespace gongkai::api::auth
