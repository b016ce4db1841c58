// One sample of every people event type (the golden files' content), for the codec tests.
#pragma once

#include <string>
#include <string_view>

#include "domain/people/people_events.h"

namespace gongkai::testing::people_samples {

namespace people = domain::people;
using domain::policy::ActorRef;
using domain::policy::Role;

inline constexpr std::string_view kSessionId =
    "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

template <typename E>
E stamped(E event) {
  event.actor = ActorRef{"u-root", Role::admin};
  event.recorded_at = domain::time::Instant::from_unix_micros(1'614'556'800'123'456);
  return event;
}

template <typename E>
struct Tag {};

inline people::UserCreated sample(Tag<people::UserCreated> /*unused*/) {
  people::UserCreated e;
  e.user_id = "u-alice";
  e.username = "alice";
  e.display_name = "李爱丽";
  e.roles = {Role::registrar, Role::handler};
  e.agency = "CJZ";
  e.departments = {"LEGAL", "OFFICE"};
  return stamped(e);
}
inline people::UserChanged sample(Tag<people::UserChanged> /*unused*/) {
  people::UserChanged e;
  e.user_id = "u-alice";
  e.roles = {Role::handler, Role::supervisor};
  e.departments = {"OFFICE"};
  e.disabled = true;
  return stamped(e);
}
inline people::PasswordSet sample(Tag<people::PasswordSet> /*unused*/) {
  people::PasswordSet e;
  e.user_id = "u-alice";
  e.password_record = "scrypt$131072$8$1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA";
  return stamped(e);
}
inline people::DepartmentCreated sample(Tag<people::DepartmentCreated> /*unused*/) {
  people::DepartmentCreated e;
  e.code = "LEGAL";
  e.name = "法规科";
  e.agency = "CJZ";
  return stamped(e);
}
inline people::SessionOpened sample(Tag<people::SessionOpened> /*unused*/) {
  people::SessionOpened e;
  e.session_id = std::string(kSessionId);
  e.user_id = "u-alice";
  e.expires_at = domain::time::Instant::from_unix_micros(1'614'585'600'000'000);
  e.idle_timeout_seconds = 1800;
  e = stamped(e);
  e.actor = ActorRef{"u-alice", Role::handler};
  return e;
}
inline people::SessionClosed sample(Tag<people::SessionClosed> /*unused*/) {
  people::SessionClosed e;
  e.session_id = std::string(kSessionId);
  e.reason = people::SessionCloseReason::password_changed;
  return stamped(e);
}

}  // namespace gongkai::testing::people_samples
