// RocksDbEventStore: the EventStore on an embedded RocksDB database (eventstore/SCHEMA.md).
// RocksDB types stay behind this header: callers see only the EventStore interface and Options.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "eventstore/event_store.h"

namespace rocksdb {
class Env;
}

namespace gongkai::eventstore {

namespace rocksdb_store {
struct Storage;
class CommitSignal;
class GroupWriter;
class BackgroundErrorListener;
}  // namespace rocksdb_store

class RocksDbEventStore final : public EventStore {
 public:
  struct Options {
    std::filesystem::path directory;
    // Hooks whose writes join each commit's batch (projections), in call order.
    std::vector<std::shared_ptr<CommitHook>> hooks = {};
    // fsync every commit. Only the power-loss harness turns this off, to prove it can see loss.
    bool sync_writes = true;
    // An Env to run RocksDB on; tests pass one that injects I/O faults. Null: the default Env.
    std::shared_ptr<rocksdb::Env> env = nullptr;
    // Opens the store for import_recorded only (`gongkai import`): no writer thread, no hooks
    // (invalid_argument "import_with_hooks" otherwise), append() refused with failed_precondition
    // "importing". Close it and open it normally (with the projections) to serve it.
    bool import_only = false;
  };

  // What backup_to wrote: the BackupEngine's id of the new backup, and the store's head when the
  // backup started (the backup holds at least that; appends acknowledged while it ran may be in
  // it).
  struct BackupResult {
    std::uint32_t backup_id = 0;
    std::uint64_t head_position = 0;
    std::string head_hash;
  };

  // Opens (creating if missing) the store. Fails with Code::internal if an acknowledged event
  // cannot be decoded: damaged data stops start-up rather than being served.
  [[nodiscard]] static Result<std::unique_ptr<RocksDbEventStore>> open(Options options);
  ~RocksDbEventStore() override;

  [[nodiscard]] Result<AppendResult> append(AppendRequest request) override;
  [[nodiscard]] Result<std::vector<RecordedEvent>> read_stream_forward(
      std::string_view stream, std::uint64_t from_version, std::size_t max_count) const override;
  [[nodiscard]] Result<std::vector<RecordedEvent>> read_stream_backward(
      std::string_view stream, std::uint64_t from_version, std::size_t max_count) const override;
  [[nodiscard]] Result<std::vector<RecordedEvent>> read_all(std::uint64_t from_position,
                                                            std::size_t limit) const override;
  [[nodiscard]] Status read_all(std::uint64_t from_position, std::size_t limit,
                                std::vector<RecordedEvent>& page) const override;
  [[nodiscard]] Result<std::uint64_t> stream_version(std::string_view stream) const override;
  [[nodiscard]] Result<std::optional<AppendResult>> find_idempotent_append(
      std::string_view idempotency_key) const override;
  [[nodiscard]] std::uint64_t head_position() const override;
  bool wait_for_position(std::uint64_t after_position,
                         std::chrono::milliseconds timeout) const override;
  [[nodiscard]] Result<std::string> get_state(std::string_view key) const override;
  [[nodiscard]] Result<std::vector<std::pair<std::string, std::string>>> scan_state(
      std::string_view prefix, std::size_t limit) const override;
  [[nodiscard]] Result<std::vector<std::pair<std::string, std::string>>> scan_state_after(
      std::string_view prefix, std::string_view start_after, std::size_t limit) const override;
  [[nodiscard]] Status visit_state(std::span<const StateRange> ranges,
                                   const StateVisitor& visit) const override;
  [[nodiscard]] VerifyReport verify_log() const override;
  [[nodiscard]] VerifyReport verify_stream(std::string_view stream) const override;
  [[nodiscard]] Status health() const override;
  [[nodiscard]] MemoryUsage memory_usage() const override;

  // Writes already-recorded events verbatim (from `gongkai export --all`), in one synced batch, on
  // a store opened with import_only (failed_precondition "not_importing" otherwise). Each event
  // must continue the store exactly as append() would have written it: position head + 1, prev_hash
  // the head's hash, version the stream's version + 1, stream_prev_hash the stream's last hash, a
  // new event id, valid fields (as append checks them), canonical data, and a hash that is the
  // SHA-256 of its canonical bytes. The first event that does not is refused with invalid_argument
  // "import_refused" naming its position, and nothing of the batch is written. Idempotency keys are
  // not part of a record: they are not imported (a retry of an old request is judged afresh).
  [[nodiscard]] Status import_recorded(const std::vector<RecordedEvent>& batch);

  // A new backup of the open store in `directory` (a RocksDB BackupEngine directory, created if
  // missing; earlier backups there are kept and share unchanged files). Live WAL files are copied
  // too (no flush), so the backup is a point-in-time image of whole commits; the store keeps
  // accepting appends meanwhile. The new backup is verified (file sizes) before this returns.
  [[nodiscard]] Result<BackupResult> backup_to(const std::filesystem::path& directory) const;

  // Compacts every column family to its last level (memtables flushed first), waiting. For
  // benchmarks, whose runs must each start from a store with no compaction pending (one would
  // share the cores with what they time), and for an operator after a large import.
  [[nodiscard]] Status compact();

 private:
  RocksDbEventStore(Options options, std::unique_ptr<rocksdb_store::Storage> storage);
  // Commits state writes alone; used only while opening, before the writer runs.
  [[nodiscard]] Status write_state(const std::function<void(CommitBatch&)>& fill);
  [[nodiscard]] Result<std::vector<RecordedEvent>> read_positions(
      const std::vector<std::uint64_t>& positions) const;

  Options options_;
  std::unique_ptr<rocksdb_store::Storage> storage_;
  std::unique_ptr<rocksdb_store::CommitSignal> signal_;
  std::unique_ptr<rocksdb_store::GroupWriter> writer_;  // null when import_only
  std::shared_ptr<rocksdb_store::BackgroundErrorListener> background_errors_;  // stops writer_
  // Switches the state family's compactions on after a catch-up (switch_on_compaction); last, so
  // that it is joined before the database closes.
  std::jthread compaction_switch_;
};

// Restores the latest backup in `backup_directory` (written by backup_to) into `target`, which must
// not exist or be an empty directory (failed_precondition "target_not_empty" otherwise). Open the
// result with RocksDbEventStore::open; projections catch up on open as usual.
[[nodiscard]] Status restore_backup(const std::filesystem::path& backup_directory,
                                    const std::filesystem::path& target);

}  // namespace gongkai::eventstore
