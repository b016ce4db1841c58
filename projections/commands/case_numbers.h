// Hands out case numbers per year so that registrations can run (and fsync) concurrently while
// the numbers stay dense: a number is reserved under a short lock, and a registration that does
// not store its case (refused, replayed, failed) gives it back for the next one to take.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <set>

#include "domain/base/status.h"

namespace gongkai::projections::commands {

class CaseNumbers {
 public:
  // Whether `number` of `year` is already a stored case.
  using IsTaken = std::function<domain::Result<bool>(int year, std::uint64_t number)>;

  explicit CaseNumbers(IsTaken is_taken) : is_taken_(std::move(is_taken)) {}

  // The lowest given-back number of `year`, else the next never-reserved one (found in the store
  // on the year's first use).
  [[nodiscard]] domain::Result<std::uint64_t> reserve(int year);
  // `number` was reserved and is not stored: the next reserve takes it.
  void give_back(int year, std::uint64_t number);
  // Another process stored a number this one reserved: forget what is known of `year` (reserved
  // numbers still in flight are caught by the store's no-stream check in the same way).
  void forget(int year);

 private:
  struct Year {
    std::uint64_t next = 0;
    std::set<std::uint64_t> given_back;
  };
  // The first free number, assuming numbers are dense from 1: doubling, then bisecting.
  [[nodiscard]] domain::Result<std::uint64_t> first_free(int year) const;

  IsTaken is_taken_;
  std::mutex mutex_;
  std::map<int, Year> years_;
};

}  // namespace gongkai::projections::commands
