// JSON bodies of API.md's case commands -> domain commands. Strict: every field of the table is
// read with its type and range, a missing required field is missing_field, anything else in the
// body is unknown_field (400). Rules that need the case (dates against receipt, stages) are the
// decider's, not the decoder's.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/http/json_body.h"
#include "domain/cases/case_commands.h"

namespace gongkai::api::routes {

// The command names of API.md's table, in its order (the routes are generated from this list).
[[nodiscard]] const std::vector<std::string_view>& case_command_names();

// Decodes the body of command `name`; field problems go to `reader` (call finish() after).
// nullopt for an unknown name.
[[nodiscard]] std::optional<domain::cases::CommandBody> decode_case_command(
    std::string_view name, http::FieldReader& reader, domain::time::CivilDate today);

}  // namespace gongkai::api::routes
