#include "api/http/router.h"

#include <algorithm>

#include "api/http/problem.h"

namespace gongkai::api::http {

namespace {

bool holds_any(const auth::Principal& principal, const std::vector<domain::policy::Role>& roles) {
  return std::any_of(roles.begin(), roles.end(),
                     [&](domain::policy::Role r) { return principal.has_role(r); });
}

}  // namespace

void Router::add(Route route) { routes_.push_back(std::move(route)); }

bool Router::match(std::string_view pattern, std::string_view path,
                   std::map<std::string, std::string>* params) {
  // Segment by segment in place: every request is matched against every route, so a mismatch
  // (nearly all of them) must cost no allocation. Empty segments count, as in "/a//b".
  std::map<std::string, std::string> found;
  std::size_t p = 0;
  std::size_t q = 0;
  for (;;) {
    const std::size_t p_end = pattern.find('/', p);
    const std::size_t q_end = path.find('/', q);
    const auto w = pattern.substr(p, p_end == std::string_view::npos ? p_end : p_end - p);
    const auto h = path.substr(q, q_end == std::string_view::npos ? q_end : q_end - q);
    if (w.size() > 2 && w.front() == '{' && w.back() == '}') {
      if (h.empty()) return false;
      found.emplace(std::string(w.substr(1, w.size() - 2)), std::string(h));
    } else if (w != h) {
      return false;
    }
    if ((p_end == std::string_view::npos) != (q_end == std::string_view::npos)) return false;
    if (p_end == std::string_view::npos) break;
    p = p_end + 1;
    q = q_end + 1;
  }
  if (params != nullptr) *params = std::move(found);
  return true;
}

Dispatched Router::dispatch(const HttpRequest& request, domain::time::Instant now,
                            const std::string& correlation_id, const Authenticator& authenticate,
                            const DenialSink& on_denied) const {
  Dispatched out;
  const Route* route = nullptr;
  std::map<std::string, std::string> params;
  bool path_known = false;
  // A literal segment beats a parameter ("/cases/{id}" must not swallow a fixed route), so the
  // route with the fewest parameters wins among those that match.
  std::size_t fewest_params = SIZE_MAX;
  for (const Route& candidate : routes_) {
    std::map<std::string, std::string> candidate_params;
    if (!match(candidate.pattern, request.path, &candidate_params)) continue;
    path_known = true;
    if (candidate.method != request.method) continue;
    if (candidate_params.size() < fewest_params) {
      fewest_params = candidate_params.size();
      route = &candidate;
      params = std::move(candidate_params);
    }
  }
  if (route == nullptr) {
    out.response = path_known ? problem(405, "method_not_allowed", "this path takes another method")
                              : problem(404, "route_not_found", "no such route");
    return out;
  }
  out.route = route;
  RequestContext context{request, std::move(params), std::nullopt, now, correlation_id};
  if (route->access != Access::anyone && route->access != Access::handler) {
    auto principal = authenticate(request, now);
    if (!principal.ok()) {
      out.response = problem(401, principal.status().reason(), principal.status().message());
      out.response.with_header("WWW-Authenticate", "Bearer");
      if (on_denied) on_denied(request, out, "unauthenticated");
      return out;
    }
    out.user_id = principal->user_id;
    if (route->access == Access::roles && !holds_any(*principal, route->roles)) {
      out.response = problem(403, "role_forbids", "none of your roles may use this route");
      if (on_denied) on_denied(request, out, "role_forbids");
      return out;
    }
    context.principal = std::move(*principal);
  }
  out.response = route->handler(context);
  // Routes that check the bearer themselves (/metrics) refuse with 401 too: audited the same way.
  if (on_denied && out.response.status == 401) on_denied(request, out, "unauthenticated");
  if (on_denied && out.response.status == 403) on_denied(request, out, "forbidden");
  return out;
}

}  // namespace gongkai::api::http
