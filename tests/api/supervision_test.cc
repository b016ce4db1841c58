// GET /api/v1/queue, /overdue, /due-soon and /stats/summary over HTTP with the FakeClock moved:
// queue order (overdue first, paused last), overdue on a past date, due-soon windows, summary
// counts, paging, and the role and department refusals.
#include <catch2/catch.hpp>

#include "read_world.h"

namespace gongkai::testing {

namespace {

// Five cases registered on 2021-03-10, then the clock moved to 2021-03-31:
//   a  D1, received 03-01, due 03-29: overdue
//   e  D1 and handler han1, received 03-08, due 04-06
//   b  D1, received 03-10, due 04-08
//   c  D1, received 03-09, a correction requested: paused, due date unknown
//   d  D2, received 03-05, due 04-02
struct Desk {
  std::string a, b, c, d, e;
};

Desk desk(ReadWorld& world) {
  Desk k;
  k.a = world.register_case("2021-03-01");
  k.b = world.register_case("2021-03-10");
  k.c = world.register_case("2021-03-09");
  k.d = world.register_case("2021-03-05", "D2");
  k.e = world.register_case("2021-03-08", "");
  world.run(world.reg, k.e, dc::AssignCase{"D1", std::string("u-han1")});
  world.run(world.han1, k.c,
            dc::RequestCorrection{{"身份证明"}, day("2021-03-17"), day("2021-03-10")});
  world.on("2021-03-31");
  return k;
}

std::vector<std::string> ids(const nlohmann::json& items, const char* field = "id") {
  std::vector<std::string> out;
  for (const auto& item : items) out.push_back(item[field].get<std::string>());
  return out;
}

}  // namespace

TEST_CASE("the queue orders a department's open cases: overdue first, paused last",
          "[api][reads][supervision]") {
  ReadWorld world;
  const auto k = desk(world);

  auto result = world.server.get("/api/v1/queue", world.handler1);

  INFO(result.body);
  REQUIRE(result.status == 200);
  const auto items = result.json()["items"];
  CHECK(ids(items) == std::vector<std::string>{k.a, k.e, k.b, k.c});
  CHECK(result.json()["next_cursor"].is_null());
  CHECK(items[0]["overdue"] == true);
  CHECK(items[0]["reply_due_on"] == "2021-03-29");
  CHECK(items[1]["overdue"] == false);
  CHECK(items[1]["working_days_left"] == 4);  // 03-31, 04-01, 04-02, 04-06
  CHECK(items[3]["status"] == "paused");
  CHECK(items[3]["reply_due_on"].is_null());
  for (const auto& item : items) CHECK(item.contains("working_days_left"));

  SECTION("handler=me: only the cases assigned to the caller") {
    auto mine = world.server.get("/api/v1/queue?handler=me", world.handler1);
    REQUIRE(mine.status == 200);
    CHECK(ids(mine.json()["items"]) == std::vector<std::string>{k.e});
    CHECK(world.server.get("/api/v1/queue?handler=u-han2", world.handler1).code() ==
          "handler_invalid");
  }
  SECTION("another department's handler sees only theirs") {
    auto other = world.server.get("/api/v1/queue", world.handler2);
    REQUIRE(other.status == 200);
    CHECK(ids(other.json()["items"]) == std::vector<std::string>{k.d});
    CHECK(world.server.get("/api/v1/queue?department=D2", world.handler1).status == 404);
  }
  SECTION("pages keep the order") {
    auto first = world.server.get("/api/v1/queue?limit=2", world.handler1);
    REQUIRE(first.status == 200);
    CHECK(ids(first.json()["items"]) == std::vector<std::string>{k.a, k.e});
    REQUIRE(first.json()["next_cursor"].is_string());
    auto second = world.server.get(
        "/api/v1/queue?limit=2&cursor=" + first.json()["next_cursor"].get<std::string>(),
        world.handler1);
    REQUIRE(second.status == 200);
    CHECK(ids(second.json()["items"]) == std::vector<std::string>{k.b, k.c});
    CHECK(second.json()["next_cursor"].is_null());
  }
  SECTION("only handlers have a queue") {
    CHECK(world.server.get("/api/v1/queue", world.supervisor).status == 403);
    CHECK(world.server.get("/api/v1/queue", world.admin).status == 403);
  }
}

TEST_CASE("a handler of two departments pages through one merged queue, a page at a time",
          "[api][reads][supervision]") {
  ReadWorld world;
  const auto k = desk(world);
  world.server.add_user("han12", {"handler"}, {"D1", "D2"});
  const auto both = world.server.login("han12");

  auto whole = world.server.get("/api/v1/queue", both);
  REQUIRE(whole.status == 200);
  const std::vector<std::string> order{k.a, k.d, k.e, k.b, k.c};  // d (D2) is due 04-02
  CHECK(ids(whole.json()["items"]) == order);

  SECTION("limit=1 walks the same order, the last page without a next cursor") {
    std::vector<std::string> walked;
    std::string cursor;
    for (int page = 0; page < 10; ++page) {
      auto result = world.server.get(
          "/api/v1/queue?limit=1" + (cursor.empty() ? "" : "&cursor=" + cursor), both);
      REQUIRE(result.status == 200);
      for (const auto& id : ids(result.json()["items"])) walked.push_back(id);
      if (result.json()["next_cursor"].is_null()) break;
      cursor = result.json()["next_cursor"].get<std::string>();
    }
    CHECK(walked == order);
  }
  SECTION("a department filter pages within that department") {
    auto first = world.server.get("/api/v1/queue?department=D1&limit=3", both);
    REQUIRE(first.status == 200);
    CHECK(ids(first.json()["items"]) == std::vector<std::string>{k.a, k.e, k.b});
    REQUIRE(first.json()["next_cursor"].is_string());
    auto rest = world.server.get(
        "/api/v1/queue?department=D1&limit=3&cursor=" +
            first.json()["next_cursor"].get<std::string>(),
        both);
    CHECK(ids(rest.json()["items"]) == std::vector<std::string>{k.c});
    CHECK(rest.json()["next_cursor"].is_null());
  }
  SECTION("a cursor this server did not give is compared as text, as before") {
    auto after_march = world.server.get("/api/v1/queue?cursor=2021-04", both);
    REQUIRE(after_march.status == 200);
    CHECK(ids(after_march.json()["items"]) == std::vector<std::string>{k.d, k.e, k.b, k.c});
  }
}

TEST_CASE("overdue lists reply clocks past due now or on a given date", "[api][reads][supervision]") {
  ReadWorld world;
  const auto k = desk(world);

  auto now = world.server.get("/api/v1/overdue", world.supervisor);
  INFO(now.body);
  REQUIRE(now.status == 200);
  REQUIRE(ids(now.json()["items"], "case_id") == std::vector<std::string>{k.a});
  CHECK(now.json()["items"][0]["days_overdue"] == 2);
  CHECK(now.json()["items"][0]["department"] == "D1");

  auto later = world.server.get("/api/v1/overdue?as_of=2021-04-07", world.auditor);
  REQUIRE(later.status == 200);
  CHECK(ids(later.json()["items"], "case_id") == std::vector<std::string>{k.a, k.d, k.e});
  auto earlier = world.server.get("/api/v1/overdue?as_of=2021-03-29", world.auditor);
  REQUIRE(earlier.status == 200);
  CHECK(earlier.json()["items"].empty());
  auto d2 = world.server.get("/api/v1/overdue?as_of=2021-04-07&department=D2", world.supervisor);
  CHECK(ids(d2.json()["items"], "case_id") == std::vector<std::string>{k.d});
  auto paged = world.server.get("/api/v1/overdue?as_of=2021-04-07&limit=2", world.supervisor);
  CHECK(paged.json()["items"].size() == 2);
  CHECK(paged.json()["next_cursor"].is_string());

  CHECK(world.server.get("/api/v1/overdue?as_of=2021-02-30", world.supervisor).code() ==
        "as_of_invalid");
  CHECK(world.server.get("/api/v1/overdue", world.handler1).status == 403);
  CHECK(world.server.get("/api/v1/overdue", world.registrar).status == 403);
}

TEST_CASE("overdue on a past day shows the cases as they were then", "[api][reads][supervision]") {
  // Given case a, overdue since 03-29, answered on 04-01
  ReadWorld world;
  const auto k = desk(world);
  world.on("2021-04-01");
  world.run(world.han1, k.a, dc::SubmitReply{"disclosed", "《条例》第二十七条", "答复如下", {}});
  world.run(world.sup1, k.a, dc::ApproveReply{"同意"});
  world.run(world.han1, k.a, dc::IssueReply{day("2021-04-01"), dc::ServiceMethod::post});

  // Then it is no longer overdue today, but it was on 03-31
  CHECK(world.server.get("/api/v1/overdue", world.supervisor).json()["items"].empty());
  auto then = world.server.get("/api/v1/overdue?as_of=2021-03-31", world.supervisor);
  INFO(then.body);
  REQUIRE(then.status == 200);
  REQUIRE(ids(then.json()["items"], "case_id") == std::vector<std::string>{k.a});
  CHECK(then.json()["items"][0]["days_overdue"] == 2);
  CHECK(then.json()["items"][0]["due_on"] == "2021-03-29");
  CHECK(then.json()["items"][0]["stage"] == "in_progress");
  CHECK(then.json()["items"][0]["department"] == "D1");
  CHECK(world.server.get("/api/v1/overdue?as_of=2021-03-31&department=D2", world.auditor)
            .json()["items"]
            .empty());
  // Before any case was registered there was nothing
  auto early = world.server.get("/api/v1/overdue?as_of=2021-03-09", world.auditor);
  REQUIRE(early.status == 200);
  CHECK(early.json()["items"].empty());
}

TEST_CASE("due-soon lists replies due within a window; handlers see their departments",
          "[api][reads][supervision]") {
  ReadWorld world;
  const auto k = desk(world);

  auto three = world.server.get("/api/v1/due-soon?within=3", world.supervisor);
  INFO(three.body);
  REQUIRE(three.status == 200);
  CHECK(ids(three.json()["items"], "case_id") == std::vector<std::string>{k.d});
  auto five = world.server.get("/api/v1/due-soon?within=5", world.supervisor);
  CHECK(ids(five.json()["items"], "case_id") == std::vector<std::string>{k.d, k.e});
  CHECK(ids(world.server.get("/api/v1/due-soon?within=5", world.handler1).json()["items"],
            "case_id") == std::vector<std::string>{k.e});
  CHECK(ids(world.server.get("/api/v1/due-soon?within=5", world.handler2).json()["items"],
            "case_id") == std::vector<std::string>{k.d});
  CHECK(world.server.get("/api/v1/due-soon", world.handler1).json()["items"].empty());

  CHECK(world.server.get("/api/v1/due-soon?within=5&department=D2", world.handler1).status == 404);
  CHECK(world.server.get("/api/v1/due-soon?within=abc", world.supervisor).code() ==
        "within_invalid");
  CHECK(world.server.get("/api/v1/due-soon", world.auditor).status == 403);
}

TEST_CASE("the summary counts cases by stage and department, and the overdue", "[api][reads][supervision]") {
  ReadWorld world;
  desk(world);

  auto result = world.server.get("/api/v1/stats/summary", world.supervisor);
  INFO(result.body);
  REQUIRE(result.status == 200);
  const auto body = result.json();
  CHECK(body["cases"] == 5);
  CHECK(body["by_department"]["D1"] == 4);
  CHECK(body["by_department"]["D2"] == 1);
  CHECK(body["overdue"] == 1);
  CHECK(body["by_stage"]["correction_pending"] == 1);
  int staged = 0;
  for (const auto& [stage, count] : body["by_stage"].items()) staged += count.get<int>();
  CHECK(staged == 5);
  CHECK(body["average_working_days_to_reply"].is_null());
  CHECK(world.server.get("/api/v1/stats/summary", world.auditor).status == 200);
  CHECK(world.server.get("/api/v1/stats/summary", world.handler1).status == 403);
  CHECK(world.server.get("/api/v1/stats/summary", world.admin).status == 403);
}

}  // namespace gongkai::testing
