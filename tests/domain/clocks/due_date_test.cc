#include "domain/clocks/due_date.h"

#include <catch2/catch.hpp>

#include "support/calendars.h"

using gongkai::domain::clocks::ClockSpec;
using gongkai::domain::clocks::compute_due;
using gongkai::domain::clocks::Extension;
using gongkai::domain::clocks::fixed_due;
using gongkai::domain::clocks::merge_pauses;
using gongkai::domain::clocks::Pause;
using gongkai::testing::china_calendar;
using gongkai::testing::d;
using gongkai::testing::weekdays_only_calendar;

namespace {

ClockSpec reply_from(std::string_view start, std::vector<Pause> pauses = {}) {
  return ClockSpec{"reply", d(start), "received_on", 20, std::move(pauses), std::nullopt};
}

}  // namespace

TEST_CASE("a pause from A to B excludes the working days A < W <= B", "[domain][clocks]") {
  const auto& cal = weekdays_only_calendar();
  // 2021-03-01 + 20 working days = 2021-03-29 (no pause).
  CHECK(compute_due(reply_from("2021-03-01"), cal).due_on == d("2021-03-29"));
  // Pause Wed 03-03 .. Fri 03-05: excludes Thu 03-04 and Fri 03-05 (not 03-03) -> +2.
  const auto due = compute_due(
      reply_from("2021-03-01", {{"consultation:1", d("2021-03-03"), d("2021-03-05")}}), cal);
  CHECK(due.due_on == d("2021-03-31"));
  REQUIRE(due.explanation.pauses.size() == 1);
  CHECK(due.explanation.pauses[0].working_days == 2);
  CHECK(due.explanation.paused_working_days == 2);
  // A pause that starts and ends on the same day excludes nothing.
  CHECK(
      compute_due(reply_from("2021-03-01", {{"fee_notice", d("2021-03-03"), d("2021-03-03")}}), cal)
          .due_on == d("2021-03-29"));
}

TEST_CASE("overlapping pauses are merged and never counted twice", "[domain][clocks]") {
  const auto& cal = weekdays_only_calendar();
  const std::vector<Pause> pauses{{"consultation:1", d("2021-03-01"), d("2021-03-05")},
                                  {"consultation:2", d("2021-03-03"), d("2021-03-09")},
                                  {"fee_notice", d("2021-03-09"), d("2021-03-10")}};
  const auto spans = merge_pauses(pauses);
  REQUIRE(spans.size() == 1);
  CHECK(spans[0].after == d("2021-03-01"));
  CHECK(spans[0].through == d("2021-03-10"));
  const auto due = compute_due(reply_from("2021-03-01", pauses), cal);
  // Excluded: 03-02..03-05 and 03-08..03-10 = 7 working days, once each.
  CHECK(due.explanation.paused_working_days == 7);
  CHECK(due.due_on == d("2021-04-07"));
  // Each pause reports its own days (overlaps included); the merged total is what moved the date.
  CHECK(due.explanation.pauses[0].working_days == 4);
  CHECK(due.explanation.pauses[1].working_days == 4);
  CHECK(due.explanation.pauses[2].working_days == 1);
  // Disjoint pauses stay apart.
  CHECK(merge_pauses(
            {{"a", d("2021-03-01"), d("2021-03-02")}, {"b", d("2021-03-05"), d("2021-03-06")}})
            .size() == 2);
}

TEST_CASE("an open pause makes the due date unknown once the walk reaches it", "[domain][clocks]") {
  const auto& cal = weekdays_only_calendar();
  const auto due = compute_due(
      reply_from("2021-03-01", {{"consultation:1", d("2021-03-10"), std::nullopt}}), cal);
  CHECK(due.paused);
  CHECK_FALSE(due.due_on.has_value());
  // An open pause that only starts after the due date does not hold the clock.
  const auto later =
      compute_due(reply_from("2021-03-01", {{"fee_notice", d("2021-03-29"), std::nullopt}}), cal);
  CHECK_FALSE(later.paused);
  CHECK(later.due_on == d("2021-03-29"));
}

TEST_CASE("a pause before the start does not move the due date", "[domain][clocks]") {
  const auto due =
      compute_due(reply_from("2021-03-10", {{"consultation:1", d("2021-03-01"), d("2021-03-10")}}),
                  weekdays_only_calendar());
  CHECK(due.due_on == d("2021-04-07"));
  CHECK(due.explanation.pauses[0].working_days == 0);
}

TEST_CASE("the extension adds working days and names its approver", "[domain][clocks]") {
  ClockSpec spec = reply_from("2021-03-01");
  spec.extension = Extension{20, "u-supervisor", d("2021-03-20"), "u-handler"};
  const auto due = compute_due(spec, china_calendar());
  // 40 working days after 2021-03-01: Qingming 04-03..04-05 off, Sunday 04-25 worked.
  CHECK(due.due_on == d("2021-04-26"));
  CHECK(due.explanation.workdays_counted == std::vector{d("2021-04-25")});
  REQUIRE(due.explanation.extension.has_value());
  CHECK(due.explanation.extension->approved_by == "u-supervisor");
  CHECK(due.explanation.holidays_skipped ==
        std::vector{d("2021-04-03"), d("2021-04-04"), d("2021-04-05")});
}

TEST_CASE("explanations name the calendar version and flag unknown years", "[domain][clocks]") {
  const auto& cal = china_calendar();
  const auto due = compute_due(reply_from("2020-01-20"), cal);
  CHECK(due.due_on == d("2020-02-25"));
  CHECK(due.explanation.calendar_version == cal.version());
  CHECK(due.explanation.calendar_known);
  CHECK(due.explanation.start_reason == "received_on");
  CHECK(due.explanation.holidays_skipped.size() == 10);
  const auto unknown = compute_due(reply_from("2026-12-15"), cal);
  CHECK_FALSE(unknown.explanation.calendar_known);
  CHECK(unknown.explanation.unknown_years == std::vector<int>{2027});
  // A fixed date says what fixed it.
  const auto fixed = fixed_due("reply", d("2021-06-01"), "reopened:reconsideration 复议〔2021〕3号",
                               d("2021-06-30"), cal);
  CHECK(fixed.due_on == d("2021-06-30"));
  REQUIRE(fixed.explanation.fixed_by.has_value());
  CHECK(fixed.explanation.holidays_skipped ==
        std::vector{d("2021-06-12"), d("2021-06-13"), d("2021-06-14")});
}
