// GET /api/v1/openapi.json: the OpenAPI 3.0 document of the router's own table (router.routes()),
// so that it cannot drift from what is dispatched (OWASP API9; tests/api/openapi_test.cc checks
// both ways and against API.md). Per route: operationId, summary, path parameters, security
// (bearer unless public), the roles allowed (x-roles), the request body schema where
// openapi_schemas.cc has one (a generic object otherwise, marked x-schema-generic), paging
// parameters on list routes, and problem+json for every error status the conventions allow.
//
// Who may read it: any authenticated user (API.md: a token on every route except sessions,
// healthz and readyz); the inventory of routes is not handed to anonymous callers.
#include <cctype>
#include <memory>
#include <mutex>
#include <set>

#include "api/routes/openapi_schemas.h"
#include "api/routes/route_support.h"
#include "api/routes/routes.h"

namespace gongkai::api::routes {

namespace {

// Routes that are paged (API.md Paging): limit and cursor.
const std::set<std::string, std::less<>> kPaged = {
    "/api/v1/cases", "/api/v1/users", "/api/v1/events", "/api/v1/queue", "/api/v1/overdue",
    "/api/v1/due-soon"};

json problem_schema() {
  return {{"type", "object"},
          {"required", {"type", "title", "status", "code"}},
          {"properties",
           {{"type", {{"type", "string"}}},
            {"title", {{"type", "string"}}},
            {"status", {{"type", "integer"}}},
            {"detail", {{"type", "string"}}},
            {"code", {{"type", "string"}}},
            {"errors",
             {{"type", "array"},
              {"items",
               {{"type", "object"},
                {"properties",
                 {{"field", {{"type", "string"}}}, {"message", {{"type", "string"}}}}}}}}}}}};
}

json problem_ref(const std::string& description) {
  return {{"description", description},
          {"content",
           {{"application/problem+json",
             {{"schema", {{"$ref", "#/components/schemas/Problem"}}}}}}}};
}

std::vector<std::string> path_params(const std::string& pattern) {
  std::vector<std::string> names;
  std::size_t at = 0;
  while ((at = pattern.find('{', at)) != std::string::npos) {
    const auto end = pattern.find('}', at);
    if (end == std::string::npos) break;
    names.push_back(pattern.substr(at + 1, end - at - 1));
    at = end + 1;
  }
  return names;
}

json success_response(const http::Route& route) {
  std::string status = route.method == "POST" ? "201" : "200";
  if (route.method == "DELETE") return {{"204", {{"description", "done"}}}};
  if (route.method == "POST" && route.pattern.starts_with("/api/v1/cases/{id}/")) status = "200";
  std::string type = "application/json";
  if (route.pattern == "/metrics") type = "text/plain";
  if (route.pattern.ends_with("/stream")) type = "text/event-stream";
  return {{status,
           {{"description", route.summary.empty() ? "success" : route.summary},
            {"content", {{type, {{"schema", {{"type", type == "application/json" ? "object" : "string"}}}}}}}}}};
}

json operation_of(const http::Route& route) {
  json op = {{"operationId", route.operation_id.empty() ? route.method + " " + route.pattern
                                                         : route.operation_id},
             {"summary", route.summary},
             {"responses", success_response(route)}};
  json parameters = json::array();
  for (const auto& name : path_params(route.pattern)) {
    parameters.push_back(
        {{"name", name}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}});
  }
  if (route.method == "GET" && kPaged.count(route.pattern) != 0) {
    parameters.push_back({{"$ref", "#/components/parameters/limit"}});
    parameters.push_back({{"$ref", "#/components/parameters/cursor"}});
  }
  if (route.method == "POST" && route.access != http::Access::anyone &&
      route.access != http::Access::handler) {
    parameters.push_back({{"$ref", "#/components/parameters/idempotencyKey"}});
  }
  const bool command = route.method == "POST" && route.pattern.starts_with("/api/v1/cases/{id}/");
  if (command) parameters.push_back({{"$ref", "#/components/parameters/ifMatch"}});
  if (!parameters.empty()) op["parameters"] = parameters;
  auto& responses = op["responses"];
  responses["400"] = problem_ref("malformed or invalid input");
  if (route.access == http::Access::anyone) {
    op["security"] = json::array();
  } else {
    op["security"] = json::array({{{"bearer", json::array()}}});
    responses["401"] = problem_ref("no valid token");
    responses["403"] = problem_ref("the role may not use this route");
  }
  if (route.access == http::Access::roles) {
    json roles = json::array();
    for (auto role : route.roles) roles.push_back(std::string(domain::policy::role_name(role)));
    op["x-roles"] = roles;
  }
  if (!path_params(route.pattern).empty()) responses["404"] = problem_ref("not found or not visible");
  auto schema = request_body_schema(route.method, route.pattern);
  if (route.takes_body || schema || route.method == "PUT" || route.method == "PATCH") {
    if (!schema) {
      schema = json{{"type", "object"}};
      op["x-schema-generic"] = true;
    }
    op["requestBody"] = {{"required", true},
                         {"content", {{"application/json", {{"schema", *schema}}}}}};
    responses["413"] = problem_ref("body over 1 MiB");
    responses["415"] = problem_ref("body not JSON");
    responses["422"] = problem_ref("a domain rule refuses the command");
  }
  if (command) {
    responses["409"] = problem_ref("version_conflict: the case changed meanwhile");
    responses["412"] = problem_ref("If-Match named another version");
  }
  if (route.pattern == "/api/v1/sessions" && route.method == "POST") {
    responses["429"] = problem_ref("too many failed logins; see Retry-After");
  }
  if (route.method != "GET") responses["503"] = problem_ref("not accepting writes");
  return op;
}

}  // namespace

