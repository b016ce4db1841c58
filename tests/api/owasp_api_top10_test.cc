// The OWASP API Security Top 10 (2023) controls that no other test covered (RELIABILITY.md §4 S6;
// the item-by-item map is tests/api/OWASP.md): each test fails when its control is removed.
//   API3  a body cannot set server-owned fields; no response outside ?include=pii carries a full
//         identity number, and none a password record.
//   API7  no route takes a URL and the server has no outbound HTTP client.
//   API8  no default admin password; a failing handler answers a problem without a stack trace;
//         no CORS grant to any origin.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <stdexcept>

#include "support/case_api.h"

namespace gongkai::testing {

namespace {

// Fields the server owns: the case's state, its clock, its identity and who did what.
const std::vector<std::string> kServerOwned = {
    "id",    "stage",       "status",   "version",      "agency",   "registered_by",
    "clock", "reply_due_on", "deadline", "due_on",      "position", "recorded_at",
    "department", "handler", "closed_on", "disposition_code", "events"};

bool names_field(const HttpResult& result, const std::string& field) {
  const auto body = result.json();
  if (!body.is_object() || !body.contains("errors")) return false;
  for (const auto& error : body["errors"]) {
    if (error.value("field", "") == field) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("API3: a body cannot set a server-owned field (400 unknown_field, nothing appended)",
          "[api][owasp][api3]") {
  CaseApi api;
  const auto id = api.register_case("2021-03-01", kDeptA, "reg1");
  for (const char* user : {"reg1", "hdl1", "sup1", "admin"}) api.token(user);  // logins append
  const auto head = api.head();
  std::size_t checked = 0;

  // Every case command of the route table, and the registration
  for (const auto& route : api.server().api().router().routes()) {
    const std::string prefix = "/api/v1/cases/{id}/";
    const bool command = route.method == "POST" && route.pattern.starts_with(prefix);
    const bool registration = route.method == "POST" && route.pattern == "/api/v1/cases";
    if (!command && !registration) continue;
    const std::string name = command ? route.pattern.substr(prefix.size()) : "";
    json valid = command ? valid_command_body(name) : json::parse(registration_body());
    // Fields that are this body's own (assign names a department and a handler, reopen a due date)
    std::set<std::string> own;
    for (const auto& [field, value] : valid.items()) own.insert(field);
    if (name == "assign") own.insert("handler");
    if (registration) own.insert("department");
    const std::string user = name == "acknowledge" || name == "assign" || registration ? "reg1"
                             : route.roles.front() == domain::policy::Role::supervisor ? "sup1"
                                                                                         : "hdl1";
    for (const auto& field : kServerOwned) {
      if (own.contains(field)) continue;
      json body = valid;
      body[field] = field == "version" || field == "position" ? json(7) : json("2021-12-31");
      const std::string path = command ? "/api/v1/cases/" + id + "/" + name : "/api/v1/cases";
      auto result = api.server().post(path, api.token(user), body.dump(), {{"If-Match", "\"2\""}});
      INFO(route.pattern << " with " << field << ": " << result.body);
      CHECK(result.status == 400);
      CHECK(result.code() == "unknown_field");
      CHECK(names_field(result, field));
      ++checked;
    }
  }
  // And a user record: agency, id, username and the password record are not the admin's to set
  for (const auto& [field, value] :
       std::vector<std::pair<std::string, json>>{{"agency", "OTHER"},
                                                 {"id", "u-x"},
                                                 {"username", "x"},
                                                 {"password_hash", "scrypt$1$1$1$00$00"}}) {
    auto result = api.server().request("PATCH", "/api/v1/users/" + user_id("reg1"),
                                       api.token("admin"), json{{field, value}}.dump());
    INFO(field << ": " << result.body);
    CHECK(result.status == 400);
    CHECK(names_field(result, field));
    ++checked;
  }
  CHECK(checked > 200);
  CHECK(api.head() == head);
  CHECK(api.view(id)["version"] == 2);
}

TEST_CASE("API3: only ?include=pii shows a full identity number; no answer shows a password",
          "[api][owasp][api3]") {
  CaseApi api;
  const auto id = api.register_case("2021-03-01", kDeptA, "reg1");
  const std::string full = "370303199001011234";  // registration_body()'s applicant
  for (const char* user : {"reg1", "hdl1", "sup1", "aud1"}) {
    for (const std::string& target :
         {"/api/v1/cases/" + id, std::string("/api/v1/cases"), "/api/v1/cases/" + id + "/history",
          std::string("/api/v1/events"), std::string("/api/v1/queue")}) {
      auto result = api.server().get(target, api.token(user));
      INFO(user << " " << target << ": " << result.status);
      if (result.status != 200) continue;  // a route this role may not use (S4 covers those)
      CHECK(result.body.find(full) == std::string::npos);
    }
  }
  auto users = api.server().get("/api/v1/users", api.token("admin"));
  REQUIRE(users.status == 200);
  CHECK(users.body.find("scrypt") == std::string::npos);
  CHECK(users.body.find("password") == std::string::npos);
  auto me = api.server().get("/api/v1/me", api.token("hdl1"));
  CHECK(me.body.find("scrypt") == std::string::npos);
}

TEST_CASE("API7: no route takes a URL, and the server has no outbound HTTP client",
          "[api][owasp][api7]") {
  // Every field name of the OpenAPI document (request and response schemas)
  TestServer server;
  auto openapi = server.get("/api/v1/openapi.json", server.login("admin", kAdminPassword));
  REQUIRE(openapi.status == 200);
  const std::regex url_like("url|uri|href|link|callback|webhook|redirect|fetch|host",
                            std::regex::icase);
  std::size_t fields = 0;
  std::vector<std::string> found;
  std::function<void(const json&)> scan = [&](const json& node) {
    if (node.is_object()) {
      if (node.contains("properties") && node["properties"].is_object()) {
        for (const auto& [name, schema] : node["properties"].items()) {
          ++fields;
          if (std::regex_search(name, url_like)) found.push_back(name);
        }
      }
      if (node.value("format", "") == "uri" || node.value("format", "") == "url") {
        found.push_back("a field of format uri");
      }
      for (const auto& [key, child] : node.items()) scan(child);
    } else if (node.is_array()) {
      for (const auto& child : node) scan(child);
    }
  };
  scan(openapi.json());
  std::string names;
  for (const auto& name : found) names += name + " ";
  INFO(names);
  CHECK(fields > 50);
  CHECK(found.empty());

  // Nothing under api/ opens a connection to another server
  const std::filesystem::path api_dir = std::filesystem::path(GONGKAI_SOURCE_DIR) / "api";
  const std::regex client("HTTPClientSession|HTTPSClientSession|URIStreamOpener|FTPClientSession|"
                          "curl_easy|SocketConnector|StreamSocket[^;]*connect");
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(api_dir)) {
    const auto ext = entry.path().extension();
    if (entry.path().string().find("node_modules") != std::string::npos) continue;
    if (ext != ".cc" && ext != ".h") continue;
    std::ifstream in(entry.path());
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ++files;
    INFO(entry.path().string());
    CHECK_FALSE(std::regex_search(text, client));
  }
  CHECK(files > 40);
}

TEST_CASE("API8: no default admin password: each fresh store gets its own random one",
          "[api][owasp][api8]") {
  std::vector<std::string> generated;
  for (int i = 0; i < 2; ++i) {
    TempDir dir;
    FakeClock clock(office_hours(*domain::time::CivilDate::parse("2021-03-10")));
    api::app::ServerConfig config;
    config.data_dir = dir.path().string();
    std::string password;
    auto context = api::app::ServerContext::open(config, clock, &password);
    REQUIRE(context.ok());
    api::app::Api api(**context);
    for (const char* guess : {"admin", "password", "123456", "gongkai", "admin123", "changeme"}) {
      api::http::HttpRequest request;
      request.method = "POST";
      request.path = "/api/v1/sessions";
      request.headers["content-type"] = "application/json";
      request.remote_address = "127.0.0.1";
      request.body = json{{"username", "admin"}, {"password", guess}}.dump();
      INFO(guess);
      const int status = api.handle(request).status;
      CHECK((status == 401 || status == 429));  // 429: the login limit after five failures
    }
    generated.push_back(password);
  }
  CHECK(generated[0].size() >= 16);
  CHECK(generated[0] != generated[1]);
}

TEST_CASE("API8: a handler that fails answers a bare problem, no stack trace, path or message",
          "[api][owasp][api8]") {
  TestServer server;
  // A route of the test's own (the router is not const; the server only hands out a const view)
  const_cast<::gongkai::api::http::Router&>(server.api().router()).add(
      {.method = "GET",
       .pattern = "/api/v1/test-failure",
       .operation_id = "test_failure",
       .summary = "throws",
       .access = ::gongkai::api::http::Access::anyone,
       .roles = {},
       .handler = [](::gongkai::api::http::RequestContext&) -> ::gongkai::api::http::HttpResponse {
         throw std::runtime_error("secret detail at /home/build/api/routes/x.cc:42 in frame #0");
       },
       .takes_body = false});
  auto result = server.get("/api/v1/test-failure", "");
  CHECK(result.status == 500);
  CHECK(result.header("content-type").find("application/problem+json") != std::string::npos);
  CHECK(result.code() == "internal");
  for (const char* leak : {"secret", "/home", ".cc", "#0", "runtime_error", "what"}) {
    INFO(leak << " in " << result.body);
    CHECK(result.body.find(leak) == std::string::npos);
  }
  // And the server goes on answering
  CHECK(server.get("/healthz", "").status == 200);
}

TEST_CASE("API8: no CORS grant: no origin is allowed to read answers cross-site",
          "[api][owasp][api8]") {
  TestServer server;
  const std::string token = server.login("admin", kAdminPassword);
  const std::map<std::string, std::string> cross = {{"Origin", "https://evil.example"}};
  const std::vector<HttpResult> answers = {
      server.request("GET", "/api/v1/me", token, "", cross),
      server.request("GET", "/healthz", "", "", cross),
      server.request("POST", "/api/v1/sessions", "", R"({"username":"admin","password":"x"})", cross),
      server.request("OPTIONS", "/api/v1/me", "", "",
                     {{"Origin", "https://evil.example"},
                      {"Access-Control-Request-Method", "GET"},
                      {"Access-Control-Request-Headers", "authorization"}}),
  };
  for (const auto& answer : answers) {
    INFO(answer.status << " " << answer.body);
    CHECK(answer.status != 0);
    for (const auto& [name, value] : answer.headers) {
      INFO(name << ": " << value);
      CHECK_FALSE(name.starts_with("access-control-allow"));
    }
  }
  // A preflight is not granted
  CHECK((answers.back().status == 404 || answers.back().status == 405));
}

}  // namespace gongkai::testing

namespace gongkai::testing {

namespace {

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("S6: every item of OWASP.md names tests that exist", "[api][owasp][s6]") {
  const std::filesystem::path root(GONGKAI_SOURCE_DIR);
  // The test names of every suite, string literals split over lines joined again
  std::string sources;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root / "tests")) {
    if (entry.path().string().ends_with("_test.cc")) sources += read_text(entry.path());
  }
  sources = std::regex_replace(sources, std::regex("\"\\s*\\n\\s*\""), "");
  // The map, wrapped lines joined
  const std::string map =
      std::regex_replace(read_text(root / "tests/api/OWASP.md"), std::regex("\\n\\s+"), " ");

