#include "domain/people/people_decider.h"

#include <algorithm>
#include <utility>

namespace gongkai::domain::people {
namespace {

using policy::Role;

constexpr std::size_t kMaxTextBytes = 100;
constexpr std::size_t kMaxPasswordRecordBytes = 1024;
constexpr std::string_view kPasswordRecordPrefix = "scrypt$";

bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }

Status role_forbids(std::string_view what) {
  return permission_denied("role_forbids", "only an admin may " + std::string(what));
}

bool has_role(const std::vector<Role>& roles, Role role) {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

// Wire names -> roles in the table's order without duplicates; `system` is never granted.
Result<std::vector<Role>> parse_roles(const std::vector<std::string>& names) {
  if (names.empty()) {
    return invalid_argument("invalid_role", "a user needs at least one role");
  }
  std::vector<Role> roles;
  for (const std::string& name : names) {
    const auto role = policy::parse_role(name);
    if (!role.has_value() || *role == Role::system) {
      return invalid_argument("invalid_role", "unknown role '" + name + "'");
    }
    roles.push_back(*role);
  }
  std::sort(roles.begin(), roles.end());
  roles.erase(std::unique(roles.begin(), roles.end()), roles.end());
  return roles;
}

// Sorted, without duplicates, each one existing.
Result<std::vector<std::string>> check_departments(std::vector<std::string> codes,
                                                   const std::set<std::string>& existing) {
  for (const std::string& code : codes) {
    if (!existing.contains(code)) {
      return failed_precondition("unknown_department", "no department '" + code + "'");
    }
  }
  std::sort(codes.begin(), codes.end());
  codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
  return codes;
}

bool valid_text(std::string_view text) { return !text.empty() && text.size() <= kMaxTextBytes; }

bool valid_password_record(std::string_view record) {
  if (!record.starts_with(kPasswordRecordPrefix) || record.size() <= kPasswordRecordPrefix.size() ||
      record.size() > kMaxPasswordRecordBytes) {
    return false;
  }
  return std::all_of(record.begin(), record.end(), [](char c) { return c > ' ' && c < '\x7f'; });
}

Status user_not_found(std::string_view user_id) {
  return not_found("user_not_found", "no user '" + std::string(user_id) + "'");
}

template <typename E>
E stamped(const PeopleCommand& command, time::Instant now) {
  E event{};
  event.actor = command.actor.ref();
  event.recorded_at = now;
  return event;
}

using Events = Result<std::vector<PeopleEvent>>;

Events decide(const PeopleCommand& command, const CreateUser& c, time::Instant now) {
  if (command.actor.role != Role::admin) {
    return role_forbids("create users");
  }
  if (!valid_username(c.username)) {
    return invalid_argument("invalid_username",
                            "a username is 3 to 32 of a-z 0-9 . _ - starting with a letter");
  }
  if (!valid_text(c.display_name)) {
    return invalid_argument("invalid_display_name", "a display name is 1 to 100 bytes");
  }
  auto roles = parse_roles(c.roles);
  if (!roles.ok()) {
    return roles.status();
  }
  if (!valid_code(c.agency)) {
    return invalid_argument("invalid_agency", "an agency code is 1 to 32 of A-Z a-z 0-9 _");
  }
  auto departments = check_departments(c.departments, c.existing_departments);
  if (!departments.ok()) {
    return departments.status();
  }
  auto event = stamped<UserCreated>(command, now);
  event.user_id = user_id_for_username(c.username);
  event.username = c.username;
  event.display_name = c.display_name;
  event.roles = std::move(roles).value();
  event.agency = c.agency;
  event.departments = std::move(departments).value();
  return std::vector<PeopleEvent>{std::move(event)};
}

Events decide(const PeopleCommand& command, const ChangeUser& c, time::Instant now) {
  if (command.actor.role != Role::admin) {
    return role_forbids("change users");
  }
  if (!c.current.has_value()) {
    return user_not_found(c.user_id);
  }
  auto event = stamped<UserChanged>(command, now);
  event.user_id = c.user_id;
  event.roles = c.current->roles;
  event.departments = c.current->departments;
  event.disabled = c.disabled.value_or(c.current->disabled);
  if (c.roles.has_value()) {
    auto roles = parse_roles(*c.roles);
    if (!roles.ok()) {
      return roles.status();
    }
    event.roles = std::move(roles).value();
  }
  if (c.departments.has_value()) {
    auto departments = check_departments(*c.departments, c.existing_departments);
    if (!departments.ok()) {
      return departments.status();
    }
    event.departments = std::move(departments).value();
  }
  const bool self = command.actor.id == c.user_id;
  if (self && has_role(c.current->roles, Role::admin) &&
      (!has_role(event.roles, Role::admin) || event.disabled)) {
    return failed_precondition("admin_cannot_remove_own_admin",
                               "an admin may not remove their own admin role or disable "
                               "themselves; another admin must do it");
  }
  return std::vector<PeopleEvent>{std::move(event)};
}

Events decide(const PeopleCommand& command, const SetPasswordRecord& c, time::Instant now) {
  if (command.actor.role != Role::admin && command.actor.id != c.user_id) {
    return permission_denied("role_forbids", "only an admin or the user may set a password");
  }
  if (!c.current.has_value()) {
    return user_not_found(c.user_id);
  }
  if (!valid_password_record(c.password_record)) {
    return invalid_argument("invalid_password_record",
                            "a password record is \"scrypt$...\", printable, at most 1024 bytes");
  }
  auto event = stamped<PasswordSet>(command, now);
  event.user_id = c.user_id;
  event.password_record = c.password_record;
  return std::vector<PeopleEvent>{std::move(event)};
}

Events decide(const PeopleCommand& command, const CreateDepartment& c, time::Instant now) {
  if (command.actor.role != Role::admin) {
    return role_forbids("create departments");
  }
  if (!valid_code(c.code)) {
    return invalid_argument("invalid_department_code",
                            "a department code is 1 to 32 of A-Z a-z 0-9 _");
  }
  if (!valid_text(c.name)) {
    return invalid_argument("invalid_department_name", "a department name is 1 to 100 bytes");
  }
  if (!valid_code(c.agency)) {
    return invalid_argument("invalid_agency", "an agency code is 1 to 32 of A-Z a-z 0-9 _");
  }
  if (c.existing_departments.contains(c.code)) {
    return failed_precondition("department_exists", "department '" + c.code + "' exists");
  }
  auto event = stamped<DepartmentCreated>(command, now);
  event.code = c.code;
  event.name = c.name;
  event.agency = c.agency;
  return std::vector<PeopleEvent>{std::move(event)};
}

Events decide(const PeopleCommand& command, const OpenSession& c, time::Instant now) {
  if (!valid_session_id(c.session_id)) {
    return invalid_argument("invalid_session_id", "a session id is 64 lowercase hex digits");
  }
  if (!c.user.has_value()) {
    return user_not_found(c.user_id);
  }
  if (c.user->disabled) {
    return failed_precondition("user_disabled", "user '" + c.user_id + "' is disabled");
  }
  if (c.expires_at <= now || c.idle_timeout_seconds <= 0) {
    return invalid_argument("invalid_expiry",
                            "a session expires after now and has a positive idle timeout");
  }
  auto event = stamped<SessionOpened>(command, now);
  event.session_id = c.session_id;
  event.user_id = c.user_id;
  event.expires_at = c.expires_at;
  event.idle_timeout_seconds = c.idle_timeout_seconds;
  return std::vector<PeopleEvent>{std::move(event)};
}

Events decide(const PeopleCommand& command, const CloseSession& c, time::Instant now) {
  if (!valid_session_id(c.session_id)) {
    return invalid_argument("invalid_session_id", "a session id is 64 lowercase hex digits");
  }
  if (!c.session_exists) {
    return not_found("session_not_found", "no such session");
  }
  if (command.actor.role != Role::admin && command.actor.role != Role::system &&
      command.actor.id != c.session_user_id) {
    return permission_denied("role_forbids",
                             "only the session's user, an admin or the timer may close it");
  }
  if (!c.session_open) {
    return failed_precondition("session_closed", "the session is already closed");
  }
  auto event = stamped<SessionClosed>(command, now);
  event.session_id = c.session_id;
  event.reason = c.reason;
  return std::vector<PeopleEvent>{std::move(event)};
}

}  // namespace

bool valid_username(std::string_view username) {
  if (username.size() < 3 || username.size() > 32 || !is_lower(username.front())) {
    return false;
  }
  return std::all_of(username.begin(), username.end(), [](char c) {
    return is_lower(c) || is_digit(c) || c == '.' || c == '_' || c == '-';
  });
}

bool valid_code(std::string_view code) {
  if (code.empty() || code.size() > 32) {
    return false;
  }
  return std::all_of(code.begin(), code.end(),
                     [](char c) { return is_lower(c) || is_upper(c) || is_digit(c) || c == '_'; });
}

bool valid_session_id(std::string_view session_id) {
  return session_id.size() == 64 && std::all_of(session_id.begin(), session_id.end(), [](char c) {
           return is_digit(c) || (c >= 'a' && c <= 'f');
         });
}

Result<std::vector<PeopleEvent>> decide_people(const PeopleCommand& command, time::Instant now) {
  return std::visit([&](const auto& body) { return decide(command, body, now); }, command.body);
}

}  // namespace gongkai::domain::people
