#include "projections/state_snapshot.h"

#include "projections/projection_host.h"
#include "projections/registry.h"

namespace gongkai::projections {
namespace {

std::string cut(const std::string& value) {
  return value.size() <= 200 ? value : value.substr(0, 200) + "...";
}

}  // namespace

domain::Result<StateSnapshot> snapshot_state(const eventstore::EventStore& store,
                                             const domain::time::Calendar& calendar) {
  StateSnapshot state;
  for (const auto& projection : all_projections(calendar)) {
    for (const std::string& prefix : {ProjectionHost::state_prefix(projection->name()),
                                      ProjectionHost::checkpoint_key(projection->name())}) {
      auto entries = store.scan_state(prefix, SIZE_MAX);
      if (!entries.ok()) return entries.status();
      state.insert(entries->begin(), entries->end());
    }
  }
  return state;
}

std::string first_difference(const StateSnapshot& live, const StateSnapshot& rebuilt) {
  auto l = live.begin();
  auto r = rebuilt.begin();
  for (; l != live.end() && r != rebuilt.end(); ++l, ++r) {
    if (l->first != r->first) {
      return l->first < r->first ? l->first + ": only live" : r->first + ": only rebuilt";
    }
    if (l->second != r->second) {
      return l->first + ": live=" + cut(l->second) + " rebuilt=" + cut(r->second);
    }
  }
  if (l != live.end()) return l->first + ": only live";
  if (r != rebuilt.end()) return r->first + ": only rebuilt";
  return "";
}

}  // namespace gongkai::projections
