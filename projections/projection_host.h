// ProjectionHost: runs projections inside the event store (it is the store's CommitHook).
//
// Live: for every committed group it applies each event to each projection through a
// StateOverlay, then puts the state writes and each projection's checkpoint into the group's
// batch, so state and checkpoint are written atomically with the events and can never disagree.
// At open: a projection whose checkpoint names another version, or that is asked to rebuild, has
// its state cleared and is replayed from position 1; one whose checkpoint lags the log catches up
// from it. Both happen before the store accepts an append, in one pass over the log: each page
// is read once, applied event by event to every projection behind it, then each projection's
// flush() runs and the page's writes and checkpoints are committed in one batch (a projection
// being rebuilt, which has no checkpoint until its last page, holds its writes across pages and
// commits them on its own, on a worker thread, while the next projection flushes: loaded as a
// table file once there are many, in batches at its last page).
// Live and replay apply in the same order: for each event, every projection in turn.
#pragma once

#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "eventstore/event_store.h"
#include "projections/projection.h"
#include "projections/worker_pool.h"

namespace gongkai::projections {

class ProjectionHost final : public eventstore::CommitHook {
 public:
  struct Progress {
    std::string projection;
    std::uint64_t position = 0;  // replayed up to here
    std::uint64_t head = 0;
    bool rebuilding = false;     // from position 1, state cleared
  };
  using ProgressFn = std::function<void(const Progress&)>;

  // `rebuild`: names of projections to rebuild from position 1 whatever their checkpoint says.
  explicit ProjectionHost(std::vector<std::shared_ptr<Projection>> projections,
                          std::set<std::string> rebuild = {}, ProgressFn progress = nullptr);
  ~ProjectionHost() override;
  ProjectionHost(const ProjectionHost&) = delete;
  ProjectionHost& operator=(const ProjectionHost&) = delete;

  void on_commit(const std::vector<eventstore::RecordedEvent>& events,
                 eventstore::CommitBatch& batch) override;
  [[nodiscard]] eventstore::Status catch_up(const eventstore::EventStore& store,
                                            const eventstore::StateWriters& writers) override;

  // The key prefix of a projection's state, and the key of its checkpoint.
  static std::string state_prefix(std::string_view name) { return std::string(name) + "/"; }
  static std::string checkpoint_key(std::string_view name) {
    return "checkpoint/" + std::string(name);
  }
  // The checkpoint value: "<version> <position>".
  static std::string checkpoint_value(int version, std::uint64_t position) {
    return std::to_string(version) + " " + std::to_string(position);
  }
  // The log position in a stored checkpoint value (0 when it is not one): read in the same
  // snapshot as the projection's state (EventStore::visit_state), the position that state reflects.
  static std::uint64_t checkpoint_position_in(std::string_view value);

 private:
  eventstore::Status catch_up_all(const eventstore::EventStore& store,
                                  const eventstore::StateWriters& writers,
                                  const Projection*& current);
  static eventstore::Status clear_state(const std::string& name,
                                        const eventstore::EventStore& store,
                                        const eventstore::StateBatchWriter& write);

  std::vector<std::shared_ptr<Projection>> projections_;
  std::set<std::string> rebuild_;
  ProgressFn progress_;
  const eventstore::EventStore* store_ = nullptr;  // set by catch_up, before any commit
  TaskFuture<void> retired_;  // frees the memory of the catch-up's replay (see catch_up_all)
};

}  // namespace gongkai::projections
