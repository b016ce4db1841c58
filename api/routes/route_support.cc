#include "api/routes/route_support.h"

#include <charconv>

#include "api/auth/password.h"

namespace gongkai::api::routes {

std::string dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

http::HttpResponse json_ok(const json& value, int status) {
  return http::json_response(status, dump(value));
}

std::optional<Paging> read_paging(const http::HttpRequest& request, http::HttpResponse* problem) {
  Paging paging;
  if (auto limit = request.query_param("limit")) {
    std::size_t value = 0;
    auto [end, error] = std::from_chars(limit->data(), limit->data() + limit->size(), value);
    if (error != std::errc() || end != limit->data() + limit->size() || value < 1 ||
        value > 500) {
      *problem = http::problem(400, "limit_invalid", "limit must be 1 to 500",
                               {{"limit", "must be 1 to 500"}});
      return std::nullopt;
    }
    paging.limit = value;
  }
  paging.cursor = request.query_param("cursor").value_or("");
  if (paging.cursor.size() > 512) {
    *problem = http::problem(400, "cursor_invalid", "the cursor is not one this server gave");
    return std::nullopt;
  }
  return paging;
}

std::string etag(std::uint64_t version) { return "\"" + std::to_string(version) + "\""; }

std::optional<std::uint64_t> if_match(const http::HttpRequest& request, bool* bad) {
  auto header = request.header("if-match");
  if (!header) return std::nullopt;
  std::string_view text = *header;
  if (text.starts_with("W/")) text.remove_prefix(2);
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"') {
    text = text.substr(1, text.size() - 2);
  }
  std::uint64_t version = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), version);
  if (error != std::errc() || end != text.data() + text.size()) {
    *bad = true;
    return std::nullopt;
  }
  return version;
}

std::string store_idempotency_key(const http::RequestContext& ctx) {
  const auto key = ctx.request.header("idempotency-key");
  if (!key || !ctx.principal) return "";
  return auth::sha256_hex(ctx.principal->user_id + "\n" + *key);
}

http::HttpResponse command_problem(const domain::Status& status, bool sent_if_match) {
  if (sent_if_match && status.reason() == "version_conflict") {
    return http::problem(412, "precondition_failed",
                         "the case changed since the version named in If-Match");
  }
  return http::problem_from(status);
}

}  // namespace gongkai::api::routes
