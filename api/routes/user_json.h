// The user as API.md shows it: never the password or its record.
#pragma once

#include <nlohmann/json.hpp>

#include "projections/people/people_projection.h"

namespace gongkai::api::routes {

[[nodiscard]] nlohmann::json user_json(const projections::people::UserView& user);

}  // namespace gongkai::api::routes
