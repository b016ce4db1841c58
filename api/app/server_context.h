// The composition root: the one place that opens the store with every projection, builds the
// services the routes use and owns them for the server's lifetime. Routes get a ServerContext&
// and nothing else.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>

#include "api/app/audit_log.h"
#include "api/app/metrics.h"
#include "api/app/server_config.h"
#include "api/auth/session_service.h"
#include "domain/base/status.h"
#include "domain/time/calendar.h"
#include "domain/time/civil_date.h"
#include "domain/time/clock.h"
#include "eventstore/event_store.h"
#include "eventstore/rocksdb/rocksdb_event_store.h"
#include "projections/commands/case_command_service.h"
#include "projections/commands/people_command_service.h"

namespace gongkai::api::app {

// What tests put under a server, never configured (no file, flag or env setting reaches it).
struct ServerSeams {
  std::shared_ptr<rocksdb::Env> store_env = nullptr;  // an Env injecting I/O faults; null: default
};

class ServerContext {
 public:
  // Opens (creating if needed) the store under config.data_dir, catches the projections up and,
  // when no user of the agency holds admin, creates `admin` (config.admin_password, or a random one
  // returned in *generated_admin_password). `clock` must outlive the context.
  [[nodiscard]] static domain::Result<std::unique_ptr<ServerContext>> open(
      ServerConfig config, const domain::time::Clock& clock,
      std::string* generated_admin_password = nullptr, ServerSeams seams = {});

  [[nodiscard]] const ServerConfig& config() const { return config_; }
  [[nodiscard]] const domain::time::Clock& clock() const { return clock_; }
  [[nodiscard]] eventstore::EventStore& store() const { return *store_; }
  // A new backup of the running store into config().backup_dir (<data_dir>/backups when empty),
  // one at a time (RocksDbEventStore::backup_to); POST /api/v1/admin/backups.
  [[nodiscard]] domain::Result<eventstore::RocksDbEventStore::BackupResult> backup_store();
  [[nodiscard]] std::string backup_directory() const;
  [[nodiscard]] projections::commands::CaseCommandService& cases() const { return *cases_; }
  [[nodiscard]] projections::commands::PeopleCommandService& people() const { return *people_; }
  [[nodiscard]] auth::SessionService& sessions() const { return *sessions_; }
  [[nodiscard]] Metrics& metrics() const { return *metrics_; }
  [[nodiscard]] AuditLog& audit() const { return *audit_; }
  // The calendar in force (PUT /calendar/{year} replaces it).
  [[nodiscard]] std::shared_ptr<const domain::time::Calendar> calendar() const {
    return cases_->calendar();
  }
  // The agency's date now (UTC+8).
  [[nodiscard]] domain::time::CivilDate today() const;

  // Ready: the store is open, healthy (not stopped after a write failure) and projections are
  // caught up (they are, once open() returned).
  [[nodiscard]] domain::Status readiness() const;

  ServerContext(const ServerContext&) = delete;
  ServerContext& operator=(const ServerContext&) = delete;
  ~ServerContext();

 private:
  ServerContext(ServerConfig config, const domain::time::Clock& clock);
  [[nodiscard]] domain::Status bootstrap_admin(std::string* generated_password);

  ServerConfig config_;
  const domain::time::Clock& clock_;
  std::unique_ptr<eventstore::EventStore> store_;
  eventstore::RocksDbEventStore* rocksdb_ = nullptr;  // store_, for backups
  std::mutex backup_mutex_;
  std::unique_ptr<projections::commands::CaseCommandService> cases_;
  std::unique_ptr<projections::commands::PeopleCommandService> people_;
  std::unique_ptr<auth::SessionService> sessions_;
  std::unique_ptr<Metrics> metrics_;
  std::unique_ptr<AuditLog> audit_;
};

}  // namespace gongkai::api::app
