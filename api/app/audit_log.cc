#include "api/app/audit_log.h"

#include <nlohmann/json.hpp>

namespace gongkai::api::app {

void AuditLog::set_sink(Sink sink) {
  std::lock_guard lock(mutex_);
  sink_ = std::move(sink);
}

void AuditLog::record(AuditEntry entry) {
  const nlohmann::json line = {{"audit", entry.kind},   {"user", entry.user_id},
                               {"method", entry.method}, {"path", entry.path},
                               {"status", entry.status}, {"reason", entry.reason},
                               {"at", entry.at}};
  std::lock_guard lock(mutex_);
  if (sink_) sink_(line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  entries_.push_back(std::move(entry));
  if (entries_.size() > kKeep) entries_.pop_front();
}

std::vector<AuditEntry> AuditLog::recent() const {
  std::lock_guard lock(mutex_);
  return {entries_.begin(), entries_.end()};
}

}  // namespace gongkai::api::app
