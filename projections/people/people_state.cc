#include "projections/people/people_state.h"

#include <cstdio>

#include "eventstore/codec/case_event_codec.h"
#include "eventstore/codec/record_codec.h"

namespace gongkai::projections::people::state {
namespace {

namespace codec = eventstore::codec;
using domain::time::Instant;

json instant_to_json(Instant at) { return codec::format_instant(at); }
Instant instant_from_json(const json& j) {
  Instant at;
  if (!codec::parse_instant(j.get<std::string>(), at)) {
    throw json::other_error::create(501, "not an instant", &j);
  }
  return at;
}

}  // namespace

std::string user_key(std::string_view user_id) { return "user/" + std::string(user_id); }
std::string username_key(std::string_view username) { return "username/" + std::string(username); }
std::string agency_user_prefix(std::string_view agency) {
  return "agency_user/" + std::string(agency) + "/";
}
std::string grant_prefix(std::string_view user_id) { return "grant/" + std::string(user_id) + "/"; }
std::string grant_key(std::string_view user_id, std::uint64_t position) {
  char digits[21];
  std::snprintf(digits, sizeof digits, "%020llu", static_cast<unsigned long long>(position));
  return grant_prefix(user_id) + digits;
}
std::string password_key(std::string_view user_id) { return "password/" + std::string(user_id); }
std::string department_key(std::string_view code) {
  return std::string(kDepartmentPrefix) + std::string(code);
}
std::string session_key(std::string_view session_id) {
  return "session/" + std::string(session_id);
}
std::string user_session_prefix(std::string_view user_id) {
  return "user_session/" + std::string(user_id) + "/";
}

json roles_to_json(const std::vector<domain::policy::Role>& roles) {
  json out = json::array();
  for (const auto role : roles) {
    out.push_back(std::string(domain::policy::role_name(role)));
  }
  return out;
}
std::vector<domain::policy::Role> roles_from_json(const json& j) {
  std::vector<domain::policy::Role> roles;
  for (const json& name : j) {
    const auto role = domain::policy::parse_role(name.get<std::string>());
    if (!role.has_value()) {
      throw json::other_error::create(501, "not a role", &name);
    }
    roles.push_back(*role);
  }
  return roles;
}

json stamp_to_json(const Stamp& stamp) {
  return {{"by", codec::actor_string(stamp.by)}, {"at", instant_to_json(stamp.at)}};
}
Stamp stamp_from_json(const json& j) {
  const auto by = codec::parse_actor_string(j.at("by").get<std::string>());
  if (!by.has_value()) {
    throw json::other_error::create(501, "not an actor", &j);
  }
  return {*by, instant_from_json(j.at("at"))};
}

json to_json(const UserView& v) {
  return {{"user_id", v.user_id},
          {"username", v.username},
          {"display_name", v.display_name},
          {"roles", roles_to_json(v.roles)},
          {"agency", v.agency},
          {"departments", v.departments},
          {"disabled", v.disabled},
          {"created", stamp_to_json(v.created)},
          {"changed", stamp_to_json(v.changed)}};
}
UserView user_from_json(const json& j) {
  UserView v;
  v.user_id = j.at("user_id").get<std::string>();
  v.username = j.at("username").get<std::string>();
  v.display_name = j.at("display_name").get<std::string>();
  v.roles = roles_from_json(j.at("roles"));
  v.agency = j.at("agency").get<std::string>();
  v.departments = j.at("departments").get<std::vector<std::string>>();
  v.disabled = j.at("disabled").get<bool>();
  v.created = stamp_from_json(j.at("created"));
  v.changed = stamp_from_json(j.at("changed"));
  return v;
}

json to_json(const GrantEntry& v) {
  return {{"position", v.position},          {"type", v.type},
          {"stamp", stamp_to_json(v.stamp)}, {"roles", roles_to_json(v.roles)},
          {"departments", v.departments},    {"disabled", v.disabled}};
}
GrantEntry grant_from_json(const json& j) {
  GrantEntry v;
  v.position = j.at("position").get<std::uint64_t>();
  v.type = j.at("type").get<std::string>();
  v.stamp = stamp_from_json(j.at("stamp"));
  v.roles = roles_from_json(j.at("roles"));
  v.departments = j.at("departments").get<std::vector<std::string>>();
  v.disabled = j.at("disabled").get<bool>();
  return v;
}

json to_json(const PasswordRecordView& v) {
  return {{"user_id", v.user_id},
          {"password_record", v.password_record},
          {"set", stamp_to_json(v.set)}};
}
PasswordRecordView password_from_json(const json& j) {
  return {j.at("user_id").get<std::string>(), j.at("password_record").get<std::string>(),
          stamp_from_json(j.at("set"))};
}

json to_json(const DepartmentView& v) {
  return {{"code", v.code},
          {"name", v.name},
          {"agency", v.agency},
          {"created", stamp_to_json(v.created)}};
}
DepartmentView department_from_json(const json& j) {
  return {j.at("code").get<std::string>(), j.at("name").get<std::string>(),
          j.at("agency").get<std::string>(), stamp_from_json(j.at("created"))};
}

json to_json(const SessionView& v) {
  json out = {{"session_id", v.session_id},
              {"user_id", v.user_id},
              {"opened_at", instant_to_json(v.opened_at)},
              {"expires_at", instant_to_json(v.expires_at)},
              {"idle_timeout_seconds", v.idle_timeout_seconds},
              {"open", v.open},
              {"last_known_at", instant_to_json(v.last_known_at)}};
  if (v.closed_reason.has_value()) {
    out["closed_reason"] = std::string(domain::people::close_reason_name(*v.closed_reason));
  }
  if (v.closed.has_value()) {
    out["closed"] = stamp_to_json(*v.closed);
  }
  return out;
}
SessionView session_from_json(const json& j) {
  SessionView v;
  v.session_id = j.at("session_id").get<std::string>();
  v.user_id = j.at("user_id").get<std::string>();
  v.opened_at = instant_from_json(j.at("opened_at"));
  v.expires_at = instant_from_json(j.at("expires_at"));
  v.idle_timeout_seconds = j.at("idle_timeout_seconds").get<std::int64_t>();
  v.open = j.at("open").get<bool>();
  v.last_known_at = instant_from_json(j.at("last_known_at"));
  if (const auto it = j.find("closed_reason"); it != j.end()) {
    const auto reason = domain::people::parse_close_reason(it->get<std::string>());
    if (!reason.has_value()) {
      throw json::other_error::create(501, "not a close reason", &*it);
    }
    v.closed_reason = *reason;
  }
  if (const auto it = j.find("closed"); it != j.end()) {
    v.closed = stamp_from_json(*it);
  }
  return v;
}

}  // namespace gongkai::projections::people::state
