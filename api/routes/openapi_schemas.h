// Request body schemas for the OpenAPI document (api/routes/openapi_routes.cc), written from
// API.md and the decoders (command_decoders.cc, the route groups' readers). A compact notation
// keeps them short: "name:type" per field, a trailing '?' for optional; types are string, date,
// integer, number, boolean, [string], enum a|b|c, object:{...} and [object:{...}].
// tests/api/openapi_test.cc checks the command schemas against the decoders both ways.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

#include "api/http/router.h"

namespace gongkai::api::routes {

// The JSON schema of the request body of `method pattern`; nullopt when none is written here.
[[nodiscard]] std::optional<nlohmann::json> request_body_schema(std::string_view method,
                                                                std::string_view pattern);

// The OpenAPI 3.0 document of every route in `router` (openapi_routes.cc).
[[nodiscard]] nlohmann::json openapi_document(const http::Router& router);

// The schema a compact field list describes (exposed for the tests).
[[nodiscard]] nlohmann::json schema_of_fields(std::string_view fields);

}  // namespace gongkai::api::routes
