// GET /api/v1/openapi.json agrees with the router both ways (OWASP API9), every route API.md names
// is routed, and the command body schemas agree with the command decoders.
#include <catch2/catch.hpp>
#include <fstream>
#include <iostream>
#include <regex>
#include <set>
#include <sstream>

#include "api/routes/command_decoders.h"
#include "api/routes/openapi_schemas.h"
#include "support/test_server.h"

namespace gongkai::testing {

namespace {

using nlohmann::json;

// "GET /api/v1/cases/{}" : path parameters' names do not matter.
std::string key_of(std::string method, const std::string& path) {
  for (char& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return method + " " + std::regex_replace(path, std::regex("\\{[^}]*\\}"), "{}");
}

std::set<std::string> router_keys(const api::http::Router& router) {
  std::set<std::string> keys;
  for (const auto& route : router.routes()) keys.insert(key_of(route.method, route.pattern));
  return keys;
}

// Every `METHOD /path` API.md names in backticks (query strings dropped), with the command table
// expanded into POST /api/v1/cases/{id}/<command>.
std::set<std::string> api_md_keys() {
  std::ifstream file(GONGKAI_SOURCE_DIR "/../shared/API.md");
  REQUIRE(file.good());
  std::set<std::string> keys;
  const std::regex route("`(GET|POST|PUT|PATCH|DELETE) (/[^`?\\s]*)[^`]*`");
  const std::regex command_cell("`([a-z][a-z-]+)`");
  std::string line;
  bool in_commands = false;
  while (std::getline(file, line)) {
    for (std::sregex_iterator it(line.begin(), line.end(), route), end; it != end; ++it) {
      const std::string path = (*it)[2];
      if (path.find('<') == std::string::npos) keys.insert(key_of((*it)[1], path));
    }
    if (line.starts_with("| Command |")) {
      in_commands = true;
      continue;
    }
    if (in_commands && !line.starts_with("|")) in_commands = false;
    if (in_commands && !line.starts_with("|---")) {
      const std::string first_cell = line.substr(1, line.find('|', 1) - 1);
      for (std::sregex_iterator it(first_cell.begin(), first_cell.end(), command_cell), end;
           it != end; ++it) {
        keys.insert(key_of("POST", "/api/v1/cases/{id}/" + std::string((*it)[1])));
      }
    }
  }
  return keys;
}

json dummy_of(const json& schema, const std::string& name) {
  if (schema.contains("enum")) return schema["enum"][0];
  const std::string type = schema.value("type", "object");
  if (type == "integer") return 1;
  if (type == "number") return 1.5;
  if (type == "boolean") return true;
  if (type == "array") return json::array({dummy_of(schema["items"], name)});
  if (type == "object") {
    json out = json::object();
    for (const auto& [field, sub] : schema["properties"].items()) out[field] = dummy_of(sub, field);
    return out;
  }
  if (schema.value("format", "") == "date") return "2021-03-01";
  if (name == "sha256") return std::string(64, 'a');
  return "x";
}

}  // namespace

TEST_CASE("openapi.json documents exactly the routes the router dispatches", "[api][openapi]") {
  TestServer server;
  server.add_user("han1", {"handler"});
  const auto token = server.login("han1");

  // Anonymous callers do not get the inventory (API.md: a token on every route but three)
  CHECK(server.get("/api/v1/openapi.json", "").status == 401);

  auto response = server.get("/api/v1/openapi.json", token);
  REQUIRE(response.status == 200);
  const auto doc = response.json();
  CHECK(doc["openapi"].get<std::string>().starts_with("3.0"));
  CHECK(doc["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer");
  CHECK(doc["components"]["schemas"]["Problem"]["properties"].contains("code"));

  std::set<std::string> documented;
  for (const auto& [path, operations] : doc["paths"].items()) {
    for (const auto& [method, operation] : operations.items()) {
      documented.insert(key_of(method, path));
      CHECK(operation.contains("operationId"));
      CHECK(operation["responses"].size() > 0);
    }
  }
  const auto routed = router_keys(server.api().router());
  for (const auto& key : routed) {
    INFO("routed but not documented: " << key);
    CHECK(documented.count(key) == 1);
  }
  for (const auto& key : documented) {
    INFO("documented but not routed: " << key);
    CHECK(routed.count(key) == 1);
  }

  // Public routes carry no security requirement; the others name the bearer scheme
  CHECK(doc["paths"]["/healthz"]["get"]["security"].empty());
  CHECK(doc["paths"]["/api/v1/events"]["get"]["security"][0].contains("bearer"));
  CHECK(doc["paths"]["/api/v1/events"]["get"]["x-roles"] == json::array({"auditor", "supervisor"}));
  // Paging parameters on a list route; a body schema with its required fields on registration
  CHECK(doc["paths"]["/api/v1/events"]["get"]["parameters"].dump().find("limit") !=
        std::string::npos);
  const auto registration =
      doc["paths"]["/api/v1/cases"]["post"]["requestBody"]["content"]["application/json"]["schema"];
  CHECK(registration["required"].dump().find("applicant") != std::string::npos);
  CHECK(registration["properties"]["applicant"]["required"].dump().find("name") !=
        std::string::npos);
  // Commands take If-Match and may answer 409 and 412
  const auto& command = doc["paths"]["/api/v1/cases/{id}/add-note"]["post"];
  CHECK(command["parameters"].dump().find("ifMatch") != std::string::npos);
  CHECK(command["responses"].contains("412"));
  CHECK(command["requestBody"]["content"]["application/json"]["schema"]["required"] ==
        json::array({"text"}));
  // Every body-taking route (POST, PUT, PATCH) has a body schema; those still generic are named
  for (const auto& route : server.api().router().routes()) {
    if (route.method != "POST" && route.method != "PUT" && route.method != "PATCH") continue;
    if (route.pattern == "/api/v1/sessions/current") continue;
    auto lower = route.method;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const auto& operation = doc["paths"][route.pattern][lower];
    INFO(route.method << " " << route.pattern);
    CHECK(operation.contains("requestBody"));
    if (operation.value("x-schema-generic", false)) {
      std::cout << "openapi: no written body schema for " << route.method << " " << route.pattern
                << "\n";
    }
  }
}

TEST_CASE("every route API.md names is routed", "[api][openapi][api-md]") {
  TestServer server;
  const auto routed = router_keys(server.api().router());
  const auto named = api_md_keys();
  // The parser found the document's routes (the command table included)
  REQUIRE(named.size() > 40);
  CHECK(named.count("POST /api/v1/cases/{}/approve-extension") == 1);
  CHECK(named.count("GET /api/v1/events/stream") == 1);
  std::vector<std::string> missing;
  for (const auto& key : named) {
    if (routed.count(key) == 0) missing.push_back(key);
  }
  for (const auto& key : missing) std::cout << "API.md route not routed: " << key << "\n";
  CHECK(missing.empty());
}

TEST_CASE("the command body schemas agree with the command decoders", "[api][openapi]") {
  const auto today = *domain::time::CivilDate::parse("2021-03-10");
  for (std::string_view name : api::routes::case_command_names()) {
    INFO("command " << name);
    auto schema = api::routes::request_body_schema("POST", "/api/v1/cases/{id}/" + std::string(name));
    REQUIRE(schema.has_value());

    // An empty body: the decoder names as missing exactly the schema's required fields
    const json empty = json::object();
    api::http::FieldReader empty_reader(empty);
    (void)api::routes::decode_case_command(name, empty_reader, today);
    std::set<std::string> missing;
    if (auto problem = empty_reader.finish()) {
      const auto body = json::parse(problem->body);
      for (const auto& error : body["errors"]) {
        missing.insert(error["field"].get<std::string>());
      }
    }
    std::set<std::string> required;
    for (const auto& field : schema->value("required", json::array())) required.insert(field);
    CHECK(missing == required);

    // A body with every documented field (required and optional) decodes without a problem:
    // the schema names no field the decoder would call unknown
    const json full = dummy_of(*schema, "");
    api::http::FieldReader full_reader(full);
    (void)api::routes::decode_case_command(name, full_reader, today);
    auto problem = full_reader.finish();
    INFO(full.dump() << " -> " << (problem ? problem->body : ""));
    CHECK_FALSE(problem.has_value());
  }
}

TEST_CASE("the other body schemas agree with their routes' readers over HTTP", "[api][openapi]") {
  // Given a user for every role but admin (and admin), so that each route reads its body
  TestServer server;
  server.add_user("multi", {"registrar", "handler", "supervisor", "auditor"});
  const auto multi = server.login("multi");
  const auto admin = server.login("admin", kAdminPassword);
  int checked = 0;
  for (const auto& route : server.api().router().routes()) {
    if (route.pattern.starts_with("/api/v1/cases/{id}/")) continue;  // the decoders' test above
    auto schema = api::routes::request_body_schema(route.method, route.pattern);
    if (!schema) continue;
    INFO(route.method << " " << route.pattern);
    std::string target = std::regex_replace(route.pattern, std::regex("\\{year\\}"), "2021");
    target = std::regex_replace(target, std::regex("\\{id\\}"), "u-multi");
    bool admin_route = false;
    for (auto role : route.roles) admin_route = admin_route || role == domain::policy::Role::admin;
    const auto& token = route.access == api::http::Access::anyone ? std::string()
                        : admin_route                            ? admin
                                                                 : multi;
    // An empty body: the fields named missing are exactly the schema's required ones
    auto empty = server.request(route.method, target, token, "{}");
    std::set<std::string> missing;
    const auto problem = empty.json();
    if (problem.contains("errors")) {
      for (const auto& error : problem["errors"]) missing.insert(error["field"].get<std::string>());
    }
    std::set<std::string> required;
    for (const auto& field : schema->value("required", json::array())) required.insert(field);
    CHECK(missing == required);
    // Every documented field: none of them is unknown to the route
    auto full = server.request(route.method, target, token, dummy_of(*schema, "").dump());
    INFO(full.body);
    CHECK(full.code() != "unknown_field");
    CHECK(full.body.find("is not a field of this request") == std::string::npos);
    ++checked;
  }
  CHECK(checked >= 2);  // at least sessions and registration
}

TEST_CASE("the schema notation reads optional, enum, list and nested fields", "[api][openapi]") {
  const auto schema = api::routes::schema_of_fields(
      "a:string b:date? c:enum x|y d:[string]? e:object:{f:integer g:enum p|q?}");
  CHECK(schema["required"] == json::array({"a", "c", "e"}));
  CHECK(schema["properties"]["b"]["format"] == "date");
  CHECK(schema["properties"]["c"]["enum"] == json::array({"x", "y"}));
  CHECK(schema["properties"]["d"]["items"]["type"] == "string");
  CHECK(schema["properties"]["e"]["required"] == json::array({"f"}));
  CHECK(schema["properties"]["e"]["properties"]["g"]["enum"] == json::array({"p", "q"}));
  CHECK(schema["additionalProperties"] == false);
}

}  // namespace gongkai::testing
