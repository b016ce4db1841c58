// Sessions (API.md): POST /sessions (login), DELETE /sessions/current (logout), GET /me.
#include "api/routes/route_support.h"
#include "api/routes/routes.h"
#include "api/routes/user_json.h"
#include "eventstore/codec/record_codec.h"

namespace gongkai::api::routes {

namespace {

http::HttpResponse login(app::ServerContext& context, http::RequestContext& ctx) {
  auto body = http::parse_json_body(ctx.request);
  if (body.problem) return *body.problem;
  http::FieldReader reader(body.value);
  const std::string username = reader.string("username", 64);
  const std::string password = reader.string("password", 1024);
  if (auto problem = reader.finish()) return *problem;
  std::int64_t retry_after = 0;
  auto outcome =
      context.sessions().login(username, password, ctx.request.remote_address, ctx.now, &retry_after);
  if (!outcome.ok()) {
    auto response = http::problem_from(outcome.status());
    if (response.status == 429) response.with_header("Retry-After", std::to_string(retry_after));
    return response;
  }
  return json_ok({{"token", outcome->token},
                  {"expires_at", eventstore::codec::format_instant(outcome->expires_at)},
                  {"user", user_json(outcome->user)}},
                 201);
}

}  // namespace

json user_json(const projections::people::UserView& user) {
  json roles = json::array();
  for (auto role : user.roles) roles.push_back(domain::policy::role_name(role));
  return {{"id", user.user_id},       {"username", user.username},
          {"display_name", user.display_name}, {"roles", roles},
          {"agency", user.agency},    {"departments", user.departments},
          {"disabled", user.disabled}};
}

void add_session_routes(http::Router& router, app::ServerContext& context) {
  router.add({.method = "POST",
              .pattern = "/api/v1/sessions",
              .operation_id = "login",
              .summary = "Log in: a bearer token for username and password",
              .access = http::Access::anyone,
              .handler = [&context](http::RequestContext& ctx) { return login(context, ctx); },
              .takes_body = true});
  router.add({.method = "DELETE",
              .pattern = "/api/v1/sessions/current",
              .operation_id = "logout",
              .summary = "Log out: the token stops working at once",
              .handler = [&context](http::RequestContext& ctx) {
                auto status = context.sessions().logout(ctx.user(), ctx.now);
                return status.ok() ? http::no_content() : http::problem_from(status);
              }});
  router.add({.method = "GET",
              .pattern = "/api/v1/me",
              .operation_id = "get_me",
              .summary = "The current user",
              .handler = [&context](http::RequestContext& ctx) {
                auto user = projections::people::get_user(context.store(), ctx.user().user_id);
                if (!user.ok()) return http::problem_from(user.status());
                return json_ok(user_json(*user));
              }});
}

}  // namespace gongkai::api::routes
