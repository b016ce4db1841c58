// API.md Idempotency: a POST with `Idempotency-Key` answered once is answered again with the same
// status and body, and appends nothing; the same key with another request is 422
// idempotency_key_reused. Keys are per user (two users cannot collide or probe each other's keys)
// and kept for 24 hours, in memory. Beneath this, case commands carry the key into the store
// (event ids derived from it, the store's own key record), so even after a restart a retried
// command appends nothing; its answer is then rebuilt from the case as it is.
//
// A retry that arrives while the first request is still running waits for its answer instead of
// running twice.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "api/http/http_types.h"
#include "domain/time/instant.h"

namespace gongkai::api::app {

class IdempotencyCache {
 public:
  static constexpr std::int64_t kKeepSeconds = 24 * 3600;
  static constexpr std::size_t kMaxEntries = 200'000;

  enum class Claim { run, replay, reused };
  struct Lookup {
    Claim claim = Claim::run;
    http::HttpResponse response;  // for replay
  };

  // Claims (user, key) for a request with `fingerprint`: run it (then call complete or abandon),
  // replay the stored response, or refuse it as reused.
  [[nodiscard]] Lookup claim(const std::string& user, const std::string& key,
                             const std::string& fingerprint, domain::time::Instant now);
  void complete(const std::string& user, const std::string& key, const http::HttpResponse& response,
                domain::time::Instant now);
  // The request failed in a way worth retrying (5xx): forget the claim.
  void abandon(const std::string& user, const std::string& key);

 private:
  struct Entry {
    std::string fingerprint;
    bool done = false;
    http::HttpResponse response;
    std::int64_t stored_at = 0;
  };
  void prune(std::int64_t now);

  std::mutex mutex_;
  std::condition_variable done_;
  std::map<std::pair<std::string, std::string>, Entry> entries_;
};

}  // namespace gongkai::api::app
