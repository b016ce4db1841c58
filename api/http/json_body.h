// Reading a JSON request body under API.md's limits, and reading its fields strictly.
//
// parse_json_body: 415 unless the Content-Type is JSON, 413 over 1 MiB, 400 `invalid_utf8`,
// 400 `too_deep` (nested deeper than 64), 400 `malformed_json`, 400 `body_not_object`.
// FieldReader: collects every field problem of a body (missing_field, invalid_field) and, at
// finish(), names the fields nobody read as `unknown_field`: a typo must not silently drop data.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "api/http/http_types.h"
#include "api/http/problem.h"
#include "domain/time/civil_date.h"

namespace gongkai::api::http {

inline constexpr std::size_t kMaxBodyBytes = 1024 * 1024;
inline constexpr int kMaxJsonDepth = 64;

// The body as a JSON object, or the problem response to send.
struct ParsedBody {
  nlohmann::json value;
  std::optional<HttpResponse> problem;
};
[[nodiscard]] ParsedBody parse_json_body(const HttpRequest& request);

// The nesting depth of a JSON text (brackets outside strings); stops counting past `limit`.
[[nodiscard]] int json_depth(std::string_view text, int limit);

class FieldReader {
 public:
  // `object` must be a JSON object and outlive the reader. `prefix` names nested fields
  // ("applicant.") in error messages.
  explicit FieldReader(const nlohmann::json& object, std::string prefix = "");

  // Strings are trimmed of nothing and must be 1..max_bytes long (valid UTF-8 is already checked).
  std::string string(std::string_view name, std::size_t max_bytes = 4000);
  std::optional<std::string> optional_string(std::string_view name, std::size_t max_bytes = 4000);
  // YYYY-MM-DD of a real calendar day.
  domain::time::CivilDate date(std::string_view name);
  std::optional<domain::time::CivilDate> optional_date(std::string_view name);
  std::int64_t integer(std::string_view name, std::int64_t min, std::int64_t max);
  std::optional<std::int64_t> optional_integer(std::string_view name, std::int64_t min,
                                               std::int64_t max);
  std::optional<bool> optional_boolean(std::string_view name);
  std::vector<std::string> string_list(std::string_view name, std::size_t max_items = 100,
                                       std::size_t max_bytes = 4000);
  std::optional<std::vector<std::string>> optional_string_list(std::string_view name,
                                                               std::size_t max_items = 100,
                                                               std::size_t max_bytes = 4000);
  // A nested object (nullptr when absent; missing_field when `required`), or an array of them.
  const nlohmann::json* object(std::string_view name, bool required);
  const nlohmann::json* array(std::string_view name, bool required, std::size_t max_items = 100);

  void add_error(std::string field, std::string message, bool missing = false);
  // Merges a nested reader's problems (its unknown fields included).
  void absorb(FieldReader& nested);

  // The problem to answer (400), or nullopt when every field was read and valid.
  [[nodiscard]] std::optional<HttpResponse> finish();

 private:
  const nlohmann::json* take(std::string_view name, bool required);
  [[nodiscard]] std::string field_name(std::string_view name) const;
  void collect_unknown();

  const nlohmann::json& object_;
  std::string prefix_;
  std::set<std::string> read_;
  std::vector<FieldError> errors_;
  std::string first_code_;
  bool unknown_collected_ = false;
};

}  // namespace gongkai::api::http
