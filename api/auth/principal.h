// Who is asking: the user behind a valid session, as every authenticated route sees them.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "domain/policy/roles.h"

namespace gongkai::api::auth {

struct Principal {
  std::string user_id;
  std::string username;
  std::string display_name;
  std::vector<domain::policy::Role> roles;
  std::string agency;
  std::vector<std::string> departments;
  std::string session_id;  // SHA-256 of the bearer token (never the token itself)

  [[nodiscard]] bool has_role(domain::policy::Role role) const {
    return std::find(roles.begin(), roles.end(), role) != roles.end();
  }
  // The user acting in `role` (the domain's Actor).
  [[nodiscard]] domain::policy::Actor as(domain::policy::Role role) const {
    return {user_id, role, departments};
  }
};

}  // namespace gongkai::api::auth
