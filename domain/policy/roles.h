// Roles (DOMAIN.md section 1, API.md) and the actor who issues a command or caused an event.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/base/enum_names.h"

namespace gongkai::domain::policy {

// `system` is the deadline timer: it alone appends deadline and lapse events.
enum class Role { admin, registrar, handler, supervisor, auditor, system };

inline constexpr std::array<EnumName<Role>, 6> kRoleNames{{
    {Role::admin, "admin"},
    {Role::registrar, "registrar"},
    {Role::handler, "handler"},
    {Role::supervisor, "supervisor"},
    {Role::auditor, "auditor"},
    {Role::system, "system"},
}};
[[nodiscard]] constexpr std::string_view role_name(Role role) { return name_in(kRoleNames, role); }
[[nodiscard]] constexpr std::optional<Role> parse_role(std::string_view name) {
  return parse_in(kRoleNames, name);
}

// Who did it, as events record it: the user id and the role the user acted in.
struct ActorRef {
  std::string id;
  Role role = Role::system;
};

// Who asks, as commands carry it: the authenticated user (from the session, never the body), the
// role the command is issued in (one of the user's roles) and the user's departments.
struct Actor {
  std::string id;
  Role role = Role::system;
  std::vector<std::string> departments;

  [[nodiscard]] ActorRef ref() const { return {id, role}; }
};

inline constexpr std::string_view kSystemActorId = "system";
[[nodiscard]] inline Actor system_actor() {
  return {std::string(kSystemActorId), Role::system, {}};
}

}  // namespace gongkai::domain::policy
