// Values of the `meta` column family (eventstore/SCHEMA.md, "Column families and keys").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "eventstore/event_store.h"
#include "eventstore/rocksdb/keys.h"

namespace gongkai::eventstore::rocksdb_store {

// "e/<event id>" -> where the event went: enough to answer a re-append.
struct StoredEventId {
  std::uint64_t position = 0;
  std::uint64_t version = 0;
  std::string stream;
};

inline std::string encode_event_id(const StoredEventId& id) {
  std::string value;
  put_u64(value, id.position);
  put_u64(value, id.version);
  value += id.stream;
  return value;
}

inline StoredEventId decode_event_id(std::string_view value) {
  return {get_u64(value), get_u64(value.substr(8)), std::string(value.substr(16))};
}

// "i/<key>" -> fingerprint (64 hex), first position, last position, stream version, stream.
inline std::string encode_idempotency(const std::string& fingerprint, const AppendResult& result) {
  std::string value = fingerprint;
  put_u64(value, result.first_position);
  put_u64(value, result.last_position);
  put_u64(value, result.stream_version);
  value += result.stream;
  return value;
}

// The stored result, marked as replayed: whoever reads it is being answered a second time.
inline AppendResult decode_idempotency(std::string_view value, std::string& fingerprint) {
  fingerprint = std::string(value.substr(0, 64));
  AppendResult result;
  result.first_position = get_u64(value.substr(64));
  result.last_position = get_u64(value.substr(72));
  result.stream_version = get_u64(value.substr(80));
  result.stream = std::string(value.substr(88));
  result.replayed = true;
  return result;
}

// "h/<stream>" -> the stream's version and the hash of its last event.
struct StreamHead {
  std::uint64_t version = 0;
  std::string hash;  // hex
};

inline std::string encode_stream_head(const StreamHead& head) {
  std::string value;
  put_u64(value, head.version);
  value += head.hash;
  return value;
}

inline StreamHead decode_stream_head(std::string_view value) {
  return {get_u64(value), std::string(value.substr(8))};
}

}  // namespace gongkai::eventstore::rocksdb_store
