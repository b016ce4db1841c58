// `gongkai calendar import` and the store-aware `calendar workdays-after --data-dir`.
#include <catch2/catch.hpp>
#include <fstream>

#include "cli_admin_support.h"

using gongkai::testing::json_lines;
using gongkai::testing::run_cli;
using gongkai::testing::run_on;
using gongkai::testing::TempDir;

namespace {

std::string write_file(const TempDir& dir, const std::string& name, const std::string& text) {
  const auto path = dir.path() / name;
  std::ofstream(path) << text;
  return path.string();
}

// 2031-01-01 is a Wednesday: a made-up 元旦 of three days off.
constexpr const char* k2031 =
    "# made up for the test\n"
    "year 2031\n"
    "source https://example.org/2031\n"
    "holiday 2031-01-01..2031-01-03 元旦\n";

std::string workdays_after(const TempDir& dir, const std::string& date, const std::string& n) {
  const auto result = run_cli({"calendar", "workdays-after", date, n, "--json", "--data-dir",
                               (dir.path() / "data").string()});
  REQUIRE(result.exit_code == 0);
  return json_lines(result.out).at(0).at("result").get<std::string>();
}

}  // namespace

TEST_CASE(
    "Given a calendar file with 2031, When it is imported, Then the store's calendar counts "
    "2031's holidays and the built-in one does not",
    "[cli-admin]") {
  TempDir dir;
  REQUIRE(run_on(dir, {"init", "--admin-password", "admin-password"}).exit_code == 0);
  CHECK(workdays_after(dir, "2030-12-31", "1") == "2031-01-01");
  const auto imported = run_on(dir, {"calendar", "import", write_file(dir, "c.txt", k2031)});
  REQUIRE(imported.exit_code == 0);
  const auto line = json_lines(imported.out).at(0);
  CHECK(line.at("years") == nlohmann::json::array({2031}));
  CHECK(line.at("stream_version") == 1);
  CHECK(workdays_after(dir, "2030-12-31", "1") == "2031-01-06");
  const auto builtin = run_cli({"calendar", "workdays-after", "2030-12-31", "1", "--json"});
  CHECK(json_lines(builtin.out).at(0).at("result") == "2031-01-01");
}

TEST_CASE(
    "Given an imported year, When it is imported again with a change, Then the newer "
    "version is in force",
    "[cli-admin]") {
  TempDir dir;
  REQUIRE(run_on(dir, {"init", "--admin-password", "admin-password"}).exit_code == 0);
  REQUIRE(run_on(dir, {"calendar", "import", write_file(dir, "a.txt", k2031)}).exit_code == 0);
  const auto second =
      run_on(dir, {"calendar", "import", "--source", "second notice",
                   write_file(dir, "b.txt", "year 2031\nholiday 2031-01-01 元旦\n")});
  REQUIRE(second.exit_code == 0);
  CHECK(json_lines(second.out).at(0).at("stream_version") == 2);
  CHECK(workdays_after(dir, "2030-12-31", "1") == "2031-01-02");
}

TEST_CASE(
    "Given a malformed calendar file, When it is imported, Then it exits 1 naming the line "
    "and records nothing",
    "[cli-admin]") {
  TempDir dir;
  REQUIRE(run_on(dir, {"init", "--admin-password", "admin-password"}).exit_code == 0);
  const auto file =
      write_file(dir, "bad.txt", "year 2031\nholiday 2031-01-01 元旦\nholiday 2031-13-01 坏\n");
  const auto result = run_on(dir, {"calendar", "import", file});
  CHECK(result.exit_code == 1);
  CHECK(result.err.find("line 3") != std::string::npos);
  CHECK(workdays_after(dir, "2030-12-31", "1") == "2031-01-01");
}

TEST_CASE("Given calendar import without FILE, When it runs, Then it exits 2", "[cli-admin]") {
  TempDir dir;
  CHECK(run_on(dir, {"calendar", "import"}).exit_code == 2);
}
