// The case event codec: golden files pin the stored `data` of every event type (never edited; a
// new shape is a new type version with its own golden file), every type round-trips, and data
// that is not a known event is refused with undecodable_event.
#include "support/golden_files.h"
#include "eventstore/codec/case_event_codec.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <utility>
#include <variant>

#include "eventstore/case_event_samples.h"
#include "eventstore/store_fixture.h"

using namespace gongkai;
using domain::Code;
using domain::cases::CaseEvent;
using eventstore::RecordedEvent;
namespace codec = eventstore::codec;
namespace samples = testing::samples;

namespace {

std::filesystem::path golden_dir() { return testing::golden_path("case_events"); }

using testing::read_text;

std::string encoded(const CaseEvent& event) {
  auto data = codec::encode_case_event_data(event);
  REQUIRE(data.ok());
  return data.value();
}

// The record the store would hand back for `event` with `data` as its stored data.
RecordedEvent recorded(const CaseEvent& event, std::string data) {
  auto append = codec::to_append(event, "evt-1", "req-1", "");
  REQUIRE(append.ok());
  RecordedEvent r;
  r.stream = codec::case_stream(domain::cases::event_base(event).case_id);
  r.type = append->type;
  r.actor = append->actor;
  r.recorded_at = append->recorded_at;
  r.data_json = std::move(data);
  return r;
}
RecordedEvent recorded(const CaseEvent& event) { return recorded(event, encoded(event)); }

// Field-by-field equality: the base fields directly, the rest through their encoded data (every
// data field is in the encoding, as the reviewed golden files show).
void check_equal(const CaseEvent& actual, const CaseEvent& expected) {
  REQUIRE(actual.index() == expected.index());
  const auto& a = domain::cases::event_base(actual);
  const auto& e = domain::cases::event_base(expected);
  CHECK(a.case_id == e.case_id);
  CHECK(a.actor.id == e.actor.id);
  CHECK(a.actor.role == e.actor.role);
  CHECK(a.recorded_at == e.recorded_at);
  CHECK(encoded(actual) == encoded(expected));
}

// (a) the sample encodes to the golden bytes, (b) the golden bytes decode to the sample.
template <typename E>
void check_golden(const std::string& file, const E& sample) {
  INFO("golden file " << file);
  const auto golden = read_text(golden_dir() / file);
  if (!golden.has_value()) {
    // Set GONGKAI_WRITE_MISSING_GOLDEN=1 once to write a new type's file; review it, commit it.
    if (std::getenv("GONGKAI_WRITE_MISSING_GOLDEN") != nullptr) {
      std::ofstream(golden_dir() / file, std::ios::binary) << encoded(sample);
    }
    FAIL_CHECK("missing golden file");
    return;
  }
  CHECK(encoded(sample) == *golden);
  const auto decoded = codec::decode_case_event(recorded(sample, *golden));
  CHECK(decoded.status().message().empty());  // CHECK, not REQUIRE: report every type
  if (decoded.ok()) {
    check_equal(decoded.value(), sample);
  }
}

template <std::size_t I>
void check_golden_files_of_type() {
  using E = std::variant_alternative_t<I, CaseEvent>;
  const std::string type(E::kType);
  check_golden(type + ".json", samples::full_sample(samples::Tag<E>{}));
  if (const auto minimal = samples::minimal_sample(samples::Tag<E>{})) {
    check_golden(type + ".minimal.json", *minimal);
  }
}

template <typename Fn>
void for_each_event_type(Fn&& fn) {
  [&fn]<std::size_t... I>(std::index_sequence<I...> /*unused*/) {
    (fn(std::integral_constant<std::size_t, I>{}), ...);
  }
  (std::make_index_sequence<std::variant_size_v<CaseEvent>>{});
}

std::vector<CaseEvent> all_samples() {
  std::vector<CaseEvent> all;
  for_each_event_type([&all](auto index) {
    using E = std::variant_alternative_t<decltype(index)::value, CaseEvent>;
    all.emplace_back(samples::full_sample(samples::Tag<E>{}));
    if (auto minimal = samples::minimal_sample(samples::Tag<E>{})) {
      all.emplace_back(std::move(*minimal));
    }
  });
  return all;
}

// Decodes `sample`'s encoding after `edit` changed its data; requires undecodable_event and
// returns the message.
template <typename Edit>
std::string refusal(const CaseEvent& sample, Edit&& edit) {
  auto data = nlohmann::json::parse(encoded(sample));
  edit(data);
  const auto decoded = codec::decode_case_event(recorded(sample, data.dump()));
  REQUIRE_FALSE(decoded.ok());
  CHECK(decoded.status().code() == Code::internal);
  CHECK(decoded.status().reason() == "undecodable_event");
  return decoded.status().message();
}

CaseEvent registered() {
  return samples::full_sample(samples::Tag<domain::cases::CaseRegistered>{});
}

}  // namespace

