// case_dossier: the dossier of one case (api/DOSSIER.md, format gongkai.dossier.v1) built from a
// store — every stored event of the case stream, the head hash, and the store's own verify of the
// stream. The API's GET /api/v1/cases/{id}/export and `gongkai export --case` both answer with
// these bytes (the caller decides who exported it and when; the API also checks visibility and
// records the personal-data read first). Its offline check is eventstore::verify_dossier.
#pragma once

#include <string>
#include <string_view>

#include "domain/base/status.h"
#include "domain/time/instant.h"
#include "eventstore/event_store.h"

namespace gongkai::projections {

// The dossier as JSON text (one line, keys sorted). not_found "case_not_found" when the case stream
// has no events; a read error as the store gave it.
[[nodiscard]] domain::Result<std::string> case_dossier(const eventstore::EventStore& store,
                                                       std::string_view case_id,
                                                       domain::time::Instant exported_at,
                                                       std::string_view exported_by);

}  // namespace gongkai::projections
