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

TEST_CASE("a summary reusing the folds of earlier summaries equals one folded from scratch",
          "[projections][reports][summary]") {
  // Given two open cases, summarised once with kept folds
  CaseStore cs;
  reports::SummaryFolds folds;
  auto first = CaseStore::open_case("CJZ-2021-00001", "2021-03-25");
  cs.flush(first);
  auto second = CaseStore::open_case("CJZ-2021-00002", "2021-03-01");
  cs.flush(second);
  auto before = reports::supervisor_summary(cs.store(), "CJZ", d("2021-04-15"), china_calendar(),
                                            &folds);
  REQUIRE(before.ok());
  CHECK(before->overdue == 1);
  CHECK(before->replies == 0);
  // When one is replied to across the Qingming holiday and a third case registered
  first.on("2021-04-08");
  first.replied("disclosed");
  cs.flush(first);
  auto third = CaseStore::open_case("CJZ-2021-00003", "2021-04-14");
  cs.flush(third);
  // Then the kept folds see the new events, exactly as a fold from the first event does
  auto kept = reports::supervisor_summary(cs.store(), "CJZ", d("2021-04-15"), china_calendar(),
                                          &folds);
  auto fresh = reports::supervisor_summary(cs.store(), "CJZ", d("2021-04-15"), china_calendar());
  REQUIRE(kept.ok());
  REQUIRE(fresh.ok());
  CHECK(reports::to_json(*kept) == reports::to_json(*fresh));
  CHECK(kept->cases == 3);
  CHECK(kept->overdue == 1);
  CHECK(kept->replies == 1);
  // And working days follow the calendar asked with, not the one of the earlier summary
  domain::time::Calendar no_days_off;  // every day a working day
  auto other_calendar =
      reports::supervisor_summary(cs.store(), "CJZ", d("2021-04-15"), no_days_off, &folds);
  auto other_fresh =
      reports::supervisor_summary(cs.store(), "CJZ", d("2021-04-15"), no_days_off);
  REQUIRE(other_calendar.ok());
  REQUIRE(other_fresh.ok());
  CHECK(reports::to_json(*other_calendar) == reports::to_json(*other_fresh));
  CHECK(other_calendar->average_working_days_to_reply != kept->average_working_days_to_reply);
  // And a summary asked again with nothing new is the same one; another date is computed anew
  auto again = reports::supervisor_summary(cs.store(), "CJZ", d("2021-04-15"), china_calendar(),
                                           &folds);
  auto earlier_date = reports::supervisor_summary(cs.store(), "CJZ", d("2021-03-10"),
                                                  china_calendar(), &folds);
  REQUIRE(again.ok());
  REQUIRE(earlier_date.ok());
  CHECK(reports::to_json(*again) == reports::to_json(*kept));
  CHECK(earlier_date->overdue == 0);
  CHECK(earlier_date->as_of == d("2021-03-10"));
}

TEST_CASE("a case worked on between summaries is counted as a fold from scratch counts it",
          "[projections][reports][summary]") {
  // Given an open case in D1 (due 2021-03-29), summarised once with kept folds
  CaseStore cs;
  reports::SummaryFolds folds;
  auto worked = CaseStore::open_case("CJZ-2021-00001", "2021-03-01");
  cs.flush(worked);
  auto summarise = [&](reports::SummaryFolds* kept) {
    auto summary =
        reports::supervisor_summary(cs.store(), "CJZ", d("2021-04-15"), china_calendar(), kept);
    REQUIRE(summary.ok());
    return *summary;
  };
  CHECK(summarise(&folds).by_department == std::map<std::string, std::int64_t>{{"D1", 1}});
  // When a note is added (its second fold, after which its state is kept) ...
  worked.on("2021-03-03");
  worked.given(worked.handler, dc::AddNote{"已联系申请人"});
  cs.flush(worked);
  const auto noted = summarise(&folds);
  // ... and then replied to (folded on from the kept state)
  worked.on("2021-03-15");
  worked.replied("disclosed");
  cs.flush(worked);
  const auto replied = summarise(&folds);
  // Then each summary equals one folded from the first event
  CHECK(noted.by_department == std::map<std::string, std::int64_t>{{"D1", 1}});
  CHECK(noted.overdue == 1);
  CHECK(replied.by_stage == std::map<std::string, std::int64_t>{{"closed", 1}});
  CHECK(replied.by_department.empty());
  CHECK(replied.overdue == 0);
  CHECK(replied.replies == 1);
  CHECK(reports::to_json(replied) == reports::to_json(summarise(nullptr)));
}

TEST_CASE("a summary counts every case when the agency has more than one scan chunk of them",
          "[projections][reports][summary]") {
  // Given one case more than a chunk, the last of them replied, and another agency's case after
  CaseStore cs;
  const std::size_t count = reports::SummaryFolds::kScanChunk + 1;
  for (std::size_t i = 1; i <= count; ++i) {
    const std::string number = std::to_string(100000 + i).substr(1);
    auto opened = CaseStore::open_case("CJZ-2021-" + number, "2021-03-01");
    if (i == count) {
      opened.on("2021-03-15");
      opened.replied("disclosed");
    }
    cs.flush(opened);
  }
  cs.flush(CaseStore::open_case("XYZ-2021-00001", "2021-03-01"));
  // When it is asked with kept folds, twice
  reports::SummaryFolds folds;
  for (int asked = 0; asked < 2; ++asked) {
    auto summary = reports::supervisor_summary(cs.store(), "CJZ", d("2021-04-15"),
                                               china_calendar(), &folds);
    REQUIRE(summary.ok());
    // Then every case of the agency is counted once, the one past the first chunk included
    CHECK(summary->cases == static_cast<std::int64_t>(count));
    CHECK(summary->overdue == static_cast<std::int64_t>(count) - 1);
    CHECK(summary->replies == 1);
  }
}

TEST_CASE("kept folds see a case's new events whichever agency was summarised in between",
          "[projections][reports][summary]") {
  // Given a case in each of two agencies, both summarised with one set of kept folds
  CaseStore cs;
  reports::SummaryFolds folds;
  auto ours = CaseStore::open_case("CJZ-2021-00001", "2021-03-01");
  cs.flush(ours);
  cs.flush(CaseStore::open_case("XYZ-2021-00001", "2021-03-01"));
  auto summarise = [&](std::string_view agency, reports::SummaryFolds* kept) {
    auto summary =
        reports::supervisor_summary(cs.store(), agency, d("2021-04-15"), china_calendar(), kept);
    REQUIRE(summary.ok());
    return *summary;
  };
  CHECK(summarise("CJZ", &folds).replies == 0);
  CHECK(summarise("XYZ", &folds).cases == 1);
  // When our case is replied to, and the other agency is summarised again first
  ours.on("2021-03-15");
  ours.replied("disclosed");
  cs.flush(ours);
  CHECK(summarise("XYZ", &folds).replies == 0);
  // Then our summary still counts the reply (the log since the other agency's summary does not
  // hold it), as a fold from scratch does; and so does the next, from the log since this one
  const auto kept = summarise("CJZ", &folds);
  CHECK(kept.replies == 1);
  CHECK(kept.by_stage == std::map<std::string, std::int64_t>{{"closed", 1}});
  CHECK(reports::to_json(kept) == reports::to_json(summarise("CJZ", nullptr)));
  cs.flush(CaseStore::open_case("CJZ-2021-00002", "2021-04-14"));
  const auto next = summarise("CJZ", &folds);
  CHECK(next.cases == 2);
  CHECK(reports::to_json(next) == reports::to_json(summarise("CJZ", nullptr)));
}
