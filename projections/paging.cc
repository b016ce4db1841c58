#include "projections/paging.h"

namespace gongkai::projections {
namespace {

// Far above a province's open cases; a bound so that one list read cannot exhaust memory.
constexpr std::size_t kMaxScan = 1'000'000;

}  // namespace

domain::Result<std::size_t> page_limit(std::size_t requested) {
  if (requested == 0) {
    return kDefaultPageLimit;
  }
  if (requested > kMaxPageLimit) {
    return domain::invalid_argument("limit_invalid",
                                    "limit must be at most " + std::to_string(kMaxPageLimit));
  }
  return requested;
}

domain::Result<std::vector<std::pair<std::string, std::string>>> scan_all(
    const eventstore::EventStore& store, std::string_view prefix) {
  auto entries = store.scan_state(prefix, kMaxScan);
  if (!entries.ok()) {
    return entries.status();
  }
  for (auto& entry : *entries) {
    entry.first.erase(0, prefix.size());
  }
  return entries;
}

domain::Result<std::vector<std::pair<std::string, std::string>>> scan_after(
    const eventstore::EventStore& store, std::string_view prefix, std::string_view cursor,
    std::size_t wanted) {
  auto entries = store.scan_state_after(prefix, cursor, wanted);
  if (!entries.ok()) {
    return entries.status();
  }
  for (auto& entry : *entries) {
    entry.first.erase(0, prefix.size());
  }
  return entries;
}

domain::Status corrupt_state(std::string_view prefix, std::string_view key,
                             const std::exception& error) {
  std::string message = "cannot read ";
  message.append(prefix).append(key).append(": ").append(error.what());
  return domain::internal_error("projection_state_corrupt", std::move(message));
}

}  // namespace gongkai::projections
