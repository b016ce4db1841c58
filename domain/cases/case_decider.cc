#include "domain/cases/case_decider.h"

#include "domain/cases/decider_steps.h"
#include "domain/policy/case_policy.h"

namespace gongkai::domain::cases {
namespace detail {

Status stage_forbids(const CaseState& state, std::string_view command) {
  return failed_precondition("stage_forbids", std::string(command) + " is not allowed in stage " +
                                                  std::string(stage_name(state.stage)));
}

Status require_stage(const CaseState& state, std::string_view command,
                     std::initializer_list<Stage> allowed) {
  for (Stage s : allowed) {
    if (state.stage == s) {
      return Status{};
    }
  }
  return stage_forbids(state, command);
}

Status check_business_date(const Context& ctx, CivilDate date, std::string_view field) {
  if (date > ctx.today) {
    return failed_precondition("date_in_future", std::string(field) + " " + date.to_string() +
                                                     " is after today " + ctx.today.to_string());
  }
  if (ctx.state.stage != Stage::none && date < ctx.state.received_on) {
    return failed_precondition("date_before_receipt", std::string(field) + " " + date.to_string() +
                                                          " is before the receipt date " +
                                                          ctx.state.received_on.to_string());
  }
  return Status{};
}

Status check_not_before(CivilDate date, CivilDate earliest, std::string reason,
                        std::string_view field) {
  if (date < earliest) {
    return failed_precondition(std::move(reason), std::string(field) + " " + date.to_string() +
                                                      " is before " + earliest.to_string());
  }
  return Status{};
}

Status require_text(const std::string& text, std::string_view field) {
  if (text.empty()) {
    return invalid_argument(std::string(field) + "_required", std::string(field) + " is required");
  }
  return Status{};
}

// The four-eyes rule of the policy table: the supervisor deciding may not be the person whose
// request or draft is decided.
Status check_four_eyes(const CaseState& state, std::string_view command,
                       const policy::Actor& actor) {
  const std::string* other = nullptr;
  switch (policy::four_eyes_rule(command)) {
    case policy::FourEyes::none:
      return Status{};
    case policy::FourEyes::extension_requester:
      if (const ExtensionState* pending = state.pending_extension()) {
        other = &pending->requested_by;
      }
      break;
    case policy::FourEyes::reply_submitter:
      if (state.review) {
        other = &state.review->submitted_by;
      }
      break;
  }
  if (other != nullptr && *other == actor.id) {
    return failed_precondition(
        "same_person_approval",
        std::string(command) + " must be done by someone other than " + actor.id);
  }
  return Status{};
}

}  // namespace detail

Result<std::vector<CaseEvent>> decide(const CaseState& state, const CaseCommand& command,
                                      time::Instant now, const time::Calendar& calendar) {
  const std::string_view name = command_name(command.body);
  const bool registering = std::holds_alternative<RegisterCase>(command.body);
  if (!registering && state.stage == Stage::none) {
    return not_found("case_not_found", "no such case");
  }
  if (registering && state.stage != Stage::none) {
    return failed_precondition("case_exists", "the case is already registered");
  }
  const policy::CaseScope scope{state.stage != Stage::none, state.registered_by, state.department};
  if (Status s = policy::authorize(name, command.actor, scope); !s.ok()) {
    return s;
  }
  if (Status s = detail::check_four_eyes(state, name, command.actor); !s.ok()) {
    return s;
  }
  const detail::Context ctx{state, command.actor, now, time::date_of(now), calendar};
  return std::visit([&](const auto& body) { return detail::step(ctx, body); }, command.body);
}

}  // namespace gongkai::domain::cases
