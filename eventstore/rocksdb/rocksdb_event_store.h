// RocksDbEventStore: the EventStore on an embedded RocksDB database (eventstore/SCHEMA.md).
// RocksDB types stay behind this header: callers see only the EventStore interface and Options.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
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
  [[nodiscard]] Result<std::uint64_t> stream_version(std::string_view stream) const override;
  [[nodiscard]] std::uint64_t head_position() const override;
  bool wait_for_position(std::uint64_t after_position,
                         std::chrono::milliseconds timeout) const override;
  [[nodiscard]] Result<std::string> get_state(std::string_view key) const override;
  [[nodiscard]] Result<std::vector<std::pair<std::string, std::string>>> scan_state(
      std::string_view prefix, std::size_t limit) const override;
  [[nodiscard]] Result<std::vector<std::pair<std::string, std::string>>> scan_state_after(
      std::string_view prefix, std::string_view start_after, std::size_t limit) const override;
  [[nodiscard]] VerifyReport verify_log() const override;
  [[nodiscard]] VerifyReport verify_stream(std::string_view stream) const override;
  [[nodiscard]] Status health() const override;

 private:
  RocksDbEventStore(Options options, std::unique_ptr<rocksdb_store::Storage> storage);
  // Commits state writes alone; used only while opening, before the writer runs.
  [[nodiscard]] Status write_state(const std::function<void(CommitBatch&)>& fill);
  [[nodiscard]] Result<std::vector<RecordedEvent>> read_positions(
      const std::vector<std::uint64_t>& positions) const;

  Options options_;
  std::unique_ptr<rocksdb_store::Storage> storage_;
  std::unique_ptr<rocksdb_store::CommitSignal> signal_;
  std::unique_ptr<rocksdb_store::GroupWriter> writer_;
};

}  // namespace gongkai::eventstore
