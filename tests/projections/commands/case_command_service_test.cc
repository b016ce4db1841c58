// The command path: read, decide, append; conflicts, If-Match, idempotency, case numbers.
#include "projections/commands/case_command_service.h"

#include <catch2/catch.hpp>
#include <set>
#include <thread>
#include <vector>

#include "domain/cases/case_events.h"
#include "eventstore/codec/case_event_codec.h"
#include "projections/commands/command_fixture.h"
#include "support/fake_clock.h"

namespace gongkai::testing {
namespace {

namespace dc = domain::cases;
using domain::policy::Actor;
using domain::policy::Role;
using projections::commands::CommandOptions;

const Actor kRegistrar{"u-registrar", Role::registrar, {}};
const Actor kHandler{"u-handler", Role::handler, {"D1"}};
const Actor kSupervisor{"u-supervisor", Role::supervisor, {}};

dc::RegisterCase registration(bool assign = true) {
  dc::RegisterCase c;
  c.applicant.name = "张三";
  c.applicant.id_number = "370303199001011234";
  c.received_on = d("2021-03-01");
  c.description = "申请公开某项目的审批文件";
  if (assign) c.department = "D1";
  return c;
}

const auto kNow = office_hours(domain::time::CivilDate::from_ymd(2021, 3, 1));

// A request carrying an Idempotency-Key, as the HTTP layer passes it down.
CommandOptions keyed_options(std::string key) {
  CommandOptions options;
  options.idempotency_key = std::move(key);
  options.request_fingerprint = "body";
  return options;
}

std::string case_id_of(int number) {
  return projections::commands::case_number("CJZ", 2021, static_cast<std::uint64_t>(number));
}

std::string registered(CommandFixture& f) {
  auto outcome = f.service->execute("", {kRegistrar, registration()}, kNow);
  REQUIRE(outcome.ok());
  return outcome->case_id;
}

TEST_CASE("A registration gets the next case number of the registration year",
          "[projections][commands]") {
  // Given a store
  CommandFixture f;
  // When three cases are registered
  auto first = f.service->execute("", {kRegistrar, registration()}, kNow);
  auto second = f.service->execute("", {kRegistrar, registration()}, kNow);
  REQUIRE(first.ok());
  REQUIRE(second.ok());
  // Then they are numbered densely, and the outcome carries the events, version and position
  CHECK(first->case_id == "CJZ-2021-00001");
  CHECK(second->case_id == "CJZ-2021-00002");
  CHECK(second->events.size() == 2);  // registered + assigned
  CHECK(second->version == 2);
  CHECK(second->position == 4);
  // And a new service on the same store (a restart) continues after the last number
  projections::commands::CaseCommandService restarted(*f.store, "CJZ", china_calendar());
  auto third = restarted.execute("", {kRegistrar, registration()}, kNow);
  REQUIRE(third.ok());
  CHECK(third->case_id == "CJZ-2021-00003");
  // And the next year starts at 1
  auto next_year = restarted.execute("", {kRegistrar, registration()},
                                     office_hours(domain::time::CivilDate::from_ymd(2022, 1, 4)));
  REQUIRE(next_year.ok());
  CHECK(next_year->case_id == "CJZ-2022-00001");
}

TEST_CASE("A refused registration takes no number", "[projections][commands]") {
  CommandFixture f;
  auto bad = registration();
  bad.description.clear();
  // When a registration is refused
  auto refused = f.service->execute("", {kRegistrar, bad}, kNow);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.status().code() == domain::Code::invalid_argument);
  // Then the next one still gets number 1 and nothing else was written
  CHECK(registered(f) == "CJZ-2021-00001");
  CHECK(f.store->head_position() == 2);
}

TEST_CASE("Registrations from many threads get distinct dense numbers", "[projections][commands]") {
  CommandFixture f;
  constexpr int kThreads = 4;
  constexpr int kEach = 10;
  std::vector<std::vector<std::string>> ids(kThreads);
  const dc::CaseCommand command{kRegistrar,
                                registration()};  // built here: Catch2 stays on this thread
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        auto outcome = f.service->execute("", command, kNow);
        ids[t].push_back(outcome.ok() ? outcome->case_id : "error");
      }
    });
  }
  for (auto& thread : threads) thread.join();
  std::set<std::string> all;
  for (const auto& list : ids) all.insert(list.begin(), list.end());
  CHECK(all.size() == kThreads * kEach);
  CHECK(all.count("error") == 0);
  CHECK(*all.begin() == "CJZ-2021-00001");
  CHECK(*all.rbegin() == "CJZ-2021-00040");
}

