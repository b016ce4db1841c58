#include "api/routes/case_access.h"

#include "domain/policy/case_policy.h"
#include "eventstore/codec/record_codec.h"

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
  return case_not_found();
}

}  // namespace gongkai::api::routes
