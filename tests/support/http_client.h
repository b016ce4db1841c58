// A minimal HTTP/1.1 client for the end-to-end tests (POCO's HTTPClientSession over loopback).
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace gongkai::testing {

struct HttpResult {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lower case
  std::string body;

  [[nodiscard]] nlohmann::json json() const {
    return nlohmann::json::parse(body, nullptr, false);
  }
  [[nodiscard]] std::string header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? "" : it->second;
  }
  // The problem's `code` ("" when the body is not a problem).
  [[nodiscard]] std::string code() const {
    auto j = json();
    return j.is_object() && j.contains("code") && j["code"].is_string() ? j["code"].get<std::string>()
                                                                         : "";
  }
};

[[nodiscard]] HttpResult http_request(std::uint16_t port, const std::string& method,
                                      const std::string& target, const std::string& body,
                                      const std::map<std::string, std::string>& headers);

}  // namespace gongkai::testing
