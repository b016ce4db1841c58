// A real RocksDbEventStore with the "people" projection installed: `run` decides a people command
// with the real decider (facts read from the projection) and appends the events to their streams
// with the codec (creations with no_stream); `append`/`append_raw` bypass the decider.
#pragma once

#include <catch2/catch.hpp>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "domain/people/people_decider.h"
#include "eventstore/codec/people_event_codec.h"
#include "eventstore/rocksdb/rocksdb_event_store.h"
#include "projections/people/people_projection.h"
#include "projections/projection_host.h"
#include "projections/projection_store.h"
#include "support/temp_dir.h"

namespace gongkai::testing {

namespace dp = domain::people;

inline domain::policy::Actor people_root() { return {"u-root", domain::policy::Role::admin, {}}; }

class PeopleStore {
 public:
  PeopleStore() { open(); }

  void open(std::set<std::string> rebuild = {}) {
    store_.reset();
    store_ = open_projection_store(dir_.path(), {std::make_shared<projections::people::PeopleProjection>()}, std::move(rebuild));
  }

  [[nodiscard]] const eventstore::EventStore& store() const { return *store_; }

  // Decides `body` as `actor` at the next instant and appends the events; the decider's refusal
  // or the store's answer comes back.
  domain::Status run(const domain::policy::Actor& actor, dp::PeopleCommandBody body) {
    now_ = domain::time::Instant::from_unix_micros(now_.unix_micros() + 1'000'000);
    auto events = dp::decide_people(dp::PeopleCommand{actor, std::move(body)}, now_);
    if (!events.ok()) {
      return events.status();
    }
    for (const dp::PeopleEvent& event : *events) {
      if (auto status = append(event); !status.ok()) {
        return status;
      }
    }
    return {};
  }

  // Appends one event as it is (bypassing the decider): creations with no_stream.
  domain::Status append(const dp::PeopleEvent& event) {
    auto record = eventstore::codec::to_append(event, "evt-" + std::to_string(++sequence_), "", "");
    REQUIRE(record.ok());
    const bool creation = std::holds_alternative<dp::UserCreated>(event) ||
                          std::holds_alternative<dp::DepartmentCreated>(event) ||
                          std::holds_alternative<dp::SessionOpened>(event);
    eventstore::AppendRequest request;
    request.stream = dp::stream_of(event);
    request.expected =
        creation ? eventstore::ExpectedVersion::no_stream() : eventstore::ExpectedVersion::any();
    request.events.push_back(std::move(record).value());
    return store_->append(std::move(request)).status();
  }

  // What the decider needs, read from the projection.
  std::set<std::string> departments(const std::string& agency) const {
    std::set<std::string> codes;
    auto list = projections::people::list_departments(*store_, agency);
    REQUIRE(list.ok());
    for (const auto& d : *list) {
      codes.insert(d.code);
    }
    return codes;
  }
  std::optional<dp::UserFacts> facts(const std::string& user_id) const {
    auto user = projections::people::get_user(*store_, user_id);
    if (!user.ok()) {
      return std::nullopt;
    }
    return dp::UserFacts{user->user_id, user->roles, user->departments, user->disabled};
  }

  void create_user(const std::string& username, std::vector<std::string> roles,
                   const std::string& agency = "CJZ",
                   std::vector<std::string> departments = {"OFFICE"}) {
    const auto status =
        run(people_root(), dp::CreateUser{username, "名 " + username, std::move(roles), agency,
                                          std::move(departments), this->departments(agency)});
    INFO(status.reason() << ": " << status.message());
    REQUIRE(status.ok());
  }
  void create_department(const std::string& code, const std::string& agency = "CJZ") {
    REQUIRE(
        run(people_root(), dp::CreateDepartment{code, "科室 " + code, agency, departments(agency)})
            .ok());
  }
  domain::Status change(const domain::policy::Actor& actor, const std::string& user_id,
                        std::optional<std::vector<std::string>> roles,
                        std::optional<bool> disabled) {
    return run(actor, dp::ChangeUser{user_id, std::move(roles), std::nullopt, disabled,
                                     facts(user_id), departments("CJZ")});
  }
  domain::Status open_session(const std::string& session_id, const std::string& user_id) {
    return run(domain::policy::Actor{user_id, domain::policy::Role::handler, {}},
               dp::OpenSession{session_id, user_id,
                               domain::time::Instant::from_unix_seconds(2'000'000'000), 1800,
                               facts(user_id)});
  }
  domain::Status close_session(const std::string& session_id, dp::SessionCloseReason reason) {
    auto session = projections::people::find_session(*store_, session_id);
    return run(people_root(),
               dp::CloseSession{session_id, reason, session.ok(), session.ok() && session->open,
                                session.ok() ? session->user_id : ""});
  }
  [[nodiscard]] domain::time::Instant now() const { return now_; }

  // Appends a raw record (any type, any data) with the store's own checks only.
  domain::Status append_raw(std::string stream, std::string type, std::string data) {
    eventstore::AppendRequest request;
    request.stream = std::move(stream);
    request.events.push_back(eventstore::EventToAppend{"raw-" + std::to_string(++sequence_),
                                                       std::move(type), std::move(data),
                                                       "admin:u-root", "", "", now_});
    return store_->append(std::move(request)).status();
  }

  std::vector<std::pair<std::string, std::string>> state() const {
    auto all = store_->scan_state("people/", 1'000'000);
    REQUIRE(all.ok());
    return *all;
  }

 private:
  TempDir dir_;
  std::unique_ptr<eventstore::RocksDbEventStore> store_;
  domain::time::Instant now_ = domain::time::Instant::from_unix_seconds(1'700'000'000);
  int sequence_ = 0;
};

}  // namespace gongkai::testing
