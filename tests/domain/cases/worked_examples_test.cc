// Whole cases across the holiday arrangements the issue names: the 2020 extended Spring
// Festival, 2021 Spring Festival, 2024 National Day and 2026 Spring Festival. Each expected date
// is counted by hand in the comment next to it.
#include <catch2/catch.hpp>

#include "domain/cases/case_timers.h"
#include "support/case_fixture.h"

using namespace gongkai::domain::cases;
using gongkai::testing::CaseFixture;
using gongkai::testing::d;
using gongkai::testing::only_event;

TEST_CASE("2020: the Spring Festival extension pushes the reply to 2020-02-25",
          "[domain][cases][examples]") {
  CaseFixture f;
  f.registered("2020-01-20");
  // 01-21..01-23 (3); off 01-24..02-02 (holiday extended by 国办发明电〔2020〕1号);
  // 02-03..02-07 (8), 02-10..02-14 (13), 02-17..02-21 (18), 02-24, 02-25 (20).
  const auto due = reply_due(f.state, f.calendar);
  REQUIRE(due.has_value());
  CHECK(due->due_on == d("2020-02-25"));
  CHECK(due->explanation.start_reason == "received_on");
  CHECK(due->explanation.holidays_skipped.front() == d("2020-01-24"));
  CHECK(due->explanation.holidays_skipped.back() == d("2020-02-02"));
  CHECK(due->explanation.calendar_version == f.calendar.version());
  f.on("2020-02-20");  // 20, 21, 24, 25: four left
  CHECK(f.tick(WarnDeadline{}).empty());
  f.on("2020-02-21");
  CHECK(only_event<DeadlineWarned>(f.tick(WarnDeadline{})).working_days_left == 3);
}

TEST_CASE("2021: correction across the Spring Festival restarts the clock",
          "[domain][cases][examples]") {
  CaseFixture f;
  f.registered("2021-02-01");
  // Without correction: 02-02..02-05 (4), Sun 02-07 worked (5), 02-08..02-10 (8), off
  // 02-11..02-17, 02-18, 02-19 (10), Sat 02-20 worked (11), 02-22..02-26 (16), 03-01..03-04 (20).
  CHECK(f.reply_due_on() == d("2021-03-04"));
  // The notice window: 02-02..02-05 (4), 02-07 (5), 02-08 (6), 02-09 (7).
  const auto window = correction_notice_due(f.state, f.calendar);
  CHECK(window->due_on == d("2021-02-09"));
  f.on("2021-02-10");
  CHECK(f.refusal(f.handler, RequestCorrection{{"x"}, d("2021-02-26"), d("2021-02-10")}) ==
        "correction_window_passed");
  f.given(f.handler, RequestCorrection{{"申请内容的具体名称"}, d("2021-02-26"), d("2021-02-09")});
  f.on("2021-02-22");
  f.given(f.registrar, ReceiveCorrection{d("2021-02-22"), "补正"});
  // Restart on 02-22: 02-23..02-26 (4), 03-01..03-05 (9), 03-08..03-12 (14), 03-15..03-19 (19),
  // 03-22 (20).
  const auto due = reply_due(f.state, f.calendar);
  CHECK(due->due_on == d("2021-03-22"));
  CHECK(due->explanation.start_reason == "correction_received");
  CHECK(due->explanation.start_on == d("2021-02-22"));
}

TEST_CASE("2024: a third-party consultation over National Day", "[domain][cases][examples]") {
  CaseFixture f;
  f.registered("2024-09-25");
  // 09-26, 09-27 (2), Sun 09-29 worked (3), 09-30 (4), off 10-01..10-07, 10-08..10-11 (8),
  // Sat 10-12 worked (9), 10-14..10-18 (14), 10-21..10-25 (19), 10-28 (20).
  CHECK(f.reply_due_on() == d("2024-10-28"));
  f.on("2024-09-30");
  f.given(f.handler, StartConsultation{ConsultationKind::third_party, "某公司", d("2024-09-27"),
                                       d("2024-09-30")});
  // The party's 15 working days from 09-30: 10-08..10-11 (4), 10-12 (5), 10-14..10-18 (10),
  // 10-21..10-25 (15).
  const ConsultationState& c = f.state.consultations.at(0);
  CHECK(consultation_due(c, f.calendar)->due_on == d("2024-10-25"));
  f.on("2024-10-11");
  f.given(f.handler, RecordConsultationReply{1, d("2024-10-10"), Opinion::consent, ""});
  // Paused (09-27, 10-10]: 09-29, 09-30, 10-08, 10-09, 10-10 = 5 working days;
  // 10-28 + 5: 10-29, 10-30, 10-31, 11-01, 11-04.
  const auto due = reply_due(f.state, f.calendar);
  CHECK(due->due_on == d("2024-11-04"));
  REQUIRE(due->explanation.pauses.size() == 1);
  CHECK(due->explanation.pauses[0].reason == "consultation:1");
  CHECK(due->explanation.pauses[0].working_days == 5);
  CHECK(due->explanation.workdays_counted == std::vector{d("2024-09-29"), d("2024-10-12")});
}

TEST_CASE("2026: Spring Festival, an extension, warnings for each due date",
          "[domain][cases][examples]") {
  CaseFixture f;
  f.registered("2026-02-10");
  // 02-11..02-13 (3), Sat 02-14 worked (4), off 02-15..02-23, 02-24..02-27 (8), Sat 02-28 (9),
  // 03-02..03-06 (14), 03-09..03-13 (19), 03-16 (20).
  CHECK(f.reply_due_on() == d("2026-03-16"));
  f.on("2026-03-10");
  f.given(f.handler, RequestExtension{20, "涉及多个部门", std::nullopt});
  f.on("2026-03-12");  // 12, 13, 16 left
  CHECK(only_event<DeadlineWarned>(f.tick(WarnDeadline{})).due_on == d("2026-03-16"));
  f.on("2026-03-13");
  f.given(f.supervisor, ApproveExtension{"同意", std::nullopt});
  // + 20: 03-17..03-20 (4), 03-23..03-27 (9), 03-30..04-03 (14), off 04-04..04-06 (清明),
  // 04-07..04-10 (18), 04-13, 04-14 (20).
  CHECK(f.reply_due_on() == d("2026-04-14"));
  f.given(f.handler, NotifyExtension{d("2026-03-13"), "短信"});
  f.on("2026-04-09");
  CHECK(f.tick(WarnDeadline{}).empty());
  f.on("2026-04-10");
  CHECK(only_event<DeadlineWarned>(f.tick(WarnDeadline{})).due_on == d("2026-04-14"));
  f.on("2026-04-15");
  CHECK(only_event<DeadlineMissed>(f.tick(MarkDeadlineMissed{})).due_on == d("2026-04-14"));
  f.replied("partially_disclosed");
  CHECK(f.state.closed_on == d("2026-04-15"));
}
