// The deadline monitor: each timer event exactly once, over many ticks, restarts and races.
#include "projections/deadlines/deadline_monitor.h"
#include "projections/deadlines/deadline_index_source.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <thread>

#include "domain/cases/case_clocks.h"
#include "domain/cases/case_events.h"
#include "eventstore/codec/case_event_codec.h"
#include "projections/commands/command_fixture.h"
#include "support/fake_clock.h"

namespace gongkai::testing {
namespace {

namespace dc = domain::cases;
using domain::policy::Actor;
using domain::policy::Role;
using projections::deadlines::AllCasesSource;
using projections::deadlines::DeadlineMonitor;

const Actor kRegistrar{"u-registrar", Role::registrar, {}};
const Actor kHandler{"u-handler", Role::handler, {"D1"}};
constexpr std::int64_t kDay = 24 * 3600;

std::string register_on(CommandFixture& f, const FakeClock& clock) {
  dc::RegisterCase c;
  c.applicant.name = "张三";
  c.received_on = domain::time::date_of(clock.now());
  c.description = "申请公开某项目的审批文件";
  c.department = "D1";
  auto outcome = f.service->execute("", {kRegistrar, c}, clock.now());
  REQUIRE(outcome.ok());
  return outcome->case_id;
}

// How many events of type E the case's stream holds, and the first one's recorded day.
template <typename E>
std::pair<int, std::string> count_events(const CommandFixture& f, const std::string& id) {
  auto records = f.store->read_stream_forward(eventstore::codec::case_stream(id), 1, SIZE_MAX);
  REQUIRE(records.ok());
  int count = 0;
  std::string first_day;
  for (const auto& record : *records) {
    auto event = eventstore::codec::decode_case_event(record);
    REQUIRE(event.ok());
    if (!std::holds_alternative<E>(*event)) continue;
    if (count++ == 0) first_day = domain::time::date_of(record.recorded_at).to_string();
  }
  return {count, first_day};
}

TEST_CASE("Many ticks warn once and mark the miss once", "[projections][monitor]") {
  // Given a case registered on 2021-03-01 (reply due 2021-03-29) and nobody working on it
  CommandFixture f;
  FakeClock clock(office_hours(d("2021-03-01")));
  const std::string id = register_on(f, clock);
  AllCasesSource source({id});
  DeadlineMonitor monitor(*f.service);
  // When the monitor ticks every hour for two months
  std::size_t appended = 0;
  for (int hour = 0; hour < 24 * 60; ++hour) {
    const auto report = monitor.tick(clock.now(), source);
    CHECK(report.failures.empty());
    appended += report.events_appended;
    clock.advance_seconds(3600);
  }
  // Then it warned once, three working days ahead, and marked the miss once, the day after
  CHECK(count_events<dc::DeadlineWarned>(f, id) == std::pair{1, std::string("2021-03-25")});
  CHECK(count_events<dc::DeadlineMissed>(f, id) == std::pair{1, std::string("2021-03-30")});
  CHECK(appended == 2);
}

TEST_CASE("The deadlines index drives the monitor: quiet days check no case",
          "[projections][monitor]") {
  // Given a case registered on 2021-03-01 (reply due 2021-03-29), watched through the index
  CommandFixture f;
  FakeClock clock(office_hours(d("2021-03-01")));
  const std::string id = register_on(f, clock);
  projections::deadlines::DeadlineIndexSource source(*f.store, china_calendar());
  DeadlineMonitor monitor(*f.service);
  // When the monitor ticks once a day for two months
  std::size_t appended = 0;
  std::size_t quiet_days = 0;
  for (int day = 0; day < 60; ++day) {
    const auto report = monitor.tick(clock.now(), source);
    CHECK(report.failures.empty());
    appended += report.events_appended;
    if (report.cases_checked == 0) ++quiet_days;
    clock.advance_seconds(kDay);
  }
  // Then the same two events as with every case as a candidate, and most days looked at nothing
  CHECK(count_events<dc::DeadlineWarned>(f, id) == std::pair{1, std::string("2021-03-25")});
  CHECK(count_events<dc::DeadlineMissed>(f, id) == std::pair{1, std::string("2021-03-30")});
  CHECK(appended == 2);
  CHECK(quiet_days >= 20);
}

TEST_CASE("A restart does not repeat timer events", "[projections][monitor]") {
  CommandFixture f;
  FakeClock clock(office_hours(d("2021-03-01")));
  const std::string id = register_on(f, clock);
  // Given the monitor ticked daily until the warning
  {
    DeadlineMonitor monitor(*f.service);
    for (int day = 0; day < 25; ++day, clock.advance_seconds(kDay)) {
      CHECK(monitor.tick(clock.now(), {id}).failures.empty());
    }
  }
  REQUIRE(count_events<dc::DeadlineWarned>(f, id).first == 1);
  // When the store is reopened and a new monitor ticks the same days again and beyond
  f.open();
  clock.set(office_hours(d("2021-03-20")));
  DeadlineMonitor restarted(*f.service);
  for (int day = 0; day < 30; ++day, clock.advance_seconds(kDay)) {
    CHECK(restarted.tick(clock.now(), {id}).failures.empty());
  }
  // Then there is still one warning and one miss
  CHECK(count_events<dc::DeadlineWarned>(f, id).first == 1);
  CHECK(count_events<dc::DeadlineMissed>(f, id).first == 1);
}

TEST_CASE("A command racing the monitor on the same case causes no duplicate",
          "[projections][monitor]") {
  // Given a case and a thread adding 100 notes to it as fast as it can
  CommandFixture f;
  FakeClock clock(office_hours(d("2021-03-01")));
  const std::string id = register_on(f, clock);
  const auto note_time = clock.now();
  constexpr int kNotes = 100;
  std::atomic<int> note_failures{0};
  std::thread racer([&] {
    for (int i = 0; i < kNotes; ++i) {
      if (!f.service->execute(id, {kHandler, dc::AddNote{"催办"}}, note_time).ok()) {
        ++note_failures;
      }
    }
  });
  // When two monitors meanwhile tick the case every two hours from 03-24 to past its due date
  clock.set(office_hours(d("2021-03-24")));
  DeadlineMonitor first(*f.service);
  DeadlineMonitor second(*f.service);
  std::vector<domain::Status> failures;
  for (int step = 0; step < 100; ++step, clock.advance_seconds(2 * 3600)) {
    for (DeadlineMonitor* monitor : {&first, &second}) {
      for (auto& failure : monitor->tick(clock.now(), {id}).failures) {
        failures.push_back(failure.status);
      }
    }
  }
  racer.join();
  // (a tick that lost every retry to the racer leaves the work to the next tick)
  CHECK(first.tick(clock.now(), {id}).failures.empty());
  // Then every note and each timer event is there once
  for (const auto& failure : failures) {
    CHECK(failure.reason() == "version_conflict");
  }
  CHECK(note_failures == 0);
  CHECK(count_events<dc::NoteAdded>(f, id).first == kNotes);
  CHECK(count_events<dc::DeadlineWarned>(f, id).first == 1);
  CHECK(count_events<dc::DeadlineMissed>(f, id).first == 1);
  CHECK(f.store->verify_stream(eventstore::codec::case_stream(id)).ok);
}

TEST_CASE("A correction lapse is issued once and closes the case", "[projections][monitor]") {
  CommandFixture f;
  FakeClock clock(office_hours(d("2021-03-01")));
  const std::string id = register_on(f, clock);
  auto requested = f.service->execute(
      id, {kHandler, dc::RequestCorrection{{"信息名称"}, d("2021-03-15"), d("2021-03-01")}},
      clock.now());
  REQUIRE(requested.ok());
  DeadlineMonitor monitor(*f.service);
  std::size_t issued = 0;
  for (int day = 0; day < 40; ++day, clock.advance_seconds(kDay)) {
    const auto report = monitor.tick(clock.now(), {id});
    CHECK(report.failures.empty());
    issued += report.commands_issued;
  }
  CHECK(count_events<dc::CorrectionLapsed>(f, id) == std::pair{1, std::string("2021-03-16")});
  CHECK(issued == 1);  // nothing else is due on a closed case
  auto loaded = f.service->load(id);
  REQUIRE(loaded.ok());
  CHECK(loaded->state.stage == dc::Stage::closed);
}

TEST_CASE("A tick reports a case it cannot load and goes on", "[projections][monitor]") {
  CommandFixture f;
  FakeClock clock(office_hours(d("2021-03-01")));
  const std::string id = register_on(f, clock);
  DeadlineMonitor monitor(*f.service);
  clock.set(office_hours(d("2021-03-30")));
  // A candidate whose stream holds something that is not a case event
  REQUIRE(f.store
              ->append({"case-CJZ-2021-00099",
                        eventstore::ExpectedVersion::no_stream(),
                        {{"e-1", "not.a.case.event.v1", "{}", "system", "", "", clock.now()}},
                        "",
                        ""})
              .ok());
  const auto report = monitor.tick(clock.now(), {"CJZ-2021-00099", id});
  REQUIRE(report.failures.size() == 1);
  CHECK(report.failures[0].case_id == "CJZ-2021-00099");
  CHECK(report.failures[0].status.reason() == eventstore::codec::kUndecodableEvent);
  CHECK(report.cases_checked == 2);
  CHECK(count_events<dc::DeadlineMissed>(f, id).first == 1);
}

}  // namespace
}  // namespace gongkai::testing
