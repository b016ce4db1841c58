#include "eventstore/rocksdb/state_load.h"

#include <rocksdb/sst_file_writer.h>

#include <stdexcept>

namespace gongkai::eventstore::rocksdb_store {
namespace {

// Writes into an open table file, which refuses a key that is not after the one before it.
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

 private:
  void check(const rocksdb::Status& status) {
    if (!status.ok()) throw std::runtime_error(status.ToString());
    ++entries_;
  }
  rocksdb::SstFileWriter& table_;
  std::size_t entries_ = 0;
};

void discard(const std::filesystem::path& file) {
  std::error_code ignored;  // never added: nothing refers to it (and an open store empties it)
  std::filesystem::remove(file, ignored);
}

Status failed(const std::string& what, const std::filesystem::path& file) {
  discard(file);
  return domain::unavailable("storage_error", "loading projection state: " + what);
}

}  // namespace

std::filesystem::path loading_directory(const std::filesystem::path& store) {
  return store / "loading";
}

Status load_state(Storage& storage, const std::filesystem::path& file,
                  const std::function<void(CommitBatch&)>& fill) {
  std::error_code made;
  std::filesystem::create_directories(file.parent_path(), made);
  if (made) return failed("creating " + file.parent_path().string() + ": " + made.message(), file);
  rocksdb::FlushOptions flush;
  flush.wait = true;
  if (auto flushed = storage.db->Flush(flush, storage.state); !flushed.ok()) {
    return failed("flushing before the load: " + flushed.ToString(), file);
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
    return failed("creating " + file.string() + ": " + opened.ToString(), file);
  }
  TableBatch batch(table);
  try {
    fill(batch);
  } catch (const std::exception& e) {
    return failed(e.what(), file);
  }
  if (batch.empty()) {  // a table file cannot be empty, and there is nothing to add
    discard(file);
    return {};
  }
  if (auto finished = table.Finish(); !finished.ok()) {
    return failed("writing " + file.string() + ": " + finished.ToString(), file);
  }
  rocksdb::IngestExternalFileOptions ingest;
  ingest.move_files = true;           // linked into the store, not copied
  ingest.write_global_seqno = false;  // the sequence number goes into the MANIFEST only
  if (auto added = storage.db->IngestExternalFile(storage.state, {file.string()}, ingest);
      !added.ok()) {
    return failed("adding " + file.string() + ": " + added.ToString(), file);
  }
  return {};
}

}  // namespace gongkai::eventstore::rocksdb_store
