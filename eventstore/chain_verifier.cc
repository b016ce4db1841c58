#include "eventstore/chain_verifier.h"

#include "eventstore/codec/record_codec.h"
#include "eventstore/codec/sha256.h"

namespace gongkai::eventstore {

ChainVerifier::ChainVerifier(Scope scope) : scope_(scope) {
  report_.head_hash = codec::kZeroHash;  // what the first event's prev_hash must be
}

void ChainVerifier::fail(std::uint64_t position, std::string why) {
  if (!report_.ok) return;
  report_.ok = false;
  report_.first_bad_position = position;
  report_.problem = std::move(why);
}

bool ChainVerifier::add(const RecordedEvent& event) {
  if (!report_.ok) return false;
  if (scope_ == Scope::global_log) {
    if (event.position != report_.head_position + 1) {
      fail(report_.head_position + 1, "position " + std::to_string(report_.head_position + 1) +
                                          " is missing or out of order");
      return false;
    }
    if (event.prev_hash != report_.head_hash) {
      fail(event.position, "prev_hash does not match the previous event's hash");
      return false;
    }
  } else if (event.position <= report_.head_position && report_.events > 0) {
    fail(event.position, "positions in the stream do not increase");
    return false;
  }

  StreamLink& link = streams_[event.stream];
  if (link.hash.empty()) link.hash = codec::kZeroHash;
  if (event.version != link.version + 1) {
    fail(event.position, "stream version " + std::to_string(event.version) + " follows " +
                             std::to_string(link.version));
    return false;
  }
  if (event.stream_prev_hash != link.hash) {
    fail(event.position, "stream_prev_hash does not match the stream's previous event");
    return false;
  }
  if (codec::sha256_hex(codec::canonical_bytes(event)) != event.hash) {
    fail(event.position, "hash does not match the event's bytes");
    return false;
  }
  if (scope_ == Scope::one_stream && streams_.size() > 1) {
    fail(event.position, "event belongs to another stream");
    return false;
  }
  link = {event.version, event.hash};
  report_.events += 1;
  report_.head_position = event.position;
  report_.head_hash = event.hash;
  return true;
}

}  // namespace gongkai::eventstore
