// The people event codec: a golden file pins every type's stored `data` (a type without one
// fails), every type round-trips, and stored data that is not a people event is refused.
#include "support/golden_files.h"
#include "eventstore/codec/people_event_codec.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <variant>

#include "eventstore/people_event_samples.h"

using namespace gongkai;
using domain::Code;
using domain::people::PeopleEvent;
using eventstore::RecordedEvent;
namespace codec = eventstore::codec;
namespace people = domain::people;
namespace samples = testing::people_samples;

namespace {

std::filesystem::path golden_dir() { return testing::golden_path("people_events"); }

using testing::read_text;

std::string encoded(const PeopleEvent& event) {
  auto data = codec::encode_people_event_data(event);
  REQUIRE(data.ok());
  return data.value();
}

RecordedEvent recorded(const PeopleEvent& event, std::string data) {
  auto append = codec::to_append(event, "evt-1", "req-1", "");
  REQUIRE(append.ok());
  RecordedEvent r;
  r.stream = people::stream_of(event);
  r.type = append->type;
  r.actor = append->actor;
  r.recorded_at = append->recorded_at;
  r.data_json = std::move(data);
  return r;
}
RecordedEvent recorded(const PeopleEvent& event) { return recorded(event, encoded(event)); }

void check_equal(const PeopleEvent& actual, const PeopleEvent& expected) {
  REQUIRE(actual.index() == expected.index());
  const auto& a = people::event_base(actual);
  const auto& e = people::event_base(expected);
  CHECK(a.actor.id == e.actor.id);
  CHECK(a.actor.role == e.actor.role);
  CHECK(a.recorded_at == e.recorded_at);
  CHECK(encoded(actual) == encoded(expected));
}

template <typename Fn>
void for_each_event_type(Fn&& fn) {
  [&fn]<std::size_t... I>(std::index_sequence<I...> /*unused*/) {
    (fn(std::integral_constant<std::size_t, I>{}), ...);
  }
  (std::make_index_sequence<std::variant_size_v<PeopleEvent>>{});
}

std::vector<PeopleEvent> all_samples() {
  std::vector<PeopleEvent> all;
  for_each_event_type([&all](auto index) {
    using E = std::variant_alternative_t<decltype(index)::value, PeopleEvent>;
    all.emplace_back(samples::sample(samples::Tag<E>{}));
  });
  return all;
}

// `event`'s record with its data edited by `edit` (a text replacement that must apply).
RecordedEvent with_data(const PeopleEvent& event, std::string_view from, std::string_view to) {
  std::string data = encoded(event);
  const auto at = data.find(from);
  REQUIRE(at != std::string::npos);
  data.replace(at, from.size(), to);
  return recorded(event, data);
}

void require_undecodable(const RecordedEvent& r, std::string_view mentions) {
  const auto decoded = codec::decode_people_event(r);
  REQUIRE_FALSE(decoded.ok());
  CHECK(decoded.status().code() == Code::internal);
  CHECK(decoded.status().reason() == "undecodable_event");
  INFO(decoded.status().message());
  CHECK(decoded.status().message().find(mentions) != std::string::npos);
}

}  // namespace

TEST_CASE("every people event type has a golden file it encodes to and decodes from",
          "[eventstore][codec][people]") {
  for_each_event_type([](auto index) {
    using E = std::variant_alternative_t<decltype(index)::value, PeopleEvent>;
    const std::string file = std::string(E::kType) + ".json";
    INFO("golden file " << file);
    const PeopleEvent sample = samples::sample(samples::Tag<E>{});
    const auto golden = read_text(golden_dir() / file);
    if (!golden.has_value()) {
      // GONGKAI_WRITE_MISSING_GOLDEN=1 once writes a new type's file; review it, commit it.
      if (std::getenv("GONGKAI_WRITE_MISSING_GOLDEN") != nullptr) {
        std::ofstream(golden_dir() / file, std::ios::binary) << encoded(sample);
      }
      FAIL_CHECK("missing golden file");
      return;
    }
    CHECK(encoded(sample) == *golden);
    const auto decoded = codec::decode_people_event(recorded(sample, *golden));
    CHECK(decoded.status().message().empty());
    if (decoded.ok()) {
      check_equal(decoded.value(), sample);
    }
  });
}

TEST_CASE("people events round-trip through the record, actor and time included",
          "[eventstore][codec][people]") {
  for (const PeopleEvent& event : all_samples()) {
    INFO(people::event_type(event));
    const RecordedEvent r = recorded(event);
    CHECK(codec::is_people_event_type(r.type));
    const auto decoded = codec::decode_people_event(r);
    REQUIRE(decoded.ok());
    check_equal(*decoded, event);
  }
  CHECK_FALSE(codec::is_people_event_type("case.registered.v1"));
}

TEST_CASE("the password record is stored as given and the token never appears",
          "[eventstore][codec][people]") {
  const auto set = samples::sample(samples::Tag<people::PasswordSet>{});
  CHECK(encoded(set).find(set.password_record) != std::string::npos);
  const auto opened = samples::sample(samples::Tag<people::SessionOpened>{});
  const std::string data = encoded(opened);
  CHECK(data.find("\"expires_at\":\"2021-03-01T08:00:00.000000Z\"") != std::string::npos);
  CHECK(data.find("token") == std::string::npos);
}

TEST_CASE("stored data that is not a people event is refused as undecodable",
          "[eventstore][codec][people]") {
  const PeopleEvent created = samples::sample(samples::Tag<people::UserCreated>{});
  const PeopleEvent opened = samples::sample(samples::Tag<people::SessionOpened>{});
  const PeopleEvent closed = samples::sample(samples::Tag<people::SessionClosed>{});

  SECTION("unknown type") {
    RecordedEvent r = recorded(created);
    r.type = "user.created.v9";
    require_undecodable(r, "unknown event type");
  }
  SECTION("not a JSON object") {
    require_undecodable(recorded(created, "[1]"), "not a JSON object");
    require_undecodable(recorded(created, "{"), "not a JSON object");
  }
  SECTION("missing, unexpected and mistyped fields") {
    require_undecodable(with_data(created, "\"agency\":\"CJZ\",", ""), "'agency': missing");
    require_undecodable(with_data(created, "{", "{\"password\":\"x\","), "'password'");
    require_undecodable(with_data(opened, "1800", "\"1800\""), "idle_timeout_seconds");
  }
  SECTION("unknown role, the unknown close reason and a bad instant") {
    require_undecodable(with_data(created, "\"registrar\"", "\"king\""), "roles[");
    require_undecodable(with_data(closed, "password_changed", "forgot"), "reason");
    require_undecodable(with_data(opened, "2021-03-01T08:00:00.000000Z", "2021-03-01"),
                        "expires_at");
  }
  SECTION("an event in another user's stream") {
    RecordedEvent r = recorded(created);
    r.stream = "user-u-mallory";
    require_undecodable(r, "belongs in stream 'user-u-alice'");
  }
  SECTION("an unreadable actor") {
    RecordedEvent r = recorded(created);
    r.actor = "root";
    require_undecodable(r, "actor 'root'");
  }
}

TEST_CASE("a string that is not UTF-8 is refused at encoding", "[eventstore][codec][people]") {
  auto department = samples::sample(samples::Tag<people::DepartmentCreated>{});
  department.name = "\xff";
  const auto data = codec::encode_people_event_data(department);
  REQUIRE_FALSE(data.ok());
  CHECK(data.status().reason() == "invalid_utf8");
}
