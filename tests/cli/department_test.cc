// `gongkai department add | list` through the real binary.
#include <catch2/catch.hpp>

#include "cli_admin_support.h"

using gongkai::testing::json_lines;
using gongkai::testing::read_whole_file;
using gongkai::testing::run_on;
using gongkai::testing::TempDir;

TEST_CASE("Given a store, When departments are added, Then list prints them in code order",
          "[cli-admin]") {
  TempDir dir;
  REQUIRE(run_on(dir, {"init", "--admin-password", "admin-password"}).exit_code == 0);
  REQUIRE(run_on(dir, {"department", "add", "D02", "自然资源所"}).exit_code == 0);
  REQUIRE(run_on(dir, {"department", "add", "D01", "党政办"}).exit_code == 0);
  const auto list = run_on(dir, {"department", "list"});
  REQUIRE(list.exit_code == 0);
  const auto departments = json_lines(list.out);
  REQUIRE(departments.size() == 2);
  CHECK(departments[0] == nlohmann::json{{"code", "D01"}, {"name", "党政办"}});
  CHECK(departments[1] == nlohmann::json{{"code", "D02"}, {"name", "自然资源所"}});
}

TEST_CASE(
    "Given a department, When its code is added again, Then it exits 1 and the first name "
    "stays",
    "[cli-admin]") {
  TempDir dir;
  REQUIRE(run_on(dir, {"init", "--admin-password", "admin-password"}).exit_code == 0);
  REQUIRE(run_on(dir, {"department", "add", "D03", "民政办"}).exit_code == 0);
  const auto again = run_on(dir, {"department", "add", "D03", "财政所"});
  CHECK(again.exit_code == 1);
  CHECK(again.err.find("department_exists") != std::string::npos);
  const auto departments = json_lines(run_on(dir, {"department", "list"}).out);
  REQUIRE(departments.size() == 1);
  CHECK(departments[0].at("name") == "民政办");
}

TEST_CASE("Given a malformed code or a missing name, When department add runs, Then it exits 2",
          "[cli-admin]") {
  TempDir dir;
  REQUIRE(run_on(dir, {"init", "--admin-password", "admin-password"}).exit_code == 0);
  CHECK(run_on(dir, {"department", "add", "D-4", "财政所"}).exit_code == 2);
  CHECK(run_on(dir, {"department", "add", "D04"}).exit_code == 2);
}

TEST_CASE("Given --out FILE, When department list runs, Then the lines go to the file",
          "[cli-admin]") {
  TempDir dir;
  REQUIRE(run_on(dir, {"init", "--admin-password", "admin-password"}).exit_code == 0);
  REQUIRE(run_on(dir, {"department", "add", "D05", "农业农村办"}).exit_code == 0);
  const auto file = dir.path() / "departments.jsonl";
  const auto list = run_on(dir, {"department", "list", "--out", file.string()});
  REQUIRE(list.exit_code == 0);
  CHECK(list.out.empty());
  CHECK(json_lines(read_whole_file(file)).at(0).at("code") == "D05");
}
