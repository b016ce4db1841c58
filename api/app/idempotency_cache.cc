#include "api/app/idempotency_cache.h"

#include "api/auth/password.h"

namespace gongkai::api::app {

namespace {

std::size_t size_of(const std::string& user, const std::string& key,
                    const http::HttpResponse& response) {
  std::size_t bytes = 256 + user.size() + key.size() + response.content_type.size() +
                      response.body.size();  // 256: the map node, the strings' own sizes
  for (const auto& [name, value] : response.headers) bytes += name.size() + value.size() + 64;
  return bytes;
}

}  // namespace

void IdempotencyCache::erase(std::map<Id, Entry>::iterator it) {
  bytes_ -= it->second.bytes;
  entries_.erase(it);
}

// Forgets expired answers, then the oldest answers while over budget. A key still running is
// kept (its claim moves to the back); there are at most as many as request threads.
void IdempotencyCache::prune(std::int64_t now) {
  std::size_t running = 0;
  while (!order_.empty() && running < order_.size()) {
    auto it = entries_.find(order_.front());
    if (it == entries_.end()) {  // abandoned or expired since
      order_.pop_front();
      continue;
    }
    const bool over = entries_.size() > max_entries_ || bytes_ > max_bytes_;
    const bool expired = it->second.done && now - it->second.stored_at > kKeepSeconds;
    if (!over && !expired) return;
    if (!it->second.done) {
      order_.push_back(order_.front());
      order_.pop_front();
      ++running;
      continue;
    }
    erase(it);
    order_.pop_front();
  }
}

IdempotencyCache::Lookup IdempotencyCache::claim(const std::string& user, const std::string& key,
                                                 const std::string& fingerprint,
                                                 domain::time::Instant now) {
  const std::string digest = auth::sha256_hex(fingerprint);
  std::unique_lock lock(mutex_);
  const auto id = std::make_pair(user, key);
  for (;;) {
    auto it = entries_.find(id);
    if (it != entries_.end() && it->second.done &&
        now.unix_seconds() - it->second.stored_at > kKeepSeconds) {
      erase(it);
      it = entries_.end();
    }
    if (it == entries_.end()) {
      entries_[id] = Entry{digest, false, {}, now.unix_seconds(), 0};
      order_.push_back(id);
      prune(now.unix_seconds());
      return {Claim::run, {}};
    }
    if (it->second.fingerprint != digest) return {Claim::reused, {}};
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
      bytes_ -= it->second.bytes;
      it->second.bytes = size_of(user, key, response);
      bytes_ += it->second.bytes;
      prune(now.unix_seconds());
    }
  }
  done_.notify_all();
}

void IdempotencyCache::abandon(const std::string& user, const std::string& key) {
  {
    std::lock_guard lock(mutex_);
    if (auto it = entries_.find({user, key}); it != entries_.end()) erase(it);
  }
  done_.notify_all();
}

std::size_t IdempotencyCache::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

std::size_t IdempotencyCache::bytes() const {
  std::lock_guard lock(mutex_);
  return bytes_;
}

}  // namespace gongkai::api::app
