#include "eventstore/codec/record_reader.h"

#include <array>
#include <charconv>
#include <chrono>

#include "eventstore/codec/canonical_scan.h"
#include "eventstore/codec/plain_run.h"
#include "eventstore/codec/record_codec.h"

namespace gongkai::eventstore::codec {
namespace {

class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}

  bool literal(std::string_view expected) {
    if (text_.substr(at_, expected.size()) != expected) return false;
    at_ += expected.size();
    return true;
  }

  // A string in canonical escaping (record_codec.h): its text, unescaped, into `out`.
  bool string(std::string& out) {
    if (!literal("\"")) return false;
    out.clear();
    std::size_t run = at_;
    // Escapes only ever give ASCII, so text with no byte >= 0x80 is UTF-8 without a second pass
    // (most fields: ids, hashes, type names).
    std::uint64_t seen = 0;
    const auto* bytes = reinterpret_cast<const unsigned char*>(text_.data());
    while (true) {
      at_ = detail::plain_run_end(bytes, at_, text_.size(), seen);
      if (at_ >= text_.size()) return false;
      const char c = text_[at_];
      if (c == '"') {
        out.append(text_, run, at_ - run);
        ++at_;
        return (seen & 0x80) == 0 || valid_utf8(out);
      }
      if (c != '\\') return false;  // a control character
      out.append(text_, run, at_ - run);
      if (!escape(out)) return false;
      run = at_;
    }
  }

  bool number(std::uint64_t& out) {
    const char* first = text_.data() + at_;
    const char* last = text_.data() + text_.size();
    if (first == last || *first < '0' || *first > '9' || (*first == '0' && first + 1 < last &&
                                                          first[1] >= '0' && first[1] <= '9')) {
      return false;
    }
    const auto [end, error] = std::from_chars(first, last, out);
    if (error != std::errc()) return false;
    at_ += static_cast<std::size_t>(end - first);
    return true;
  }

  // A string with no escapes, as it stands (for fields whose form the caller checks exactly).
  bool plain_string(std::string_view& out) {
    if (!literal("\"")) return false;
    const std::size_t end = text_.find('"', at_);
    if (end == std::string_view::npos) return false;
    out = text_.substr(at_, end - at_);
    at_ = end + 1;
    return out.find('\\') == std::string_view::npos;
  }

  // A canonical JSON object taken as it stands: one pass finds its end, checks it and notes where
  // its top-level members lie.
  bool canonical_object(std::string_view& out, std::size_t max_depth,
                        std::vector<DataMemberSpan>& members) {
    const std::size_t length = canonical_object_prefix(text_.substr(at_), max_depth, &members);
    if (length == 0) return false;
    out = text_.substr(at_, length);
    at_ += length;
    return true;
  }

  [[nodiscard]] bool at_end() const { return at_ == text_.size(); }

 private:
  bool escape(std::string& out) {
    const char kind = at_ + 1 < text_.size() ? text_[at_ + 1] : '\0';
    at_ += 2;
    switch (kind) {
      case '"': out.push_back('"'); return true;
      case '\\': out.push_back('\\'); return true;
      case 'b': out.push_back('\b'); return true;
      case 'f': out.push_back('\f'); return true;
      case 'n': out.push_back('\n'); return true;
      case 'r': out.push_back('\r'); return true;
      case 't': out.push_back('\t'); return true;
      case 'u': {
        // Only control characters are written as \u00xx in canonical form.
        unsigned code = 0;
        const auto digits = text_.substr(at_, 4);
        const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(),
                                                  code, 16);
        if (error != std::errc() || end != digits.data() + 4 || code >= 0x20) return false;
        out.push_back(static_cast<char>(code));
        at_ += 4;
        return true;
      }
      default: return false;
    }
  }

  std::string_view text_;
  std::size_t at_ = 0;
};

bool digits(std::string_view text, std::size_t at, std::size_t width, int& out) {
  out = 0;
  for (std::size_t i = at; i < at + width; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

}  // namespace

bool read_instant(std::string_view text, Instant& out) {
  using namespace std::chrono;
  if (text.size() != 27 || text[4] != '-' || text[7] != '-' || text[10] != 'T' ||
      text[13] != ':' || text[16] != ':' || text[19] != '.' || text[26] != 'Z') {
    return false;
  }
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, micros = 0;
  if (!digits(text, 0, 4, y) || !digits(text, 5, 2, mo) || !digits(text, 8, 2, d) ||
      !digits(text, 11, 2, h) || !digits(text, 14, 2, mi) || !digits(text, 17, 2, s) ||
      !digits(text, 20, 6, micros)) {
    return false;
  }
  const year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok() || h > 23 || mi > 59 || s > 59) return false;
  const auto tp = sys_days{ymd} + hours{h} + minutes{mi} + seconds{s} + microseconds{micros};
  out = Instant::from_unix_micros(duration_cast<microseconds>(tp.time_since_epoch()).count());
  return true;
}

domain::Status read_canonical_record(std::string_view canonical, RecordedEvent& event) {
  auto refuse = [](const char* field) {
    return domain::internal_error("corrupt_event",
                                  std::string("stored event is corrupt: field ") + field +
                                      " is not in canonical form");
  };
  Reader reader(canonical);
  std::string_view recorded_at;
  std::string_view data;
  if (!reader.literal(R"({"actor":)") || !reader.string(event.actor)) return refuse("actor");
  if (!reader.literal(R"(,"causation_id":)") || !reader.string(event.causation_id)) {
    return refuse("causation_id");
  }
  if (!reader.literal(R"(,"correlation_id":)") || !reader.string(event.correlation_id)) {
    return refuse("correlation_id");
  }
  if (!reader.literal(R"(,"data":)") ||
      !reader.canonical_object(data, kMaxNestingDepth, event.data_members)) {
    return refuse("data");
  }
  event.data_json.assign(data);
  if (!reader.literal(R"(,"event_id":)") || !reader.string(event.event_id)) {
    return refuse("event_id");
  }
  if (!reader.literal(R"(,"position":)") || !reader.number(event.position)) {
    return refuse("position");
  }
  if (!reader.literal(R"(,"prev_hash":)") || !reader.string(event.prev_hash)) {
    return refuse("prev_hash");
  }
  if (!reader.literal(R"(,"recorded_at":)") || !reader.plain_string(recorded_at) ||
      !read_instant(recorded_at, event.recorded_at)) {
    return refuse("recorded_at");
  }
  if (!reader.literal(R"(,"stream":)") || !reader.string(event.stream)) return refuse("stream");
  if (!reader.literal(R"(,"stream_prev_hash":)") || !reader.string(event.stream_prev_hash)) {
    return refuse("stream_prev_hash");
  }
  if (!reader.literal(R"(,"type":)") || !reader.string(event.type)) return refuse("type");
  if (!reader.literal(R"(,"version":)") || !reader.number(event.version)) return refuse("version");
  if (!reader.literal("}") || !reader.at_end()) return refuse("end of record");
  // canonical_object accepted the data: decoders need not check it again (data_checked()).
  event.checked_data = event.data_json.data();
  event.checked_size = event.data_json.size();
  return {};
}

}  // namespace gongkai::eventstore::codec
