// `gongkai bench replay`: read and decode the full log (read_all pages + decode_case_event, what a
// replay does before any projection sees an event), BENCHMARKS.md target ≥ 500,000 events/s on
// ≥ 1 M events, alternated run by run with the raw floor: a plain RocksDB iterator over the same
// `log` records (scan_raw_log: bytes touched, no record parse, no event decode).
// The log: `--template-cases` realistic cases from the generator (projections/commands/
// case_generator.h: every kind of step), copied under new case ids (case_id and stream renamed,
// event ids suffixed, all else byte for byte) until it holds at least `--events` events. Written
// without fsync by 4 appenders (only the reads are measured).
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <thread>

#include "bench_report.h"
#include "commands.h"
#include "domain/time/calendar_text.h"
#include "eventstore/codec/case_event_codec.h"
#include "eventstore/rocksdb/raw_floor.h"
#include "eventstore/rocksdb/rocksdb_event_store.h"
#include "projections/commands/case_generator.h"

namespace gongkai::tools {
namespace {

using Clock = std::chrono::steady_clock;
constexpr double kTargetEventsPerSecond = 500'000;
constexpr std::size_t kPage = 10'000;
constexpr int kFillThreads = 4;

struct Params {
  std::uint64_t events = 1'000'000;
  std::size_t template_cases = 2'000;
  std::uint64_t seed = 1;
  int runs = 5;
  bool warmup = true;
  std::string dir;
};

// One template stream: its case id and its events with the data split around the case id.
struct TemplateEvent {
  eventstore::RecordedEvent event;
  std::string before_id;  // data up to and including `"case_id":"`
  std::string after_id;   // the rest
};
struct TemplateStream {
  std::string case_id;
  std::vector<TemplateEvent> events;
};

domain::Result<std::vector<TemplateStream>> make_templates(const std::filesystem::path& dir,
                                                           const Params& params) {
  auto calendar = domain::time::builtin_calendar();
  if (!calendar.ok()) return calendar.status();
  auto opened = eventstore::RocksDbEventStore::open({.directory = dir, .sync_writes = false});
  if (!opened.ok()) return opened.status();
  auto& store = **opened;
  projections::commands::CaseCommandService service(store, "CJZ", *calendar);
  auto generated =
      projections::commands::generate_cases(service, params.template_cases, params.seed, 2021);
  if (!generated.ok()) return generated.status();
  std::vector<TemplateStream> streams;
  for (const auto& case_id : generated->case_ids) {
    auto events = store.read_stream_forward(eventstore::codec::case_stream(case_id), 1, SIZE_MAX);
    if (!events.ok()) return events.status();
    TemplateStream stream{case_id, {}};
    const std::string marker = "\"case_id\":\"" + case_id + "\"";
    for (auto& event : *events) {
      const auto at = event.data_json.find(marker);
      if (at == std::string::npos) {
        return domain::internal_error("template", "event without its case_id: " + event.type);
      }
      const auto split = at + marker.size() - 1;  // before the closing quote
      stream.events.push_back({event, event.data_json.substr(0, split - case_id.size()),
                               event.data_json.substr(split)});
    }
    streams.push_back(std::move(stream));
  }
  return streams;
}

// Appends copies of the templates (copy k: case id "<id>r<k>") until `params.events` are stored.
domain::Result<std::uint64_t> fill(const std::filesystem::path& dir, const Params& params,
                                   const std::vector<TemplateStream>& templates) {
  auto opened = eventstore::RocksDbEventStore::open({.directory = dir, .sync_writes = false});
  if (!opened.ok()) return opened.status();
  auto& store = **opened;
  std::atomic<std::uint64_t> next_job{0};
  std::atomic<std::uint64_t> stored{0};
  std::atomic<bool> failed{false};
  domain::Status failure;
  std::vector<std::thread> threads;
  for (int t = 0; t < kFillThreads; ++t) {
    threads.emplace_back([&, t] {
      for (;;) {
        if (failed || stored.load() >= params.events) return;
        const auto job = next_job.fetch_add(1);
        const auto& source = templates[job % templates.size()];
        const std::string copy = "r" + std::to_string(job / templates.size());
        const std::string case_id = source.case_id + copy;
        eventstore::AppendRequest request;
        request.stream = eventstore::codec::case_stream(case_id);
        request.expected = eventstore::ExpectedVersion::no_stream();
        for (const auto& e : source.events) {
          request.events.push_back({e.event.event_id + copy, e.event.type,
                                    e.before_id + case_id + e.after_id, e.event.actor,
                                    e.event.correlation_id, e.event.causation_id,
                                    e.event.recorded_at});
        }
        auto appended = store.append(std::move(request));
        if (!appended.ok()) {
          if (!failed.exchange(true)) failure = appended.status();
          return;
        }
        stored.fetch_add(source.events.size());
        if (t == 0 && job % 2000 == 0 && isatty(STDERR_FILENO)) std::cerr << "stored " << stored.load() << " events\r";
      }
    });
  }
  for (auto& thread : threads) thread.join();
  if (failed) return failure;
  if (isatty(STDERR_FILENO)) std::cerr << "\n";
  return store.head_position();
}

// Seconds to read and decode the whole log; every event must decode.
domain::Result<double> time_replay(const std::filesystem::path& dir, std::uint64_t events) {
  auto opened = eventstore::RocksDbEventStore::open({.directory = dir, .sync_writes = false});
  if (!opened.ok()) return opened.status();
  const auto& store = **opened;
  const auto started = Clock::now();
  std::uint64_t next = 1;
  std::uint64_t decoded = 0;
  for (;;) {
    auto page = store.read_all(next, kPage);
    if (!page.ok()) return page.status();
    if (page->empty()) break;
    for (const auto& record : *page) {
      auto event = eventstore::codec::decode_case_event(record);
      if (!event.ok()) return event.status();
      ++decoded;
    }
    next = page->back().position + 1;
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  if (decoded != events) return domain::internal_error("short_read", "replay missed events");
  return seconds;
}

domain::Result<double> time_floor(const std::filesystem::path& dir, std::uint64_t events) {
  auto scan = eventstore::scan_raw_log(dir, 1, UINT64_MAX, 1);
  if (!scan.ok()) return scan.status();
  if (scan->records != events) return domain::internal_error("short_read", "scan missed records");
  return scan->seconds;
}

int run(const Params& params) {
  const bool own_dir = params.dir.empty();
  const std::filesystem::path dir =
      own_dir ? std::filesystem::temp_directory_path() /
                    ("gongkai-bench-replay-" + std::to_string(getpid()))
              : std::filesystem::path(params.dir);
  std::filesystem::remove_all(dir / "template");
  std::filesystem::remove_all(dir / "store");
  std::filesystem::create_directories(dir);
  auto fail = [&](const domain::Status& status) {
    std::cerr << "gongkai bench replay: " << status.message() << "\n";
    if (own_dir) std::filesystem::remove_all(dir);
    return kExitFailed;
  };
  std::cerr << "generating " << params.template_cases << " template cases\n";
  auto templates = make_templates(dir / "template", params);
  if (!templates.ok()) return fail(templates.status());
  std::filesystem::remove_all(dir / "template");
  const auto fill_started = Clock::now();
  auto events = fill(dir / "store", params, *templates);
  if (!events.ok()) return fail(events.status());
  const double fill_seconds = std::chrono::duration<double>(Clock::now() - fill_started).count();
  std::cerr << "stored " << *events << " events in " << fill_seconds << " s\n";

  std::vector<double> ours;
  std::vector<double> floor;
  const int rounds = params.runs + (params.warmup ? 1 : 0);
  for (int round = 0; round < rounds; ++round) {
    const bool measured = !params.warmup || round > 0;
    auto replay = time_replay(dir / "store", *events);  // A
    if (!replay.ok()) return fail(replay.status());
    auto scan = time_floor(dir / "store", *events);  // B
    if (!scan.ok()) return fail(scan.status());
    std::cerr << (measured ? "run " : "warm-up ") << round << ": replay " << *replay
              << " s, raw scan " << *scan << " s\n";
    if (!measured) continue;
    ours.push_back(static_cast<double>(*events) / std::max(*replay, 1e-9));
    floor.push_back(static_cast<double>(*events) / std::max(*scan, 1e-9));
  }
  if (own_dir) std::filesystem::remove_all(dir);

  const double ours_median = percentile(ours, 0.5);
  const double floor_median = percentile(floor, 0.5);
  const nlohmann::json line = {
      {"name", "replay"},
      {"params",
       {{"events", *events}, {"template_cases", params.template_cases}, {"seed", params.seed},
        {"page", kPage}}},
      {"runs", params.runs},
      {"events_per_s", spread(ours)},
      {"floor_events_per_s", spread(floor)},
      {"ratio", floor_median > 0 ? nlohmann::json(ours_median / floor_median) : nullptr},
      {"target", {{"events_per_s", kTargetEventsPerSecond}}},
      {"pass", ours_median >= kTargetEventsPerSecond},
      {"nproc", nproc()},
      {"loadavg", load_average()},
  };
  std::cout << line.dump() << std::endl;
  return kExitOk;
}

}  // namespace

void add_bench_replay_command(CLI::App& bench, int& exit_code) {
  auto* command = bench.add_subcommand(
      "replay", "Read and decode the full log against a raw scan of it, alternated in one run");
  auto params = std::make_shared<Params>();
  auto quick = std::make_shared<bool>(false);
  command->add_option("--events", params->events, "Events in the log (at least)")
      ->capture_default_str()
      ->check(CLI::Range(1, 100'000'000));
  command->add_option("--template-cases", params->template_cases,
                      "Generated cases whose copies fill the log")
      ->capture_default_str()
      ->check(CLI::Range(1, 1'000'000));
  command->add_option("--seed", params->seed, "Seed of the generated cases")->capture_default_str();
  command->add_option("--runs", params->runs, "Measured runs per side")
      ->capture_default_str()
      ->check(CLI::Range(1, 100));
  command->add_option("--dir", params->dir, "Scratch directory (default: a new one under temp)");
  command->add_flag("--quick", *quick, "A 20,000-event log, one run per side, no warm-up (CI)");
  command->callback([&exit_code, params, quick] {
    if (*quick) {
      params->runs = 1;
      params->warmup = false;
      params->events = std::min<std::uint64_t>(params->events, 20'000);
      params->template_cases = std::min<std::size_t>(params->template_cases, 50);
    }
    exit_code = run(*params);
  });
}

}  // namespace gongkai::tools
