// The `people` projection (DESIGN.md, Projections): users, their roles and departments and who
// granted them, the current password record (for login), departments and sessions, built from
// the people events of domain/people/people_events.h. The queries read the projection's state
// through EventStore::get_state/scan_state (so they see every acknowledged append).
//
// State (under "people/", values JSON unless noted; ids hold no '/'):
//   user/<user id>                   the user (no password)
//   username/<username>              -> user id (plain string)
//   agency_user/<agency>/<user id>   "" (list_users)
//   grant/<user id>/<position:020>   one UserCreated/UserChanged: roles, departments, disabled,
//                                    actor, recorded_at ("who granted what")
//   password/<user id>               the current scrypt record, who set it and when
//   department/<code>                code, name, agency, created by/at
//   session/<session id>             user, opened/expires/idle timeout, open or closed (+ reason)
//   user_session/<user id>/<session id>  "" while the session is open
//
// Decisions: disabling a user closes the user's open sessions in the projection itself (reason
// user_disabled, by the disabling event's actor and time), and a session opened for a user who is
// disabled or unknown is recorded closed (user_disabled): the read side alone makes a disabled
// user's tokens stop working, even if the API never appends the SessionClosed events. A password
// change does NOT close sessions here (a login rehash also sets a record): the API appends
// SessionClosed{password_changed}. A SessionClosed for a session already closed keeps the first
// close. Events the projection cannot use (unknown user, undecodable) are ignored.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/base/status.h"
#include "domain/people/people_events.h"
#include "domain/policy/roles.h"
#include "domain/time/instant.h"
#include "eventstore/event_store.h"
#include "projections/projection.h"

namespace gongkai::projections::people {

inline constexpr std::string_view kPeopleProjection = "people";

class PeopleProjection final : public Projection {
 public:
  [[nodiscard]] std::string_view name() const override { return kPeopleProjection; }
  [[nodiscard]] int version() const override { return 1; }
  void apply(const eventstore::RecordedEvent& event, StateWriter& state) override;
};

struct Stamp {
  domain::policy::ActorRef by;
  domain::time::Instant at;
};

struct UserView {
  std::string user_id;
  std::string username;
  std::string display_name;
  std::vector<domain::policy::Role> roles;
  std::string agency;
  std::vector<std::string> departments;
  bool disabled = false;
  Stamp created;
  Stamp changed;  // the last UserCreated/UserChanged (equal to `created` until a change)
};

struct GrantEntry {
  std::uint64_t position = 0;
  std::string type;  // user.created.v1 | user.changed.v1
  Stamp stamp;
  std::vector<domain::policy::Role> roles;
  std::vector<std::string> departments;
  bool disabled = false;
};

struct PasswordRecordView {
  std::string user_id;
  std::string password_record;
  Stamp set;
};

struct DepartmentView {
  std::string code;
  std::string name;
  std::string agency;
  Stamp created;
};

struct SessionView {
  std::string session_id;
  std::string user_id;
  domain::time::Instant opened_at;
  domain::time::Instant expires_at;
  std::int64_t idle_timeout_seconds = 0;
  bool open = false;
  std::optional<domain::people::SessionCloseReason> closed_reason;
  std::optional<Stamp> closed;
  // The last instant the log knows the session was used: activity is not an event (one per
  // request would flood the log), so this is opened_at; the server tracks idle time in memory.
  domain::time::Instant last_known_at;
};

// Errors: not_found user_not_found / session_not_found; internal corrupt_state when stored state
// does not parse; the store's read errors as they are.
[[nodiscard]] domain::Result<UserView> get_user(const eventstore::EventStore& store,
                                                std::string_view user_id);
[[nodiscard]] domain::Result<UserView> find_user_by_username(const eventstore::EventStore& store,
                                                             std::string_view username);
// The agency's users, by user id.
[[nodiscard]] domain::Result<std::vector<UserView>> list_users(const eventstore::EventStore& store,
                                                               std::string_view agency);
// The user's UserCreated and UserChanged, oldest first; not_found if the user does not exist.
[[nodiscard]] domain::Result<std::vector<GrantEntry>> user_grants(
    const eventstore::EventStore& store, std::string_view user_id);
// The current password record; not_found password_not_set when none was ever set.
[[nodiscard]] domain::Result<PasswordRecordView> find_password_record(
    const eventstore::EventStore& store, std::string_view user_id);
// The agency's departments, by code.
[[nodiscard]] domain::Result<std::vector<DepartmentView>> list_departments(
    const eventstore::EventStore& store, std::string_view agency);
[[nodiscard]] domain::Result<SessionView> find_session(const eventstore::EventStore& store,
                                                       std::string_view session_id);
// The ids of the user's open sessions (to close them, e.g. after a password change), by id.
[[nodiscard]] domain::Result<std::vector<std::string>> open_session_ids(
    const eventstore::EventStore& store, std::string_view user_id);

// Whether a session lets a request through at `now`: open, before expires_at, and within the idle
// timeout of `last_activity` (the server's in-memory last use, or last_known_at).
[[nodiscard]] bool session_usable(const SessionView& session, domain::time::Instant now,
                                  domain::time::Instant last_activity);

}  // namespace gongkai::projections::people
