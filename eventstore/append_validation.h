// Checks an AppendRequest before it reaches the writer thread, and puts its event data in
// canonical form there, so that the single writer spends its time only on ordering and hashing.
#pragma once

#include <string>

#include "eventstore/event_store.h"

namespace gongkai::eventstore {

inline constexpr std::size_t kMaxEventsPerAppend = 1000;
inline constexpr std::size_t kMaxEventDataBytes = std::size_t{1} << 20;
inline constexpr std::size_t kMaxStreamNameBytes = 200;
inline constexpr std::size_t kMaxIdBytes = 128;

// Validates `request` (Code::invalid_argument with a specific reason otherwise), rewrites each
// event's data_json canonically, and returns the request fingerprint the idempotency record keeps
// (SHA-256 hex of the caller's fingerprint, or of the request's content when none was given;
// empty when the request has no idempotency key).
[[nodiscard]] Result<std::string> prepare_append(AppendRequest& request);

}  // namespace gongkai::eventstore
