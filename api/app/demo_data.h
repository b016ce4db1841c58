// Demo data for the README's first command: on an empty store, a township's departments, one
// user per role (password "gongkai-demo", printed) and a year of generated cases through the
// real command path (projections/commands/case_generator.h). A store that already has cases is
// left alone, so restarting the demo keeps what was done in it.
#pragma once

#include <string>

#include "api/app/server_config.h"
#include "api/app/server_context.h"
#include "domain/base/status.h"

namespace gongkai::api::app {

inline constexpr std::string_view kDemoPassword = "gongkai-demo";

// What was done, for the console ("" when the store had cases already).
[[nodiscard]] domain::Result<std::string> fill_demo_if_empty(ServerContext& context,
                                                             const ServerConfig& config);

}  // namespace gongkai::api::app
