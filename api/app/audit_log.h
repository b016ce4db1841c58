// The audit record of denied requests and of reads of full personal data (issue 5): JSON lines,
// one per occurrence, written to the server's log under the "audit" logger and kept in memory
// (the newest kKeep) for tests and for the admin. Reads of full identity numbers are also appended
// to the event log by the case routes (stream audit-<agency>), so they are tamper-evident.
#pragma once

#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace gongkai::api::app {

struct AuditEntry {
  std::string kind;  // denied | pii_read
  std::string user_id;
  std::string method;
  std::string path;
  int status = 0;
  std::string reason;
  std::string at;  // RFC 3339
};

class AuditLog {
 public:
  static constexpr std::size_t kKeep = 10'000;
  using Sink = std::function<void(const std::string& json_line)>;

  void set_sink(Sink sink);
  void record(AuditEntry entry);
  [[nodiscard]] std::vector<AuditEntry> recent() const;

 private:
  mutable std::mutex mutex_;
  std::deque<AuditEntry> entries_;
  Sink sink_;
};

}  // namespace gongkai::api::app
