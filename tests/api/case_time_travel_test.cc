// GET /api/v1/cases/{id}?as_of=<position | RFC 3339 instant>: the case as it was then, in the same
// shape as the current view, with the clock as of that day and the version reached as ETag.
#include <catch2/catch.hpp>

#include "domain/fees/fee_calculator.h"
#include "read_world.h"

namespace gongkai::testing {

namespace {

struct TravelCase {
  std::string id;
  HttpResult before_reply;  // GET /cases/{id} on 2021-03-10, before the reply was submitted
  nlohmann::json history;   // items
};

// Registered (and assigned) on 2021-03-10, a reply submitted on 2021-03-12; the clock stays there.
TravelCase travel_case(ReadWorld& world) {
  TravelCase c;
  c.id = world.register_case("2021-03-08");
  c.before_reply = world.server.get("/api/v1/cases/" + c.id, world.handler1);
  REQUIRE(c.before_reply.status == 200);
  world.on("2021-03-12");
  world.run(world.han1, c.id, dc::SubmitReply{"disclosed", "《条例》第二十七条", "答复如下", {}});
  auto history = world.server.get("/api/v1/cases/" + c.id + "/history", world.handler1);
  REQUIRE(history.status == 200);
  c.history = history.json()["items"];
  return c;
}

}  // namespace

TEST_CASE("as_of a position gives the case as it was then", "[api][reads][as_of]") {
  ReadWorld world;
  auto c = travel_case(world);
  const std::string path = "/api/v1/cases/" + c.id + "?as_of=";
  const auto now = world.server.get("/api/v1/cases/" + c.id, world.handler1);
  REQUIRE(now.json()["stage"] == "under_review");

  SECTION("the first event: registered, version 1") {
    auto first = world.server.get(path + std::to_string(c.history[0]["position"].get<int>()),
                                  world.handler1);
    INFO(first.body);
    REQUIRE(first.status == 200);
    CHECK(first.json()["version"] == 1);
    CHECK(first.json()["stage"] == "registered");
    CHECK(first.header("etag") == "\"1\"");
  }
  SECTION("the last event before the reply: exactly what GET answered that day") {
    const auto before = c.before_reply.json()["version"].get<std::size_t>();
    const auto position = c.history[before - 1]["position"].get<std::uint64_t>();
    auto then = world.server.get(path + std::to_string(position), world.handler1);
    REQUIRE(then.status == 200);
    CHECK(then.body == c.before_reply.body);
    CHECK(then.header("etag") == c.before_reply.header("etag"));
  }
  SECTION("the head: exactly the current view") {
    const auto head = world.server.context().store().head_position();
    auto at_head = world.server.get(path + std::to_string(head), world.handler1);
    REQUIRE(at_head.status == 200);
    CHECK(at_head.body == now.body);
    CHECK(at_head.header("etag") == now.header("etag"));
  }
  SECTION("a position before the case existed is 404") {
    const auto before = c.history[0]["position"].get<std::uint64_t>() - 1;
    auto result = world.server.get(path + std::to_string(before), world.handler1);
    CHECK(result.status == 404);
    CHECK(result.code() == "case_not_found");
  }
  SECTION("a position the log has not reached is 404") {
    const auto head = world.server.context().store().head_position();
    CHECK(world.server.get(path + std::to_string(head + 1), world.handler1).status == 404);
  }
}

TEST_CASE("as_of now equals the current view with consultations, a fee and an extension",
          "[api][reads][as_of]") {
  // Given a case with every optional part of the view filled in
  ReadWorld world;
  const auto id = world.register_case("2021-03-08");
  world.run(world.han1, id, dc::RequestExtension{15, "需要调取档案", std::nullopt});
  world.run(world.sup1, id, dc::ApproveExtension{"同意", std::nullopt});
  world.run(world.han1, id, dc::StartConsultation{dc::ConsultationKind::co_producer, "县财政局",
                                                  day("2021-03-09"), std::nullopt});
  world.run(world.han1, id, dc::StartConsultation{dc::ConsultationKind::other_agency, "市档案馆",
                                                  day("2021-03-10"), std::nullopt});
  world.run(world.han1, id,
            dc::RecordConsultationReply{1, day("2021-03-10"), dc::Opinion::object, "涉及商业秘密"});
  const auto quote = domain::fees::per_page_fee(200);
  REQUIRE(quote.ok());
  world.run(world.han1, id,
            dc::IssueFeeNotice{dc::FeeBasis::per_page, 200, std::nullopt, quote->amount_yuan,
                               day("2021-03-10")});
  world.on("2021-03-16");

  // When the case is read now and as of this instant (10:00 agency time)
  auto now = world.server.get("/api/v1/cases/" + id, world.handler1);
  auto as_of_now = world.server.get("/api/v1/cases/" + id + "?as_of=2021-03-16T02:00:00Z",
                                    world.handler1);

  // Then both are the same bytes
  INFO(now.body);
  REQUIRE(now.status == 200);
  REQUIRE(as_of_now.status == 200);
  CHECK(now.json()["consultations"].size() == 2);
  CHECK(now.json()["fee"].is_object());
  CHECK(now.json()["clock"]["extension"]["days"] == 15);
  CHECK(as_of_now.body == now.body);
  CHECK(as_of_now.header("etag") == now.header("etag"));
}

TEST_CASE("as_of an instant folds the events recorded until then", "[api][reads][as_of]") {
  ReadWorld world;
  auto c = travel_case(world);
  const std::string path = "/api/v1/cases/" + c.id + "?as_of=";
  const auto before = c.before_reply.json();

  // 2021-03-11 08:00 agency time, in UTC and with an offset: the day after registration
  auto utc = world.server.get(path + "2021-03-11T00:00:00Z", world.handler1);
  auto offset = world.server.get(path + "2021-03-11T08:00:00%2B08:00", world.handler1);
  INFO(utc.body);
  REQUIRE(utc.status == 200);
  CHECK(utc.json()["stage"] == before["stage"]);
  CHECK(utc.json()["version"] == before["version"]);
  CHECK(utc.header("etag") == c.before_reply.header("etag"));
  // the clock is as of that day: one working day less than on the 10th
  CHECK(utc.json()["clock"]["working_days_left"] ==
        before["clock"]["working_days_left"].get<int>() - 1);
  CHECK(offset.status == 200);
  CHECK(offset.body == utc.body);

  // Registration was recorded at 2021-03-10T02:00:00.000000Z: fractions count to the microsecond
  auto just_after = world.server.get(path + "2021-03-10T02:00:00.000001Z", world.handler1);
  REQUIRE(just_after.status == 200);
  CHECK(just_after.json()["stage"] != "under_review");
  auto just_before = world.server.get(path + "2021-03-10T01:59:59.999999Z", world.handler1);
  CHECK(just_before.status == 404);
  CHECK(just_before.code() == "case_not_found");
}

TEST_CASE("as_of refuses what is neither a position nor an instant", "[api][reads][as_of]") {
  ReadWorld world;
  const auto id = world.register_case("2021-03-08");
  const std::string path = "/api/v1/cases/" + id + "?as_of=";
  for (const std::string bad : {"", "yesterday", "0", "-3", "2021-03-10", "2021-03-10T10:00:00",
                                "2021-02-30T00:00:00Z", "2021-03-10T24:00:00Z",
                                "2021-03-10T10:00:00.Z", "2021-03-10T10:00:00%2B8", "1e3"}) {
    auto result = world.server.get(path + bad, world.handler1);
    INFO(bad << ": " << result.body);
    CHECK(result.status == 400);
    CHECK(result.code() == "as_of_invalid");
  }
  // the full identity number is not offered in the past
  CHECK(world.server.get(path + "1&include=pii", world.handler1).code() == "include_invalid");
  // the future is not a point the log knows
  CHECK(world.server.get(path + "2021-03-11T00:00:00Z", world.handler1).code() == "as_of_invalid");
}

TEST_CASE("as_of keeps the case's visibility", "[api][reads][as_of]") {
  ReadWorld world;
  const auto id = world.register_case("2021-03-08");
  const std::string path = "/api/v1/cases/" + id + "?as_of=" +
                           std::to_string(world.server.context().store().head_position());
  CHECK(world.server.get(path, world.handler2).status == 404);
  CHECK(world.server.get(path, world.admin).status == 403);
  CHECK(world.server.get(path, world.auditor).status == 200);
}

}  // namespace gongkai::testing
