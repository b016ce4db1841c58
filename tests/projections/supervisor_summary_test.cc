// The supervisor's summary over the agency's cases on a real store: stages, open cases by
// department, overdue on a date, average working days from receipt to service.
#include "projections/reports/supervisor_summary.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "domain/time/working_days.h"
#include "projections/case_store.h"
#include "projections/deadlines/deadline_queries.h"

using namespace gongkai;
using namespace gongkai::testing;
namespace reports = projections::reports;

TEST_CASE("the supervisor's summary counts the agency's cases by stage, department and clock",
          "[projections][reports][summary]") {
  CaseStore cs;
  GIVEN(
      "a case replied after 10 working days, an open case in D1, one transferred to D2, a "
      "withdrawn case and another agency's case") {
    auto replied = CaseStore::open_case("CJZ-2021-00001", "2021-03-01");
    replied.on("2021-03-15");
    replied.replied("disclosed");
    cs.flush(replied);
    auto open = CaseStore::open_case("CJZ-2021-00002", "2021-03-01");  // due 2021-03-29
    cs.flush(open);
    auto moved = CaseStore::open_case("CJZ-2021-00003", "2021-03-02");
    moved.on("2021-03-03");
    moved.given(moved.supervisor, dc::TransferCase{"D2", "属于D2职责"});
    cs.flush(moved);
    auto withdrawn = CaseStore::open_case("CJZ-2021-00004", "2021-03-02");
    withdrawn.on("2021-03-04");
    withdrawn.given(withdrawn.registrar, dc::WithdrawApplication{d("2021-03-04"), "不再需要"});
    cs.flush(withdrawn);
    auto elsewhere = CaseStore::open_case("XYZ-2021-00001", "2021-03-01");
    cs.flush(elsewhere);

    WHEN("it is asked as of 2021-04-15") {
      auto summary =
          reports::supervisor_summary(cs.store(), "CJZ", d("2021-04-15"), china_calendar());
      REQUIRE(summary.ok());
      THEN("it counts the agency's four cases only") {
        CHECK(summary->cases == 4);
        CHECK(summary->by_stage ==
              std::map<std::string, std::int64_t>{{"closed", 2}, {"in_progress", 2}});
        CHECK(summary->by_department == std::map<std::string, std::int64_t>{{"D1", 1}, {"D2", 1}});
        CHECK(summary->overdue == 2);
        CHECK(summary->replies == 1);
        REQUIRE(summary->average_working_days_to_reply.has_value());
        CHECK(*summary->average_working_days_to_reply == Approx(10.0));
        CHECK(summary->as_of_position == cs.store().head_position());
      }
      AND_THEN("its JSON has the fields in order") {
        const auto json = nlohmann::ordered_json::parse(reports::to_json(*summary));
        CHECK(json["as_of"] == "2021-04-15");
        CHECK(json["by_department"]["D2"] == 1);
        CHECK(json["overdue"] == 2);
        CHECK(json["average_working_days_to_reply"] == 10.0);
        CHECK(json.begin().key() == "agency");
      }
    }
    WHEN("it is asked as of 2021-03-10") {
      auto summary =
          reports::supervisor_summary(cs.store(), "CJZ", d("2021-03-10"), china_calendar());
      REQUIRE(summary.ok());
      THEN("nothing is overdue yet") { CHECK(summary->overdue == 0); }
    }
  }
  GIVEN("no case at all") {
    auto summary =
        reports::supervisor_summary(cs.store(), "CJZ", d("2021-04-15"), china_calendar());
    REQUIRE(summary.ok());
    CHECK(summary->cases == 0);
    CHECK_FALSE(summary->average_working_days_to_reply.has_value());
    CHECK(nlohmann::json::parse(reports::to_json(*summary))["average_working_days_to_reply"]
              .is_null());
  }
}

