// API.md Idempotency: a POST with `Idempotency-Key` answered once is answered again with the same
// status and body, and appends nothing; the same key with another request is 422
// idempotency_key_reused. Keys are per user (two users cannot collide or probe each other's keys)
// and kept for 24 hours, in memory, within a memory budget: at most kMaxEntries answers and
// kMaxBytes of them (fingerprints are kept as SHA-256, answers by size); beyond either, the oldest
// answered keys are forgotten first (a soak of add-notes otherwise grew the server ~3 KiB per
// POST, RELIABILITY.md L1). Beneath this, case commands carry the key into the store
// (event ids derived from it, the store's own key record), so even after a restart a retried
// command appends nothing; its answer is then rebuilt from the case as it is.
//
// A retry that arrives while the first request is still running waits for its answer instead of
// running twice.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
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
  static constexpr std::size_t kMaxEntries = 10'000;
  static constexpr std::size_t kMaxBytes = std::size_t{4} << 20;

  IdempotencyCache() = default;
  // A smaller budget (tests).
  IdempotencyCache(std::size_t max_entries, std::size_t max_bytes)
      : max_entries_(max_entries), max_bytes_(max_bytes) {}

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

  [[nodiscard]] std::size_t size() const;
  [[nodiscard]] std::size_t bytes() const;  // what the answered entries hold, roughly

 private:
  using Id = std::pair<std::string, std::string>;  // user, key
  struct Entry {
    std::string fingerprint;  // SHA-256 of the request's fingerprint
    bool done = false;
    http::HttpResponse response;
    std::int64_t stored_at = 0;
    std::size_t bytes = 0;
  };
  void erase(std::map<Id, Entry>::iterator it);
  void prune(std::int64_t now);

  std::size_t max_entries_ = kMaxEntries;
  std::size_t max_bytes_ = kMaxBytes;
  mutable std::mutex mutex_;
  std::condition_variable done_;
  std::map<Id, Entry> entries_;
  std::deque<Id> order_;  // claims, oldest first (ids erased since are skipped)
  std::size_t bytes_ = 0;
};

}  // namespace gongkai::api::app
