// A cache of at most `capacity` values by string key that forgets the least recently used one
// when a new key would exceed it. The caches that cleared themselves when full made the server's
// memory a saw-tooth as wide as the whole cache (tests/RELIABILITY.md L1: the soak's growth line
// compared a low of it with a high); this one stays at its cap once full. Not thread-safe: its
// owner locks.
#pragma once

#include <cstddef>
#include <list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace gongkai::domain {

template <typename Value>
class LruCache {
 public:
  explicit LruCache(std::size_t capacity) : capacity_(capacity == 0 ? 1 : capacity) {}

  // The value under `key`, now the most recently used; nullptr when absent.
  Value* find(std::string_view key) {
    const auto it = index_.find(key);
    if (it == index_.end()) return nullptr;
    entries_.splice(entries_.begin(), entries_, it->second);
    return &it->second->second;
  }

  // The value under `key` (value-initialised if it was absent), now the most recently used. A new
  // key beyond the capacity evicts the least recently used entry first.
  Value& operator[](std::string_view key) {
    if (Value* found = find(key)) return *found;
    if (entries_.size() >= capacity_) {
      index_.erase(std::string_view(entries_.back().first));
      entries_.pop_back();
    }
    entries_.emplace_front(std::string(key), Value{});
    // The index's key views the entry's own string: list nodes do not move.
    index_.emplace(std::string_view(entries_.front().first), entries_.begin());
    return entries_.front().second;
  }

  [[nodiscard]] std::size_t size() const { return entries_.size(); }

 private:
  using Entries = std::list<std::pair<std::string, Value>>;  // most recently used first
  std::size_t capacity_;
  Entries entries_;
  std::unordered_map<std::string_view, typename Entries::iterator> index_;
};

}  // namespace gongkai::domain
