// GroupWriter: the store's single writer thread and its group commit.
//
// Appends from all threads wait in one queue. The writer drains it, checks each request against
// the stream heads (including heads changed earlier in the same group), assigns gap-free
// positions, chains hashes, lets commit hooks add their writes, and writes the whole group as one
// WriteBatch with sync=true. Only then is every waiter answered. Many requests share one fsync,
// so throughput grows with concurrency while every acknowledged event is on disk.
//
// A failed write or sync (or any exception while building a group) stops the writer for good:
// the group and every later request fail with Code::unavailable. It never retries and acks,
// because after a failed fsync the kernel may already have dropped the dirty pages.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "eventstore/event_store.h"
#include "eventstore/rocksdb/storage.h"

namespace gongkai::eventstore::rocksdb_store {

// The committed head, published by the writer and waited on by readers and subscribers.
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
  // Answers everything still queued, then joins the thread.
  ~GroupWriter();

  // `request` must already be validated, with canonical data and fingerprint. Blocks until the
  // request is committed or refused.
  [[nodiscard]] Result<AppendResult> submit(AppendRequest request, std::string fingerprint);

  // ok, or the unavailable status every append gets since the writer stopped.
  [[nodiscard]] Status health() const;

 private:
  struct Pending;
  struct Group;
  struct StreamHead {
    std::uint64_t version = 0;
    std::string hash;
  };

  void run();
  void commit(std::vector<std::unique_ptr<Pending>>& requests);
  void stage(Pending& pending, Group& group);
  StreamHead head_of(const std::string& stream, const Group& group);
  void stop(const std::string& why);

  Storage& storage_;
  std::vector<std::shared_ptr<CommitHook>> hooks_;
  const bool sync_;
  CommitSignal& signal_;

  // Writer-thread state: the chain head and a cache of stream heads (a bounded cache: when it
  // grows past kMaxCachedHeads it is cleared and refilled from the meta column family).
  ChainHead head_;
  std::unordered_map<std::string, StreamHead> cached_heads_;

  mutable std::mutex mutex_;
  std::condition_variable queued_;
  std::deque<std::unique_ptr<Pending>> queue_;
  bool shutting_down_ = false;
  Status stopped_status_;  // ok while running
  std::atomic<bool> stopped_{false};
  std::thread thread_;
};

}  // namespace gongkai::eventstore::rocksdb_store
