// Property tests over random cases and random pauses (seeded std::mt19937: deterministic).
#include <algorithm>
#include <catch2/catch.hpp>
#include <random>
#include <set>

#include "domain/cases/case_timers.h"
#include "domain/clocks/due_date.h"
#include "domain/fees/fee_calculator.h"
#include "domain/policy/case_policy.h"
#include "support/case_fixture.h"

using namespace gongkai::domain::cases;
using gongkai::domain::clocks::ClockSpec;
using gongkai::domain::clocks::compute_due;
using gongkai::domain::clocks::Pause;
using gongkai::domain::policy::Actor;
using gongkai::domain::time::CivilDate;
using gongkai::testing::CaseFixture;
using gongkai::testing::d;
using gongkai::testing::office_hours;

namespace {

int uniform(std::mt19937& rng, int lo, int hi) {
  return std::uniform_int_distribution<int>(lo, hi)(rng);
}

Pause random_pause(std::mt19937& rng, CivilDate start, bool allow_open) {
  const CivilDate from = start.plus_days(uniform(rng, -10, 60));
  std::optional<CivilDate> to = from.plus_days(uniform(rng, 0, 30));
  if (allow_open && uniform(rng, 0, 9) == 0) {
    to.reset();
  }
  return Pause{"p" + std::to_string(uniform(rng, 1, 99)), from, to};
}

// A plausible random command for the case as it stands (many will be refused; that is fine).
CommandBody random_command(std::mt19937& rng, const CaseState& s, CivilDate today) {
  auto date = [&] { return today.plus_days(-uniform(rng, 0, 5)); };
  const int consultation = uniform(rng, 1, static_cast<int>(s.consultations.size()) + 1);
  switch (uniform(rng, 0, 24)) {
    case 0:
      return AcknowledgeReceipt{date(), "当面"};
    case 1:
      return AssignCase{uniform(rng, 0, 3) == 0 ? "D2" : "D1", std::nullopt};
    case 2:
      return TransferCase{uniform(rng, 0, 1) == 0 ? "D2" : "D1", "职责调整"};
    case 3:
      return RequestCorrection{{"x"}, today.plus_days(uniform(rng, 1, 20)), date()};
    case 4:
      return ReceiveCorrection{date(), "补正"};
    case 5:
      return StartConsultation{static_cast<ConsultationKind>(uniform(rng, 0, 2)), "某方", date(),
                               std::nullopt};
    case 6:
      return RecordConsultationReply{consultation, date(), static_cast<Opinion>(uniform(rng, 0, 2)),
                                     "理由"};
    case 7:
      return CloseConsultation{consultation, date()};
    case 8: {
      const int pages = uniform(rng, 31, 300);
      return IssueFeeNotice{FeeBasis::per_page, pages, std::nullopt,
                            gongkai::domain::fees::per_page_fee(pages)->amount_yuan, date()};
    }
    case 9:
      return RecordFeePayment{date(), s.fee ? s.fee->amount_yuan : 1, "R"};
    case 10:
      return RequestExtension{uniform(rng, 1, 22), "理由", std::nullopt};
    case 11:
      return ApproveExtension{"同意", std::nullopt};
    case 12:
      return RejectExtension{"不同意", std::nullopt};
    case 13:
      return NotifyExtension{date(), "电话"};
    case 14: {
      const auto& row =
          gongkai::domain::report::kReportRows.at(static_cast<std::size_t>(uniform(rng, 0, 20)));
      return SubmitReply{std::string(row.code), "依据", "答复", {}};
    }
    case 15:
      return ApproveReply{"同意"};
    case 16:
      return ReturnReply{"修改"};
    case 17:
      return IssueReply{date(), ServiceMethod::post};
    case 18:
      return WithdrawApplication{date(), "撤回"};
    case 19:
      return ArchiveCase{"A-1", 10};
    case 20:
      return ReopenCase{ReopenBasis::reconsideration, "复议", date(),
                        today.plus_days(uniform(rng, 1, 40))};
    case 21:
      return RecordRemedy{RemedyKind::reconsideration, RemedyOutcome::upheld, std::nullopt, "复议"};
    case 22:
      return AddNote{"备注"};
    default:
      return IssueReply{date(), ServiceMethod::email};
  }
}

struct RandomCase {
  CaseState state;
  std::vector<CaseEvent> history;
};

RandomCase random_case(std::mt19937& rng, CaseFixture& f) {
  RandomCase out;
  CivilDate today = d("2019-06-03").plus_days(uniform(rng, 0, 2700));
  const Actor* actors[] = {&f.registrar,  &f.handler,     &f.handler2, &f.other_handler,
                           &f.supervisor, &f.supervisor2, &f.auditor,  &f.admin};
  RegisterCase reg;
  reg.case_id = "CJZ-R";
  reg.applicant.name = "申请人";
  reg.received_on = today.plus_days(-uniform(rng, 0, 3));
  reg.description = "申请";
  if (uniform(rng, 0, 1) == 0) {
    reg.department = "D1";
  }
  auto apply = [&](const Actor& actor, CommandBody body) {
    auto result =
        decide(out.state, CaseCommand{actor, std::move(body)}, office_hours(today), f.calendar);
    if (!result.ok()) {
      return;
    }
    for (CaseEvent& e : result.value()) {
      evolve(out.state, e);
      out.history.push_back(std::move(e));
    }
  };
  apply(f.registrar, reg);
  const int steps = uniform(rng, 5, 60);
  for (int i = 0; i < steps; ++i) {
    today = today.plus_days(uniform(rng, 0, 4));
    for (const CommandBody& timer :
         due_timer_commands(out.state, office_hours(today), f.calendar)) {
      apply(f.timer, timer);
    }
    if (uniform(rng, 0, 3) == 0) {
      // Push the case along its main path now and then, so that replies get issued too.
      const auto& row =
          gongkai::domain::report::kReportRows.at(static_cast<std::size_t>(uniform(rng, 0, 17)));
      switch (out.state.stage) {
        case Stage::registered:
          apply(f.registrar, AssignCase{"D1", std::nullopt});
          break;
        case Stage::in_progress:
          apply(f.handler, SubmitReply{std::string(row.code), "依据", "答复", {}});
          break;
        case Stage::under_review:
          apply(f.supervisor, ApproveReply{"同意"});
          break;
        case Stage::approved:
          apply(f.handler, IssueReply{today, ServiceMethod::online});
          break;
        default:
          break;
      }
      continue;
    }
    apply(*actors[uniform(rng, 0, 7)], random_command(rng, out.state, today));
  }
  return out;
}

}  // namespace

