#include "domain/base/lru_cache.h"

#include <catch2/catch.hpp>
#include <string>

using gongkai::domain::LruCache;

TEST_CASE("an LRU cache forgets the least recently used key beyond its capacity", "[lru]") {
  LruCache<int> cache(3);
  cache["a"] = 1;
  cache["b"] = 2;
  cache["c"] = 3;
  REQUIRE(cache.size() == 3);

  SECTION("a new key evicts the oldest one, and only it") {
    cache["d"] = 4;
    CHECK(cache.size() == 3);
    CHECK(cache.find("a") == nullptr);
    REQUIRE(cache.find("b") != nullptr);
    CHECK(*cache.find("b") == 2);
    CHECK(*cache.find("c") == 3);
    CHECK(*cache.find("d") == 4);
  }
  SECTION("a key found is used again and outlives the ones not asked for") {
    REQUIRE(cache.find("a") != nullptr);
    cache["d"] = 4;
    CHECK(cache.find("b") == nullptr);
    CHECK(cache.find("a") != nullptr);
  }
  SECTION("writing an existing key keeps every entry and refreshes it") {
    cache["a"] = 10;
    cache["d"] = 4;
    CHECK(cache.size() == 3);
    REQUIRE(cache.find("a") != nullptr);
    CHECK(*cache.find("a") == 10);
    CHECK(cache.find("b") == nullptr);
  }
}

TEST_CASE("an LRU cache stays at its capacity however many keys pass through", "[lru]") {
  LruCache<std::string> cache(100);
  for (int i = 0; i < 10'000; ++i) cache["case-" + std::to_string(i)] = std::to_string(i);
  CHECK(cache.size() == 100);
  CHECK(cache.find("case-9899") == nullptr);
  REQUIRE(cache.find("case-9900") != nullptr);
  CHECK(*cache.find("case-9900") == "9900");
  CHECK(*cache.find("case-9999") == "9999");
}

TEST_CASE("an absent key reads as absent and a new one starts value-initialised", "[lru]") {
  LruCache<int> cache(2);
  CHECK(cache.find("x") == nullptr);
  CHECK(cache["x"] == 0);
  CHECK(cache.size() == 1);
}