TEST_CASE("every case event type's data is pinned by a golden file", "[eventstore][codec]") {
  for_each_event_type([](auto index) { check_golden_files_of_type<decltype(index)::value>(); });
}

TEST_CASE("every golden file names a current event type", "[eventstore][codec]") {
  std::vector<std::string> expected;
  for (const CaseEvent& e : all_samples()) {
    const std::string type(domain::cases::event_type(e));
    const bool seen = std::find(expected.begin(), expected.end(), type + ".json") != expected.end();
    expected.push_back(type + (seen ? ".minimal.json" : ".json"));
  }
  for (const auto& entry : std::filesystem::directory_iterator(golden_dir())) {
    const std::string name = entry.path().filename().string();
    INFO(name);
    CHECK(std::find(expected.begin(), expected.end(), name) != expected.end());
  }
}

TEST_CASE("every case event round-trips through to_append and decode", "[eventstore][codec]") {
  for (const CaseEvent& sample : all_samples()) {
    INFO(domain::cases::event_type(sample));
    const auto append = codec::to_append(sample, "evt-7", "req-7", "evt-6");
    REQUIRE(append.ok());
    CHECK(append->type == domain::cases::event_type(sample));
    CHECK(append->event_id == "evt-7");
    CHECK(append->correlation_id == "req-7");
    CHECK(append->causation_id == "evt-6");
    const auto decoded = codec::decode_case_event(recorded(sample));
    REQUIRE(decoded.ok());
    check_equal(decoded.value(), sample);
  }
}

TEST_CASE("the actor is <role>:<id>, or system for the timer", "[eventstore][codec]") {
  using domain::policy::ActorRef;
  using domain::policy::Role;
  CHECK(codec::actor_string(ActorRef{"u-2001", Role::handler}) == "handler:u-2001");
  CHECK(codec::actor_string(ActorRef{"system", Role::system}) == "system");
  CHECK(codec::actor_string(ActorRef{"ops:1", Role::system}) == "system:ops:1");
  for (const ActorRef& actor : {ActorRef{"u-2001", Role::handler}, ActorRef{"system", Role::system},
                                ActorRef{"ops:1", Role::system}, ActorRef{"", Role::admin}}) {
    const auto back = codec::parse_actor_string(codec::actor_string(actor));
    REQUIRE(back.has_value());
    CHECK(back->id == actor.id);
    CHECK(back->role == actor.role);
  }
  CHECK_FALSE(codec::parse_actor_string("user:42").has_value());
  CHECK_FALSE(codec::parse_actor_string("handler").has_value());
  CHECK_FALSE(codec::parse_actor_string("").has_value());
}

