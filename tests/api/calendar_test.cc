// The calendar over HTTP (API.md): GET /calendar/{year} shows the arrangement in force, PUT
// records a new version as an event, puts it in force at once (the next case's due date counts
// with it) and it survives a restart.
#include <catch2/catch.hpp>

#include <algorithm>

#include "projections/calendar/calendar_versions.h"
#include "support/test_server.h"

namespace gongkai::testing {

namespace {

using nlohmann::json;

bool holds(const json& list, const std::string& date) {
  return std::find(list.begin(), list.end(), json(date)) != list.end();
}

HttpResult put_year(TestServer& server, const std::string& token, const std::string& year,
                    const json& body) {
  return server.request("PUT", "/api/v1/calendar/" + year, token, body.dump());
}

std::string reply_due_on(TestServer& server, const std::string& token) {
  auto created = server.post("/api/v1/cases", token, registration_body("2021-03-01"));
  INFO(created.body);
  REQUIRE(created.status == 201);
  return created.json()["clock"]["reply_due_on"].get<std::string>();
}

}  // namespace

TEST_CASE("any user reads a year of the built-in calendar", "[api][calendar]") {
  TestServer server;
  server.add_user("reg1", {"registrar"});
  const auto token = server.login("reg1");

  auto result = server.get("/api/v1/calendar/2021", token);

  INFO(result.body);
  REQUIRE(result.status == 200);
  const auto body = result.json();
  CHECK(body["year"] == 2021);
  CHECK(body["known"] == true);
  CHECK(body["origin"] == "builtin");
  CHECK(holds(body["holidays"], "2021-10-01"));
  CHECK(holds(body["workdays"], "2021-02-07"));
  CHECK(body["calendar_revision"] == 1);
  CHECK(body["calendar_version"] == server.context().calendar()->version());
  CHECK(body["recorded_versions"] == 0);

  SECTION("a year without an arrangement is known=false") {
    auto unknown = server.get("/api/v1/calendar/2040", token);
    REQUIRE(unknown.status == 200);
    CHECK(unknown.json()["known"] == false);
    CHECK(unknown.json()["holidays"].empty());
  }
  SECTION("a year that is not four digits is 400") {
    CHECK(server.get("/api/v1/calendar/21", token).code() == "invalid_year");
    CHECK(server.get("/api/v1/calendar/20x1", token).code() == "invalid_year");
  }
  SECTION("no token is 401") { CHECK(server.get("/api/v1/calendar/2021", "").status == 401); }
}

TEST_CASE("PUT records a version that GET then shows", "[api][calendar]") {
  // Given the admin
  TestServer server;
  const auto admin = server.login("admin", kAdminPassword);
  const auto head = server.context().store().head_position();
  const auto version_before = server.context().calendar()->version();

  // When they record 2030's arrangement
  auto put = put_year(server, admin, "2030",
                      {{"holidays", {"2030-01-01", "2030-10-01", "2030-10-02"}},
                       {"workdays", {"2030-09-29"}},
                       {"source", "http://www.gov.cn/2030"}});

  // Then it is one event in calendar-CJZ and GET answers it
  INFO(put.body);
  REQUIRE(put.status == 200);
  CHECK(put.json()["position"] == head + 1);
  auto events = server.context().store().read_stream_forward("calendar-CJZ", 1, 10);
  REQUIRE(events.ok());
  REQUIRE(events->size() == 1);
  CHECK(events->front().type == "calendar.year_set.v1");
  CHECK(events->front().actor.find("u-admin") != std::string::npos);
  auto got = server.get("/api/v1/calendar/2030", admin).json();
  CHECK(got["known"] == true);
  CHECK(got["origin"] == "recorded");
  CHECK(got["recorded_by"] == "u-admin");
  CHECK(got["holidays"] == json::array({"2030-01-01", "2030-10-01", "2030-10-02"}));
  CHECK(got["workdays"] == json::array({"2030-09-29"}));
  CHECK(got["source"] == "http://www.gov.cn/2030");
  CHECK(got["calendar_revision"] == 2);
  CHECK(got["recorded_versions"] == 1);
  CHECK(got["calendar_version"] != version_before);
  CHECK(server.context().calendar()->is_known_year(2030));
  CHECK_FALSE(server.context().calendar()->is_working_day(
      *domain::time::CivilDate::parse("2030-10-01")));

  // And a second PUT replaces the year as a whole
  REQUIRE(put_year(server, admin, "2030",
                   {{"holidays", {"2030-01-01"}}, {"workdays", json::array()}, {"source", "v2"}})
              .status == 200);
  got = server.get("/api/v1/calendar/2030", admin).json();
  CHECK(got["holidays"] == json::array({"2030-01-01"}));
  CHECK(got["calendar_revision"] == 3);
  CHECK(server.context().calendar()->is_working_day(*domain::time::CivilDate::parse("2030-10-01")));
}

TEST_CASE("PUT refuses non-admins and impossible arrangements", "[api][calendar]") {
  TestServer server;
  server.add_user("sup1", {"supervisor"});
  const auto admin = server.login("admin", kAdminPassword);
  const auto supervisor = server.login("sup1");
  const auto head = server.context().store().head_position();
  const json good = {{"holidays", {"2030-01-01"}}, {"workdays", json::array()}, {"source", "s"}};

  SECTION("a supervisor is 403") {
    CHECK(put_year(server, supervisor, "2030", good).status == 403);
  }
  SECTION("an impossible date is 400 naming the item") {
    auto bad = good;
    bad["holidays"] = {"2030-01-01", "2030-02-30"};
    auto result = put_year(server, admin, "2030", bad);
    CHECK(result.status == 400);
    CHECK(result.json()["errors"][0]["field"] == "holidays[1]");
  }
  SECTION("a date of another year is 400 calendar_invalid") {
    auto bad = good;
    bad["holidays"] = {"2031-01-01"};
    CHECK(put_year(server, admin, "2030", bad).code() == "calendar_invalid");
  }
  SECTION("a weekday listed as an adjusted working day is 400") {
    auto bad = good;
    bad["workdays"] = {"2030-01-02"};  // a Wednesday
    CHECK(put_year(server, admin, "2030", bad).code() == "calendar_invalid");
  }
  SECTION("a day both off and worked is 400") {
    auto bad = good;
    bad["holidays"] = {"2030-01-05"};
    bad["workdays"] = {"2030-01-05"};
    CHECK(put_year(server, admin, "2030", bad).status == 400);
  }
  SECTION("a missing source is 400") {
    auto bad = good;
    bad.erase("source");
    CHECK(put_year(server, admin, "2030", bad).code() == "missing_field");
  }
  SECTION("a bad year is 400") { CHECK(put_year(server, admin, "abcd", good).status == 400); }
  CHECK(server.context().store().head_position() == head);
  CHECK(server.context().calendar()->revision() == 1);
}

TEST_CASE("a holiday added by PUT pushes the reply date of later cases, across a restart",
          "[api][calendar]") {
  // Given a case received on 2021-03-01 under the built-in calendar
  TestServer server;
  server.add_user("reg1", {"registrar"});
  const auto admin = server.login("admin", kAdminPassword);
  const auto before = reply_due_on(server, server.login("reg1"));

  // When the admin adds a holiday on 2021-03-15, inside the 20-working-day window
  auto year = server.get("/api/v1/calendar/2021", admin).json();
  auto holidays = year["holidays"];
  holidays.push_back("2021-03-15");
  auto put = put_year(server, admin, "2021",
                      {{"holidays", holidays}, {"workdays", year["workdays"]}, {"source", "test"}});
  INFO(put.body);
  REQUIRE(put.status == 200);

  // Then a case registered afterwards is due one working day later
  const auto after = reply_due_on(server, server.login("reg1"));
  CHECK(after > before);
  const auto next_working_day = [&] {
    auto day = *domain::time::CivilDate::parse(before);
    do {
      day = day.plus_days(1);
    } while (!server.context().calendar()->is_working_day(day));
    return day.to_string();
  }();
  CHECK(after == next_working_day);

  // And after a restart the recorded calendar is still in force, for new cases and the views
  server.restart();
  const auto token = server.login("reg1");
  CHECK(server.context().calendar()->revision() == 2);
  CHECK(server.get("/api/v1/calendar/2021", token).json()["origin"] == "recorded");
  CHECK(holds(server.get("/api/v1/calendar/2021", token).json()["holidays"], "2021-03-15"));
  CHECK(server.get("/api/v1/cases/CJZ-2021-00002", token).json()["clock"]["reply_due_on"] == after);
  CHECK(reply_due_on(server, token) == after);
}

}  // namespace gongkai::testing
