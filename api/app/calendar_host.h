// The projections' host, with the calendar in force: the built-in calendar plus the versions
// recorded in calendar-<agency> (projections/calendar/calendar_versions.h).
//
// - At open: those versions can only be read once the store is open, and the projections must
//   exist before it opens; so catch_up (which the store calls once at open, before any append)
//   reads the calendar first and only then builds the projections and catches them up.
// - Live: when a committed group holds a `calendar.year_set.v1` of the agency, the group is
//   projected with the old calendar (the projections' writes of one group share one overlay) and
//   the projections are then rebuilt as fresh instances counting with the new calendar, so every
//   later event (a case registered after PUT /calendar/{year}) gets due dates from it. Views
//   stored before the change keep their dates until `gongkai rebuild` (projections/README.md).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "domain/time/calendar.h"
#include "eventstore/event_store.h"
#include "projections/projection_host.h"

namespace gongkai::api::app {

class CalendarHost final : public eventstore::CommitHook {
 public:
  CalendarHost(std::string agency, domain::time::Calendar base);

  void on_commit(const std::vector<eventstore::RecordedEvent>& events,
                 eventstore::CommitBatch& batch) override;
  [[nodiscard]] eventstore::Status catch_up(const eventstore::EventStore& store,
                                            const eventstore::StateBatchWriter& write) override;

  // The calendar the projections count with (read after open; the writer thread changes it).
  [[nodiscard]] const domain::time::Calendar& calendar() const { return calendar_; }

 private:
  std::string agency_;
  std::string stream_;
  domain::time::Calendar calendar_;
  const eventstore::EventStore* store_ = nullptr;
  std::unique_ptr<projections::ProjectionHost> host_;
};

}  // namespace gongkai::api::app
