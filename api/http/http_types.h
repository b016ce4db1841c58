// The HTTP layer's own request and response: plain values, no POCO, so that the router, the
// routes and their tests do not depend on the server library. api/server/ converts POCO's
// request into an HttpRequest and writes the HttpResponse back.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace gongkai::api::http {

struct HttpRequest {
  std::string method;  // upper case
  std::string path;    // decoded, without the query
  std::map<std::string, std::string> query;    // decoded; a repeated name keeps the last value
  std::map<std::string, std::string> headers;  // names lower case
  std::string body;
  std::string remote_address;

  [[nodiscard]] std::optional<std::string> header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    if (it == headers.end()) return std::nullopt;
    return it->second;
  }
  [[nodiscard]] std::optional<std::string> query_param(const std::string& name) const {
    auto it = query.find(name);
    if (it == query.end()) return std::nullopt;
    return it->second;
  }
};

// A streamed body (server-sent events): called once on the connection's thread; it writes until
// it returns (the client left, the server stops, or the stream has nothing more to say).
using BodyStreamer = std::function<void(std::ostream&)>;

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  BodyStreamer streamer;  // when set, `body` is ignored and the response is chunked

  HttpResponse& with_header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
  [[nodiscard]] std::optional<std::string> header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
      if (key == name) return value;
    }
    return std::nullopt;
  }
};

[[nodiscard]] inline HttpResponse json_response(int status, std::string body) {
  HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

[[nodiscard]] inline HttpResponse no_content() {
  HttpResponse response;
  response.status = 204;
  response.content_type.clear();
  return response;
}

}  // namespace gongkai::api::http
