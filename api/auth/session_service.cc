#include "api/auth/session_service.h"

#include "api/auth/password.h"

namespace gongkai::api::auth {

namespace {

namespace people = projections::people;
namespace dp = domain::people;
using domain::time::Instant;

domain::Status invalid_credentials() {
  return {domain::Code::unauthenticated, "invalid_credentials", "wrong username or password"};
}

Instant plus_seconds(Instant t, std::int64_t seconds) {
  return Instant::from_unix_micros(t.unix_micros() + seconds * 1'000'000);
}

dp::UserFacts facts_of(const people::UserView& user) {
  return {user.user_id, user.roles, user.departments, user.disabled};
}

}  // namespace

SessionService::SessionService(eventstore::EventStore& store,
                               projections::commands::PeopleCommandService& people,
                               SessionSettings settings, ThrottleSettings throttle)
    : store_(store), people_(people), settings_(settings), throttle_(throttle) {
  dummy_record_ = unmatchable_record(settings_.password_hashing);
}

void SessionService::rehash(const domain::policy::Actor& self, const people::UserView& user,
                            const std::string& password, Instant now) {
  // The login stands either way: the old record still verifies, and the next login tries again.
  auto record = hash_password(password, settings_.password_hashing);
  if (!record.ok()) return;
  (void)people_.execute({.actor = self,
                         .body = dp::SetPasswordRecord{.user_id = user.user_id,
                                                       .password_record = *record,
                                                       .current = facts_of(user)}},
                        now);
}

Principal SessionService::principal_of(const people::UserView& user, std::string session_id) {
  return {user.user_id, user.username, user.display_name, user.roles,
          user.agency,  user.departments, std::move(session_id)};
}

domain::Result<LoginOutcome> SessionService::login(const std::string& username,
                                                   const std::string& password,
                                                   const std::string& remote_address, Instant now,
                                                   std::int64_t* retry_after_seconds) {
  if (const auto wait = throttle_.retry_after(username, remote_address, now); wait > 0) {
    if (retry_after_seconds != nullptr) *retry_after_seconds = wait;
    return domain::Status{domain::Code::resource_exhausted, "too_many_attempts",
                          "too many failed logins; try again later"};
  }
  auto user = people::find_user_by_username(store_, username);
  std::string record = dummy_record_;
  if (user.ok()) {
    if (auto stored = people::find_password_record(store_, user->user_id); stored.ok()) {
      record = stored->password_record;
    }
  }
  const bool password_ok = verify_password(password, record);
  if (!user.ok() || !password_ok || user->disabled) {
    throttle_.record_failure(username, remote_address, now);
    return invalid_credentials();
  }
  throttle_.record_success(username);
  const domain::policy::Actor self{
      user->user_id, user->roles.empty() ? domain::policy::Role::system : user->roles[0],
      user->departments};
  if (weaker_than(record, settings_.password_hashing)) rehash(self, *user, password, now);

  LoginOutcome outcome;
  outcome.token = random_hex(32);
  outcome.expires_at = plus_seconds(now, settings_.absolute_seconds);
  const std::string session_id = sha256_hex(outcome.token);
  dp::PeopleCommand open{
      .actor = self,
      .body = dp::OpenSession{.session_id = session_id,
                              .user_id = user->user_id,
                              .expires_at = outcome.expires_at,
                              .idle_timeout_seconds = settings_.idle_seconds,
                              .user = facts_of(*user)},
  };
  auto opened = people_.execute(open, now);
  if (!opened.ok()) return opened.status();
  {
    std::lock_guard lock(activity_mutex_);
    last_activity_[session_id] = now;
  }
  outcome.user = std::move(*user);
  return outcome;
}

domain::Result<Principal> SessionService::authenticate(const http::HttpRequest& request,
                                                       Instant now) {
  const auto header = request.header("authorization");
  constexpr std::string_view kBearer = "Bearer ";
  if (!header || header->size() <= kBearer.size() || !header->starts_with(kBearer)) {
    return domain::Status{domain::Code::unauthenticated, "missing_token",
                          "send Authorization: Bearer <token>"};
  }
  const domain::Status invalid{domain::Code::unauthenticated, "invalid_token",
                               "the token is unknown, expired or logged out"};
  const std::string token = header->substr(kBearer.size());
  if (token.size() != 64) return invalid;
  const std::string session_id = sha256_hex(token);
  auto session = people::find_session(store_, session_id);
  if (!session.ok()) return invalid;
  Instant last = session->last_known_at;
  {
    std::lock_guard lock(activity_mutex_);
    auto it = last_activity_.find(session_id);
    if (it == last_activity_.end()) {
      // Not seen since this process started: the idle clock starts now (see the header).
      it = last_activity_.emplace(session_id, now).first;
    }
    last = it->second;
  }
  if (!people::session_usable(*session, now, last)) {
    std::lock_guard lock(activity_mutex_);
    last_activity_.erase(session_id);
    return invalid;
  }
  auto user = people::get_user(store_, session->user_id);
  if (!user.ok() || user->disabled) return invalid;
  {
    std::lock_guard lock(activity_mutex_);
    last_activity_[session_id] = now;
  }
  return principal_of(*user, session_id);
}

domain::Status SessionService::logout(const Principal& principal, Instant now) {
  dp::PeopleCommand close{
      .actor = principal.as(principal.roles.empty() ? domain::policy::Role::system
                                                    : principal.roles[0]),
      .body = dp::CloseSession{.session_id = principal.session_id,
                               .reason = dp::SessionCloseReason::logout,
                               .session_exists = true,
                               .session_open = true,
                               .session_user_id = principal.user_id},
  };
  auto closed = people_.execute(close, now);
  std::lock_guard lock(activity_mutex_);
  last_activity_.erase(principal.session_id);
  return closed.ok() ? domain::Status{} : closed.status();
}

}  // namespace gongkai::api::auth
