// `gongkai bench read`: reads of a whole 1,000-event stream (BENCHMARKS.md: p99 < 1 ms), alternated
// run by run with the raw floor, a plain RocksDB iterator over as many of the store's own `log`
// records (scan_raw_log: bytes touched, nothing decoded). The scratch store holds `--streams`
// streams of `--events` events each, appended interleaved 10 at a time (a case's events are spread
// over the log, as they are in use), written without fsync (only the reads are measured).
// Figures: p50/p99 over every read of every measured run; reads_per_s per run (median/min/max);
// ratio = our reads_per_s median ÷ the floor's.
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "append_benchmark.h"
#include "bench_report.h"
#include "commands.h"
#include "eventstore/rocksdb/raw_floor.h"
#include "eventstore/rocksdb/rocksdb_event_store.h"

namespace gongkai::tools {
namespace {

using Clock = std::chrono::steady_clock;
constexpr double kTargetP99Ms = 1.0;
constexpr std::uint64_t kEventsPerAppend = 10;

struct Params {
  std::uint64_t events = 1'000;  // per stream: each read returns all of them
  int streams = 10;
  int reads = 2'000;             // per run
  int runs = 5;
  bool warmup = true;
  std::uint32_t seed = 20210301;
  std::string dir;
};

struct Side {
  std::vector<double> reads_per_s;
  std::vector<double> latencies_ms;
};

std::string stream_name(int s) { return "case-bench-read-" + std::to_string(s); }

domain::Status fill(const std::filesystem::path& dir, const Params& params) {
  auto opened = eventstore::RocksDbEventStore::open({.directory = dir, .sync_writes = false});
  if (!opened.ok()) return opened.status();
  auto& store = **opened;
  const auto bodies = seeded_bodies(params.seed);
  std::uint64_t id = 0;
  for (std::uint64_t version = 0; version < params.events; version += kEventsPerAppend) {
    for (int s = 0; s < params.streams; ++s) {
      eventstore::AppendRequest request;
      request.stream = stream_name(s);
      request.expected = version == 0 ? eventstore::ExpectedVersion::no_stream()
                                      : eventstore::ExpectedVersion::exactly(version);
      for (std::uint64_t e = version; e < std::min(params.events, version + kEventsPerAppend); ++e) {
        const std::string& body = bodies[id % bodies.size()];
        request.events.push_back({"read-" + std::to_string(id++), "bench.appended.v1", body,
                                  "user:bench", "", "",
                                  eventstore::Instant::from_unix_seconds(1'614'556'800)});
      }
      auto appended = store.append(std::move(request));
      if (!appended.ok()) return appended.status();
    }
  }
  return {};
}

domain::Status run_store(const std::filesystem::path& dir, const Params& params, Side* side) {
  auto opened = eventstore::RocksDbEventStore::open({.directory = dir, .sync_writes = false});
  if (!opened.ok()) return opened.status();
  const auto& store = **opened;
  std::vector<double> latencies;
  latencies.reserve(static_cast<std::size_t>(params.reads));
  const auto started = Clock::now();
  for (int r = 0; r < params.reads; ++r) {
    const auto before = Clock::now();
    auto events = store.read_stream_forward(stream_name(r % params.streams), 1, SIZE_MAX);
    latencies.push_back(std::chrono::duration<double, std::milli>(Clock::now() - before).count());
    if (!events.ok()) return events.status();
    if (events->size() != params.events) {
      return domain::internal_error("short_read", "a stream read returned " +
                                                std::to_string(events->size()) + " events");
    }
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  if (side != nullptr) {
    side->reads_per_s.push_back(params.reads / seconds);
    side->latencies_ms.insert(side->latencies_ms.end(), latencies.begin(), latencies.end());
  }
  return {};
}

domain::Status run_floor(const std::filesystem::path& dir, const Params& params, Side* side) {
  auto scan = eventstore::scan_raw_log(dir, 1, params.events, params.reads);
  if (!scan.ok()) return scan.status();
  if (scan->records != params.events * static_cast<std::uint64_t>(params.reads)) {
    return domain::internal_error("short_read", "the raw scan read fewer records than asked");
  }
  if (side != nullptr) {
    side->reads_per_s.push_back(params.reads / scan->seconds);
    side->latencies_ms.insert(side->latencies_ms.end(), scan->latencies_ms.begin(),
                              scan->latencies_ms.end());
  }
  return {};
}

int run(const Params& params) {
  const bool own_dir = params.dir.empty();
  const std::filesystem::path dir =
      own_dir ? std::filesystem::temp_directory_path() /
                    ("gongkai-bench-read-" + std::to_string(getpid()))
              : std::filesystem::path(params.dir);
  std::filesystem::remove_all(dir / "store");
  std::filesystem::create_directories(dir);
  Side ours;
  Side floor;
  auto status = fill(dir / "store", params);
  const int rounds = params.runs + (params.warmup ? 1 : 0);
  for (int round = 0; round < rounds && status.ok(); ++round) {
    const bool measured = !params.warmup || round > 0;
    status = run_store(dir / "store", params, measured ? &ours : nullptr);  // A
    if (status.ok()) status = run_floor(dir / "store", params, measured ? &floor : nullptr);  // B
  }
  if (own_dir) std::filesystem::remove_all(dir);
  if (!status.ok()) {
    std::cerr << "gongkai bench read: " << status.message() << "\n";
    return kExitFailed;
  }
  const double p99 = percentile(ours.latencies_ms, 0.99);
  const double ours_median = percentile(ours.reads_per_s, 0.5);
  const double floor_median = percentile(floor.reads_per_s, 0.5);
  const nlohmann::json line = {
      {"name", "read"},
      {"params",
       {{"events_per_stream", params.events}, {"streams", params.streams},
        {"reads", params.reads}, {"seed", params.seed}}},
      {"runs", params.runs},
      {"reads_per_s", spread(ours.reads_per_s)},
      {"p50_ms", percentile(ours.latencies_ms, 0.5)},
      {"p99_ms", p99},
      {"floor_reads_per_s", spread(floor.reads_per_s)},
      {"floor_p50_ms", percentile(floor.latencies_ms, 0.5)},
      {"floor_p99_ms", percentile(floor.latencies_ms, 0.99)},
      {"ratio", floor_median > 0 ? nlohmann::json(ours_median / floor_median) : nullptr},
      {"target", {{"p99_ms", kTargetP99Ms}}},
      {"pass", p99 < kTargetP99Ms},
      {"nproc", nproc()},
      {"loadavg", load_average()},
  };
  std::cout << line.dump() << std::endl;
  return kExitOk;
}

}  // namespace

void add_bench_read_command(CLI::App& bench, int& exit_code) {
  auto* command = bench.add_subcommand(
      "read", "Whole-stream reads (1,000 events) against a raw scan of as many log records");
  auto params = std::make_shared<Params>();
  auto quick = std::make_shared<bool>(false);
  command->add_option("--events", params->events, "Events per stream (each read returns all)")
      ->capture_default_str()
      ->check(CLI::Range(1, 1'000'000));
  command->add_option("--streams", params->streams, "Streams, interleaved in the log")
      ->capture_default_str()
      ->check(CLI::Range(1, 1'000));
  command->add_option("--reads", params->reads, "Reads per run")
      ->capture_default_str()
      ->check(CLI::Range(1, 10'000'000));
  command->add_option("--runs", params->runs, "Measured runs per side")
      ->capture_default_str()
      ->check(CLI::Range(1, 100));
  command->add_option("--seed", params->seed, "Seed of the event bodies")->capture_default_str();
  command->add_option("--dir", params->dir, "Scratch directory (default: a new one under temp)");
  command->add_flag("--quick", *quick, "One short run per side, no warm-up (for CI)");
  command->callback([&exit_code, params, quick] {
    if (*quick) {
      params->runs = 1;
      params->warmup = false;
      params->reads = std::min(params->reads, 100);
    }
    exit_code = run(*params);
  });
}

}  // namespace gongkai::tools
