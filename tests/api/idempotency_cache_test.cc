// IdempotencyCache: replay, reuse, and its memory budget (entries and bytes; the oldest answered
// keys go first, a key still running never does).
#include <catch2/catch.hpp>

#include "api/app/idempotency_cache.h"

namespace {

using gongkai::api::app::IdempotencyCache;
using Claim = IdempotencyCache::Claim;

const auto kNow = gongkai::domain::time::Instant::from_unix_micros(1'615'370'400'000'000);

gongkai::api::http::HttpResponse answer(std::size_t body_size) {
  gongkai::api::http::HttpResponse response;
  response.status = 201;
  response.body = std::string(body_size, 'x');
  return response;
}

void answered(IdempotencyCache& cache, const std::string& key, std::size_t body_size = 10) {
  REQUIRE(cache.claim("u1", key, "POST /a\n{}", kNow).claim == Claim::run);
  cache.complete("u1", key, answer(body_size), kNow);
}

}  // namespace

TEST_CASE("Given an answered key, When it is claimed again, Then the same request replays and "
          "another body is refused as reused",
          "[api][idempotency-cache]") {
  IdempotencyCache cache;
  answered(cache, "k1", 42);

  const auto again = cache.claim("u1", "k1", "POST /a\n{}", kNow);
  CHECK(again.claim == Claim::replay);
  CHECK(again.response.status == 201);
  CHECK(again.response.body.size() == 42);
  CHECK(cache.claim("u1", "k1", "POST /a\n{\"x\":1}", kNow).claim == Claim::reused);
  CHECK(cache.claim("u2", "k1", "POST /a\n{}", kNow).claim == Claim::run);
}

TEST_CASE("Given a cache of at most 3 entries, When a 4th key is answered, Then the oldest is "
          "forgotten and the others still replay",
          "[api][idempotency-cache]") {
  IdempotencyCache cache(3, std::size_t{1} << 20);
  for (const char* key : {"k1", "k2", "k3", "k4"}) answered(cache, key);

  CHECK(cache.size() == 3);
  CHECK(cache.claim("u1", "k4", "POST /a\n{}", kNow).claim == Claim::replay);
  CHECK(cache.claim("u1", "k2", "POST /a\n{}", kNow).claim == Claim::replay);
  CHECK(cache.claim("u1", "k1", "POST /a\n{}", kNow).claim == Claim::run);
}

TEST_CASE("Given a byte budget, When answers exceed it, Then the oldest are forgotten until the "
          "cache fits",
          "[api][idempotency-cache]") {
  IdempotencyCache cache(1000, 4000);
  for (int i = 0; i < 10; ++i) answered(cache, "k" + std::to_string(i), 1000);

  CHECK(cache.bytes() <= 4000);
  CHECK(cache.size() >= 2);
  CHECK(cache.size() < 10);
  CHECK(cache.claim("u1", "k9", "POST /a\n{}", kNow).claim == Claim::replay);
  CHECK(cache.claim("u1", "k0", "POST /a\n{}", kNow).claim == Claim::run);
}

TEST_CASE("Given a key still running, When the cache is over budget, Then that key is kept",
          "[api][idempotency-cache]") {
  IdempotencyCache cache(2, std::size_t{1} << 20);
  REQUIRE(cache.claim("u1", "slow", "POST /a\n{}", kNow).claim == Claim::run);
  for (const char* key : {"k1", "k2", "k3"}) answered(cache, key);

  // Still claimed: another body with its key is refused, not run.
  CHECK(cache.claim("u1", "slow", "POST /a\n{\"x\":1}", kNow).claim == Claim::reused);
  cache.complete("u1", "slow", answer(5), kNow);
  CHECK(cache.claim("u1", "slow", "POST /a\n{}", kNow).claim == Claim::replay);
}

TEST_CASE("Given an answered key older than a day, When it is claimed, Then it runs again",
          "[api][idempotency-cache]") {
  IdempotencyCache cache;
  answered(cache, "k1");
  const auto later = gongkai::domain::time::Instant::from_unix_micros(
      kNow.unix_micros() + (IdempotencyCache::kKeepSeconds + 1) * 1'000'000);
  CHECK(cache.claim("u1", "k1", "POST /a\n{}", later).claim == Claim::run);
}
