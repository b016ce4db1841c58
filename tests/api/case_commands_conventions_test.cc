// API.md's conventions on the case command routes, over HTTP: If-Match (200 / 412 / 400),
// Idempotency-Key (replay byte for byte, reuse refused, per user, registration numbers), 404 for a
// case the user may not see answered exactly like a case that does not exist, and the strict body
// rules (unknown_field, wrong types, missing fields, departments that do not exist).
#include <catch2/catch.hpp>
#include <set>
#include <thread>

#include "support/case_api.h"

namespace gongkai::testing {

namespace {

std::uint64_t case_version(CaseApi& api, const std::string& id) {
  auto loaded = api.server().context().cases().load(id);
  REQUIRE(loaded.ok());
  return loaded->version;
}

std::set<std::string> keys_of(const json& object) {
  std::set<std::string> keys;
  for (const auto& [key, value] : object.items()) keys.insert(key);
  return keys;
}

}  // namespace

TEST_CASE("If-Match on case commands", "[api][commands]") {
  CaseApi api;
  const auto id = api.register_case();
  api.token("hdl1");
  const auto etag = api.server().get("/api/v1/cases/" + id, api.token("hdl1")).header("etag");
  REQUIRE(etag == "\"" + std::to_string(case_version(api, id)) + "\"");
  const auto head = api.head();

  SECTION("a matching version is 200 and the answer carries the next version") {
    auto r =
        api.command(id, "add-note", "hdl1", valid_command_body("add-note"), {{"If-Match", etag}});
    INFO(r.body);
    CHECK(r.status == 200);
    CHECK(r.header("etag") == "\"" + std::to_string(case_version(api, id)) + "\"");
    CHECK(r.header("etag") != etag);
    CHECK(api.head() == head + 1);
  }
  SECTION("a stale version is 412 and changes nothing") {
    api.ok(id, "add-note", "hdl1");
    const auto head_now = api.head();
    auto r =
        api.command(id, "add-note", "hdl1", valid_command_body("add-note"), {{"If-Match", etag}});
    INFO(r.body);
    CHECK(r.status == 412);
    CHECK(r.code() == "precondition_failed");
    CHECK(api.head() == head_now);
  }
  SECTION("a malformed If-Match is 400 and changes nothing") {
    for (const std::string bad : {"\"seven\"", "\"-1\"", "\"\"", "7,8"}) {
      auto r =
          api.command(id, "add-note", "hdl1", valid_command_body("add-note"), {{"If-Match", bad}});
      INFO(bad << ": " << r.body);
      CHECK(r.status == 400);
      CHECK(r.code() == "if_match_invalid");
    }
    CHECK(api.head() == head);
  }
}

TEST_CASE("Idempotency-Key on case commands", "[api][commands]") {
  CaseApi api;
  const auto id = api.register_case();
  api.token("hdl1");
  api.token("hdl1b");
  const std::map<std::string, std::string> key = {{"Idempotency-Key", "note-0001"}};

  SECTION("the same key and body answer the same status and bytes and append nothing") {
    auto first = api.command(id, "add-note", "hdl1", valid_command_body("add-note"), key);
    REQUIRE(first.status == 200);
    const auto head = api.head();
    auto again = api.command(id, "add-note", "hdl1", valid_command_body("add-note"), key);
    CHECK(again.status == first.status);
    CHECK(again.body == first.body);
    CHECK(again.header("etag") == first.header("etag"));
    CHECK(api.head() == head);
  }
  SECTION("a refused command is replayed as the same refusal") {
    const json bad = body_with("acknowledge", {{"given_on", "2021-03-11"}});
    auto first = api.command(id, "acknowledge", "reg1", bad, key);
    REQUIRE(first.status == 422);
    const auto head = api.head();
    auto again = api.command(id, "acknowledge", "reg1", bad, key);
    CHECK(again.status == 422);
    CHECK(again.body == first.body);
    CHECK(api.head() == head);
  }
  SECTION("the same key with another body is 422 idempotency_key_reused") {
    REQUIRE(api.command(id, "add-note", "hdl1", valid_command_body("add-note"), key).status == 200);
    const auto head = api.head();
    auto other = api.command(id, "add-note", "hdl1", {{"text", "另一条备注"}}, key);
    CHECK(other.status == 422);
    CHECK(other.code() == "idempotency_key_reused");
    CHECK(api.head() == head);
  }
  SECTION("two users may use the same key: both commands run") {
    const auto head = api.head();
    auto a = api.command(id, "add-note", "hdl1", valid_command_body("add-note"), key);
    auto b = api.command(id, "add-note", "hdl1b", valid_command_body("add-note"), key);
    CHECK(a.status == 200);
    CHECK(b.status == 200);
    CHECK(api.head() == head + 2);
    CHECK(b.json()["version"].get<int>() == a.json()["version"].get<int>() + 1);
  }
  SECTION("a retried command after a restart appends nothing") {
    auto first = api.command(id, "add-note", "hdl1", valid_command_body("add-note"), key);
    REQUIRE(first.status == 200);
    const auto version = case_version(api, id);
    api.server().restart();
    const auto token = api.server().login("hdl1");
    const auto head = api.head();
    auto again = api.server().post("/api/v1/cases/" + id + "/add-note", token,
                                   valid_command_body("add-note").dump(), key);
    INFO(again.body);
    CHECK(again.status == 200);
    CHECK(again.json()["version"] == version);
    CHECK(api.head() == head);
  }
  SECTION("after a restart, the same key and body on another case or command is refused") {
    // Given two cases each with a pending extension, and sup1's approval of the first under a key
    const auto other = api.register_case();
    const json same = {{"comment", "同意"}};
    REQUIRE(api.command(id, "request-extension", "hdl1").status == 200);
    REQUIRE(api.command(other, "request-extension", "hdl1").status == 200);
    REQUIRE(api.command(id, "approve-extension", "sup1", same, key).status == 200);
    // When the server restarts (the in-memory answers are gone, the store's key records stay)
    api.server().restart();
    const auto token = api.server().login("sup1");
    const auto head = api.head();
    // Then the same key and body approving the other case is refused, not answered as the first
    auto on_other_case =
        api.server().post("/api/v1/cases/" + other + "/approve-extension", token, same.dump(), key);
    INFO(on_other_case.body);
    CHECK(on_other_case.status == 422);
    CHECK(on_other_case.code() == "idempotency_key_reused");
    // And so is another command on the same case
    auto other_command =
        api.server().post("/api/v1/cases/" + id + "/reject-extension", token, same.dump(), key);
    INFO(other_command.body);
    CHECK(other_command.status == 422);
    CHECK(other_command.code() == "idempotency_key_reused");
    CHECK(api.head() == head);
  }
  SECTION("a retry after a restart and a later change answers the case as it is, ETag included") {
    REQUIRE(api.command(id, "add-note", "hdl1", valid_command_body("add-note"), key).status == 200);
    api.ok(id, "add-note", "hdl1b");
    api.server().restart();
    const auto token = api.server().login("hdl1");
    const auto head = api.head();
    auto again = api.server().post("/api/v1/cases/" + id + "/add-note", token,
                                   valid_command_body("add-note").dump(), key);
    INFO(again.body);
    REQUIRE(again.status == 200);
    CHECK(api.head() == head);
    CHECK(again.json()["version"] == case_version(api, id));
    CHECK(again.header("etag") == "\"" + std::to_string(again.json()["version"].get<int>()) + "\"");
  }
  SECTION("an invalid key is 400") {
    auto r = api.command(id, "add-note", "hdl1", valid_command_body("add-note"),
                         {{"Idempotency-Key", std::string(129, 'k')}});
    CHECK(r.status == 400);
    CHECK(r.code() == "invalid_idempotency_key");
  }
}

TEST_CASE("a registration retried with its Idempotency-Key gives the same case number",
          "[api][commands]") {
  CaseApi api;
  const auto& token = api.token("reg1");
  const std::map<std::string, std::string> key = {{"Idempotency-Key", "reg-2021-03-10-001"}};
  auto first = api.server().post("/api/v1/cases", token, registration_body(), key);
  REQUIRE(first.status == 201);
  const auto head = api.head();

  SECTION("in the same process: the same answer, byte for byte") {
    auto again = api.server().post("/api/v1/cases", token, registration_body(), key);
    CHECK(again.status == 201);
    CHECK(again.body == first.body);
    CHECK(again.header("location") == first.header("location"));
    CHECK(api.head() == head);
  }
  SECTION("after a restart and a later change: the same case number, nothing appended") {
    api.ok(first.json()["id"].get<std::string>(), "add-note", "reg1");
    api.server().restart();
    const auto fresh = api.server().login("reg1");
    const auto head_after_login = api.head();
    auto again = api.server().post("/api/v1/cases", fresh, registration_body(), key);
    INFO(again.body);
    CHECK(again.status == 201);
    CHECK(again.json()["id"] == first.json()["id"]);
    CHECK(api.head() == head_after_login);
    CHECK(again.json()["version"] == 2);
    CHECK(again.header("etag") == "\"2\"");
  }
  SECTION("a different registration with the same key is refused") {
    auto other = api.server().post("/api/v1/cases", token, registration_body("2021-03-02"), key);
    CHECK(other.status == 422);
    CHECK(other.code() == "idempotency_key_reused");
    CHECK(api.head() == head);
  }
}

TEST_CASE("a case of another department is 404 exactly like a case that does not exist",
          "[api][commands]") {
  CaseApi api;
  const auto id = api.register_case("2021-03-01", kDeptA);
  api.token("hdl2");
  const auto head = api.head();
  const std::string missing = "CJZ-2021-00077";

  // Reading
  auto hidden_get = api.server().get("/api/v1/cases/" + id, api.token("hdl2"));
  auto missing_get = api.server().get("/api/v1/cases/" + missing, api.token("hdl2"));
  CHECK(hidden_get.status == 404);
  CHECK(missing_get.status == hidden_get.status);
  CHECK(hidden_get.code() == "case_not_found");
  CHECK(missing_get.code() == hidden_get.code());
  CHECK(keys_of(missing_get.json()) == keys_of(hidden_get.json()));
  CHECK(missing_get.body == hidden_get.body);

  // Commanding
  for (const std::string name : {"add-note", "submit-reply", "transfer", "request-extension"}) {
    auto hidden = api.command(id, name, "hdl2", valid_command_body(name));
    auto absent = api.command(missing, name, "hdl2", valid_command_body(name));
    INFO(name << ": " << hidden.body << " / " << absent.body);
    CHECK(hidden.status == 404);
    CHECK(absent.status == hidden.status);
    CHECK(hidden.code() == "case_not_found");
    CHECK(absent.body == hidden.body);
    CHECK(hidden.header("etag").empty());
  }
  // Even with a stale If-Match, the answer does not reveal the case
  auto with_if_match =
      api.command(id, "add-note", "hdl2", valid_command_body("add-note"), {{"If-Match", "\"1\""}});
  CHECK(with_if_match.status == 404);
  CHECK(api.head() == head);
}

TEST_CASE("command bodies are read strictly", "[api][commands]") {
  CaseApi api;
  const auto id = api.register_case("2021-03-01", kDeptA);
  for (const char* user : {"hdl1", "hdl2", "reg1", "sup1"}) api.token(user);
  const auto head = api.head();

  SECTION("an unknown field is 400 unknown_field naming it") {
    auto r = api.command(id, "request-extension", "hdl1",
                         body_with("request-extension", {{"dayz", 10}}));
    CHECK(r.status == 400);
    CHECK(r.code() == "unknown_field");
    CHECK(r.json()["errors"][0]["field"] == "dayz");
  }
  SECTION("a wrong type is 400 invalid_field naming it") {
    auto r = api.command(id, "request-extension", "hdl1",
                         body_with("request-extension", {{"days", "10"}}));
    CHECK(r.status == 400);
    CHECK(r.code() == "invalid_field");
    CHECK(r.json()["errors"][0]["field"] == "days");
    auto date =
        api.command(id, "withdraw", "hdl1", body_with("withdraw", {{"received_on", 20210310}}));
    CHECK(date.status == 400);
    CHECK(date.code() == "invalid_field");
  }
  SECTION("a missing field is 400 missing_field naming it") {
    auto r = api.command(id, "archive", "hdl1", {{"retention_years", 10}});
    CHECK(r.status == 400);
    CHECK(r.code() == "missing_field");
    CHECK(r.json()["errors"][0]["field"] == "archive_no");
  }
  SECTION("a body that is not a JSON object is 400, not JSON at all 415") {
    auto array = api.server().post("/api/v1/cases/" + id + "/add-note", api.token("hdl1"), "[]");
    CHECK(array.status == 400);
    auto broken =
        api.server().post("/api/v1/cases/" + id + "/add-note", api.token("hdl1"), "{\"text\":");
    CHECK(broken.status == 400);
    CHECK(broken.code() == "malformed_json");
    auto text = api.server().post("/api/v1/cases/" + id + "/add-note", api.token("hdl1"), "text=x",
                                  {{"Content-Type", "text/plain"}});
    CHECK(text.status == 415);
  }
  SECTION("a department that does not exist is 400 unknown_department") {
    auto assign = api.command(id, "assign", "sup1", {{"department", "NOPE"}});
    CHECK(assign.status == 400);
    CHECK(assign.code() == "unknown_department");
    CHECK(assign.json()["errors"][0]["field"] == "department");
    auto transfer =
        api.command(id, "transfer", "hdl1", body_with("transfer", {{"to_department", "NOPE"}}));
    CHECK(transfer.status == 400);
    CHECK(transfer.code() == "unknown_department");
    CHECK(transfer.json()["errors"][0]["field"] == "to_department");
    auto registration = api.server().post("/api/v1/cases", api.token("reg1"),
                                          registration_body("2021-03-01", "NOPE"));
    CHECK(registration.status == 400);
    CHECK(registration.code() == "unknown_department");
  }
  SECTION("a handler who is not a handler of that department is 400 unknown_handler") {
    for (const std::string& who : {user_id("hdl2"), user_id("sup1"), std::string("u-nobody")}) {
      auto r = api.command(id, "assign", "sup1", {{"department", kDeptA}, {"handler", who}});
      INFO(who << ": " << r.body);
      CHECK(r.status == 400);
      CHECK(r.code() == "unknown_handler");
    }
  }
  // None of it was appended
  CHECK(api.head() == head);
}

TEST_CASE("racing commands: If-Match lets exactly one win, without it both apply",
          "[api][commands]") {
  CaseApi api;
  const auto id = api.register_case();
  api.token("hdl1");
  api.token("hdl1b");
  const auto etag = "\"" + std::to_string(case_version(api, id)) + "\"";
  const auto head = api.head();
  constexpr int kRacers = 4;
  // Logged in here: Catch's assertions (login REQUIREs) are not thread-safe, so threads only send.
  std::vector<std::string> tokens;
  for (int i = 0; i < kRacers; ++i) tokens.push_back(api.server().login(i % 2 ? "hdl1b" : "hdl1"));

  SECTION("with the same If-Match: one 200, the others 412, one event appended") {
    std::vector<HttpResult> results(kRacers);
    std::vector<std::thread> threads;
    for (int i = 0; i < kRacers; ++i) {
      threads.emplace_back([&, i] {
        results[i] = api.server().post("/api/v1/cases/" + id + "/add-note", tokens[i],
                                       json{{"text", "racer " + std::to_string(i)}}.dump(),
                                       {{"If-Match", etag}});
      });
    }
    for (auto& t : threads) t.join();
    int won = 0;
    int lost = 0;
    for (const auto& r : results) {
      INFO(r.body);
      if (r.status == 200) ++won;
      if (r.status == 412) ++lost;
    }
    CHECK(won == 1);
    CHECK(lost == kRacers - 1);
    CHECK(case_version(api, id) == 3);
  }
  SECTION("without If-Match: every racer re-reads and applies (no 409 reaches the client)") {
    std::vector<HttpResult> results(kRacers);
    std::vector<std::thread> threads;
    for (int i = 0; i < kRacers; ++i) {
      threads.emplace_back([&, i] {
        results[i] = api.server().post("/api/v1/cases/" + id + "/add-note", tokens[i],
                                       json{{"text", "racer " + std::to_string(i)}}.dump());
      });
    }
    for (auto& t : threads) t.join();
    for (const auto& r : results) {
      INFO(r.body);
      CHECK(r.status == 200);
    }
    CHECK(case_version(api, id) == 2 + kRacers);
  }
  CHECK(api.head() > head);
}

}  // namespace gongkai::testing
