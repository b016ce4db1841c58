// The deadline timer's decisions: due exactly once each, idempotent ticks, late facts.
#include "domain/cases/case_timers.h"

#include <catch2/catch.hpp>

#include "support/case_fixture.h"

using namespace gongkai::domain::cases;
using gongkai::domain::time::Instant;
using gongkai::testing::CaseFixture;
using gongkai::testing::d;
using gongkai::testing::only_event;

namespace {

std::vector<std::string_view> due_names(const CaseFixture& f) {
  std::vector<std::string_view> names;
  for (const CommandBody& c : due_timer_commands(f.state, f.now, f.calendar)) {
    names.push_back(command_name(c));
  }
  return names;
}

// Runs every due timer command, like the monitor does on a tick.
std::vector<CaseEvent> run_monitor(CaseFixture& f) {
  std::vector<CaseEvent> out;
  for (const CommandBody& c : due_timer_commands(f.state, f.now, f.calendar)) {
    for (CaseEvent& e : f.tick(c)) {
      out.push_back(std::move(e));
    }
  }
  return out;
}

}  // namespace

TEST_CASE("deadline.warned once when 3 working days remain, deadline.missed once after",
          "[domain][cases][timers]") {
  CaseFixture f;
  f.registered("2021-03-01");  // due 2021-03-29
  f.on("2021-03-24");          // 4 working days left: 24, 25, 26, 29
  CHECK(due_names(f).empty());
  CHECK(f.tick(WarnDeadline{}).empty());
  f.on("2021-03-25");
  CHECK(due_names(f) == std::vector<std::string_view>{"timer:deadline-warn"});
  const auto& warned = only_event<DeadlineWarned>(run_monitor(f));
  CHECK(warned.due_on == d("2021-03-29"));
  CHECK(warned.working_days_left == 3);
  CHECK(warned.actor.id == "system");
  CHECK(event_type(CaseEvent{warned}) == "case.deadline_warned.v1");
  CHECK(run_monitor(f).empty());  // the same tick again appends nothing
  f.on("2021-03-29");
  CHECK(run_monitor(f).empty());  // due today: neither warned again nor missed
  f.on("2021-03-30");
  const auto& missed = only_event<DeadlineMissed>(run_monitor(f));
  CHECK(missed.due_on == d("2021-03-29"));
  CHECK(missed.missed_on == d("2021-03-30"));
  f.on("2021-04-15");
  CHECK(run_monitor(f).empty());
  CHECK(reply_clock_view(f.state, d("2021-04-15"), f.calendar).overdue);
}

TEST_CASE("overdue starts at 24:00 agency time of the due date", "[domain][cases][timers]") {
  CaseFixture f;
  f.registered("2021-03-01");
  const Instant midnight = gongkai::domain::time::start_of(d("2021-03-30"));
  f.now = Instant::from_unix_micros(midnight.unix_micros() - 1);  // 23:59:59.999999 on 03-29
  CHECK_FALSE(deadline_missed_due(f.state, gongkai::domain::time::date_of(f.now), f.calendar));
  CHECK(f.tick(MarkDeadlineMissed{}).empty());
  f.now = midnight;
  CHECK(only_event<DeadlineMissed>(f.tick(MarkDeadlineMissed{})).due_on == d("2021-03-29"));
}

TEST_CASE("a due date moved by an extension warns again, the same date never twice",
          "[domain][cases][timers]") {
  CaseFixture f;
  f.registered("2021-03-01").on("2021-03-24");
  f.given(f.handler, RequestExtension{10, "需调取档案", std::nullopt});
  f.on("2021-03-25");
  CHECK(only_event<DeadlineWarned>(run_monitor(f)).due_on == d("2021-03-29"));
  f.given(f.supervisor, ApproveExtension{"同意", std::nullopt});  // due 2021-04-13
  CHECK(run_monitor(f).empty());
  f.on("2021-04-09");  // 9, 12, 13 left
  CHECK(only_event<DeadlineWarned>(run_monitor(f)).due_on == d("2021-04-13"));
  CHECK(f.state.warned_due_dates.size() == 2);
  CHECK(f.state.missed_due_dates.empty());
}

TEST_CASE("timer commands are the system's alone", "[domain][cases][timers]") {
  CaseFixture f;
  f.registered("2021-03-01").on("2021-03-30");
  CHECK(f.refusal(f.supervisor, MarkDeadlineMissed{}) == "role_forbids");
  CHECK(f.refusal(f.handler, LapseFee{}) == "role_forbids");
  CHECK(f.refusal(f.handler, WarnDeadline{}) == "role_forbids");
}

