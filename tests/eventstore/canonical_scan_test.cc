// The canonical fast path must agree with the full parse: whatever it accepts is exactly what
// nlohmann/json would have written, and it never accepts anything the full path would change.
#include "eventstore/codec/canonical_scan.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <random>

#include "eventstore/codec/raw_json.h"
#include "eventstore/codec/record_codec.h"

using gongkai::eventstore::codec::canonical_json;
using gongkai::eventstore::codec::canonical_object_prefix;
using gongkai::eventstore::codec::is_canonical_object;
using nlohmann::json;

namespace {

json random_value(std::mt19937& random, int depth) {
  static const std::vector<std::string> kStrings = {
      "", "申请公开", "a\"b", "back\\slash", "tab\there", "line\nbreak", std::string("nul\0x", 5),
      "\x01\x1f", "slash/", "emoji 😀", "\x7f", "zz", "Ab", "aB"};
  switch (depth > 3 ? random() % 4 : random() % 6) {
    case 0: return kStrings[random() % kStrings.size()];
    case 1: return static_cast<std::int64_t>(random()) - 2'000'000'000;
    case 2: return random() % 2 == 0;
    case 3: return nullptr;
    case 4: {
      json array = json::array();
      for (unsigned i = random() % 4; i > 0; --i) array.push_back(random_value(random, depth + 1));
      return array;
    }
    default: {
      json object = json::object();
      for (unsigned i = random() % 5; i > 0; --i) {
        object[kStrings[random() % kStrings.size()]] = random_value(random, depth + 1);
      }
      return object;
    }
  }
}

// An object of up to `max_members` random members named k0 ... k<names - 1>.
json random_document(std::mt19937& random, unsigned max_members, unsigned names) {
  json document = json::object();
  for (unsigned k = random() % max_members; k > 0; --k) {
    document["k" + std::to_string(random() % names)] = random_value(random, 1);
  }
  return document;
}

}  // namespace

TEST_CASE("the fast path accepts what nlohmann writes and agrees with the full path",
          "[eventstore][codec]") {
  std::mt19937 random(7);
  int fast = 0;
  for (int i = 0; i < 2000; ++i) {
    const json document = random_document(random, 6, 50);
    const std::string canonical = document.dump(-1, ' ', false, json::error_handler_t::strict);
    // Whatever the fast path accepts is returned unchanged, so it must be nlohmann's own bytes;
    // escaped keys are left to the full path on purpose, so not every document is fast.
    fast += is_canonical_object(canonical, 64) ? 1 : 0;
    REQUIRE(canonical_json(canonical).value() == canonical);
    // The same document written loosely is not canonical, and canonicalises to the same bytes.
    const std::string loose = document.dump(2);
    if (loose != canonical) {
      CHECK_FALSE(is_canonical_object(loose, 64));
      CHECK(canonical_json(loose).value() == canonical);
    }
  }
  CHECK(fast > 1000);
}

// The record reader keeps where the data's top-level members lie, and the case decoder adopts
// them instead of splitting the data again: they must be what that split finds, and be left out
// wherever the split refuses the text (then the decoder's own refusal stands).
TEST_CASE("the prefix scan notes the top-level members that RawObject's split finds",
          "[eventstore][codec]") {
  using gongkai::eventstore::DataMemberSpan;
  using gongkai::eventstore::codec::detail::RawObject;
  std::mt19937 random(11);
  int noted = 0;
  int left_out = 0;
  for (int i = 0; i < 2000; ++i) {
    const std::string data =
        random_document(random, 30, 40).dump(-1, ' ', false, json::error_handler_t::strict);
    std::vector<DataMemberSpan> members = {{1, 2, 3, 4}};  // stale: must be replaced
    if (canonical_object_prefix(data + R"(,"event_id":"x"})", 64, &members) != data.size()) {
      continue;  // not canonical (an escaped key): the reader refuses the record
    }
    INFO(data);
    RawObject split;
    const bool splits = split.parse_checked(data);
    RawObject adopted;
    if (members.empty()) {
      ++left_out;
      CHECK((!splits || split.size() == 0));
      continue;
    }
    ++noted;
    REQUIRE(adopted.adopt_checked(data, members) == splits);
    if (!splits) continue;  // more members than RawObject holds: refused both ways
    REQUIRE(adopted.size() == split.size());
    for (const DataMemberSpan& span : members) {
      const std::string_view key = std::string_view(data).substr(span.key_at, span.key_size);
      REQUIRE(split.find(key) != nullptr);
      CHECK(adopted.find(key)->value == split.find(key)->value);
      CHECK(adopted.find(key)->key == key);
    }
  }
  CHECK(noted > 300);
  CHECK(left_out > 100);
  // Nested deeper than RawObject goes, or holding a \u escape anywhere: nothing noted.
  std::vector<DataMemberSpan> members;
  const std::string deep = R"({"a":)" + std::string(16, '[') + std::string(16, ']') + "}";
  REQUIRE(canonical_object_prefix(deep, 64, &members) == deep.size());
  CHECK(members.empty());
  const std::string fits = R"({"a":)" + std::string(15, '[') + std::string(15, ']') + "}";
  REQUIRE(canonical_object_prefix(fits, 64, &members) == fits.size());
  CHECK(members.size() == 1);
  const std::string escaped = R"({"a":1,"b":{"c":"\u0001"}})";
  REQUIRE(canonical_object_prefix(escaped, 64, &members) == escaped.size());
  CHECK(members.empty());
}

