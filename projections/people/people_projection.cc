#include "projections/people/people_projection.h"

#include <utility>
#include <variant>

#include "eventstore/codec/people_event_codec.h"
#include "projections/people/people_state.h"

namespace gongkai::projections::people {
namespace {

namespace events = domain::people;
using state::json;

constexpr std::size_t kScanLimit = std::size_t{1} << 24;

std::optional<json> read_json(const StateReader& state, const std::string& key) {
  const auto value = state.get(key);
  if (!value.has_value()) {
    return std::nullopt;
  }
  json parsed = json::parse(*value, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) {
    return std::nullopt;
  }
  return parsed;
}

void write_json(StateWriter& state, const std::string& key, const json& value) {
  state.put(key, value.dump());
}

Stamp stamp_of(const events::PeopleEventBase& e) { return {e.actor, e.recorded_at}; }

// Marks the session closed (if it is open) and drops it from the user's open sessions.
void close_session(StateWriter& state, SessionView session, events::SessionCloseReason reason,
                   const Stamp& stamp) {
  if (!session.open) {
    return;
  }
  session.open = false;
  session.closed_reason = reason;
  session.closed = stamp;
  write_json(state, state::session_key(session.session_id), state::to_json(session));
  state.remove(state::user_session_prefix(session.user_id) + session.session_id);
}

class Applier {
 public:
  Applier(const eventstore::RecordedEvent& recorded, StateWriter& state)
      : recorded_(recorded), state_(state) {}

  void operator()(const events::UserCreated& e) {
    if (state_.get(state::user_key(e.user_id)).has_value()) {
      return;  // the store's no_stream makes this impossible; the first creation stands
    }
    UserView user{e.user_id,     e.username, e.display_name, e.roles,    e.agency,
                  e.departments, false,      stamp_of(e),    stamp_of(e)};
    write_json(state_, state::user_key(e.user_id), state::to_json(user));
    state_.put(state::username_key(e.username), e.user_id);
    state_.put(state::agency_user_prefix(e.agency) + e.user_id, "");
    record_grant(e.user_id, e.kType, stamp_of(e), e.roles, e.departments, false);
  }

  void operator()(const events::UserChanged& e) {
    const auto stored = read_json(state_, state::user_key(e.user_id));
    if (!stored.has_value()) {
      return;
    }
    UserView user = state::user_from_json(*stored);
    user.roles = e.roles;
    user.departments = e.departments;
    user.disabled = e.disabled;
    user.changed = stamp_of(e);
    write_json(state_, state::user_key(e.user_id), state::to_json(user));
    record_grant(e.user_id, e.kType, stamp_of(e), e.roles, e.departments, e.disabled);
    if (e.disabled) {
      for (const auto& [key, value] :
           state_.scan(state::user_session_prefix(e.user_id), kScanLimit)) {
        const std::string session_id = key.substr(state::user_session_prefix(e.user_id).size());
        if (const auto session = read_json(state_, state::session_key(session_id))) {
          close_session(state_, state::session_from_json(*session),
                        events::SessionCloseReason::user_disabled, stamp_of(e));
        }
      }
    }
  }

  void operator()(const events::PasswordSet& e) {
    if (!state_.get(state::user_key(e.user_id)).has_value()) {
      return;
    }
    write_json(state_, state::password_key(e.user_id),
               state::to_json(PasswordRecordView{e.user_id, e.password_record, stamp_of(e)}));
  }

  void operator()(const events::DepartmentCreated& e) {
    if (state_.get(state::department_key(e.code)).has_value()) {
      return;
    }
    write_json(state_, state::department_key(e.code),
               state::to_json(DepartmentView{e.code, e.name, e.agency, stamp_of(e)}));
  }

  void operator()(const events::SessionOpened& e) {
    if (state_.get(state::session_key(e.session_id)).has_value()) {
      return;  // opened with no_stream: a token hash is never reused
    }
    SessionView session;
    session.session_id = e.session_id;
    session.user_id = e.user_id;
    session.opened_at = e.recorded_at;
    session.expires_at = e.expires_at;
    session.idle_timeout_seconds = e.idle_timeout_seconds;
    session.last_known_at = e.recorded_at;
    session.open = true;
    write_json(state_, state::session_key(e.session_id), state::to_json(session));
    state_.put(state::user_session_prefix(e.user_id) + e.session_id, "");
    const auto user = read_json(state_, state::user_key(e.user_id));
    if (!user.has_value() || state::user_from_json(*user).disabled) {
      close_session(state_, session, events::SessionCloseReason::user_disabled, stamp_of(e));
    }
  }

  void operator()(const events::SessionClosed& e) {
    if (const auto session = read_json(state_, state::session_key(e.session_id))) {
      close_session(state_, state::session_from_json(*session), e.reason, stamp_of(e));
    }
  }

 private:
  void record_grant(const std::string& user_id, std::string_view type, const Stamp& stamp,
                    const std::vector<domain::policy::Role>& roles,
                    const std::vector<std::string>& departments, bool disabled) {
    const GrantEntry grant{recorded_.position, std::string(type), stamp, roles,
                           departments,        disabled};
    write_json(state_, state::grant_key(user_id, recorded_.position), state::to_json(grant));
  }

  const eventstore::RecordedEvent& recorded_;
  StateWriter& state_;
};

}  // namespace

void PeopleProjection::apply(const eventstore::RecordedEvent& event, StateWriter& state) {
  if (!eventstore::codec::is_people_event_type(event.type)) {
    return;
  }
  const auto decoded = eventstore::codec::decode_people_event(event);
  if (!decoded.ok()) {
    return;  // a projection must not fail on what the log holds; the codec's tests guard shapes
  }
  try {
    std::visit(Applier(event, state), *decoded);
  } catch (const json::exception&) {  // our own state unreadable: skip rather than stop the store
  }
}

bool session_usable(const SessionView& session, domain::time::Instant now,
                    domain::time::Instant last_activity) {
  const auto idle_until = domain::time::Instant::from_unix_micros(
      last_activity.unix_micros() + session.idle_timeout_seconds * 1'000'000);
  return session.open && now < session.expires_at && now < idle_until;
}

}  // namespace gongkai::projections::people
