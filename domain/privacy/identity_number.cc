#include "domain/privacy/identity_number.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace gongkai::domain::privacy {
namespace {

// The length of the code point at `i` of UTF-8 text, by its lead byte (a malformed byte, or a
// sequence cut short by the end, counts as one code point of its own).
std::size_t code_point_length(std::string_view text, std::size_t i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  std::size_t length = 1;
  if (lead >= 0xF0) {
    length = 4;
  } else if (lead >= 0xE0) {
    length = 3;
  } else if (lead >= 0xC0) {
    length = 2;
  }
  return i + length > text.size() ? 1 : length;
}

// Splits UTF-8 text into code points (as code_point_length counts them).
std::vector<std::string_view> code_points(std::string_view text) {
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = code_point_length(text, i);
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
  constexpr std::size_t kKeepHead = 6;
  constexpr std::size_t kKeepTail = 4;
  // Two walks over the text rather than a vector of code points: every registration is masked
  // (twice in a rebuild), and the vector and a string per code point were most of the cost.
  std::size_t count = 0;
  for (std::size_t at = 0; at < id_number.size(); at += code_point_length(id_number, at)) ++count;
  std::string out;
  out.reserve(id_number.size());  // never longer: each code point is kept or becomes one '*'
  std::size_t i = 0;
  for (std::size_t at = 0; at < id_number.size(); ++i) {
    const std::size_t length = code_point_length(id_number, at);
    const bool shown = count > kKeepHead + kKeepTail && (i < kKeepHead || i >= count - kKeepTail);
    if (shown) {
      out.append(id_number.substr(at, length));
    } else {
      out.push_back('*');
    }
    at += length;
  }
  return out;
}

std::string normalise_id_number(std::string_view id_number) {
  std::string out;
  out.reserve(id_number.size());
  // Plain ASCII, as nearly every number is typed: the same rules byte by byte, without the vector
  // of code points (2,600 instructions a number, paid for each registration a rebuild replays).
  if (std::all_of(id_number.begin(), id_number.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    for (char c : id_number) {
      if (c == ' ' || c == '-' || c == '\t') continue;
      out += c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    }
    return out;
  }
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
