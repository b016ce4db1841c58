#include "api/http/problem.h"

#include <nlohmann/json.hpp>

namespace gongkai::api::http {

namespace {

std::string_view title_of(int status) {
  switch (status) {
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 412: return "Precondition Failed";
    case 413: return "Payload Too Large";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 503: return "Service Unavailable";
    default: return status >= 500 ? "Internal Server Error" : "Error";
  }
}

}  // namespace

HttpResponse problem(int status, std::string_view code, std::string_view detail,
                     const std::vector<FieldError>& errors) {
  nlohmann::json body = {
      {"type", "https://gongkai.example/problems/" + std::string(code)},
      {"title", title_of(status)},
      {"status", status},
      {"detail", detail},
      {"code", code},
  };
  if (!errors.empty()) {
    auto& list = body["errors"] = nlohmann::json::array();
    for (const FieldError& e : errors) list.push_back({{"field", e.field}, {"message", e.message}});
  }
  HttpResponse response;
  response.status = status;
  response.content_type = "application/problem+json";
  // Invalid UTF-8 from a request echoed in `detail` must not make the error itself fail.
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return response;
}

int http_status_of(const domain::Status& status) {
  using domain::Code;
  switch (status.code()) {
    case Code::ok: return 200;
    case Code::invalid_argument: return 400;
    case Code::unauthenticated: return 401;
    case Code::permission_denied: return 403;
    case Code::not_found: return 404;
    case Code::conflict: return 409;
    case Code::failed_precondition: return 422;
    case Code::resource_exhausted: return 429;
    case Code::unavailable: return 503;
    case Code::internal: return 500;
  }
  return 500;
}

HttpResponse problem_from(const domain::Status& status) {
  const int code = http_status_of(status);
  // Internal details (paths, RocksDB messages) stay in the server log, not in the answer.
  if (code == 500) return problem(500, "internal", "the server could not complete the request");
  return problem(code, status.reason(), status.message());
}

}  // namespace gongkai::api::http
