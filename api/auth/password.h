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

struct ScryptParameters {
  std::uint64_t n = 16384;  // 16 MiB of memory with r = 8: ~40 ms per hash on one core
  std::uint32_t r = 8;
  std::uint32_t p = 1;
};

// At most this many scrypt computations run at once; the others wait their turn (RELIABILITY.md
// §3: each takes 128 * N * r bytes, and a login storm must not turn into an out-of-memory kill).
inline constexpr int kMaxConcurrentHashes = 2;

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

// `bytes` random bytes from OpenSSL's CSPRNG, as lowercase hex.
[[nodiscard]] std::string random_hex(std::size_t bytes);

// Lowercase hex SHA-256 (session ids are the SHA-256 of the bearer token).
[[nodiscard]] std::string sha256_hex(std::string_view data);

}  // namespace gongkai::api::auth
