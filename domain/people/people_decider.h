// The people decider: validation and decisions for users, departments and sessions, pure (no
// store, no clock). Each command carries the facts it is decided on (the existing department
// codes, the target user's current state, the session's state), read by the caller from the
// `people` projection; the store then guarantees what a read cannot (module README):
// - username uniqueness: a user is created in stream `user-<user_id_for_username(username)>`
//   with ExpectedVersion::no_stream, so a second create of the same name is a version_conflict;
// - department uniqueness likewise (`department-<code>`, no_stream), `department_exists` here is
//   the early, friendlier answer.
//
// Refusals (Status reason):
//   permission_denied role_forbids              create/change user, create department: not admin;
//                                               set password, close session: neither admin nor
//                                               the user (closing: nor the system timer)
//   invalid_argument  invalid_username          not 3..32 of [a-z0-9._-] starting with a letter
//   invalid_argument  invalid_display_name      empty or longer than 100 bytes
//   invalid_argument  invalid_role              unknown role name, or "system", or none at all
//   invalid_argument  invalid_agency            not 1..32 of [A-Za-z0-9_]
//   invalid_argument  invalid_department_code   not 1..32 of [A-Za-z0-9_]
//   invalid_argument  invalid_department_name   empty or longer than 100 bytes
//   failed_precondition unknown_department      a department code not among the existing ones
//   failed_precondition department_exists       create department: the code is taken
//   not_found         user_not_found            change/password/session: no such user
//   failed_precondition admin_cannot_remove_own_admin  an admin dropping admin from, or disabling,
//                                               their own account (interpretation: no lockout)
//   invalid_argument  invalid_password_record   empty, not "scrypt$...", over 1024 bytes or
//                                               containing a space or control character
//   failed_precondition user_disabled           open session for a disabled user
//   invalid_argument  invalid_session_id        not 64 lowercase hex digits
//   invalid_argument  invalid_expiry            expires_at not after now, or idle timeout <= 0
//   not_found         session_not_found         close: no such session
//   failed_precondition session_closed          close: already closed
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "domain/base/status.h"
#include "domain/people/people_events.h"
#include "domain/policy/roles.h"
#include "domain/time/instant.h"

namespace gongkai::domain::people {

// What the caller knows of a user now (from the projection).
struct UserFacts {
  std::string user_id;
  std::vector<policy::Role> roles;
  std::vector<std::string> departments;
  bool disabled = false;
};

struct CreateUser {
  std::string username;
  std::string display_name;
  std::vector<std::string> roles;  // wire names, as the API receives them
  std::string agency;
  std::vector<std::string> departments;
  std::set<std::string> existing_departments;
};

// PATCH semantics: an absent field keeps its current value; the event carries the full result.
struct ChangeUser {
  std::string user_id;
  std::optional<std::vector<std::string>> roles;
  std::optional<std::vector<std::string>> departments;
  std::optional<bool> disabled;
  std::optional<UserFacts> current;  // nullopt: no such user
  std::set<std::string> existing_departments;
};

struct SetPasswordRecord {
  std::string user_id;
  std::string password_record;
  std::optional<UserFacts> current;
};

struct CreateDepartment {
  std::string code;
  std::string name;
  std::string agency;
  std::set<std::string> existing_departments;
};

struct OpenSession {
  std::string session_id;
  std::string user_id;
  time::Instant expires_at;
  std::int64_t idle_timeout_seconds = 0;
  std::optional<UserFacts> user;  // nullopt: no such user
};

struct CloseSession {
  std::string session_id;
  SessionCloseReason reason = SessionCloseReason::logout;
  bool session_exists = false;
  bool session_open = false;
  std::string session_user_id;  // whose session it is
};

using PeopleCommandBody = std::variant<CreateUser, ChangeUser, SetPasswordRecord, CreateDepartment,
                                       OpenSession, CloseSession>;

struct PeopleCommand {
  policy::Actor actor;  // who asks (from the session; the system actor for expiry)
  PeopleCommandBody body;
};

// The events to append (to stream_of(event)), or why not. Events carry actor.ref() and `now`.
[[nodiscard]] Result<std::vector<PeopleEvent>> decide_people(const PeopleCommand& command,
                                                             time::Instant now);

// The checks on their own, for the API layer's early validation.
[[nodiscard]] bool valid_username(std::string_view username);
[[nodiscard]] bool valid_code(std::string_view code);  // agency and department codes
[[nodiscard]] bool valid_session_id(std::string_view session_id);

}  // namespace gongkai::domain::people