TEST_CASE("no deadline events while the correction is pending or after the reply",
          "[domain][cases][timers]") {
  CaseFixture f;
  f.registered("2021-03-01").on("2021-03-02");
  f.given(f.handler, RequestCorrection{{"x"}, d("2021-04-30"), d("2021-03-02")});
  f.on("2021-04-15");  // long past the original 03-29, but the clock waits for the correction
  CHECK(due_names(f).empty());
  f.on("2021-05-06");
  CHECK(due_names(f) == std::vector<std::string_view>{"timer:correction-lapse"});
  const auto events = run_monitor(f);
  const auto& lapse = only_event<CorrectionLapsed>(events);
  CHECK(lapse.closed_on == d("2021-04-30"));
  CHECK(run_monitor(f).empty());  // closed: nothing more is due
  CHECK(reply_clock_view(f.state, d("2021-05-06"), f.calendar).status == ClockStatus::stopped);
}

TEST_CASE(
    "consultation lapses: co-producer silence is consent, third party leaves it to the "
    "agency",
    "[domain][cases][timers]") {
  CaseFixture f;
  f.registered("2021-03-01").on("2021-03-04");
  f.given(f.handler, StartConsultation{ConsultationKind::co_producer, "市发改委", d("2021-03-02"),
                                       std::nullopt});
  f.given(f.handler, StartConsultation{ConsultationKind::third_party, "某公司", d("2021-03-02"),
                                       d("2021-03-04")});
  f.given(f.handler,
          StartConsultation{ConsultationKind::other_agency, "市局", d("2021-03-02"), std::nullopt});
  f.on("2021-03-24");  // co-producer lapsed after 03-23 (15 working days after 03-02)
  const auto first = run_monitor(f);
  const auto& co = only_event<ConsultationLapsed>(first);
  CHECK(co.consultation_id == 1);
  CHECK(co.lapse_on == d("2021-03-23"));
  CHECK(co.deemed_opinion == Opinion::consent);
  f.on("2021-03-26");
  const auto& third = only_event<ConsultationLapsed>(run_monitor(f));
  CHECK(third.consultation_id == 2);
  CHECK(third.lapse_on == d("2021-03-25"));
  CHECK(third.deemed_opinion == Opinion::agency_decides);
  f.on("2021-06-01");
  CHECK(run_monitor(f).empty());  // other_agency never lapses; the reply clock stays paused
  CHECK(reply_clock_view(f.state, d("2021-06-01"), f.calendar).status == ClockStatus::paused);
}

TEST_CASE("the fee lapse is due after the 20th working day after the notice",
          "[domain][cases][timers]") {
  CaseFixture f;
  f.registered("2021-03-01").on("2021-03-05");
  f.given(f.handler, IssueFeeNotice{FeeBasis::per_page, 40, std::nullopt, 100, d("2021-03-05")});
  CHECK(fee_lapse_due(f.state, d("2021-04-02"), f.calendar) == std::nullopt);
  CHECK(fee_lapse_due(f.state, d("2021-04-03"), f.calendar) == d("2021-04-02"));
  f.on("2021-04-03");
  CHECK(due_names(f) == std::vector<std::string_view>{"timer:fee-lapse"});
}

TEST_CASE("a correction deadline on a day off ends on the next working day",
          "[domain][cases][timers][correction]") {
  CaseFixture f;
  f.registered("2024-09-25").on("2024-09-26");
  // The notice names Thursday 2024-10-03, inside the National Day holiday: the deadline is
  // Tuesday 2024-10-08.
  f.given(f.handler, RequestCorrection{{"x"}, d("2024-10-03"), d("2024-09-26")});
  CHECK(effective_correction_deadline(f.state, f.calendar) == d("2024-10-08"));
  CHECK(correction_due(f.state, f.calendar)->due_on == d("2024-10-08"));
  f.on("2024-10-08");
  CHECK(f.tick(LapseCorrection{}).empty());
  f.on("2024-10-09");
  CHECK(only_event<CorrectionLapsed>(f.tick(LapseCorrection{})).closed_on == d("2024-10-08"));
  // Received on the effective deadline, recorded a day later: the lapse is void.
  CHECK(only_event<CorrectionReceived>(f.given(f.handler, ReceiveCorrection{d("2024-10-08"), "x"}))
            .voids_lapse);
}
