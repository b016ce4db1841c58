#include "eventstore/codec/canonical_scan.h"

#include <algorithm>

#include "eventstore/codec/plain_run.h"
#include "eventstore/codec/raw_json.h"
#include "eventstore/codec/record_codec.h"

namespace gongkai::eventstore::codec {
namespace {

class Scanner {
 public:
  Scanner(std::string_view text, std::size_t max_depth,
          std::vector<DataMemberSpan>* members = nullptr)
      : text_(text), max_depth_(max_depth), members_(members) {
    if (members_ == nullptr) return;
    members_->clear();
    // Room for most events' data at once, not grown 1, 2, 4, 8, 16 for each fresh event.
    if (members_->capacity() == 0) members_->reserve(16);
  }

  bool object_document() {
    return peek() == '{' && value(0) && at_ == text_.size();
  }
  // The length of the object that starts the text, 0 if none (or not canonical).
  std::size_t object_prefix() {
    if (peek() != '{' || !value(0)) return 0;
    // What RawObject::parse_checked would refuse keeps no spans: its decoders then refuse it too.
    if (members_ != nullptr && (unicode_escape_ || deepest_ > detail::RawObject::kMaxDepth)) {
      members_->clear();
    }
    return at_;
  }

 private:
  [[nodiscard]] char peek() const { return at_ < text_.size() ? text_[at_] : '\0'; }
  bool consume(char c) {
    if (peek() != c) return false;
    ++at_;
    return true;
  }
  bool literal(std::string_view word) {
    if (text_.substr(at_, word.size()) != word) return false;
    at_ += word.size();
    return true;
  }

  bool value(std::size_t depth) {
    switch (peek()) {
      case '{': return object(depth + 1);
      case '[': return array(depth + 1);
      case '"': return string(nullptr);
      case 't': return literal("true");
      case 'f': return literal("false");
      case 'n': return literal("null");
      default: return integer();
    }
  }

  bool object(std::size_t depth) {
    if (depth > max_depth_) return false;
    deepest_ = std::max(deepest_, depth);
    ++at_;  // '{'
    if (consume('}')) return true;
    std::string_view previous_key;
    for (bool first = true;; first = false) {
      std::string_view key;
      if (!string(&key)) return false;
      // Keys with escapes would need decoding to compare; leave them to the full parser.
      if (key.find('\\') != std::string_view::npos) return false;
      if (!first && !(previous_key < key)) return false;
      previous_key = key;
      if (!consume(':')) return false;
      const std::size_t value_at = at_;
      if (!value(depth)) return false;
      if (depth == 1 && members_ != nullptr) {
        members_->push_back({offset(key.data()), static_cast<std::uint32_t>(key.size()),
                             static_cast<std::uint32_t>(value_at),
                             static_cast<std::uint32_t>(at_ - value_at)});
      }
      if (consume('}')) return true;
      if (!consume(',')) return false;
    }
  }

  [[nodiscard]] std::uint32_t offset(const char* at) const {
    return static_cast<std::uint32_t>(at - text_.data());
  }

  bool array(std::size_t depth) {
    if (depth > max_depth_) return false;
    deepest_ = std::max(deepest_, depth);
    ++at_;  // '['
    if (consume(']')) return true;
    for (;;) {
      if (!value(depth)) return false;
      if (consume(']')) return true;
      if (!consume(',')) return false;
    }
  }

  // A string in canonical escaping; `raw` receives the characters between the quotes.
  bool string(std::string_view* raw) {
    if (!consume('"')) return false;
    const std::size_t start = at_;
    std::uint64_t seen = 0;  // all ASCII (escapes included) is UTF-8 without a second pass
    const auto* bytes = reinterpret_cast<const unsigned char*>(text_.data());
    for (;;) {
      at_ = detail::plain_run_end(bytes, at_, text_.size(), seen);
      if (at_ >= text_.size()) return false;
      if (text_[at_] == '"') break;
      if (text_[at_] != '\\') return false;  // a control character
      if (!escape()) return false;
    }
    if ((seen & 0x80) != 0 && !valid_utf8(text_.substr(start, at_ - start))) return false;
    if (raw != nullptr) *raw = text_.substr(start, at_ - start);
    ++at_;  // closing quote
    return true;
  }

  // Only the escapes the canonical writer emits: \" \\ \b \f \n \r \t, and \u00xx (lowercase)
  // for the other control characters.
  bool escape() {
    const char next = at_ + 1 < text_.size() ? text_[at_ + 1] : '\0';
    switch (next) {
      case '"': case '\\': case 'b': case 'f': case 'n': case 'r': case 't':
        at_ += 2;
        return true;
      case 'u': {
        if (text_.substr(at_ + 2, 2) != "00" || at_ + 6 > text_.size()) return false;
        const char high = text_[at_ + 4];
        const char low = text_[at_ + 5];
        const bool hex_low = (low >= '0' && low <= '9') || (low >= 'a' && low <= 'f');
        if ((high != '0' && high != '1') || !hex_low) return false;
        const int code = (high - '0') * 16 + (low <= '9' ? low - '0' : low - 'a' + 10);
        // These have short escapes, which the canonical writer uses instead.
        if (code == '\b' || code == '\f' || code == '\n' || code == '\r' || code == '\t') {
          return false;
        }
        unicode_escape_ = true;
        at_ += 6;
        return true;
      }
      default: return false;
    }
  }

  // -?(0|[1-9][0-9]*), at most 18 digits so it fits any integer type without change.
  bool integer() {
    consume('-');
    const std::size_t start = at_;
    while (peek() >= '0' && peek() <= '9') ++at_;
    const std::size_t digits = at_ - start;
    if (digits == 0 || digits > 18) return false;
    if (text_[start] == '0' && digits > 1) return false;
    if (text_[start] == '0' && start > 0 && text_[start - 1] == '-') return false;  // -0
    return true;
  }

  std::string_view text_;
  std::size_t max_depth_;
  std::vector<DataMemberSpan>* members_;  // the top-level members, when asked for
  std::size_t at_ = 0;
  std::size_t deepest_ = 0;
  bool unicode_escape_ = false;
};

}  // namespace

bool is_canonical_object(std::string_view json, std::size_t max_depth) {
  return Scanner(json, max_depth).object_document();
}

std::size_t canonical_object_prefix(std::string_view text, std::size_t max_depth,
                                    std::vector<DataMemberSpan>* members) {
  return Scanner(text, max_depth, members).object_prefix();
}

}  // namespace gongkai::eventstore::codec
