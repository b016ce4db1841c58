// The RocksDB settings of the event store: the database's and each column family's. Internal to
// eventstore/rocksdb.
#pragma once

#include <rocksdb/cache.h>
#include <rocksdb/options.h>

#include <cstddef>
#include <memory>

#include "eventstore/rocksdb/rocksdb_event_store.h"

namespace gongkai::eventstore::rocksdb_store {

// All column families' memtables share this budget (RELIABILITY.md L1, eventstore/SCHEMA.md).
inline constexpr std::size_t kMemtableBudget = std::size_t{32} << 20;
// One block cache for all column families.
inline constexpr std::size_t kBlockCacheSize = std::size_t{32} << 20;

// The settings RELIABILITY.md section 1 makes a contract: changing one means rerunning the crash
// and fault tests.
[[nodiscard]] rocksdb::DBOptions database_options(const RocksDbEventStore::Options& options);

// `point_lookups`: the family is read by key, mostly for keys that are absent (bloom filters).
[[nodiscard]] rocksdb::ColumnFamilyOptions family_options(
    bool point_lookups, const std::shared_ptr<rocksdb::Cache>& block_cache);

}  // namespace gongkai::eventstore::rocksdb_store
