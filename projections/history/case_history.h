// The case's history and time travel, read straight from the case stream `case-<id>` (DESIGN.md:
// "history" needs no stored state; `as_of` folds the events up to a point).
//
// Errors: not_found "case_not_found" when the stream has no events (or none up to the point asked);
// internal "undecodable_event" when a stored event cannot be decoded (the codec's refusal); any
// read error of the store as it is.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "domain/base/status.h"
#include "domain/cases/case_state.h"
#include "domain/policy/roles.h"
#include "domain/time/instant.h"
#include "eventstore/event_store.h"

namespace gongkai::projections::history {

struct HistoryEntry {
  std::uint64_t position = 0;
  std::uint64_t version = 0;
  std::string type;
  std::string recorded_at;  // RFC 3339 UTC, six fractional digits, "Z"
  domain::policy::ActorRef actor;
  std::string data_json;  // the stored `data`, canonical JSON
  std::string summary_zh;
  std::string hash;
  std::string prev_hash;  // the previous event's hash in the global log
};

// The case's events after version `after_version`, oldest first, at most `max_entries` (a page
// reads only its own events). not_found only when asked from the start (after_version 0).
[[nodiscard]] domain::Result<std::vector<HistoryEntry>> case_history(
    const eventstore::EventStore& store, std::string_view case_id,
    std::uint64_t after_version = 0,
    std::size_t max_entries = std::numeric_limits<std::size_t>::max());

// `[{"position":..,"version":..,"type":..,"recorded_at":..,"actor":{"id","role"},"data":{..},
//   "summary_zh":..,"hash":..,"prev_hash":..}, ...]` (API.md "History"), keys sorted.
[[nodiscard]] std::string history_to_json(const std::vector<HistoryEntry>& entries);

struct CaseAsOf {
  domain::cases::CaseState state;
  std::uint64_t version = 0;   // the stream version reached
  std::uint64_t position = 0;  // the global position of the last event folded
};

// The case folded from its events with global position <= `position`.
[[nodiscard]] domain::Result<CaseAsOf> case_as_of(const eventstore::EventStore& store,
                                                  std::string_view case_id, std::uint64_t position);

// The case folded from its events recorded at or before `instant` (recorded_at, not business
// dates: "as the system knew it then").
[[nodiscard]] domain::Result<CaseAsOf> case_as_of_instant(const eventstore::EventStore& store,
                                                          std::string_view case_id,
                                                          domain::time::Instant instant);

}  // namespace gongkai::projections::history
