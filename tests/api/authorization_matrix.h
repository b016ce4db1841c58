// The authorization matrix of RELIABILITY.md §4 S4 over HTTP: routes (from api.router().routes())
// x the cast's users (5 roles; two handlers, one per department) x the route's objects
// {own department's case, another department's case, a nonexistent one}, against the hand table
// of route_access_table.h; and every protected route with a missing, malformed, revoked or expired
// token. Besides the expected answer it checks that
//   - another department's case and a nonexistent one get identical 404s (status, code, body);
//   - every denial (401, 403, 404 for a case that exists) is in the audit record.
// Allowed cells are sent so that they change nothing: case commands with `If-Match: "999999"`
// (stop at 412), other bodies with an unknown field (400 after authorization; PATCH an empty
// one), the event stream
// with a bad `after` (400), logout with a token of its own.
#pragma once

#include <sstream>

#include "route_access_table.h"
#include "support/case_api.h"

namespace gongkai::testing {

struct MatrixFigures {
  std::size_t cells = 0;
  std::size_t unexpected_allows = 0;
  std::size_t unexpected_denies = 0;
  std::size_t missing_audit = 0;
  std::size_t unequal_404s = 0;
  std::vector<std::string> mismatches;
};

struct MatrixPerson {
  std::string label;
  std::string username;
  std::string role;
  bool sees_a;  // case A: ZRZY, registered by reg1
  bool sees_b;  // case B: CZS, registered by reg2
};

inline const std::vector<MatrixPerson>& matrix_people() {
  static const std::vector<MatrixPerson> kPeople = {
      {"admin", "admin", "admin", false, false},
      {"registrar (registered A)", "reg1", "registrar", true, false},
      {"handler of A's department", "hdl1", "handler", true, false},
      {"handler of B's department", "hdl2", "handler", false, true},
      {"supervisor", "sup1", "supervisor", true, true},
      {"auditor", "aud1", "auditor", true, true},
  };
  return kPeople;
}

// The world of the matrix: cases A and B, the cast logged in.
struct MatrixWorld {
  CaseApi api;
  std::string case_a = api.register_case("2021-03-01", kDeptA, "reg1");
  std::string case_b = api.register_case("2021-03-01", kDeptB, "reg2");

