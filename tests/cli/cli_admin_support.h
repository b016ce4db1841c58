// Helpers of the administration subcommands' tests: a store directory per test and the JSON
// lines a subcommand printed.
#pragma once

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "support/cli_run.h"
#include "support/temp_dir.h"

namespace gongkai::testing {

inline std::vector<nlohmann::json> json_lines(const std::string& text) {
  std::vector<nlohmann::json> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) lines.push_back(nlohmann::json::parse(line));
  }
  return lines;
}

// `gongkai <args...> --data-dir <dir>`.
inline CliResult run_on(const TempDir& dir, std::vector<std::string> args) {
  args.push_back("--data-dir");
  args.push_back((dir.path() / "data").string());
  return run_cli(args);
}

}  // namespace gongkai::testing
