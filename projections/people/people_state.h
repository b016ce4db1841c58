// Internal to the people projection: its keys and the JSON forms of its views (nlohmann stays in
// projections/people/*.cc and here). The from_json functions throw nlohmann::json::exception on
// a malformed value; callers catch it.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "projections/people/people_projection.h"

namespace gongkai::projections::people::state {

using nlohmann::json;

std::string user_key(std::string_view user_id);
std::string username_key(std::string_view username);
std::string agency_user_prefix(std::string_view agency);
std::string grant_prefix(std::string_view user_id);
std::string grant_key(std::string_view user_id, std::uint64_t position);
std::string password_key(std::string_view user_id);
inline constexpr std::string_view kDepartmentPrefix = "department/";
std::string department_key(std::string_view code);
std::string session_key(std::string_view session_id);
std::string user_session_prefix(std::string_view user_id);

json roles_to_json(const std::vector<domain::policy::Role>& roles);
std::vector<domain::policy::Role> roles_from_json(const json& j);
json stamp_to_json(const Stamp& stamp);
Stamp stamp_from_json(const json& j);

json to_json(const UserView& v);
UserView user_from_json(const json& j);
json to_json(const GrantEntry& v);
GrantEntry grant_from_json(const json& j);
json to_json(const PasswordRecordView& v);
PasswordRecordView password_from_json(const json& j);
json to_json(const DepartmentView& v);
DepartmentView department_from_json(const json& j);
json to_json(const SessionView& v);
SessionView session_from_json(const json& j);

}  // namespace gongkai::projections::people::state
