// StateOverlay: the writes of a group not yet committed, in front of the committed state. A
// projection applying several events of one group reads its own earlier writes from here, and
// the host then copies the writes into the group's batch.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "eventstore/event_store.h"
#include "projections/projection.h"

namespace gongkai::projections {

class StateOverlay final : public StateWriter {
 public:
  // `store` holds the committed state; `prefix` is the projection's key prefix ("cases/").
  StateOverlay(const eventstore::EventStore& store, std::string prefix)
      : store_(store), prefix_(std::move(prefix)) {}

  [[nodiscard]] std::optional<std::string> get(std::string_view key) const override;
  [[nodiscard]] std::vector<std::pair<std::string, std::string>> scan(
      std::string_view prefix, std::size_t limit) const override;
  [[nodiscard]] std::vector<eventstore::RecordedEvent> committed_stream(
      std::string_view stream, std::uint64_t through_version) const override;
  void put(std::string_view key, std::string_view value) override;
  void remove(std::string_view key) override;

  // Copies the pending writes (full keys) into `batch` and forgets them.
  void flush_into(eventstore::CommitBatch& batch);

 private:
  const eventstore::EventStore& store_;
  std::string prefix_;
  std::map<std::string, std::optional<std::string>, std::less<>> pending_;  // nullopt: removed
};

}  // namespace gongkai::projections
