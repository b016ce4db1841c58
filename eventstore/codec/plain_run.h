// Internal to eventstore/codec: the scan the JSON readers (canonical_scan, record_reader,
// raw_json) share over the inside of a string, where nearly every byte is held as it is.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace gongkai::eventstore::codec::detail {

// Index of the first byte at or after `at` (before `size`) that ends a run of plain string bytes
// (a quote, a backslash or a control character < 0x20), or `size` if none does. The bytes passed
// over are ORed into `seen`, folded so that `seen & 0x80` tells whether one was >= 0x80 (then the
// caller checks the string as UTF-8). Eight bytes at a time (the per-byte table look-up it
// replaces was the largest cost of decoding an event's data).
inline std::size_t plain_run_end(const unsigned char* bytes, std::size_t at, std::size_t size,
                                 std::uint64_t& seen) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;
  if constexpr (std::endian::native == std::endian::little) {
    while (size - at >= 8) {
      std::uint64_t word;
      std::memcpy(&word, bytes + at, sizeof word);
      // High bit of each byte below 0x20, equal to '"' or equal to '\\'. Bytes above the first
      // such byte may be flagged wrongly (borrows), the lowest flag is always exact.
      const std::uint64_t quote = word ^ (kOnes * '"');
      const std::uint64_t backslash = word ^ (kOnes * '\\');
      const std::uint64_t ends = ((word - kOnes * 0x20) & ~word) |
                                 ((quote - kOnes) & ~quote) | ((backslash - kOnes) & ~backslash);
      const std::uint64_t flags = ends & kHighBits;
      if (flags != 0) {
        const int plain = std::countr_zero(flags) / 8;  // bytes before the first one that ends
        seen |= word & ((std::uint64_t{1} << (8 * plain)) - 1);
        at += static_cast<std::size_t>(plain);
        break;
      }
      seen |= word;
      at += 8;
    }
    seen |= seen >> 32;  // every byte's high bit down to bit 7, where the callers look
    seen |= seen >> 16;
    seen |= seen >> 8;
    if (size - at >= 8) return at;  // stopped at a byte that ends the run
  }
  for (; at < size; ++at) {
    const unsigned char c = bytes[at];
    if (c < 0x20 || c == '"' || c == '\\') break;
    seen |= c;
  }
  return at;
}

}  // namespace gongkai::eventstore::codec::detail
