#include "projections/state_overlay.h"

#include <map>
#include <stdexcept>
#include <vector>

#include "projections/key_order.h"

namespace gongkai::projections {

std::string StateOverlay::full_key(std::string_view key) const {
  std::string full;
  full.reserve(prefix_.size() + key.size());
  full.append(prefix_).append(key);
  return full;
}

std::optional<std::string> StateOverlay::get(std::string_view key) const {
  if (auto it = pending_.find(key); it != pending_.end()) return it->second;
  if (cache_budget_ != 0) {
    if (auto it = cache_.find(key); it != cache_.end()) return it->second;
    if (complete_) return std::nullopt;
  }
  auto stored = store_.get_state(full_key(key));
  if (stored.ok()) {
    if (cache_budget_ != 0) remember(std::string(key), *stored);
    return std::move(stored).value();
  }
  if (stored.status().code() == domain::Code::not_found) {
    if (cache_budget_ != 0) remember(std::string(key), std::nullopt);
    return std::nullopt;
  }
  // A failed read would make the projection decide on state it could not see; throwing here
  // stops the store (the writer's rule for hooks) instead of writing a wrong view.
  throw std::runtime_error("projection state read failed: " + stored.status().message());
}

std::vector<std::pair<std::string, std::string>> StateOverlay::scan(std::string_view prefix,
                                                                    std::size_t limit) const {
  // Committed entries, then the pending writes laid over them; enough committed entries are read
  // that removals in the overlay cannot leave the answer short. Keys relative to prefix_ here.
  const std::size_t wanted = limit + pending_.size();
  auto stored = store_.scan_state(full_key(prefix), wanted);
  if (!stored.ok()) throw std::runtime_error("projection state scan failed");
  std::map<std::string, std::string> merged;
  for (auto& [key, value] : *stored) merged.emplace(key.substr(prefix_.size()), std::move(value));
  // When the committed scan was cut short, pending keys past its last key would jump the queue.
  const bool cut_short = stored->size() == wanted && !stored->empty();
  const std::string last_read = cut_short ? stored->back().first.substr(prefix_.size()) : "";
  for (const auto& [key, value] : pending_) {
    if (!key.starts_with(prefix) || (cut_short && key > last_read)) continue;
    if (value) {
      merged[key] = *value;
    } else {
      merged.erase(key);
    }
  }
  std::vector<std::pair<std::string, std::string>> out;
  for (auto& [key, value] : merged) {
    if (out.size() == limit) break;
    out.emplace_back(key, std::move(value));
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

void StateOverlay::put(std::string_view key, std::string_view value) { set_pending(key, value); }

void StateOverlay::remove(std::string_view key) { set_pending(key, std::nullopt); }

void StateOverlay::set_pending(std::string_view key, std::optional<std::string_view> value) {
  auto it = pending_.find(key);
  if (it == pending_.end()) it = pending_.emplace(std::string(key), std::nullopt).first;
  if (!value) {
    it->second.reset();
  } else if (it->second) {
    it->second->assign(*value);  // a key written again (a held view) keeps its buffer
  } else {
    it->second.emplace(*value);
  }
}

bool StateOverlay::flush_some_into(eventstore::CommitBatch& batch, bool last,
                                   std::size_t max_bytes) {
  // In key order: a load (StateWriters::load) takes its writes ascending, and a batch cut short
  // leaves the keys after it for the next one.
  using Node = decltype(pending_)::node_type;
  std::vector<Node> nodes;
  nodes.reserve(pending_.size());
  while (!pending_.empty()) nodes.push_back(pending_.extract(pending_.begin()));
  std::vector<std::string_view> keys;
  keys.reserve(nodes.size());
  for (const Node& node : nodes) keys.emplace_back(node.key());
  const std::vector<std::size_t> order = bytewise_order(keys);
  std::size_t bytes = 0;
  std::size_t done = 0;
  std::string full = prefix_;  // each key's full form, built in one buffer
  for (; done < order.size() && bytes < max_bytes; ++done) {
    Node& node = nodes[order[done]];
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
      full.resize(prefix_.size());
      full.append(key);
      if (value)
        batch.put(full, *value);
      else
        batch.remove(full);
      bytes += full.size() + (value ? value->size() : 0);
    }
    if (cache_budget_ != 0 && !last) remember(std::move(node.key()), std::move(node.mapped()));
  }
  for (std::size_t rest = done; rest < order.size(); ++rest) {
    pending_.insert(std::move(nodes[order[rest]]));  // for the next batch
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
