#include "append_benchmark.h"

#include <atomic>
#include <nlohmann/json.hpp>
#include <chrono>
#include <random>
#include <thread>

#include "eventstore/rocksdb/raw_floor.h"
#include "eventstore/rocksdb/rocksdb_event_store.h"

namespace gongkai::tools {
namespace {

using Clock = std::chrono::steady_clock;
constexpr int kStreamsPerAppender = 10'000;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

// About 400 bytes of JSON with Chinese text, like a registration, varied by a fixed seed.
std::vector<std::string> seeded_bodies(std::uint32_t seed) {
  static const char* const kNames[] = {"张三", "李四", "王五", "赵六", "陈七", "刘八"};
  static const char* const kTopics[] = {"土地征收补偿安置方案", "低保资格审核结果", "建设工程规划许可",
                                        "农村危房改造补助名单", "财政专项资金使用情况"};
  std::mt19937 random(seed);
  std::vector<std::string> bodies;
  for (int i = 0; i < 64; ++i) {
    const std::string name = kNames[random() % 6];
    const std::string topic = kTopics[random() % 5];
    bodies.push_back(
        R"({"applicant":{"type":"natural_person","name":")" + name +
        R"(","id_number_masked":"370303********)" + std::to_string(1000 + random() % 9000) +
        R"("},"channel":"online","received_on":"2021-03-)" + std::to_string(10 + random() % 18) +
        R"(","description":"申请公开本镇)" + topic + R"(的相关政府信息，包括批准文件、公示材料及)" +
        R"(资金发放明细","delivery":{"form":"electronic","method":"email"},"department":"DZB"})");
    // Written as the command path writes events (nlohmann's dump: canonical JSON).
    bodies.back() = nlohmann::json::parse(bodies.back()).dump();
  }
  return bodies;
}

namespace {

std::string run_store(const AppendBenchParams& params, const std::filesystem::path& dir,
                      const std::vector<std::string>& bodies, int run, SideFigures* figures,
                      std::uint64_t* events_appended) {
  auto opened = eventstore::RocksDbEventStore::open({.directory = dir});
  if (!opened.ok()) return opened.status().message();
  auto& store = *opened.value();
  // By duration: no count limit, the appenders stop at the deadline.
  const bool timed = params.duration_s > 0;
  const auto appends = timed ? UINT64_MAX : params.events / static_cast<std::uint64_t>(params.batch);
  std::atomic<std::uint64_t> next{0};
  std::atomic<std::uint64_t> done{0};
  std::atomic<bool> failed{false};
  std::vector<std::vector<double>> latencies(static_cast<std::size_t>(params.concurrency));
  const auto started = Clock::now();
  const auto deadline = started + std::chrono::duration_cast<Clock::duration>(
                                      std::chrono::duration<double>(params.duration_s));
  std::vector<std::thread> threads;
  for (int t = 0; t < params.concurrency; ++t) {
    threads.emplace_back([&, t] {
      std::mt19937 random(params.seed + static_cast<std::uint32_t>(t));
      std::vector<std::uint64_t> versions(kStreamsPerAppender, 0);
      std::uint64_t counter = 0;
      while (next.fetch_add(1) < appends && !failed && (!timed || Clock::now() < deadline)) {
        const auto stream = random() % kStreamsPerAppender;
        eventstore::AppendRequest request;
        request.stream = "case-" + std::to_string(t) + "x" + std::to_string(stream);
        request.expected = versions[stream] == 0 ? eventstore::ExpectedVersion::no_stream()
                                                 : eventstore::ExpectedVersion::exactly(versions[stream]);
        for (int e = 0; e < params.batch; ++e) {
          request.events.push_back(
              {"r" + std::to_string(run) + "-" + std::to_string(t) + "-" + std::to_string(counter++),
               "bench.appended.v1", bodies[random() % bodies.size()], "user:bench", "", "",
               eventstore::Instant::from_unix_seconds(1'614'556'800)});
        }
        const auto before = Clock::now();
        auto result = store.append(std::move(request));
        latencies[static_cast<std::size_t>(t)].push_back(
            std::chrono::duration<double, std::milli>(Clock::now() - before).count());
        if (!result.ok()) {
          failed = true;
          return;
        }
        versions[stream] = result->stream_version;
        done.fetch_add(1);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  const double seconds = seconds_since(started);
  if (failed) return "an append failed";
  *events_appended = done.load() * static_cast<std::uint64_t>(params.batch);
  if (figures != nullptr) {
    figures->events_per_s.push_back(static_cast<double>(done.load() * params.batch) / seconds);
    for (auto& l : latencies) figures->latencies_ms.insert(figures->latencies_ms.end(), l.begin(), l.end());
  }
  return "";
}

std::string run_floor(const AppendBenchParams& params, const std::filesystem::path& dir,
                      std::uint64_t keys, std::size_t value_bytes, SideFigures* figures) {
  auto run = eventstore::run_raw_rocksdb_floor(dir, params.concurrency, keys,
                                               params.batch, value_bytes);
  if (!run.ok()) return run.status().message();
  if (figures != nullptr) {
    figures->events_per_s.push_back(static_cast<double>(run->writes) / run->seconds);
    figures->latencies_ms.insert(figures->latencies_ms.end(), run->latencies_ms.begin(),
                                 run->latencies_ms.end());
  }
  return "";
}

}  // namespace

AppendBenchResult run_append_benchmark(const AppendBenchParams& params) {
  AppendBenchResult result;
  const auto bodies = seeded_bodies(params.seed);
  std::size_t total = 0;
  for (const auto& body : bodies) total += body.size();
  // The stored record adds its envelope (ids, hashes, instant) of about 330 bytes to the data.
  result.mean_event_bytes = total / bodies.size() + 330;

  const int rounds = params.runs + (params.warmup ? 1 : 0);
  for (int round = 0; round < rounds && result.error.empty(); ++round) {
    const bool measured = !params.warmup || round > 0;
    const auto store_dir = params.directory / ("store-" + std::to_string(round));
    const auto floor_dir = params.directory / ("floor-" + std::to_string(round));
    // A B A B ...: both sides see the same machine state, run after run.
    std::uint64_t appended = 0;
    result.error = run_store(params, store_dir, bodies, round, measured ? &result.store : nullptr,
                             &appended);
    std::filesystem::remove_all(store_dir);
    if (!result.error.empty() || !params.floor) continue;
    // As many keys as the store run wrote (by duration, the count it reached).
    result.error = run_floor(params, floor_dir, appended, result.mean_event_bytes,
                             measured ? &result.floor : nullptr);
    std::filesystem::remove_all(floor_dir);
  }
  return result;
}

}  // namespace gongkai::tools
