#include "projections/state_overlay.h"

#include <stdexcept>

namespace gongkai::projections {

std::optional<std::string> StateOverlay::get(std::string_view key) const {
  const std::string full = prefix_ + std::string(key);
  if (auto it = pending_.find(full); it != pending_.end()) return it->second;
  if (cache_budget_ != 0) {
    if (auto it = cache_.find(full); it != cache_.end()) return it->second;
    if (complete_) return std::nullopt;
  }
  auto stored = store_.get_state(full);
  if (stored.ok()) {
    if (cache_budget_ != 0) remember(full, *stored);
    return std::move(stored).value();
  }
  if (stored.status().code() == domain::Code::not_found) {
    if (cache_budget_ != 0) remember(full, std::nullopt);
    return std::nullopt;
  }
  // A failed read would make the projection decide on state it could not see; throwing here
  // stops the store (the writer's rule for hooks) instead of writing a wrong view.
  throw std::runtime_error("projection state read failed: " + stored.status().message());
}

std::vector<std::pair<std::string, std::string>> StateOverlay::scan(std::string_view prefix,
                                                                    std::size_t limit) const {
  const std::string full = prefix_ + std::string(prefix);
  // Committed entries, then the pending writes laid over them; enough committed entries are read
  // that removals in the overlay cannot leave the answer short.
  const std::size_t wanted = limit + pending_.size();
  auto stored = store_.scan_state(full, wanted);
  if (!stored.ok()) throw std::runtime_error("projection state scan failed");
  // When the committed scan was cut short, pending keys past its last key would jump the queue.
  const bool cut_short = stored->size() == wanted && !stored->empty();
  const std::string last_read = cut_short ? stored->back().first : std::string();
  std::map<std::string, std::string> merged(stored->begin(), stored->end());
  for (auto it = pending_.lower_bound(full); it != pending_.end() && it->first.starts_with(full);
       ++it) {
    if (cut_short && it->first > last_read) break;
    if (it->second) merged[it->first] = *it->second;
    else merged.erase(it->first);
  }
  std::vector<std::pair<std::string, std::string>> out;
  for (auto& [key, value] : merged) {
    if (out.size() == limit) break;
    out.emplace_back(key.substr(prefix_.size()), std::move(value));
  }
  return out;
}

std::vector<eventstore::RecordedEvent> StateOverlay::committed_stream(
    std::string_view stream, std::uint64_t through_version) const {
  if (through_version == 0) return {};
  auto events = store_.read_stream_forward(stream, 1, through_version);
  if (events.ok()) return std::move(events).value();
  if (events.status().code() == domain::Code::not_found) return {};
  throw std::runtime_error("projection log read failed: " + events.status().message());
}

void StateOverlay::put(std::string_view key, std::string_view value) {
  pending_[prefix_ + std::string(key)] = std::string(value);
}

void StateOverlay::remove(std::string_view key) { pending_[prefix_ + std::string(key)] = std::nullopt; }

bool StateOverlay::flush_some_into(eventstore::CommitBatch& batch, bool last,
                                   std::size_t max_bytes) {
  std::size_t bytes = 0;
  while (!pending_.empty() && bytes < max_bytes) {
    auto node = pending_.extract(pending_.begin());
    const std::string& key = node.key();
    const std::optional<std::string>& value = node.mapped();
    bool unchanged = false;
    if (cache_budget_ != 0) {
      // A write the committed state already holds (a view that did not change) is not repeated.
      const auto cached = cache_.find(key);
      const bool known = cached != cache_.end() || complete_;
      unchanged = known && (cached != cache_.end() ? cached->second : std::nullopt) == value;
    }
    if (!unchanged) {
      if (value) batch.put(key, *value);
      else batch.remove(key);
      bytes += key.size() + (value ? value->size() : 0);
    }
    if (cache_budget_ != 0 && !last) remember(std::move(node.key()), std::move(node.mapped()));
  }
  return !pending_.empty();
}

void StateOverlay::remember(std::string key, std::optional<std::string> value) const {
  const std::size_t size = key.size() + (value ? value->size() : 0) + 64;  // + node overhead
  if (cache_bytes_ + size > cache_budget_) {
    // Over budget: start again; a key not cached may now be committed, so ask the store.
    cache_.clear();
    cache_bytes_ = 0;
    complete_ = false;
  }
  auto [it, inserted] = cache_.try_emplace(std::move(key));
  if (!inserted) cache_bytes_ -= it->first.size() + (it->second ? it->second->size() : 0) + 64;
  it->second = std::move(value);
  cache_bytes_ += size;
}

}  // namespace gongkai::projections
