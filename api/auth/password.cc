#include "api/auth/password.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include <atomic>
#include <charconv>
#include <memory>
#include <optional>
#include <semaphore>
#include <stdexcept>
#include <vector>

namespace gongkai::api::auth {

namespace {

constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;
constexpr std::uint64_t kMaxN = std::uint64_t{1} << 20;  // refuse records that would cost > 1 GiB

std::string to_hex(const unsigned char* data, std::size_t size) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    out.push_back(kHex[data[i] >> 4]);
    out.push_back(kHex[data[i] & 0xF]);
  }
  return out;
}

bool from_hex(std::string_view hex, std::vector<unsigned char>& out) {
  if (hex.size() % 2 != 0) return false;
  out.clear();
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    unsigned value = 0;
    auto [end, error] = std::from_chars(hex.data() + i, hex.data() + i + 2, value, 16);
    if (error != std::errc() || end != hex.data() + i + 2) return false;
    out.push_back(static_cast<unsigned char>(value));
  }
  return true;
}

std::counting_semaphore<kMaxConcurrentHashes> hash_permits(kMaxConcurrentHashes);
std::atomic<int> hashes_running{0};
std::atomic<int> hashes_peak{0};

// Holds one of the kMaxConcurrentHashes permits while a hash runs, and records the peak.
class HashPermit {
 public:
  HashPermit() {
    hash_permits.acquire();
    const int running = ++hashes_running;
    int peak = hashes_peak.load();
    while (running > peak && !hashes_peak.compare_exchange_weak(peak, running)) {
    }
  }
  ~HashPermit() {
    --hashes_running;
    hash_permits.release();
  }
  HashPermit(const HashPermit&) = delete;
  HashPermit& operator=(const HashPermit&) = delete;
};

bool scrypt(std::string_view password, const std::vector<unsigned char>& salt,
            const ScryptParameters& p, unsigned char* out, std::size_t out_size) {
  const HashPermit permit;
  std::unique_ptr<EVP_KDF, decltype(&EVP_KDF_free)> kdf(EVP_KDF_fetch(nullptr, "SCRYPT", nullptr),
                                                         &EVP_KDF_free);
  if (!kdf) return false;
  std::unique_ptr<EVP_KDF_CTX, decltype(&EVP_KDF_CTX_free)> ctx(EVP_KDF_CTX_new(kdf.get()),
                                                                &EVP_KDF_CTX_free);
  if (!ctx) return false;
  std::uint64_t n = p.n;
  std::uint32_t r = p.r;
  std::uint32_t parallel = p.p;
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD,
                                        const_cast<char*>(password.data()), password.size()),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT,
                                        const_cast<unsigned char*>(salt.data()), salt.size()),
      OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_N, &n),
      OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_R, &r),
      OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_P, &parallel),
      OSSL_PARAM_construct_end(),
  };
  return EVP_KDF_derive(ctx.get(), out, out_size, params) == 1;
}

std::vector<std::string_view> split(std::string_view text, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == sep) {
      parts.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

template <typename T>
bool parse_number(std::string_view text, T& out) {
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  return error == std::errc() && end == text.data() + text.size();
}

// "scrypt$<N>$<r>$<p>$<salt hex>$<hash hex>", the one layout of a record (password.h).
std::string format_record(const ScryptParameters& p, std::string_view salt_hex,
                          std::string_view hash_hex) {
  return "scrypt$" + std::to_string(p.n) + "$" + std::to_string(p.r) + "$" + std::to_string(p.p) +
         "$" + std::string(salt_hex) + "$" + std::string(hash_hex);
}

struct ParsedRecord {
  ScryptParameters parameters;
  std::vector<unsigned char> salt;
  std::vector<unsigned char> hash;
};

std::optional<ParsedRecord> parse_record(std::string_view record) {
  const auto parts = split(record, '$');
  if (parts.size() != 6 || parts[0] != "scrypt") return std::nullopt;
  ParsedRecord parsed;
  ScryptParameters& p = parsed.parameters;
  if (!parse_number(parts[1], p.n) || !parse_number(parts[2], p.r) ||
      !parse_number(parts[3], p.p) || p.n < 2 || p.n > kMaxN || p.r == 0 || p.r > 64 ||
      p.p == 0 || p.p > 16 || !from_hex(parts[4], parsed.salt) ||
      !from_hex(parts[5], parsed.hash) || parsed.hash.empty() || parsed.hash.size() > 64) {
    return std::nullopt;
  }
  return parsed;
}

}  // namespace

int peak_concurrent_hashes() { return hashes_peak.load(); }

domain::Status check_password_policy(std::string_view password) {
  if (password.size() < 8 || password.size() > 256) {
    return domain::invalid_argument("weak_password", "passwords are 8 to 256 bytes long");
  }
  return {};
}

std::string random_hex(std::size_t bytes) {
  std::vector<unsigned char> buffer(bytes);
  if (RAND_bytes(buffer.data(), static_cast<int>(buffer.size())) != 1) {
    // Without randomness no token or salt is safe; there is nothing sensible to continue with.
    std::terminate();
  }
  return to_hex(buffer.data(), buffer.size());
}

std::string sha256_hex(std::string_view data) {
  unsigned char digest[32];
  unsigned int size = 0;
  EVP_Digest(data.data(), data.size(), digest, &size, EVP_sha256(), nullptr);
  return to_hex(digest, size);
}

domain::Result<std::string> hash_password(std::string_view password,
                                          const ScryptParameters& parameters) {
  return hash_password_with_salt(password, random_hex(kSaltBytes), parameters);
}

domain::Result<std::string> hash_password_with_salt(std::string_view password,
                                                    std::string_view salt_hex,
                                                    const ScryptParameters& parameters) {
  std::vector<unsigned char> salt;
  if (salt_hex.size() != 2 * kSaltBytes || !from_hex(salt_hex, salt)) {
    return domain::invalid_argument("invalid_salt", "the salt must be 16 bytes as hex");
  }
  unsigned char hash[kHashBytes];
  if (!scrypt(password, salt, parameters, hash, sizeof hash)) {
    return domain::internal_error("kdf_failed", "scrypt failed");
  }
  return format_record(parameters, to_hex(salt.data(), salt.size()), to_hex(hash, sizeof hash));
}

std::string unmatchable_record(const ScryptParameters& parameters) {
  return format_record(parameters, random_hex(kSaltBytes), random_hex(kHashBytes));
}

bool verify_password(std::string_view password, std::string_view record) {
  const auto parsed = parse_record(record);
  if (!parsed) return false;
  std::vector<unsigned char> actual(parsed->hash.size());
  if (!scrypt(password, parsed->salt, parsed->parameters, actual.data(), actual.size())) {
    return false;
  }
  return CRYPTO_memcmp(actual.data(), parsed->hash.data(), parsed->hash.size()) == 0;
}

bool weaker_than(std::string_view record, const ScryptParameters& wanted) {
  const auto parsed = parse_record(record);
  if (!parsed) return false;
  const ScryptParameters& p = parsed->parameters;
  return p.n < wanted.n || p.r < wanted.r || p.p < wanted.p;
}

}  // namespace gongkai::api::auth
