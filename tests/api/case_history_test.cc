// GET /api/v1/cases/{id}/history over HTTP: every event oldest first with its hash and a Chinese
// summary, personal data hidden unless ?include=pii (then audited), paging, and the refusals.
#include <catch2/catch.hpp>

#include "read_world.h"

namespace gongkai::testing {

namespace {

// Registered over HTTP, then a consultation, its reply and a note through the command service.
std::string case_with_history(ReadWorld& world) {
  const auto id = world.register_case("2021-03-08");
  world.on("2021-03-11");
  world.run(world.han1, id, dc::StartConsultation{dc::ConsultationKind::third_party, "某公司",
                                                  day("2021-03-11"), std::nullopt});
  world.on("2021-03-15");
  world.run(world.han1, id,
            dc::RecordConsultationReply{1, day("2021-03-15"), dc::Opinion::consent, ""});
  world.run(world.han1, id, dc::AddNote{"已电话联系申请人"});
  return id;
}

}  // namespace

TEST_CASE("history lists every event oldest first with hashes and summaries", "[api][reads][history]") {
  // Given a case with several events
  ReadWorld world;
  const auto id = case_with_history(world);
  const auto version = world.server.context().store().stream_version("case-" + id);
  REQUIRE(version.ok());

  // When its handler reads the history
  auto result = world.server.get("/api/v1/cases/" + id + "/history", world.handler1);

  // Then every event is there, in stream order, each with a summary and a hash
  INFO(result.body);
  REQUIRE(result.status == 200);
  const auto items = result.json()["items"];
  REQUIRE(items.size() == *version);
  CHECK(result.json()["next_cursor"].is_null());
  CHECK(result.header("etag") == "\"" + std::to_string(*version) + "\"");
  CHECK(items[0]["type"] == "case.registered.v1");
  CHECK(items[0]["actor"]["id"] == "u-reg1");
  CHECK(items[0]["actor"]["role"] == "registrar");
  for (std::size_t i = 0; i < items.size(); ++i) {
    CHECK(items[i]["version"] == i + 1);
    CHECK_FALSE(items[i]["summary_zh"].get<std::string>().empty());
    CHECK(items[i]["hash"].get<std::string>().size() == 64);
    CHECK(items[i]["recorded_at"].get<std::string>().back() == 'Z');
    if (i > 0) {
      CHECK(items[i]["position"] > items[i - 1]["position"]);
      // prev_hash is the global log's predecessor: for consecutive positions, the previous item.
      if (items[i]["position"] == items[i - 1]["position"].get<std::uint64_t>() + 1) {
        CHECK(items[i]["prev_hash"] == items[i - 1]["hash"]);
      }
    }
  }
  CHECK(items.back()["type"] == "case.note_added.v1");
  // And the last hash is the head the store verifies
  auto verified = world.server.get("/api/v1/cases/" + id + "/verify", world.handler1);
  REQUIRE(verified.status == 200);
  CHECK(verified.json()["head_hash"] == items.back()["hash"]);
  CHECK(verified.json()["events"] == items.size());

  // And the applicant's identity number is masked, phone left out
  CHECK(result.body.find("370303199001011234") == std::string::npos);
  CHECK(result.body.find("13800000000") == std::string::npos);
  CHECK(items[0]["data"]["applicant"]["id_number_masked"] == "370303********1234");
}

TEST_CASE("history with include=pii shows the stored data and records the read", "[api][reads][history]") {
  ReadWorld world;
  const auto id = world.register_case("2021-03-08");
  auto& store = world.server.context().store();
  const auto audits_before = store.stream_version("audit-CJZ");
  REQUIRE(audits_before.ok());

  auto result = world.server.get("/api/v1/cases/" + id + "/history?include=pii", world.supervisor);

  REQUIRE(result.status == 200);
  CHECK(result.json()["items"][0]["data"]["applicant"]["id_number"] == "370303199001011234");
  CHECK(result.header("cache-control") == "no-store");
  CHECK(*store.stream_version("audit-CJZ") == *audits_before + 1);
  // A bad include is refused and records nothing
  CHECK(world.server.get("/api/v1/cases/" + id + "/history?include=all", world.supervisor).code() ==
        "include_invalid");
  CHECK(*store.stream_version("audit-CJZ") == *audits_before + 1);
}

TEST_CASE("history pages with limit and cursor", "[api][reads][history]") {
  ReadWorld world;
  const auto id = case_with_history(world);
  auto first = world.server.get("/api/v1/cases/" + id + "/history?limit=2", world.auditor);
  REQUIRE(first.status == 200);
  REQUIRE(first.json()["items"].size() == 2);
  REQUIRE(first.json()["next_cursor"].is_string());
  auto second = world.server.get("/api/v1/cases/" + id + "/history?limit=2&cursor=" +
                                     first.json()["next_cursor"].get<std::string>(),
                                 world.auditor);
  REQUIRE(second.status == 200);
  REQUIRE_FALSE(second.json()["items"].empty());
  CHECK(second.json()["items"][0]["version"] == 3);
  // Following the cursors gives every version once, in order, and the last page says so
  const auto whole = world.server.get("/api/v1/cases/" + id + "/history", world.auditor).json();
  std::vector<std::uint64_t> paged;
  std::string cursor;
  for (int pages = 0; pages < 20; ++pages) {
    auto page = world.server.get(
        "/api/v1/cases/" + id + "/history?limit=2" + (cursor.empty() ? "" : "&cursor=" + cursor),
        world.auditor);
    REQUIRE(page.status == 200);
    const auto body = page.json();
    for (const auto& item : body["items"]) paged.push_back(item["version"]);
    if (body["next_cursor"].is_null()) break;
    cursor = body["next_cursor"].get<std::string>();
  }
  REQUIRE(paged.size() == whole["items"].size());
  for (std::size_t i = 0; i < paged.size(); ++i) CHECK(paged[i] == i + 1);
  CHECK(world.server.get("/api/v1/cases/" + id + "/history?cursor=abc", world.auditor).status == 400);
  CHECK(world.server.get("/api/v1/cases/" + id + "/history?limit=501", world.auditor).status == 400);
}

TEST_CASE("history refuses who may not see the case", "[api][reads][history]") {
  ReadWorld world;
  const auto id = world.register_case("2021-03-08");
  const auto path = "/api/v1/cases/" + id + "/history";
  CHECK(world.server.get(path, "").status == 401);
  auto admin = world.server.get(path, world.admin);
  CHECK(admin.status == 403);
  CHECK(admin.code() == "role_forbids");
  auto other_department = world.server.get(path, world.handler2);
  CHECK(other_department.status == 404);
  CHECK(other_department.code() == "case_not_found");
  CHECK(world.server.get("/api/v1/cases/CJZ-2021-09999/history", world.supervisor).status == 404);
  CHECK(world.server.get(path, world.registrar).status == 200);  // registered it
}

}  // namespace gongkai::testing
