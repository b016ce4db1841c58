#include "api/app/server_context.h"

#include <filesystem>

#include "api/auth/password.h"
#include "domain/people/people_decider.h"
#include "domain/time/calendar_text.h"
#include "eventstore/rocksdb/rocksdb_event_store.h"
#include "projections/calendar/calendar_host.h"
#include "projections/commands/first_admin.h"

namespace gongkai::api::app {

namespace dp = domain::people;

ServerContext::ServerContext(ServerConfig config, const domain::time::Clock& clock)
    : config_(std::move(config)), clock_(clock) {}

ServerContext::~ServerContext() {
  // Services hold references to the store: they go first.
  sessions_.reset();
  people_.reset();
  cases_.reset();
  store_.reset();
}

domain::Result<std::unique_ptr<ServerContext>> ServerContext::open(
    ServerConfig config, const domain::time::Clock& clock, std::string* generated_admin_password,
    ServerSeams seams) {
  if (!dp::valid_code(config.agency_code)) {
    return domain::invalid_argument("invalid_agency", "agency_code must be 1-32 of A-Z a-z 0-9 _");
  }
  auto calendar = domain::time::builtin_calendar();
  if (!calendar.ok()) return calendar.status();
  std::unique_ptr<ServerContext> context(new ServerContext(std::move(config), clock));
  auto host = std::make_shared<projections::CalendarHost>(context->config_.agency_code, *calendar);
  std::error_code ignored;
  std::filesystem::create_directories(context->config_.data_dir, ignored);
  auto store = eventstore::RocksDbEventStore::open(
      {.directory = std::filesystem::path(context->config_.data_dir) / "store",
       .hooks = {host},
       .sync_writes = true,
       .env = std::move(seams.store_env),
       .import_only = false});
  if (!store.ok()) return store.status();
  context->rocksdb_ = store->get();
  context->store_ = std::move(*store);
  context->cases_ = std::make_unique<projections::commands::CaseCommandService>(
      *context->store_, context->config_.agency_code, host->calendar());
  context->people_ = std::make_unique<projections::commands::PeopleCommandService>(*context->store_);
  context->sessions_ = std::make_unique<auth::SessionService>(
      *context->store_, *context->people_,
      auth::SessionSettings{context->config_.session_absolute_seconds,
                            context->config_.session_idle_seconds,
                            context->config_.password_hashing},
      auth::ThrottleSettings{});
  context->metrics_ = std::make_unique<Metrics>();
  context->audit_ = std::make_unique<AuditLog>();
  if (auto status = context->bootstrap_admin(generated_admin_password); !status.ok()) return status;
  return context;
}

domain::Status ServerContext::bootstrap_admin(std::string* generated_password) {
  // No user holds admin yet: a new store, or one `gongkai demo` filled (its users are not admins).
  auto admin = projections::commands::has_admin(*store_, config_.agency_code);
  if (!admin.ok()) return admin.status();
  if (*admin) return {};
  std::string password = config_.admin_password;
  if (password.empty()) {
    password = auth::random_hex(12);
    if (generated_password != nullptr) *generated_password = password;
  }
  if (auto policy = auth::check_password_policy(password); !policy.ok()) return policy;
  auto record = auth::hash_password(password, config_.password_hashing);
  if (!record.ok()) return record.status();
  return projections::commands::create_first_admin(*people_, config_.agency_code, *record,
                                                   clock_.now());
}

domain::time::CivilDate ServerContext::today() const { return domain::time::date_of(clock_.now()); }

domain::Status ServerContext::readiness() const {
  if (!store_) return domain::unavailable("store_closed", "the store is not open");
  return store_->health();
}

std::string ServerContext::backup_directory() const {
  if (!config_.backup_dir.empty()) return config_.backup_dir;
  return (std::filesystem::path(config_.data_dir) / "backups").string();
}

domain::Result<eventstore::RocksDbEventStore::BackupResult> ServerContext::backup_store() {
  const std::lock_guard<std::mutex> lock(backup_mutex_);  // one BackupEngine writer at a time
  return rocksdb_->backup_to(backup_directory());
}

}  // namespace gongkai::api::app
