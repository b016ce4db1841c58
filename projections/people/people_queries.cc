// The people projection's queries: point reads and prefix scans of its state in the store.
#include <functional>
#include <utility>

#include "projections/people/people_projection.h"
#include "projections/people/people_state.h"
#include "projections/projection_host.h"

namespace gongkai::projections::people {
namespace {

using domain::Result;
using domain::Status;
using state::json;

constexpr std::size_t kScanLimit = std::size_t{1} << 24;

std::string full_key(std::string_view key) {
  return ProjectionHost::state_prefix(kPeopleProjection) + std::string(key);
}

Status corrupt(const std::string& key, const std::string& what) {
  return domain::internal_error("corrupt_state", "people state '" + key + "': " + what);
}

// The parsed value at `key`, nullopt when absent.
template <typename T>
Result<std::optional<T>> read(const eventstore::EventStore& store, const std::string& key,
                              T (*from_json)(const json&)) {
  auto value = store.get_state(full_key(key));
  if (!value.ok()) {
    if (value.status().code() == domain::Code::not_found) {
      return std::optional<T>();
    }
    return value.status();
  }
  try {
    return std::optional<T>(from_json(json::parse(*value)));
  } catch (const json::exception& e) {
    return corrupt(key, e.what());
  }
}

template <typename T>
Result<T> require(Result<std::optional<T>> found, std::string reason, std::string message) {
  if (!found.ok()) {
    return found.status();
  }
  if (!found->has_value()) {
    return domain::not_found(std::move(reason), std::move(message));
  }
  return std::move(**found);
}

Result<std::vector<std::pair<std::string, std::string>>> scan(const eventstore::EventStore& store,
                                                              const std::string& prefix) {
  return store.scan_state(full_key(prefix), kScanLimit);
}

}  // namespace

Result<UserView> get_user(const eventstore::EventStore& store, std::string_view user_id) {
  return require(read(store, state::user_key(user_id), &state::user_from_json), "user_not_found",
                 "no user '" + std::string(user_id) + "'");
}

Result<UserView> find_user_by_username(const eventstore::EventStore& store,
                                       std::string_view username) {
  auto user_id = store.get_state(full_key(state::username_key(username)));
  if (!user_id.ok()) {
    if (user_id.status().code() == domain::Code::not_found) {
      return domain::not_found("user_not_found", "no user named '" + std::string(username) + "'");
    }
    return user_id.status();
  }
  return get_user(store, *user_id);
}

Result<std::vector<UserView>> list_users(const eventstore::EventStore& store,
                                         std::string_view agency) {
  const std::string prefix = state::agency_user_prefix(agency);
  auto entries = scan(store, prefix);
  if (!entries.ok()) {
    return entries.status();
  }
  std::vector<UserView> users;
  for (const auto& [key, value] : *entries) {
    auto user = get_user(store, std::string_view(key).substr(full_key(prefix).size()));
    if (!user.ok()) {
      return user.status();
    }
    users.push_back(std::move(user).value());
  }
  return users;
}

Result<std::vector<GrantEntry>> user_grants(const eventstore::EventStore& store,
                                            std::string_view user_id) {
  auto user = get_user(store, user_id);
  if (!user.ok()) {
    return user.status();
  }
  auto entries = scan(store, state::grant_prefix(user_id));
  if (!entries.ok()) {
    return entries.status();
  }
  std::vector<GrantEntry> grants;
  for (const auto& [key, value] : *entries) {
    try {
      grants.push_back(state::grant_from_json(json::parse(value)));
    } catch (const json::exception& e) {
      return corrupt(key, e.what());
    }
  }
  return grants;
}

Result<PasswordRecordView> find_password_record(const eventstore::EventStore& store,
                                                std::string_view user_id) {
  return require(read(store, state::password_key(user_id), &state::password_from_json),
                 "password_not_set", "no password record for '" + std::string(user_id) + "'");
}

Result<std::vector<DepartmentView>> list_departments(const eventstore::EventStore& store,
                                                     std::string_view agency) {
  auto entries = scan(store, std::string(state::kDepartmentPrefix));
  if (!entries.ok()) {
    return entries.status();
  }
  std::vector<DepartmentView> departments;
  for (const auto& [key, value] : *entries) {
    try {
      DepartmentView department = state::department_from_json(json::parse(value));
      if (department.agency == agency) {
        departments.push_back(std::move(department));
      }
    } catch (const json::exception& e) {
      return corrupt(key, e.what());
    }
  }
  return departments;
}

Result<SessionView> find_session(const eventstore::EventStore& store, std::string_view session_id) {
  return require(read(store, state::session_key(session_id), &state::session_from_json),
                 "session_not_found", "no such session");
}

Result<std::vector<std::string>> open_session_ids(const eventstore::EventStore& store,
                                                  std::string_view user_id) {
  const std::string prefix = state::user_session_prefix(user_id);
  auto entries = scan(store, prefix);
  if (!entries.ok()) {
    return entries.status();
  }
  std::vector<std::string> ids;
  const std::string full_prefix = full_key(prefix);
  for (const auto& entry : *entries) {
    ids.push_back(entry.first.substr(full_prefix.size()));
  }
  return ids;
}

}  // namespace gongkai::projections::people
