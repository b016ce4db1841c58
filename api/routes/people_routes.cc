// Users and departments (API.md, Sessions and people): POST/GET /users, PATCH /users/{id},
// POST/GET /departments. Everything is scoped to the caller's agency: a user of another agency
// is 404 like one that does not exist.
//
// Status choices for the people decider's refusals (domain/people/people_decider.h):
//   invalid_argument (invalid_username, invalid_role, ...)      400
//   weak_password (the password policy, api/auth/password.h)     400
//   permission_denied role_forbids                               403 (the router answers first)
//   not_found user_not_found                                     404
//   an existing username / department code                       409 username_taken /
//                                                                department_exists (a clash,
//                                                                like version_conflict, not a
//                                                                rule: retrying cannot help)
//   failed_precondition unknown_department,
//                       admin_cannot_remove_own_admin            422 (a rule refuses)
//   another agency named in the body                             403 agency_forbids
#include <algorithm>
#include <set>

#include "api/auth/password.h"
#include "api/routes/route_support.h"
#include "api/routes/routes.h"
#include "api/routes/user_json.h"
#include "domain/people/people_decider.h"
#include "eventstore/codec/people_event_codec.h"
#include "eventstore/codec/record_codec.h"
#include "projections/people/people_projection.h"

namespace gongkai::api::routes {

namespace {

namespace dp = domain::people;
namespace pp = projections::people;
using domain::policy::Role;

http::HttpResponse people_problem(const domain::Status& status, std::string_view exists_code,
                                  std::string_view exists_detail) {
  if (status.reason() == "already_exists" || status.reason() == "department_exists") {
    return http::problem(409, exists_code, exists_detail);
  }
  return http::problem_from(status);
}

domain::Result<std::set<std::string>> department_codes(const app::ServerContext& context,
                                                        const std::string& agency) {
  auto departments = pp::list_departments(context.store(), agency);
  if (!departments.ok()) return departments.status();
  std::set<std::string> codes;
  for (const auto& d : *departments) codes.insert(d.code);
  return codes;
}

dp::UserFacts facts_of(const pp::UserView& user) {
  return {user.user_id, user.roles, user.departments, user.disabled};
}

json department_json(const pp::DepartmentView& d) {
  return {{"code", d.code},
          {"name", d.name},
          {"agency", d.agency},
          {"created_by", d.created.by.id},
          {"created_at", eventstore::codec::format_instant(d.created.at)}};
}

// One page of `items` (sorted by `key`) after `cursor`.
template <typename T, typename Key, typename ToJson>
http::HttpResponse page(const std::vector<T>& items, const Paging& paging, Key key,
                        ToJson to_json) {
  json list = json::array();
  json next = nullptr;
  const T* last = nullptr;
  for (const T& item : items) {
    if (!paging.cursor.empty() && key(item) <= paging.cursor) continue;
    if (list.size() == paging.limit) {
      next = key(*last);
      break;
    }
    list.push_back(to_json(item));
    last = &item;
  }
  return json_ok({{"items", list}, {"next_cursor", next}});
}

// POST /users: UserCreated and PasswordSet in one append to the new user's stream (no_stream),
// so a user never exists without a password and a second user of the same name is refused by
// the store itself.
http::HttpResponse create_user(app::ServerContext& context, http::RequestContext& ctx) {
  auto body = http::parse_json_body(ctx.request);
  if (body.problem) return *body.problem;
  http::FieldReader reader(body.value);
  const std::string username = reader.string("username", 64);
  const std::string display_name = reader.string("display_name", 400);
  const std::string password = reader.string("password", 1024);
  const std::vector<std::string> roles = reader.string_list("roles", 10, 32);
  const auto agency = reader.optional_string("agency", 64);
  const auto departments = reader.optional_string_list("departments", 100, 64);
  if (auto problem = reader.finish()) return *problem;
  const auto& admin = ctx.user();
  if (agency && *agency != admin.agency) {
    return http::problem(403, "agency_forbids", "an admin creates users of their own agency only");
  }
  if (auto policy = auth::check_password_policy(password); !policy.ok()) {
    return http::problem(400, policy.reason(), policy.message(), {{"password", policy.message()}});
  }
  auto codes = department_codes(context, admin.agency);
  if (!codes.ok()) return http::problem_from(codes.status());
  const dp::PeopleCommand create{
      .actor = admin.as(Role::admin),
      .body = dp::CreateUser{.username = username,
                             .display_name = display_name,
                             .roles = roles,
                             .agency = admin.agency,
                             .departments = departments.value_or(std::vector<std::string>{}),
                             .existing_departments = *codes}};
  auto created = dp::decide_people(create, ctx.now);
  if (!created.ok()) return people_problem(created.status(), "username_taken", "");
  const auto& user = std::get<dp::UserCreated>(created->front());
  auto record = auth::hash_password(password, context.config().password_hashing);
  if (!record.ok()) return http::problem_from(record.status());
  auto password_set = dp::decide_people(
      {.actor = admin.as(Role::admin),
       .body = dp::SetPasswordRecord{.user_id = user.user_id,
                                     .password_record = *record,
                                     .current = dp::UserFacts{user.user_id, user.roles,
                                                              user.departments, false}}},
      ctx.now);
  if (!password_set.ok()) return http::problem_from(password_set.status());
  eventstore::AppendRequest request;
  request.stream = dp::stream_of(created->front());
  request.expected = eventstore::ExpectedVersion::no_stream();
  for (const auto& event : {created->front(), password_set->front()}) {
    auto append = eventstore::codec::to_append(event, projections::commands::random_hex_id(),
                                               ctx.correlation_id, "");
    if (!append.ok()) return http::problem_from(append.status());
    request.events.push_back(std::move(*append));
  }
  auto appended = context.store().append(std::move(request));
  if (!appended.ok()) {
    if (appended.status().code() == domain::Code::conflict) {
      return http::problem(409, "username_taken", "a user named '" + username + "' exists");
    }
    return http::problem_from(appended.status());
  }
  auto view = pp::get_user(context.store(), user.user_id);
  if (!view.ok()) return http::problem_from(view.status());
  json out = user_json(*view);
  out["position"] = appended->last_position;
  return json_ok(out, 201);
}

http::HttpResponse list_users(app::ServerContext& context, http::RequestContext& ctx) {
  http::HttpResponse problem;
  auto paging = read_paging(ctx.request, &problem);
  if (!paging) return problem;
  auto users = pp::list_users(context.store(), ctx.user().agency);
  if (!users.ok()) return http::problem_from(users.status());
  return page(*users, *paging, [](const pp::UserView& u) { return u.user_id; }, &user_json);
}

// Closes each of `session_ids` with `reason` (already closed ones are skipped by the projection).
domain::Result<std::uint64_t> close_sessions(app::ServerContext& context,
                                             const http::RequestContext& ctx,
                                             const std::string& user_id,
                                             const std::vector<std::string>& session_ids,
                                             dp::SessionCloseReason reason) {
  std::uint64_t position = 0;
  for (const auto& session_id : session_ids) {
    auto closed = context.people().execute(
        {.actor = ctx.user().as(Role::admin),
         .body = dp::CloseSession{.session_id = session_id,
                                  .reason = reason,
                                  .session_exists = true,
                                  .session_open = true,
                                  .session_user_id = user_id}},
        ctx.now, ctx.correlation_id);
    if (!closed.ok()) return closed.status();
    position = closed->position;
  }
  return position;
}

// PATCH /users/{id}: roles, departments, disabled (one UserChanged) and/or password (PasswordSet,
// then SessionClosed{password_changed} for each open session). Disabling also appends
// SessionClosed{user_disabled} for the sessions that were open (the projection closes them
// anyway; the log then says so too).
http::HttpResponse change_user(app::ServerContext& context, http::RequestContext& ctx) {
  auto body = http::parse_json_body(ctx.request);
  if (body.problem) return *body.problem;
  http::FieldReader reader(body.value);
  const auto roles = reader.optional_string_list("roles", 10, 32);
  const auto departments = reader.optional_string_list("departments", 100, 64);
  const auto disabled = reader.optional_boolean("disabled");
  const auto password = reader.optional_string("password", 1024);
  if (auto problem = reader.finish()) return *problem;
  if (!roles && !departments && !disabled && !password) {
    return http::problem(400, "empty_change",
                         "name at least one of roles, departments, disabled, password");
  }
  const auto& admin = ctx.user();
  auto user = pp::get_user(context.store(), ctx.param("id"));
  if (!user.ok() || user->agency != admin.agency) {
    if (!user.ok() && user.status().code() != domain::Code::not_found) {
      return http::problem_from(user.status());
    }
    return http::problem(404, "user_not_found", "no such user");
  }
  if (password) {
    if (auto policy = auth::check_password_policy(*password); !policy.ok()) {
      return http::problem(400, policy.reason(), policy.message(),
                           {{"password", policy.message()}});
    }
  }
  std::uint64_t position = 0;
  if (roles || departments || disabled) {
    auto codes = department_codes(context, admin.agency);
    if (!codes.ok()) return http::problem_from(codes.status());
    auto open = pp::open_session_ids(context.store(), user->user_id);
    if (!open.ok()) return http::problem_from(open.status());
    auto changed = context.people().execute(
        {.actor = admin.as(Role::admin),
         .body = dp::ChangeUser{.user_id = user->user_id,
                                .roles = roles,
                                .departments = departments,
                                .disabled = disabled,
                                .current = facts_of(*user),
                                .existing_departments = *codes}},
        ctx.now, ctx.correlation_id);
    if (!changed.ok()) return http::problem_from(changed.status());
    position = changed->position;
    if (disabled.value_or(false) && !user->disabled) {
      auto closed = close_sessions(context, ctx, user->user_id, *open,
                                   dp::SessionCloseReason::user_disabled);
      if (!closed.ok()) return http::problem_from(closed.status());
      position = std::max(position, *closed);
    }
  }
  if (password) {
    auto record = auth::hash_password(*password, context.config().password_hashing);
    if (!record.ok()) return http::problem_from(record.status());
    auto current = pp::get_user(context.store(), user->user_id);
    if (!current.ok()) return http::problem_from(current.status());
    auto set = context.people().execute(
        {.actor = admin.as(Role::admin),
         .body = dp::SetPasswordRecord{.user_id = user->user_id,
                                       .password_record = *record,
                                       .current = facts_of(*current)}},
        ctx.now, ctx.correlation_id);
    if (!set.ok()) return http::problem_from(set.status());
    position = set->position;
    auto open = pp::open_session_ids(context.store(), user->user_id);
    if (!open.ok()) return http::problem_from(open.status());
    auto closed = close_sessions(context, ctx, user->user_id, *open,
                                 dp::SessionCloseReason::password_changed);
    if (!closed.ok()) return http::problem_from(closed.status());
    position = std::max(position, *closed);
  }
  auto after = pp::get_user(context.store(), user->user_id);
  if (!after.ok()) return http::problem_from(after.status());
  json out = user_json(*after);
  out["position"] = position;
  return json_ok(out);
}

http::HttpResponse create_department(app::ServerContext& context, http::RequestContext& ctx) {
  auto body = http::parse_json_body(ctx.request);
  if (body.problem) return *body.problem;
  http::FieldReader reader(body.value);
  const std::string code = reader.string("code", 64);
  const std::string name = reader.string("name", 400);
  if (auto problem = reader.finish()) return *problem;
  const auto& admin = ctx.user();
  auto codes = department_codes(context, admin.agency);
  if (!codes.ok()) return http::problem_from(codes.status());
  auto created = context.people().execute(
      {.actor = admin.as(Role::admin),
       .body = dp::CreateDepartment{
           .code = code, .name = name, .agency = admin.agency, .existing_departments = *codes}},
      ctx.now, ctx.correlation_id);
  if (!created.ok()) {
    return people_problem(created.status(), "department_exists",
                          "department '" + code + "' exists");
  }
  const auto& event = std::get<dp::DepartmentCreated>(created->events.front());
  json out = department_json(
      {event.code, event.name, event.agency, {event.actor, event.recorded_at}});
  out["position"] = created->position;
  return json_ok(out, 201);
}

http::HttpResponse list_departments(app::ServerContext& context, http::RequestContext& ctx) {
  http::HttpResponse problem;
  auto paging = read_paging(ctx.request, &problem);
  if (!paging) return problem;
  auto departments = pp::list_departments(context.store(), ctx.user().agency);
  if (!departments.ok()) return http::problem_from(departments.status());
  return page(*departments, *paging, [](const pp::DepartmentView& d) { return d.code; },
              &department_json);
}

}  // namespace

void add_people_routes(http::Router& router, app::ServerContext& context) {
  router.add({.method = "POST",
              .pattern = "/api/v1/users",
              .operation_id = "create_user",
              .summary = "Create a user of the admin's agency (201, never the password)",
              .access = http::Access::roles,
              .roles = {Role::admin},
              .handler = [&context](http::RequestContext& ctx) { return create_user(context, ctx); },
              .takes_body = true});
  router.add({.method = "GET",
              .pattern = "/api/v1/users",
              .operation_id = "list_users",
              .summary = "The agency's users, by id (paged)",
              .access = http::Access::roles,
              .roles = {Role::admin},
              .handler = [&context](http::RequestContext& ctx) { return list_users(context, ctx); },
              .takes_body = false});
  router.add({.method = "PATCH",
              .pattern = "/api/v1/users/{id}",
              .operation_id = "change_user",
              .summary = "Change a user's roles, departments, disabled flag or password",
              .access = http::Access::roles,
              .roles = {Role::admin},
              .handler = [&context](http::RequestContext& ctx) { return change_user(context, ctx); },
              .takes_body = true});
  router.add({.method = "POST",
              .pattern = "/api/v1/departments",
              .operation_id = "create_department",
              .summary = "Create a department of the admin's agency",
              .access = http::Access::roles,
              .roles = {Role::admin},
              .handler =
                  [&context](http::RequestContext& ctx) { return create_department(context, ctx); },
              .takes_body = true});
  router.add({.method = "GET",
              .pattern = "/api/v1/departments",
              .operation_id = "list_departments",
              .summary = "The agency's departments, by code (paged)",
              .access = http::Access::any_user,
              .roles = {},
              .handler =
                  [&context](http::RequestContext& ctx) { return list_departments(context, ctx); },
              .takes_body = false});
}

}  // namespace gongkai::api::routes
