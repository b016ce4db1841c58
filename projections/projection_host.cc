#include "projections/projection_host.h"

#include <charconv>

#include "projections/state_overlay.h"

namespace gongkai::projections {
namespace {

constexpr std::size_t kReplayPage = 2000;     // events read and committed per replay batch
constexpr std::size_t kClearPage = 10'000;    // state keys removed per batch when rebuilding

struct Checkpoint {
  int version = -1;  // -1: none stored
  std::uint64_t position = 0;
};

Checkpoint read_checkpoint(const eventstore::EventStore& store, std::string_view name) {
  auto stored = store.get_state(ProjectionHost::checkpoint_key(name));
  Checkpoint checkpoint;
  if (!stored.ok()) return checkpoint;
  const std::string& text = *stored;
  const auto space = text.find(' ');
  if (space == std::string::npos) return checkpoint;
  std::from_chars(text.data(), text.data() + space, checkpoint.version);
  std::from_chars(text.data() + space + 1, text.data() + text.size(), checkpoint.position);
  return checkpoint;
}

}  // namespace

ProjectionHost::ProjectionHost(std::vector<std::shared_ptr<Projection>> projections,
                               std::set<std::string> rebuild, ProgressFn progress)
    : projections_(std::move(projections)),
      rebuild_(std::move(rebuild)),
      progress_(std::move(progress)) {}

void ProjectionHost::on_commit(const std::vector<eventstore::RecordedEvent>& events,
                               eventstore::CommitBatch& batch) {
  for (const auto& projection : projections_) {
    StateOverlay state(*store_, state_prefix(projection->name()));
    for (const auto& event : events) projection->apply(event, state);
    state.flush_into(batch);
    batch.put(checkpoint_key(projection->name()),
              checkpoint_value(projection->version(), events.back().position));
  }
}

eventstore::Status ProjectionHost::catch_up(const eventstore::EventStore& store,
                                            const eventstore::StateBatchWriter& write) {
  store_ = &store;
  for (const auto& projection : projections_) {
    try {
      if (auto status = catch_up_one(*projection, store, write); !status.ok()) return status;
    } catch (const std::exception& e) {
      return domain::internal_error("projection_failed", std::string(projection->name()) +
                                                             " could not catch up: " + e.what());
    }
  }
  return {};
}

eventstore::Status ProjectionHost::catch_up_one(Projection& projection,
                                                const eventstore::EventStore& store,
                                                const eventstore::StateBatchWriter& write) {
  const std::string name(projection.name());
  const std::uint64_t head = store.head_position();
  Checkpoint checkpoint = read_checkpoint(store, name);
  const bool rebuild = checkpoint.version != projection.version() || rebuild_.count(name) != 0;
  if (rebuild) {
    // Clear the old state page by page, then start from nothing.
    for (;;) {
      auto keys = store.scan_state(state_prefix(name), kClearPage);
      if (!keys.ok()) return keys.status();
      if (keys->empty()) break;
      auto status = write([&](eventstore::CommitBatch& batch) {
        for (const auto& entry : *keys) batch.remove(entry.first);
      });
      if (!status.ok()) return status;
    }
    checkpoint = {projection.version(), 0};
  }
  if (progress_) progress_({name, checkpoint.position, head, rebuild});
  StateOverlay state(store, state_prefix(name));
  while (checkpoint.position < head) {
    auto events = store.read_all(checkpoint.position + 1, kReplayPage);
    if (!events.ok()) return events.status();
    if (events->empty()) break;
    for (const auto& event : *events) projection.apply(event, state);
    checkpoint.position = events->back().position;
    auto status = write([&](eventstore::CommitBatch& batch) {
      state.flush_into(batch);
      batch.put(checkpoint_key(name), checkpoint_value(projection.version(), checkpoint.position));
    });
    if (!status.ok()) return status;
    if (progress_) progress_({name, checkpoint.position, head, rebuild});
  }
  if (rebuild && head == 0) {
    return write([&](eventstore::CommitBatch& batch) {
      batch.put(checkpoint_key(name), checkpoint_value(projection.version(), 0));
    });
  }
  return {};
}

}  // namespace gongkai::projections
