// EventStore: the append-only, hash-chained log every gongkai fact is written to.
//
// Contract (specified in eventstore/SCHEMA.md, proven by tests/eventstore/*):
// - append() writes one or more events to one stream atomically, if the stream's version matches
//   the expected one; otherwise it returns Code::conflict (reason "version_conflict") and writes
//   nothing. A success is returned only after the events are durable (fsynced).
// - Positions are global, start at 1, are gap-free and become visible in commit order.
// - Re-appending event ids that are already stored returns the original result and writes nothing;
//   an idempotency key returns the stored result for the same request fingerprint and
//   failed_precondition "idempotency_key_reused" for a different one.
// - Every event's SHA-256 covers its canonical bytes, which include the previous event's hash in
//   the global log (prev_hash) and in its stream (stream_prev_hash): editing, deleting, inserting
//   or reordering events breaks a chain, and verify names the first bad position.
// - After a failed write or sync the store is stopped: every later append fails with
//   Code::unavailable and nothing more is acknowledged (fail-stop). Reads keep working.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/base/status.h"
#include "domain/time/instant.h"

namespace gongkai::eventstore {

using domain::Result;
using domain::Status;
using domain::time::Instant;

// What the caller expects the stream's version to be. Versions start at 1 for a stream's first
// event; a stream with no events has version 0.
class ExpectedVersion {
 public:
  enum class Kind { any, no_stream, exactly };
  static constexpr ExpectedVersion any() { return ExpectedVersion(Kind::any, 0); }
  static constexpr ExpectedVersion no_stream() { return ExpectedVersion(Kind::no_stream, 0); }
  static constexpr ExpectedVersion exactly(std::uint64_t version) {
    return ExpectedVersion(Kind::exactly, version);
  }
  [[nodiscard]] constexpr Kind kind() const { return kind_; }
  [[nodiscard]] constexpr std::uint64_t version() const { return version_; }
  // Whether a stream currently at `current` satisfies this expectation.
  [[nodiscard]] constexpr bool admits(std::uint64_t current) const {
    switch (kind_) {
      case Kind::any:
        return true;
      case Kind::no_stream:
        return current == 0;
      case Kind::exactly:
        return current == version_;
    }
    return false;
  }

 private:
  constexpr ExpectedVersion(Kind kind, std::uint64_t version) : kind_(kind), version_(version) {}
  Kind kind_;
  std::uint64_t version_;
};

// One event as the caller hands it in. `data_json` must be a JSON object; it is stored in
// canonical form (sorted keys, no insignificant whitespace).
struct EventToAppend {
  std::string event_id;        // unique across the store; 1..128 printable ASCII characters
  std::string type;            // stable versioned name, e.g. "case.registered.v1"
  std::string data_json;       // a JSON object
  std::string actor;           // who did it, e.g. "user:42" or "system"
  std::string correlation_id;  // may be empty
  std::string causation_id;    // may be empty
  Instant recorded_at;         // when it was recorded (from the caller's Clock)
};

struct AppendRequest {
  std::string stream;
  ExpectedVersion expected = ExpectedVersion::any();
  std::vector<EventToAppend> events;
  // Optional. When set, a retry with the same key and the same fingerprint gets the stored result
  // and appends nothing; the same key with another fingerprint is refused. When the fingerprint is
  // empty the store derives one from the stream, the expectation and the events' types and data.
  std::string idempotency_key;
  std::string request_fingerprint;
};

struct AppendResult {
  std::string stream;
  std::uint64_t first_position = 0;
  std::uint64_t last_position = 0;
  std::uint64_t stream_version = 0;  // the stream's version after the append
  bool replayed = false;             // true when answered from an earlier identical append
};

// Where one top-level member of an event's data lies in its data_json: offsets and sizes of the
// member's name (between its quotes) and of its value's text.
struct DataMemberSpan {
  std::uint32_t key_at = 0;
  std::uint32_t key_size = 0;
  std::uint32_t value_at = 0;
  std::uint32_t value_size = 0;
};

// An event as stored. Hashes are lowercase hex SHA-256; the first event's prev_hash and a stream's
// first stream_prev_hash are 64 zeros.
struct RecordedEvent {
  std::uint64_t position = 0;
  std::string stream;
  std::uint64_t version = 0;
  std::string event_id;
  std::string type;
  Instant recorded_at;
  std::string actor;
  std::string correlation_id;
  std::string causation_id;
  std::string data_json;
  std::string prev_hash;
  std::string stream_prev_hash;
  std::string hash;
  // Where data_json's bytes were when the store's record reader checked them as canonical JSON
  // (codec/record_reader.h); null if they were not (events built elsewhere: appends, tests,
  // imports). A decoder may skip checking them again while data_checked() holds. An address and a
  // size, not a flag: a copy of the event, or data_json given another size or buffer since, is
  // not taken as checked (a move keeps it: the bytes stay). Bytes overwritten in place, same
  // size, are not noticed: do not edit a read event's data, copy it.
  const char* checked_data = nullptr;
  std::size_t checked_size = 0;
  // The data's top-level members as that check found them, so that a decoder need not split the
  // data again; only meant while data_checked() holds, and empty when the reader left them out
  // (data a decoder's fast path would refuse anyway: see codec/canonical_scan.h).
  std::vector<DataMemberSpan> data_members;

