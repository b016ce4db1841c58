// Projection: a read model built from the log. It has a stable name and a version; it applies
// events in commit order, writing its state through a StateWriter whose keys live under the
// projection's own prefix, so projections cannot touch each other's state. The ProjectionHost
// runs it inside the store's writer, so its state and checkpoint land in the same synced batch as
// the events: a command's answer already shows in every view.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "eventstore/event_store.h"

namespace gongkai::projections {

class PagePreparer;  // projections/page_preparer.h

// A projection's view of its own state (keys are relative to its prefix).
class StateReader {
 public:
  virtual ~StateReader() = default;
  [[nodiscard]] virtual std::optional<std::string> get(std::string_view key) const = 0;
  // Entries whose key starts with `prefix`, in key order, at most `limit`.
  [[nodiscard]] virtual std::vector<std::pair<std::string, std::string>> scan(
      std::string_view prefix, std::size_t limit) const = 0;
  // Events of `stream` already committed to the log with version <= `through_version`, oldest
  // first (read-only access to the log, so a projection can fold a stream again instead of
  // keeping copies of its events). Events of the group being applied are not committed yet.
  // Default: none (a reader without a log).
  [[nodiscard]] virtual std::vector<eventstore::RecordedEvent> committed_stream(
      std::string_view stream, std::uint64_t through_version) const {
    (void)stream;
    (void)through_version;
    return {};
  }
};

class StateWriter : public StateReader {
 public:
  virtual void put(std::string_view key, std::string_view value) = 0;
  virtual void remove(std::string_view key) = 0;
};

class Projection {
 public:
  virtual ~Projection() = default;
  // Stable: it prefixes the state's keys and names the checkpoint.
  [[nodiscard]] virtual std::string_view name() const = 0;
  // Raise it whenever apply() changes meaning: the state is then rebuilt from position 1.
  [[nodiscard]] virtual int version() const = 0;
  // Must not fail for any event the log can hold: events it does not know, it ignores.
  virtual void apply(const eventstore::RecordedEvent& event, StateWriter& state) = 0;
  // Called after the last event of a live group or of a replay page, before the state writes are
  // committed with that group's or page's checkpoint. A projection may defer writes from apply()
  // to here (e.g. write a case's view once per page instead of once per event) as long as it
  // reads its deferred values itself; the state after flush() is what counts. Default: nothing.
  virtual void flush(StateWriter& state) { (void)state; }
  // Who can do part of apply()'s work for a replay page ahead, on the reader thread (shared by
  // projections that share that work, like the case feed); null: nobody. Default: null.
  [[nodiscard]] virtual PagePreparer* page_preparer() { return nullptr; }
};

}  // namespace gongkai::projections
