// What the administration subcommands share: where the store is, which agency they act for, who
// they act as, the clock, and a store opened the way the server opens it (every projection behind
// a CalendarHost, so clocks count with the store's calendar) with the command services on it.
//
// Layout: the store is store_directory(data dir) (data_dir.h), where the server keeps it.
//
// Actor: commands act as role admin with user id `cli:<OS user>` ($USER, else "unknown"), so the
// log says the change came from the command line on this machine and by whom.
#pragma once

#include <filesystem>
#include <memory>
#include <set>
#include <string>

#include "domain/base/status.h"
#include "domain/policy/roles.h"
#include "domain/time/instant.h"
#include "eventstore/event_store.h"
#include "projections/calendar/calendar_host.h"
#include "projections/commands/case_command_service.h"
#include "projections/commands/people_command_service.h"

namespace gongkai::tools {

// GONGKAI_AGENCY_CODE else "CJZ" (the server's default).
[[nodiscard]] std::string default_agency();

// The CLI's actor (role admin, id "cli:<OS user>").
[[nodiscard]] domain::policy::Actor cli_actor();

// The wall clock now.
[[nodiscard]] domain::time::Instant wall_clock_now();

struct StoreSession {
  std::string agency;
  std::shared_ptr<projections::CalendarHost> host;
  std::unique_ptr<eventstore::EventStore> store;  // declared before the services that use it
  std::unique_ptr<projections::commands::CaseCommandService> cases;
  std::unique_ptr<projections::commands::PeopleCommandService> people;

  StoreSession() = default;
  StoreSession(const StoreSession&) = delete;
  StoreSession& operator=(const StoreSession&) = delete;
  ~StoreSession();
};

struct OpenOptions {
  bool create = false;            // false: not_found "no_store" when there is no store yet
  std::set<std::string> rebuild;  // projections to replay from position 1
  projections::ProjectionHost::ProgressFn progress;
};

// The hash of the event at the head (64 zeros for an empty store).
[[nodiscard]] domain::Result<std::string> head_hash(const eventstore::EventStore& store);

[[nodiscard]] domain::Result<std::unique_ptr<StoreSession>> open_store(const std::string& data_dir,
                                                                       const std::string& agency,
                                                                       OpenOptions options = {});

}  // namespace gongkai::tools
