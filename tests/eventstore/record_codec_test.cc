// Golden tests: the stored form of an event is pinned by files under golden/. They are never
// edited; a new format gets a new format byte and new golden files beside these.
#include "eventstore/codec/record_codec.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <thread>

#include "eventstore/codec/sha256.h"
#include "support/golden_files.h"

using namespace gongkai::eventstore;

namespace {

std::string golden(const std::string& name) {
  auto text = gongkai::testing::read_text(gongkai::testing::golden_path(name));
  REQUIRE(text.has_value());
  return *text;
}

std::string from_hex_text(const std::string& hex) {
  std::string bytes;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    bytes.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  return bytes;
}

RecordedEvent golden_event() {
  RecordedEvent e;
  e.position = 42;
  e.stream = "case-CJZ-2021-00001";
  e.version = 1;
  e.event_id = "0b7e6c2a-1f0e-4c55-9d7e-4a1f2b3c4d5e";
  e.type = "case.registered.v1";
  REQUIRE(codec::parse_instant("2021-03-01T01:02:03.456789Z", e.recorded_at));
  e.actor = "user:7";
  e.correlation_id = "req-0001";
  e.data_json = codec::canonical_json(
                    R"({"received_on":"2021-03-01","channel":"in_person",
                        "applicant":{"type":"natural_person","name":"张三"},
                        "note":"line1\nline2 \"quoted\""})")
                    .value();
  e.prev_hash = "5f7a9c0e2d4b6a8f1e3c5b7d9f0a2c4e6b8d0f1a3c5e7b9d2f4a6c8e0b1d3f5a";
  e.stream_prev_hash = codec::kZeroHash;
  return e;
}

}  // namespace

TEST_CASE("canonical bytes of a v1 event match the golden file", "[eventstore][golden]") {
  const RecordedEvent event = golden_event();
  CHECK(codec::canonical_bytes(event) == golden("event_v1.canonical.json"));
  CHECK(codec::sha256_hex(codec::canonical_bytes(event)) == golden("event_v1.sha256"));
}

TEST_CASE("a stored v1 event always decodes to the same fields", "[eventstore][golden]") {
  const std::string stored = from_hex_text(golden("event_v1.stored.hex"));
  auto decoded = codec::decode_stored(stored);
  REQUIRE(decoded.ok());
  const RecordedEvent expected = golden_event();
  CHECK(decoded->position == 42);
  CHECK(decoded->stream == expected.stream);
  CHECK(decoded->version == 1);
  CHECK(decoded->event_id == expected.event_id);
  CHECK(decoded->type == "case.registered.v1");
  CHECK(codec::format_instant(decoded->recorded_at) == "2021-03-01T01:02:03.456789Z");
  CHECK(decoded->actor == "user:7");
  CHECK(decoded->correlation_id == "req-0001");
  CHECK(decoded->causation_id.empty());
  CHECK(decoded->data_json == expected.data_json);
  CHECK(decoded->prev_hash == expected.prev_hash);
  CHECK(decoded->stream_prev_hash == codec::kZeroHash);
  CHECK(decoded->hash == golden("event_v1.sha256"));
  CHECK(codec::check_stored(stored, *decoded).empty());
}

TEST_CASE("decoding refuses bytes that are not a stored event", "[eventstore][golden]") {
  std::string stored = from_hex_text(golden("event_v1.stored.hex"));
  CHECK(codec::decode_stored("").status().reason() == "corrupt_event");
  std::string unknown_format = stored;
  unknown_format[0] = '\x02';
  CHECK(codec::decode_stored(unknown_format).status().reason() == "corrupt_event");
  CHECK(codec::decode_stored(stored.substr(0, stored.size() - 1)).status().reason() ==
        "corrupt_event");
}

TEST_CASE("check_stored notices a changed byte in the hash or the body", "[eventstore][golden]") {
  const std::string stored = from_hex_text(golden("event_v1.stored.hex"));
  std::string in_hash = stored;
  in_hash[5] = static_cast<char>(in_hash[5] ^ 0x01);
  CHECK_FALSE(codec::check_stored(in_hash, codec::decode_stored(in_hash).value()).empty());
  std::string in_body = stored;
  in_body[stored.find("张三")] = 'X';  // still decodes, differently
  auto decoded = codec::decode_stored(in_body);
  if (decoded.ok()) CHECK_FALSE(codec::check_stored(in_body, *decoded).empty());
}

