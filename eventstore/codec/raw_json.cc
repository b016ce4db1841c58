#include "eventstore/codec/raw_json.h"

#include <array>
#include <charconv>

#include "eventstore/codec/plain_run.h"
#include "eventstore/codec/record_codec.h"

namespace gongkai::eventstore::codec::detail {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// How much the skips check. `full`: everything RawObject accepts (its header). `checked`: text
// checked already (RawObject::parse_checked), so UTF-8 and key order are not checked again;
// everything parse refuses for another reason (\u escapes, depth, member count) is still refused,
// so on such text both answer alike.
enum class Check { full, checked };

// A string at `at` (its opening quote); `at` ends after the closing quote.
template <Check check>
bool skip_string(std::string_view text, std::size_t& at) {
  const std::size_t start = ++at;
  std::uint64_t seen = 0;  // a byte >= 0x80 among them: the string is checked as UTF-8
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  while (at < text.size()) {
    at = plain_run_end(bytes, at, text.size(), seen);
    if (at >= text.size()) return false;
    const auto c = bytes[at];
    if (c == '"') {
      if constexpr (check == Check::full) {
        if ((seen & 0x80) != 0 && !valid_utf8(text.substr(start, at - start))) return false;
      }
      ++at;
      return true;
    }
    if (c < 0x20) return false;
    if (c == '\\') {
      const char next = at + 1 < text.size() ? text[at + 1] : '\0';
      switch (next) {
        case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
          at += 2;
          continue;
        default:
          return false;  // \u (surrogate rules) and invalid escapes: the general parser decides
      }
    }
  }
  return false;
}

// -?(0|[1-9][0-9]*), not followed by a fraction or an exponent.
bool skip_integer(std::string_view text, std::size_t& at) {
  if (at < text.size() && text[at] == '-') ++at;
  const std::size_t start = at;
  while (at < text.size() && is_digit(text[at])) ++at;
  if (at == start || (text[start] == '0' && at - start > 1)) return false;
  return at == text.size() || (text[at] != '.' && text[at] != 'e' && text[at] != 'E');
}

bool skip_literal(std::string_view text, std::size_t& at, std::string_view word) {
  if (text.substr(at, word.size()) != word) return false;
  at += word.size();
  return true;
}

template <Check check>
bool skip_value(std::string_view text, std::size_t& at, std::size_t depth);

// An object at `at`; each member is passed to `member`.
template <Check check, typename Fn>
bool skip_object(std::string_view text, std::size_t& at, std::size_t depth, Fn&& member) {
  if (depth > RawObject::kMaxDepth) return false;
  ++at;  // '{'
  if (at < text.size() && text[at] == '}') {
    ++at;
    return true;
  }
  std::string_view previous;
  for (bool first = true;; first = false) {
    if (at >= text.size() || text[at] != '"') return false;
    const std::size_t key_start = at;
    if (!skip_string<check>(text, at)) return false;
    const std::string_view key = text.substr(key_start + 1, at - key_start - 2);
    if constexpr (check == Check::full) {
      if (key.find('\\') != std::string_view::npos) return false;
      if (!first && !(previous < key)) return false;  // unsorted or duplicated: not ours to judge
      previous = key;
    }
    if (at >= text.size() || text[at] != ':') return false;
    const std::size_t value_start = ++at;
    if (!skip_value<check>(text, at, depth)) return false;
    if (!member(key, text.substr(value_start, at - value_start))) return false;
    if (at >= text.size()) return false;
    if (text[at] == '}') {
      ++at;
      return true;
    }
    if (text[at] != ',') return false;
    ++at;
  }
}

template <Check check>
bool skip_value(std::string_view text, std::size_t& at, std::size_t depth) {
  if (at >= text.size()) return false;
  switch (text[at]) {
    case '"': return skip_string<check>(text, at);
    case '{':
      return skip_object<check>(text, at, depth + 1,
                                [](std::string_view, std::string_view) { return true; });
    case '[': {
      if (depth + 1 > RawObject::kMaxDepth) return false;
      ++at;
      if (at < text.size() && text[at] == ']') {
        ++at;
        return true;
      }
      for (;;) {
        if (!skip_value<check>(text, at, depth + 1)) return false;
        if (at >= text.size()) return false;
        if (text[at] == ']') {
          ++at;
          return true;
        }
        if (text[at] != ',') return false;
        ++at;
      }
    }
    case 't': return skip_literal(text, at, "true");
    case 'f': return skip_literal(text, at, "false");
    case 'n': return skip_literal(text, at, "null");
    default: return skip_integer(text, at);
  }
}

template <Check check>
bool split_object(std::string_view text, std::array<RawMember, RawObject::kMaxMembers>& members,
                  std::size_t& size) {
  size = 0;
  std::size_t at = 0;
  if (text.empty() || text[0] != '{') return false;
  const bool ok = skip_object<check>(text, at, 1, [&](std::string_view key, std::string_view value) {
    if (size == RawObject::kMaxMembers) return false;
    members[size++] = RawMember{key, value};
    return true;
  });
  return ok && at == text.size();
}

}  // namespace

