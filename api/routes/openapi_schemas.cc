#include "api/routes/openapi_schemas.h"

#include <map>
#include <string>

namespace gongkai::api::routes {

namespace {

using nlohmann::json;

constexpr std::string_view kCommandPrefix = "/api/v1/cases/{id}/";

// Fields of each body, as the decoders read them.
const std::map<std::string, std::string, std::less<>>& body_fields() {
  static const std::map<std::string, std::string, std::less<>> fields = {
      {"POST /api/v1/sessions", "username:string password:string"},
      {"POST /api/v1/users",
       "username:string display_name:string password:string roles:[string] agency:string? "
       "departments:[string]?"},
      {"PATCH /api/v1/users/{id}",
       "roles:[string]? departments:[string]? disabled:boolean? password:string?"},
      {"POST /api/v1/departments", "code:string name:string"},
      {"POST /api/v1/admin/backups", ""},  // {} (api/README.md, backups)
      {"PUT /api/v1/calendar/{year}", "holidays:[string] workdays:[string] source:string"},
      {"POST /api/v1/cases",
       "applicant:object:{type:enum natural_person|legal_person|other_organization "
       "name:string id_type:string? id_number:string? phone:string? address:string? "
       "email:string?} channel:enum in_person|post_signed|post_ordinary|online|fax|email|oral "
       "received_on:date description:string purpose:string? "
       "delivery:object:{form:enum paper|electronic|inspection? method:enum "
       "pickup|post|email|online?}? department:string?"},
      {"acknowledge", "given_on:date method:string"},
      {"assign", "department:string handler:string?"},
      {"transfer", "to_department:string reason:string"},
      {"request-correction", "items:[string] deadline_on:date notified_on:date"},
      {"receive-correction", "received_on:date summary:string"},
      {"start-consultation",
       "kind:enum third_party|co_producer|other_agency party:string sent_on:date "
       "received_by_party_on:date?"},
      {"record-consultation-reply",
       "consultation_id:integer received_on:date opinion:enum consent|object|none reason:string?"},
      {"close-consultation", "consultation_id:integer closed_on:date"},
      {"issue-fee-notice",
       "basis:enum per_application|per_page pages:integer? application_in_month:integer? "
       "amount_yuan:integer notified_on:date"},
      {"record-fee-payment", "paid_on:date amount_yuan:integer receipt_no:string"},
      {"request-extension", "days:integer reason:string requested_on:date?"},
      {"approve-extension", "comment:string? decided_on:date?"},
      {"reject-extension", "comment:string? decided_on:date?"},
      {"notify-extension", "notified_on:date method:string"},
      {"submit-reply",
       "disposition:string legal_basis:string reply_text:string "
       "attachments:[object:{name:string sha256:string size:integer}]?"},
      {"approve-reply", "comment:string?"},
      {"return-reply", "comment:string"},
      {"issue-reply", "served_on:date service_method:enum in_person|post|email|online"},
      {"withdraw", "received_on:date reason:string"},
      {"archive", "archive_no:string retention_years:integer"},
      {"reopen",
       "basis:enum reconsideration|litigation|self_correction reference:string decided_on:date "
       "reply_due_on:date"},
      {"record-remedy",
       "kind:enum reconsideration|litigation|litigation_after_reconsideration "
       "outcome:enum upheld|corrected|other|pending decided_on:date? reference:string"},
      {"add-note", "text:string"},
  };
  return fields;
}

// Splits at spaces outside braces.
std::vector<std::string_view> split_fields(std::string_view text) {
  std::vector<std::string_view> out;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    const char c = i < text.size() ? text[i] : ' ';
    if (c == '{') ++depth;
    if (c == '}') --depth;
    // "enum a|b" holds one space: the enum's values follow it.
    if (c == ' ' && depth == 0) {
      std::string_view piece = text.substr(start, i - start);
      if (!piece.empty() && piece.ends_with(":enum")) continue;
      if (!piece.empty()) out.push_back(piece);
      start = i + 1;
    }
  }
  return out;
}

json schema_of_type(std::string_view type) {
  if (type == "string") return {{"type", "string"}};
  if (type == "date") return {{"type", "string"}, {"format", "date"}};
  if (type == "integer") return {{"type", "integer"}};
  if (type == "number") return {{"type", "number"}};
  if (type == "boolean") return {{"type", "boolean"}};
  if (type.starts_with("[") && type.ends_with("]")) {
    return {{"type", "array"}, {"items", schema_of_type(type.substr(1, type.size() - 2))}};
  }
  if (type.starts_with("object:{") && type.ends_with("}")) {
    return schema_of_fields(type.substr(8, type.size() - 9));
  }
  if (type.starts_with("enum ")) {
    json values = json::array();
    std::string_view rest = type.substr(5);
    while (!rest.empty()) {
      const auto bar = rest.find('|');
      values.push_back(std::string(rest.substr(0, bar)));
      rest = bar == std::string_view::npos ? std::string_view() : rest.substr(bar + 1);
    }
    return {{"type", "string"}, {"enum", values}};
  }
  return {{"type", "object"}};
}

}  // namespace

json schema_of_fields(std::string_view fields) {
  json properties = json::object();
  json required = json::array();
  for (std::string_view field : split_fields(fields)) {
    const auto colon = field.find(':');
    const std::string name(field.substr(0, colon));
    std::string_view type = field.substr(colon + 1);
    const bool optional = type.ends_with("?");
    if (optional) type.remove_suffix(1);
    properties[name] = schema_of_type(type);
    if (!optional) required.push_back(name);
  }
  json schema = {{"type", "object"}, {"properties", properties}, {"additionalProperties", false}};
  if (!required.empty()) schema["required"] = required;
  return schema;
}

std::optional<json> request_body_schema(std::string_view method, std::string_view pattern) {
  const auto& fields = body_fields();
  if (method == "POST" && pattern.starts_with(kCommandPrefix)) {
    auto it = fields.find(pattern.substr(kCommandPrefix.size()));
    if (it != fields.end()) return schema_of_fields(it->second);
  }
  auto it = fields.find(std::string(method) + " " + std::string(pattern));
  if (it == fields.end()) return std::nullopt;
  return schema_of_fields(it->second);
}

}  // namespace gongkai::api::routes
