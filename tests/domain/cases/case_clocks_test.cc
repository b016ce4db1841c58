// The case's clocks as the API shows them: the reply clock view and the list of deadlines.
#include "domain/cases/case_clocks.h"

#include <catch2/catch.hpp>

#include "support/case_fixture.h"

using namespace gongkai::domain::cases;
using gongkai::testing::CaseFixture;
using gongkai::testing::d;

TEST_CASE("the reply clock view counts the working days left, today included",
          "[domain][cases][clocks]") {
  CaseFixture f;
  f.registered("2021-03-01");  // due 2021-03-29
  auto view = reply_clock_view(f.state, d("2021-03-24"), f.calendar);
  CHECK(view.status == ClockStatus::running);
  CHECK(view.reply_due_on == d("2021-03-29"));
  CHECK(view.working_days_left == 4);
  CHECK_FALSE(view.due_soon);
  view = reply_clock_view(f.state, d("2021-03-27"), f.calendar);  // Saturday
  CHECK(view.working_days_left == 1);
  CHECK(view.due_soon);
  view = reply_clock_view(f.state, d("2021-03-29"), f.calendar);
  CHECK(view.working_days_left == 1);
  CHECK_FALSE(view.overdue);
  view = reply_clock_view(f.state, d("2021-03-30"), f.calendar);
  CHECK(view.overdue);
  CHECK(view.working_days_left == 0);
  CHECK_FALSE(view.due_soon);
  // The threshold is configurable.
  CHECK(reply_clock_view(f.state, d("2021-03-22"), f.calendar, 6).due_soon);
  CHECK_FALSE(reply_clock_view(f.state, d("2021-03-22"), f.calendar, 5).due_soon);
}

TEST_CASE("the reply clock waits while a correction is pending", "[domain][cases][clocks]") {
  CaseFixture f;
  f.registered("2021-03-01").on("2021-03-02");
  f.given(f.handler, RequestCorrection{{"x"}, d("2021-03-16"), d("2021-03-02")});
  const auto view = reply_clock_view(f.state, d("2021-03-05"), f.calendar);
  CHECK(view.status == ClockStatus::paused);
  CHECK_FALSE(view.reply_due_on.has_value());
  CHECK(view.paused_by == std::vector<std::string>{"correction_pending"});
  CHECK_FALSE(view.working_days_left.has_value());
}

TEST_CASE("a fee notice shows as paused_by fee_notice until paid", "[domain][cases][clocks]") {
  CaseFixture f;
  f.registered("2021-03-01").on("2021-03-05");
  f.given(f.handler, IssueFeeNotice{FeeBasis::per_page, 40, std::nullopt, 100, d("2021-03-05")});
  CHECK(reply_clock_view(f.state, d("2021-03-05"), f.calendar).paused_by ==
        std::vector<std::string>{"fee_notice"});
  f.on("2021-03-09");
  f.given(f.handler, RecordFeePayment{d("2021-03-08"), 100, "R"});
  const auto view = reply_clock_view(f.state, d("2021-03-09"), f.calendar);
  CHECK(view.status == ClockStatus::running);
  CHECK(view.paused_by.empty());
  CHECK(view.reply_due_on == d("2021-03-30"));  // one working day (03-08) paused
}

TEST_CASE("all deadlines of a case, each with its explanation", "[domain][cases][clocks]") {
  CaseFixture f;
  f.registered("2021-03-01").on("2021-03-02");
  f.given(f.handler, RequestCorrection{{"x"}, d("2021-03-16"), d("2021-03-02")});
  f.on("2021-03-03");
  f.given(f.handler, ReceiveCorrection{d("2021-03-03"), "x"});
  f.given(f.handler,
          StartConsultation{ConsultationKind::third_party, "p", d("2021-03-03"), std::nullopt});
  f.given(f.handler, IssueFeeNotice{FeeBasis::per_page, 40, std::nullopt, 100, d("2021-03-03")});
  const auto deadlines = all_deadlines(f.state, f.calendar);
  std::vector<std::string> clocks;
  clocks.reserve(deadlines.size());
  for (const auto& due : deadlines) {
    clocks.push_back(due.explanation.clock);
  }
  CHECK(clocks == std::vector<std::string>{"reply", "correction_notice", "correction",
                                           "consultation:1", "fee_payment"});
  CHECK(deadlines[1].due_on == d("2021-03-10"));
  CHECK(deadlines[2].due_on == d("2021-03-16"));
  CHECK(deadlines[3].due_on == d("2021-03-24"));  // 15 working days after 03-03
  CHECK(deadlines[4].due_on == d("2021-03-31"));  // 20 working days after 03-03
  CHECK(deadlines[0].paused);                     // the fee is unpaid
  REQUIRE(deadlines[0].explanation.pauses.size() == 2);
  CHECK(deadlines[0].explanation.start_reason == "correction_received");
}

TEST_CASE("a clock running into a year with no arrangement says so", "[domain][cases][clocks]") {
  CaseFixture f;
  f.registered("2026-12-15");
  const auto due = reply_due(f.state, f.calendar);
  REQUIRE(due.has_value());
  CHECK_FALSE(due->explanation.calendar_known);
  CHECK(due->explanation.unknown_years == std::vector<int>{2027});
  // Monday-Friday fallback: 12-16..12-31 (12 working days), 2027-01-01..01-12 (8) -> 2027-01-12.
  CHECK(due->due_on == d("2027-01-12"));
}

TEST_CASE("a corrected calendar year gives a new version and a new explanation",
          "[domain][cases][clocks]") {
  CaseFixture f;
  f.registered("2021-03-01");
  const auto before = reply_due(f.state, f.calendar);
  // Suppose 2021-03-08 (Monday) were declared a holiday: the reply moves by one working day and
  // the explanation names the new version.
  auto year = *f.calendar.arrangement(2021);
  year.holidays.push_back({d("2021-03-08"), "test"});
  const auto corrected = f.calendar.with_year(year);
  REQUIRE(corrected.ok());
  const auto after = reply_due(f.state, corrected.value());
  CHECK(before->due_on == d("2021-03-29"));
  CHECK(after->due_on == d("2021-03-30"));
  CHECK(after->explanation.calendar_version == corrected->version());
  CHECK(after->explanation.calendar_version != before->explanation.calendar_version);
  CHECK(after->explanation.holidays_skipped == std::vector{d("2021-03-08")});
}