TEST_CASE("the summary's counts follow each case's steps; its working days the calendar asked with",
          "[projections][reports][summary]") {
  CaseStore cs;
  auto summarise = [&](domain::time::CivilDate as_of, const domain::time::Calendar& calendar) {
    auto summary = reports::supervisor_summary(cs.store(), "CJZ", as_of, calendar);
    REQUIRE(summary.ok());
    return *summary;
  };
  // Given an open case in D1 (due 2021-03-29) and one received 2021-03-25
  auto worked = CaseStore::open_case("CJZ-2021-00001", "2021-03-01");
  cs.flush(worked);
  auto late = CaseStore::open_case("CJZ-2021-00002", "2021-03-25");
  cs.flush(late);
  auto before = summarise(d("2021-04-15"), china_calendar());
  CHECK(before.by_department == std::map<std::string, std::int64_t>{{"D1", 2}});
  CHECK(before.overdue == 1);
  // When the first is transferred to D2 and the second replied to across the Qingming holiday
  worked.on("2021-03-03");
  worked.given(worked.supervisor, dc::TransferCase{"D2", "属于D2职责"});
  cs.flush(worked);
  late.on("2021-04-08");
  late.replied("disclosed");
  cs.flush(late);
  // Then each count moved with its case
  const auto after = summarise(d("2021-04-15"), china_calendar());
  CHECK(after.cases == 2);
  CHECK(after.by_stage == std::map<std::string, std::int64_t>{{"closed", 1}, {"in_progress", 1}});
  CHECK(after.by_department == std::map<std::string, std::int64_t>{{"D2", 1}});
  CHECK(after.overdue == 1);
  CHECK(after.replies == 1);
  REQUIRE(after.average_working_days_to_reply.has_value());
  CHECK(*after.average_working_days_to_reply ==
        Approx(domain::time::working_days_between(china_calendar(), d("2021-03-25"),
                                                  d("2021-04-08"))));
  // And with another calendar the same reply counts other working days
  domain::time::Calendar weekends_only;  // no holidays: 04-05 is a working day
  const auto other = summarise(d("2021-04-15"), weekends_only);
  CHECK(other.replies == 1);
  CHECK(*after.average_working_days_to_reply == Approx(9.0));
  CHECK(*other.average_working_days_to_reply == Approx(10.0));
  // And an earlier day has nothing overdue yet
  CHECK(summarise(d("2021-03-10"), china_calendar()).overdue == 0);
}

TEST_CASE("a reopened case's replies both count, the second from the reopening's decision",
          "[projections][reports][summary]") {
  // Given a case received 2021-03-01, replied 2021-03-15, reopened 2021-04-01, replied again
  // 2021-04-06 (across the Qingming days off 04-03..04-05)
  CaseStore cs;
  auto reopened = CaseStore::open_case("CJZ-2021-00001", "2021-03-01");
  reopened.on("2021-03-15");
  reopened.replied("disclosed");
  reopened.on("2021-04-01");
  reopened.given(reopened.supervisor,
                 dc::ReopenCase{dc::ReopenBasis::self_correction, "自行纠正〔2021〕1号",
                                d("2021-04-01"), d("2021-04-30")});
  reopened.on("2021-04-06");
  reopened.replied("partially_disclosed");
  cs.flush(reopened);
  // When it is summarised
  auto summary = reports::supervisor_summary(cs.store(), "CJZ", d("2021-04-15"), china_calendar());
  REQUIRE(summary.ok());
  // Then both replies count, each from its own start
  const auto& calendar = china_calendar();
  const int first = domain::time::working_days_between(calendar, d("2021-03-01"), d("2021-03-15"));
  const int second = domain::time::working_days_between(calendar, d("2021-04-01"), d("2021-04-06"));
  CHECK(summary->cases == 1);
  CHECK(summary->by_stage == std::map<std::string, std::int64_t>{{"closed", 1}});
  CHECK(summary->replies == 2);
  REQUIRE(summary->average_working_days_to_reply.has_value());
  CHECK(*summary->average_working_days_to_reply == Approx((first + second) / 2.0));
  CHECK(second == 2);  // 04-02 and 04-06: the holiday is not counted
}

TEST_CASE("the summary's overdue count is the agency's length of the overdue list",
          "[projections][reports][summary]") {
  // Given over a thousand open cases, overdue on 2021-04-15, one
  // paused for a correction, one replied, and another agency's overdue case
  CaseStore cs;
  const std::size_t count = 1025;
  for (std::size_t i = 1; i <= count; ++i) {
    const std::string number = std::to_string(100000 + i).substr(1);
    auto opened = CaseStore::open_case("CJZ-2021-" + number, "2021-03-01");
    if (i == count) {
      opened.on("2021-03-15");
      opened.replied("disclosed");
    }
    cs.flush(opened);
  }
  auto corrected = CaseStore::open_case("CJZ-2021-09999", "2021-03-01");
  corrected.on("2021-03-02");
  corrected.given(corrected.handler,
                  dc::RequestCorrection{{"身份证明"}, d("2021-03-13"), d("2021-03-02")});
  cs.flush(corrected);
  cs.flush(CaseStore::open_case("XYZ-2021-00001", "2021-03-01"));
  // When it is summarised
  auto summary = reports::supervisor_summary(cs.store(), "CJZ", d("2021-04-15"), china_calendar());
  REQUIRE(summary.ok());
  // Then every open case with a running reply clock of the agency is overdue, as GET /overdue
  // lists them
  CHECK(summary->cases == static_cast<std::int64_t>(count) + 1);
  CHECK(summary->overdue == static_cast<std::int64_t>(count) - 1);
  projections::DeadlineQueries deadlines(cs.store(), china_calendar());
  auto listed = deadlines.overdue(d("2021-04-15"));
  REQUIRE(listed.ok());
  const auto body = nlohmann::json::parse(*listed);
  std::int64_t ours = 0;
  for (const auto& item : body["items"]) {
    ours += item["case_id"].get<std::string>().starts_with("CJZ-") ? 1 : 0;
  }
  CHECK(summary->overdue == ours);
}
