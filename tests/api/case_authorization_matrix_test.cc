// The role x route x case matrix of every case route the server dispatches (generated from
// api.router().routes(), paths under /api/v1/cases), over HTTP, against API.md's tables written out
// by hand in route_access_table.h (not read from the code under test):
//   - a role that may never use the route: 403 role_forbids;
//   - a case the user may not see, or that does not exist: 404 case_not_found, the two identical;
//   - otherwise "allowed": anything but 401/403/404 (a 400/412/422 after authorization counts);
//   - every denial in the audit record.
// The cells are authorization_matrix.h's, which the whole-route matrix (S4,
// route_authorization_matrix_test.cc) runs over every route.
#include <catch2/catch.hpp>
#include <set>
#include <sstream>

#include "authorization_matrix.h"

namespace gongkai::testing {

TEST_CASE("role x route x case matrix of the case routes", "[api][authz]") {
  // Given case A in ZRZY (registered by reg1) and case B in CZS (registered by reg2)
  MatrixWorld world;
  MatrixFigures figures;
  std::size_t routes = 0;
  check_route_cells(
      world,
      [&](const ::gongkai::api::http::Route& route) {
        const bool is_case =
            route.pattern == "/api/v1/cases" || route.pattern.starts_with("/api/v1/cases/");
        routes += is_case ? 1 : 0;
        return is_case;
      },
      figures);
  CHECK(routes >= 26);  // register, get, list and the 23 commands at least

  std::ostringstream report;
  for (const auto& line : figures.mismatches) report << line << "\n";
  INFO(report.str());
  CHECK(figures.mismatches.empty());
  CHECK(figures.unexpected_allows == 0);
  CHECK(figures.missing_audit == 0);
  CHECK(figures.unequal_404s == 0);
  WARN("case authorization matrix: " << figures.cells << " cells (" << routes << " case routes x "
                                     << matrix_people().size()
                                     << " users x own/other/nonexistent case)");
  // The allowed commands stopped at If-Match: cases A and B are as they were
  CHECK(world.api.view(world.case_a)["version"] == 2);
  CHECK(world.api.view(world.case_b)["version"] == 2);
}

TEST_CASE("a user with several roles acts in the one that fits the case", "[api][authz]") {
  // Given `mixed`, a registrar who is also a handler of CZS, who registered case A for ZRZY,
  // and case B of CZS registered by reg2
  CaseApi api;
  const auto case_a = api.register_case("2021-03-01", kDeptA, "mixed");
  const auto case_b = api.register_case("2021-03-01", kDeptB, "reg2");
  const auto head = api.head();

  // Case A: they see it (they registered it), so a handler's command is 403, not 404
  CHECK(api.server().get("/api/v1/cases/" + case_a, api.token("mixed")).status == 200);
  auto consult = api.command(case_a, "start-consultation", "mixed");
  CHECK(consult.status == 403);
  CHECK(consult.code() == "role_forbids");
  CHECK(api.head() == head);
  // ... while a registrar's command on it is theirs
  auto acknowledged = api.command(case_a, "acknowledge", "mixed");
  CHECK(acknowledged.status == 200);

  // Case B: they see it only as CZS's handler, and a handler's command is recorded in that role
  auto consult_b = api.command(case_b, "start-consultation", "mixed");
  CHECK(consult_b.status == 200);
  auto records = api.server().context().store().read_stream_forward("case-" + case_b, 3, 1);
  REQUIRE(records.ok());
  REQUIRE(records->size() == 1);
  CHECK(records->front().actor == "handler:" + user_id("mixed"));
}

TEST_CASE("the case list shows each user exactly the cases they may see", "[api][authz]") {
  CaseApi api;
  const auto case_a = api.register_case("2021-03-01", kDeptA, "reg1");
  const auto case_b = api.register_case("2021-03-01", kDeptB, "reg2");
  const auto unassigned = api.register_case("2021-03-01", "", "reg2");
  const std::map<std::string, std::set<std::string>> sees = {
      {"reg1", {case_a, unassigned}},
      {"reg2", {case_b, unassigned}},
      {"hdl1", {case_a}},
      {"hdl2", {case_b}},
      {"sup1", {case_a, case_b, unassigned}},
      {"aud1", {case_a, case_b, unassigned}},
  };
  for (const auto& [user, expected] : sees) {
    auto list = api.server().get("/api/v1/cases?limit=500", api.token(user));
    INFO(user << ": " << list.body);
    REQUIRE(list.status == 200);
    std::set<std::string> shown;
    const json body = list.json();
    for (const auto& item : body["items"]) shown.insert(item["id"].get<std::string>());
    CHECK(shown == expected);
  }
  CHECK(api.server().get("/api/v1/cases", api.token("admin")).status == 403);
}

TEST_CASE(
    "a page of the case list is the same page for every user and short where cases are hidden",
    "[api][authz]") {
  CaseApi api;
  const auto case_a = api.register_case("2021-03-01", kDeptA, "reg1");
  const auto case_b = api.register_case("2021-03-01", kDeptB, "reg2");
  const auto case_a2 = api.register_case("2021-03-02", kDeptA, "reg1");
  // Walks the list one case per page: every user turns the same pages (the cursor leads on past
  // a hidden case) and sees on them only what they may see.
  auto walk = [&](const std::string& user) {
    std::vector<std::vector<std::string>> pages;
    std::string cursor;
    for (int turn = 0; turn < 10; ++turn) {
      auto list = api.server().get(
          "/api/v1/cases?limit=1" + (cursor.empty() ? std::string() : "&cursor=" + cursor),
          api.token(user));
      INFO(user << ": " << list.body);
      REQUIRE(list.status == 200);
      const json body = list.json();
      std::vector<std::string> ids;
      for (const auto& item : body["items"]) ids.push_back(item["id"].get<std::string>());
      pages.push_back(ids);
      if (body["next_cursor"].is_null()) break;
      cursor = body["next_cursor"].get<std::string>();
    }
    return pages;
  };
  using Pages = std::vector<std::vector<std::string>>;
  CHECK(walk("sup1") == Pages{{case_a}, {case_b}, {case_a2}});
  CHECK(walk("hdl1") == Pages{{case_a}, {}, {case_a2}});
  CHECK(walk("hdl2") == Pages{{}, {case_b}, {}});
}

}  // namespace gongkai::testing
