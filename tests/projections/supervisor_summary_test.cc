// The supervisor's summary over the agency's cases on a real store: stages, open cases by
// department, overdue on a date, average working days from receipt to service.
#include "projections/reports/supervisor_summary.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "projections/case_store.h"

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
