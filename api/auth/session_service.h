// Sessions (API.md, Sessions and people): login with username and password, opaque bearer tokens,
// idle and absolute expiry, logout.
//
// - The token is 32 random bytes (64 hex digits) given to the client once; the store keeps only
//   its SHA-256, which is the session id (stream session-<sha256>), so a stolen log or backup
//   holds no usable token.
// - Absolute expiry is an event field (expires_at); idle expiry is judged against the last use,
//   which is kept in memory (one event per request would flood the log): after a restart a
//   session's idle clock restarts from when the server started.
// - Wrong username and wrong password are the same answer (401 invalid_credentials), and a
//   missing user still costs one scrypt, so timing does not tell which.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "api/auth/login_throttle.h"
#include "api/auth/password.h"
#include "api/auth/principal.h"
#include "api/http/http_types.h"
#include "domain/base/status.h"
#include "domain/time/instant.h"
#include "eventstore/event_store.h"
#include "projections/commands/people_command_service.h"
#include "projections/people/people_projection.h"

namespace gongkai::api::auth {

struct SessionSettings {
  std::int64_t absolute_seconds = 12 * 3600;  // a working day and then some
  std::int64_t idle_seconds = 30 * 60;
  // Of the record an unknown username's password is checked against, so that it costs what a
  // known one's does: the cost of the users' records. A user whose record was made with less is
  // hashed again at their next successful login (a PasswordSet event by the user).
  ScryptParameters password_hashing;
};

struct LoginOutcome {
  std::string token;
  domain::time::Instant expires_at;
  projections::people::UserView user;
};

class SessionService {
 public:
  SessionService(eventstore::EventStore& store, projections::commands::PeopleCommandService& people,
                 SessionSettings settings, ThrottleSettings throttle);

  // unauthenticated invalid_credentials; resource_exhausted too_many_attempts (then
  // *retry_after_seconds says how long); the store's errors.
  [[nodiscard]] domain::Result<LoginOutcome> login(const std::string& username,
                                                   const std::string& password,
                                                   const std::string& remote_address,
                                                   domain::time::Instant now,
                                                   std::int64_t* retry_after_seconds);

  // From `Authorization: Bearer <token>`: unauthenticated missing_token / invalid_token.
  [[nodiscard]] domain::Result<Principal> authenticate(const http::HttpRequest& request,
                                                       domain::time::Instant now);

  // Closes the principal's session (logout).
  [[nodiscard]] domain::Status logout(const Principal& principal, domain::time::Instant now);

  // The principal of a user (for sessions and for tests).
  [[nodiscard]] static Principal principal_of(const projections::people::UserView& user,
                                              std::string session_id);

 private:
  // Replaces the user's record by one at `password_hashing`'s cost; a failure leaves the old.
  void rehash(const domain::policy::Actor& self, const projections::people::UserView& user,
              const std::string& password, domain::time::Instant now);

  eventstore::EventStore& store_;
  projections::commands::PeopleCommandService& people_;
  SessionSettings settings_;
  LoginThrottle throttle_;
  std::string dummy_record_;  // verified against when the user does not exist
  std::mutex activity_mutex_;
  std::unordered_map<std::string, domain::time::Instant> last_activity_;  // session id -> last use
};

}  // namespace gongkai::api::auth
