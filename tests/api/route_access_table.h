// Who may use each route, written by hand from API.md (and, for the routes API.md leaves open,
// from the decision recorded in api/README.md, named beside the entry): never read from the code
// under test. The authorization matrices (RELIABILITY.md §4 S4) check the server against it, and
// fail when a routed path has no entry here, so a new route cannot escape the matrix.
#pragma once

#include <map>
#include <set>
#include <string>

namespace gongkai::testing {

enum class RouteObject {
  none,      // no object in the path (or one every user may name, like a calendar year)
  a_case,    // {id} is a case: 404 case_not_found when invisible or absent
  a_user,    // {id} is a user of the agency: 404 user_not_found when absent
};

struct RouteAccess {
  bool is_public = false;       // no token needed (API.md Conventions: sessions, healthz, readyz)
  std::set<std::string> roles;  // empty (and not public): any signed-in user
  RouteObject object = RouteObject::none;
};

// "METHOD pattern" -> who may use it.
inline const std::map<std::string, RouteAccess>& documented_access() {
  using R = RouteAccess;
  const std::set<std::string> readers = {"registrar", "handler", "supervisor", "auditor"};
  const auto c = RouteObject::a_case;
  static const std::map<std::string, RouteAccess> kTable = {
      // Operations (API.md Operations, Conventions)
      {"GET /healthz", R{true, {}, RouteObject::none}},
      {"GET /readyz", R{true, {}, RouteObject::none}},
      // Not named in API.md; api/README.md: admins, supervisors and auditors (or a scrape token)
      {"GET /metrics", R{false, {"admin", "supervisor", "auditor"}, RouteObject::none}},
      {"GET /api/v1/openapi.json", R{false, {}, RouteObject::none}},
      // Sessions and people
      {"POST /api/v1/sessions", R{true, {}, RouteObject::none}},
      {"DELETE /api/v1/sessions/current", R{false, {}, RouteObject::none}},
      {"GET /api/v1/me", R{false, {}, RouteObject::none}},
      {"POST /api/v1/users", R{false, {"admin"}, RouteObject::none}},
      {"GET /api/v1/users", R{false, {"admin"}, RouteObject::none}},
      {"PATCH /api/v1/users/{id}", R{false, {"admin"}, RouteObject::a_user}},
      {"POST /api/v1/departments", R{false, {"admin"}, RouteObject::none}},
      {"GET /api/v1/departments", R{false, {}, RouteObject::none}},
      {"GET /api/v1/calendar/{year}", R{false, {}, RouteObject::none}},
      {"PUT /api/v1/calendar/{year}", R{false, {"admin"}, RouteObject::none}},
      // Not in API.md; api/README.md: an online backup, admin only
      {"POST /api/v1/admin/backups", R{false, {"admin"}, RouteObject::none}},
      // Cases
      {"POST /api/v1/cases", R{false, {"registrar"}, RouteObject::none}},
      {"GET /api/v1/cases", R{false, readers, RouteObject::none}},
      {"GET /api/v1/cases/{id}", R{false, readers, c}},
      // History, deadlines, verification: anyone who may see the case (admins see no content)
      {"GET /api/v1/cases/{id}/history", R{false, readers, c}},
      {"GET /api/v1/cases/{id}/deadlines", R{false, readers, c}},
      {"GET /api/v1/cases/{id}/verify", R{false, readers, c}},
      {"GET /api/v1/cases/{id}/export", R{false, readers, c}},
      // Commands (API.md Commands table)
      {"POST /api/v1/cases/{id}/acknowledge", R{false, {"registrar"}, c}},
      {"POST /api/v1/cases/{id}/assign", R{false, {"registrar", "supervisor"}, c}},
      {"POST /api/v1/cases/{id}/transfer", R{false, {"handler", "supervisor"}, c}},
      {"POST /api/v1/cases/{id}/request-correction", R{false, {"handler", "registrar"}, c}},
      {"POST /api/v1/cases/{id}/receive-correction", R{false, {"handler", "registrar"}, c}},
      {"POST /api/v1/cases/{id}/start-consultation", R{false, {"handler"}, c}},
      {"POST /api/v1/cases/{id}/record-consultation-reply", R{false, {"handler"}, c}},
      {"POST /api/v1/cases/{id}/close-consultation", R{false, {"handler"}, c}},
      {"POST /api/v1/cases/{id}/issue-fee-notice", R{false, {"handler"}, c}},
      {"POST /api/v1/cases/{id}/record-fee-payment", R{false, {"handler"}, c}},
      {"POST /api/v1/cases/{id}/request-extension", R{false, {"handler"}, c}},
      {"POST /api/v1/cases/{id}/approve-extension", R{false, {"supervisor"}, c}},
      {"POST /api/v1/cases/{id}/reject-extension", R{false, {"supervisor"}, c}},
      {"POST /api/v1/cases/{id}/notify-extension", R{false, {"handler"}, c}},
      {"POST /api/v1/cases/{id}/submit-reply", R{false, {"handler"}, c}},
      {"POST /api/v1/cases/{id}/approve-reply", R{false, {"supervisor"}, c}},
      {"POST /api/v1/cases/{id}/return-reply", R{false, {"supervisor"}, c}},
      {"POST /api/v1/cases/{id}/issue-reply", R{false, {"handler", "registrar"}, c}},
      {"POST /api/v1/cases/{id}/withdraw", R{false, {"registrar", "handler"}, c}},
      {"POST /api/v1/cases/{id}/archive", R{false, {"registrar", "handler"}, c}},
      {"POST /api/v1/cases/{id}/reopen", R{false, {"supervisor"}, c}},
      {"POST /api/v1/cases/{id}/record-remedy", R{false, {"supervisor"}, c}},
      {"POST /api/v1/cases/{id}/add-note", R{false, {"registrar", "handler", "supervisor"}, c}},
      // Queues and supervision, reports, the event feed
      {"GET /api/v1/queue", R{false, {"handler"}, RouteObject::none}},
      {"GET /api/v1/overdue", R{false, {"supervisor", "auditor"}, RouteObject::none}},
      {"GET /api/v1/due-soon", R{false, {"supervisor", "handler"}, RouteObject::none}},
      {"GET /api/v1/stats/summary", R{false, {"supervisor", "auditor"}, RouteObject::none}},
      {"GET /api/v1/reports/annual", R{false, {"supervisor", "auditor"}, RouteObject::none}},
      {"GET /api/v1/events", R{false, {"auditor", "supervisor"}, RouteObject::none}},
      {"GET /api/v1/events/stream", R{false, {"auditor", "supervisor"}, RouteObject::none}},
      {"GET /api/v1/log/verify", R{false, {"auditor"}, RouteObject::none}},
  };
  return kTable;
}

}  // namespace gongkai::testing
