// POST /api/v1/cases and GET /api/v1/cases/{id} over HTTP: registration, the case view, ETag,
// masking, and the refusals of the conventions (401, 403, 404, 400, 415).
#include <catch2/catch.hpp>

#include "support/test_server.h"

namespace gongkai::testing {

TEST_CASE("a registrar registers an application and reads it back", "[api][cases]") {
  // Given a registrar
  TestServer server;
  server.add_user("reg1", {"registrar"});
  const auto token = server.login("reg1");

  // When they register an application
  auto created = server.post("/api/v1/cases", token, registration_body());

  // Then it is 201 with the case number, Location and the masked identity number
  INFO(created.body);
  REQUIRE(created.status == 201);
  const auto body = created.json();
  CHECK(body["id"] == "CJZ-2021-00001");
  CHECK(created.header("location") == "/api/v1/cases/CJZ-2021-00001");
  CHECK(body["applicant"]["id_number_masked"] == "370303********1234");
  CHECK_FALSE(body["applicant"].contains("id_number"));
  CHECK(created.body.find("370303199001011234") == std::string::npos);
  CHECK(body["position"].get<std::uint64_t>() > 0);

  // And reading it gives the same case with its version as ETag
  auto read = server.get("/api/v1/cases/CJZ-2021-00001", token);
  REQUIRE(read.status == 200);
  CHECK(read.header("etag") == "\"" + std::to_string(read.json()["version"].get<int>()) + "\"");
  CHECK(read.json()["received_on"] == "2021-03-01");
}

TEST_CASE("registration refuses what API.md refuses", "[api][cases]") {
  TestServer server;
  server.add_user("reg1", {"registrar"});
  server.add_user("aud1", {"auditor"});
  const auto token = server.login("reg1");
  const auto auditor = server.login("aud1");
  const auto head = server.context().store().head_position();

  SECTION("no token is 401") {
    CHECK(server.post("/api/v1/cases", "", registration_body()).status == 401);
  }
  SECTION("a role that may never register is 403") {
    auto result = server.post("/api/v1/cases", auditor, registration_body());
    CHECK(result.status == 403);
    CHECK(result.code() == "role_forbids");
  }
  SECTION("an unknown field is 400 unknown_field") {
    auto body = nlohmann::json::parse(registration_body());
    body["recieved_on"] = "2021-03-01";
    auto result = server.post("/api/v1/cases", token, body.dump());
    CHECK(result.status == 400);
    CHECK(result.code() == "unknown_field");
    CHECK(result.header("content-type") == "application/problem+json");
  }
  SECTION("an impossible date is 400 with the field named") {
    auto result = server.post("/api/v1/cases", token, registration_body("2021-02-30"));
    CHECK(result.status == 400);
    CHECK(result.json()["errors"][0]["field"] == "received_on");
  }
  SECTION("a body that is not JSON is 415") {
    auto result = server.post("/api/v1/cases", token, "a=b", {{"Content-Type", "text/plain"}});
    CHECK(result.status == 415);
  }
  SECTION("a receipt date in the future is refused by the rules (422)") {
    auto result = server.post("/api/v1/cases", token, registration_body("2021-03-11"));
    CHECK(result.status == 422);
    CHECK(result.code() == "date_in_future");
  }
  // Whatever was refused, nothing was appended.
  CHECK(server.context().store().head_position() == head);
}

TEST_CASE("a case nobody registered is 404 with a problem body", "[api][cases]") {
  TestServer server;
  server.add_user("sup1", {"supervisor"});
  auto result = server.get("/api/v1/cases/CJZ-2021-00042", server.login("sup1"));
  CHECK(result.status == 404);
  CHECK(result.code() == "case_not_found");
}

}  // namespace gongkai::testing

namespace gongkai::testing {

TEST_CASE("include=pii shows the full identity number to who may see the case and records the read",
          "[api][cases][pii]") {
  // Given a registered case
  TestServer server;
  server.add_user("reg1", {"registrar"});
  server.add_user("sup1", {"supervisor"});
  const auto registrar = server.login("reg1");
  const auto supervisor = server.login("sup1");
  REQUIRE(server.post("/api/v1/cases", registrar, registration_body()).status == 201);
  const auto head = server.context().store().head_position();

  // When a supervisor asks for the case with include=pii
  auto read = server.get("/api/v1/cases/CJZ-2021-00001?include=pii", supervisor);

  // Then the full number is in the answer, not cached, and one audit event was appended first
  REQUIRE(read.status == 200);
  CHECK(read.json()["applicant"]["id_number"] == "370303199001011234");
  CHECK(read.header("cache-control") == "no-store");
  REQUIRE(server.context().store().head_position() == head + 1);
  auto events = server.context().store().read_stream_forward("audit-CJZ", 1, 10);
  REQUIRE(events.ok());
  REQUIRE(events->size() == 1);
  CHECK(events->front().type == "audit.pii_read.v1");
  CHECK(events->front().actor == "supervisor:u-sup1");
  CHECK(events->front().data_json.find("CJZ-2021-00001") != std::string::npos);
  CHECK(events->front().data_json.find("370303199001011234") == std::string::npos);

  // And an unknown include is refused without a record
  CHECK(server.get("/api/v1/cases/CJZ-2021-00001?include=all", supervisor).status == 400);
  CHECK(server.context().store().head_position() == head + 1);
}

}  // namespace gongkai::testing
