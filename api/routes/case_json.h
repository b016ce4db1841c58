// Answers about one case or a list of them, shared by the case and command routes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "api/app/server_context.h"
#include "api/http/router.h"
#include "api/routes/case_access.h"

namespace gongkai::api::routes {

// The case as API.md shows it now (clock as of the agency's today), with ETag "<version>" and,
// for commands, `position`.
[[nodiscard]] http::HttpResponse case_response(app::ServerContext& context,
                                               const std::string& case_id, std::uint64_t version,
                                               std::optional<std::uint64_t> position);

// Adds applicant.id_number (?include=pii) and records the read: in the audit log and as an
// `audit.pii_read.v1` event in stream audit-<agency>, synced before the answer goes out.
[[nodiscard]] http::HttpResponse with_full_identity(app::ServerContext& context,
                                                    const http::RequestContext& ctx,
                                                    const CaseAccess& access,
                                                    http::HttpResponse response);

// GET /cases/{id}?as_of=<RFC 3339 instant | position>: the case folded up to that point.
[[nodiscard]] http::HttpResponse case_as_of_response(app::ServerContext& context,
                                                     const http::RequestContext& ctx,
                                                     const std::string& case_id,
                                                     const std::string& as_of);

// GET /cases: the filtered list, limited to the cases the user may see.
[[nodiscard]] http::HttpResponse list_cases(app::ServerContext& context,
                                            const http::RequestContext& ctx);

}  // namespace gongkai::api::routes
