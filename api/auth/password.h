// Password records: scrypt through OpenSSL 3's EVP_KDF, with the parameters stored beside the
// hash so they can be raised later without invalidating old records:
//   "scrypt$<N>$<r>$<p>$<salt hex>$<hash hex>"   (16-byte random salt, 32-byte hash)
// Verification recomputes with the record's own parameters and compares in constant time.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "domain/base/status.h"

namespace gongkai::api::auth {

// RELIABILITY.md §3 (OWASP's Password Storage Cheat Sheet): N = 2^17, r = 8, p = 1, 128 MiB of
// memory per hash, ~0.6-0.9 s of one core on the 2-core reference machine. Records made with
// less are rehashed at the next successful login (SessionService::login).
struct ScryptParameters {
  std::uint64_t n = std::uint64_t{1} << 17;
  std::uint32_t r = 8;
  std::uint32_t p = 1;
};

// At most this many scrypt computations run at once; the others wait their turn (RELIABILITY.md
// §3: each takes 128 * N * r bytes, and a login storm must not turn into an out-of-memory kill).
// One: a hash holds a core for most of a second, and on two cores the other requests keep one.
inline constexpr int kMaxConcurrentHashes = 1;

// The most scrypt computations seen running at once since the process started.
[[nodiscard]] int peak_concurrent_hashes();

// Passwords are 8..256 bytes (invalid_argument "weak_password" otherwise).
[[nodiscard]] domain::Status check_password_policy(std::string_view password);

[[nodiscard]] domain::Result<std::string> hash_password(std::string_view password,
                                                        const ScryptParameters& parameters = {});

// With a given salt (32 hex digits): for demo stores that must be byte-identical for a seed
// (projections/demo/township_demo.h). Never for a real user's password.
[[nodiscard]] domain::Result<std::string> hash_password_with_salt(
    std::string_view password, std::string_view salt_hex, const ScryptParameters& parameters = {});

// False for a wrong password and for a malformed record.
[[nodiscard]] bool verify_password(std::string_view password, std::string_view record);

// A well-formed record with these parameters that no password verifies against (a random salt
// and a random hash): what an unknown username's password is checked against, at a real
// record's cost, without hashing anything to make it.
[[nodiscard]] std::string unmatchable_record(const ScryptParameters& parameters);

// Whether a (well-formed) record was made with less than `wanted` of N, r or p: its user's
// password is hashed again with `wanted` when they next log in.
[[nodiscard]] bool weaker_than(std::string_view record, const ScryptParameters& wanted);

// `bytes` random bytes from OpenSSL's CSPRNG, as lowercase hex.
[[nodiscard]] std::string random_hex(std::size_t bytes);

// Lowercase hex SHA-256 (session ids are the SHA-256 of the bearer token).
[[nodiscard]] std::string sha256_hex(std::string_view data);

}  // namespace gongkai::api::auth
