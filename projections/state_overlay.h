// StateOverlay: the writes of a group not yet committed, in front of the committed state. A
// projection applying several events of one group reads its own earlier writes from here, and
// the host then copies the writes into the group's batch.
//
// For a replay (catch-up, rebuild) the host keeps one overlay per projection across pages and
// turns on its read cache: values it committed or read stay in memory (up to a byte budget), so a
// later page reads them without a store lookup. After a rebuild's clear the prefix is known to be
// empty (assume_empty): until the cache first overflows, a key it does not hold is absent, and the
// store is not asked at all. Only correct while every write to the prefix goes through this
// overlay, which holds for the host's replay (nothing else writes state before the store opens).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "eventstore/event_store.h"
#include "projections/projection.h"

namespace gongkai::projections {

class StateOverlay final : public StateWriter {
 public:
  // `store` holds the committed state; `prefix` is the projection's key prefix ("cases/").
  StateOverlay(const eventstore::EventStore& store, std::string prefix)
      : store_(store), prefix_(std::move(prefix)) {}

  // Keeps committed and read values in memory, up to about `budget_bytes` (then forgets them).
  void enable_read_cache(std::size_t budget_bytes) { cache_budget_ = budget_bytes; }
  // The committed state under the prefix is empty (it was just cleared). Needs the read cache.
  void assume_empty() { complete_ = cache_budget_ != 0; }

  [[nodiscard]] std::optional<std::string> get(std::string_view key) const override;
  [[nodiscard]] std::vector<std::pair<std::string, std::string>> scan(
      std::string_view prefix, std::size_t limit) const override;
  [[nodiscard]] std::vector<eventstore::RecordedEvent> committed_stream(
      std::string_view stream, std::uint64_t through_version) const override;
  void put(std::string_view key, std::string_view value) override;
  void remove(std::string_view key) override;

  // Whether there are pending writes, and how many (one per key).
  [[nodiscard]] bool has_writes() const { return !pending_.empty(); }
  [[nodiscard]] std::size_t pending_writes() const { return pending_.size(); }
  // Copies the pending writes (full keys) into `batch` and forgets them. `last`: the overlay is
  // not read after this (a replay's last page), so the writes are not kept in the read cache.
  void flush_into(eventstore::CommitBatch& batch, bool last = false) {
    flush_some_into(batch, last, SIZE_MAX);
  }
  // As flush_into, but stops once about `max_bytes` of keys and values are in `batch`; true while
  // writes remain, for another batch. (A rebuild commits its views in batches of a bounded size:
  // one batch of all of them grew by doubling to tens of MiB, each time in fresh memory.)
  bool flush_some_into(eventstore::CommitBatch& batch, bool last, std::size_t max_bytes);

 private:
  const eventstore::EventStore& store_;
  std::string prefix_;
  void remember(std::string key, std::optional<std::string> value) const;

  // The key (prefix included) for `key`, built with one allocation.
  [[nodiscard]] std::string full_key(std::string_view key) const;
  void set_pending(std::string_view key, std::optional<std::string_view> value);

  // Looked up by std::string_view (C++20 heterogeneous lookup), so a get or a put of a key
  // already held allocates nothing. Not noexcept on purpose: libstdc++ then keeps each node's
  // hash code, as it does for std::hash<std::string>, and a flush's extraction of every node and
  // each rehash do not hash the keys again.
  struct KeyHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view key) const {
      return std::hash<std::string_view>{}(key);
    }
  };
  // Keys relative to the prefix, which every key of the overlay shares: the store's full keys are
  // built only to ask the store and to commit. (~320,000 gets and puts in a 10,000-case rebuild
  // each built a full key first, one allocation apiece.) Values: nullopt means removed / absent.
  using Entries =
      std::unordered_map<std::string, std::optional<std::string>, KeyHash, std::equal_to<>>;

  // Hashed, not ordered: a rebuild puts ~140,000 times into overlays holding up to ~10,000 keys,
  // and a tree's ~14 key comparisons a put cost more than sorting the keys once per flush.
  Entries pending_;
  // The read cache, its size, budget, and whether it holds every committed key of the prefix.
  mutable Entries cache_;
  mutable std::size_t cache_bytes_ = 0;
  std::size_t cache_budget_ = 0;
  mutable bool complete_ = false;
};

}  // namespace gongkai::projections
