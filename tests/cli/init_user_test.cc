// `gongkai init` and `gongkai user add | list | disable` through the real binary.
#include <catch2/catch.hpp>

#include "cli_admin_support.h"

using gongkai::testing::json_lines;
using gongkai::testing::run_cli;
using gongkai::testing::run_on;
using gongkai::testing::TempDir;

namespace {

const nlohmann::json* find_user(const std::vector<nlohmann::json>& users, const std::string& name) {
  for (const auto& user : users) {
    if (user.at("username") == name) return &user;
  }
  return nullptr;
}

}  // namespace

TEST_CASE(
    "Given a new data dir, When init runs without a password, Then admin exists and its "
    "generated password is printed once",
    "[cli-admin]") {
  TempDir dir;
  const auto init = run_on(dir, {"init"});
  REQUIRE(init.exit_code == 0);
  const auto line = json_lines(init.out).at(0);
  CHECK(line.at("admin") == "admin");
  CHECK(line.at("generated_password").get<std::string>().size() == 24);
  CHECK(line.at("head_position").get<int>() == 2);  // user.created + password set
  const auto users = json_lines(run_on(dir, {"user", "list"}).out);
  REQUIRE(users.size() == 1);
  CHECK(users[0].at("roles") == nlohmann::json::array({"admin"}));
}

TEST_CASE("Given a store with an admin, When init runs again, Then it exits 1 and changes nothing",
          "[cli-admin]") {
  TempDir dir;
  REQUIRE(run_on(dir, {"init", "--admin-password", "first-password"}).exit_code == 0);
  const auto again = run_on(dir, {"init", "--admin-password", "other-password"});
  CHECK(again.exit_code == 1);
  CHECK(again.err.find("events already") != std::string::npos);
  CHECK(json_lines(run_on(dir, {"user", "list"}).out).size() == 1);
}

TEST_CASE(
    "Given init, When users are added, listed and one disabled, Then the list shows it "
    "disabled and never a password record",
    "[cli-admin]") {
  TempDir dir;
  REQUIRE(run_on(dir, {"init", "--admin-password", "admin-password"}).exit_code == 0);
  REQUIRE(run_on(dir, {"department", "add", "D01", "党政办"}).exit_code == 0);
  const auto added = run_on(dir, {"user", "add", "--username", "banli", "--display-name",
                                  "承办人 李强", "--roles", "handler", "--departments", "D01"});
  REQUIRE(added.exit_code == 0);
  CHECK(json_lines(added.out).at(0).at("generated_password").get<std::string>().size() == 24);
  REQUIRE(run_on(dir, {"user", "add", "--username", "dengji", "--display-name", "登记员", "--roles",
                       "registrar,supervisor", "--password", "dengji-password"})
              .exit_code == 0);

  const auto disabled = run_on(dir, {"user", "disable", "banli"});
  REQUIRE(disabled.exit_code == 0);
  const auto list = run_on(dir, {"user", "list"});
  REQUIRE(list.exit_code == 0);
  const auto users = json_lines(list.out);
  REQUIRE(users.size() == 3);
  const auto* banli = find_user(users, "banli");
  const auto* dengji = find_user(users, "dengji");
  REQUIRE(banli != nullptr);
  REQUIRE(dengji != nullptr);
  CHECK(banli->at("disabled") == true);
  CHECK(banli->at("departments") == nlohmann::json::array({"D01"}));
  CHECK(dengji->at("disabled") == false);
  CHECK(dengji->at("roles") == nlohmann::json::array({"registrar", "supervisor"}));
  CHECK(list.out.find("scrypt") == std::string::npos);
  CHECK(list.out.find("password") == std::string::npos);
}

TEST_CASE("Given a disabled user, When it is disabled again, Then it exits 1", "[cli-admin]") {
  TempDir dir;
  REQUIRE(run_on(dir, {"init", "--admin-password", "admin-password"}).exit_code == 0);
  REQUIRE(run_on(dir, {"user", "add", "--username", "duban", "--display-name", "督办", "--roles",
                       "supervisor"})
              .exit_code == 0);
  REQUIRE(run_on(dir, {"user", "disable", "duban"}).exit_code == 0);
  CHECK(run_on(dir, {"user", "disable", "duban"}).exit_code == 1);
  CHECK(run_on(dir, {"user", "disable", "nobody"}).exit_code == 1);
}

TEST_CASE("Given a user, When the same username is added again, Then it exits 1 naming the user",
          "[cli-admin]") {
  TempDir dir;
  REQUIRE(run_on(dir, {"init", "--admin-password", "admin-password"}).exit_code == 0);
  const std::vector<std::string> add = {"user",           "add",  "--username", "shenji",
                                        "--display-name", "审计", "--roles",    "auditor"};
  REQUIRE(run_on(dir, add).exit_code == 0);
  const auto again = run_on(dir, add);
  CHECK(again.exit_code == 1);
  CHECK(again.err.find("shenji") != std::string::npos);
}

TEST_CASE("Given bad input, When user add runs, Then it exits 2 (usage) and names the problem",
          "[cli-admin]") {
  TempDir dir;
  REQUIRE(run_on(dir, {"init", "--admin-password", "admin-password"}).exit_code == 0);
  SECTION("a missing required option") {
    const auto result = run_on(dir, {"user", "add", "--username", "x1y"});
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("--display-name") != std::string::npos);
  }
  SECTION("an unknown role") {
    const auto result = run_on(
        dir, {"user", "add", "--username", "abc", "--display-name", "A", "--roles", "wizard"});
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("invalid_role") != std::string::npos);
  }
  SECTION("a weak password") {
    const auto result = run_on(dir, {"user", "add", "--username", "abc", "--display-name", "A",
                                     "--roles", "auditor", "--password", "short"});
    CHECK(result.exit_code == 2);
  }
  SECTION("an unknown department is a refusal, exit 1") {
    const auto result = run_on(dir, {"user", "add", "--username", "abc", "--display-name", "A",
                                     "--roles", "handler", "--departments", "D99"});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("unknown_department") != std::string::npos);
  }
}

TEST_CASE("Given no store, When user list runs, Then it exits 1 and creates nothing",
          "[cli-admin]") {
  TempDir dir;
  const auto result = run_on(dir, {"user", "list"});
  CHECK(result.exit_code == 1);
  CHECK(result.err.find("no store") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir.path() / "data" / "store"));
}

TEST_CASE("Given the admin subcommands, When each is asked for --help, Then it exits 0",
          "[cli-admin]") {
  for (const std::vector<std::string>& args : {std::vector<std::string>{"init", "--help"},
                                              {"user", "add", "--help"},
                                              {"user", "list", "--help"},
                                              {"user", "disable", "--help"},
                                              {"department", "add", "--help"},
                                              {"department", "list", "--help"},
                                              {"calendar", "import", "--help"},
                                              {"demo", "--help"},
                                              {"stats", "--help"}}) {
    const auto result = run_cli(args);
    CHECK(result.exit_code == 0);
    CHECK(result.out.find("--data-dir") != std::string::npos);
  }
}
