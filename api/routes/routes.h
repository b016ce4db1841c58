// The route groups of API.md, one file each. Each adds its routes to the router; the handlers
// capture the ServerContext (which outlives the router).
#pragma once

#include "api/app/server_context.h"
#include "api/http/router.h"

namespace gongkai::api::routes {

void add_operations_routes(http::Router& router, app::ServerContext& context);
void add_session_routes(http::Router& router, app::ServerContext& context);
void add_people_routes(http::Router& router, app::ServerContext& context);
void add_calendar_routes(http::Router& router, app::ServerContext& context);
void add_case_routes(http::Router& router, app::ServerContext& context);
void add_case_command_routes(http::Router& router, app::ServerContext& context);
void add_case_record_routes(http::Router& router, app::ServerContext& context);  // history...
void add_queue_routes(http::Router& router, app::ServerContext& context);
void add_supervision_routes(http::Router& router, app::ServerContext& context);  // overdue...
void add_report_routes(http::Router& router, app::ServerContext& context);
void add_event_feed_routes(http::Router& router, app::ServerContext& context);
void add_backup_routes(http::Router& router, app::ServerContext& context);  // admin/backups
// Last: it describes every route added before it.
void add_openapi_route(http::Router& router, app::ServerContext& context);

}  // namespace gongkai::api::routes
