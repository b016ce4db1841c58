#include "api/routes/case_access.h"

#include <algorithm>

#include "api/http/problem.h"
#include "domain/policy/case_policy.h"
#include "eventstore/codec/record_codec.h"
#include "projections/people/people_projection.h"

namespace gongkai::api::routes {

namespace {

using domain::policy::Role;

// Broadest view first: a supervisor who is also a handler sees every case.
constexpr Role kViewingOrder[] = {Role::supervisor, Role::auditor, Role::handler, Role::registrar};

domain::Status case_not_found() { return domain::not_found("case_not_found", "no such case"); }

}  // namespace

domain::policy::CaseScope scope_of(const domain::cases::CaseState& state) {
  return {true, state.registered_by, state.department};
}

void audit_hidden(app::ServerContext& context, const http::RequestContext& ctx) {
  context.metrics().record_denial();
  context.audit().record({"denied", ctx.principal ? ctx.principal->user_id : "",
                          ctx.request.method, ctx.request.path, 404, "case_not_visible",
                          eventstore::codec::format_instant(ctx.now)});
}

domain::Result<CaseAccess> see_case(app::ServerContext& context, const http::RequestContext& ctx,
                                    const std::string& case_id) {
  auto loaded = context.cases().load(case_id);
  if (!loaded.ok()) return loaded.status();
  if (loaded->version == 0) return case_not_found();
  const auto scope = scope_of(loaded->state);
  for (Role role : kViewingOrder) {
    if (!ctx.user().has_role(role)) continue;
    auto actor = ctx.user().as(role);
    if (domain::policy::may_see_case(actor, scope)) {
      return CaseAccess{std::move(loaded->state), loaded->version, std::move(actor)};
    }
  }
  audit_hidden(context, ctx);
  return case_not_found();
}

domain::Result<domain::policy::Actor> actor_for(const std::string& command,
                                                const auth::Principal& user,
                                                const domain::policy::CaseScope& scope) {
  const auto* rule = domain::policy::find_rule(command);
  if (rule == nullptr) {
    return domain::invalid_argument("unknown_command", "unknown command " + command);
  }
  bool holds_a_role = false;
  for (Role role : user.roles) {
    if (!rule->roles.contains(role)) continue;
    holds_a_role = true;
    auto actor = user.as(role);
    if (domain::policy::authorize(command, actor, scope).ok()) return actor;
  }
  if (!holds_a_role) {
    return domain::permission_denied("role_forbids", "none of your roles may " + command);
  }
  // The user sees the case in another role (a registrar who also handles for another
  // department): the case is no secret to them, the command is just not theirs to give here.
  for (Role role : user.roles) {
    if (domain::policy::may_see_case(user.as(role), scope)) {
      return domain::permission_denied(
          "role_forbids", "none of your roles that may " + command + " covers this case");
    }
  }
  return case_not_found();
}

std::optional<http::HttpResponse> check_department(app::ServerContext& context,
                                                   const std::string& field,
                                                   const std::string& code) {
  auto departments =
      projections::people::list_departments(context.store(), context.config().agency_code);
  if (!departments.ok()) return http::problem_from(departments.status());
  for (const auto& department : *departments) {
    if (department.code == code) return std::nullopt;
  }
  return http::problem(400, "unknown_department", "no department " + code + " in this agency",
                       {{field, "is not a department of this agency"}});
}

std::optional<http::HttpResponse> check_references(app::ServerContext& context,
                                                   const domain::cases::CommandBody& body) {
  namespace dc = domain::cases;
  if (const auto* transfer = std::get_if<dc::TransferCase>(&body)) {
    return check_department(context, "to_department", transfer->to_department);
  }
  const auto* assign = std::get_if<dc::AssignCase>(&body);
  if (assign == nullptr) return std::nullopt;
  if (auto problem = check_department(context, "department", assign->department)) return problem;
  if (!assign->handler) return std::nullopt;
  auto user = projections::people::get_user(context.store(), *assign->handler);
  if (!user.ok() && user.status().code() != domain::Code::not_found) {
    return http::problem_from(user.status());
  }
  const bool fits = user.ok() && !user->disabled &&
                    user->agency == context.config().agency_code &&
                    std::find(user->roles.begin(), user->roles.end(), Role::handler) !=
                        user->roles.end() &&
                    std::find(user->departments.begin(), user->departments.end(),
                              assign->department) != user->departments.end();
  if (fits) return std::nullopt;
  return http::problem(400, "unknown_handler",
                       "no handler " + *assign->handler + " in department " + assign->department,
                       {{"handler", "is not a handler (user id) of that department"}});
}

}  // namespace gongkai::api::routes
