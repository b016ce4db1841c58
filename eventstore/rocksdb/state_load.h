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
#include <thread>

#include "eventstore/event_store.h"
#include "eventstore/rocksdb/fail_stop.h"
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

// Makes a catch-up's batches durable before the writer starts: they went to the WAL unsynced, and
// one sync of it costs less than the flush of the state family it replaced (eventstore/SCHEMA.md).
// A failure is answered (unavailable "storage_error").
[[nodiscard]] Status sync_catch_up(Storage& storage);

// Switches the state family's compactions back on (it was opened with them off for a catch-up) on
// a thread of its own: RocksDB writes its OPTIONS file anew and parses it back for that, 10-30 ms
// the opening store need not wait for. A failure stops the store's writer through `errors`: with
// compactions off, level 0 would grow until writes stall.
[[nodiscard]] std::jthread switch_on_compaction(Storage& storage, BackgroundErrorListener& errors);

}  // namespace gongkai::eventstore::rocksdb_store