TEST_CASE("case events survive a real RocksDB store", "[eventstore][codec]") {
  testing::TempDir dir;
  std::vector<CaseEvent> stream = all_samples();
  eventstore::AppendRequest request;
  request.stream = codec::case_stream(samples::kCaseId);
  request.expected = eventstore::ExpectedVersion::no_stream();
  for (std::size_t i = 0; i < stream.size(); ++i) {
    auto append = codec::to_append(stream[i], "evt-" + std::to_string(i), "req-1", "");
    REQUIRE(append.ok());
    request.events.push_back(std::move(append).value());
  }
  {
    auto store = testing::open_store(dir.path() / "store");
    REQUIRE(store->append(request).ok());
  }
  auto store = testing::open_store(dir.path() / "store");  // reopened: read from disk
  auto events = store->read_stream_forward(request.stream, 1, 1000);
  REQUIRE(events.ok());
  REQUIRE(events->size() == stream.size());
  std::size_t with_members = 0;  // decoded from the members the reader noted (data_members)
  for (std::size_t i = 0; i < stream.size(); ++i) {
    INFO(domain::cases::event_type(stream[i]));
    const RecordedEvent& r = events.value()[i];
    CHECK(r.data_json == request.events[i].data_json);  // the encoding is already canonical
    with_members += r.data_members.empty() ? 0 : 1;
    const auto decoded = codec::decode_case_event(r);
    REQUIRE(decoded.ok());
    check_equal(decoded.value(), stream[i]);
  }
  CHECK(with_members > stream.size() / 2);
}

// Data read through the store's record reader was checked as canonical JSON there and is not
// checked again when decoded; everything else still is.
TEST_CASE("only data the store's reader checked skips the second check", "[eventstore][codec]") {
  testing::TempDir dir;
  auto note = samples::full_sample(samples::Tag<domain::cases::NoteAdded>{});
  // A canonical \u escape (the control byte) and non-ASCII text, read back through the reader.
  note.text = "第一行\n\t\"引号\" \\ \x01 end";
  auto append = codec::to_append(note, "evt-1", "req-1", "");
  REQUIRE(append.ok());
  const std::string stream = codec::case_stream(samples::kCaseId);
  {
    auto store = testing::open_store(dir.path() / "store");
    REQUIRE(store
                ->append(testing::request(stream, eventstore::ExpectedVersion::no_stream(),
                                          {std::move(append).value()}))
                .ok());
  }
  auto store = testing::open_store(dir.path() / "store");
  auto events = store->read_stream_forward(stream, 1, 10);
  REQUIRE(events.ok());
  REQUIRE(events->size() == 1);
  const RecordedEvent& read = events->front();
  CHECK(read.data_checked());
  // Its \u escape is left to the decoder's own split (which refuses it), so no members are noted.
  CHECK(read.data_members.empty());
  const auto decoded = codec::decode_case_event(read);
  REQUIRE(decoded.ok());
  check_equal(decoded.value(), note);
  CHECK(std::get<domain::cases::NoteAdded>(decoded.value()).text == note.text);

  CHECK_FALSE(recorded(note).data_checked());  // built by hand
  RecordedEvent copy = read;
  CHECK_FALSE(copy.data_checked());
  // Bad UTF-8 of the same length in a copy, or in data given a new size: both refused.
  const std::size_t at = copy.data_json.find("end");
  REQUIRE(at != std::string::npos);
  copy.data_json.replace(at, 3, "\xff\xfe\xfd");
  CHECK_FALSE(codec::decode_case_event(copy).ok());
  RecordedEvent changed = std::move(events->front());
  REQUIRE(changed.data_checked());  // a move keeps the mark (the bytes did not move)
  changed.data_json.replace(changed.data_json.find("end"), 3, "\xff\xfe");
  CHECK_FALSE(changed.data_checked());
  CHECK_FALSE(codec::decode_case_event(changed).ok());
}

TEST_CASE("decoding refuses an unknown event type", "[eventstore][codec]") {
  RecordedEvent r = recorded(registered());
  r.type = "case.registered.v9";
  const auto decoded = codec::decode_case_event(r);
  REQUIRE_FALSE(decoded.ok());
  CHECK(decoded.status().code() == Code::internal);
  CHECK(decoded.status().reason() == "undecodable_event");
  CHECK_THAT(decoded.status().message(),
             Catch::Contains("case.registered.v9") && Catch::Contains("unknown event type"));
}

