#include "api/app/fair_gate.h"

namespace gongkai::api::app {

FairGate::FairGate(std::size_t slots)
    : slots_(slots == 0 ? 1 : slots), free_(static_cast<std::ptrdiff_t>(slots_)) {}

FairGate::Pass FairGate::enter() {
  std::unique_lock lock(mutex_);
  if (free_ > 0) {  // then nobody is queued: leave() hands a slot to a waiter instead of freeing it
    --free_;
    return Pass(*this);
  }
  Waiter waiter;
  queue_.push_back(&waiter);
  // The slot is handed over by leave(): free_ already accounts for it.
  waiter.admitted_cv.wait(lock, [&waiter] { return waiter.admitted; });
  return Pass(*this);
}

void FairGate::borrow() {
  const std::lock_guard lock(mutex_);
  --free_;
}

void FairGate::leave() {
  const std::lock_guard lock(mutex_);
  if (free_ < 0 || queue_.empty()) {
    ++free_;  // repays a borrowed slot, or frees one
    return;
  }
  Waiter* next = queue_.front();
  queue_.pop_front();
  next->admitted = true;
  // Notified under the lock: once it is released the waiter may return and its Waiter go away.
  next->admitted_cv.notify_one();
}

std::size_t FairGate::waiting() const {
  const std::lock_guard lock(mutex_);
  return queue_.size();
}

}  // namespace gongkai::api::app
