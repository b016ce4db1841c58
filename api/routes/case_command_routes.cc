// POST /api/v1/cases/{id}/<command> for every command of API.md's table: one route each,
// generated from command_decoders' list, roles from the domain's policy table.
//
// Order of checks: the router's role check (403), the body (400/413/415), the case and whether
// this user sees it in a role that may act (404), If-Match (412), then the decider (422).
#include "api/routes/case_access.h"
#include "api/routes/case_json.h"
#include "api/routes/command_decoders.h"
#include "api/routes/route_support.h"
#include "api/routes/routes.h"
#include "domain/policy/case_policy.h"
#include "projections/applicants/applicant_months_projection.h"

namespace gongkai::api::routes {

namespace {

namespace dc = domain::cases;
using domain::policy::Role;

std::vector<Role> roles_of(std::string_view command) {
  std::vector<Role> roles;
  const auto* rule = domain::policy::find_rule(command);
  for (Role role : {Role::admin, Role::registrar, Role::handler, Role::supervisor, Role::auditor}) {
    if (rule != nullptr && rule->roles.contains(role)) roles.push_back(role);
  }
  return roles;
}

// API.md: start-consultation's answer names the new consultation.
void add_consultation_id(const std::vector<dc::CaseEvent>& events, http::HttpResponse& response) {
  for (const auto& event : events) {
    if (const auto* started = std::get_if<dc::ConsultationStarted>(&event)) {
      if (!response.body.empty() && response.body.back() == '}') {
        response.body.pop_back();
        response.body += ",\"consultation_id\":" + std::to_string(started->consultation_id) + "}";
      }
    }
  }
}

// DOMAIN.md section 5: gongkai counts the applicant's applications of the month. A per-application
// fee notice without application_in_month (API.md's body) gets the case's ordinal from the
// applicant_months projection; an explicit value is kept (the handler's override). A case the
// projection does not know is left to the decider (application_in_month_required).
std::optional<http::HttpResponse> fill_application_count(app::ServerContext& context,
                                                         const std::string& case_id,
                                                         dc::CommandBody& body) {
  auto* notice = std::get_if<dc::IssueFeeNotice>(&body);
  if (notice == nullptr || notice->basis != dc::FeeBasis::per_application ||
      notice->application_in_month) {
    return std::nullopt;
  }
  auto ordinal = projections::applicants::application_in_month(context.store(), case_id);
  if (ordinal.ok()) {
    notice->application_in_month = *ordinal;
  } else if (ordinal.status().code() != domain::Code::not_found) {
    return http::problem_from(ordinal.status());
  }
  return std::nullopt;
}

// A retry answered from the store (after a restart) shows the case as it is now, which may be
// later than the events it replays: the ETag must name the version the body shows.
std::uint64_t answered_version(app::ServerContext& context,
                               const projections::commands::CommandOutcome& outcome) {
  if (!outcome.replayed) return outcome.version;
  auto now = context.cases().load(outcome.case_id);
  return now.ok() ? now->version : outcome.version;
}

http::HttpResponse run_command(app::ServerContext& context, http::RequestContext& ctx,
                               std::string_view name) {
  auto body = http::parse_json_body(ctx.request);
  if (body.problem) return *body.problem;
  http::FieldReader reader(body.value);
  auto command = decode_case_command(name, reader, context.today());
  if (auto problem = reader.finish()) return *problem;

  const std::string& case_id = ctx.param("id");
  auto loaded = context.cases().load(case_id);
  if (!loaded.ok()) return http::problem_from(loaded.status());
  if (loaded->version == 0) return http::problem(404, "case_not_found", "no such case");
  auto actor = actor_for(std::string(name), ctx.user(), scope_of(loaded->state));
  if (!actor.ok()) {
    if (actor.status().code() == domain::Code::not_found) audit_hidden(context, ctx);
    return http::problem_from(actor.status());
  }
  bool bad_if_match = false;
  const auto expected = if_match(ctx.request, &bad_if_match);
  if (bad_if_match) {
    return http::problem(400, "if_match_invalid", "If-Match must be a version, e.g. \"7\"");
  }
  // After visibility: a department check must not tell an outsider whether the case exists.
  if (auto problem = check_references(context, *command)) return *problem;
  if (auto problem = fill_application_count(context, case_id, *command)) return *problem;
  projections::commands::CommandOptions options{
      .correlation_id = ctx.correlation_id,
      .causation_id = "",
      .idempotency_key = store_idempotency_key(ctx),
      // The route is part of the request: the store's keys are global, and the same key and body
      // sent to another case or command after a restart must be refused, not replayed.
      .request_fingerprint = ctx.request.method + " " + ctx.request.path + "\n" + ctx.request.body,
      .expected_version = expected,
  };
  auto outcome = context.cases().execute(case_id, dc::CaseCommand{*actor, std::move(*command)},
                                         ctx.now, options);
  if (!outcome.ok()) return command_problem(outcome.status(), expected.has_value());
  context.metrics().record_append(outcome->events.size());
  auto response =
      case_response(context, case_id, answered_version(context, *outcome), outcome->position);
  add_consultation_id(outcome->events, response);
  return response;
}

}  // namespace

void add_case_command_routes(http::Router& router, app::ServerContext& context) {
  for (std::string_view name : case_command_names()) {
    router.add({.method = "POST",
                .pattern = "/api/v1/cases/{id}/" + std::string(name),
                .operation_id = "case_" + std::string(name),
                .summary = "Case command " + std::string(name) + " (API.md, Commands)",
                .access = http::Access::roles,
                .roles = roles_of(name),
                .handler = [&context, name](http::RequestContext& ctx) {
                  return run_command(context, ctx, name);
                },
                .takes_body = true});
  }
}

}  // namespace gongkai::api::routes
