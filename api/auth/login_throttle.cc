#include "api/auth/login_throttle.h"

#include <algorithm>

namespace gongkai::api::auth {

namespace {

// The table is bounded: when it grows past this, entries whose window and lockout are over go.
constexpr std::size_t kPruneAbove = 100'000;

std::string user_key(const std::string& username) { return "u:" + username; }
std::string address_key(const std::string& address) { return "a:" + address; }

}  // namespace

std::int64_t LoginThrottle::wait_for(const std::string& key, std::int64_t now) {
  auto it = entries_.find(key);
  if (it == entries_.end()) return 0;
  return std::max<std::int64_t>(0, it->second.locked_until - now);
}

void LoginThrottle::fail(const std::string& key, int max_failures, std::int64_t now) {
  Entry& e = entries_[key];
  if (now - e.window_start >= settings_.window_seconds) {
    e.failures = 0;
    e.window_start = now;
  }
  if (++e.failures >= max_failures) {
    e.locked_until = now + settings_.lockout_seconds;
    e.failures = 0;
    e.window_start = now;
  }
}

std::int64_t LoginThrottle::retry_after(const std::string& username, const std::string& address,
                                        domain::time::Instant now) {
  std::lock_guard lock(mutex_);
  const auto t = now.unix_seconds();
  return std::max(wait_for(user_key(username), t), wait_for(address_key(address), t));
}

void LoginThrottle::record_failure(const std::string& username, const std::string& address,
                                   domain::time::Instant now) {
  std::lock_guard lock(mutex_);
  const auto t = now.unix_seconds();
  if (entries_.size() > kPruneAbove) {
    std::erase_if(entries_, [&](const auto& kv) {
      return kv.second.locked_until <= t && t - kv.second.window_start >= settings_.window_seconds;
    });
  }
  fail(user_key(username), settings_.max_failures, t);
  fail(address_key(address), settings_.max_failures_per_address, t);
}

void LoginThrottle::record_success(const std::string& username) {
  std::lock_guard lock(mutex_);
  entries_.erase(user_key(username));
}

}  // namespace gongkai::api::auth
