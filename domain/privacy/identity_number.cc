#include "domain/privacy/identity_number.h"

#include <cstdint>
#include <vector>

namespace gongkai::domain::privacy {
namespace {

// Splits UTF-8 text into code points (a malformed byte counts as one code point of its own).
std::vector<std::string_view> code_points(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = 1;
    if (lead >= 0xF0) {
      length = 4;
    } else if (lead >= 0xE0) {
      length = 3;
    } else if (lead >= 0xC0) {
      length = 2;
    }
    if (i + length > text.size()) {
      length = 1;
    }
    out.push_back(text.substr(i, length));
    i += length;
  }
  return out;
}

// Decodes a 3-byte UTF-8 sequence (the full-width forms live in U+FF01..U+FF5E).
std::uint32_t decode3(std::string_view cp) {
  return ((static_cast<std::uint32_t>(static_cast<unsigned char>(cp[0])) & 0x0FU) << 12U) |
         ((static_cast<std::uint32_t>(static_cast<unsigned char>(cp[1])) & 0x3FU) << 6U) |
         (static_cast<std::uint32_t>(static_cast<unsigned char>(cp[2])) & 0x3FU);
}

}  // namespace

std::string mask_id_number(std::string_view id_number) {
  const std::vector<std::string_view> cps = code_points(id_number);
  constexpr std::size_t kKeepHead = 6;
  constexpr std::size_t kKeepTail = 4;
  std::string out;
  out.reserve(id_number.size());  // never longer: each code point is kept or becomes one '*'
  for (std::size_t i = 0; i < cps.size(); ++i) {
    const bool shown =
        cps.size() > kKeepHead + kKeepTail && (i < kKeepHead || i >= cps.size() - kKeepTail);
    if (shown) {
      out.append(cps[i]);
    } else {
      out.push_back('*');
    }
  }
  return out;
}

std::string normalise_id_number(std::string_view id_number) {
  std::string out;
  for (std::string_view cp : code_points(id_number)) {
    char ascii = 0;
    if (cp.size() == 1) {
      ascii = cp[0];
    } else if (cp.size() == 3) {
      const std::uint32_t u = decode3(cp);
      if (u == 0x3000) {
        continue;  // ideographic space
      }
      if (u >= 0xFF01 && u <= 0xFF5E) {
        ascii = static_cast<char>(u - 0xFF01 + 0x21);
      }
    }
    if (ascii == 0) {
      out += cp;  // anything else is kept as typed
      continue;
    }
    if (ascii == ' ' || ascii == '-' || ascii == '\t') {
      continue;
    }
    if (ascii >= 'a' && ascii <= 'z') {
      ascii = static_cast<char>(ascii - 'a' + 'A');
    }
    out += ascii;
  }
  return out;
}

}  // namespace gongkai::domain::privacy
