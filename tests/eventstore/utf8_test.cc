// codec::valid_utf8 against the definition (Unicode's well-formed sequences, decoded code point
// by code point), on every string of up to three bytes whose first byte can start a sequence,
// four-byte sequences around every boundary, and each of them behind plain ASCII.
#include <catch2/catch.hpp>
#include <cstdint>
#include <string>

#include "eventstore/codec/record_codec.h"

using gongkai::eventstore::codec::valid_utf8;

namespace {

// Decodes each sequence and refuses a code point that is overlong, a surrogate or past
// U+10FFFF: how the standard states the rule, not how valid_utf8 checks it.
bool by_definition(const std::string& text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    std::uint32_t code = 0;
    if (lead < 0x80) {
      length = 1, code = lead;
    } else if ((lead & 0xe0) == 0xc0) {
      length = 2, code = lead & 0x1fu;
    } else if ((lead & 0xf0) == 0xe0) {
      length = 3, code = lead & 0x0fu;
    } else if ((lead & 0xf8) == 0xf0) {
      length = 4, code = lead & 0x07u;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xc0) != 0x80) return false;
      code = code << 6 | (next & 0x3fu);
    }
    const std::uint32_t shortest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < shortest[length] || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
      return false;
    }
    i += length;
  }
  return true;
}

// Checks `bytes` alone and after nine ASCII bytes (another alignment, an ASCII run first);
// counts the mismatches rather than failing a CHECK per string (millions of them).
int mismatches(const std::string& bytes) {
  int wrong = 0;
  for (const std::string& text : {bytes, "ascii run" + bytes, bytes + "!"}) {
    if (valid_utf8(text) != by_definition(text)) ++wrong;
  }
  return wrong;
}

}  // namespace

TEST_CASE("valid_utf8 agrees with the definition on every short string", "[eventstore][utf8]") {
  int wrong = 0;
  std::string text;
  for (int a = 0; a < 256; ++a) {
    text.assign(1, static_cast<char>(a));
    wrong += mismatches(text);
    for (int b = 0; b < 256; ++b) {
      text.assign({static_cast<char>(a), static_cast<char>(b)});
      wrong += mismatches(text);
      if (a < 0xc0) continue;  // no sequence starts there: the first byte alone decides
      for (int c = 0; c < 256; ++c) {
        text.assign({static_cast<char>(a), static_cast<char>(b), static_cast<char>(c)});
        wrong += mismatches(text);
      }
    }
  }
  CHECK(wrong == 0);
}

TEST_CASE("valid_utf8 agrees with the definition on four-byte sequences", "[eventstore][utf8]") {
  // Every lead from 0xf0 on and every second byte; the last two from each side of each boundary.
  const unsigned char edges[] = {0x00, 0x7f, 0x80, 0x8f, 0x90, 0xbf, 0xc0, 0xff};
  int wrong = 0;
  for (int lead = 0xf0; lead < 256; ++lead) {
    for (int second = 0; second < 256; ++second) {
      for (const unsigned char third : edges) {
        for (const unsigned char fourth : edges) {
          wrong += mismatches({static_cast<char>(lead), static_cast<char>(second),
                               static_cast<char>(third), static_cast<char>(fourth)});
        }
      }
    }
  }
  CHECK(wrong == 0);
}

TEST_CASE("valid_utf8 accepts Chinese text and refuses each kind of malformed sequence",
          "[eventstore][utf8]") {
  CHECK(valid_utf8("依申请公开 U+10FFFF: \xf4\x8f\xbf\xbf"));
  CHECK(valid_utf8(""));
  CHECK_FALSE(valid_utf8("公开\xe5\x85"));      // cut short at the end
  CHECK_FALSE(valid_utf8("\xc0\xaf"));          // overlong '/'
  CHECK_FALSE(valid_utf8("\xe0\x9f\xbf"));      // overlong U+07FF
  CHECK_FALSE(valid_utf8("\xed\xa0\x80"));      // surrogate U+D800
  CHECK_FALSE(valid_utf8("\xf4\x90\x80\x80"));  // U+110000
  CHECK_FALSE(valid_utf8("\xe5\x85\xac\x80"));  // a continuation byte without a lead
  CHECK_FALSE(valid_utf8("\xe5\x41\xac"));      // a lead followed by ASCII
}
