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

}  // namespace gongkai::eventstore
