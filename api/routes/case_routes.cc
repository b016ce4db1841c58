// Cases (API.md): POST /cases (register), GET /cases/{id} (now, or `as_of`), GET /cases (list).
#include <nlohmann/json.hpp>

#include "api/routes/case_access.h"
#include "api/routes/case_json.h"
#include "api/routes/route_support.h"
#include "api/routes/routes.h"
#include "domain/cases/case_commands.h"
#include "domain/report/disposition.h"
#include "projections/cases/case_queries.h"

namespace gongkai::api::routes {

namespace {

namespace dc = domain::cases;
using domain::policy::Role;

std::optional<dc::Applicant> read_applicant(http::FieldReader& reader) {
  const json* object = reader.object("applicant", true);
  if (object == nullptr) return std::nullopt;
  http::FieldReader fields(*object, "applicant.");
  dc::Applicant applicant;
  const std::string type = fields.string("type", 40);
  if (auto parsed = domain::report::parse_applicant_type(type)) {
    applicant.type = *parsed;
  } else if (!type.empty()) {
    fields.add_error("applicant.type", "is not an applicant type of DOMAIN.md");
  }
  applicant.name = fields.string("name", 200);
  applicant.id_type = fields.optional_string("id_type", 40).value_or("");
  applicant.id_number = fields.optional_string("id_number", 64).value_or("");
  applicant.phone = fields.optional_string("phone", 40).value_or("");
  applicant.address = fields.optional_string("address", 400).value_or("");
  applicant.email = fields.optional_string("email", 200).value_or("");
  reader.absorb(fields);
  return applicant;
}

bool one_of(const std::string& value, std::initializer_list<std::string_view> allowed) {
  for (auto a : allowed) {
    if (value == a) return true;
  }
  return false;
}

std::optional<dc::RegisterCase> read_registration(http::FieldReader& reader) {
  dc::RegisterCase command;
  auto applicant = read_applicant(reader);
  const std::string channel = reader.string("channel", 40);
  if (auto parsed = dc::parse_channel(channel)) {
    command.channel = *parsed;
  } else if (!channel.empty()) {
    reader.add_error("channel", "is not a channel of API.md");
  }
  command.received_on = reader.date("received_on");
  command.description = reader.string("description", 20000);
  command.purpose = reader.optional_string("purpose", 4000).value_or("");
  if (const json* delivery = reader.object("delivery", false)) {
    http::FieldReader fields(*delivery, "delivery.");
    command.delivery_form = fields.optional_string("form", 20).value_or("");
    command.delivery_method = fields.optional_string("method", 20).value_or("");
    if (!command.delivery_form.empty() &&
        !one_of(command.delivery_form, {"paper", "electronic", "inspection"})) {
      fields.add_error("delivery.form", "must be paper, electronic or inspection");
    }
    if (!command.delivery_method.empty() &&
        !one_of(command.delivery_method, {"pickup", "post", "email", "online"})) {
      fields.add_error("delivery.method", "must be pickup, post, email or online");
    }
    reader.absorb(fields);
  }
  command.department = reader.optional_string("department", 32);
  if (!applicant) return std::nullopt;
  command.applicant = std::move(*applicant);
  return command;
}

http::HttpResponse register_case(app::ServerContext& context, http::RequestContext& ctx) {
  auto body = http::parse_json_body(ctx.request);
  if (body.problem) return *body.problem;
  http::FieldReader reader(body.value);
  auto command = read_registration(reader);
  if (auto problem = reader.finish()) return *problem;
  if (command->department) {
    if (auto problem = check_department(context, "department", *command->department)) {
      return *problem;
    }
  }
  projections::commands::CommandOptions options{
      .correlation_id = ctx.correlation_id,
      .causation_id = "",
      .idempotency_key = store_idempotency_key(ctx),
      // The route is part of the request: the store's keys are global, and the same key and body
      // sent to another case or command after a restart must be refused, not replayed.
      .request_fingerprint = ctx.request.method + " " + ctx.request.path + "\n" + ctx.request.body,
      .expected_version = std::nullopt,
  };
  auto outcome = context.cases().execute(
      "", dc::CaseCommand{ctx.user().as(Role::registrar), std::move(*command)}, ctx.now, options);
  if (!outcome.ok()) return command_problem(outcome.status(), false);
  context.metrics().record_append(outcome->events.size());
  std::uint64_t version = outcome->version;
  if (outcome->replayed) {  // answered from the store: the case as it is now, ETag to match
    if (auto now = context.cases().load(outcome->case_id); now.ok()) version = now->version;
  }
  auto response = case_response(context, outcome->case_id, version, outcome->position);
  response.status = 201;
  response.with_header("Location", "/api/v1/cases/" + outcome->case_id);
  return response;
}

http::HttpResponse get_case(app::ServerContext& context, http::RequestContext& ctx) {
  const std::string& id = ctx.param("id");
  auto access = see_case(context, ctx, id);
  if (!access.ok()) return http::problem_from(access.status());
  if (auto as_of = ctx.request.query_param("as_of")) {
    return case_as_of_response(context, ctx, id, *as_of);
  }
  const auto include = ctx.request.query_param("include");
  if (include && *include != "pii") {
    return http::problem(400, "include_invalid", "include takes only pii");
  }
  auto response = case_response(context, id, access->version, std::nullopt);
  if (include && response.status == 200) {
    return with_full_identity(context, ctx, *access, std::move(response));
  }
  return response;
}

}  // namespace

void add_case_routes(http::Router& router, app::ServerContext& context) {
  router.add({.method = "POST",
              .pattern = "/api/v1/cases",
              .operation_id = "register_case",
              .summary = "Register an application",
              .access = http::Access::roles,
              .roles = {Role::registrar},
              .handler = [&context](http::RequestContext& ctx) { return register_case(context, ctx); },
              .takes_body = true});
  router.add({.method = "GET",
              .pattern = "/api/v1/cases/{id}",
              .operation_id = "get_case",
              .summary = "The case now, or as it was at ?as_of=<instant or position>",
              .access = http::Access::roles,
              .roles = {Role::registrar, Role::handler, Role::supervisor, Role::auditor},
              .handler = [&context](http::RequestContext& ctx) { return get_case(context, ctx); }});
  router.add({.method = "GET",
              .pattern = "/api/v1/cases",
              .operation_id = "list_cases",
              .summary = "Case summaries with filters, paged",
              .access = http::Access::roles,
              .roles = {Role::registrar, Role::handler, Role::supervisor, Role::auditor},
              .handler = [&context](http::RequestContext& ctx) { return list_cases(context, ctx); }});
}

}  // namespace gongkai::api::routes
