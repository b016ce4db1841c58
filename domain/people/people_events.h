// People as events (DESIGN.md: users, departments and sessions live in their own streams, "so who
// granted what is in the log"). Plain data, standard library only, like cases/case_events.h; the
// JSON shapes are in eventstore/codec/people_event_codec.h and pinned by golden files.
//
// Streams (stream_of below):
//   user-<user id>          UserCreated, UserChanged, PasswordSet
//   department-<code>       DepartmentCreated
//   session-<session id>    SessionOpened, SessionClosed
// A user's id is derived from the username (user_id_for_username: "u-<username>"), so creating a
// user appends to `user-u-<username>` with ExpectedVersion::no_stream and the store itself refuses
// a second user with the same name (version_conflict) — no uniqueness index can race.
// Sessions get their own stream rather than the user's: logins do not contend with admin changes
// on the user stream, a session's open/close pair reads as one short history, and opening with
// no_stream makes a token hash impossible to reuse.
//
// Secrets: PasswordSet carries the opaque scrypt record built by the API layer (never a password);
// a session id is the SHA-256 hex of the bearer token (never the token). RELIABILITY.md section 3.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "domain/base/enum_names.h"
#include "domain/policy/roles.h"
#include "domain/time/instant.h"

namespace gongkai::domain::people {

struct PeopleEventBase {
  policy::ActorRef actor;
  time::Instant recorded_at;
};

struct UserCreated : PeopleEventBase {
  static constexpr std::string_view kType = "user.created.v1";
  std::string user_id;
  std::string username;
  std::string display_name;
  std::vector<policy::Role> roles;
  std::string agency;
  std::vector<std::string> departments;
};

// The full new values (not a diff), so one event says what the user held after the change.
struct UserChanged : PeopleEventBase {
  static constexpr std::string_view kType = "user.changed.v1";
  std::string user_id;
  std::vector<policy::Role> roles;
  std::vector<std::string> departments;
  bool disabled = false;
};

struct PasswordSet : PeopleEventBase {
  static constexpr std::string_view kType = "user.password_set.v1";
  std::string user_id;
  std::string password_record;  // "scrypt$..." built by the API layer; opaque here
};

struct DepartmentCreated : PeopleEventBase {
  static constexpr std::string_view kType = "department.created.v1";
  std::string code;
  std::string name;
  std::string agency;
};

struct SessionOpened : PeopleEventBase {
  static constexpr std::string_view kType = "session.opened.v1";
  std::string session_id;  // lowercase hex SHA-256 of the bearer token
  std::string user_id;
  time::Instant expires_at;
  std::int64_t idle_timeout_seconds = 0;
};

enum class SessionCloseReason { logout, revoked, expired, password_changed, user_disabled };
inline constexpr std::array<EnumName<SessionCloseReason>, 5> kSessionCloseReasonNames{{
    {SessionCloseReason::logout, "logout"},
    {SessionCloseReason::revoked, "revoked"},
    {SessionCloseReason::expired, "expired"},
    {SessionCloseReason::password_changed, "password_changed"},
    {SessionCloseReason::user_disabled, "user_disabled"},
}};
[[nodiscard]] constexpr std::string_view close_reason_name(SessionCloseReason reason) {
  return name_in(kSessionCloseReasonNames, reason);
}
[[nodiscard]] constexpr std::optional<SessionCloseReason> parse_close_reason(std::string_view n) {
  return parse_in(kSessionCloseReasonNames, n);
}

struct SessionClosed : PeopleEventBase {
  static constexpr std::string_view kType = "session.closed.v1";
  std::string session_id;
  SessionCloseReason reason = SessionCloseReason::logout;
};

using PeopleEvent = std::variant<UserCreated, UserChanged, PasswordSet, DepartmentCreated,
                                 SessionOpened, SessionClosed>;

[[nodiscard]] inline std::string_view event_type(const PeopleEvent& event) {
  return std::visit([](const auto& e) { return std::remove_cvref_t<decltype(e)>::kType; }, event);
}
[[nodiscard]] inline const PeopleEventBase& event_base(const PeopleEvent& event) {
  return std::visit([](const auto& e) -> const PeopleEventBase& { return e; }, event);
}

inline constexpr std::string_view kUserIdPrefix = "u-";
// "u-<username>": the id every stream, actor and case field uses for the user.
[[nodiscard]] inline std::string user_id_for_username(std::string_view username) {
  return std::string(kUserIdPrefix) + std::string(username);
}

[[nodiscard]] inline std::string user_stream(std::string_view user_id) {
  return "user-" + std::string(user_id);
}
[[nodiscard]] inline std::string department_stream(std::string_view code) {
  return "department-" + std::string(code);
}
[[nodiscard]] inline std::string session_stream(std::string_view session_id) {
  return "session-" + std::string(session_id);
}
// The stream an event belongs in.
[[nodiscard]] std::string stream_of(const PeopleEvent& event);

}  // namespace gongkai::domain::people
