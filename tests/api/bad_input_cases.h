// The bad inputs of RELIABILITY.md §4 S3, generated from one valid body: what to send and which
// documented answer (API.md Limits, RELIABILITY §3) it must get. Used by bad_input_test.cc.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support/http_client.h"

namespace gongkai::testing {

// The documented answer: one of `statuses`, with `code` and an error naming `field` when given.
struct Expect {
  std::set<int> statuses;
  std::string code = {};
  std::string field = {};

  static Expect field_error(const std::string& field, const std::string& code = "") {
    return {{400}, code, field};
  }
  static Expect status(int status, const std::string& code = "") { return {{status}, code, ""}; }
  // A refusal of any documented kind (an optional field left out still stops before appending).
  static Expect refused() { return {{400, 404, 409, 412, 422}, "", ""}; }
  static Expect not_found_or_invalid() { return {{400, 404, 414}, "", ""}; }
};

struct BadInput {
  std::string label;
  std::string body;
  std::map<std::string, std::string> headers;
  Expect expect;
};

// "" when `result` is the documented answer, else what is wrong with it.
inline std::string judge(const Expect& expect, const HttpResult& result) {
  std::ostringstream out;
  if (!expect.statuses.contains(result.status)) {
    out << "expected status";
    for (int s : expect.statuses) out << " " << s;
    return out.str();
  }
  if (result.status == 400 || result.status == 413 || result.status == 415) {
    if (result.header("content-type").find("application/problem+json") == std::string::npos) {
      return "expected application/problem+json";
    }
  }
  if (!expect.code.empty() && result.code() != expect.code) return "expected code " + expect.code;
  if (expect.field.empty()) return "";
  const auto body = result.json();
  if (body.is_object() && body.contains("errors") && body["errors"].is_array()) {
    for (const auto& error : body["errors"]) {
      if (!error.is_object() || !error.contains("field") || !error["field"].is_string()) continue;
      const auto field = error["field"].get<std::string>();
      if (field == expect.field || field.starts_with(expect.field + "[") ||
          field.starts_with(expect.field + ".")) {
        return "";
      }
    }
  }
  return "expected an error naming " + expect.field;
}

namespace bad_input_detail {

using nlohmann::json;

inline bool looks_like_date(const json& value) {
  if (!value.is_string()) return false;
  const auto text = value.get<std::string>();
  return text.size() == 10 && text[4] == '-' && text[7] == '-';
}

// Each leaf field of `body` (one level into nested objects) as a JSON pointer and a dotted name.
inline void leaves(const json& body, const json::json_pointer& at, const std::string& prefix,
                   std::vector<std::pair<json::json_pointer, std::string>>* out) {
  for (const auto& [name, value] : body.items()) {
    if (value.is_object() && prefix.empty()) {
      out->emplace_back(at / name, name);
      leaves(value, at / name, name + ".", out);
    } else {
      out->emplace_back(at / name, prefix + name);
    }
  }
}

inline std::vector<json> wrong_types(const json& value) {
  if (value.is_string()) return {12345, true, json::array(), json::object(), 1.5};
  if (value.is_number()) return {"12", true, json::array({1}), json::object()};
  if (value.is_boolean()) return {"false", 1, json::array()};
  if (value.is_array()) {
    std::vector<json> out = {"x", 1, json::object()};
    if (!value.empty() && value.front().is_string()) {
      out.push_back(json::array({123}));
      out.push_back(json::array({json::object()}));
    }
    return out;
  }
  return {"x", 1, json::array()};  // objects
}

}  // namespace bad_input_detail

// Every bad body derived from `valid`. `optional` names the fields API.md marks optional.
inline std::vector<BadInput> bad_bodies(const nlohmann::json& valid,
                                        const std::set<std::string>& optional,
                                        std::mt19937_64& random) {
  using nlohmann::json;
  using namespace bad_input_detail;
  std::vector<BadInput> out;
  const std::string text = valid.dump();
  const auto add = [&](std::string label, std::string body, Expect expect,
                       std::map<std::string, std::string> headers = {}) {
    out.push_back({std::move(label), std::move(body), std::move(headers), std::move(expect)});
  };

  // Whole bodies
  for (const char* malformed : {"", "{", "{\"a\":}", "{\"a\":1,}", "[1,2", "nul", "{'a':1}",
                                "{\"a\":1}}", "{\"a\" 1}", "{\"a\":\"\\ud800\"}", "{\"a\":01}"}) {
    add(std::string("malformed ") + malformed, malformed, Expect::status(400));
  }
  for (const char* other : {"[]", "1", "\"x\"", "null", "true"}) {
    add(std::string("not an object ") + other, other, Expect::status(400, "body_not_object"));
  }
  std::uniform_int_distribution<std::size_t> extra(1, 4096);
  const std::size_t huge = 1024 * 1024 + extra(random);
  add("huge body", "{\"pad\":\"" + std::string(huge, 'x') + "\"}", Expect::status(413));
  add("10^5-deep array", std::string(100000, '[') + std::string(100000, ']'),
      Expect::status(400, "too_deep"));
  add("10^5-deep field", "{\"pad\":" + std::string(100000, '[') + std::string(100000, ']') + "}",
      Expect::status(400, "too_deep"));
  add("10^5 open brackets", std::string(100000, '{'), Expect::status(400, "too_deep"));
  for (const char* type : {"text/plain", "application/x-www-form-urlencoded", "application/jsonx",
                           "multipart/form-data; boundary=x", "text/json"}) {
    add(std::string("Content-Type ") + type, text, Expect::status(415), {{"Content-Type", type}});
  }
  {
    json body = valid;
    body["unexpected_field"] = 1;
    add("unknown field", body.dump(), Expect::field_error("unexpected_field", "unknown_field"));
  }

  std::vector<std::pair<json::json_pointer, std::string>> fields;
  leaves(valid, json::json_pointer(), "", &fields);
  // Longer than the longest text any reader takes (100,000 bytes: reply_text and the like)
  std::uniform_int_distribution<std::size_t> long_size(100'001, 200'000);
  for (const auto& [pointer, name] : fields) {
    const json& value = valid.at(pointer);
    const auto with = [&](const json& replacement) {
      json body = valid;
      body[pointer] = replacement;
      return body.dump();
    };
    for (const auto& wrong : wrong_types(value)) {
      add(name + " as " + wrong.dump(), with(wrong), Expect::field_error(name));
    }
    {
      json body = valid;
      body[pointer.parent_pointer()].erase(pointer.back());
      add("without " + name, body.dump(),
          optional.contains(name) ? Expect::refused() : Expect::field_error(name, "missing_field"));
    }
    if (value.is_object()) {
      json body = valid;
      body[pointer]["unexpected_field"] = "x";
      add(name + ".unexpected_field", body.dump(),
          Expect::field_error(name + ".unexpected_field", "unknown_field"));
    }
    if (value.is_string()) {
      add(name + " overlong", with(std::string(long_size(random), 'x')), Expect::field_error(name));
      add(name + " invalid UTF-8", with("x").replace(with("x").find("\"x\""), 3, "\"\xff\xfe\""),
          Expect::status(400, "invalid_utf8"));
      add(name + " overlong UTF-8 encoding",
          with("x").replace(with("x").find("\"x\""), 3, "\"\xc0\xaf\""),
          Expect::status(400, "invalid_utf8"));
      add(name + " UTF-8 surrogate", with("x").replace(with("x").find("\"x\""), 3, "\"\xed\xa0\x80\""),
          Expect::status(400, "invalid_utf8"));
    }
    if (value.is_array() && !value.empty() && value.front().is_string()) {
      add(name + " item overlong", with(json::array({std::string(long_size(random), 'x')})),
          Expect::field_error(name));
      add(name + " 10,000 items", with(json(std::vector<std::string>(10'000, "x"))),
          Expect::field_error(name));
    }
    const bool date_list = value.is_array() && !value.empty() && looks_like_date(value.front());
    if (looks_like_date(value) || date_list) {
      for (const char* impossible : {"2021-02-30", "2021-02-29", "2021-13-01", "2021-00-10",
                                     "2021-3-1", "2021-03-01T00:00:00Z", "99999-01-01", ""}) {
        add(name + " = " + impossible,
            with(date_list ? json::array({impossible}) : json(impossible)),
            Expect::field_error(name));
      }
    }
    if (value.is_number_integer()) {
      for (const char* number : {"1e30", "9223372036854775808", "-9223372036854775809", "-1",
                                 "1.5", "1e-3", "NaN"}) {
        json body = valid;
        body[pointer] = "@@";
        std::string raw = body.dump();
        raw.replace(raw.find("\"@@\""), 4, number);
        add(name + " = " + number, raw,
            std::string(number) == "NaN" ? Expect::status(400) : Expect::field_error(name));
      }
    }
  }
  return out;
}

// Path parameter values that are no id (URL-encoded as a client would send them).
inline std::vector<std::string> malformed_ids(const std::string& pattern, std::mt19937_64& random) {
  std::vector<std::string> ids = {"..",     "%2e%2e",   "x%00y",   std::string(5000, 'x'),
                                  "%ff%fe", "%F0%9F%92%A5",        "'%20OR%201=1",
                                  "%zz",    "CJZ-2021-99999999999999999999999"};
  if (pattern.find("{year}") != std::string::npos) {
    for (const char* year : {"abcd", "-1", "99999999999999999999", "2021.5", "0", "1e3"}) {
      ids.emplace_back(year);
    }
  }
  std::uniform_int_distribution<int> byte(1, 255);
  std::ostringstream noise;
  for (int i = 0; i < 16; ++i) {
    noise << '%' << "0123456789ABCDEF"[byte(random) / 16] << "0123456789ABCDEF"[byte(random) % 16];
  }
  ids.push_back(noise.str());
  return ids;
}

}  // namespace gongkai::testing
