// CountingStore: an EventStore that forwards every call to a real store and counts the events
// its stream reads hand back, so that a test can show what a query costs in reads (a page of
// history reads its page, not the whole case) without timing anything.
#pragma once

#include <cstddef>

#include "eventstore/event_store.h"

namespace gongkai::testing {

class CountingStore final : public eventstore::EventStore {
 public:
  explicit CountingStore(const eventstore::EventStore& real) : real_(real) {}

  // Events returned by read_stream_forward and read_stream_backward since the last reset.
  [[nodiscard]] std::size_t stream_events_read() const { return stream_events_read_; }
  void reset() { stream_events_read_ = 0; }

  eventstore::Result<eventstore::AppendResult> append(eventstore::AppendRequest) override {
    return domain::failed_precondition("read_only", "CountingStore only reads");
  }
  eventstore::Result<std::vector<eventstore::RecordedEvent>> read_stream_forward(
      std::string_view stream, std::uint64_t from_version, std::size_t max_count) const override {
    return counted(real_.read_stream_forward(stream, from_version, max_count));
  }
  eventstore::Result<std::vector<eventstore::RecordedEvent>> read_stream_backward(
      std::string_view stream, std::uint64_t from_version, std::size_t max_count) const override {
    return counted(real_.read_stream_backward(stream, from_version, max_count));
  }
  eventstore::Result<std::vector<eventstore::RecordedEvent>> read_all(
      std::uint64_t from_position, std::size_t limit) const override {
    return real_.read_all(from_position, limit);
  }
  eventstore::Status read_all(std::uint64_t from_position, std::size_t limit,
                              std::vector<eventstore::RecordedEvent>& page) const override {
    return real_.read_all(from_position, limit, page);
  }
  eventstore::Result<std::uint64_t> stream_version(std::string_view stream) const override {
    return real_.stream_version(stream);
  }
  eventstore::Result<std::optional<eventstore::AppendResult>> find_idempotent_append(
      std::string_view key) const override {
    return real_.find_idempotent_append(key);
  }
  std::uint64_t head_position() const override { return real_.head_position(); }
  bool wait_for_position(std::uint64_t after, std::chrono::milliseconds timeout) const override {
    return real_.wait_for_position(after, timeout);
  }
  eventstore::Result<std::string> get_state(std::string_view key) const override {
    return real_.get_state(key);
  }
  eventstore::Result<std::vector<std::pair<std::string, std::string>>> scan_state(
      std::string_view prefix, std::size_t limit) const override {
    return real_.scan_state(prefix, limit);
  }
  eventstore::Result<std::vector<std::pair<std::string, std::string>>> scan_state_after(
      std::string_view prefix, std::string_view after, std::size_t limit) const override {
    return real_.scan_state_after(prefix, after, limit);
  }
  eventstore::Status visit_state(std::span<const eventstore::StateRange> ranges,
                                 const eventstore::StateVisitor& visit) const override {
    return real_.visit_state(ranges, visit);
  }
  eventstore::VerifyReport verify_log() const override { return real_.verify_log(); }
  eventstore::VerifyReport verify_stream(std::string_view stream) const override {
    return real_.verify_stream(stream);
  }
  eventstore::Status health() const override { return real_.health(); }
  MemoryUsage memory_usage() const override { return real_.memory_usage(); }

 private:
  eventstore::Result<std::vector<eventstore::RecordedEvent>> counted(
      eventstore::Result<std::vector<eventstore::RecordedEvent>> events) const {
    if (events.ok()) stream_events_read_ += events->size();
    return events;
  }

  const eventstore::EventStore& real_;
  mutable std::size_t stream_events_read_ = 0;
};

}  // namespace gongkai::testing