TEST_CASE("Numbers refused and retried registrations reserved are taken by the next ones",
          "[projections][commands]") {
  // Given one case registered with a key, and threads that each register, send a refused
  // registration and retry the keyed one, all at once
  CommandFixture f;
  const CommandOptions keyed = keyed_options("register-once");
  const dc::CaseCommand good{kRegistrar, registration()};
  auto bad_body = registration();
  bad_body.description.clear();
  const dc::CaseCommand bad{kRegistrar, bad_body};
  REQUIRE(f.service->execute("", good, kNow, keyed).ok());
  constexpr int kThreads = 4;
  constexpr int kEach = 8;
  std::vector<int> stored(kThreads, 0);
  std::vector<int> unexpected(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        auto registered_case = f.service->execute("", good, kNow);
        auto refused = f.service->execute("", bad, kNow);
        auto retried = f.service->execute("", good, kNow, keyed);
        if (registered_case.ok() && !registered_case->replayed) ++stored[t];
        if (refused.ok() || !retried.ok() || !retried->replayed) ++unexpected[t];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  // Then every good registration was stored, and the numbers a refused or replayed request
  // reserved were taken again: a hole below the highest number is only one given back at the end,
  // which the next registrations take, lowest first
  int total = 1;
  for (int t = 0; t < kThreads; ++t) {
    total += stored[t];
    CHECK(unexpected[t] == 0);
  }
  REQUIRE(total == 1 + kThreads * kEach);
  auto is_stored = [&](int n) {
    auto version = f.store->stream_version(eventstore::codec::case_stream(case_id_of(n)));
    REQUIRE(version.ok());
    return *version > 0;
  };
  std::vector<int> holes;
  int highest = 0;
  for (int n = 1; n <= 3 * kThreads * kEach; ++n) {
    if (is_stored(n)) {
      highest = n;
    } else {
      holes.push_back(n);
    }
  }
  std::erase_if(holes, [&](int n) { return n > highest; });
  CHECK(highest - static_cast<int>(holes.size()) == total);
  CHECK(holes.size() <= static_cast<std::size_t>(kThreads));  // one in flight per thread at most
  for (const int hole : holes) CHECK(registered(f) == case_id_of(hole));
  CHECK(registered(f) == case_id_of(highest + 1));
}

TEST_CASE("A command is decided on the case as stored and appended after it",
          "[projections][commands]") {
  CommandFixture f;
  const std::string id = registered(f);
  // When a handler submits a reply
  auto outcome = f.service->execute(
      id, {kHandler, dc::SubmitReply{"disclosed", "第二十七条", "答复如下", {}}}, kNow);
  // Then its event is appended as version 3
  REQUIRE(outcome.ok());
  REQUIRE(outcome->events.size() == 1);
  CHECK(std::holds_alternative<dc::ReplySubmitted>(outcome->events[0]));
  CHECK(outcome->version == 3);
  auto loaded = f.service->load(id);
  REQUIRE(loaded.ok());
  CHECK(loaded->version == 3);
  CHECK(loaded->state.stage == dc::Stage::under_review);
  // And a refusal by the domain is returned as is and appends nothing
  auto refused = f.service->execute(id, {kHandler, dc::ApproveReply{"同意"}}, kNow);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.status().code() == domain::Code::permission_denied);
  CHECK(f.store->head_position() == 3);
  // And a command on a case that does not exist is not_found
  auto missing = f.service->execute("CJZ-2021-09999", {kHandler, dc::AddNote{"x"}}, kNow);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().code() == domain::Code::not_found);
}

TEST_CASE("If-Match: a stale expected version is a version conflict and changes nothing",
          "[projections][commands]") {
  CommandFixture f;
  const std::string id = registered(f);
  CommandOptions stale;
  stale.expected_version = 1;
  auto refused = f.service->execute(id, {kHandler, dc::AddNote{"备注"}}, kNow, stale);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.status().code() == domain::Code::conflict);
  CHECK(refused.status().reason() == "version_conflict");
  CHECK(f.store->head_position() == 2);
  CommandOptions current;
  current.expected_version = 2;
  auto accepted = f.service->execute(id, {kHandler, dc::AddNote{"备注"}}, kNow, current);
  REQUIRE(accepted.ok());
  CHECK(accepted->version == 3);
}

