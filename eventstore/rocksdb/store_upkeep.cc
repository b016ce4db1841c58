// RocksDbEventStore's checks and upkeep, apart from its append and read paths: verifying the
// chain (the whole log, one stream), health, the memory gauges and a full compaction. See
// rocksdb_event_store.h for the contracts.
#include <rocksdb/db.h>

#include <memory>

#include "eventstore/chain_verifier.h"
#include "eventstore/codec/record_codec.h"
#include "eventstore/rocksdb/group_writer.h"
#include "eventstore/rocksdb/keys.h"
#include "eventstore/rocksdb/rocksdb_event_store.h"
#include "eventstore/rocksdb/storage.h"

namespace gongkai::eventstore {

using rocksdb_store::storage_error;
namespace keys = rocksdb_store;

VerifyReport RocksDbEventStore::verify_log() const {
  ChainVerifier verifier(ChainVerifier::Scope::global_log);
  std::unique_ptr<rocksdb::Iterator> it(
      storage_->db->NewIterator(rocksdb::ReadOptions(), storage_->log));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    const std::uint64_t position = keys::get_u64(it->key().ToStringView());
    const std::string_view stored = it->value().ToStringView();
    auto event = codec::decode_stored(stored);
    if (!event.ok()) {
      verifier.fail(position, event.status().message());
      break;
    }
    if (event->position != position) {
      verifier.fail(position, "the event's position does not match its key");
      break;
    }
    if (const std::string problem = codec::check_stored(stored, *event); !problem.empty()) {
      verifier.fail(position, problem);
      break;
    }
    if (!verifier.add(*event)) break;
  }
  if (!it->status().ok())
    verifier.fail(verifier.report().head_position + 1, it->status().ToString());
  return verifier.report();
}

VerifyReport RocksDbEventStore::verify_stream(std::string_view stream) const {
  ChainVerifier verifier(ChainVerifier::Scope::one_stream);
  auto events = read_stream_forward(stream, 1, SIZE_MAX);
  if (!events.ok()) {
    verifier.fail(0, events.status().message());
    return verifier.report();
  }
  for (const auto& event : *events) {
    if (!verifier.add(event)) break;
  }
  auto head = stream_version(stream);
  if (verifier.report().ok && (!head.ok() || *head != verifier.report().events)) {
    verifier.fail(verifier.report().head_position + 1,
                  "the stream's head says another number of events than the stream holds");
  }
  return verifier.report();
}

Status RocksDbEventStore::health() const {
  if (!writer_) return domain::unavailable("importing", "the store is open for import only");
  return writer_->health();
}

RocksDbEventStore::MemoryUsage RocksDbEventStore::memory_usage() const {
  rocksdb::DB& db = *storage_->db;
  MemoryUsage usage;
  // The block cache is one cache for every family, so any family's property is its whole size.
  db.GetIntProperty(storage_->log, rocksdb::DB::Properties::kBlockCacheUsage, &usage.block_cache);
  db.GetIntProperty(storage_->log, rocksdb::DB::Properties::kBlockCacheCapacity,
                    &usage.block_cache_capacity);
  db.GetAggregatedIntProperty(rocksdb::DB::Properties::kSizeAllMemTables, &usage.memtables);
  db.GetAggregatedIntProperty(rocksdb::DB::Properties::kEstimateTableReadersMem,
                              &usage.table_readers);
  return usage;
}

Status RocksDbEventStore::compact() {
  rocksdb::CompactRangeOptions options;
  // Down to the last level even when it already holds all the data: "fully compacted" is the
  // state a benchmark's copies start from, whatever the files looked like before.
  options.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForceOptimized;
  for (auto* family : storage_->handles) {
    const rocksdb::Status status = storage_->db->CompactRange(options, family, nullptr, nullptr);
    if (!status.ok()) return storage_error(status, "compacting " + family->GetName());
  }
  return {};
}

}  // namespace gongkai::eventstore
