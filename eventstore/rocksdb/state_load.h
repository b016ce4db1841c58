// A catch-up's load (StateWriters::load): a sorted run of projection state written into a table
// file of its own and added to the state family whole, instead of going through the memtable.
// A 10,000-case rebuild commits ~75,000 views at its last page; inserted one by one into the
// memtable's skip list (whose debug checks Debian's RocksDB keeps) that took ~13 % of the
// rebuild's instructions, all on one thread, and then a flush wrote them out again. A table
// file is built by the loading thread itself, in key order, and added in one step.
// Internal to eventstore/rocksdb.
#pragma once

#include <filesystem>
#include <functional>

#include "eventstore/event_store.h"
#include "eventstore/rocksdb/storage.h"

namespace gongkai::eventstore::rocksdb_store {

// Where loads write their table files before adding them: a directory of the store, emptied when
// the store opens (a crash may leave a file there that was never added).
[[nodiscard]] std::filesystem::path loading_directory(const std::filesystem::path& store);

// Writes what `fill` puts into `file` (in loading_directory, created if missing) and adds it to
// the state family. The family's memtable is flushed first, so everything written before the
// load is on disk before the load shows (StateWriters::load). A run with nothing in it adds
// nothing. Fails (unavailable "storage_error"), with nothing added and the file removed, if
// `fill` throws or writes a key not after the one before.
[[nodiscard]] Status load_state(Storage& storage, const std::filesystem::path& file,
                                const std::function<void(CommitBatch&)>& fill);

// Ends a catch-up at open: flushes the state family when the catch-up wrote batches (they skip the
// WAL) and, when it was opened with its compactions off, switches them on again, beside the flush
// (see eventstore/SCHEMA.md). Either failure is answered (unavailable "storage_error").
[[nodiscard]] Status end_catch_up(Storage& storage, bool flush, bool enable_compaction);

}  // namespace gongkai::eventstore::rocksdb_store