bool skip_raw_value(std::string_view text, std::size_t& at, std::size_t depth) {
  return skip_value<Check::full>(text, at, depth);
}

bool RawObject::parse(std::string_view text) {
  return split_object<Check::full>(text, members_, size_);
}

bool RawObject::parse_checked(std::string_view text) {
  return split_object<Check::checked>(text, members_, size_);
}

bool RawObject::adopt_checked(std::string_view text, const std::vector<DataMemberSpan>& members) {
  if (members.size() > kMaxMembers) return false;
  size_ = 0;
  for (const DataMemberSpan& span : members) {
    members_[size_++] = RawMember{text.substr(span.key_at, span.key_size),
                                  text.substr(span.value_at, span.value_size)};
  }
  return true;
}

const RawMember* RawObject::find(std::string_view key) const {
  for (std::size_t i = 0; i < size_; ++i) {
    if (members_[i].key == key) return &members_[i];
  }
  return nullptr;
}

bool raw_plain_string(std::string_view raw, std::string_view& out) {
  if (raw.size() < 2 || raw.front() != '"') return false;
  out = raw.substr(1, raw.size() - 2);
  return out.find('\\') == std::string_view::npos;
}

bool raw_string(std::string_view raw, std::string& out) {
  if (raw.size() < 2 || raw.front() != '"') return false;
  const std::string_view body = raw.substr(1, raw.size() - 2);
  if (body.find('\\') == std::string_view::npos) {
    out.assign(body);
    return true;
  }
  out.clear();
  out.reserve(body.size());
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] != '\\') {
      out.push_back(body[i]);
      continue;
    }
    switch (body[++i]) {  // validated by skip_string: one of these follows
      case 'b': out.push_back('\b'); break;
      case 'f': out.push_back('\f'); break;
      case 'n': out.push_back('\n'); break;
      case 'r': out.push_back('\r'); break;
      case 't': out.push_back('\t'); break;
      default: out.push_back(body[i]); break;  // " \ /
    }
  }
  return true;
}

bool raw_int64(std::string_view raw, std::int64_t& out) {
  if (raw.empty() || (raw[0] != '-' && !is_digit(raw[0]))) return false;
  const auto [end, error] = std::from_chars(raw.data(), raw.data() + raw.size(), out);
  return error == std::errc() && end == raw.data() + raw.size();
}

bool raw_uint64(std::string_view raw, std::uint64_t& out) {
  if (raw.empty() || !is_digit(raw[0])) return false;
  const auto [end, error] = std::from_chars(raw.data(), raw.data() + raw.size(), out);
  return error == std::errc() && end == raw.data() + raw.size();
}

}  // namespace gongkai::eventstore::codec::detail
