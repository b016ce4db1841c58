// GroupWriter: the store's writer and its group commit, in two threads.
//
// Appends from all threads wait in one queue. The *stager* thread takes them as they arrive and
// stages each into the open group: checks it against the stream heads (including heads changed
// by the group being written), assigns gap-free positions, chains hashes, and adds it to the
// group's WriteBatch. The *syncer* thread, whenever it is free, takes the open group as it is,
// lets commit hooks add their writes (after the previous group is on disk, so a hook reads
// consistent state), writes the batch with sync=true, and only then answers every waiter of the
// group. So a group is everything that arrived while the previous one was being synced: many
// requests share one fsync, and staging overlaps the disk wait instead of adding to it.
//
// A failed write or sync (or any exception while building or committing a group) stops the
// writer for good: that group, every group staged after it and every later request fail with
// Code::unavailable. It never retries and acks, because after a failed fsync the kernel may
// already have dropped the dirty pages.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "domain/base/lru_cache.h"
#include "eventstore/event_store.h"
#include "eventstore/rocksdb/meta_values.h"
#include "eventstore/rocksdb/storage.h"

namespace gongkai::eventstore::rocksdb_store {

// The committed head, published by the syncer and waited on by readers and subscribers.
class CommitSignal {
 public:
  void publish(std::uint64_t position);
  void stop();
  [[nodiscard]] std::uint64_t position() const { return position_.load(std::memory_order_acquire); }
  bool wait_past(std::uint64_t after, std::chrono::milliseconds timeout) const;

 private:
  std::atomic<std::uint64_t> position_{0};
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  bool stopped_ = false;
};

struct ChainHead {
  std::uint64_t position = 0;
  std::string hash;  // hex; 64 zeros for an empty log
};

class GroupWriter {
 public:
  GroupWriter(Storage& storage, ChainHead head, std::vector<std::shared_ptr<CommitHook>> hooks,
              bool sync, CommitSignal& signal);
  GroupWriter(const GroupWriter&) = delete;
  GroupWriter& operator=(const GroupWriter&) = delete;
  // Answers everything still queued, then joins both threads.
  ~GroupWriter();

  // `request` must already be validated, with canonical data and fingerprint. Blocks until the
  // request is committed or refused.
  [[nodiscard]] Result<AppendResult> submit(AppendRequest request, std::string fingerprint);

  // ok, or the unavailable status every append gets since the writer stopped.
  [[nodiscard]] Status health() const;

  // Stops the writer for good (health() says `why`); also called by BackgroundErrorListener.
  void stop(const std::string& why);

 private:
  struct Pending;
  struct Group;

  void run_stager();
  void run_syncer();
  void stage(Pending& pending, Group& group);
  void hand_over(std::unique_ptr<Group>& open);  // with mutex_ held and the syncer idle
  void commit(Group& group);
  StreamHead head_of(const std::string& stream, const Group& group);
  std::optional<StoredEventId> find_event_id(const std::string& id, const Group& group);
  std::optional<std::pair<std::string, AppendResult>> find_key(const std::string& key,
                                                               const Group& group);

  Storage& storage_;
  std::vector<std::shared_ptr<CommitHook>> hooks_;
  const bool sync_;
  CommitSignal& signal_;

  // Stager state. The head and the cache of stream heads include groups staged but not yet
  // written: if one of those fails, the writer stops and this state is never used again. The
  // cache forgets its least recently used heads beyond kMaxCachedHeads, only while no group is in
  // flight (so what it forgets is in the database), and reads them again from the meta column
  // family when asked. Small: a miss costs one point read of `meta` (bloom filter, block cache),
  // which `bench append` over 320,000 streams did not show, while a cap that the load reaches
  // only after hours let the server's RSS grow ~185 bytes with every case registered
  // (tests/RELIABILITY.md L1).
  static constexpr std::size_t kMaxCachedHeads = 4'096;
  ChainHead head_;
  domain::LruCache<StreamHead> cached_heads_{kMaxCachedHeads};

  // Shared between the submitters, the stager and the syncer, all under mutex_.
  mutable std::mutex mutex_;
  std::condition_variable stager_wake_;  // a request arrived, the syncer went idle, or shutdown
  std::condition_variable syncer_wake_;  // a group was handed over, or the stager finished
  std::deque<std::unique_ptr<Pending>> queue_;  // requests waiting to be staged
  bool shutting_down_ = false;
  bool syncer_idle_ = false;
  // Staged and not yet written: the stager reads their event ids and keys (read-only by then).
  std::unique_ptr<Group> handed_over_;  // waiting for the syncer
  Group* syncing_ = nullptr;            // being written
  bool stager_done_ = false;
  Status stopped_status_;  // ok while running
  std::atomic<bool> stopped_{false};

  std::thread syncer_;
  std::thread stager_;
};

}  // namespace gongkai::eventstore::rocksdb_store
