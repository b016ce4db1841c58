#include "projections/commands/case_numbers.h"

namespace gongkai::projections::commands {

domain::Result<std::uint64_t> CaseNumbers::reserve(int year) {
  const std::lock_guard lock(mutex_);
  auto found = years_.find(year);
  if (found == years_.end()) {
    auto first = first_free(year);
    if (!first.ok()) return first.status();
    found = years_.emplace(year, Year{*first, {}}).first;
  }
  Year& numbers = found->second;
  if (!numbers.given_back.empty()) {
    const std::uint64_t number = *numbers.given_back.begin();
    numbers.given_back.erase(numbers.given_back.begin());
    return number;
  }
  return numbers.next++;
}

void CaseNumbers::give_back(int year, std::uint64_t number) {
  const std::lock_guard lock(mutex_);
  if (auto found = years_.find(year); found != years_.end() && number < found->second.next) {
    found->second.given_back.insert(number);
  }
}

void CaseNumbers::forget(int year) {
  const std::lock_guard lock(mutex_);
  years_.erase(year);
}

domain::Result<std::uint64_t> CaseNumbers::first_free(int year) const {
  std::uint64_t low = 0;  // taken (or 0)
  std::uint64_t high = 1;
  for (;;) {
    auto taken = is_taken_(year, high);
    if (!taken.ok()) return taken.status();
    if (!*taken) break;
    low = high;
    high *= 2;
  }
  while (high - low > 1) {  // low taken, high free
    const std::uint64_t mid = low + (high - low) / 2;
    auto taken = is_taken_(year, mid);
    if (!taken.ok()) return taken.status();
    (*taken ? low : high) = mid;
  }
  return high;
}

}  // namespace gongkai::projections::commands
