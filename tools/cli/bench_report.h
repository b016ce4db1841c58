// What every `gongkai bench` subcommand's final JSON line is made of (BENCHMARKS.md): percentiles
// over all samples, a figure's median/min/max over the measured runs, the machine's load.
#pragma once

#include <cstdlib>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

namespace gongkai::tools {

// The sample at rank p·(n−1) (nearest rank below); 0 when there is none.
inline double percentile(std::vector<double> samples, double p) {
  if (samples.empty()) return 0;
  const auto rank = static_cast<std::size_t>(p * static_cast<double>(samples.size() - 1));
  std::nth_element(samples.begin(), samples.begin() + static_cast<std::ptrdiff_t>(rank),
                   samples.end());
  return samples[rank];
}

// {"median", "min", "max"} of one figure over the measured runs (null without runs).
inline nlohmann::json spread(const std::vector<double>& runs) {
  if (runs.empty()) return nullptr;
  return {{"median", percentile(runs, 0.5)},
          {"min", *std::min_element(runs.begin(), runs.end())},
          {"max", *std::max_element(runs.begin(), runs.end())}};
}

// The 1-minute load average (-1 if unknown).
inline double load_average() {
  double load[1] = {0};
  return getloadavg(load, 1) == 1 ? load[0] : -1;
}

inline unsigned nproc() { return std::thread::hardware_concurrency(); }

}  // namespace gongkai::tools
