// GET /api/v1/cases/{id}/deadlines over HTTP: each clock with its due date and its explanation
// (start and why, pauses, holidays skipped, calendar version), and the refusals.
#include <catch2/catch.hpp>

#include "read_world.h"

namespace gongkai::testing {

namespace {

nlohmann::json clock_named(const nlohmann::json& clocks, const std::string& name) {
  for (const auto& c : clocks) {
    if (c["clock"] == name) return c;
  }
  return nullptr;
}

bool holds(const nlohmann::json& list, const std::string& value) {
  for (const auto& item : list) {
    if (item == value) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("deadlines explain the reply date: start, a consultation pause, Qingming skipped",
          "[api][reads][deadlines]") {
  // Given a case received on Thursday 2021-03-25, a third party consulted from the 26th to the
  // 31st (pausing the 29th, 30th and 31st), on 2021-04-01
  ReadWorld world("2021-04-01");
  const auto id = world.register_case("2021-03-25");
  world.run(world.han1, id, dc::StartConsultation{dc::ConsultationKind::third_party, "某公司",
                                                  day("2021-03-26"), std::nullopt});
  world.run(world.han1, id,
            dc::RecordConsultationReply{1, day("2021-03-31"), dc::Opinion::consent, ""});

  // When the handler asks for the deadlines
  auto result = world.server.get("/api/v1/cases/" + id + "/deadlines", world.handler1);

  // Then the reply clock starts on the receipt date and is pushed by the pause and the holiday:
  // 20 working days after 03-25, less 3 paused, skipping 04-05 (清明), counting Sunday 04-25
  // (an adjusted working day), ends on 2021-04-27.
  INFO(result.body);
  REQUIRE(result.status == 200);
  const auto body = result.json();
  const auto reply = clock_named(body["clocks"], "reply");
  REQUIRE(reply.is_object());
  CHECK(reply["due_on"] == "2021-04-27");
  CHECK(reply["start"]["on"] == "2021-03-25");
  CHECK(reply["start"]["reason"] == "received_on");
  CHECK(reply["working_days"] == 20);
  REQUIRE(reply["pauses"].size() == 1);
  CHECK(reply["pauses"][0]["reason"] == "consultation:1");
  CHECK(reply["pauses"][0]["from"] == "2021-03-26");
  CHECK(reply["pauses"][0]["to"] == "2021-03-31");
  CHECK(reply["pauses"][0]["working_days"] == 3);
  CHECK(reply["paused_working_days"] == 3);
  CHECK(holds(reply["holidays_skipped"], "2021-04-05"));
  CHECK(holds(reply["workdays_counted"], "2021-04-25"));
  CHECK(reply["extension"].is_null());
  CHECK_FALSE(reply["calendar_version"].get<std::string>().empty());
  CHECK(body["calendar_version"] == reply["calendar_version"]);
  // And the same in one Chinese line
  const auto line = reply["explanation_zh"].get<std::string>();
  CHECK(line.find("答复期限") != std::string::npos);
  CHECK(line.find("征求意见（第1次） 2021-03-26至2021-03-31，3个工作日") != std::string::npos);
  CHECK(line.find("跳过节假日") != std::string::npos);
  CHECK(line.find("2021-04-27") != std::string::npos);
  // And the consultation's own lapse clock is listed too
  CHECK(clock_named(body["clocks"], "consultation:1").is_object());
  // And the reply clock as the case view shows it today agrees
  CHECK(body["reply"]["reply_due_on"] == "2021-04-27");
  CHECK(body["reply"]["status"] == "running");
  auto view = world.server.get("/api/v1/cases/" + id, world.handler1);
  CHECK(view.json()["clock"]["working_days_left"] == body["reply"]["working_days_left"]);
  CHECK(result.header("etag") == view.header("etag"));
}

TEST_CASE("deadlines show an extension with its approver", "[api][reads][deadlines]") {
  ReadWorld world("2021-04-01");
  const auto id = world.register_case("2021-03-25");
  world.run(world.han1, id, dc::RequestExtension{10, "需要调取档案", std::nullopt});
  world.run(world.sup1, id, dc::ApproveExtension{"同意", std::nullopt});
  auto result = world.server.get("/api/v1/cases/" + id + "/deadlines", world.supervisor);
  INFO(result.body);
  REQUIRE(result.status == 200);
  const auto reply = clock_named(result.json()["clocks"], "reply");
  REQUIRE(reply["extension"].is_object());
  CHECK(reply["extension"]["days"] == 10);
  CHECK(reply["extension"]["approved_by"] == "u-sup1");
  CHECK(reply["explanation_zh"].get<std::string>().find("延长10个工作日") != std::string::npos);
}

TEST_CASE("deadlines refuse who may not see the case", "[api][reads][deadlines]") {
  ReadWorld world;
  const auto id = world.register_case("2021-03-08");
  const auto path = "/api/v1/cases/" + id + "/deadlines";
  CHECK(world.server.get(path, world.admin).status == 403);
  CHECK(world.server.get(path, world.handler2).status == 404);
  CHECK(world.server.get(path, world.auditor).status == 200);
  CHECK(world.server.get(path, "").status == 401);
}

}  // namespace gongkai::testing
