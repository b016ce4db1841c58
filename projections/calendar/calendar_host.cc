#include "projections/calendar/calendar_host.h"

#include <utility>

#include "projections/calendar/calendar_versions.h"
#include "projections/registry.h"

namespace gongkai::projections {

CalendarHost::CalendarHost(std::string agency, domain::time::Calendar base,
                           std::set<std::string> rebuild, ProjectionHost::ProgressFn progress)
    : agency_(std::move(agency)),
      stream_(calendar::calendar_stream(agency_)),
      calendar_(std::move(base)),
      rebuild_(std::move(rebuild)),
      progress_(std::move(progress)) {}

eventstore::Status CalendarHost::catch_up(const eventstore::EventStore& store,
                                          const eventstore::StateWriters& writers) {
  auto stored = calendar::load_calendar(store, agency_, calendar_);
  if (!stored.ok()) return stored.status();
  calendar_ = std::move(stored->calendar);
  store_ = &store;
  host_ = std::make_unique<ProjectionHost>(all_projections(calendar_), rebuild_, progress_);
  return host_->catch_up(store, writers);
}

void CalendarHost::on_commit(const std::vector<eventstore::RecordedEvent>& events,
                             eventstore::CommitBatch& batch) {
  host_->on_commit(events, batch);
  bool changed = false;
  for (const auto& event : events) {
    if (event.stream != stream_ || event.type != calendar::kYearSetType) continue;
    auto arrangement = calendar::decode_year_set(event);
    if (!arrangement.ok()) continue;  // the route validated it; a start-up would refuse it
    auto next = calendar_.with_year(std::move(*arrangement));
    if (!next.ok()) continue;
    calendar_ = std::move(*next);
    changed = true;
  }
  if (!changed) return;
  // Every checkpoint already stands at the head (this group is not committed yet), so the fresh
  // host's catch_up only learns the store: it has nothing to replay and nothing to write.
  auto fresh = std::make_unique<ProjectionHost>(all_projections(calendar_));
  const auto refuse = [](const auto&) {
    return domain::internal_error("unexpected_replay", "the projections lag the head");
  };
  auto caught_up = fresh->catch_up(*store_, {.write = refuse, .load = refuse});
  if (caught_up.ok()) host_ = std::move(fresh);
}

}  // namespace gongkai::projections
