#include "projections/commands/first_admin.h"

#include <algorithm>

#include "domain/people/people_decider.h"
#include "projections/people/people_projection.h"

namespace gongkai::projections::commands {

namespace dp = domain::people;
using domain::policy::Role;

domain::Result<bool> has_admin(const eventstore::EventStore& store, std::string_view agency) {
  auto users = people::list_users(store, agency);
  if (!users.ok()) return users.status();
  return std::any_of(users->begin(), users->end(), [](const people::UserView& user) {
    return std::find(user.roles.begin(), user.roles.end(), Role::admin) != user.roles.end();
  });
}

domain::Status create_first_admin(PeopleCommandService& people, const std::string& agency,
                                  const std::string& password_record, domain::time::Instant now) {
  const auto system = domain::policy::system_actor();
  const std::string user_id = dp::user_id_for_username(kFirstAdminUsername);
  auto created =
      people.execute({.actor = {system.id, Role::admin, {}},
                      .body = dp::CreateUser{.username = std::string(kFirstAdminUsername),
                                             .display_name = "系统管理员",
                                             .roles = {"admin"},
                                             .agency = agency,
                                             .departments = {},
                                             .existing_departments = {}}},
                     now);
  if (!created.ok()) return created.status();
  auto set = people.execute(
      {.actor = {system.id, Role::admin, {}},
       .body = dp::SetPasswordRecord{.user_id = user_id,
                                     .password_record = password_record,
                                     .current = dp::UserFacts{user_id, {Role::admin}, {}, false}}},
      now);
  return set.ok() ? domain::Status{} : set.status();
}

}  // namespace gongkai::projections::commands
