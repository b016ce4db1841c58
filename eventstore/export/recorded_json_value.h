// Internal to eventstore/export: the recorded-event reader on an already parsed JSON value, shared
// by the line reader (recorded_json.cc) and the dossier verifier.
#pragma once

#include <nlohmann/json.hpp>

#include "domain/base/status.h"
#include "eventstore/event_store.h"

namespace gongkai::eventstore::detail {

[[nodiscard]] Result<RecordedEvent> recorded_event_from_value(const nlohmann::json& value);

}  // namespace gongkai::eventstore::detail
