// The raw RocksDB floor for `gongkai bench append`: the same number of synced writes of the same
// size, issued straight to RocksDB (its own group commit), so the store's figure can be quoted as
// a ratio against what the disk and RocksDB alone do on the same machine in the same run.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <vector>

#include "domain/base/status.h"

namespace gongkai::eventstore {

struct FloorRun {
  double seconds = 0;
  std::uint64_t writes = 0;                // keys written
  std::vector<double> latencies_ms;        // one per synced write (batch)
};

// `concurrency` threads together write `keys` keys of `value_bytes` bytes into a new database in
// `directory`, `batch` keys per synced WriteBatch.
[[nodiscard]] domain::Result<FloorRun> run_raw_rocksdb_floor(const std::filesystem::path& directory,
                                                             int concurrency, std::uint64_t keys,
                                                             int batch, std::size_t value_bytes);

// The raw floor for `gongkai bench read` and `bench replay`: the store's own `log` records read
// with a plain RocksDB iterator, bytes touched but not decoded (no record parse, no event decode).
struct RawScan {
  std::uint64_t records = 0;          // records read, over all scans
  std::uint64_t bytes = 0;            // value bytes read, over all scans
  double seconds = 0;                 // all scans, without opening the database
  std::vector<double> latencies_ms;   // one per scan
  std::uint64_t byte_sum = 0;         // sum of the bytes read (so reading them is not skipped)
};

// Opens the store's database in `directory` read-only and, `scans` times, reads `count` `log`
// records starting at `from_position` (fewer if the log ends first).
[[nodiscard]] domain::Result<RawScan> scan_raw_log(const std::filesystem::path& directory,
                                                   std::uint64_t from_position,
                                                   std::uint64_t count, int scans);

}  // namespace gongkai::eventstore
