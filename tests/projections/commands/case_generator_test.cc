// The generator drives every kind of step through the command path without a single refusal.
#include "projections/commands/case_generator.h"

#include <catch2/catch.hpp>
#include <set>

#include "domain/cases/case_events.h"
#include "domain/report/disposition.h"
#include "eventstore/codec/case_event_codec.h"
#include "projections/commands/command_fixture.h"

namespace gongkai::testing {
namespace {

using projections::commands::generate_cases;

TEST_CASE("Generated cases cover every event type with no refusal", "[projections][generator]") {
  // Given a fresh store
  CommandFixture f;
  // When 1,000 cases are generated over 2021
  auto generated = generate_cases(*f.service, 1000, 7, 2021);
  // Then every command was accepted and every one of the 29 event types occurs
  REQUIRE(generated.ok());
  for (const auto& [refusal, count] : generated->refusals) {
    INFO(refusal << " x" << count);
    CHECK(false);
  }
  CHECK(generated->case_ids.size() == 1000);
  CHECK(generated->case_ids.front() == "CJZ-2021-00001");
  CHECK(generated->case_ids.back() == "CJZ-2021-01000");
  CHECK(generated->events == f.store->head_position());
  CHECK(generated->events_by_type.size() == 29);
  for (const auto& [type, count] : generated->events_by_type) {
    INFO(type);
    CHECK(count > 0);
  }
  // And every disposition a handler may propose was proposed
  auto records = f.store->read_all(1, SIZE_MAX);
  REQUIRE(records.ok());
  std::set<std::string> proposed;
  for (const auto& record : *records) {
    if (record.type != domain::cases::ReplySubmitted::kType) continue;
    auto event = eventstore::codec::decode_case_event(record);
    REQUIRE(event.ok());
    proposed.emplace(domain::report::disposition_code(
        std::get<domain::cases::ReplySubmitted>(*event).disposition));
  }
  for (const auto& row : domain::report::kReportRows) {
    INFO(row.code);
    CHECK(proposed.count(std::string(row.code)) == (row.timer_only ? 0U : 1U));
  }
}

TEST_CASE("The generator is deterministic for a seed", "[projections][generator]") {
  // Given two stores generated with the same seed
  CommandFixture a;
  CommandFixture b;
  auto first = generate_cases(*a.service, 150, 11, 2022);
  auto second = generate_cases(*b.service, 150, 11, 2022);
  REQUIRE(first.ok());
  REQUIRE(second.ok());
  // Then they hold the same events (types, data, actors and times; ids are random)
  REQUIRE(a.store->head_position() == b.store->head_position());
  auto left = a.store->read_all(1, SIZE_MAX);
  auto right = b.store->read_all(1, SIZE_MAX);
  REQUIRE(left.ok());
  REQUIRE(right.ok());
  for (std::size_t i = 0; i < left->size(); ++i) {
    INFO("position " << i + 1);
    CHECK((*left)[i].stream == (*right)[i].stream);
    CHECK((*left)[i].type == (*right)[i].type);
    CHECK((*left)[i].data_json == (*right)[i].data_json);
    CHECK((*left)[i].actor == (*right)[i].actor);
    CHECK((*left)[i].recorded_at.unix_micros() == (*right)[i].recorded_at.unix_micros());
  }
  // And another seed gives another history
  CommandFixture c;
  REQUIRE(generate_cases(*c.service, 150, 12, 2022).ok());
  auto other = c.store->read_all(1, SIZE_MAX);
  REQUIRE(other.ok());
  bool differs = other->size() != left->size();
  for (std::size_t i = 0; !differs && i < left->size(); ++i) {
    differs = (*left)[i].data_json != (*other)[i].data_json;
  }
  CHECK(differs);
}

}  // namespace
}  // namespace gongkai::testing
