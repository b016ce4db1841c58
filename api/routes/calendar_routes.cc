// Being built (issue 5): see routes.h.
#include "api/routes/routes.h"

namespace gongkai::api::routes {

void add_calendar_routes(http::Router&, app::ServerContext&) {}

}  // namespace gongkai::api::routes
