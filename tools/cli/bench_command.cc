// `gongkai bench append`: durable append throughput and latency against the raw RocksDB floor,
// ending with one JSON line as BENCHMARKS.md asks (figures are medians over the measured runs;
// percentiles over every append of every measured run).
#include <sys/types.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>

#include "append_benchmark.h"
#include "bench_report.h"
#include "commands.h"

namespace gongkai::tools {
namespace {

int report(const AppendBenchParams& params, const AppendBenchResult& result) {
  if (!result.error.empty()) {
    std::cerr << "gongkai bench append: " << result.error << "\n";
    return kExitFailed;
  }
  const double ours = percentile(result.store.events_per_s, 0.5);
  const double floor = percentile(result.floor.events_per_s, 0.5);
  const double p99 = percentile(result.store.latencies_ms, 0.99);
  // BENCHMARKS.md targets: single-event appends at 32 appenders, and batches of 100.
  const bool batched = params.batch > 1;
  const double target = batched ? 150'000 : 50'000;
  const bool pass = ours >= target && (batched || p99 <= 5.0);
  const nlohmann::json line = {
      {"name", "append"},
      {"params",
       {{"concurrency", params.concurrency},
        {"events", params.duration_s > 0 ? nullptr : nlohmann::json(params.events)},
        {"duration_s", params.duration_s > 0 ? nlohmann::json(params.duration_s) : nullptr},
        {"floor", params.floor}, {"batch", params.batch},
        {"seed", params.seed}, {"mean_event_bytes", result.mean_event_bytes}}},
      {"runs", params.runs},
      {"events_per_s", spread(result.store.events_per_s)},
      {"p50_ms", percentile(result.store.latencies_ms, 0.5)},
      {"p99_ms", p99},
      {"floor_events_per_s", spread(result.floor.events_per_s)},
      {"floor_p99_ms", percentile(result.floor.latencies_ms, 0.99)},
      {"ratio", floor > 0 ? nlohmann::json(ours / floor) : nullptr},
      {"target", {{"events_per_s", target}, {"p99_ms", batched ? nullptr : nlohmann::json(5.0)}}},
      {"pass", pass},
      {"nproc", nproc()},
      {"loadavg", load_average()},
  };
  std::cout << line.dump() << std::endl;
  return kExitOk;
}

}  // namespace

void add_bench_command(CLI::App& app, int& exit_code) {
  auto* bench = app.add_subcommand("bench", "Store-level benchmarks (BENCHMARKS.md)");
  bench->require_subcommand(1);
  auto* append = bench->add_subcommand(
      "append", "Durable appends against the raw RocksDB floor, alternated in one run");
  auto params = std::make_shared<AppendBenchParams>();
  auto quick = std::make_shared<bool>(false);
  auto dir = std::make_shared<std::string>();
  append->add_option("--concurrency", params->concurrency, "Concurrent appenders")
      ->capture_default_str()->check(CLI::Range(1, 1024));
  append->add_option("--events", params->events, "Events per run")
      ->capture_default_str()->check(CLI::Range(1, 100'000'000));
  append->add_option("--batch", params->batch, "Events per atomic append")
      ->capture_default_str()->check(CLI::Range(1, 1000));
  append->add_option("--runs", params->runs, "Measured runs per side")
      ->capture_default_str()->check(CLI::Range(1, 100));
  append->add_option("--seed", params->seed, "Seed of the event bodies")->capture_default_str();
  append->add_option("--dir", *dir, "Scratch directory (default: a new one under the temp dir)");
  append->add_option("--duration", params->duration_s,
                     "Seconds per run; each run appends for this long (instead of --events)")
      ->check(CLI::Range(0.1, 3600.0));
  auto no_floor = std::make_shared<bool>(false);
  auto no_warmup = std::make_shared<bool>(false);
  append->add_flag("--no-floor", *no_floor, "Store runs only, without the raw RocksDB floor (a script "
                                 "that brings its own peer, e.g. tools/bench/peer-postgres.sh)");
  append->add_flag("--no-warmup", *no_warmup, "No warm-up run (the caller does its own)");
  auto print_body = std::make_shared<bool>(false);
  append->add_flag("--print-body", *print_body,
                   "Print the first seeded event body (JSON) and exit, appending nothing");
  append->add_flag("--quick", *quick, "One short run per side, no warm-up (for CI)");
  append->callback([&exit_code, params, quick, dir, print_body, no_floor, no_warmup] {
    if (*print_body) {
      std::cout << seeded_bodies(params->seed).front() << std::endl;
      exit_code = kExitOk;
      return;
    }
    params->floor = !*no_floor;
    params->warmup = !*no_warmup;
    if (*quick) {
      params->runs = 1;
      params->warmup = false;
      params->events = std::min<std::uint64_t>(params->events, 5'000);
      if (params->duration_s > 0) params->duration_s = std::min(params->duration_s, 1.0);
    }
    const bool own_dir = dir->empty();
    params->directory = own_dir ? std::filesystem::temp_directory_path() /
                                      ("gongkai-bench-" + std::to_string(getpid()))
                                : std::filesystem::path(*dir);
    std::filesystem::create_directories(params->directory);
    const auto result = run_append_benchmark(*params);
    if (own_dir) std::filesystem::remove_all(params->directory);
    exit_code = report(*params, result);
  });
}

}  // namespace gongkai::tools
