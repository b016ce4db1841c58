// RELIABILITY.md §4 S4: the authorization matrix over the WHOLE route table. Every route the server
// dispatches x 5 roles (6 users: a handler of each department) x {own department's case, another
// department's case, a nonexistent case} where a case is involved (a user and an unknown user for
// PATCH /users/{id}), plus every protected route with a missing, malformed, forged, revoked and
// expired token. Expected answers come from route_access_table.h (API.md by hand); the cells and
// their checks (identical 404s, every denial audited) from authorization_matrix.h.
// Ends with one JSON line {"name":"S4","cells",...,"unexpected_allows","unexpected_denies",...}.
#include <catch2/catch.hpp>
#include <iostream>
#include <sstream>

#include "authorization_matrix.h"

namespace gongkai::testing {

TEST_CASE("S4: every route x role x object, and every bad token, against API.md",
          "[api][authz][s4]") {
  MatrixWorld world;
  MatrixFigures figures;
  std::size_t routes = 0;
  check_route_cells(
      world,
      [&](const ::gongkai::api::http::Route&) {
        ++routes;
        return true;
      },
      figures);
  const std::size_t role_cells = figures.cells;
  check_token_cells(world, figures);

  std::ostringstream report;
  for (const auto& line : figures.mismatches) report << line << "\n";
  INFO(report.str());
  CHECK(figures.mismatches.empty());
  CHECK(figures.unexpected_allows == 0);
  CHECK(figures.unexpected_denies == 0);
  CHECK(figures.missing_audit == 0);
  CHECK(figures.unequal_404s == 0);
  CHECK(routes == documented_access().size());  // and each route was found in the table
  const nlohmann::json line = {{"name", "S4"},
                               {"cells", figures.cells},
                               {"role_cells", role_cells},
                               {"token_cells", figures.cells - role_cells},
                               {"routes", routes},
                               {"unexpected_allows", figures.unexpected_allows},
                               {"unexpected_denies", figures.unexpected_denies},
                               {"missing_audit", figures.missing_audit},
                               {"unequal_404s", figures.unequal_404s},
                               {"mismatches", figures.mismatches.size()},
                               {"seed", 0}};  // deterministic: no random choice
  std::cout << line.dump() << std::endl;
}

TEST_CASE("the hand table names no route the server does not dispatch", "[api][authz]") {
  // The other direction: an entry without a route is a route API.md promises and nobody serves.
  TestServer server;
  std::set<std::string> routed;
  for (const auto& route : server.api().router().routes()) {
    routed.insert(route.method + " " + route.pattern);
  }
  for (const auto& [key, access] : documented_access()) {
    INFO(key);
    CHECK(routed.contains(key));
  }
}

}  // namespace gongkai::testing
