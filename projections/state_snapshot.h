// Every projection's state and checkpoint, read from a store as one sorted map: what "live equals
// rebuilt" compares (tests/projections/rebuild_test.cc, the crash harness tools/crash/).
#pragma once

#include <map>
#include <string>

#include "domain/base/status.h"
#include "domain/time/calendar.h"
#include "eventstore/event_store.h"

namespace gongkai::projections {

using StateSnapshot = std::map<std::string, std::string>;

// The state keys (ProjectionHost::state_prefix) and checkpoint of every registered projection
// (registry.h), key by key.
[[nodiscard]] domain::Result<StateSnapshot> snapshot_state(const eventstore::EventStore& store,
                                                           const domain::time::Calendar& calendar);

// "" when equal, else the first difference ("key: live=... rebuilt=..."), values cut to 200 bytes.
[[nodiscard]] std::string first_difference(const StateSnapshot& live,
                                           const StateSnapshot& rebuilt);

}  // namespace gongkai::projections
