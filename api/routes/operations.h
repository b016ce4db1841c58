// The answers of the operations routes that do not need a server to be tested
// (operations_routes.cc).
#pragma once

#include <cstdint>
#include <string>

#include "api/http/http_types.h"
#include "domain/base/status.h"
#include "eventstore/event_store.h"

namespace gongkai::api::routes {

// /readyz: 200 {status: ready, head_position} when `readiness` is ok; otherwise 503 with the
// reason as `code` (e.g. the store stopped after a write failure) and Retry-After.
[[nodiscard]] http::HttpResponse readiness_response(const domain::Status& readiness,
                                                    std::uint64_t head_position);

// The store's gauges appended to /metrics: head position, whether it accepts writes, and its
// memory by part.
[[nodiscard]] std::string store_gauges(const domain::Status& health, std::uint64_t head_position,
                                       const eventstore::EventStore::MemoryUsage& memory);

}  // namespace gongkai::api::routes
