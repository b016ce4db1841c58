// The agency's first administrator, `admin` (display name 系统管理员), created by the system actor
// so the log says who held admin from the start. Used by the server's first start
// (api/app/server_context.cc) and `gongkai init` (tools/cli/init_command.cc); the caller hashes
// the password (api/auth/password.h), this module never sees it.
#pragma once

#include <string>
#include <string_view>

#include "domain/base/status.h"
#include "domain/time/instant.h"
#include "eventstore/event_store.h"
#include "projections/commands/people_command_service.h"

namespace gongkai::projections::commands {

inline constexpr std::string_view kFirstAdminUsername = "admin";

// True when a user of `agency` holds the admin role (disabled or not).
[[nodiscard]] domain::Result<bool> has_admin(const eventstore::EventStore& store,
                                             std::string_view agency);

// user.created.v1 then user.password_set (the record); conflict already_exists when a user
// named admin exists.
[[nodiscard]] domain::Status create_first_admin(PeopleCommandService& people,
                                                const std::string& agency,
                                                const std::string& password_record,
                                                domain::time::Instant now);

}  // namespace gongkai::projections::commands