TEST_CASE("property: a due date never moves earlier when a pause is added",
          "[domain][clocks][property]") {
  std::mt19937 rng(20210301);
  const auto& cal = gongkai::testing::china_calendar();
  for (int trial = 0; trial < 2000; ++trial) {
    const CivilDate start = d("2019-01-02").plus_days(uniform(rng, 0, 2900));
    ClockSpec spec{"reply", start, "received_on", 20, {}, std::nullopt};
    const int n = uniform(rng, 0, 4);
    for (int i = 0; i < n; ++i) {
      spec.pauses.push_back(random_pause(rng, start, true));
    }
    if (uniform(rng, 0, 3) == 0) {
      spec.extension = {uniform(rng, 1, 20), "s", start, "h"};
    }
    const auto before = compute_due(spec, cal);
    spec.pauses.push_back(random_pause(rng, start, true));
    const auto after = compute_due(spec, cal);
    INFO("trial " << trial << " start " << start.to_string());
    if (before.paused) {
      CHECK(after.paused);  // adding a pause cannot release an open one
    } else if (!after.paused) {
      REQUIRE(before.due_on.has_value());
      REQUIRE(after.due_on.has_value());
      CHECK(*after.due_on >= *before.due_on);
      CHECK(cal.is_working_day(*after.due_on));  // never ends on a day off
    }
  }
}

