#include "domain/policy/case_policy.h"

#include <algorithm>

namespace gongkai::domain::policy {
namespace {

bool in_department(const Actor& actor, const std::optional<std::string>& department) {
  return department.has_value() && std::find(actor.departments.begin(), actor.departments.end(),
                                             *department) != actor.departments.end();
}

}  // namespace

bool may_see_case(const Actor& actor, const CaseScope& scope) {
  switch (actor.role) {
    case Role::admin:
      return false;
    case Role::registrar:
      return scope.registered_by == actor.id || !scope.department.has_value();
    case Role::handler:
      return in_department(actor, scope.department);
    case Role::supervisor:
    case Role::auditor:
    case Role::system:
      return true;
  }
  return false;
}

Status authorize(std::string_view command, const Actor& actor, const CaseScope& scope) {
  const CommandRule* rule = find_rule(command);
  if (rule == nullptr) {
    return invalid_argument("unknown_command", "unknown command " + std::string(command));
  }
  if (!rule->roles.contains(actor.role)) {
    return permission_denied("role_forbids", "role " + std::string(role_name(actor.role)) +
                                                 " may not " + std::string(command));
  }
  if (!scope.exists) {
    return Status{};  // registration: nothing to see yet
  }
  if (!may_see_case(actor, scope)) {
    return not_found("case_not_found", "no such case");
  }
  return Status{};
}

}  // namespace gongkai::domain::policy
