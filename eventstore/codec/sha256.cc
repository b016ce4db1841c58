#include "eventstore/codec/sha256.h"

#include <openssl/evp.h>

#include <array>
#include <cstring>
#include <stdexcept>

namespace gongkai::eventstore::codec {
namespace {

// SHA-256 fetched once: `EVP_sha256()` makes OpenSSL 3 look the algorithm up in its provider
// tables on every digest (~5,000 instructions, more than hashing a short input). Kept for the
// process's life; EVP_sha256() if the fetch fails, which the digest itself then reports.
const EVP_MD* sha256_algorithm() {
  static const EVP_MD* const fetched = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return fetched != nullptr ? fetched : EVP_sha256();
}

}  // namespace

Digest sha256(std::string_view bytes) {
  Digest digest{};
  unsigned int length = 0;
  // EVP_Digest only fails on allocation failure or a broken OpenSSL installation: a bug-class
  // condition that must not yield a made-up hash. (A digest context kept per thread saved ~600 of
  // ~4,700 instructions a short input costs, not worth freeing contexts at thread exits that may
  // come after OpenSSL's own cleanup at process exit.)
  if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &length, sha256_algorithm(), nullptr) !=
          1 ||
      length != digest.size()) {
    throw std::runtime_error("OpenSSL SHA-256 failed");
  }
  return digest;
}

std::string to_hex(const Digest& digest) {
  std::string out;
  write_hex(digest, out);
  return out;
}

void write_hex(const Digest& digest, std::string& out) {
  // Both digits of each byte value, looked up at once (every read event's hash is written so).
  static constexpr auto kPairs = [] {
    constexpr char kHex[] = "0123456789abcdef";
    std::array<char, 512> pairs{};
    for (std::size_t byte = 0; byte < 256; ++byte) {
      pairs[2 * byte] = kHex[byte >> 4];
      pairs[2 * byte + 1] = kHex[byte & 0x0f];
    }
    return pairs;
  }();
  out.resize(digest.size() * 2);
  char* hex = out.data();
  for (const std::uint8_t byte : digest) {
    std::memcpy(hex, &kPairs[2 * std::size_t{byte}], 2);
    hex += 2;
  }
}

bool from_hex(std::string_view hex, Digest& out) {
  if (hex.size() != out.size() * 2) return false;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  for (std::size_t i = 0; i < out.size(); ++i) {
    const int high = nibble(hex[2 * i]);
    const int low = nibble(hex[2 * i + 1]);
    if (high < 0 || low < 0) return false;
    out[i] = static_cast<std::uint8_t>(high << 4 | low);
  }
  return true;
}

std::string sha256_hex(std::string_view bytes) { return to_hex(sha256(bytes)); }

}  // namespace gongkai::eventstore::codec
