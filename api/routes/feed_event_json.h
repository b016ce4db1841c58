// One stored event as the global feed shows it (API.md "The event feed"): the fields of a case's
// history entry — position, version, type, recorded_at, actor{id, role}, data, summary_zh (case
// events only), hash, prev_hash — plus `stream`.
//
// What the feed never shows, although the log holds it:
// - `password_record` of user.password_set (a scrypt record is a cracking target): "[redacted]";
// - an applicant's full identity number: `applicant.id_number` becomes `id_number_masked`
//   (API.md: the full number only with ?include=pii on one case, and that read is audited).
#pragma once

#include <nlohmann/json.hpp>

#include "eventstore/event_store.h"

namespace gongkai::api::routes {

[[nodiscard]] nlohmann::json feed_event_json(const eventstore::RecordedEvent& event);

}  // namespace gongkai::api::routes
