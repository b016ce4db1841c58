// `gongkai demo`: deterministic for a seed, refuses a store with cases. Small --cases for Debug.
#include <catch2/catch.hpp>

#include "cli_admin_support.h"

using gongkai::testing::json_lines;
using gongkai::testing::run_on;
using gongkai::testing::TempDir;

namespace {

nlohmann::json demo(const TempDir& dir, const std::string& seed) {
  const auto result = run_on(
      dir, {"demo", "--seed", seed, "--year", "2021", "--cases", "40", "--today", "2022-03-01"});
  REQUIRE(result.exit_code == 0);
  return json_lines(result.out).at(0);
}

}  // namespace

TEST_CASE(
    "Given two empty stores, When demo runs with the same seed on both, Then their head "
    "hashes are equal, and a different seed gives a different one",
    "[cli-admin]") {
  TempDir first, second, third;
  const auto a = demo(first, "7");
  const auto b = demo(second, "7");
  const auto c = demo(third, "8");
  CHECK(a.at("refusals") == 0);
  CHECK(a.at("generated_cases") == 40);
  CHECK(a.at("cases").get<int>() > 40);  // plus the open cases of the weeks before --today
  CHECK(a.at("users") == nlohmann::json::array({"dengji", "banli", "duban", "shenji"}));
  CHECK(a.at("head_hash").get<std::string>().size() == 64);
  CHECK(a.at("head_hash") == b.at("head_hash"));
  CHECK(a.at("events") == b.at("events"));
  CHECK(a.at("head_hash") != c.at("head_hash"));
}

TEST_CASE("Given a store with the demo, When demo runs again, Then it exits 1 and appends nothing",
          "[cli-admin]") {
  TempDir dir;
  const auto first = demo(dir, "3");
  const auto again = run_on(dir, {"demo", "--seed", "4", "--cases", "5"});
  CHECK(again.exit_code == 1);
  CHECK(again.err.find("cases") != std::string::npos);
  const auto stats = run_on(dir, {"stats"});
  REQUIRE(stats.exit_code == 0);
  CHECK(json_lines(stats.out).at(0).at("events") == first.at("events"));
}

TEST_CASE("Given a demo store, When init runs, Then it is refused; the demo users are no admins",
          "[cli-admin]") {
  TempDir dir;
  demo(dir, "5");
  CHECK(run_on(dir, {"init"}).exit_code == 1);
  for (const auto& user : json_lines(run_on(dir, {"user", "list"}).out)) {
    CHECK(user.at("roles") != nlohmann::json::array({"admin"}));
  }
}

TEST_CASE("Given a bad option value, When demo runs, Then it exits 2", "[cli-admin]") {
  TempDir dir;
  CHECK(run_on(dir, {"demo", "--today", "2022-02-30"}).exit_code == 2);
  CHECK(run_on(dir, {"demo", "--cases", "many"}).exit_code == 2);
}

TEST_CASE("Given a store made by init, When demo runs, Then the township joins the admin",
          "[cli-admin]") {
  TempDir dir;
  REQUIRE(run_on(dir, {"init", "--admin-password", "admin-password"}).exit_code == 0);
  const auto result =
      run_on(dir, {"demo", "--cases", "5", "--year", "2021", "--today", "2022-03-01"});
  REQUIRE(result.exit_code == 0);
  const auto users = json_lines(run_on(dir, {"user", "list"}).out);
  CHECK(users.size() == 5);
  const auto stats = run_on(dir, {"stats"});
  CHECK(json_lines(stats.out).at(0).at("events") == json_lines(result.out).at(0).at("events"));
}
