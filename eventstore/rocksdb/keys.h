// Key encodings of the RocksDB store (eventstore/SCHEMA.md, "Column families and keys").
// Integers are 8-byte big-endian so that byte order is numeric order.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace gongkai::eventstore::rocksdb_store {

inline constexpr const char* kLogFamily = "log";          // position -> stored event
inline constexpr const char* kStreamsFamily = "streams";  // stream \0 version -> position
inline constexpr const char* kMetaFamily = "meta";        // heads, event ids, idempotency keys
inline constexpr const char* kStateFamily = "state";      // projection state from commit hooks

inline void put_u64(std::string& out, std::uint64_t value) {
  for (int shift = 56; shift >= 0; shift -= 8) {
    out.push_back(static_cast<char>((value >> shift) & 0xff));
  }
}

inline std::uint64_t get_u64(std::string_view bytes) {
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < 8 && i < bytes.size(); ++i) {
    value = value << 8 | static_cast<std::uint8_t>(bytes[i]);
  }
  return value;
}

inline std::string position_key(std::uint64_t position) {
  std::string key;
  put_u64(key, position);
  return key;
}

// Stream names never contain NUL (append() refuses them), so "s\0" sorts every version of s
// before any longer stream name that starts with s.
inline std::string stream_key(std::string_view stream, std::uint64_t version) {
  std::string key(stream);
  key.push_back('\0');
  put_u64(key, version);
  return key;
}
inline std::string stream_upper_bound(std::string_view stream) {
  std::string key(stream);
  key.push_back('\x01');
  return key;
}

// The smallest key greater than every key that starts with `prefix` ("" when there is none,
// i.e. the prefix is empty or all 0xff bytes).
inline std::string prefix_successor(std::string_view prefix) {
  std::string successor(prefix);
  while (!successor.empty() && static_cast<unsigned char>(successor.back()) == 0xff) {
    successor.pop_back();
  }
  if (!successor.empty()) successor.back() = static_cast<char>(successor.back() + 1);
  return successor;
}

inline std::string head_key(std::string_view stream) { return "h/" + std::string(stream); }
inline std::string event_id_key(std::string_view id) { return "e/" + std::string(id); }
inline std::string idempotency_key(std::string_view key) { return "i/" + std::string(key); }

}  // namespace gongkai::eventstore::rocksdb_store
