// Given/When/Then for the case decider: `given` runs commands that must be accepted and folds their
// events; `when` runs one command and returns the decision; `refusal` expects a refusal and returns
// its reason. Actors: a registrar, two handlers of department D1, two supervisors, an auditor, an
// admin, and the timer. "Today" is set with `on(date)` (10:00 agency time).
#pragma once

#include <catch2/catch.hpp>
#include <string>
#include <utility>
#include <vector>

#include "domain/cases/case_clocks.h"
#include "domain/cases/case_decider.h"
#include "domain/cases/case_state.h"
#include "support/calendars.h"
#include "support/fake_clock.h"

namespace gongkai::testing {

namespace dc = domain::cases;
using domain::policy::Actor;
using domain::policy::Role;

struct CaseFixture {
  const domain::time::Calendar& calendar = china_calendar();
  std::vector<dc::CaseEvent> history;
  dc::CaseState state;
  domain::time::Instant now = office_hours(d("2021-03-01"));

  Actor registrar{"u-registrar", Role::registrar, {}};
  Actor handler{"u-handler", Role::handler, {"D1"}};
  Actor handler2{"u-handler2", Role::handler, {"D1"}};
  Actor other_handler{"u-handler-d2", Role::handler, {"D2"}};
  Actor supervisor{"u-supervisor", Role::supervisor, {}};
  Actor supervisor2{"u-supervisor2", Role::supervisor, {}};
  Actor auditor{"u-auditor", Role::auditor, {}};
  Actor admin{"u-admin", Role::admin, {}};
  Actor timer = domain::policy::system_actor();

  CaseFixture& on(std::string_view date) {
    now = office_hours(d(date));
    return *this;
  }

  domain::Result<std::vector<dc::CaseEvent>> when(const Actor& actor, dc::CommandBody body) const {
    return dc::decide(state, dc::CaseCommand{actor, std::move(body)}, now, calendar);
  }

  // Runs a command that must be accepted; folds and returns its events.
  std::vector<dc::CaseEvent> given(const Actor& actor, dc::CommandBody body) {
    auto result = when(actor, std::move(body));
    INFO(result.status().reason() << ": " << result.status().message());
    REQUIRE(result.ok());
    for (const dc::CaseEvent& event : result.value()) {
      dc::evolve(state, event);
      history.push_back(event);
    }
    return std::move(result).value();
  }

  // Runs a command that must be refused; returns the reason code.
  std::string refusal(const Actor& actor, dc::CommandBody body) const {
    auto result = when(actor, std::move(body));
    REQUIRE_FALSE(result.ok());
    return result.status().reason();
  }

  // Runs the timer command and folds what it appends (possibly nothing).
  std::vector<dc::CaseEvent> tick(dc::CommandBody body) { return given(timer, std::move(body)); }

  // A case received on `received_on` (registered that day), optionally assigned to D1.
  CaseFixture& registered(std::string_view received_on, bool assign = true) {
    on(received_on);
    dc::RegisterCase reg;
    reg.case_id = "CJZ-2021-00001";
    reg.applicant.name = "张三";
    reg.applicant.id_number = "370303199001011234";
    reg.channel = dc::Channel::in_person;
    reg.received_on = d(received_on);
    reg.description = "申请公开某项目的审批文件";
    if (assign) {
      reg.department = "D1";
    }
    given(registrar, reg);
    return *this;
  }

  // Drafts, approves and serves a reply with `disposition` on today.
  void replied(const std::string& disposition = "disclosed") {
    given(handler, dc::SubmitReply{disposition, "《条例》第二十七条", "答复如下", {}});
    given(supervisor, dc::ApproveReply{"同意"});
    given(handler, dc::IssueReply{domain::time::date_of(now), dc::ServiceMethod::post});
  }

  [[nodiscard]] std::optional<domain::time::CivilDate> reply_due_on() const {
    const auto due = dc::reply_due(state, calendar);
    return due ? due->due_on : std::nullopt;
  }
};

// Returns a copy: the events usually come from a temporary vector.
template <typename E>
E only_event(const std::vector<dc::CaseEvent>& events) {
  REQUIRE(events.size() == 1);
  REQUIRE(std::holds_alternative<E>(events[0]));
  return std::get<E>(events[0]);
}

}  // namespace gongkai::testing
