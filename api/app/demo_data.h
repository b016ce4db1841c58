// Demo data for `gongkai-server --demo=true`: on a store without cases, the demo township of
// projections/demo/township_demo.h (the same code as `gongkai demo`), with `admin` already created
// by the context's start. A store that already has cases or departments is left alone, so
// restarting the demo keeps what was done in it.
#pragma once

#include <string>

#include "api/app/server_config.h"
#include "api/app/server_context.h"
#include "domain/base/status.h"
#include "projections/demo/township_demo.h"

namespace gongkai::api::app {

inline constexpr std::string_view kDemoPassword = projections::demo::kDemoPassword;

// What was done, for the console ("" when the store had cases or departments already).
[[nodiscard]] domain::Result<std::string> fill_demo_if_empty(ServerContext& context,
                                                             const ServerConfig& config);

}  // namespace gongkai::api::app
