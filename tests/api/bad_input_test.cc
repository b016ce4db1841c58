// RELIABILITY.md §4 S3: bad input per endpoint, generated from api.router().routes() so that a new
// route cannot escape. For every route that takes a body: malformed JSON, bodies that are not
// objects, each field with the wrong type, missing and unknown fields, a body over 1 MiB, 10^5-deep
// nesting, invalid UTF-8, overlong strings, impossible dates, numbers out of range and a wrong
// Content-Type; for every route with a path parameter, malformed ids. Each must get its documented
// 4xx (API.md Limits, RELIABILITY §3: 400 naming the field, 413, 415), never a 5xx; the store's
// head stays where it was and the server stays up.
//
// Each route's *valid* body is written here by hand and chosen so that, sent as it is, it still
// stops at a 4xx after decoding (If-Match "999999" on case commands, a receipt date in the future
// for a registration, a taken username or code, an unknown user): a mutation that the decoder
// wrongly accepts is then still caught by "nothing appended" and never changes the data.
#include <catch2/catch.hpp>
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <random>
#include <sstream>

#include "bad_input_cases.h"
#include "support/case_api.h"

namespace gongkai::testing {

namespace {

// A body route's valid body, the user who sends it and headers (by "METHOD pattern").
struct BodySpec {
  json body;
  std::string user;  // "" : no token
  std::map<std::string, std::string> headers = {};
  std::set<std::string> optional = {};  // fields API.md marks optional ("applicant.phone")
};

std::optional<BodySpec> body_spec(const std::string& key) {
  const std::string command_prefix = "POST /api/v1/cases/{id}/";
  if (key.starts_with(command_prefix)) {
    const std::string name = key.substr(command_prefix.size());
    // The role API.md gives the command: registrar's commands by reg1, supervisor's by sup1.
    static const std::set<std::string> kRegistrar = {"acknowledge", "assign"};
    static const std::set<std::string> kSupervisor = {"approve-extension", "reject-extension",
                                                      "approve-reply",     "return-reply",
                                                      "reopen",            "record-remedy"};
    const std::string user =
        kRegistrar.contains(name) ? "reg1" : (kSupervisor.contains(name) ? "sup1" : "hdl1");
    return BodySpec{valid_command_body(name),
                    user,
                    {{"If-Match", "\"999999\""}},
                    {"handler", "received_by_party_on", "reason", "pages", "requested_on",
                     "comment", "decided_on", "attachments"}};
  }
  static const std::map<std::string, BodySpec> kSpecs = {
      {"POST /api/v1/cases",
       {json::parse(registration_body("2021-03-11")),  // tomorrow: 422 date_in_future
        "reg1",
        {},
        // delivery: API.md does not mark it optional, but the decoder (case_routes.cc) reads it
        // as optional on purpose (a form and method chosen later); listed here as optional.
        {"applicant.phone", "applicant.id_type", "applicant.id_number", "purpose", "department",
         "delivery", "delivery.form", "delivery.method"}}},
      {"POST /api/v1/sessions", {{{"username", "nobody"}, {"password", "wrong-password"}}, ""}},
      {"POST /api/v1/users",
       {{{"username", "reg1"},  // taken: 409
         {"display_name", "某某"},
         {"password", "a-long-password-1"},
         {"roles", {"registrar"}},
         {"agency", "CJZ"},
         {"departments", json::array()}},
        "admin",
        {},
        {"agency", "departments"}}},
      {"PATCH /api/v1/users/{id}",  // an unknown user (see target_id): 404 after decoding
       {{{"roles", {"handler"}},
         {"departments", {kDeptA}},
         {"disabled", false},
         {"password", "a-long-password-2"}},
        "admin",
        {},
        {"roles", "departments", "disabled", "password"}}},
      {"POST /api/v1/departments", {{{"code", kDeptA}, {"name", "重复"}}, "admin"}},  // taken: 409
      {"PUT /api/v1/calendar/{year}",  // dates of 2021 for the year 1999: 400 calendar_invalid
       {{{"holidays", {"2021-10-01"}}, {"workdays", {"2021-09-26"}}, {"source", "国办发明电"}},
        "admin"}},
      {"POST /api/v1/admin/backups", {json::object(), "admin"}},
  };
  auto it = kSpecs.find(key);
  if (it == kSpecs.end()) return std::nullopt;
  return it->second;
}

// The path parameter value for a well-formed request to the route.
std::string target_id(const std::string& pattern, const std::string& case_id) {
  if (pattern.find("{year}") != std::string::npos) return "1999";
  if (pattern.starts_with("/api/v1/users/")) return "u-nobody";
  return case_id;
}

std::string fill(std::string pattern, const std::string& value) {
  const auto open = pattern.find('{');
  if (open == std::string::npos) return pattern;
  pattern.replace(open, pattern.find('}', open) - open + 1, value);
  return pattern;
}

}  // namespace

TEST_CASE("S3: every route answers bad input with its documented 4xx", "[api][s3][bad-input]") {
  const char* seed_text = std::getenv("GONGKAI_SEED");
  const std::uint64_t seed =
      seed_text != nullptr ? std::strtoull(seed_text, nullptr, 10) : std::random_device{}();
  std::mt19937_64 random(seed);
  INFO("seed " << seed);

  // Given a case of ZRZY registered by reg1 (seen by reg1, hdl1 and sup1), and the cast logged in
  CaseApi api;
  const std::string case_id = api.register_case("2021-03-01", kDeptA, "reg1");
  for (const char* user : {"reg1", "hdl1", "sup1", "admin"}) api.token(user);

  std::size_t cases = 0;
  std::size_t unexpected_status = 0;
  std::size_t server_errors = 0;
  std::vector<std::string> failures;
  const auto run = [&](const std::string& route_key, const std::string& method,
                       const std::string& path, const std::string& user, const BadInput& input,
                       std::map<std::string, std::string> headers) {
    for (const auto& [name, value] : input.headers) headers[name] = value;
    const auto head = api.head();
    HttpResult result;
    try {
      result = api.server().request(method, path, user.empty() ? "" : api.token(user),
                                    input.body, headers);
    } catch (const std::exception& e) {
      result.status = 599;  // the connection failed: the server did not answer
      result.body = e.what();
    }
    ++cases;
    const bool appended = api.head() != head;
    const std::string verdict = judge(input.expect, result);
    if (result.status >= 500) ++server_errors;
    if (!verdict.empty() || appended) {
      ++unexpected_status;
      std::ostringstream line;
      line << route_key << " [" << input.label << "]: " << verdict
           << (appended ? " (appended events)" : "") << " got " << result.status << " "
           << result.body.substr(0, 300);
      failures.push_back(line.str());
    }
  };

  std::size_t body_routes = 0;
  std::size_t param_routes = 0;
  for (const auto& route : api.server().api().router().routes()) {
    const std::string key = route.method + " " + route.pattern;
    INFO(key);
    const bool has_param = route.pattern.find('{') != std::string::npos;
    std::string user = route.access == ::gongkai::api::http::Access::anyone ? "" : "reg1";
    std::map<std::string, std::string> headers;
    std::string valid_body;
    if (route.takes_body) {
      // A body route without a hand-written valid body fails here: it must be added above.
      auto spec = body_spec(key);
      REQUIRE(spec.has_value());
      ++body_routes;
      user = spec->user;
      headers = spec->headers;
      valid_body = spec->body.dump();
      auto inputs = bad_bodies(spec->body, spec->optional, random);
      std::shuffle(inputs.begin(), inputs.end(), random);
      const std::string path = fill(route.pattern, target_id(route.pattern, case_id));
      for (const auto& input : inputs) run(key, route.method, path, user, input, headers);
    } else if (route.method == "GET" && !has_param) {
      continue;  // nothing to malform: query parameters are checked by each route's own tests
    } else if (route.method != "GET") {
      // A route without a body (DELETE /sessions/current): a stray body must change nothing
      // there either, but it is not a JSON input; skip.
      continue;
    }
    if (!has_param) continue;
    ++param_routes;
    if (route.roles.size() == 1 && route.roles.front() == domain::policy::Role::admin) {
      user = "admin";
    } else if (!route.roles.empty() && user == "reg1" &&
               std::find(route.roles.begin(), route.roles.end(),
                         domain::policy::Role::registrar) == route.roles.end()) {
      user = "sup1";
    }
    for (const auto& id : malformed_ids(route.pattern, random)) {
      BadInput input{"id " + id.substr(0, 40), valid_body, {}, Expect::not_found_or_invalid()};
      run(key, route.method, fill(route.pattern, id), user, input, headers);
    }
  }

  // The server is still up and the case as it was
  CHECK(api.server().get("/healthz", "").status == 200);
  CHECK(api.view(case_id)["version"] == 2);
  CHECK(body_routes >= 30);
  CHECK(param_routes >= 30);

  std::ostringstream report;
  for (const auto& line : failures) report << line << "\n";
  INFO(report.str());
  CHECK(failures.empty());
  CHECK(server_errors == 0);
  const json figures = {{"name", "S3"},         {"cases", cases},
                        {"unexpected_status", unexpected_status},
                        {"5xx", server_errors}, {"body_routes", body_routes},
                        {"param_routes", param_routes}, {"seed", seed}};
  std::cout << figures.dump() << std::endl;
}

}  // namespace gongkai::testing
