// `gongkai stats`: its counts agree with what demo and init did.
#include <catch2/catch.hpp>

#include "cli_admin_support.h"

using gongkai::testing::json_lines;
using gongkai::testing::run_on;
using gongkai::testing::TempDir;

TEST_CASE(
    "Given a demo store, When stats runs, Then events, head, cases and users match the "
    "demo's summary and every checkpoint stands at the head",
    "[cli-admin]") {
  TempDir dir;
  const auto demo = run_on(
      dir, {"demo", "--seed", "11", "--year", "2021", "--cases", "40", "--today", "2022-03-01"});
  REQUIRE(demo.exit_code == 0);
  const auto summary = json_lines(demo.out).at(0);
  const auto result = run_on(dir, {"stats"});
  REQUIRE(result.exit_code == 0);
  const auto stats = json_lines(result.out).at(0);
  CHECK(stats.at("events") == summary.at("events"));
  CHECK(stats.at("head_hash") == summary.at("head_hash"));
  CHECK(stats.at("cases") == summary.at("cases"));
  CHECK(stats.at("users") == 4);
  CHECK(stats.at("departments") == 8);
  CHECK(stats.at("store_bytes").get<std::uint64_t>() > 0);
  std::int64_t staged = 0;
  for (const auto& [stage, count] : stats.at("by_stage").items())
    staged += count.get<std::int64_t>();
  CHECK(staged == stats.at("cases").get<std::int64_t>());
  REQUIRE_FALSE(stats.at("checkpoints").empty());
  for (const auto& [name, checkpoint] : stats.at("checkpoints").items()) {
    INFO(name);
    CHECK(checkpoint.at("position") == summary.at("events"));
  }
}

TEST_CASE("Given no store, When stats runs, Then it exits 1", "[cli-admin]") {
  TempDir dir;
  CHECK(run_on(dir, {"stats"}).exit_code == 1);
}
