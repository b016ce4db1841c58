// At most N requests inside the handlers at once, admitted in arrival order.
//
// Why: POCO serves each keep-alive connection on its own thread, so under load every connection's
// thread is runnable at once and the kernel, not arrival order, decides who is served next. With
// 64 connections on 2 cores some connections waited 100–300 ms for their first answer while
// others were served again and again (RELIABILITY.md L1, "starved"). The gate keeps the handlers'
// concurrency near the core count and hands a freed slot to the longest waiter, so a request
// waits for the ones that arrived before it and for no others.
//
// Only the handler runs inside: reading a request and sending its answer do not hold a slot, so a
// slow client cannot keep one. A handler waiting for a synced write (domain::IdleWait) gives its
// slot up meanwhile: commands spend most of their time waiting for the disk, and holding slots
// through it left the cores idle (L1: −26 % requests). When the wait ends it goes on at once,
// borrowing a slot that the next leave() repays instead of admitting someone: it may hold a lock
// (a case's, the registration numbers') that requests holding every slot wait for, so waiting for
// a slot there could deadlock.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>

#include "domain/base/idle_wait.h"

namespace gongkai::api::app {

class FairGate {
 public:
  explicit FairGate(std::size_t slots);
  FairGate(const FairGate&) = delete;
  FairGate& operator=(const FairGate&) = delete;

  // Holds a slot until destroyed; install it (domain::IdleWaitScope) to give the slot up during
  // idle waits.
  class Pass final : public domain::IdleWaitHandler {
   public:
    explicit Pass(FairGate& gate) : gate_(&gate) {}
    Pass(Pass&& other) noexcept : gate_(other.gate_) { other.gate_ = nullptr; }
    Pass(const Pass&) = delete;
    Pass& operator=(const Pass&) = delete;
    Pass& operator=(Pass&&) = delete;
    ~Pass() override {
      if (gate_ != nullptr) gate_->leave();
    }
    void begin_idle() override { gate_->leave(); }
    void end_idle() override { gate_->borrow(); }

   private:
    FairGate* gate_;
  };

  // Blocks until every earlier caller has been admitted and a slot is free.
  [[nodiscard]] Pass enter();

  [[nodiscard]] std::size_t slots() const { return slots_; }
  [[nodiscard]] std::size_t waiting() const;

 private:
  struct Waiter {
    std::condition_variable admitted_cv;
    bool admitted = false;
  };
  void borrow();
  void leave();

  const std::size_t slots_;
  mutable std::mutex mutex_;
  std::ptrdiff_t free_;  // below 0: slots borrowed by resumed requests, repaid by the next leaves
  std::deque<Waiter*> queue_;  // oldest first; each lives on its caller's stack while queued
};

}  // namespace gongkai::api::app