  [[nodiscard]] bool data_checked() const {
    return checked_data != nullptr && checked_data == data_json.data() &&
           checked_size == data_json.size();
  }
};

struct VerifyReport {
  bool ok = true;
  std::uint64_t events = 0;              // events checked
  std::uint64_t head_position = 0;       // last good position
  std::string head_hash;                 // hash at head_position (64 zeros when nothing verified)
  std::uint64_t first_bad_position = 0;  // 0 when ok
  std::string problem;                   // why the first bad position is bad
};

// Where a commit hook adds its writes so that they land in the same synced batch as the events.
class CommitBatch {
 public:
  virtual ~CommitBatch() = default;
  virtual void put(std::string_view key, std::string_view value) = 0;
  virtual void remove(std::string_view key) = 0;
  // Removes every key that starts with `prefix` at once (a range deletion), if the batch can;
  // false if it cannot, and the caller removes the keys one by one. (A projection rebuild clears
  // its state this way instead of reading every key to delete it.)
  virtual bool remove_prefix(std::string_view prefix) {
    (void)prefix;
    return false;
  }
};

class EventStore;

// Commits one batch of state writes, outside any append. Thread-safe: a catch-up may commit
// several projections' batches at once.
using StateBatchWriter = std::function<Status(const std::function<void(CommitBatch&)>& fill)>;

// What a catch-up commits its state through.
struct StateWriters {
  // Commits one batch of state writes.
  StateBatchWriter write;
  // Adds a sorted run of state writes whole, as a table file of its own, without passing them
  // through the store's memory: for the bulk of a rebuild's new state, where it is much cheaper.
  // `fill` must write keys in strictly ascending byte order (else nothing is added and the load
  // fails). Whatever was committed through `write` before a load is on disk before the load
  // shows, so a crash keeps the catch-up's writes up to some point, in the order they were made.
  // Thread-safe, like `write`.
  StateBatchWriter load;
};

// Projections plug into the store through this. on_commit is called by the writer for every group
// of events about to be committed, in commit order, before the batch is written; what it adds is
// written atomically with the events. It must not throw; if it does, the store stops (its state
// could no longer be trusted to match the log). catch_up is called once when the store opens,
// before any append is accepted: the hook brings its state up to the log's head, reading events
// from `store` and committing state through `writers`.
class CommitHook {
 public:
  virtual ~CommitHook() = default;
  virtual void on_commit(const std::vector<RecordedEvent>& events, CommitBatch& batch) = 0;
  [[nodiscard]] virtual Status catch_up(const EventStore& store, const StateWriters& writers) {
    (void)store;
    (void)writers;
    return {};
  }
};

inline constexpr std::uint64_t kEndOfStream = UINT64_MAX;

// The state keys under `prefix` that sort after `prefix + start_after` ("": all of them).
struct StateRange {
  std::string_view prefix;
  std::string_view start_after;
};
using StateVisitor =
    std::function<bool(std::size_t range, std::string_view key, std::string_view value)>;

class EventStore {
 public:
  virtual ~EventStore() = default;