  std::size_t items_covered = 0;
  std::vector<std::string> missing;
  for (int item = 1; item <= 10; ++item) {
    const std::string head = "- **API" + std::to_string(item) + " ";
    const auto begin = map.find(head);
    INFO(head);
    REQUIRE(begin != std::string::npos);
    const auto end = map.find("\n- **API", begin + 1);
    const std::string text = map.substr(begin, end == std::string::npos ? end : end - begin);
    std::size_t found = 0;
    const std::regex quoted("\"([^\"]+)\"");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), quoted);
         it != std::sregex_iterator(); ++it) {
      std::string name = (*it)[1];
      if (name.ends_with("…")) name.resize(name.size() - std::string("…").size());
      if (sources.find("\"" + name) != std::string::npos) {
        ++found;
      } else {
        missing.push_back("API" + std::to_string(item) + ": " + name);
      }
    }
    if (found > 0) ++items_covered;
  }
  std::string names;
  for (const auto& name : missing) names += name + "\n";
  INFO(names);
  CHECK(missing.empty());
  CHECK(items_covered == 10);
  std::cout << json{{"name", "S6"}, {"items_covered", items_covered}, {"items", 10},
                    {"unknown_test_names", missing.size()}, {"seed", 0}}
                   .dump()
            << std::endl;
}

}  // namespace gongkai::testing
