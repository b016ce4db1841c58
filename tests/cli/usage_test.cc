// The CLI's contract shared by every subcommand: usage errors exit 2 and say what was wrong.
#include <catch2/catch.hpp>

#include "support/cli_run.h"

using gongkai::testing::run_cli;

TEST_CASE("Given no subcommand, When gongkai runs, Then it exits 2 and names what is missing",
          "[cli]") {
  const auto result = run_cli({});
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("subcommand") != std::string::npos);
}

TEST_CASE("Given an unknown subcommand, When gongkai runs, Then it exits 2 and names it", "[cli]") {
  const auto result = run_cli({"frobnicate"});
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("frobnicate") != std::string::npos);
}

TEST_CASE("Given --help, When gongkai runs, Then it lists its subcommands and exits 0", "[cli]") {
  const auto result = run_cli({"--help"});
  CHECK(result.exit_code == 0);
  CHECK(result.out.find("verify") != std::string::npos);
  CHECK(result.out.find("rebuild") != std::string::npos);
}
