// /metrics in the Prometheus text format (DESIGN.md: written by hand, one small file; the C++
// client is not packaged in Debian 12). Counters and histograms per route and status, plus gauges
// read at render time from the server (connections) and the store (head position).
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace gongkai::api::app {

class Metrics {
 public:
  // Latency buckets in seconds (upper bounds; +Inf is implicit).
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1.0,  2.5};

  void record_request(const std::string& route, const std::string& method, int status,
                      double seconds);
  void record_append(std::uint64_t events);
  void record_denial();
  void record_pii_read();

  // Gauges the server supplies when rendering (name -> value), e.g. open connections.
  using GaugeSource = std::function<std::map<std::string, double>()>;
  void set_gauge_source(GaugeSource source);

  [[nodiscard]] std::string render() const;

 private:
  struct Series {
    std::uint64_t count = 0;
    double sum = 0;
    std::array<std::uint64_t, kBuckets.size()> buckets{};
  };
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, Series> requests_;
  GaugeSource gauges_;
  std::atomic<std::uint64_t> appended_events_{0};
  std::atomic<std::uint64_t> append_commands_{0};
  std::atomic<std::uint64_t> denials_{0};
  std::atomic<std::uint64_t> pii_reads_{0};
};

}  // namespace gongkai::api::app