TEST_CASE("instants format as RFC 3339 UTC with microseconds and parse back", "[eventstore]") {
  const auto instant = Instant::from_unix_micros(1'614'560'523'456'789);
  CHECK(codec::format_instant(instant) == "2021-03-01T01:02:03.456789Z");
  Instant parsed;
  REQUIRE(codec::parse_instant("2021-03-01T01:02:03.456789Z", parsed));
  CHECK(parsed == instant);
  CHECK_FALSE(codec::parse_instant("2021-02-30T01:02:03.456789Z", parsed));
  CHECK_FALSE(codec::parse_instant("2021-03-01 01:02:03.456789Z", parsed));
  CHECK_FALSE(codec::parse_instant("2021-03-01T01:02:03Z", parsed));
}

TEST_CASE("the record reader reads back exactly what canonical_bytes writes", "[eventstore][golden]") {
  RecordedEvent event = golden_event();
  event.actor = std::string("handler:u-1\x01\n\"\\", 15);
  event.causation_id = "原因";
  event.version = 18446744073709551615ULL;  // the largest version still reads back
  const std::string canonical = codec::canonical_bytes(event);
  auto read = codec::decode_stored(codec::encode_stored(codec::sha256(canonical), canonical));
  REQUIRE(read.ok());
  CHECK(read->actor == event.actor);
  CHECK(read->causation_id == "原因");
  CHECK(read->version == event.version);
  CHECK(read->data_json == event.data_json);
  CHECK(codec::canonical_bytes(*read) == canonical);
}

TEST_CASE("the record reader refuses anything but the canonical spelling", "[eventstore][golden]") {
  const std::string canonical = golden("event_v1.canonical.json");
  auto stored_from = [](const std::string& bytes) {
    return codec::encode_stored(codec::sha256(bytes), bytes);
  };
  auto replaced = [&](const std::string& from, const std::string& to) {
    std::string bytes = canonical;
    const auto at = bytes.find(from);
    REQUIRE(at != std::string::npos);
    return bytes.replace(at, from.size(), to);
  };
  for (const std::string& bytes : {
           replaced(R"("actor":)", R"("actor": )"),                      // whitespace
           replaced(R"("position":42)", R"("position":042)"),            // a leading zero
           replaced("张三", "\\u5f20三"),                                 // an escape not needed
           replaced(R"("received_on":"2021-03-01"})", R"("received_on":"2021-03-01","a":1})"),
           replaced(R"("recorded_at":"2021-03-01T01:02:03.456789Z")",
                    R"("recorded_at":"2021-03-01T01:02:03Z")"),           // not 6 digits
           replaced(R"("recorded_at":"2021-03-01T01:02:03.456789Z")",
                    R"("recorded_at":"2021-03-01T01:02:03.456789\u005a")"),  // an escape
           replaced(R"("actor":"user:7")", "\"actor\":\"user:\xe5\x37\""),      // not UTF-8
           replaced(R"("actor":"user:7")", "\"actor\":\"user:\xc0\xaf\""),      // overlong
           replaced(R"("event_id":)", R"("event_id": )"),  // after the data: its end was found
           canonical + " ",                                              // trailing bytes
       }) {
    INFO(bytes);
    CHECK(codec::decode_stored(stored_from(bytes)).status().reason() == "corrupt_event");
  }
}

TEST_CASE("SHA-256 answers the FIPS 180-2 vectors however often and wherever it is asked",
          "[eventstore]") {
  // Every digest starts afresh, on any thread (the algorithm is fetched once for the process).
  const std::string empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  const std::string abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
  const std::string two_blocks = "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";
  const std::string two_block_input = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  for (int round = 0; round < 2; ++round) {
    CHECK(codec::sha256_hex("abc") == abc);
    CHECK(codec::sha256_hex(two_block_input) == two_blocks);
    CHECK(codec::sha256_hex("") == empty);
  }
  std::string from_another_thread;
  std::thread([&] { from_another_thread = codec::sha256_hex("abc"); }).join();
  CHECK(from_another_thread == abc);
}
