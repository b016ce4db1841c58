#include "api/http/json_body.h"

#include "eventstore/codec/record_codec.h"

namespace gongkai::api::http {

namespace {

using nlohmann::json;

bool content_type_is_json(const HttpRequest& request) {
  const auto type = request.header("content-type");
  if (!type) return false;
  const std::string media = type->substr(0, type->find(';'));
  return media == "application/json" || media == "application/problem+json" ||
         (media.size() > 5 && media.ends_with("+json"));
}

}  // namespace

int json_depth(std::string_view text, int limit) {
  int depth = 0;
  int deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      deepest = std::max(deepest, ++depth);
      if (deepest > limit) return deepest;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return deepest;
}

ParsedBody parse_json_body(const HttpRequest& request) {
  ParsedBody out;
  if (request.body.size() > kMaxBodyBytes) {
    out.problem = problem(413, "body_too_large", "request bodies are limited to 1 MiB");
  } else if (!content_type_is_json(request)) {
    out.problem = problem(415, "unsupported_media_type", "send the body as application/json");
  } else if (!eventstore::codec::valid_utf8(request.body)) {
    out.problem = problem(400, "invalid_utf8", "the body is not valid UTF-8");
  } else if (json_depth(request.body, kMaxJsonDepth) > kMaxJsonDepth) {
    out.problem = problem(400, "too_deep", "JSON nested deeper than 64 levels");
  } else {
    out.value = json::parse(request.body, nullptr, false);
    if (out.value.is_discarded()) {
      out.problem = problem(400, "malformed_json", "the body is not well-formed JSON");
    } else if (!out.value.is_object()) {
      out.problem = problem(400, "body_not_object", "the body must be a JSON object");
    }
  }
  return out;
}

FieldReader::FieldReader(const json& object, std::string prefix)
    : object_(object), prefix_(std::move(prefix)) {}

std::string FieldReader::field_name(std::string_view name) const {
  return prefix_ + std::string(name);
}

void FieldReader::add_error(std::string field, std::string message, bool missing) {
  if (first_code_.empty()) first_code_ = missing ? "missing_field" : "invalid_field";
  errors_.push_back({std::move(field), std::move(message)});
}

const json* FieldReader::take(std::string_view name, bool required) {
  read_.emplace(name);
  auto it = object_.find(name);
  if (it == object_.end() || it->is_null()) {
    if (required) add_error(field_name(name), "is required", true);
    return nullptr;
  }
  return &*it;
}

std::optional<std::string> FieldReader::optional_string(std::string_view name,
                                                        std::size_t max_bytes) {
  const json* v = take(name, false);
  if (v == nullptr) return std::nullopt;
  if (!v->is_string()) {
    add_error(field_name(name), "must be a string");
    return std::nullopt;
  }
  const auto& s = v->get_ref<const std::string&>();
  if (s.empty() || s.size() > max_bytes) {
    add_error(field_name(name), "must be 1 to " + std::to_string(max_bytes) + " bytes");
    return std::nullopt;
  }
  return s;
}

std::string FieldReader::string(std::string_view name, std::size_t max_bytes) {
  if (take(name, true) == nullptr) return {};
  return optional_string(name, max_bytes).value_or("");
}

std::optional<domain::time::CivilDate> FieldReader::optional_date(std::string_view name) {
  const auto text = optional_string(name, 10);
  if (!text) return std::nullopt;
  auto date = domain::time::CivilDate::parse(*text);
  if (!date) add_error(field_name(name), "must be a real date YYYY-MM-DD");
  return date;
}

domain::time::CivilDate FieldReader::date(std::string_view name) {
  if (take(name, true) == nullptr) return {};
  return optional_date(name).value_or(domain::time::CivilDate{});
}

std::optional<std::int64_t> FieldReader::optional_integer(std::string_view name,
                                                          std::int64_t min, std::int64_t max) {
  const json* v = take(name, false);
  if (v == nullptr) return std::nullopt;
  if (!v->is_number_integer()) {
    add_error(field_name(name), "must be an integer");
    return std::nullopt;
  }
  const bool is_unsigned = v->is_number_unsigned();
  if (is_unsigned && v->get<std::uint64_t>() > static_cast<std::uint64_t>(max)) {
    add_error(field_name(name), "is out of range");
    return std::nullopt;
  }
  const auto n = v->get<std::int64_t>();
  if (n < min || n > max) {
    add_error(field_name(name),
              "must be between " + std::to_string(min) + " and " + std::to_string(max));
    return std::nullopt;
  }
  return n;
}

std::int64_t FieldReader::integer(std::string_view name, std::int64_t min, std::int64_t max) {
  if (take(name, true) == nullptr) return 0;
  return optional_integer(name, min, max).value_or(0);
}

std::optional<bool> FieldReader::optional_boolean(std::string_view name) {
  const json* v = take(name, false);
  if (v == nullptr) return std::nullopt;
  if (!v->is_boolean()) {
    add_error(field_name(name), "must be true or false");
    return std::nullopt;
  }
  return v->get<bool>();
}

std::optional<std::vector<std::string>> FieldReader::optional_string_list(
    std::string_view name, std::size_t max_items, std::size_t max_bytes) {
  const json* v = take(name, false);
  if (v == nullptr) return std::nullopt;
  if (!v->is_array() || v->size() > max_items) {
    add_error(field_name(name), "must be a list of at most " + std::to_string(max_items) +
                                    " strings");
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const json& item : *v) {
    if (!item.is_string() || item.get_ref<const std::string&>().empty() ||
        item.get_ref<const std::string&>().size() > max_bytes) {
      add_error(field_name(name), "must hold non-empty strings");
      return std::nullopt;
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

std::vector<std::string> FieldReader::string_list(std::string_view name, std::size_t max_items,
                                                  std::size_t max_bytes) {
  if (take(name, true) == nullptr) return {};
  return optional_string_list(name, max_items, max_bytes).value_or(std::vector<std::string>{});
}

const json* FieldReader::object(std::string_view name, bool required) {
  const json* v = take(name, required);
  if (v != nullptr && !v->is_object()) {
    add_error(field_name(name), "must be an object");
    return nullptr;
  }
  return v;
}

const json* FieldReader::array(std::string_view name, bool required, std::size_t max_items) {
  const json* v = take(name, required);
  if (v != nullptr && (!v->is_array() || v->size() > max_items)) {
    add_error(field_name(name), "must be a list of at most " + std::to_string(max_items) + " items");
    return nullptr;
  }
  return v;
}

void FieldReader::collect_unknown() {
  if (unknown_collected_) return;
  unknown_collected_ = true;
  for (auto it = object_.begin(); it != object_.end(); ++it) {
    if (read_.count(it.key()) == 0) {
      // An unknown field outranks the others: it usually explains them (a misspelt name).
      first_code_ = "unknown_field";
      errors_.insert(errors_.begin(), {field_name(it.key()), "is not a field of this request"});
    }
  }
}

void FieldReader::absorb(FieldReader& nested) {
  nested.collect_unknown();
  if (nested.errors_.empty()) return;
  if (first_code_.empty() || nested.first_code_ == "unknown_field") first_code_ = nested.first_code_;
  errors_.insert(errors_.end(), nested.errors_.begin(), nested.errors_.end());
}

std::optional<HttpResponse> FieldReader::finish() {
  collect_unknown();
  if (errors_.empty()) return std::nullopt;
  const FieldError& first = errors_.front();
  return problem(400, first_code_, first.field + " " + first.message, errors_);
}

}  // namespace gongkai::api::http
