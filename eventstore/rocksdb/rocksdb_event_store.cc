#include "eventstore/rocksdb/rocksdb_event_store.h"

#include <rocksdb/cache.h>
#include <rocksdb/db.h>

#include <atomic>

#include "eventstore/append_validation.h"
#include "eventstore/codec/record_codec.h"
#include "eventstore/codec/sha256.h"
#include "eventstore/rocksdb/fail_stop.h"
#include "eventstore/rocksdb/group_writer.h"
#include "eventstore/rocksdb/keys.h"
#include "eventstore/rocksdb/mapped_block_allocator.h"
#include "eventstore/rocksdb/meta_values.h"
#include "eventstore/rocksdb/state_batch.h"
#include "eventstore/rocksdb/state_load.h"
#include "eventstore/rocksdb/storage.h"
#include "eventstore/rocksdb/store_options.h"

namespace gongkai::eventstore {

using rocksdb_store::CommitSignal;
using rocksdb_store::database_options;
using rocksdb_store::family_options;
using rocksdb_store::GroupWriter;
using rocksdb_store::kBlockCacheSize;
using rocksdb_store::Storage;
namespace keys = rocksdb_store;

namespace {

Status from_rocksdb(const rocksdb::Status& status, const std::string& what) {
  if (status.IsNotFound()) return domain::not_found("not_found", what + ": not found");
  return rocksdb_store::storage_error(status, what);
}

Status create_database(const rocksdb::DBOptions& db_options, const std::filesystem::path& directory,
                       const std::vector<rocksdb::ColumnFamilyDescriptor>& families) {
  rocksdb::DB* raw = nullptr;
  rocksdb::Status status = rocksdb::DB::Open(rocksdb::Options(db_options, families.front().options),
                                             directory.string(), &raw);
  if (!status.ok()) return from_rocksdb(status, "creating " + directory.string());
  std::unique_ptr<rocksdb::DB> db(raw);
  for (std::size_t i = 1; i < families.size() && status.ok(); ++i) {
    rocksdb::ColumnFamilyHandle* handle = nullptr;
    status = db->CreateColumnFamily(families[i].options, families[i].name, &handle);
    if (handle != nullptr) db->DestroyColumnFamilyHandle(handle);
  }
  const rocksdb::Status closed = db->Close();
  if (status.ok()) status = closed;
  if (!status.ok()) return from_rocksdb(status, "creating " + directory.string());
  return {};
}

// The last stored event, from which the writer continues the chain.
Result<rocksdb_store::ChainHead> read_chain_head(Storage& storage) {
  std::unique_ptr<rocksdb::Iterator> it(
      storage.db->NewIterator(rocksdb::ReadOptions(), storage.log));
  it->SeekToLast();
  if (!it->status().ok()) return from_rocksdb(it->status(), "reading the log's head");
  if (!it->Valid()) return rocksdb_store::ChainHead{0, codec::kZeroHash};
  auto event = codec::decode_stored(it->value().ToStringView());
  if (!event.ok()) return event.status();
  if (event->position != keys::get_u64(it->key().ToStringView())) {
    return domain::internal_error("corrupt_event", "the last event's position does not match");
  }
  return rocksdb_store::ChainHead{event->position, event->hash};
}

// Hands `visit` the state keys under `prefix` after `start_after`, in order, as `snapshot` (null:
// the latest state) has them, until it answers false. Bounded to the prefix, so a walk never goes
// on through other keys (or through the deletion markers a projection rebuild leaves behind) once
// the prefix is done.
template <class Visit>
Status walk_state(const Storage& storage, const rocksdb::Snapshot* snapshot,
                  std::string_view prefix, std::string_view start_after, Visit&& visit) {
  const std::string upper = keys::prefix_successor(prefix);
  const rocksdb::Slice upper_slice(upper);
  rocksdb::ReadOptions read;
  read.snapshot = snapshot;
  if (!upper.empty()) read.iterate_upper_bound = &upper_slice;
  std::unique_ptr<rocksdb::Iterator> it(storage.db->NewIterator(read, storage.state));
  std::string start(prefix);
  start.append(start_after);
  it->Seek(start);
  if (!start_after.empty() && it->Valid() && it->key() == rocksdb::Slice(start)) it->Next();
  for (; it->Valid(); it->Next()) {
    const rocksdb::Slice key = it->key();
    const rocksdb::Slice value = it->value();
    if (!visit(std::string_view(key.data(), key.size()),
               std::string_view(value.data(), value.size()))) {
      break;
    }
  }
  if (!it->status().ok()) return from_rocksdb(it->status(), "scanning projection state");
  return {};
}

}  // namespace

Result<std::unique_ptr<RocksDbEventStore>> RocksDbEventStore::open(Options options) {
  if (options.import_only && !options.hooks.empty()) {
    return domain::invalid_argument("import_with_hooks",
                                    "a store opened for import takes no hooks");
  }
  std::error_code ignored;  // the LOG goes there before RocksDB creates it; Open reports failures
  std::filesystem::create_directories(options.directory, ignored);
  rocksdb::DBOptions db_options = database_options(options);
  auto background_errors = std::make_shared<rocksdb_store::BackgroundErrorListener>();
  db_options.listeners.push_back(background_errors);
  rocksdb::LRUCacheOptions cache_options;
  cache_options.capacity = kBlockCacheSize;
  cache_options.memory_allocator = std::make_shared<rocksdb_store::MappedBlockAllocator>();
  const std::shared_ptr<rocksdb::Cache> block_cache = rocksdb::NewLRUCache(cache_options);
  // No compaction of projection state while hooks catch up at open: a rebuild clears that state
  // and writes it anew, and compacting the old files meanwhile (level 0 full from the last
  // rebuild) took one of the two cores for ~40 % of a 10,000-case rebuild, for output the rebuild
  // deletes. Compactions are switched back on, and catch up, once the catch-up is done.
  rocksdb::ColumnFamilyOptions state_family = family_options(true, block_cache);
  const bool catching_up = !options.hooks.empty();
  state_family.disable_auto_compactions = catching_up;
  std::vector<rocksdb::ColumnFamilyDescriptor> families = {
      {rocksdb::kDefaultColumnFamilyName, family_options(false, block_cache)},
      {keys::kLogFamily, family_options(false, block_cache)},
      {keys::kStreamsFamily, family_options(true, block_cache)},
      {keys::kMetaFamily, family_options(true, block_cache)},
      {keys::kStateFamily, state_family},
  };
  if (!std::filesystem::exists(options.directory / "CURRENT", ignored)) {
    // A new store. RocksDB 7.8 leaks a column family handle, and asserts, when an OPTIONS write
    // fails inside Open's creation of missing families (fail_if_options_file_error): create the
    // database and then each family here, destroying the handle a failed creation hands back.
    if (auto created = create_database(db_options, options.directory, families); !created.ok()) {
      return created;
    }
  }
  auto storage = std::make_unique<Storage>();
  rocksdb::DB* db = nullptr;
  const rocksdb::Status status =
      rocksdb::DB::Open(db_options, options.directory.string(), families, &storage->handles, &db);
  if (!status.ok()) return from_rocksdb(status, "opening " + options.directory.string());
  storage->db.reset(db);
  storage->log = storage->handles[1];
  storage->streams = storage->handles[2];
  storage->meta = storage->handles[3];
  storage->state = storage->handles[4];
  std::unique_ptr<RocksDbEventStore> store(
      new RocksDbEventStore(std::move(options), std::move(storage)));
  store->background_errors_ = std::move(background_errors);
  auto head = read_chain_head(*store->storage_);
  if (!head.ok()) return head.status();
  store->signal_->publish(head->position);
  if (store->options_.import_only) return store;  // no hooks, no writer: import_recorded only
  // Before the writer starts nothing else writes, so hooks catch up on a still log. Their state
  // writes go to the WAL unsynced, which is synced once before the writer starts (write_state).
  // Their loads write table files in loading_directory, each named by its number in this open
  // (what an earlier open left there was never added: the lock, held now, makes it ours to clear).
  const std::filesystem::path loading = rocksdb_store::loading_directory(store->options_.directory);
  std::filesystem::remove_all(loading, ignored);
  std::atomic<bool> caught_up_writes = false;  // a catch-up may write from several threads
  std::atomic<std::uint64_t> loads = 0;
  const StateWriters writers{
      .write =
          [&store, &caught_up_writes](const auto& fill) {
            caught_up_writes = true;
            return store->write_state(fill);
          },
      .load =
          [&store, &loading, &loads](const auto& fill) {
            const auto file = loading / ("state-" + std::to_string(++loads) + ".sst");
            return rocksdb_store::load_state(*store->storage_, file, fill);
          },
  };
  for (const auto& hook : store->options_.hooks) {
    const Status caught_up = hook->catch_up(*store, writers);
    if (!caught_up.ok()) return caught_up;
  }
  if (caught_up_writes.load()) {
    if (auto synced = rocksdb_store::sync_catch_up(*store->storage_); !synced.ok()) return synced;
  }
  if (catching_up) {
    store->compaction_switch_ =
        rocksdb_store::switch_on_compaction(*store->storage_, *store->background_errors_);
  }
  store->writer_ = std::make_unique<GroupWriter>(*store->storage_, std::move(head).value(),
                                                 store->options_.hooks, store->options_.sync_writes,
                                                 *store->signal_);
  store->background_errors_->attach(store->writer_.get());
  return store;
}

RocksDbEventStore::RocksDbEventStore(Options options, std::unique_ptr<Storage> storage)
    : options_(std::move(options)),
      storage_(std::move(storage)),
      signal_(std::make_unique<CommitSignal>()) {}

RocksDbEventStore::~RocksDbEventStore() {
  if (background_errors_) background_errors_->attach(nullptr);  // RocksDB threads outlive writer_
  writer_.reset();  // answers queued appends before the database closes
}

Status RocksDbEventStore::write_state(const std::function<void(CommitBatch&)>& fill) {
  rocksdb::WriteBatch batch;
  rocksdb_store::StateBatch state(batch, storage_->state);
  try {
    fill(state);
  } catch (const std::exception& e) {
    return domain::internal_error("state_write_failed", e.what());
  }
  // Only catch-up at open writes here, before the writer starts; open() syncs the WAL when it is
  // done (sync_catch_up). Unsynced, a crash keeps a prefix of these batches (the WAL is replayed in
  // write order, kPointInTimeRecovery, and each batch holds its checkpoint), so the next open
  // resumes from the checkpoint that prefix reached, or finds the state as it was before
  // (RELIABILITY.md: a crashed rebuild restarts cleanly). The writer's synced groups follow them
  // in the same WAL, so none of those can survive without every batch before it.
  const rocksdb::Status status = storage_->db->Write(rocksdb::WriteOptions(), &batch);
  if (!status.ok()) return from_rocksdb(status, "writing projection state");
  return {};
}

Result<AppendResult> RocksDbEventStore::append(AppendRequest request) {
  if (!writer_)
    return domain::failed_precondition("importing", "the store is open for import only");
  auto fingerprint = prepare_append(request);
  if (!fingerprint.ok()) return fingerprint.status();
  return writer_->submit(std::move(request), std::move(fingerprint).value());
}

Result<std::vector<RecordedEvent>> RocksDbEventStore::read_positions(
    const std::vector<std::uint64_t>& positions) const {
  std::vector<RecordedEvent> events;
  events.reserve(positions.size());
  std::string value;
  for (const std::uint64_t position : positions) {
    const rocksdb::Status status = storage_->db->Get(rocksdb::ReadOptions(), storage_->log,
                                                     keys::position_key(position), &value);
    if (!status.ok()) return from_rocksdb(status, "reading position " + std::to_string(position));
    auto event = codec::decode_stored(value);
    if (!event.ok()) return event.status();
    events.push_back(std::move(event).value());
  }
  return events;
}

Result<std::vector<RecordedEvent>> RocksDbEventStore::read_stream_forward(
    std::string_view stream, std::uint64_t from_version, std::size_t max_count) const {
  const std::string upper = keys::stream_upper_bound(stream);
  const rocksdb::Slice upper_slice(upper);
  rocksdb::ReadOptions read;
  read.iterate_upper_bound = &upper_slice;
  std::unique_ptr<rocksdb::Iterator> it(storage_->db->NewIterator(read, storage_->streams));
  std::vector<std::uint64_t> positions;
  for (it->Seek(keys::stream_key(stream, from_version));
       it->Valid() && positions.size() < max_count; it->Next()) {
    positions.push_back(keys::get_u64(it->value().ToStringView()));
  }
  if (!it->status().ok()) return from_rocksdb(it->status(), "reading a stream");
  return read_positions(positions);
}

Result<std::vector<RecordedEvent>> RocksDbEventStore::read_stream_backward(
    std::string_view stream, std::uint64_t from_version, std::size_t max_count) const {
  const std::string lower = keys::stream_key(stream, 0);
  const rocksdb::Slice lower_slice(lower);
  rocksdb::ReadOptions read;
  read.iterate_lower_bound = &lower_slice;
  std::unique_ptr<rocksdb::Iterator> it(storage_->db->NewIterator(read, storage_->streams));
  std::vector<std::uint64_t> positions;
  for (it->SeekForPrev(keys::stream_key(stream, from_version));
       it->Valid() && positions.size() < max_count; it->Prev()) {
    positions.push_back(keys::get_u64(it->value().ToStringView()));
  }
  if (!it->status().ok()) return from_rocksdb(it->status(), "reading a stream");
  return read_positions(positions);
}

Result<std::vector<RecordedEvent>> RocksDbEventStore::read_all(std::uint64_t from_position,
                                                               std::size_t limit) const {
  std::vector<RecordedEvent> events;
  if (auto status = read_all(from_position, limit, events); !status.ok()) return status;
  return events;
}

Status RocksDbEventStore::read_all(std::uint64_t from_position, std::size_t limit,
                                   std::vector<RecordedEvent>& page) const {
  // Bounded by the committed head, so a reader never sees a group before its waiters are told.
  const std::uint64_t head = signal_->position();
  if (from_position > head || limit == 0) {
    page.clear();
    return {};
  }
  const auto expected = static_cast<std::size_t>(
      std::min<std::uint64_t>(limit, head - std::max<std::uint64_t>(from_position, 1) + 1));
  if (page.size() < expected) page.resize(expected);
  // A bulk read (replay, export, scan) passes through blocks once: loading them into the block
  // cache would evict what live reads use and cost a cache insertion and a fresh allocation per
  // block (a rebuild of 23,666 events took ~2,400 fewer page faults without). Small reads (the
  // event feed, one event) keep caching. A bulk read also reads ahead 1 MiB at a time: without,
  // each iterator starts at one block per read (auto-readahead grows only after a few), and a
  // replay reads the log in pages with an iterator each, so it paid a pread, and its syscall,
  // for nearly every block (projections/README.md item 41).
  rocksdb::ReadOptions read;
  read.fill_cache = limit < 1'000;
  if (!read.fill_cache) read.readahead_size = std::size_t{1} << 20;
  std::unique_ptr<rocksdb::Iterator> it(storage_->db->NewIterator(read, storage_->log));
  std::size_t count = 0;
  for (it->Seek(keys::position_key(std::max<std::uint64_t>(from_position, 1)));
       it->Valid() && count < limit; it->Next()) {
    if (keys::get_u64(it->key().ToStringView()) > head) break;
    if (count == page.size()) page.emplace_back();
    if (auto status = codec::decode_stored(it->value().ToStringView(), page[count]); !status.ok()) {
      return status;
    }
    ++count;
  }
  if (!it->status().ok()) return from_rocksdb(it->status(), "reading the log");
  page.resize(count);
  return {};
}

Result<std::uint64_t> RocksDbEventStore::stream_version(std::string_view stream) const {
  std::string value;
  const rocksdb::Status status =
      storage_->db->Get(rocksdb::ReadOptions(), storage_->meta, keys::head_key(stream), &value);
  if (status.IsNotFound()) return std::uint64_t{0};
  if (!status.ok()) return from_rocksdb(status, "reading a stream head");
  return keys::get_u64(value);
}

Result<std::optional<AppendResult>> RocksDbEventStore::find_idempotent_append(
    std::string_view idempotency_key) const {
  std::string value;
  const rocksdb::Status status = storage_->db->Get(rocksdb::ReadOptions(), storage_->meta,
                                                   keys::idempotency_key(idempotency_key), &value);
  if (status.IsNotFound()) return std::optional<AppendResult>();
  if (!status.ok()) return from_rocksdb(status, "reading an idempotency key");
  std::string fingerprint;
  return std::optional<AppendResult>(keys::decode_idempotency(value, fingerprint));
}

std::uint64_t RocksDbEventStore::head_position() const { return signal_->position(); }

bool RocksDbEventStore::wait_for_position(std::uint64_t after_position,
                                          std::chrono::milliseconds timeout) const {
  return signal_->wait_past(after_position, timeout);
}

Result<std::string> RocksDbEventStore::get_state(std::string_view key) const {
  std::string value;
  const rocksdb::Status status = storage_->db->Get(rocksdb::ReadOptions(), storage_->state,
                                                   rocksdb::Slice(key.data(), key.size()), &value);
  if (!status.ok()) return from_rocksdb(status, "reading projection state");
  return value;
}

Result<std::vector<std::pair<std::string, std::string>>> RocksDbEventStore::scan_state(
    std::string_view prefix, std::size_t limit) const {
  return scan_state_after(prefix, {}, limit);
}

Result<std::vector<std::pair<std::string, std::string>>> RocksDbEventStore::scan_state_after(
    std::string_view prefix, std::string_view start_after, std::size_t limit) const {
  std::vector<std::pair<std::string, std::string>> entries;
  if (limit == 0) return entries;
  auto walked = walk_state(*storage_, nullptr, prefix, start_after,
                           [&](std::string_view key, std::string_view value) {
                             entries.emplace_back(key, value);
                             return entries.size() < limit;
                           });
  if (!walked.ok()) return walked;
  return entries;
}

Status RocksDbEventStore::visit_state(std::span<const StateRange> ranges,
                                      const StateVisitor& visit) const {
  // One snapshot for every range: each range has its own iterator (its own upper bound), all
  // reading the same point in time.
  rocksdb::ManagedSnapshot snapshot(storage_->db.get());
  for (std::size_t range = 0; range < ranges.size(); ++range) {
    auto walked = walk_state(
        *storage_, snapshot.snapshot(), ranges[range].prefix, ranges[range].start_after,
        [&](std::string_view key, std::string_view value) { return visit(range, key, value); });
    if (!walked.ok()) return walked;
  }
  return {};
}

}  // namespace gongkai::eventstore
