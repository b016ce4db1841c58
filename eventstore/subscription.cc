#include "eventstore/subscription.h"

namespace gongkai::eventstore {

Result<std::vector<RecordedEvent>> Subscription::next(std::size_t max_count,
                                                      std::chrono::milliseconds timeout) {
  if (store_.head_position() <= position_ && !store_.wait_for_position(position_, timeout)) {
    return std::vector<RecordedEvent>{};
  }
  auto events = store_.read_all(position_ + 1, max_count);
  if (events.ok() && !events->empty()) position_ = events->back().position;
  return events;
}

}  // namespace gongkai::eventstore