TEST_CASE("A timer command with nothing due appends nothing", "[projections][commands]") {
  CommandFixture f;
  const std::string id = registered(f);
  auto outcome = f.service->execute(id, {domain::policy::system_actor(), dc::WarnDeadline{}}, kNow);
  REQUIRE(outcome.ok());
  CHECK(outcome->events.empty());
  CHECK(outcome->version == 2);
  CHECK(outcome->position == 0);
  CHECK(f.store->head_position() == 2);
}

TEST_CASE("A retry with the same idempotency key is answered from the store",
          "[projections][commands]") {
  CommandFixture f;
  const std::string id = registered(f);
  CommandOptions keyed;
  keyed.idempotency_key = "key-1";
  keyed.request_fingerprint = "body-1";
  const dc::CaseCommand submit{kHandler, dc::SubmitReply{"disclosed", "第二十七条", "答复", {}}};
  auto first = f.service->execute(id, submit, kNow, keyed);
  REQUIRE(first.ok());
  CHECK_FALSE(first->replayed);
  // When the same request is retried (deciding again would be refused: the case is under review)
  auto retry = f.service->execute(id, submit, kNow, keyed);
  // Then the first answer comes back and nothing is appended
  REQUIRE(retry.ok());
  CHECK(retry->replayed);
  CHECK(retry->version == first->version);
  CHECK(retry->position == first->position);
  REQUIRE(retry->events.size() == 1);
  CHECK(std::holds_alternative<dc::ReplySubmitted>(retry->events[0]));
  CHECK(f.store->head_position() == 3);
  // And the same key with another request is refused
  CommandOptions reused = keyed;
  reused.request_fingerprint = "body-2";
  auto other = f.service->execute(id, {kHandler, dc::AddNote{"x"}}, kNow, reused);
  REQUIRE_FALSE(other.ok());
  CHECK(other.status().reason() == "idempotency_key_reused");
}

TEST_CASE("A retried registration returns the first case, not a new number",
          "[projections][commands]") {
  CommandFixture f;
  const CommandOptions keyed = keyed_options("register-1");
  auto first = f.service->execute("", {kRegistrar, registration()}, kNow, keyed);
  auto retry = f.service->execute("", {kRegistrar, registration()}, kNow, keyed);
  REQUIRE(first.ok());
  REQUIRE(retry.ok());
  CHECK(retry->replayed);
  CHECK(retry->case_id == first->case_id);
  CHECK(retry->events.size() == 2);
  CHECK(f.store->head_position() == 2);
  CHECK(registered(f) == "CJZ-2021-00002");
}

TEST_CASE("Concurrent commands on one case are all decided on fresh state",
          "[projections][commands]") {
  // Given a case and four threads adding notes to it at once
  CommandFixture f;
  const std::string id = registered(f);
  constexpr int kThreads = 4;
  constexpr int kEach = 15;
  std::vector<int> failures(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        if (!f.service->execute(id, {kHandler, dc::AddNote{"并发"}}, kNow).ok()) ++failures[t];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  // Then (retries absorbing the conflicts) the stream holds every note exactly once
  int failed = 0;
  for (int n : failures) failed += n;
  auto loaded = f.service->load(id);
  REQUIRE(loaded.ok());
  CHECK(loaded->state.notes + failed == kThreads * kEach);
  CHECK(loaded->version == 2 + static_cast<std::uint64_t>(loaded->state.notes));
  CHECK(f.store->verify_stream(eventstore::codec::case_stream(id)).ok);
}

}  // namespace
}  // namespace gongkai::testing

namespace gongkai::testing {
namespace {

TEST_CASE("A cached case still sees what another writer appended", "[projections][commands]") {
  // Given a case the service has loaded (and cached)
  CommandFixture f;
  const std::string id = registered(f);
  REQUIRE(f.service->load(id).ok());
  // When another service on the same store (another process) adds a note
  projections::commands::CaseCommandService other(*f.store, "CJZ", china_calendar());
  REQUIRE(other.execute(id, {kHandler, dc::AddNote{"第一条"}}, kNow).ok());
  // Then the first service decides on the state including it
  auto outcome = f.service->execute(id, {kHandler, dc::AddNote{"第二条"}}, kNow);
  REQUIRE(outcome.ok());
  CHECK(outcome->version == 4);
  auto loaded = f.service->load(id);
  REQUIRE(loaded.ok());
  CHECK(loaded->state.notes == 2);
  CHECK(loaded->version == 4);
}

}  // namespace
}  // namespace gongkai::testing
