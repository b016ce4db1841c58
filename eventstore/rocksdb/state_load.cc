#include "eventstore/rocksdb/state_load.h"

#include <rocksdb/sst_file_writer.h>

#include <stdexcept>
#include <thread>

namespace gongkai::eventstore::rocksdb_store {
namespace {

// Writes into an open table file, which refuses a key that is not after the one before it. A
// refusal throws, to stop `fill`; status() then says what was refused.
class TableBatch final : public CommitBatch {
 public:
  explicit TableBatch(rocksdb::SstFileWriter& table) : table_(table) {}
  void put(std::string_view key, std::string_view value) override {
    check(table_.Put(rocksdb::Slice(key.data(), key.size()),
                     rocksdb::Slice(value.data(), value.size())));
  }
  void remove(std::string_view key) override {
    check(table_.Delete(rocksdb::Slice(key.data(), key.size())));
  }
  [[nodiscard]] bool empty() const { return entries_ == 0; }
  [[nodiscard]] const rocksdb::Status& status() const { return status_; }

 private:
  void check(rocksdb::Status status) {
    if (!status.ok()) {
      status_ = std::move(status);
      throw std::runtime_error(status_.ToString());
    }
    ++entries_;
  }
  rocksdb::SstFileWriter& table_;
  std::size_t entries_ = 0;
  rocksdb::Status status_;
};

void discard(const std::filesystem::path& file) {
  std::error_code ignored;  // never added: nothing refers to it (and an open store empties it)
  std::filesystem::remove(file, ignored);
}

// The load's file removed, and the failure as the store answers a RocksDB one (storage_error).
Status failed(const std::filesystem::path& file, const rocksdb::Status& status,
              const std::string& what) {
  discard(file);
  return storage_error(status, "loading projection state: " + what);
}

}  // namespace

std::filesystem::path loading_directory(const std::filesystem::path& store) {
  return store / "loading";
}

Status load_state(Storage& storage, const std::filesystem::path& file,
                  const std::function<void(CommitBatch&)>& fill) {
  std::error_code made;
  std::filesystem::create_directories(file.parent_path(), made);
  if (made) {
    return failed(file, rocksdb::Status::IOError(made.message()),
                  "creating " + file.parent_path().string());
  }
  rocksdb::FlushOptions flush;
  flush.wait = true;
  if (auto flushed = storage.db->Flush(flush, storage.state); !flushed.ok()) {
    return failed(file, flushed, "flushing before the load");
  }
  // The family's own options (its Env, so injected I/O faults reach the load too; its table
  // format, filters and index), uncompressed like a flush's output: the table is added at level 0
  // or at the bottom, and compactions rewrite it as they do flushed ones.
  rocksdb::Options options(storage.db->GetDBOptions(), storage.db->GetOptions(storage.state));
  options.compression = rocksdb::kNoCompression;
  options.bottommost_compression = rocksdb::kDisableCompressionOption;
  // invalidate_page_cache false: the table is read right after (the rest of the catch-up, then
  // serving), so its pages stay in the page cache.
  rocksdb::SstFileWriter table(rocksdb::EnvOptions(options), options, storage.state,
                               /*invalidate_page_cache=*/false);
  if (auto opened = table.Open(file.string()); !opened.ok()) {
    return failed(file, opened, "creating " + file.string());
  }
  TableBatch batch(table);
  try {
    fill(batch);
  } catch (const std::exception& e) {
    const rocksdb::Status why =
        batch.status().ok() ? rocksdb::Status::Aborted(e.what()) : batch.status();
    return failed(file, why, "writing " + file.string());
  }
  if (batch.empty()) {  // a table file cannot be empty, and there is nothing to add
    discard(file);
    return {};
  }
  if (auto finished = table.Finish(); !finished.ok()) {
    return failed(file, finished, "writing " + file.string());
  }
  rocksdb::IngestExternalFileOptions ingest;
  ingest.move_files = true;           // linked into the store, not copied
  ingest.write_global_seqno = false;  // the sequence number goes into the MANIFEST only
  if (auto added = storage.db->IngestExternalFile(storage.state, {file.string()}, ingest);
      !added.ok()) {
    return failed(file, added, "adding " + file.string());
  }
  return {};
}

Status sync_catch_up(Storage& storage) {
  if (auto synced = storage.db->SyncWAL(); !synced.ok()) {
    return storage_error(synced, "syncing caught-up projection state");
  }
  return {};
}

std::jthread switch_on_compaction(Storage& storage, BackgroundErrorListener& errors) {
  return std::jthread([&storage, &errors] {
    const rocksdb::Status enabled =
        storage.db->SetOptions(storage.state, {{"disable_auto_compactions", "false"}});
    if (!enabled.ok()) {
      errors.report("enabling compaction of projection state: " + enabled.ToString());
    }
  });
}

}  // namespace gongkai::eventstore::rocksdb_store
