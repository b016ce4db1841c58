#include "projections/commands/case_generator.h"

#include <functional>
#include <queue>
#include <random>
#include <tuple>
#include <utility>

#include "domain/cases/case_events.h"
#include "domain/time/civil_date.h"
#include "domain/time/working_days.h"
#include "eventstore/codec/case_event_codec.h"
#include "projections/commands/case_script.h"
#include "projections/commands/case_steps.h"
#include "projections/deadlines/deadline_monitor.h"

namespace gongkai::projections::commands {

namespace dc = domain::cases;
using domain::Result;
using domain::time::CivilDate;
using domain::time::Instant;

namespace {

constexpr int kRegistrars = 3;

struct SimCase {
  CasePlan plan;
  std::size_t next_step = 0;  // 0: not registered yet; then 1 + index of the next step
  dc::CaseState state;
  CivilDate day;  // the day of its last step
  int registrar = 0;
};

// (day, sequence, case index): a min-heap gives the next step of the whole timeline.
using Slot = std::tuple<std::int64_t, std::uint64_t, std::size_t>;

// The working days from the first one of January through October of `year`.
std::vector<CivilDate> registration_days(const domain::time::Calendar& calendar, int year) {
  std::vector<CivilDate> days;
  for (CivilDate d = CivilDate::from_ymd(year, 1, 1); d <= CivilDate::from_ymd(year, 10, 31);
       d = d.next()) {
    if (calendar.is_working_day(d)) days.push_back(d);
  }
  return days;
}

bool is_refusal(domain::Code code) {
  return code == domain::Code::failed_precondition || code == domain::Code::invalid_argument ||
         code == domain::Code::permission_denied || code == domain::Code::not_found;
}

class Generator {
 public:
  Generator(CaseCommandService& service, std::uint64_t seed)
      : service_(service), monitor_(service), seed_(seed), calendar_(service.calendar()) {}

  Result<GeneratedCases> run(std::size_t count, int year) {
    const auto days = registration_days(*calendar_, year);
    sims_.resize(count);
    for (std::size_t i = 0; i < count; ++i) {
      std::mt19937_64 random(seed_ * 0x9E3779B97F4A7C15ULL + i);
      sims_[i].plan = plan_case(random);
      sims_[i].registrar = static_cast<int>(i % kRegistrars);
      sims_[i].day = days.empty() ? CivilDate::from_ymd(year, 1, 4)
                                  : days[i * days.size() / std::max<std::size_t>(count, 1)];
      schedule(i, sims_[i].day);
    }
    while (!queue_.empty()) {
      const auto [day, sequence, index] = queue_.top();
      queue_.pop();
      (void)sequence;
      const domain::Status status = advance(index, CivilDate::from_days_since_epoch(day));
      if (!status.ok()) return status;
    }
    return std::move(out_);
  }

 private:
  void schedule(std::size_t index, CivilDate day) {
    queue_.emplace(day.days_since_epoch(), sequence_++, index);
  }

  // 10:00 agency time plus one second per step of the day, so `now` never goes back.
  Instant now_on(CivilDate day) {
    if (day != clock_day_) {
      clock_day_ = day;
      clock_step_ = 0;
    }
    const std::int64_t seconds = 10 * 3600 + clock_step_++;
    return Instant::from_unix_micros(domain::time::start_of(day).unix_micros() +
                                     seconds * 1'000'000);
  }

  // Runs the case's due step on `day` and schedules its next one.
  domain::Status advance(std::size_t index, CivilDate day) {
    SimCase& sim = sims_[index];
    const Instant now = now_on(day);
    if (sim.next_step == 0) {
      domain::Status s = register_case(sim, index, now);
      if (!s.ok()) return s;
    } else {
      const Step& step = sim.plan.steps[sim.next_step - 1];
      domain::Status s = is_tick(step.kind) ? tick(sim, now) : act(sim, step, now);
      if (!s.ok()) return s;
    }
    sim.day = day;
    ++sim.next_step;
    if (sim.next_step - 1 < sim.plan.steps.size()) schedule(index, next_day(sim));
    return {};
  }

  CivilDate next_day(const SimCase& sim) const {
    const Step& step = sim.plan.steps[sim.next_step - 1];
    if (is_tick(step.kind)) {
      const auto day = tick_day(step, sim.state, *calendar_);
      return day && *day > sim.day ? *day : sim.day;
    }
    const CivilDate from = domain::time::next_working_day_on_or_after(*calendar_, sim.day);
    return step.delay > 0 ? domain::time::add_working_days(*calendar_, from, step.delay) : from;
  }

  domain::Status register_case(SimCase& sim, std::size_t index, Instant now) {
    const dc::CaseCommand command{registrar(sim.registrar),
                                  registration(sim.plan, index + 1, domain::time::date_of(now))};
    auto outcome = service_.execute("", command, now);
    if (!outcome.ok()) return outcome.status();  // a registration must not be refused
    out_.case_ids.push_back(outcome->case_id);
    record(sim, outcome->events);
    return {};
  }

  domain::Status act(SimCase& sim, const Step& step, Instant now) {
    auto command = step_command(step, sim.state, registrar(sim.registrar),
                                domain::time::date_of(now), *calendar_);
    if (!command) return {};
    auto outcome = service_.execute(sim.state.case_id,
                                    dc::CaseCommand{command->actor, std::move(command->body)}, now);
    if (!outcome.ok()) {
      if (!is_refusal(outcome.status().code())) return outcome.status();
      ++out_.refusals[std::string(command_name(command->body)) + ": " + outcome.status().reason()];
      return {};
    }
    record(sim, outcome->events);
    return {};
  }

  domain::Status tick(SimCase& sim, Instant now) {
    ++out_.ticks;
    const std::uint64_t before = static_cast<std::uint64_t>(sim.state.version);
    const auto report = monitor_.tick(now, {sim.state.case_id});
    if (!report.failures.empty()) return report.failures.front().status;
    out_.commands += report.commands_issued;
    if (report.events_appended == 0) return {};
    auto records = service_.store().read_stream_forward(
        eventstore::codec::case_stream(sim.state.case_id), before + 1, SIZE_MAX);
    if (!records.ok()) return records.status();
    std::vector<dc::CaseEvent> events;
    for (const auto& r : *records) {
      auto event = eventstore::codec::decode_case_event(r);
      if (!event.ok()) return event.status();
      events.push_back(std::move(event).value());
    }
    record(sim, events, /*commands=*/0);  // the monitor's commands were counted above
    return {};
  }

  void record(SimCase& sim, const std::vector<dc::CaseEvent>& events, std::size_t commands = 1) {
    out_.commands += commands;
    out_.events += events.size();
    for (const auto& e : events) {
      ++out_.events_by_type[std::string(dc::event_type(e))];
      dc::evolve(sim.state, e);
      out_.last_now = dc::event_base(e).recorded_at;
    }
  }

  CaseCommandService& service_;
  deadlines::DeadlineMonitor monitor_;
  std::uint64_t seed_;
  std::shared_ptr<const domain::time::Calendar> calendar_;
  std::vector<SimCase> sims_;
  std::priority_queue<Slot, std::vector<Slot>, std::greater<>> queue_;
  std::uint64_t sequence_ = 0;
  GeneratedCases out_;
  CivilDate clock_day_;
  std::int64_t clock_step_ = 0;
};

}  // namespace

Result<GeneratedCases> generate_cases(CaseCommandService& service, std::size_t cases,
                                      std::uint64_t seed, int year) {
  Generator generator(service, seed);
  return generator.run(cases, year);
}

}  // namespace gongkai::projections::commands
