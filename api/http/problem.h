// problem+json (RFC 9457) answers with API.md's stable `code`, and the one mapping from a
// domain::Status to an HTTP status. Never a stack trace: `detail` is the Status message, which
// the modules write for people.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "api/http/http_types.h"
#include "domain/base/status.h"

namespace gongkai::api::http {

struct FieldError {
  std::string field;
  std::string message;
};

// A problem response; `errors` becomes API.md's `errors: [{field, message}]` when not empty.
[[nodiscard]] HttpResponse problem(int status, std::string_view code, std::string_view detail,
                                   const std::vector<FieldError>& errors = {});

// API.md's status for a Status: invalid_argument 400, unauthenticated 401, permission_denied 403,
// not_found 404, conflict 409 (version_conflict), failed_precondition 422 (a rule refuses), except
// idempotency_key_reused 422, resource_exhausted 429, unavailable 503, internal 500.
[[nodiscard]] int http_status_of(const domain::Status& status);

// The problem response for an error Status (its reason is the `code`).
[[nodiscard]] HttpResponse problem_from(const domain::Status& status);

}  // namespace gongkai::api::http
