#include "api/app/idempotency_cache.h"

namespace gongkai::api::app {

void IdempotencyCache::prune(std::int64_t now) {
  if (entries_.size() < kMaxEntries) return;
  std::erase_if(entries_, [&](const auto& kv) {
    return kv.second.done && now - kv.second.stored_at > kKeepSeconds;
  });
}

IdempotencyCache::Lookup IdempotencyCache::claim(const std::string& user, const std::string& key,
                                                 const std::string& fingerprint,
                                                 domain::time::Instant now) {
  std::unique_lock lock(mutex_);
  const auto id = std::make_pair(user, key);
  for (;;) {
    auto it = entries_.find(id);
    if (it != entries_.end() && it->second.done &&
        now.unix_seconds() - it->second.stored_at > kKeepSeconds) {
      entries_.erase(it);
      it = entries_.end();
    }
    if (it == entries_.end()) {
      prune(now.unix_seconds());
      entries_[id] = Entry{fingerprint, false, {}, now.unix_seconds()};
      return {Claim::run, {}};
    }
    if (it->second.fingerprint != fingerprint) return {Claim::reused, {}};
    if (it->second.done) return {Claim::replay, it->second.response};
    done_.wait(lock);  // the first request with this key is still running
  }
}

void IdempotencyCache::complete(const std::string& user, const std::string& key,
                                const http::HttpResponse& response, domain::time::Instant now) {
  {
    std::lock_guard lock(mutex_);
    auto it = entries_.find({user, key});
    if (it != entries_.end()) {
      it->second.done = true;
      it->second.response = response;
      it->second.stored_at = now.unix_seconds();
    }
  }
  done_.notify_all();
}

void IdempotencyCache::abandon(const std::string& user, const std::string& key) {
  {
    std::lock_guard lock(mutex_);
    entries_.erase({user, key});
  }
  done_.notify_all();
}

}  // namespace gongkai::api::app
