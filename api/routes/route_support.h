// Small pieces every route group uses: reading the body, JSON answers, the case ETag, paging
// parameters, and the Status -> problem mapping with API.md's special cases.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "api/app/server_context.h"
#include "api/http/json_body.h"
#include "api/http/problem.h"
#include "api/http/router.h"

namespace gongkai::api::routes {

using nlohmann::json;

// A JSON body as compact UTF-8 text.
[[nodiscard]] std::string dump(const json& value);
[[nodiscard]] http::HttpResponse json_ok(const json& value, int status = 200);

// `limit` (default 50, 1..500) and `cursor` from the query: nullopt and *problem set when invalid.
struct Paging {
  std::size_t limit = 50;
  std::string cursor;
};
[[nodiscard]] std::optional<Paging> read_paging(const http::HttpRequest& request,
                                                http::HttpResponse* problem);

// ETag: "<version>" (the case stream's version).
[[nodiscard]] std::string etag(std::uint64_t version);
// The If-Match header's version: nullopt when absent; *bad set when present but unreadable.
[[nodiscard]] std::optional<std::uint64_t> if_match(const http::HttpRequest& request, bool* bad);

// The key a command carries into the store: the client's Idempotency-Key scoped to the user
// (SHA-256 of both), so two users' keys never collide; "" without a key.
[[nodiscard]] std::string store_idempotency_key(const http::RequestContext& ctx);

// The Status of a command as API.md answers it: conflict "version_conflict" after If-Match is
// 412, other statuses as http_status_of says.
[[nodiscard]] http::HttpResponse command_problem(const domain::Status& status, bool sent_if_match);

}  // namespace gongkai::api::routes
