// CaseCommandService: DESIGN.md flow 1 below the HTTP layer. The HTTP API, the CLI and the
// deadline monitor all execute case commands here:
//
//   read stream case-<id> -> decode -> fold -> decide(state, command, now, calendar)
//   -> encode -> append with ExpectedVersion::exactly(version read)
//
// - Concurrency: commands on the same case from this process take turns (a striped lock by case
//   id), so concurrent requests for one case decide on the state the previous one left instead
//   of racing to a version_conflict; commands on different cases still share the store's fsync
//   groups. When another writer appended to the case between our read and our append, the
//   store answers conflict; we re-read and re-decide (at most kMaxAttempts times), so a racing
//   command and the deadline monitor never both act on a stale state. When the caller passes an
//   `expected_version` (If-Match) nothing is retried: a mismatch is conflict "version_conflict"
//   and the HTTP layer answers 412.
// - Idempotency: with an idempotency key, event ids are derived from the key (SHA-256), and a
//   retry whose events are already in the case's stream is answered from the store (replayed)
//   without deciding again, so a retry after success cannot be refused by the changed state. A
//   key reused with another request is failed_precondition "idempotency_key_reused" (the store's
//   check). Without a key, event ids are random (128 bits).
// - Registration allocates the case number <agency>-<registration year>-<5-digit sequence>
//   (registration year: the agency date of `now`): see case_numbers.h and projections/README.md.
// - Loading: the service keeps the last state it folded for each case (at most kCacheCapacity
//   cases, the least recently used forgotten first) and reads only the events after it; the
//   stream is append-only, so this is the same state as a full fold. A keyed request first asks
//   the store for its key's stored result (EventStore::find_idempotent_append), not the stream.
// - A command that yields no events (a timer with nothing due) appends nothing and is ok, with
//   `events` empty.
// Nothing here throws.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "domain/base/lru_cache.h"
#include "domain/base/status.h"
#include "domain/cases/case_commands.h"
#include "domain/cases/case_events.h"
#include "domain/cases/case_state.h"
#include "domain/time/calendar.h"
#include "domain/time/instant.h"
#include "eventstore/event_store.h"
#include "projections/commands/case_numbers.h"

namespace gongkai::projections::commands {

// A case as its stream leaves it.
struct LoadedCase {
  domain::cases::CaseState state;
  std::uint64_t version = 0;  // the stream's version (0: no such case)
};

struct CommandOptions {
  std::string correlation_id;
  std::string causation_id;
  std::string idempotency_key;      // optional, 1..128 printable characters
  std::string request_fingerprint;  // optional; the store derives one from the events if empty
  std::optional<std::uint64_t> expected_version;  // If-Match
};

struct CommandOutcome {
  std::string case_id;
  std::vector<domain::cases::CaseEvent> events;  // empty: nothing to do
  std::uint64_t version = 0;                     // the stream's version after the command
  std::uint64_t position = 0;  // global position of the last event written (0: none written)
  bool replayed = false;       // answered from an earlier identical request
};

class CaseCommandService {
 public:
  static constexpr int kMaxAttempts = 5;
  static constexpr std::size_t kCacheCapacity = 2'000;

  // `agency`: the agency code that prefixes case numbers, e.g. "CJZ".
  CaseCommandService(eventstore::EventStore& store, std::string agency,
                     domain::time::Calendar calendar);

  // Executes one command on case `case_id`. For RegisterCase, `case_id` is ignored (pass "") and
  // a new case number is allocated; the outcome names it.
  [[nodiscard]] domain::Result<CommandOutcome> execute(const std::string& case_id,
                                                       const domain::cases::CaseCommand& command,
                                                       domain::time::Instant now,
                                                       const CommandOptions& options = {});

  [[nodiscard]] domain::Result<LoadedCase> load(const std::string& case_id) const;

  // The calendar decide uses; replaced as a whole (PUT /calendar/{year}).
  [[nodiscard]] std::shared_ptr<const domain::time::Calendar> calendar() const;
  void set_calendar(domain::time::Calendar calendar);

  [[nodiscard]] eventstore::EventStore& store() const { return store_; }
  [[nodiscard]] const std::string& agency() const { return agency_; }

 private:
  // The cached state brought up to the stream's end, or with `from_start` the whole stream.
  [[nodiscard]] domain::Result<LoadedCase> fold(const std::string& case_id, bool from_start) const;
  // The outcome of this command's earlier attempt when its Idempotency-Key stored one on this
  // case: the same events appended again, which the store answers as a replay.
  [[nodiscard]] domain::Result<std::optional<CommandOutcome>> replay_earlier_attempt(
      const std::string& case_id, const CommandOptions& options);
  [[nodiscard]] domain::Result<CommandOutcome> execute_existing(
      const std::string& case_id, const domain::cases::CaseCommand& command,
      domain::time::Instant now, const CommandOptions& options);
  [[nodiscard]] domain::Result<CommandOutcome> register_case(
      const domain::cases::CaseCommand& command, domain::time::Instant now,
      const CommandOptions& options);
  // Encodes and appends; on success fills the outcome (re-reading the stored events if replayed).
  [[nodiscard]] domain::Result<CommandOutcome> append(const std::string& case_id,
                                                      std::vector<domain::cases::CaseEvent> events,
                                                      eventstore::ExpectedVersion expected,
                                                      const CommandOptions& options);

  eventstore::EventStore& store_;
  std::string agency_;
  mutable std::mutex calendar_mutex_;
  std::shared_ptr<const domain::time::Calendar> calendar_;
  CaseNumbers numbers_;                     // probes the store through store_ and agency_
  std::array<std::mutex, 256> case_locks_;  // striped by case id: one command per case at a time
  mutable std::mutex cache_mutex_;
  mutable domain::LruCache<LoadedCase> cache_{kCacheCapacity};  // case id -> last folded state
};

// "<agency>-<year>-<sequence, at least 5 digits>".
[[nodiscard]] std::string case_number(std::string_view agency, int year, std::uint64_t sequence);

// The event id of the `index`-th event of a request with this idempotency key.
[[nodiscard]] std::string keyed_event_id(std::string_view idempotency_key, std::size_t index);

}  // namespace gongkai::projections::commands