  [[nodiscard]] virtual Result<AppendResult> append(AppendRequest request) = 0;

  // Events of `stream` with version >= from_version, oldest first, at most max_count.
  [[nodiscard]] virtual Result<std::vector<RecordedEvent>> read_stream_forward(
      std::string_view stream, std::uint64_t from_version, std::size_t max_count) const = 0;
  // Events of `stream` with version <= from_version (kEndOfStream: from the end), newest first.
  [[nodiscard]] virtual Result<std::vector<RecordedEvent>> read_stream_backward(
      std::string_view stream, std::uint64_t from_version, std::size_t max_count) const = 0;
  // The global log from `from_position` (inclusive), oldest first, at most `limit` events.
  [[nodiscard]] virtual Result<std::vector<RecordedEvent>> read_all(std::uint64_t from_position,
                                                                    std::size_t limit) const = 0;
  // The same into `page`, which ends up holding exactly the events read. Its events' strings are
  // overwritten in place: a replay that reads each page into the one it applied before saves ~8
  // allocations and frees per event. After a failure `page` holds nothing of use.
  [[nodiscard]] virtual Status read_all(std::uint64_t from_position, std::size_t limit,
                                        std::vector<RecordedEvent>& page) const = 0;
  // The stream's current version (0 if it has no events).
  [[nodiscard]] virtual Result<std::uint64_t> stream_version(std::string_view stream) const = 0;
  // What an acknowledged append made with `idempotency_key` stored (marked replayed), or nothing:
  // a caller retrying a command finds its earlier attempt here without reading the stream.
  [[nodiscard]] virtual Result<std::optional<AppendResult>> find_idempotent_append(
      std::string_view idempotency_key) const = 0;
  // The last committed position (0 for an empty store).
  [[nodiscard]] virtual std::uint64_t head_position() const = 0;
  // Blocks until the head passes `after_position`, the store stops, or the timeout ends; returns
  // whether the head passed it.
  virtual bool wait_for_position(std::uint64_t after_position,
                                 std::chrono::milliseconds timeout) const = 0;

  // Projection state written by commit hooks: a point read and a prefix scan (key order).
  [[nodiscard]] virtual Result<std::string> get_state(std::string_view key) const = 0;
  [[nodiscard]] virtual Result<std::vector<std::pair<std::string, std::string>>> scan_state(
      std::string_view prefix, std::size_t limit) const = 0;
  // The same, starting after key `prefix + start_after` (paging: a list's cursor).
  [[nodiscard]] virtual Result<std::vector<std::pair<std::string, std::string>>> scan_state_after(
      std::string_view prefix, std::string_view start_after, std::size_t limit) const = 0;
  // Calls visit(range index, key, value) for each key of each range in turn, in key order, all
  // read at one point in time: a commit made meanwhile shows in none of them. Nothing is copied:
  // the views last until visit returns. visit answers false to end its range (the next one
  // starts). For reads that must agree with each other (counts and their checkpoint) and for
  // long walks (a text search over every case).
  [[nodiscard]] virtual Status visit_state(std::span<const StateRange> ranges,
                                           const StateVisitor& visit) const = 0;

  [[nodiscard]] virtual VerifyReport verify_log() const = 0;
  [[nodiscard]] virtual VerifyReport verify_stream(std::string_view stream) const = 0;

  // ok, or unavailable once the store has stopped accepting writes.
  [[nodiscard]] virtual Status health() const = 0;

  // What the store holds in memory now, in bytes: each part has a fixed cap (eventstore/SCHEMA.md),
  // so an operator, and the soak, can tell a cache filling up from memory that leaks.
  struct MemoryUsage {
    std::uint64_t block_cache = 0;           // blocks read from disk, shared by all column families
    std::uint64_t block_cache_capacity = 0;  // its cap: full once `block_cache` reaches it
    std::uint64_t memtables = 0;             // writes not yet flushed to a table file
    std::uint64_t table_readers = 0;         // open table files' indexes and filters
  };
  [[nodiscard]] virtual MemoryUsage memory_usage() const = 0;
};

}  // namespace gongkai::eventstore
