// Subscription: follows the global log from a position, first catching up on what is stored,
// then waiting for new commits. Because positions are gap-free and read in order from a cursor,
// no event is skipped or delivered twice.
#pragma once

#include <chrono>
#include <cstdint>
#include <vector>

#include "eventstore/event_store.h"

namespace gongkai::eventstore {

class Subscription {
 public:
  Subscription(const EventStore& store, std::uint64_t after_position)
      : store_(store), position_(after_position) {}

  // The next events after the cursor, at most `max_count`; waits up to `timeout` when there are
  // none yet. An empty result means the timeout passed (or the store stopped) with nothing new.
  [[nodiscard]] Result<std::vector<RecordedEvent>> next(std::size_t max_count,
                                                        std::chrono::milliseconds timeout);
  // The position of the last event delivered (the `after_position` given, before any).
  [[nodiscard]] std::uint64_t position() const { return position_; }

 private:
  const EventStore& store_;
  std::uint64_t position_;
};

}  // namespace gongkai::eventstore
