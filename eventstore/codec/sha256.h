// SHA-256 through OpenSSL's EVP interface, and the hex form hashes take in records.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace gongkai::eventstore::codec {

using Digest = std::array<std::uint8_t, 32>;

[[nodiscard]] Digest sha256(std::string_view bytes);
[[nodiscard]] std::string to_hex(const Digest& digest);
// The same into `out`, replacing its contents and keeping its capacity.
void write_hex(const Digest& digest, std::string& out);
// Parses 64 lowercase hex characters; false if `hex` is anything else.
[[nodiscard]] bool from_hex(std::string_view hex, Digest& out);
[[nodiscard]] std::string sha256_hex(std::string_view bytes);

// The prev_hash of the first event in the log, and stream_prev_hash of a stream's first event.
inline const std::string kZeroHash(64, '0');

}  // namespace gongkai::eventstore::codec
