// The `bench append` workload of BENCHMARKS.md: C appenders, each appending to a random one of its
// own 10,000 streams `case-<i>x<n>` with the expected version it last saw, alternated run by run
// with the raw RocksDB floor, so the result is a ratio measured on the same machine at once.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace gongkai::tools {

struct AppendBenchParams {
  int concurrency = 32;
  std::uint64_t events = 200'000;  // per run
  double duration_s = 0;           // > 0: each run appends for this long instead (events ignored)
  bool floor = true;               // alternate with the raw RocksDB floor (off: store runs only)
  int batch = 1;                   // events per atomic append
  int runs = 5;                    // measured runs per side, after one warm-up per side
  bool warmup = true;
  std::filesystem::path directory;  // scratch space; each run uses a fresh store inside it
  std::uint32_t seed = 20210301;
};

struct SideFigures {
  std::vector<double> events_per_s;  // one per measured run
  std::vector<double> latencies_ms;  // every append of every measured run
};

struct AppendBenchResult {
  SideFigures store;
  SideFigures floor;
  std::size_t mean_event_bytes = 0;
  std::string error;  // non-empty if a run failed
};

// The seeded event bodies the appenders draw from: about 400 bytes of canonical JSON with Chinese
// text each (also what tools/bench/peer-postgres.sh gives PostgreSQL, via --print-body).
[[nodiscard]] std::vector<std::string> seeded_bodies(std::uint32_t seed);

[[nodiscard]] AppendBenchResult run_append_benchmark(const AppendBenchParams& params);

}  // namespace gongkai::tools
