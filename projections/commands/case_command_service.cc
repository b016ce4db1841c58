#include "projections/commands/case_command_service.h"

#include <cstdint>
#include <functional>
#include <utility>
#include <variant>

#include "domain/cases/case_decider.h"
#include "domain/time/civil_date.h"
#include "eventstore/codec/case_event_codec.h"
#include "eventstore/codec/sha256.h"
#include "projections/commands/people_command_service.h"

namespace gongkai::projections::commands {

namespace dc = domain::cases;
namespace codec = eventstore::codec;
using domain::Result;
using eventstore::ExpectedVersion;

namespace {

constexpr std::string_view kStreamPrefix = "case-";

Result<std::vector<dc::CaseEvent>> decode_all(const std::vector<eventstore::RecordedEvent>& records,
                                              std::size_t from) {
  std::vector<dc::CaseEvent> events;
  events.reserve(records.size() - from);
  for (std::size_t i = from; i < records.size(); ++i) {
    auto event = codec::decode_case_event(records[i]);
    if (!event.ok()) return event.status();
    events.push_back(std::move(event).value());
  }
  return events;
}

eventstore::EventToAppend as_append(const eventstore::RecordedEvent& record) {
  return {record.event_id,       record.type,         record.data_json,  record.actor,
          record.correlation_id, record.causation_id, record.recorded_at};
}

}  // namespace

std::string case_number(std::string_view agency, int year, std::uint64_t sequence) {
  char digits[32];
  std::snprintf(digits, sizeof digits, "%05llu", static_cast<unsigned long long>(sequence));
  return std::string(agency) + "-" + std::to_string(year) + "-" + digits;
}

std::string keyed_event_id(std::string_view idempotency_key, std::size_t index) {
  std::string id = "k";  // appended, not "k" + ...: GCC 12's -Wrestrict false positive
  id += codec::sha256_hex(idempotency_key).substr(0, 40);
  id += '-';
  id += std::to_string(index);
  return id;
}

CaseCommandService::CaseCommandService(eventstore::EventStore& store, std::string agency,
                                       domain::time::Calendar calendar)
    : store_(store),
      agency_(std::move(agency)),
      calendar_(std::make_shared<const domain::time::Calendar>(std::move(calendar))),
      numbers_([this](int year, std::uint64_t number) -> Result<bool> {
        auto version =
            store_.stream_version(codec::case_stream(case_number(agency_, year, number)));
        if (!version.ok()) return version.status();
        return *version > 0;
      }) {}

std::shared_ptr<const domain::time::Calendar> CaseCommandService::calendar() const {
  const std::lock_guard lock(calendar_mutex_);
  return calendar_;
}

void CaseCommandService::set_calendar(domain::time::Calendar calendar) {
  auto next = std::make_shared<const domain::time::Calendar>(std::move(calendar));
  const std::lock_guard lock(calendar_mutex_);
  calendar_ = std::move(next);
}

Result<LoadedCase> CaseCommandService::load(const std::string& case_id) const {
  return fold(case_id, false);
}

Result<LoadedCase> CaseCommandService::fold(const std::string& case_id, bool from_start) const {
  LoadedCase loaded;
  if (!from_start) {
    const std::lock_guard lock(cache_mutex_);
    if (const LoadedCase* cached = cache_.find(case_id)) loaded = *cached;
  }
  const std::string stream = codec::case_stream(case_id);
  auto records = store_.read_stream_forward(stream, loaded.version + 1, SIZE_MAX);
  if (!records.ok()) return records.status();
  if (!records->empty() && records->front().version != loaded.version + 1) {
    return fold(case_id, true);  // the cache does not fit the stream: fold it all
  }
  for (const auto& record : *records) {
    auto event = codec::decode_case_event(record);
    if (!event.ok()) return event.status();
    dc::evolve(loaded.state, *event);
    loaded.version = record.version;
  }
  if (!records->empty()) {
    const std::lock_guard lock(cache_mutex_);
    LoadedCase& cached = cache_[case_id];
    if (cached.version < loaded.version) cached = loaded;
  }
  return loaded;
}

Result<CommandOutcome> CaseCommandService::execute(const std::string& case_id,
                                                   const dc::CaseCommand& command,
                                                   domain::time::Instant now,
                                                   const CommandOptions& options) {
  if (std::holds_alternative<dc::RegisterCase>(command.body)) {
    return register_case(command, now, options);
  }
  return execute_existing(case_id, command, now, options);
}

Result<std::optional<CommandOutcome>> CaseCommandService::replay_earlier_attempt(
    const std::string& case_id, const CommandOptions& options) {
  // Looked up by key, not by reading the case's stream for the key's event ids: a case's stream
  // only grows, and every keyed command (all the API's, with an Idempotency-Key) paid for all of
  // it.
  auto stored = store_.find_idempotent_append(options.idempotency_key);
  if (!stored.ok()) return stored.status();
  const std::string stream = codec::case_stream(case_id);
  if (!*stored || (*stored)->stream != stream) return std::optional<CommandOutcome>();
  const eventstore::AppendResult& earlier = **stored;
  auto records =
      store_.read_all(earlier.first_position, earlier.last_position - earlier.first_position + 1);
  if (!records.ok()) return records.status();
  if (records->empty() || records->front().event_id != keyed_event_id(options.idempotency_key, 0)) {
    return std::optional<CommandOutcome>();  // not stored by a command of this service
  }
  std::vector<eventstore::EventToAppend> same;
  for (const auto& record : *records) same.push_back(as_append(record));
  // Appended again, not answered here: the store compares the request's fingerprint, and refuses
  // the key if it came with another request.
  auto replay =
      store_.append({stream, ExpectedVersion::exactly(records->front().version - 1),
                     std::move(same), options.idempotency_key, options.request_fingerprint});
  if (!replay.ok()) return replay.status();
  auto events = decode_all(*records, 0);
  if (!events.ok()) return events.status();
  return std::optional<CommandOutcome>(CommandOutcome{
      case_id, std::move(events).value(), replay->stream_version, replay->last_position, true});
}

Result<CommandOutcome> CaseCommandService::execute_existing(const std::string& case_id,
                                                            const dc::CaseCommand& command,
                                                            domain::time::Instant now,
                                                            const CommandOptions& options) {
  // Commands on one case from this process take turns (see the header); the retry loop below is
  // for writers this lock does not see.
  std::lock_guard turn(case_locks_[std::hash<std::string>{}(case_id) % case_locks_.size()]);
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    if (!options.idempotency_key.empty()) {
      auto earlier = replay_earlier_attempt(case_id, options);
      if (!earlier.ok()) return earlier.status();
      if (*earlier) return std::move(**earlier);
    }
    auto loaded = load(case_id);
    if (!loaded.ok()) return loaded.status();
    const std::uint64_t version = loaded->version;
    if (options.expected_version && *options.expected_version != version) {
      return domain::conflict("version_conflict", "case " + case_id + " is at version " +
                                                      std::to_string(version) + ", not " +
                                                      std::to_string(*options.expected_version));
    }
    auto decided = dc::decide(loaded->state, command, now, *calendar());
    if (!decided.ok()) return decided.status();
    if (decided->empty()) return CommandOutcome{case_id, {}, version, 0, false};
    auto outcome =
        append(case_id, std::move(decided).value(), ExpectedVersion::exactly(version), options);
    if (!outcome.ok() && outcome.status().code() == domain::Code::conflict &&
        !options.expected_version) {
      continue;  // a concurrent writer: re-read and decide again
    }
    return outcome;
  }
  return domain::conflict("version_conflict", "case " + case_id + " kept changing; gave up after " +
                                                  std::to_string(kMaxAttempts) + " attempts");
}

