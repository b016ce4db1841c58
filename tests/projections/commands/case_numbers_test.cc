// Case number reservation: dense numbers without holding a lock through the append.
#include "projections/commands/case_numbers.h"

#include <catch2/catch.hpp>
#include <set>

namespace gongkai::testing {
namespace {

using projections::commands::CaseNumbers;

// A store whose taken numbers are a set, counting the probes.
struct FakeTaken {
  std::set<std::uint64_t> taken;
  int probes = 0;
  CaseNumbers::IsTaken probe() {
    return [this](int, std::uint64_t number) -> domain::Result<bool> {
      ++probes;
      return taken.count(number) > 0;
    };
  }
};

TEST_CASE("The first reservation of a year continues after the stored numbers",
          "[projections][commands][case-numbers]") {
  // Given a store holding numbers 1..37
  FakeTaken store;
  for (std::uint64_t n = 1; n <= 37; ++n) store.taken.insert(n);
  CaseNumbers numbers(store.probe());
  // When numbers are reserved
  auto first = numbers.reserve(2021);
  auto second = numbers.reserve(2021);
  // Then they follow 37, found with O(log n) probes once
  REQUIRE(first.ok());
  REQUIRE(second.ok());
  CHECK(*first == 38);
  CHECK(*second == 39);
  CHECK(store.probes <= 12);
  const int after_first_year = store.probes;
  // And another year starts at 1 with its own probe
  auto other_year = numbers.reserve(2022);
  REQUIRE(other_year.ok());
  CHECK(*other_year == 38);  // the fake's numbers are the same for every year
  CHECK(store.probes > after_first_year);
}

TEST_CASE("A number given back is the next one reserved, lowest first",
          "[projections][commands][case-numbers]") {
  FakeTaken store;
  CaseNumbers numbers(store.probe());
  // Given numbers 1..4 reserved
  for (std::uint64_t n = 1; n <= 4; ++n) REQUIRE(*numbers.reserve(2021) == n);
  // When 3 and 2 are given back (their registrations stored nothing)
  numbers.give_back(2021, 3);
  numbers.give_back(2021, 2);
  // Then they are reserved again, lowest first, before the numbers after 4
  CHECK(*numbers.reserve(2021) == 2);
  CHECK(*numbers.reserve(2021) == 3);
  CHECK(*numbers.reserve(2021) == 5);
  // And a number never reserved cannot be given back into the pool
  numbers.give_back(2021, 99);
  CHECK(*numbers.reserve(2021) == 6);
}

TEST_CASE("Forgetting a year probes the store again", "[projections][commands][case-numbers]") {
  FakeTaken store;
  CaseNumbers numbers(store.probe());
  REQUIRE(*numbers.reserve(2021) == 1);
  // When another process stored 1..10 meanwhile and this process forgets what it knew
  for (std::uint64_t n = 1; n <= 10; ++n) store.taken.insert(n);
  numbers.give_back(2021, 1);
  numbers.forget(2021);
  // Then the next reservation is the store's first free number, not the given-back 1
  CHECK(*numbers.reserve(2021) == 11);
}

TEST_CASE("A failing probe fails the reservation and is asked again next time",
          "[projections][commands][case-numbers]") {
  bool failing = true;
  CaseNumbers numbers([&](int, std::uint64_t) -> domain::Result<bool> {
    if (failing) return domain::unavailable("storage_error", "disk gone");
    return false;
  });
  auto refused = numbers.reserve(2021);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.status().reason() == "storage_error");
  failing = false;
  auto reserved = numbers.reserve(2021);
  REQUIRE(reserved.ok());
  CHECK(*reserved == 1);
}

}  // namespace
}  // namespace gongkai::testing
