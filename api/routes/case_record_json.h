// Pieces of the case record routes (history, deadlines, export): the deadline explanation as
// JSON, the personal data kept out of history by default, and the audit of reads that show it.
#pragma once

#include <string>
#include <vector>

#include "api/app/server_context.h"
#include "api/http/router.h"
#include "api/routes/case_access.h"
#include "api/routes/route_support.h"
#include "domain/clocks/due_date.h"

namespace gongkai::api::routes {

// One clock of GET /cases/{id}/deadlines: {clock, due_on, paused, start:{on, reason},
// working_days, pauses:[{reason, from, to, working_days}], paused_working_days, extension,
// holidays_skipped, workdays_counted, weekend_days_skipped, calendar_version, calendar_known,
// unknown_years, fixed_by, explanation_zh} — explanation_zh says the same in one Chinese line.
[[nodiscard]] json deadline_json(const domain::clocks::DueDate& due);

// A history entry's `data` without the applicant's personal data: `applicant.id_number` masked,
// phone, address and email removed (the case view shows no more). Other events pass unchanged.
// Returns whether anything was hidden.
bool redact_personal_data(json& data);

// Records a read that showed full personal data (`what`: "case", "history" or "export"):
// an `audit.pii_read.v1` event in stream audit-<agency>, synced before the
// answer goes out, plus the audit log. An error Status means: do not answer.
[[nodiscard]] domain::Status record_personal_data_read(app::ServerContext& context,
                                                       const http::RequestContext& ctx,
                                                       const CaseAccess& access,
                                                       const std::string& what);

}  // namespace gongkai::api::routes
