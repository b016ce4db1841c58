// A thread about to block on something that needs no CPU of its own (the event store's synced
// write) says so with an IdleWait, so that whatever limits how many threads run at once (the
// API's FairGate) can let another one run meanwhile. Nothing happens on a thread that installed
// no handler (tools, tests, the deadline monitor).
#pragma once

namespace gongkai::domain {

class IdleWaitHandler {
 public:
  virtual ~IdleWaitHandler() = default;
  virtual void begin_idle() = 0;
  virtual void end_idle() = 0;  // returns when the thread may run again
};

namespace detail {
inline IdleWaitHandler*& idle_wait_handler() {
  thread_local IdleWaitHandler* handler = nullptr;
  return handler;
}
}  // namespace detail

// Installs `handler` for the calling thread until the scope ends.
class IdleWaitScope {
 public:
  explicit IdleWaitScope(IdleWaitHandler& handler) : previous_(detail::idle_wait_handler()) {
    detail::idle_wait_handler() = &handler;
  }
  ~IdleWaitScope() { detail::idle_wait_handler() = previous_; }
  IdleWaitScope(const IdleWaitScope&) = delete;
  IdleWaitScope& operator=(const IdleWaitScope&) = delete;

 private:
  IdleWaitHandler* previous_;
};

// Marks the blocking wait it spans.
class IdleWait {
 public:
  IdleWait() : handler_(detail::idle_wait_handler()) {
    if (handler_ != nullptr) handler_->begin_idle();
  }
  ~IdleWait() {
    if (handler_ != nullptr) handler_->end_idle();
  }
  IdleWait(const IdleWait&) = delete;
  IdleWait& operator=(const IdleWait&) = delete;

 private:
  IdleWaitHandler* handler_;
};

}  // namespace gongkai::domain