json openapi_document(const http::Router& router) {
  json paths = json::object();
  for (const http::Route& route : router.routes()) {
    std::string method = route.method;
    for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    paths[route.pattern][method] = operation_of(route);
  }
  return {
      {"openapi", "3.0.3"},
      {"info",
       {{"title", "gongkai HTTP API"},
        {"version", "1"},
        {"description", "Government-information disclosure case management (API.md)"}}},
      {"paths", paths},
      {"components",
       {{"securitySchemes", {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}},
        {"schemas", {{"Problem", problem_schema()}}},
        {"parameters",
         {{"limit",
           {{"name", "limit"},
            {"in", "query"},
            {"schema", {{"type", "integer"}, {"minimum", 1}, {"maximum", 500}, {"default", 50}}}}},
          {"cursor", {{"name", "cursor"}, {"in", "query"}, {"schema", {{"type", "string"}}}}},
          {"ifMatch",
           {{"name", "If-Match"},
            {"in", "header"},
            {"description", "\"<version>\": the case version the command expects (ETag)"},
            {"schema", {{"type", "string"}}}}},
          {"idempotencyKey",
           {{"name", "Idempotency-Key"},
            {"in", "header"},
            {"schema", {{"type", "string"}, {"minLength", 1}, {"maxLength", 128}}}}}}}}},
      {"security", json::array({{{"bearer", json::array()}}})},
  };
}

void add_openapi_route(http::Router& router, app::ServerContext&) {
  // Built at the first request, once every route (this one included) is in the table.
  auto cache = std::make_shared<std::pair<std::once_flag, std::string>>();
  const http::Router* table = &router;
  router.add({.method = "GET",
              .pattern = "/api/v1/openapi.json",
              .operation_id = "openapi",
              .summary = "This API as an OpenAPI 3.0 document",
              .access = http::Access::any_user,
              .roles = {},
              .handler = [cache, table](http::RequestContext&) {
                std::call_once(cache->first, [&] { cache->second = dump(openapi_document(*table)); });
                return http::json_response(200, cache->second);
              },
              .takes_body = false});
}

}  // namespace gongkai::api::routes