  MatrixWorld() {
    for (const auto& person : matrix_people()) api.token(person.username);
  }
};

namespace matrix_detail {

// Whether the newest audit records after `before` hold a denial of this request.
inline bool audited(TestServer& server, std::size_t before, const std::string& method,
                    const std::string& path, int status) {
  const auto entries = server.context().audit().recent();
  for (std::size_t i = before; i < entries.size(); ++i) {
    const auto& e = entries[i];
    if (e.kind == "denied" && e.method == method && e.path == path && e.status == status) {
      return true;
    }
  }
  return false;
}

inline std::string path_without_query(const std::string& target) {
  return target.substr(0, target.find('?'));
}

// A request the route accepts as far as authorization goes, changing nothing when allowed.
struct Probe {
  std::string target;
  std::string body;
  std::map<std::string, std::string> headers;
};

inline Probe probe_for(const ::gongkai::api::http::Route& route, const std::string& id) {
  Probe probe;
  probe.target = route.pattern;
  if (const auto open = probe.target.find('{'); open != std::string::npos) {
    probe.target.replace(open, probe.target.find('}') - open + 1, id);
  }
  const std::string command_prefix = "/api/v1/cases/{id}/";
  if (route.method == "POST" && route.pattern.starts_with(command_prefix)) {
    probe.body = valid_command_body(route.pattern.substr(command_prefix.size())).dump();
    probe.headers["If-Match"] = "\"999999\"";
  } else if (route.method == "POST" && route.pattern == "/api/v1/cases") {
    probe.body = registration_body();
  } else if (route.method == "PATCH") {
    probe.body = R"({"disabled": false})";  // an unknown user is still looked up: 404
  } else if (route.takes_body || route.method == "PUT" || route.method == "POST") {
    probe.body = R"({"matrix_probe": true})";
  }
  if (route.pattern.ends_with("/stream")) probe.target += "?after=not-a-position";
  return probe;
}

}  // namespace matrix_detail

// Checks the cells of every route for which `select(route)` holds.
template <typename Select>
void check_route_cells(MatrixWorld& world, const Select& select, MatrixFigures& figures) {
  using namespace matrix_detail;
  TestServer& server = world.api.server();
  for (const auto& route : server.api().router().routes()) {
    if (!select(route)) continue;
    const std::string key = route.method + " " + route.pattern;
    const auto documented = documented_access().find(key);
    INFO(key);
    REQUIRE_FALSE(documented == documented_access().end());  // a route the hand table lacks
    const RouteAccess& access = documented->second;

    struct Target {
      std::string label;
      std::string id;
      bool exists;
      bool is_a;
    };
    std::vector<Target> targets = {{"", "2021", true, true}};
    if (access.object == RouteObject::a_case) {
      targets = {{"own department (A)", world.case_a, true, true},
                 {"other department (B)", world.case_b, true, false},
                 {"nonexistent case", "CJZ-2021-09999", false, false}};
    } else if (access.object == RouteObject::a_user) {
      targets = {{"a user", user_id("reg2"), true, true}, {"nonexistent user", "u-nobody", false, false}};
    }

    for (const auto& person : matrix_people()) {
      std::optional<HttpResult> hidden_404;
      std::optional<HttpResult> missing_404;
      // Logout ends the token it is sent with: a token of its own, so the cast stays signed in.
      const std::string token =
          route.method == "DELETE"
              ? server.login(person.username,
                             person.username == "admin" ? kAdminPassword : kTestPassword)
              : world.api.token(person.username);
      for (const auto& target : targets) {
        const bool sees = target.is_a ? person.sees_a : person.sees_b;
        std::string expected = "allowed";
        if (access.is_public) {
          expected = "allowed";
        } else if (!access.roles.empty() && !access.roles.contains(person.role)) {
          expected = "403 role_forbids";
        } else if (access.object == RouteObject::a_case && (!target.exists || !sees)) {
          expected = "404 case_not_found";
        } else if (access.object == RouteObject::a_user && !target.exists) {
          expected = "404 user_not_found";
        }
        const Probe probe = probe_for(route, target.id);
        const std::size_t audit_before = server.context().audit().recent().size();
        auto result = server.request(route.method, probe.target, token, probe.body, probe.headers);
        ++figures.cells;
        std::string got = "allowed";
        if (result.status == 401 || result.status == 403 || result.status == 404 ||
            result.status >= 500) {
          got = std::to_string(result.status) + " " + result.code();
        }
        const bool denied = got != "allowed";
        if (!denied && expected != "allowed") ++figures.unexpected_allows;
        if (denied && expected == "allowed") ++figures.unexpected_denies;
        if (got != expected) {
          std::ostringstream line;
          line << key << " as " << person.label << (target.label.empty() ? "" : " on ")
               << target.label << ": expected " << expected << ", got " << result.status << " "
               << result.code();
          figures.mismatches.push_back(line.str());
        }
        // Every denial is audited (a case that does not exist is no denial: nothing is hidden)
        const bool is_denial = result.status == 401 || result.status == 403 ||
                               (result.status == 404 && target.exists &&
                                access.object == RouteObject::a_case);
        if (is_denial &&
            !audited(server, audit_before, route.method, path_without_query(probe.target),
                     result.status)) {
          ++figures.missing_audit;
          figures.mismatches.push_back(key + " as " + person.label + " on " + target.label +
                                       ": denial " + std::to_string(result.status) +
                                       " not in the audit record");
        }
        if (access.object == RouteObject::a_case && result.status == 404) {
          (target.exists ? hidden_404 : missing_404) = result;
        }
      }
      if (hidden_404 && missing_404 &&
          (hidden_404->body != missing_404->body ||
           hidden_404->header("content-type") != missing_404->header("content-type"))) {
        ++figures.unequal_404s;
        figures.mismatches.push_back(key + " as " + person.label +
                                     ": other department's 404 differs from a nonexistent case's: " +
                                     hidden_404->body + " vs " + missing_404->body);
      }
    }
  }
}

// Every protected route with no token, a malformed one, a revoked one and (last: the clock moves
// past the sessions' lifetime) an expired one: 401 with WWW-Authenticate, audited.
inline void check_token_cells(MatrixWorld& world, MatrixFigures& figures) {
  using namespace matrix_detail;
  TestServer& server = world.api.server();
  const std::string revoked = server.login("sup1");
  REQUIRE(server.request("DELETE", "/api/v1/sessions/current", revoked).status == 204);
  const std::string expiring = server.login("sup1");
  const std::vector<std::pair<std::string, std::string>> kinds = {
      {"missing token", ""},
      {"malformed token", "not-a-token"},
      {"forged token", std::string(64, 'a')},
      {"revoked token", revoked},
      {"expired token", expiring},
  };
  for (const auto& [kind, token] : kinds) {
    if (kind == "expired token") {
      server.clock().advance_seconds(server.context().config().session_absolute_seconds + 1);
    }
    for (const auto& route : server.api().router().routes()) {
      const std::string key = route.method + " " + route.pattern;
      const auto documented = documented_access().find(key);
      INFO(key);
      REQUIRE_FALSE(documented == documented_access().end());
      if (documented->second.is_public) continue;
      const Probe probe = probe_for(route, world.case_a);
      const std::size_t audit_before = server.context().audit().recent().size();
      auto result = server.request(route.method, probe.target, token, probe.body, probe.headers);
      ++figures.cells;
      if (result.status != 401) {
        if (result.status < 400) ++figures.unexpected_allows;
        figures.mismatches.push_back(key + " with a " + kind + ": expected 401, got " +
                                     std::to_string(result.status) + " " + result.code());
        continue;
      }
      if (result.header("www-authenticate").find("Bearer") == std::string::npos) {
        figures.mismatches.push_back(key + " with a " + kind + ": 401 without WWW-Authenticate");
      }
      if (!audited(server, audit_before, route.method, path_without_query(probe.target), 401)) {
        ++figures.missing_audit;
        figures.mismatches.push_back(key + " with a " + kind + ": 401 not in the audit record");
      }
    }
  }
}

}  // namespace gongkai::testing
