// Paging for the list queries (API.md "Paging"): `limit` defaults to 50 and may not exceed 500;
// the cursor is opaque to clients and is, here, the state key (relative to the list's prefix) of
// the last item returned: the next page starts after it.
#pragma once

#include <cstddef>
#include <exception>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/base/status.h"
#include "eventstore/event_store.h"

namespace gongkai::projections {

inline constexpr std::size_t kDefaultPageLimit = 50;
inline constexpr std::size_t kMaxPageLimit = 500;

// 0 -> the default; above the maximum -> invalid_argument "limit_invalid".
[[nodiscard]] domain::Result<std::size_t> page_limit(std::size_t requested);

// Every state entry under `prefix`, keys made relative to it. The store's scan has no start key,
// so a page after a cursor is found by reading from the prefix's start (see projections/README.md).
[[nodiscard]] domain::Result<std::vector<std::pair<std::string, std::string>>> scan_all(
    const eventstore::EventStore& store, std::string_view prefix);

// The entries after `cursor` (all of them when it is empty), keys relative to `prefix`, at most
// `wanted`. Without a cursor only `wanted` entries are read (the first page of a queue, the
// common request); with one, the entries before it are read and skipped.
[[nodiscard]] domain::Result<std::vector<std::pair<std::string, std::string>>> scan_after(
    const eventstore::EventStore& store, std::string_view prefix, std::string_view cursor,
    std::size_t wanted);

// internal "projection_state_corrupt": a stored value the query cannot read.
[[nodiscard]] domain::Status corrupt_state(std::string_view prefix, std::string_view key,
                                           const std::exception& error);

}  // namespace gongkai::projections