TEST_CASE("the fast path refuses anything the full path would rewrite", "[eventstore][codec]") {
  for (const char* text : {
           R"({"b":1,"a":2})",            // keys out of order
           R"({"a":1,"a":2})",            // duplicate key
           R"({"a": 1})",                 // whitespace
           R"({"a":1.5})",                // a fraction
           R"({"a":1e3})",                // an exponent
           R"({"a":01})",                 // a leading zero
           R"({"a":-0})",                 // negative zero
           R"({"a":"\u4e2d"})",           // an escape nlohmann writes raw
           R"({"a":"\/"})",               // an unneeded escape
           R"({"a":"\u000a"})",           // a control character that has a short escape
           R"({"a":"\u001F"})",           // uppercase hex
           R"([1,2])",                    // not an object
           R"({"a":1}x)",                 // trailing bytes
           R"({"a":tru})",                // a broken literal
           "{\"a\":\"\xff\"}",            // invalid UTF-8
       }) {
    INFO(text);
    CHECK_FALSE(is_canonical_object(text, 64));
  }
  CHECK(is_canonical_object(R"({"a":"\u001f","b":[true,false,null,-12,{}],"c":"\n"})", 64));
  CHECK(is_canonical_object(R"({"a":{"b":{}}})", 3));
  CHECK_FALSE(is_canonical_object(R"({"a":{"b":{}}})", 2));
}

TEST_CASE("the prefix scan measures the canonical object a record embeds", "[eventstore][codec]") {
  // The record reader finds where `data` ends with it, whatever follows.
  const std::string data = R"({"a":"}\"{","b":[{"c":"申请"}],"d":-1})";
  CHECK(canonical_object_prefix(data + R"(,"event_id":"x"})", 64) == data.size());
  CHECK(canonical_object_prefix(data, 64) == data.size());
  CHECK(canonical_object_prefix(R"({}})", 64) == 2);
  // Anything the whole-text check refuses is refused here too, with 0.
  for (const char* text : {R"({"b":1,"a":2},)", R"({"a": 1})", R"({"a":01})", R"([1])",
                           "{\"a\":\"\xff\"}", R"({"a":{"b":{}}})", R"({"a":1)", ""}) {
    INFO(text);
    CHECK(canonical_object_prefix(text, 2) == 0);
  }
  CHECK(canonical_object_prefix(R"({"a":{"b":{}}}x)", 3) == 14);
}

// Strings are scanned sixteen bytes at a time (SSE2), the rest eight at a time: the byte that
// ends a run of plain bytes (quote, backslash, control character) or breaks UTF-8 must be found
// at every offset of either, also with the text ending close behind it.
TEST_CASE("a string's special byte is found wherever it falls in the scan's 16- and 8-byte steps",
          "[eventstore][codec]") {
  const std::vector<std::string> valid = {"\"", "\\", "\n", "\x1f", "\x7f", "中", "😀", "/"};
  const std::vector<std::string> invalid = {"\xff", "\xe4\xb8", "\xc0\x80", "\xed\xa0\x80"};
  for (std::size_t before = 0; before <= 33; ++before) {
    for (const std::size_t after : {0u, 1u, 7u, 8u, 9u, 15u, 16u, 17u}) {
      const std::string left(before, 'a');
      const std::string right(after, 'z');
      for (const std::string& special : valid) {
        INFO(before << " + " << json(special).dump() << " + " << after);
        // Given what nlohmann writes for it, the scan accepts it and measures all of it
        const std::string text = json{{"k", left + special + right}}.dump();
        CHECK(is_canonical_object(text, 4));
        CHECK(canonical_object_prefix(text + "tail", 4) == text.size());
      }
      for (const std::string& bad : invalid) {
        INFO(before << " + invalid bytes + " << after);
        // Given bytes that are not UTF-8 at that offset, the scan refuses the text
        CHECK_FALSE(is_canonical_object("{\"k\":\"" + left + bad + right + "\"}", 4));
      }
      // A raw control character (never written unescaped) is refused at that offset too
      CHECK_FALSE(is_canonical_object("{\"k\":\"" + left + "\x01" + right + "\"}", 4));
      // And a string whose closing quote is missing
      CHECK_FALSE(is_canonical_object("{\"k\":\"" + left + right, 4));
    }
  }
}