TEST_CASE(
    "property: folding any event sequence the decider produced never fails and is "
    "deterministic",
    "[domain][cases][property]") {
  std::mt19937 rng(711);
  CaseFixture f;
  int closed_cases = 0;
  for (int trial = 0; trial < 400; ++trial) {
    const RandomCase c = random_case(rng, f);
    INFO("trial " << trial);
    REQUIRE_FALSE(c.history.empty());
    const CaseState replayed = fold(c.history);
    CHECK(replayed.version == static_cast<std::int64_t>(c.history.size()));
    CHECK(replayed.stage == c.state.stage);
    CHECK(replayed.disposition == c.state.disposition);
    CHECK(replayed.closings.size() == c.state.closings.size());
    CHECK(replayed.warned_due_dates == c.state.warned_due_dates);
    // Every event has a stable type name, the case id and an actor.
    for (const CaseEvent& e : c.history) {
      CHECK(event_type(e).substr(0, 5) == "case.");
      CHECK(event_type(e).substr(event_type(e).size() - 3) == ".v1");
      CHECK(event_base(e).case_id == "CJZ-R");
      CHECK_FALSE(event_base(e).actor.id.empty());
    }
    // Deadline events are recorded at most once per due date.
    std::set<CivilDate> warned(c.state.warned_due_dates.begin(), c.state.warned_due_dates.end());
    std::set<CivilDate> missed(c.state.missed_due_dates.begin(), c.state.missed_due_dates.end());
    CHECK(warned.size() == c.state.warned_due_dates.size());
    CHECK(missed.size() == c.state.missed_due_dates.size());
    // Every clock of the case can be computed from the replayed state.
    for (const auto& due : all_deadlines(replayed, f.calendar)) {
      CHECK(due.explanation.calendar_version == f.calendar.version());
    }
    if (!is_open(c.state.stage)) {
      ++closed_cases;
    }
  }
  CHECK(closed_cases > 50);  // the generator really reaches the end of a case's life
}

TEST_CASE("property: reply_deadline is reply_due without the explanation",
          "[domain][clocks][property]") {
  std::mt19937 rng(4401);
  CaseFixture f;
  int paused = 0;
  int counted = 0;
  for (int trial = 0; trial < 1000; ++trial) {
    const RandomCase c = random_case(rng, f);
    INFO("trial " << trial);
    const auto full = reply_due(c.state, f.calendar);
    const auto lean = reply_deadline(c.state, f.calendar);
    REQUIRE(full.has_value() == lean.has_value());
    if (!full) {
      continue;
    }
    CHECK(lean->due_on == full->due_on);
    CHECK(lean->paused == full->paused);
    const auto pauses = reply_pauses(c.state, f.calendar);
    REQUIRE(lean->pauses.size() == pauses.size());
    for (std::size_t i = 0; i < pauses.size(); ++i) {
      CHECK(lean->pauses[i].reason == pauses[i].reason);
      CHECK(lean->pauses[i].from == pauses[i].from);
      CHECK(lean->pauses[i].to == pauses[i].to);
    }
    (lean->paused ? paused : counted) += 1;
  }
  CHECK(paused > 10);  // both ends of the walk were reached
  CHECK(counted > 10);
}

TEST_CASE("property: the report row of every closed case is exactly one",
          "[domain][report][property]") {
  std::mt19937 rng(109);
  CaseFixture f;
  std::set<gongkai::domain::report::Disposition> seen;
  for (int trial = 0; trial < 400; ++trial) {
    const RandomCase c = random_case(rng, f);
    if (is_open(c.state.stage)) {
      CHECK_FALSE(c.state.disposition.has_value());
      continue;
    }
    INFO("trial " << trial);
    REQUIRE(c.state.disposition.has_value());
    int rows = 0;
    for (const auto& row : gongkai::domain::report::kReportRows) {
      rows += row.disposition == *c.state.disposition ? 1 : 0;
    }
    CHECK(rows == 1);
    REQUIRE_FALSE(c.state.closings.empty());
    CHECK(c.state.closings.back().disposition == *c.state.disposition);
    seen.insert(*c.state.disposition);
  }
  CHECK(seen.size() >= 5);  // the generator closes cases in many different ways
}

TEST_CASE("property: evolve never fails, even on events out of any order",
          "[domain][cases][property]") {
  std::mt19937 rng(30);
  CaseFixture f;
  for (int trial = 0; trial < 100; ++trial) {
    RandomCase c = random_case(rng, f);
    std::shuffle(c.history.begin(), c.history.end(), rng);
    const CaseState replayed = fold(c.history);
    CHECK(replayed.version == static_cast<std::int64_t>(c.history.size()));
  }
}

TEST_CASE("every command has a rule in the policy table", "[domain][policy]") {
  std::vector<std::string_view> names;
  auto collect = [&]<std::size_t... I>(std::index_sequence<I...>) {
    (names.push_back(command_name(CommandBody{std::in_place_index<I>})), ...);
  };
  collect(std::make_index_sequence<std::variant_size_v<CommandBody>>{});
  CHECK(names.size() == gongkai::domain::policy::kCaseCommandRules.size());
  for (std::string_view name : names) {
    INFO(name);
    CHECK(gongkai::domain::policy::find_rule(name) != nullptr);
  }
}
