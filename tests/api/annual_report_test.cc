// GET /api/v1/reports/annual?year=Y[&format=csv] over HTTP: table 三 rows and columns from the
// cases in the log, the CSV with its BOM, byte-identical answers on repeat, and the refusals.
#include <catch2/catch.hpp>

#include "read_world.h"

namespace gongkai::testing {

namespace {

nlohmann::json row(const nlohmann::json& report, const std::string& key) {
  for (const auto& r : report["rows"]) {
    if (r["key"] == key) return r;
  }
  return nullptr;
}

// Three applications received in 2021 by natural persons; one answered (disclosed) on 03-12.
void year_of_work(ReadWorld& world) {
  const auto first = world.register_case("2021-03-01");
  world.register_case("2021-03-02");
  world.register_case("2021-03-03", "D2");
  world.on("2021-03-12");
  world.run(world.han1, first, dc::SubmitReply{"disclosed", "《条例》第二十七条", "答复如下", {}});
  world.run(world.sup1, first, dc::ApproveReply{"同意"});
  world.run(world.han1, first, dc::IssueReply{day("2021-03-12"), dc::ServiceMethod::post});
}

}  // namespace

TEST_CASE("the annual report counts the year's applications and closings", "[api][reads][report]") {
  ReadWorld world;
  year_of_work(world);

  auto result = world.server.get("/api/v1/reports/annual?year=2021", world.supervisor);

  INFO(result.body);
  REQUIRE(result.status == 200);
  CHECK(result.header("content-type").find("application/json") == 0);
  const auto report = result.json();
  CHECK(report["year"] == 2021);
  CHECK(report["agency"] == "CJZ");
  REQUIRE(report["columns"].size() == 7);
  CHECK(report["columns"][0] == "natural_person");
  CHECK(report["columns"][6] == "total");
  const auto received = row(report, "new");
  REQUIRE(received.is_object());
  CHECK(received["values"][0] == 3);
  CHECK(received["values"][6] == 3);
  CHECK_FALSE(received["label_zh"].get<std::string>().empty());
  CHECK(row(report, "disclosed")["values"][0] == 1);
  CHECK(row(report, "total")["values"][6] == 1);
  CHECK(row(report, "carried_forward")["values"][6] == 2);
  CHECK(report["checks"]["balanced"] == true);
  CHECK(report["as_of_position"].get<std::uint64_t>() > 0);

  // The year before has nothing
  auto before = world.server.get("/api/v1/reports/annual?year=2020", world.auditor);
  REQUIRE(before.status == 200);
  CHECK(row(before.json(), "new")["values"][6] == 0);
}

TEST_CASE("the annual report as CSV has a BOM and is byte-identical on repeat", "[api][reads][report]") {
  ReadWorld world;
  year_of_work(world);

  auto csv = world.server.get("/api/v1/reports/annual?year=2021&format=csv", world.auditor);
  auto again = world.server.get("/api/v1/reports/annual?year=2021&format=csv", world.auditor);
  auto json1 = world.server.get("/api/v1/reports/annual?year=2021", world.auditor);
  auto json2 = world.server.get("/api/v1/reports/annual?year=2021", world.supervisor);

  REQUIRE(csv.status == 200);
  CHECK(csv.header("content-type") == "text/csv; charset=utf-8");
  CHECK(csv.body.rfind("\xEF\xBB\xBF", 0) == 0);
  CHECK(csv.body.find("\r\n") != std::string::npos);
  CHECK(csv.body.find("\r\nnew,") != std::string::npos);
  CHECK(csv.body.find("自然人") != std::string::npos);
  CHECK(csv.body == again.body);
  REQUIRE(json1.status == 200);
  CHECK(json1.body == json2.body);

  // A new event moves the report on
  world.register_case("2021-03-11");
  auto after = world.server.get("/api/v1/reports/annual?year=2021", world.auditor);
  CHECK(after.body != json1.body);
}

TEST_CASE("the annual report refuses bad years and other roles", "[api][reads][report]") {
  ReadWorld world;
  for (const std::string bad : {"", "abc", "21", "0000", "20211", "2021.5", "-2021"}) {
    auto result = world.server.get("/api/v1/reports/annual?year=" + bad, world.supervisor);
    INFO(bad << ": " << result.body);
    CHECK(result.status == 400);
    CHECK(result.code() == "year_invalid");
  }
  CHECK(world.server.get("/api/v1/reports/annual", world.supervisor).code() == "year_invalid");
  CHECK(world.server.get("/api/v1/reports/annual?year=2021&format=xml", world.supervisor).code() ==
        "format_invalid");
  for (const auto& token : {world.handler1, world.registrar, world.admin}) {
    CHECK(world.server.get("/api/v1/reports/annual?year=2021", token).status == 403);
  }
  CHECK(world.server.get("/api/v1/reports/annual?year=2021", "").status == 401);
}

}  // namespace gongkai::testing
