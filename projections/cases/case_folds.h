// CaseFolds: the case events a projection keeps so that apply() can fold a case again.
//
// A projection sees one event at a time and may read only its own state, so each case-based
// projection (cases, queues, deadlines) keeps the case's events under its own prefix
// ("<name>/events/<case id>/<version, 10 digits>") and folds them with domain::cases::evolve when
// the next event arrives. The stored copy of `case.registered` carries the *masked* identity
// number and no phone, address or email: no projection state holds them (the log does). Folding a few
// dozen events per apply is cheap next to the fsync that carries the batch; a bounded cache of
// recent folds makes a replay (catch-up, rebuild) linear in the log instead.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "domain/cases/case_events.h"
#include "domain/cases/case_state.h"
#include "eventstore/event_store.h"
#include "projections/projection.h"

namespace gongkai::projections {

// The event as a case event; nullopt for a stream that is not "case-...", an unknown type or data
// that does not decode (a projection ignores those: apply() must not fail).
[[nodiscard]] std::optional<domain::cases::CaseEvent> decode_case_record(
    const eventstore::RecordedEvent& recorded);

// "CJZ" for "CJZ-2021-00001": the agency is the case number's first segment.
[[nodiscard]] std::string agency_of(std::string_view case_id);

// Zero-padded so that keys sort as numbers.
[[nodiscard]] std::string padded(std::uint64_t number, int width = 10);
// "YYYYMMDD": keys sort by date.
[[nodiscard]] std::string date_key(domain::time::CivilDate date);

// Replaces a case's entries in an index (queues, deadlines): removes the keys written last time,
// which "at/<case id>" lists one per line, writes `entries` and lists their keys there instead.
void replace_case_entries(std::string_view case_id,
                          const std::vector<std::pair<std::string, std::string>>& entries,
                          StateWriter& state);

// Not thread-safe: one instance per projection, used from the store's writer thread only (the
// host applies projections there, and at open before any append).
class CaseFolds {
 public:
  // Stores `event` (decoded from `recorded`) and returns the case folded through it.
  [[nodiscard]] domain::cases::CaseState record(const eventstore::RecordedEvent& recorded,
                                                const domain::cases::CaseEvent& event,
                                                StateWriter& state);
  // The case as the stored events leave it (stage none if there are none).
  [[nodiscard]] static domain::cases::CaseState load(std::string_view case_id,
                                                     const StateReader& state);

 private:
  struct Cached {
    domain::cases::CaseState state;
    std::uint64_t version = 0;  // the stream version of the last event folded
  };
  // A cached fold is used only for the event right after it (version + 1); anything else (a
  // rebuild starting again at 1, a skipped undecodable event) reads the stored events instead.
  std::unordered_map<std::string, Cached> cache_;
};

}  // namespace gongkai::projections
