#include "eventstore/rocksdb/raw_floor.h"

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>

#include "eventstore/rocksdb/keys.h"

namespace gongkai::eventstore {

domain::Result<FloorRun> run_raw_rocksdb_floor(const std::filesystem::path& directory,
                                               int concurrency, std::uint64_t keys, int batch,
                                               std::size_t value_bytes) {
  rocksdb::Options options;
  options.create_if_missing = true;
  options.compression = rocksdb::kNoCompression;
  rocksdb::DB* raw = nullptr;
  const rocksdb::Status opened = rocksdb::DB::Open(options, directory.string(), &raw);
  if (!opened.ok()) return domain::unavailable("storage_error", opened.ToString());
  std::unique_ptr<rocksdb::DB> db(raw);

  const std::string value(value_bytes, 'v');
  std::atomic<std::uint64_t> next_key{0};
  std::atomic<bool> failed{false};
  std::vector<std::vector<double>> latencies(static_cast<std::size_t>(concurrency));
  const auto started = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < concurrency; ++t) {
    threads.emplace_back([&, t] {
      rocksdb::WriteOptions write;
      write.sync = true;
      for (;;) {
        const std::uint64_t first = next_key.fetch_add(static_cast<std::uint64_t>(batch));
        if (first >= keys || failed) return;
        rocksdb::WriteBatch group;
        for (std::uint64_t k = first; k < std::min(keys, first + batch); ++k) {
          group.Put(rocksdb_store::position_key(k), value);
        }
        const auto before = std::chrono::steady_clock::now();
        if (!db->Write(write, &group).ok()) failed = true;
        latencies[static_cast<std::size_t>(t)].push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - before)
                .count());
      }
    });
  }
  for (auto& thread : threads) thread.join();
  FloorRun run;
  run.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (failed) return domain::unavailable("storage_error", "a floor write failed");
  run.writes = keys;
  for (auto& per_thread : latencies) {
    run.latencies_ms.insert(run.latencies_ms.end(), per_thread.begin(), per_thread.end());
  }
  db->Close().PermitUncheckedError();  // benchmark scratch database, removed by the caller
  return run;
}

domain::Result<RawScan> scan_raw_log(const std::filesystem::path& directory,
                                     std::uint64_t from_position, std::uint64_t count, int scans) {
  rocksdb::Options options;
  std::vector<rocksdb::ColumnFamilyDescriptor> families = {
      {rocksdb::kDefaultColumnFamilyName, rocksdb::ColumnFamilyOptions()},
      {rocksdb_store::kLogFamily, rocksdb::ColumnFamilyOptions()}};
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  const rocksdb::Status opened =
      rocksdb::DB::OpenForReadOnly(options, directory.string(), families, &handles, &raw);
  if (!opened.ok()) return domain::unavailable("storage_error", opened.ToString());
  std::unique_ptr<rocksdb::DB> db(raw);

  RawScan scan;
  const std::string start = rocksdb_store::position_key(from_position);
  std::uint64_t checksum = 0;  // every value byte is looked at, as a decoder would (returned)
  for (int s = 0; s < scans; ++s) {
    const auto before = std::chrono::steady_clock::now();
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), handles[1]));
    std::uint64_t read = 0;
    for (it->Seek(start); it->Valid() && read < count; it->Next(), ++read) {
      const rocksdb::Slice value = it->value();
      for (std::size_t i = 0; i < value.size(); ++i) checksum += static_cast<unsigned char>(value[i]);
      scan.bytes += value.size();
    }
    if (!it->status().ok()) return domain::unavailable("storage_error", it->status().ToString());
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                                before).count();
    scan.latencies_ms.push_back(ms);
    scan.seconds += ms / 1000;
    scan.records += read;
  }
  for (auto* handle : handles) db->DestroyColumnFamilyHandle(handle);
  db->Close().PermitUncheckedError();  // read-only; nothing to report
  scan.byte_sum = checksum;
  return scan;
}

}  // namespace gongkai::eventstore