Result<CommandOutcome> CaseCommandService::register_case(const dc::CaseCommand& command,
                                                         domain::time::Instant now,
                                                         const CommandOptions& options) {
  // The number is reserved, not locked: registrations share fsync groups like other commands.
  // One that stores no case gives its number back, so numbers stay dense while the process
  // runs. Another process registering into the same store is caught by the no_stream
  // expectation: that number is taken, probe again.
  const int year = domain::time::date_of(now).year();
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    auto number = numbers_.reserve(year);
    if (!number.ok()) return number.status();
    const std::string case_id = case_number(agency_, year, *number);
    dc::CaseCommand numbered = command;
    std::get<dc::RegisterCase>(numbered.body).case_id = case_id;
    auto decided = dc::decide(dc::CaseState{}, numbered, now, *calendar());
    auto outcome = decided.ok() ? append(case_id, std::move(decided).value(),
                                         ExpectedVersion::no_stream(), options)
                                : Result<CommandOutcome>(decided.status());
    if (!outcome.ok() && outcome.status().code() == domain::Code::conflict) {
      numbers_.forget(year);  // taken by another process: probe again
      continue;
    }
    if (!outcome.ok() || outcome->replayed) numbers_.give_back(year, *number);
    return outcome;
  }
  return domain::conflict("version_conflict", "no free case number after " +
                                                  std::to_string(kMaxAttempts) + " attempts");
}

Result<CommandOutcome> CaseCommandService::append(const std::string& case_id,
                                                  std::vector<dc::CaseEvent> events,
                                                  ExpectedVersion expected,
                                                  const CommandOptions& options) {
  std::vector<eventstore::EventToAppend> to_store;
  to_store.reserve(events.size());
  for (std::size_t i = 0; i < events.size(); ++i) {
    std::string id = options.idempotency_key.empty() ? random_hex_id()
                                                     : keyed_event_id(options.idempotency_key, i);
    auto encoded =
        codec::to_append(events[i], std::move(id), options.correlation_id, options.causation_id);
    if (!encoded.ok()) return encoded.status();
    to_store.push_back(std::move(encoded).value());
  }
  auto stored = store_.append({codec::case_stream(case_id), expected, std::move(to_store),
                               options.idempotency_key, options.request_fingerprint});
  if (!stored.ok()) return stored.status();
  CommandOutcome outcome{case_id, std::move(events), stored->stream_version, stored->last_position,
                         stored->replayed};
  if (stored->replayed) {
    // Answered from an earlier request with this key (for a registration: maybe another case).
    const std::uint64_t stored_count = stored->last_position - stored->first_position + 1;
    outcome.case_id = stored->stream.substr(kStreamPrefix.size());
    auto records = store_.read_stream_forward(
        stored->stream, stored->stream_version - stored_count + 1, stored_count);
    if (!records.ok()) return records.status();
    auto replayed = decode_all(*records, 0);
    if (!replayed.ok()) return replayed.status();
    outcome.events = std::move(replayed).value();
  }
  return outcome;
}

}  // namespace gongkai::projections::commands