TEST_CASE("decoding refuses a missing required field", "[eventstore][codec]") {
  const auto message = refusal(registered(), [](auto& data) { data.erase("received_on"); });
  CHECK_THAT(message, Catch::Contains("case.registered.v1") &&
                          Catch::Contains("field 'received_on': missing"));
  CHECK_THAT(refusal(registered(), [](auto& data) { data["applicant"].erase("name"); }),
             Catch::Contains("field 'applicant.name': missing"));
  CHECK_THAT(refusal(registered(), [](auto& data) { data.erase("case_id"); }),
             Catch::Contains("field 'case_id': missing"));
}

TEST_CASE("decoding refuses a field of the wrong JSON type", "[eventstore][codec]") {
  CHECK_THAT(refusal(registered(), [](auto& data) { data["description"] = 42; }),
             Catch::Contains("field 'description': expected a string, found number"));
  const CaseEvent fee = samples::full_sample(samples::Tag<domain::cases::FeeNoticeIssued>{});
  CHECK_THAT(refusal(fee, [](auto& data) { data["amount_yuan"] = "1600"; }),
             Catch::Contains("field 'amount_yuan': expected an integer, found string"));
  CHECK_THAT(refusal(fee, [](auto& data) { data["amount_yuan"] = 1600.5; }),
             Catch::Contains("field 'amount_yuan': expected an integer"));
  CHECK_THAT(refusal(fee, [](auto& data) { data["pages"] = nullptr; }),
             Catch::Contains("field 'pages': expected an integer, found null"));
  CHECK_THAT(refusal(fee, [](auto& data) { data["pages"] = 4'000'000'000LL; }),
             Catch::Contains("field 'pages': integer out of range"));
  const CaseEvent reply = samples::full_sample(samples::Tag<domain::cases::ReplySubmitted>{});
  CHECK_THAT(refusal(reply, [](auto& data) { data["attachments"][1]["size"] = true; }),
             Catch::Contains("field 'attachments[1].size': expected an integer, found boolean"));
}

TEST_CASE("decoding refuses a date that is not YYYY-MM-DD", "[eventstore][codec]") {
  for (const char* bad : {"2021-02-30", "2021-3-1", "2021/03/01", "2021-03-01T00:00:00Z"}) {
    CHECK_THAT(refusal(registered(), [bad](auto& data) { data["received_on"] = bad; }),
               Catch::Contains("field 'received_on': not a YYYY-MM-DD date"));
  }
}

TEST_CASE("decoding refuses an unknown enum name", "[eventstore][codec]") {
  CHECK_THAT(refusal(registered(), [](auto& data) { data["channel"] = "carrier_pigeon"; }),
             Catch::Contains("field 'channel': unknown name 'carrier_pigeon'"));
  CHECK_THAT(refusal(registered(), [](auto& data) { data["applicant"]["type"] = "robot"; }),
             Catch::Contains("field 'applicant.type': unknown name 'robot'"));
  const CaseEvent issued = samples::full_sample(samples::Tag<domain::cases::ReplyIssued>{});
  // Dispositions are written by their report code, not the C++ enumerator name.
  CHECK_THAT(refusal(issued, [](auto& data) { data["disposition"] = "withheld_state_secret"; }),
             Catch::Contains("field 'disposition': unknown name 'withheld_state_secret'"));
  auto secret = std::get<domain::cases::ReplyIssued>(issued);
  secret.disposition = domain::report::Disposition::withheld_state_secret;
  CHECK_THAT(encoded(secret), Catch::Contains(R"("disposition":"withheld.state_secret")"));
}

TEST_CASE("decoding refuses fields the type does not have", "[eventstore][codec]") {
  CHECK_THAT(refusal(registered(), [](auto& data) { data["priority"] = "high"; }),
             Catch::Contains("field 'priority': unexpected field"));
  CHECK_THAT(refusal(registered(), [](auto& data) { data["applicant"]["age"] = 30; }),
             Catch::Contains("field 'applicant.age': unexpected field"));
}

TEST_CASE("decoding refuses a record that is not a case event", "[eventstore][codec]") {
  RecordedEvent r = recorded(registered());
  SECTION("data is not JSON") { r.data_json = "{\"case_id\":"; }
  SECTION("data is not an object") { r.data_json = "[1,2]"; }
  SECTION("the case id does not match the stream") { r.stream = "case-CJZ-2021-00002"; }
  SECTION("the actor is not <role>:<id>") { r.actor = "user:42"; }
  const auto decoded = codec::decode_case_event(r);
  REQUIRE_FALSE(decoded.ok());
  CHECK(decoded.status().code() == Code::internal);
  CHECK(decoded.status().reason() == "undecodable_event");
}

TEST_CASE("encoding refuses a string that is not UTF-8", "[eventstore][codec]") {
  auto note = samples::full_sample(samples::Tag<domain::cases::NoteAdded>{});
  note.text = "\xff\xfe";
  const auto data = codec::encode_case_event_data(note);
  REQUIRE_FALSE(data.ok());
  CHECK(data.status().code() == Code::invalid_argument);
  CHECK(data.status().reason() == "invalid_utf8");
  CHECK_FALSE(codec::to_append(note, "evt-1", "", "").ok());
}

// Decoding reads canonical data without a JSON tree and falls back to the general parser for
// anything else; both must give the same event.
TEST_CASE("data in another valid JSON spelling decodes to the same event", "[eventstore][codec]") {
  for (const CaseEvent& sample : all_samples()) {
    INFO(domain::cases::event_type(sample));
    const std::string spaced = nlohmann::json::parse(encoded(sample)).dump(1);  // whitespace
    const auto decoded = codec::decode_case_event(recorded(sample, spaced));
    REQUIRE(decoded.ok());
    check_equal(decoded.value(), sample);
  }
  auto note = samples::full_sample(samples::Tag<domain::cases::NoteAdded>{});
  note.text = "a/b \xe4\xb8\xad";  // 中
  std::string data = encoded(note);
  const std::string plain = "\"a/b \xe4\xb8\xad\"";
  REQUIRE(data.find(plain) != std::string::npos);
  data.replace(data.find(plain), plain.size(), R"("a\/b \u4e2d")");  // escapes we never write
  const auto decoded = codec::decode_case_event(recorded(note, data));
  REQUIRE(decoded.ok());
  check_equal(decoded.value(), note);
}

TEST_CASE("canonical escapes and non-ASCII text decode as written", "[eventstore][codec]") {
  auto note = samples::full_sample(samples::Tag<domain::cases::NoteAdded>{});
  note.text = "第一行\n\t\"引号\" \\ \x01 end";
  const auto decoded = codec::decode_case_event(recorded(note));
  REQUIRE(decoded.ok());
  CHECK(std::get<domain::cases::NoteAdded>(decoded.value()).text == note.text);
  // Invalid UTF-8 in stored data is refused, whichever path reads it.
  std::string data = encoded(note);
  data.replace(data.find("end"), 3, "\xff\xfe");
  CHECK_FALSE(codec::decode_case_event(recorded(note, data)).ok());
}

// The raw reader skips a string's plain bytes eight at a time: a special byte at any offset of a
// word is still seen (escapes decoded, bad UTF-8 refused), whichever path reads the data.
TEST_CASE("a special byte decodes or is refused at every offset of a note",
          "[eventstore][codec]") {
  auto note = samples::full_sample(samples::Tag<domain::cases::NoteAdded>{});
  for (std::size_t before = 0; before <= 17; ++before) {
    for (const std::string special : {"\"", "\\", "\n", "中", "😀"}) {
      INFO(before << " " << special);
      note.text = std::string(before, 'a') + special + std::string(9, 'z');
      const auto decoded = codec::decode_case_event(recorded(note));
      REQUIRE(decoded.ok());
      CHECK(std::get<domain::cases::NoteAdded>(decoded.value()).text == note.text);
    }
    note.text = std::string(before, 'a') + "END" + std::string(9, 'z');
    std::string data = encoded(note);
    data.replace(data.find("END"), 3, "\xe4\xb8");  // truncated UTF-8
    INFO(before);
    CHECK_FALSE(codec::decode_case_event(recorded(note, data)).ok());
  }
}
