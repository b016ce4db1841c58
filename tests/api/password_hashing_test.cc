// Password records through api/auth/password.h: a round trip, and the cap on concurrent scrypt
// computations (RELIABILITY.md §3, OWASP API4) that keeps a login storm from exhausting memory.
#include <catch2/catch.hpp>

#include <thread>
#include <vector>

#include "api/auth/password.h"

namespace gongkai::api::auth {

// The operators' cost takes most of a second per hash; these tests use a low one (its default is
// checked in sessions_test.cc).
constexpr ScryptParameters kCheap{.n = 1024, .r = 8, .p = 1};

TEST_CASE("a password record verifies its own password and no other", "[password]") {
  const auto record = hash_password("correct horse battery", kCheap);
  REQUIRE(record.ok());
  CHECK(record.value().rfind("scrypt$", 0) == 0);
  CHECK(verify_password("correct horse battery", record.value()));
  CHECK_FALSE(verify_password("correct horse battery!", record.value()));
  CHECK_FALSE(verify_password("correct horse battery", "scrypt$not$a$record"));
}

TEST_CASE("a record is weaker than a cost when its N, r or p is lower", "[password]") {
  const auto record = hash_password("correct horse battery", {.n = 2048, .r = 8, .p = 2});
  REQUIRE(record.ok());
  CHECK_FALSE(weaker_than(*record, {.n = 2048, .r = 8, .p = 2}));
  CHECK_FALSE(weaker_than(*record, {.n = 1024, .r = 8, .p = 1}));
  CHECK(weaker_than(*record, {.n = 4096, .r = 8, .p = 2}));
  CHECK(weaker_than(*record, {.n = 2048, .r = 16, .p = 2}));
  CHECK(weaker_than(*record, {.n = 2048, .r = 8, .p = 3}));
  CHECK_FALSE(weaker_than("scrypt$not$a$record", {.n = 4096, .r = 8, .p = 1}));
}

TEST_CASE("Given eight threads hashing at once, Then no more than the cap run together",
          "[password][owasp]") {
  std::vector<std::thread> threads;
  std::vector<char> verified(8, 0);  // not vector<bool>: threads write neighbours
  for (std::size_t i = 0; i < verified.size(); ++i) {
    threads.emplace_back([&verified, i] {
      const std::string password = "password-" + std::to_string(i);
      const auto record = hash_password(password, kCheap);
      verified[i] = record.ok() && verify_password(password, record.value());
    });
  }
  for (auto& thread : threads) thread.join();

  for (char ok : verified) CHECK(ok);
  CHECK(peak_concurrent_hashes() >= 1);
  CHECK(peak_concurrent_hashes() <= kMaxConcurrentHashes);
}

}  // namespace gongkai::api::auth
