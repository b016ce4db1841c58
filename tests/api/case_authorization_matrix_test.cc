// The role x route x case matrix for every case route the server dispatches (generated from
// api.router().routes(), paths under /api/v1/cases), over HTTP, against API.md's tables written out
// here by hand (not read from the code under test):
//   - a role that may never use the route: 403 role_forbids;
//   - a case the user may not see, or that does not exist: 404 case_not_found;
//   - otherwise "allowed": anything but 401/403/404 (a 400/412/422 after authorization counts).
// Commands are sent with a body every decoder accepts and `If-Match: "999999"`, so an allowed
// command stops at 412 and the cases stay as they are for the next cell.
#include <catch2/catch.hpp>
#include <set>
#include <sstream>

#include "support/case_api.h"

namespace gongkai::testing {

namespace {

using Roles = std::set<std::string>;

const Roles kReaders = {"registrar", "handler", "supervisor", "auditor"};

// API.md: who may use each case route ("METHOD pattern").
const std::map<std::string, Roles>& documented_roles() {
  static const std::map<std::string, Roles> kWho = {
      {"POST /api/v1/cases", {"registrar"}},
      {"GET /api/v1/cases", kReaders},
      {"GET /api/v1/cases/{id}", kReaders},
      // History, deadlines, verification: anyone who may see the case (admins see no content).
      {"GET /api/v1/cases/{id}/history", kReaders},
      {"GET /api/v1/cases/{id}/deadlines", kReaders},
      {"GET /api/v1/cases/{id}/verify", kReaders},
      {"GET /api/v1/cases/{id}/export", kReaders},
      {"POST /api/v1/cases/{id}/acknowledge", {"registrar"}},
      {"POST /api/v1/cases/{id}/assign", {"registrar", "supervisor"}},
      {"POST /api/v1/cases/{id}/transfer", {"handler", "supervisor"}},
      {"POST /api/v1/cases/{id}/request-correction", {"handler", "registrar"}},
      {"POST /api/v1/cases/{id}/receive-correction", {"handler", "registrar"}},
      {"POST /api/v1/cases/{id}/start-consultation", {"handler"}},
      {"POST /api/v1/cases/{id}/record-consultation-reply", {"handler"}},
      {"POST /api/v1/cases/{id}/close-consultation", {"handler"}},
      {"POST /api/v1/cases/{id}/issue-fee-notice", {"handler"}},
      {"POST /api/v1/cases/{id}/record-fee-payment", {"handler"}},
      {"POST /api/v1/cases/{id}/request-extension", {"handler"}},
      {"POST /api/v1/cases/{id}/approve-extension", {"supervisor"}},
      {"POST /api/v1/cases/{id}/reject-extension", {"supervisor"}},
      {"POST /api/v1/cases/{id}/notify-extension", {"handler"}},
      {"POST /api/v1/cases/{id}/submit-reply", {"handler"}},
      {"POST /api/v1/cases/{id}/approve-reply", {"supervisor"}},
      {"POST /api/v1/cases/{id}/return-reply", {"supervisor"}},
      {"POST /api/v1/cases/{id}/issue-reply", {"handler", "registrar"}},
      {"POST /api/v1/cases/{id}/withdraw", {"registrar", "handler"}},
      {"POST /api/v1/cases/{id}/archive", {"registrar", "handler"}},
      {"POST /api/v1/cases/{id}/reopen", {"supervisor"}},
      {"POST /api/v1/cases/{id}/record-remedy", {"supervisor"}},
      {"POST /api/v1/cases/{id}/add-note", {"registrar", "handler", "supervisor"}},
  };
  return kWho;
}

struct Person {
  std::string label;
  std::string username;
  std::string role;
  // API.md visibility of the two cases: A (ZRZY, registered by reg1), B (CZS, registered by reg2).
  bool sees_a;
  bool sees_b;
};

const std::vector<Person>& people() {
  static const std::vector<Person> kPeople = {
      {"admin", "admin", "admin", false, false},
      {"registrar (registered A)", "reg1", "registrar", true, false},
      {"handler of A's department", "hdl1", "handler", true, false},
      {"handler of B's department", "hdl2", "handler", false, true},
      {"supervisor", "sup1", "supervisor", true, true},
      {"auditor", "aud1", "auditor", true, true},
  };
  return kPeople;
}

enum class Outcome { allowed, forbidden, not_found };

std::string name_of(Outcome o) {
  switch (o) {
    case Outcome::allowed:
      return "allowed";
    case Outcome::forbidden:
      return "403";
    case Outcome::not_found:
      return "404";
  }
  return "?";
}

}  // namespace

TEST_CASE("role x route x case matrix of the case routes", "[api][authz]") {
  // Given case A in ZRZY (registered by reg1) and case B in CZS (registered by reg2)
  CaseApi api;
  const auto case_a = api.register_case("2021-03-01", kDeptA, "reg1");
  const auto case_b = api.register_case("2021-03-01", kDeptB, "reg2");
  const std::string missing = "CJZ-2021-09999";
  for (const auto& person : people()) api.token(person.username);

  // The case routes the server dispatches
  std::vector<const ::gongkai::api::http::Route*> routes;
  for (const auto& route : api.server().api().router().routes()) {
    if (route.pattern == "/api/v1/cases" || route.pattern.starts_with("/api/v1/cases/")) {
      routes.push_back(&route);
    }
  }
  REQUIRE(routes.size() >= 26);  // register, get, list and the 23 commands at least

  std::size_t cells = 0;
  std::size_t unexpected_allows = 0;
  std::vector<std::string> mismatches;
  for (const auto* route : routes) {
    const std::string key = route->method + " " + route->pattern;
    const auto documented = documented_roles().find(key);
    INFO(key);
    REQUIRE_FALSE(documented == documented_roles().end());  // a route API.md does not list
    const bool has_case = route->pattern.find("{id}") != std::string::npos;
    const std::string command = route->method == "POST" && has_case
                                    ? route->pattern.substr(route->pattern.rfind('/') + 1)
                                    : "";
    std::string body;
    std::map<std::string, std::string> headers;
    if (!command.empty()) {
      body = valid_command_body(command).dump();
      headers["If-Match"] = "\"999999\"";
    } else if (route->method == "POST") {
      body = registration_body();
    }

    struct Target {
      std::string label;
      std::string id;
      bool exists;
      bool is_a;
    };
    std::vector<Target> targets;
    if (has_case) {
      targets = {{"own department (A)", case_a, true, true},
                 {"other department (B)", case_b, true, false},
                 {"nonexistent", missing, false, false}};
    } else {
      targets = {{"no case", "", false, false}};
    }

    for (const auto& person : people()) {
      for (const auto& target : targets) {
        Outcome expected = Outcome::allowed;
        if (!documented->second.contains(person.role)) {
          expected = Outcome::forbidden;
        } else if (has_case && (!target.exists || !(target.is_a ? person.sees_a : person.sees_b))) {
          expected = Outcome::not_found;
        }
        std::string path = route->pattern;
        if (has_case) path.replace(path.find("{id}"), 4, target.id);
        auto result =
            api.server().request(route->method, path, api.token(person.username), body, headers);
        ++cells;
        Outcome got = Outcome::allowed;
        bool exact = true;
        if (result.status == 403) {
          got = Outcome::forbidden;
          exact = result.code() == "role_forbids";
        } else if (result.status == 404) {
          got = Outcome::not_found;
          exact = result.code() == "case_not_found";
        } else if (result.status == 401) {
          got = Outcome::forbidden;
          exact = false;
        }
        if (got == Outcome::allowed && expected != Outcome::allowed) ++unexpected_allows;
        if (got != expected || !exact) {
          std::ostringstream line;
          line << key << " as " << person.label << " on " << target.label << ": expected "
               << name_of(expected) << ", got " << result.status << " " << result.code();
          mismatches.push_back(line.str());
        }
      }
    }
  }

  std::ostringstream report;
  for (const auto& line : mismatches) report << line << "\n";
  INFO(report.str());
  CHECK(mismatches.empty());
  CHECK(unexpected_allows == 0);
  WARN("authorization matrix: " << cells << " cells checked (" << routes.size() << " case routes x "
                                << people().size()
                                << " users x own/other/nonexistent case), unexpected allows: "
                                << unexpected_allows << ", mismatches: " << mismatches.size());
  // The allowed commands stopped at If-Match: cases A and B are as they were
  CHECK(api.view(case_a)["version"] == 2);
  CHECK(api.view(case_b)["version"] == 2);
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

}  // namespace gongkai::testing
