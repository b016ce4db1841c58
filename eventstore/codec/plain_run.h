// The scan over the inside of a JSON string, where nearly every byte is held as it is: shared by
// the JSON readers of eventstore/codec (canonical_scan, record_reader, raw_json) and the views'
// writer (projections/cases/json_writer.cc), which escapes what it stops at.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace gongkai::eventstore::codec::detail {

// Index of the first byte at or after `at` (before `size`) that ends a run of plain string bytes
// (a quote, a backslash or a control character < 0x20), or `size` if none does. The bytes passed
// over are noted in `seen` so that `seen & 0x80` tells whether one was >= 0x80 (then the
// caller checks the string as UTF-8). Sixteen or eight bytes at a time (the per-byte table
// look-up this replaced was the largest cost of decoding an event's data).
inline std::size_t plain_run_end(const unsigned char* bytes, std::size_t at, std::size_t size,
                                 std::uint64_t& seen) {
#if defined(__SSE2__)
  // Sixteen bytes at a time where SSE2 is there (every x86-64): a third of the instructions of
  // the words below, which still take the last 15 bytes.
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i last_control = _mm_set1_epi8(0x1f);
  while (size - at >= 16) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + at));
    // min(byte, 0x1f) == byte: the byte is a control character (compared unsigned).
    const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(chunk, last_control), chunk);
    const __m128i ends = _mm_or_si128(
        control, _mm_or_si128(_mm_cmpeq_epi8(chunk, quote), _mm_cmpeq_epi8(chunk, backslash)));
    const auto end_flags = static_cast<unsigned>(_mm_movemask_epi8(ends));
    const auto high_flags = static_cast<unsigned>(_mm_movemask_epi8(chunk));  // bytes >= 0x80
    if (end_flags != 0) {
      const int plain = std::countr_zero(end_flags);
      if ((high_flags & ((1u << plain) - 1)) != 0) seen |= 0x80;
      return at + static_cast<std::size_t>(plain);
    }
    if (high_flags != 0) seen |= 0x80;
    at += 16;
  }
#endif
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
