// Sessions over HTTP (API.md, Sessions and people): login, the same 401 for every bad credential,
// throttling, logout, idle and absolute expiry, disabled users, password changes, and what never
// reaches the store or a response (the token, the password).
#include <catch2/catch.hpp>
#include <mutex>

#include "api/app/api.h"
#include "api/auth/password.h"
#include "projections/people/people_projection.h"
#include "support/test_server.h"

namespace gongkai::testing {

namespace {

std::string credentials(const std::string& username, const std::string& password) {
  return nlohmann::json{{"username", username}, {"password", password}}.dump();
}

HttpResult try_login(TestServer& server, const std::string& username,
                     const std::string& password) {
  return server.post("/api/v1/sessions", "", credentials(username, password));
}

HttpResult patch_user(TestServer& server, const std::string& token, const std::string& id,
                      const nlohmann::json& body) {
  return server.request("PATCH", "/api/v1/users/" + id, token, body.dump());
}

// Every event of the log, as one text per event.
std::vector<std::string> log_texts(TestServer& server) {
  auto events = server.context().store().read_all(1, 1'000'000);
  REQUIRE(events.ok());
  std::vector<std::string> texts;
  for (const auto& e : *events) {
    texts.push_back(e.stream + " " + e.type + " " + e.actor + " " + e.correlation_id + " " +
                    e.data_json);
  }
  return texts;
}

bool contains(const std::vector<std::string>& texts, const std::string& needle) {
  for (const auto& t : texts) {
    if (t.find(needle) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("login answers 201 with a token and the user", "[api][sessions]") {
  // Given a handler of one department
  TestServer server;
  server.add_department("D1", "办公室");
  server.add_user("han1", {"handler"}, {"D1"});

  // When they log in
  auto result = try_login(server, "han1", kTestPassword);

  // Then the answer holds a 64-hex-digit token, its expiry and the user, never the password
  INFO(result.body);
  REQUIRE(result.status == 201);
  const auto body = result.json();
  CHECK(body["token"].get<std::string>().size() == 64);
  CHECK(body["expires_at"] == "2021-03-10T14:00:00.000000Z");  // 12 h after 10:00 +08:00
  CHECK(body["user"]["id"] == "u-han1");
  CHECK(body["user"]["username"] == "han1");
  CHECK(body["user"]["roles"] == nlohmann::json::array({"handler"}));
  CHECK(body["user"]["departments"] == nlohmann::json::array({"D1"}));
  CHECK(body["user"]["agency"] == "CJZ");
  CHECK(result.body.find(kTestPassword) == std::string::npos);
  CHECK(result.body.find("scrypt") == std::string::npos);

  // And the token works
  auto me = server.get("/api/v1/me", body["token"].get<std::string>());
  CHECK(me.status == 200);
  CHECK(me.json()["username"] == "han1");
}

TEST_CASE("a wrong password and an unknown user get the same 401", "[api][sessions]") {
  TestServer server;
  server.add_user("reg1", {"registrar"});

  auto wrong_password = try_login(server, "reg1", "not-the-password");
  auto unknown_user = try_login(server, "nobody", kTestPassword);

  CHECK(wrong_password.status == 401);
  CHECK(unknown_user.status == 401);
  CHECK(wrong_password.code() == "invalid_credentials");
  CHECK(wrong_password.body == unknown_user.body);
}

TEST_CASE("repeated failures lock the username out with 429 and Retry-After", "[api][sessions]") {
  // Given a user who mistyped their password five times
  TestServer server;
  server.add_user("reg1", {"registrar"});
  for (int i = 0; i < 5; ++i) CHECK(try_login(server, "reg1", "wrong-password").status == 401);

  // When they try again, even with the right password
  auto locked = try_login(server, "reg1", kTestPassword);

  // Then it is 429 with how long to wait
  CHECK(locked.status == 429);
  CHECK(locked.code() == "too_many_attempts");
  const int wait = std::stoi(locked.header("retry-after"));
  CHECK(wait > 0);
  CHECK(wait <= 300);

  // And after the wait the right password works again
  server.clock().advance_seconds(wait - 1);
  CHECK(try_login(server, "reg1", kTestPassword).status == 429);
  server.clock().advance_seconds(1);
  CHECK(try_login(server, "reg1", kTestPassword).status == 201);
}

TEST_CASE("logout ends the session at once", "[api][sessions]") {
  TestServer server;
  server.add_user("reg1", {"registrar"});
  const auto token = server.login("reg1");
  const auto other = server.login("reg1");

  auto logout = server.request("DELETE", "/api/v1/sessions/current", token);

  CHECK(logout.status == 204);
  auto after = server.get("/api/v1/me", token);
  CHECK(after.status == 401);
  CHECK(after.code() == "invalid_token");
  // The user's other session is untouched
  CHECK(server.get("/api/v1/me", other).status == 200);
  // And logging out twice is 401: the token is gone
  CHECK(server.request("DELETE", "/api/v1/sessions/current", token).status == 401);
}

TEST_CASE("a session ends after 30 idle minutes", "[api][sessions]") {
  TestServer server;
  server.add_user("reg1", {"registrar"});
  const auto token = server.login("reg1");

  SECTION("use keeps it alive") {
    server.clock().advance_seconds(20 * 60);
    CHECK(server.get("/api/v1/me", token).status == 200);
    server.clock().advance_seconds(20 * 60);
    CHECK(server.get("/api/v1/me", token).status == 200);
  }
  SECTION("30 minutes without use end it") {
    server.clock().advance_seconds(30 * 60 - 1);
    CHECK(server.get("/api/v1/me", token).status == 200);
    server.clock().advance_seconds(30 * 60);
    CHECK(server.get("/api/v1/me", token).status == 401);
  }
}

TEST_CASE("a session ends 12 hours after login however busy", "[api][sessions]") {
  TestServer server;
  server.add_user("reg1", {"registrar"});
  const auto token = server.login("reg1");

  // Used every 20 minutes for 12 hours
  for (int i = 0; i < 35; ++i) {
    server.clock().advance_seconds(20 * 60);
    REQUIRE(server.get("/api/v1/me", token).status == 200);
  }
  server.clock().advance_seconds(20 * 60);  // 12 h after login

  CHECK(server.get("/api/v1/me", token).status == 401);
}

TEST_CASE("a disabled user's token stops working and they cannot log in", "[api][sessions]") {
  // Given a registrar with a session
  TestServer server;
  server.add_user("reg1", {"registrar"});
  const auto token = server.login("reg1");
  const auto admin = server.login("admin", kAdminPassword);

  // When the admin disables them
  auto disabled = patch_user(server, admin, "u-reg1", {{"disabled", true}});

  // Then the token is refused and so is the login with the right password
  INFO(disabled.body);
  REQUIRE(disabled.status == 200);
  CHECK(disabled.json()["disabled"] == true);
  CHECK(server.get("/api/v1/me", token).status == 401);
  CHECK(try_login(server, "reg1", kTestPassword).code() == "invalid_credentials");
  // And the log says the session was closed because the user was disabled
  CHECK(contains(log_texts(server), "\"reason\":\"user_disabled\""));

  // And enabling them again lets them log in (the old token stays dead)
  REQUIRE(patch_user(server, admin, "u-reg1", {{"disabled", false}}).status == 200);
  CHECK(try_login(server, "reg1", kTestPassword).status == 201);
  CHECK(server.get("/api/v1/me", token).status == 401);
}

TEST_CASE("a password change ends the user's sessions", "[api][sessions]") {
  TestServer server;
  server.add_user("reg1", {"registrar"});
  const auto first = server.login("reg1");
  const auto second = server.login("reg1");
  const auto admin = server.login("admin", kAdminPassword);

  auto changed = patch_user(server, admin, "u-reg1", {{"password", "a-new-password-2"}});

  INFO(changed.body);
  REQUIRE(changed.status == 200);
  CHECK(changed.body.find("a-new-password-2") == std::string::npos);
  CHECK(server.get("/api/v1/me", first).status == 401);
  CHECK(server.get("/api/v1/me", second).status == 401);
  CHECK(server.get("/api/v1/me", admin).status == 200);
  CHECK(try_login(server, "reg1", kTestPassword).status == 401);
  CHECK(try_login(server, "reg1", "a-new-password-2").status == 201);
  // Two sessions closed with the reason in the log
  int closes = 0;
  for (const auto& text : log_texts(server)) {
    if (text.find("\"reason\":\"password_changed\"") != std::string::npos) ++closes;
  }
  CHECK(closes == 2);
}

TEST_CASE("neither the token nor the password reaches the store or the request log",
          "[api][sessions]") {
  // Given a server whose request log the test reads
  TestServer server;
  std::mutex mutex;
  std::vector<std::string> request_log;
  server.api().set_request_log([&](const std::string& line) {
    std::lock_guard lock(mutex);
    request_log.push_back(line);
  });
  const auto admin = server.login("admin", kAdminPassword);
  auto created = server.post(
      "/api/v1/users", admin,
      nlohmann::json{{"username", "reg9"},
                     {"display_name", "登记员"},
                     {"password", "secret-horse-battery"},
                     {"roles", {"registrar"}}}
          .dump());
  REQUIRE(created.status == 201);
  const auto token = server.login("reg9", "secret-horse-battery");
  REQUIRE(server.get("/api/v1/me", token).status == 200);

  // Then the log holds the session under the token's SHA-256 only
  const auto texts = log_texts(server);
  CHECK_FALSE(contains(texts, token));
  CHECK_FALSE(contains(texts, admin));
  CHECK(contains(texts, api::auth::sha256_hex(token)));
  CHECK_FALSE(contains(texts, "secret-horse-battery"));
  CHECK_FALSE(contains(texts, kAdminPassword));
  // Nor does the projections' state
  auto state = server.context().store().scan_state("people/", 1'000'000);
  REQUIRE(state.ok());
  for (const auto& [key, value] : *state) {
    CHECK(key.find(token) == std::string::npos);
    CHECK(value.find(token) == std::string::npos);
    CHECK(value.find("secret-horse-battery") == std::string::npos);
  }
  // Nor the request log
  std::lock_guard lock(mutex);
  CHECK_FALSE(request_log.empty());
  CHECK_FALSE(contains(request_log, token));
  CHECK_FALSE(contains(request_log, "secret-horse-battery"));
}

TEST_CASE("password records are scrypt with their parameters", "[api][sessions]") {
  // Operators get RELIABILITY.md's cost (N = 2^17, r = 8, p = 1); test servers a lower one
  const api::app::ServerConfig operators;
  CHECK(operators.password_hashing.n == 131072);
  CHECK(operators.password_hashing.r == 8);
  CHECK(operators.password_hashing.p == 1);
  TestServer server;
  const auto admin = server.login("admin", kAdminPassword);
  REQUIRE(server.post("/api/v1/users", admin,
                      nlohmann::json{{"username", "reg9"},
                                     {"display_name", "登记员"},
                                     {"password", "secret-horse-battery"},
                                     {"roles", {"registrar"}}}
                          .dump())
              .status == 201);

  auto record = projections::people::find_password_record(server.context().store(), "u-reg9");

  REQUIRE(record.ok());
  CHECK(record->password_record.starts_with("scrypt$1024$8$1$"));
  CHECK(record->set.by.id == "u-admin");
  CHECK(api::auth::verify_password("secret-horse-battery", record->password_record));
  CHECK_FALSE(api::auth::verify_password("secret-horse-batterY", record->password_record));
}

TEST_CASE("a record made at less than the server's cost is hashed again at the next login",
          "[api][sessions]") {
  TestServer server;
  server.add_user("reg8", {"registrar"});
  auto record_of = [&server] {
    auto record = projections::people::find_password_record(server.context().store(), "u-reg8");
    REQUIRE(record.ok());
    return *record;
  };
  const std::string before = record_of().password_record;
  REQUIRE(before.starts_with("scrypt$1024$8$1$"));
  server.config().password_hashing = {.n = 2048, .r = 8, .p = 1};
  server.restart();

  CHECK(try_login(server, "reg8", "wrong-password-1").status == 401);
  CHECK(record_of().password_record == before);  // only a correct password is hashed again

  const std::string token = server.login("reg8");
  const auto after = record_of();
  CHECK(after.password_record.starts_with("scrypt$2048$8$1$"));
  CHECK(after.set.by.id == "u-reg8");  // the user's own event, in the log
  CHECK(api::auth::verify_password(kTestPassword, after.password_record));
  CHECK(server.get("/api/v1/me", token).status == 200);  // the new session stands

  (void)server.login("reg8");
  CHECK(record_of().password_record == after.password_record);  // once is enough
  server.config().password_hashing = kTestPasswordHashing;
  server.restart();
  (void)server.login("reg8");
  CHECK(record_of().password_record == after.password_record);  // never lowered
}

TEST_CASE("the first start creates admin with the configured password", "[api][sessions]") {
  TestServer server;
  auto result = try_login(server, "admin", kAdminPassword);
  REQUIRE(result.status == 201);
  CHECK(result.json()["user"]["roles"] == nlohmann::json::array({"admin"}));
  // A restart does not create it again or change its password
  server.restart();
  CHECK(try_login(server, "admin", kAdminPassword).status == 201);
}

TEST_CASE("without a configured password the first start generates one", "[api][sessions]") {
  // Given a fresh data directory and no admin password
  TempDir dir;
  FakeClock clock(office_hours(*domain::time::CivilDate::parse("2021-03-10")));
  api::app::ServerConfig config;
  config.data_dir = dir.path().string();
  std::string generated;

  // When the server opens
  auto context = api::app::ServerContext::open(config, clock, &generated);

  // Then a password was generated and it logs admin in
  REQUIRE(context.ok());
  CHECK(generated.size() >= 16);
  {
  api::app::Api api(**context);
  api::http::HttpRequest request;
  request.method = "POST";
  request.path = "/api/v1/sessions";
  request.headers["content-type"] = "application/json";
  request.remote_address = "127.0.0.1";
  request.body = credentials("admin", generated);
  CHECK(api.handle(request).status == 201);
  request.body = credentials("admin", generated + "x");
  CHECK(api.handle(request).status == 401);
  }

  // And a second open generates nothing (admin exists)
  context->reset();
  std::string again;
  auto reopened = api::app::ServerContext::open(config, clock, &again);
  REQUIRE(reopened.ok());
  CHECK(again.empty());
}

}  // namespace gongkai::testing
