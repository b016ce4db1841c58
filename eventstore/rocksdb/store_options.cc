#include "eventstore/rocksdb/store_options.h"

#include <rocksdb/env.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/table.h>

#include <algorithm>
#include <filesystem>

#include "eventstore/rocksdb/fail_stop.h"

namespace gongkai::eventstore::rocksdb_store {

namespace {

// RocksDB opens every table file in DB::Open (max_open_files is -1), each column family's files
// with threads of their own: max_file_opening_threads of them started and joined per family, even
// one holding no file. Its default of 16 meant 80 thread starts for our five families, 20-25 ms of
// the 30-40 ms a rebuild's DB::Open took here, for the ~20 files of a 10,000-case store. One
// thread per 64 files: a small store opens them on the opening thread, a big one on a cold disk
// still reads its files' footers and indexes side by side.
int file_opening_threads(const std::filesystem::path& directory) {
  constexpr std::size_t kFilesPerThread = 64;
  constexpr std::size_t kMaxThreads = 16;
  std::size_t files = 0;
  std::error_code error;  // no directory yet (a new store): no files
  for (std::filesystem::directory_iterator it(directory, error), end; !error && it != end;
       it.increment(error)) {
    if (it->path().extension() == ".sst") ++files;
  }
  return static_cast<int>(std::clamp<std::size_t>(files / kFilesPerThread, 1, kMaxThreads));
}

}  // namespace

rocksdb::DBOptions database_options(const RocksDbEventStore::Options& options) {
  rocksdb::DBOptions db;
  db.create_if_missing = true;
  db.create_missing_column_families = true;
  db.paranoid_checks = true;
  db.track_and_verify_wals_in_manifest = true;
  db.wal_recovery_mode = rocksdb::WALRecoveryMode::kPointInTimeRecovery;
  db.manual_wal_flush = false;
  db.unordered_write = false;
  db.max_total_wal_size = std::uint64_t{256} << 20;
  db.max_background_jobs = 2;
  db.max_file_opening_threads = file_opening_threads(options.directory);
  // Bounded memory (RELIABILITY.md L1): all column families' memtables share one budget, flushed
  // when it is spent, instead of each growing to its own write_buffer_size (64 MiB for the log).
  db.db_write_buffer_size = kMemtableBudget;
  // Fail-stop: a stopped store stays stopped until it is reopened, so RocksDB must not resume by
  // itself after a background I/O error (see also BackgroundErrorListener::OnErrorRecoveryBegin).
  db.max_bgerror_resume_count = 0;
  // One writer thread: no concurrent memtable inserts to allow for, so RocksDB keeps its
  // sequential-insert shortcut (positions and stream versions mostly arrive in order), and no
  // write-thread spinning for followers that never come.
  db.allow_concurrent_memtable_write = false;
  db.enable_write_thread_adaptive_yield = false;
  // Fail-stop (eventstore/rocksdb/fail_stop.h): a failure to write the OPTIONS file fails the
  // open instead of being logged and ignored, and the LOG survives a full disk.
  db.fail_if_options_file_error = true;
  db.info_log = std::make_shared<rocksdb_store::InfoLog>(options.directory / "LOG");
  if (options.env) db.env = options.env.get();
  return db;
}

rocksdb::ColumnFamilyOptions family_options(bool point_lookups,
                                           const std::shared_ptr<rocksdb::Cache>& block_cache) {
  rocksdb::ColumnFamilyOptions family;
  // Compressing on flush costs the foreground CPU on a small machine; the bottommost level,
  // rewritten rarely, holds most of the data and is compressed.
  family.compression = rocksdb::kNoCompression;
  family.bottommost_compression = rocksdb::kLZ4Compression;
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = block_cache;  // one cache for all families: bounded, not 8 MiB each
  // Each file's index and filter in that cache too (RELIABILITY.md L1): held by the table
  // readers, they grew with the data (0.6 → 2.1 MiB in a 15-minute soak) outside every cap. Index
  // and filter blocks have the cache's high-priority share, and level 0's (the files every
  // lookup checks) are pinned while their file lives.
  table.cache_index_and_filter_blocks = true;
  table.cache_index_and_filter_blocks_with_high_priority = true;
  table.pin_l0_filter_and_index_blocks_in_cache = true;
  // Indexes and filters in partitions of ~4 KiB, with only a small top-level index per file
  // pinned: a whole-file index outgrows a shard of the cache (32 MiB in 64 shards of 512 KiB)
  // once a file holds ~300,000 keys, and a block larger than its shard is dropped as soon as it is
  // read. Every point read then re-read and scanned the file's whole index: after a 5-minute
  // 128-client soak (the state's bottom file: 520 KiB of index) GET /me took 6 ms instead of 1.2
  // and a search 40-57 ms instead of 2 (eventstore/SCHEMA.md "Memory").
  table.index_type = rocksdb::BlockBasedTableOptions::kTwoLevelIndexSearch;
  table.pin_top_level_index_and_filter = true;
  if (point_lookups) {
    // meta holds event ids, stream heads and idempotency keys looked up on every append, mostly
    // absent: bloom filters (in files and in the memtable) answer "not there" cheaply.
    table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
    table.partition_filters = true;  // cut where the index is cut, for the same reason
    family.memtable_whole_key_filtering = true;
    family.memtable_prefix_bloom_size_ratio = 0.05;
    // Keys here arrive in random order; a small memtable keeps each insert's skip-list search
    // in cache.
    family.write_buffer_size = std::size_t{8} << 20;
  }
  family.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  return family;
}

}  // namespace gongkai::eventstore::rocksdb_store
