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
// - `rebuild` and `progress` go to the ProjectionHost built at open (`gongkai rebuild` names the
//   projections to replay from position 1 and reports its progress).
// Used by the server (api/app/server_context.cc) and the CLI (tools/cli/store_session.cc).
#pragma once

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "domain/time/calendar.h"
#include "eventstore/event_store.h"
#include "projections/projection_host.h"

namespace gongkai::projections {

class CalendarHost final : public eventstore::CommitHook {
 public:
  CalendarHost(std::string agency, domain::time::Calendar base, std::set<std::string> rebuild = {},
               ProjectionHost::ProgressFn progress = nullptr);

  void on_commit(const std::vector<eventstore::RecordedEvent>& events,
                 eventstore::CommitBatch& batch) override;
  [[nodiscard]] eventstore::Status catch_up(const eventstore::EventStore& store,
                                            const eventstore::StateWriters& writers) override;

  // The calendar the projections count with (read after open; the writer thread changes it).
  [[nodiscard]] const domain::time::Calendar& calendar() const { return calendar_; }

 private:
  std::string agency_;
  std::string stream_;
  domain::time::Calendar calendar_;
  std::set<std::string> rebuild_;
  ProjectionHost::ProgressFn progress_;
  const eventstore::EventStore* store_ = nullptr;
  std::unique_ptr<ProjectionHost> host_;
};

}  // namespace gongkai::projections
