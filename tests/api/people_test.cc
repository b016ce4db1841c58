// Users and departments over HTTP (API.md, Sessions and people): admin-only writes, the statuses
// chosen for the people decider's refusals, paging, agency scope, and every change an event.
#include <catch2/catch.hpp>

#include "domain/people/people_decider.h"
#include "support/test_server.h"

namespace gongkai::testing {

namespace {

using nlohmann::json;

json new_user(const std::string& username, const json& roles = {"registrar"},
              const json& departments = json::array()) {
  return {{"username", username},
          {"display_name", "用户" + username},
          {"password", "a-good-password"},
          {"roles", roles},
          {"departments", departments}};
}

HttpResult patch_user(TestServer& server, const std::string& token, const std::string& id,
                      const json& body) {
  return server.request("PATCH", "/api/v1/users/" + id, token, body.dump());
}

std::size_t events_of_type(TestServer& server, const std::string& type) {
  auto events = server.context().store().read_all(1, 1'000'000);
  REQUIRE(events.ok());
  std::size_t n = 0;
  for (const auto& e : *events) n += e.type == type ? 1 : 0;
  return n;
}

}  // namespace

TEST_CASE("an admin creates a department and a user who can then log in", "[api][people]") {
  // Given the admin
  TestServer server;
  const auto admin = server.login("admin", kAdminPassword);

  // When they create a department and a handler in it
  auto department =
      server.post("/api/v1/departments", admin, json{{"code", "D1"}, {"name", "办公室"}}.dump());
  auto user = server.post("/api/v1/users", admin, new_user("han1", {"handler"}, {"D1"}).dump());

  // Then both are 201, the user without any password or record
  INFO(department.body << user.body);
  REQUIRE(department.status == 201);
  CHECK(department.json()["code"] == "D1");
  CHECK(department.json()["name"] == "办公室");
  CHECK(department.json()["agency"] == "CJZ");
  CHECK(department.json()["created_by"] == "u-admin");
  REQUIRE(user.status == 201);
  const auto body = user.json();
  CHECK(body["id"] == "u-han1");
  CHECK(body["roles"] == json::array({"handler"}));
  CHECK(body["departments"] == json::array({"D1"}));
  CHECK(body["agency"] == "CJZ");
  CHECK(body["disabled"] == false);
  CHECK(body["position"].get<std::uint64_t>() == server.context().store().head_position());
  CHECK_FALSE(body.contains("password"));
  CHECK(user.body.find("a-good-password") == std::string::npos);
  CHECK(user.body.find("scrypt") == std::string::npos);

  // And the user logs in with the password the admin set
  CHECK(server.login("han1", "a-good-password").size() == 64);
  // And the log holds UserCreated and PasswordSet, and the department
  CHECK(events_of_type(server, "user.created.v1") == 2);  // admin and han1
  CHECK(events_of_type(server, "user.password_set.v1") == 2);
  CHECK(events_of_type(server, "department.created.v1") == 1);
}

TEST_CASE("only an admin manages people; anyone reads departments", "[api][people]") {
  TestServer server;
  server.add_department("D1");
  server.add_user("sup1", {"supervisor", "auditor"});
  const auto token = server.login("sup1");
  const auto head = server.context().store().head_position();

  CHECK(server.post("/api/v1/users", token, new_user("x1").dump()).code() == "role_forbids");
  CHECK(server.get("/api/v1/users", token).status == 403);
  CHECK(patch_user(server, token, "u-sup1", {{"roles", {"admin"}}}).status == 403);
  CHECK(server.post("/api/v1/departments", token, json{{"code", "D2"}, {"name", "n"}}.dump())
            .status == 403);
  CHECK(server.post("/api/v1/users", "", new_user("x1").dump()).status == 401);
  CHECK(server.context().store().head_position() == head);

  auto departments = server.get("/api/v1/departments", token);
  REQUIRE(departments.status == 200);
  CHECK(departments.json()["items"].size() == 1);
  CHECK(departments.json()["items"][0]["code"] == "D1");
  CHECK(departments.json()["next_cursor"].is_null());
}

TEST_CASE("user creation refuses with the documented statuses", "[api][people]") {
  TestServer server;
  server.add_department("D1");
  const auto admin = server.login("admin", kAdminPassword);
  REQUIRE(server.post("/api/v1/users", admin, new_user("reg1").dump()).status == 201);
  const auto head = server.context().store().head_position();

  SECTION("a short password is 400 weak_password") {
    auto body = new_user("reg2");
    body["password"] = "short";
    auto result = server.post("/api/v1/users", admin, body.dump());
    CHECK(result.status == 400);
    CHECK(result.code() == "weak_password");
    CHECK(result.json()["errors"][0]["field"] == "password");
  }
  SECTION("a taken username is 409 username_taken") {
    auto result = server.post("/api/v1/users", admin, new_user("reg1", {"handler"}).dump());
    CHECK(result.status == 409);
    CHECK(result.code() == "username_taken");
  }
  SECTION("an unknown department is 422 unknown_department") {
    auto result = server.post("/api/v1/users", admin, new_user("han1", {"handler"}, {"D9"}).dump());
    CHECK(result.status == 422);
    CHECK(result.code() == "unknown_department");
  }
  SECTION("an unknown role is 400 invalid_role") {
    auto result = server.post("/api/v1/users", admin, new_user("king1", {"king"}).dump());
    CHECK(result.status == 400);
    CHECK(result.code() == "invalid_role");
  }
  SECTION("a bad username is 400 invalid_username") {
    auto result = server.post("/api/v1/users", admin, new_user("1-bad name").dump());
    CHECK(result.status == 400);
    CHECK(result.code() == "invalid_username");
  }
  SECTION("another agency is 403 agency_forbids") {
    auto body = new_user("x1");
    body["agency"] = "OTHER";
    auto result = server.post("/api/v1/users", admin, body.dump());
    CHECK(result.status == 403);
    CHECK(result.code() == "agency_forbids");
  }
  SECTION("a missing field is 400 missing_field") {
    auto body = new_user("x1");
    body.erase("password");
    CHECK(server.post("/api/v1/users", admin, body.dump()).code() == "missing_field");
  }
  CHECK(server.context().store().head_position() == head);
}

TEST_CASE("a taken department code is 409 department_exists", "[api][people]") {
  TestServer server;
  const auto admin = server.login("admin", kAdminPassword);
  const auto body = json{{"code", "D1"}, {"name", "办公室"}}.dump();
  REQUIRE(server.post("/api/v1/departments", admin, body).status == 201);

  auto again = server.post("/api/v1/departments", admin, body);

  CHECK(again.status == 409);
  CHECK(again.code() == "department_exists");
  auto bad = server.post("/api/v1/departments", admin, json{{"code", "D 2"}, {"name", "x"}}.dump());
  CHECK(bad.status == 400);
  CHECK(bad.code() == "invalid_department_code");
}

TEST_CASE("PATCH changes roles and departments, one event each time", "[api][people]") {
  // Given a registrar
  TestServer server;
  server.add_department("D1");
  server.add_department("D2");
  server.add_user("reg1", {"registrar"});
  const auto admin = server.login("admin", kAdminPassword);

  // When the admin makes them a handler of D1 and D2
  auto changed =
      patch_user(server, admin, "u-reg1", {{"roles", {"handler"}}, {"departments", {"D1", "D2"}}});

  // Then the answer and the list show it, and one user.changed.v1 says who did it
  INFO(changed.body);
  REQUIRE(changed.status == 200);
  CHECK(changed.json()["roles"] == json::array({"handler"}));
  CHECK(changed.json()["departments"] == json::array({"D1", "D2"}));
  CHECK(events_of_type(server, "user.changed.v1") == 1);
  auto events = server.context().store().read_stream_backward("user-u-reg1", eventstore::kEndOfStream, 1);
  REQUIRE(events.ok());
  CHECK(events->front().type == "user.changed.v1");
  CHECK(events->front().actor.find("u-admin") != std::string::npos);
  // And their next login carries the new roles
  auto login = server.post("/api/v1/sessions", "",
                           json{{"username", "reg1"}, {"password", kTestPassword}}.dump());
  CHECK(login.json()["user"]["roles"] == json::array({"handler"}));

  SECTION("an unknown department is 422 and changes nothing") {
    auto refused = patch_user(server, admin, "u-reg1", {{"departments", {"D9"}}});
    CHECK(refused.status == 422);
    CHECK(refused.code() == "unknown_department");
    CHECK(events_of_type(server, "user.changed.v1") == 1);
  }
  SECTION("an empty change is 400") {
    CHECK(patch_user(server, admin, "u-reg1", json::object()).code() == "empty_change");
  }
  SECTION("an unknown field is 400 unknown_field") {
    CHECK(patch_user(server, admin, "u-reg1", {{"role", {"handler"}}}).code() == "unknown_field");
  }
  SECTION("an unknown user is 404") {
    CHECK(patch_user(server, admin, "u-nobody", {{"disabled", true}}).code() == "user_not_found");
  }
  SECTION("a weak new password is 400 and changes nothing") {
    const auto head = server.context().store().head_position();
    CHECK(patch_user(server, admin, "u-reg1", {{"password", "short"}}).code() == "weak_password");
    CHECK(server.context().store().head_position() == head);
  }
}

TEST_CASE("an admin cannot remove their own admin role or disable themselves", "[api][people]") {
  TestServer server;
  const auto admin = server.login("admin", kAdminPassword);

  auto drop = patch_user(server, admin, "u-admin", {{"roles", {"supervisor"}}});
  auto disable = patch_user(server, admin, "u-admin", {{"disabled", true}});

  CHECK(drop.status == 422);
  CHECK(drop.code() == "admin_cannot_remove_own_admin");
  CHECK(disable.status == 422);
  CHECK(server.get("/api/v1/me", admin).json()["roles"] == json::array({"admin"}));

  // But another admin may
  server.add_user("adm2", {"admin"});
  auto by_other = patch_user(server, server.login("adm2"), "u-admin", {{"roles", {"supervisor"}}});
  CHECK(by_other.status == 200);
  CHECK(server.get("/api/v1/users", admin).status == 403);  // the session now lacks admin
}

TEST_CASE("users of another agency are invisible", "[api][people]") {
  // Given a user of agency OTHER in the same store
  TestServer server;
  const domain::policy::Actor system{"system", domain::policy::Role::admin, {}};
  auto created = server.context().people().execute(
      {.actor = system,
       .body = domain::people::CreateUser{.username = "far1",
                                          .display_name = "far",
                                          .roles = {"registrar"},
                                          .agency = "OTHER",
                                          .departments = {},
                                          .existing_departments = {}}},
      server.clock().now());
  REQUIRE(created.ok());
  const auto admin = server.login("admin", kAdminPassword);

  // Then the CJZ admin neither lists nor changes them
  auto list = server.get("/api/v1/users", admin);
  REQUIRE(list.status == 200);
  const auto listed = list.json();  // kept: the loop below refers into it
  for (const auto& item : listed["items"]) CHECK(item["id"] != "u-far1");
  CHECK(patch_user(server, admin, "u-far1", {{"disabled", true}}).status == 404);
}

TEST_CASE("the user list is paged by id", "[api][people]") {
  TestServer server;
  for (const char* name : {"reg1", "reg2", "reg3", "reg4"}) server.add_user(name, {"registrar"});
  const auto admin = server.login("admin", kAdminPassword);

  std::vector<std::string> seen;
  std::string cursor;
  int pages = 0;
  do {
    auto page = server.get("/api/v1/users?limit=2" + (cursor.empty() ? "" : "&cursor=" + cursor),
                           admin);
    REQUIRE(page.status == 200);
    const auto body = page.json();
    CHECK(body["items"].size() <= 2);
    for (const auto& item : body["items"]) seen.push_back(item["id"]);
    cursor = body["next_cursor"].is_null() ? "" : body["next_cursor"].get<std::string>();
    ++pages;
  } while (!cursor.empty() && pages < 10);

  CHECK(pages == 3);
  CHECK(seen == std::vector<std::string>{"u-admin", "u-reg1", "u-reg2", "u-reg3", "u-reg4"});
  CHECK(server.get("/api/v1/users?limit=0", admin).code() == "limit_invalid");
}

TEST_CASE("a retried POST /users with the same Idempotency-Key creates one user", "[api][people]") {
  TestServer server;
  const auto admin = server.login("admin", kAdminPassword);
  const std::map<std::string, std::string> key = {{"Idempotency-Key", "create-reg1"}};

  auto first = server.post("/api/v1/users", admin, new_user("reg1").dump(), key);
  const auto head = server.context().store().head_position();
  auto again = server.post("/api/v1/users", admin, new_user("reg1").dump(), key);
  auto other = server.post("/api/v1/users", admin, new_user("reg2").dump(), key);

  CHECK(first.status == 201);
  CHECK(again.status == 201);
  CHECK(again.body == first.body);
  CHECK(other.status == 422);
  CHECK(other.code() == "idempotency_key_reused");
  CHECK(server.context().store().head_position() == head);
}

TEST_CASE("the department list is paged by code", "[api][people]") {
  TestServer server;
  for (const char* code : {"D3", "D1", "D2"}) server.add_department(code);
  server.add_user("han1", {"handler"}, {"D1"});
  const auto token = server.login("han1");

  auto first = server.get("/api/v1/departments?limit=2", token);
  REQUIRE(first.status == 200);
  CHECK(first.json()["items"].size() == 2);
  CHECK(first.json()["items"][0]["code"] == "D1");
  const auto cursor = first.json()["next_cursor"].get<std::string>();
  auto second = server.get("/api/v1/departments?limit=2&cursor=" + cursor, token);
  REQUIRE(second.status == 200);
  CHECK(second.json()["items"].size() == 1);
  CHECK(second.json()["items"][0]["code"] == "D3");
  CHECK(second.json()["next_cursor"].is_null());
}

}  // namespace gongkai::testing
