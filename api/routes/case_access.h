// Who may see and act on a case (API.md: visibility; a case the user may not see answers 404,
// exactly like a case that does not exist, and the refusal is audited).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "api/app/server_context.h"
#include "api/http/router.h"
#include "domain/base/status.h"
#include "domain/cases/case_commands.h"
#include "domain/cases/case_state.h"
#include "domain/policy/roles.h"

namespace gongkai::api::routes {

struct CaseAccess {
  domain::cases::CaseState state;
  std::uint64_t version = 0;
  domain::policy::Actor actor;  // the user in the role that sees (or may act on) the case
};

[[nodiscard]] domain::policy::CaseScope scope_of(const domain::cases::CaseState& state);

// The case, if the user sees it in one of their roles; not_found "case_not_found" otherwise.
[[nodiscard]] domain::Result<CaseAccess> see_case(app::ServerContext& context,
                                                  const http::RequestContext& ctx,
                                                  const std::string& case_id);

// The actor in which the user may issue `command` on the case: permission_denied role_forbids
// when none of the user's roles may issue it, or when the roles that may do not see the case but
// another of the user's roles does; not_found case_not_found when the user does not see it at all.
[[nodiscard]] domain::Result<domain::policy::Actor> actor_for(const std::string& command,
                                                              const auth::Principal& user,
                                                              const domain::policy::CaseScope& scope);

// A department named in a body (`field`) must be one of the agency's: 400 unknown_department
// otherwise (a typo must not strand a case where no handler sees it). nullopt when it is.
[[nodiscard]] std::optional<http::HttpResponse> check_department(app::ServerContext& context,
                                                                 const std::string& field,
                                                                 const std::string& code);

// The departments and handler a command names exist: assign's department (and handler: an
// enabled user of the agency holding the handler role in that department, else 400
// unknown_handler), transfer's to_department.
[[nodiscard]] std::optional<http::HttpResponse> check_references(
    app::ServerContext& context, const domain::cases::CommandBody& body);

// Records a hidden case (404 to the user) in the audit log.
void audit_hidden(app::ServerContext& context, const http::RequestContext& ctx);

}  // namespace gongkai::api::routes
