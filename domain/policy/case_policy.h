// Who may do what to a case: API.md's command table and DOMAIN.md's four-eyes rules, as one pure
// table. The API layer maps `permission_denied` to 403 and `not_found` to 404 (a case the user may
// not see answers exactly like a case that does not exist).
#pragma once

#include <array>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "domain/base/status.h"
#include "domain/policy/roles.h"

namespace gongkai::domain::policy {

// Which earlier actor a supervisor's decision must not come from (四眼原则).
enum class FourEyes { none, extension_requester, reply_submitter };

class RoleSet {
 public:
  constexpr RoleSet(std::initializer_list<Role> roles) {
    for (Role r : roles) {
      bits_ |= 1U << static_cast<unsigned>(r);
    }
  }
  [[nodiscard]] constexpr bool contains(Role r) const {
    return (bits_ & (1U << static_cast<unsigned>(r))) != 0;
  }

 private:
  unsigned bits_ = 0;
};

struct CommandRule {
  std::string_view command;  // the API's command name (CaseCommand kName)
  RoleSet roles;
  FourEyes four_eyes = FourEyes::none;
};

inline constexpr Role kRegistrar = Role::registrar;
inline constexpr Role kHandler = Role::handler;
inline constexpr Role kSupervisor = Role::supervisor;

inline constexpr std::array<CommandRule, 29> kCaseCommandRules{{
    {"register", {kRegistrar}},
    {"acknowledge", {kRegistrar}},
    {"assign", {kRegistrar, kSupervisor}},
    {"transfer", {kHandler, kSupervisor}},
    {"request-correction", {kHandler, kRegistrar}},
    {"receive-correction", {kHandler, kRegistrar}},
    {"start-consultation", {kHandler}},
    {"record-consultation-reply", {kHandler}},
    {"close-consultation", {kHandler}},
    {"issue-fee-notice", {kHandler}},
    {"record-fee-payment", {kHandler}},
    {"request-extension", {kHandler}},
    {"approve-extension", {kSupervisor}, FourEyes::extension_requester},
    {"reject-extension", {kSupervisor}, FourEyes::extension_requester},
    {"notify-extension", {kHandler}},
    {"submit-reply", {kHandler}},
    {"approve-reply", {kSupervisor}, FourEyes::reply_submitter},
    {"return-reply", {kSupervisor}, FourEyes::reply_submitter},
    {"issue-reply", {kHandler, kRegistrar}},
    {"withdraw", {kRegistrar, kHandler}},
    {"archive", {kRegistrar, kHandler}},
    {"reopen", {kSupervisor}},
    {"record-remedy", {kSupervisor}},
    {"add-note", {kRegistrar, kHandler, kSupervisor}},
    {"timer:deadline-warn", {Role::system}},
    {"timer:deadline-missed", {Role::system}},
    {"timer:correction-lapse", {Role::system}},
    {"timer:fee-lapse", {Role::system}},
    {"timer:consultation-lapse", {Role::system}},
}};

[[nodiscard]] constexpr const CommandRule* find_rule(std::string_view command) {
  for (const CommandRule& rule : kCaseCommandRules) {
    if (rule.command == command) {
      return &rule;
    }
  }
  return nullptr;
}

// What the policy needs to know about the case.
struct CaseScope {
  bool exists = false;
  std::string registered_by;
  std::optional<std::string> department;
};

// Visibility (API.md): admin sees no case content; registrar the cases they registered and
// unassigned ones; handler the cases of their departments; supervisor, auditor and the system
// every case (of the agency; agencies are separated before the domain is asked).
[[nodiscard]] bool may_see_case(const Actor& actor, const CaseScope& scope);

// The role check (permission_denied `role_forbids`), then visibility (not_found
// `case_not_found`): a handler acts only on the cases of their departments.
// The four-eyes rule needs the case's history; decide applies it with `four_eyes_rule`.
[[nodiscard]] Status authorize(std::string_view command, const Actor& actor,
                               const CaseScope& scope);

[[nodiscard]] constexpr FourEyes four_eyes_rule(std::string_view command) {
  const CommandRule* rule = find_rule(command);
  return rule == nullptr ? FourEyes::none : rule->four_eyes;
}

}  // namespace gongkai::domain::policy
