// The route table: every route of API.md with its method, path pattern, who may use it and its
// handler. The table is data, so that the OpenAPI document, the authorization matrix test and the
// metrics all read the same list a request is dispatched from.
//
// Dispatch order (API.md Conventions): unknown path 404 `route_not_found`; known path, other
// method 405; no or bad token 401 (except public routes); a role that may never use the route
// 403 `role_forbids`; then the handler, which answers 404 for objects the user may not see.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/auth/principal.h"
#include "api/http/http_types.h"
#include "domain/base/status.h"
#include "domain/policy/case_policy.h"
#include "domain/time/instant.h"

namespace gongkai::api::http {

struct RequestContext {
  const HttpRequest& request;
  std::map<std::string, std::string> params;  // {name} segments of the pattern
  std::optional<auth::Principal> principal;   // set on every authenticated route
  domain::time::Instant now;
  std::string correlation_id;

  [[nodiscard]] const auth::Principal& user() const { return *principal; }
  [[nodiscard]] const std::string& param(const std::string& name) const {
    return params.at(name);
  }
};

using Handler = std::function<HttpResponse(RequestContext&)>;

enum class Access {
  anyone,     // no token needed
  any_user,   // any valid session
  roles,      // a valid session holding one of `roles`
  handler,    // the handler checks the bearer itself (/metrics: a static scrape token too)
};

struct Route {
  std::string method = {};   // GET, POST, PUT, PATCH, DELETE
  std::string pattern = {};  // "/api/v1/cases/{id}/history"
  std::string operation_id = {};
  std::string summary = {};
  Access access = Access::any_user;
  std::vector<domain::policy::Role> roles = {};  // for Access::roles
  Handler handler = nullptr;
  bool takes_body = false;  // documented with a JSON request body
};

// Checks a bearer token and answers who it belongs to (unauthenticated otherwise).
using Authenticator =
    std::function<domain::Result<auth::Principal>(const HttpRequest&, domain::time::Instant)>;

struct Dispatched {
  HttpResponse response;
  const Route* route = nullptr;  // nullptr: no route matched
  std::string user_id;           // empty: anonymous
};

class Router {
 public:
  void add(Route route);
  // Lets the composition root wrap handlers after the groups added them (e.g. idempotency).
  void decorate(const std::function<void(Route&)>& change) {
    for (Route& route : routes_) change(route);
  }
  [[nodiscard]] const std::vector<Route>& routes() const { return routes_; }

  // Called for every refused request (401, 403): the audit record of denials.
  using DenialSink = std::function<void(const HttpRequest&, const Dispatched&, std::string_view)>;

  [[nodiscard]] Dispatched dispatch(const HttpRequest& request, domain::time::Instant now,
                                    const std::string& correlation_id,
                                    const Authenticator& authenticate,
                                    const DenialSink& on_denied = nullptr) const;

  // Whether `path` matches `pattern`; fills `params` when it does.
  static bool match(std::string_view pattern, std::string_view path,
                    std::map<std::string, std::string>* params);

 private:
  std::vector<Route> routes_;
};

}  // namespace gongkai::api::http
