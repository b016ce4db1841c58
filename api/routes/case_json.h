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

// GET /cases/{id}?as_of=<RFC 3339 instant | position>: the case folded from its events up to that
// point, in the current view's shape, with the clock as of that day (the instant's agency date, or
// the day the position was recorded), ETag "<version reached>" and X-As-Of-Position. Instants with
// or without fractional seconds, "Z" or an offset; a position is a positive integer. Neither, or an
// instant later than now: 400 as_of_invalid. Before the case existed: 404 case_not_found; a position
// the log has not reached: 404 position_not_found; with ?include: 400 include_invalid (the full
// identity number is only offered now). The caller checked visibility (see_case).
[[nodiscard]] http::HttpResponse case_as_of_response(app::ServerContext& context,
                                                     const http::RequestContext& ctx,
                                                     const std::string& case_id,
                                                     const std::string& as_of);

// GET /cases: the filtered list, limited to the cases the user may see.
[[nodiscard]] http::HttpResponse list_cases(app::ServerContext& context,
                                            const http::RequestContext& ctx);

}  // namespace gongkai::api::routes
