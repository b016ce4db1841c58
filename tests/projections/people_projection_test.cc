// The people projection on a real RocksDbEventStore with the ProjectionHost: commands go through
// the real decider (facts read from the projection) and the codec, events are appended to their
// own streams, and the queries answer from the projection's state. Live state equals rebuilt.
#include "projections/people/people_projection.h"

#include <catch2/catch.hpp>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <variant>

#include "domain/people/people_decider.h"
#include "projections/people_store.h"

using namespace gongkai;
namespace people = projections::people;
namespace dp = domain::people;
using domain::Code;
using domain::policy::Actor;
using domain::policy::Role;
using domain::time::Instant;

namespace {

Actor root() { return {"u-root", Role::admin, {}}; }
Actor other_admin() { return {"u-boss", Role::admin, {}}; }

std::string token_hash(char c) { return std::string(64, c); }

using testing::PeopleStore;

people::SessionView session_of(const PeopleStore& ps, const std::string& id) {
  auto session = people::find_session(ps.store(), id);
  INFO(session.status().reason());
  REQUIRE(session.ok());
  return std::move(session).value();
}

}  // namespace

SCENARIO("users and departments are found by id, username and agency", "[projections][people]") {
  GIVEN("two departments of CJZ, one of another agency, and three users") {
    PeopleStore ps;
    ps.create_department("OFFICE");
    ps.create_department("LEGAL");
    ps.create_department("FIN", "HDQ");
    ps.create_user("alice", {"handler"}, "CJZ", {"LEGAL", "OFFICE"});
    ps.create_user("bob", {"registrar", "supervisor"});
    ps.create_user("carol", {"auditor"}, "HDQ", {"FIN"});

    THEN("a user is found by id and by username with everything the admin gave") {
      auto alice = people::find_user_by_username(ps.store(), "alice");
      REQUIRE(alice.ok());
      CHECK(alice->user_id == "u-alice");
      CHECK(alice->display_name == "名 alice");
      CHECK(alice->roles == std::vector<Role>{Role::handler});
      CHECK(alice->agency == "CJZ");
      CHECK(alice->departments == std::vector<std::string>{"LEGAL", "OFFICE"});
      CHECK_FALSE(alice->disabled);
      CHECK(alice->created.by.id == "u-root");
      auto by_id = people::get_user(ps.store(), "u-alice");
      REQUIRE(by_id.ok());
      CHECK(by_id->username == "alice");
    }
    THEN("lists are per agency") {
      auto cjz = people::list_users(ps.store(), "CJZ");
      REQUIRE(cjz.ok());
      REQUIRE(cjz->size() == 2);
      CHECK((*cjz)[0].username == "alice");
      CHECK((*cjz)[1].username == "bob");
      auto hdq = people::list_departments(ps.store(), "HDQ");
      REQUIRE(hdq.ok());
      REQUIRE(hdq->size() == 1);
      CHECK((*hdq)[0].code == "FIN");
      CHECK((*hdq)[0].name == "科室 FIN");
      CHECK(ps.departments("CJZ") == std::set<std::string>{"LEGAL", "OFFICE"});
    }
    THEN("unknown ones are not found") {
      CHECK(people::get_user(ps.store(), "u-zed").status().reason() == "user_not_found");
      CHECK(people::find_user_by_username(ps.store(), "zed").status().code() == Code::not_found);
      CHECK(people::find_session(ps.store(), token_hash('0')).status().reason() ==
            "session_not_found");
    }
    WHEN("the same username or department is created again") {
      THEN("the store refuses the user (no_stream) and the decider the department") {
        auto again = ps.run(
            root(),
            dp::CreateUser{"alice", "另一个", {"auditor"}, "CJZ", {}, ps.departments("CJZ")});
        CHECK(again.code() == Code::conflict);
        CHECK(people::get_user(ps.store(), "u-alice")->display_name == "名 alice");
        CHECK(ps.run(root(), dp::CreateDepartment{"LEGAL", "x", "CJZ", ps.departments("CJZ")})
                  .reason() == "department_exists");
      }
    }
  }
}

SCENARIO("who granted what reads from the user's grants", "[projections][people]") {
  GIVEN("bob created as a handler by u-root") {
    PeopleStore ps;
    ps.create_department("OFFICE");
    ps.create_user("bob", {"handler"});
    WHEN("u-boss makes him a supervisor, then disables him") {
      REQUIRE(ps.change(other_admin(), "u-bob", std::vector<std::string>{"handler", "supervisor"},
                        std::nullopt)
                  .ok());
      const Instant granted_at = ps.now();
      REQUIRE(ps.change(other_admin(), "u-bob", std::nullopt, true).ok());
      THEN("the grants list each step with actor, time and the full values") {
        auto grants = people::user_grants(ps.store(), "u-bob");
        REQUIRE(grants.ok());
        REQUIRE(grants->size() == 3);
        CHECK((*grants)[0].type == "user.created.v1");
        CHECK((*grants)[0].stamp.by.id == "u-root");
        CHECK((*grants)[1].type == "user.changed.v1");
        CHECK((*grants)[1].stamp.by.id == "u-boss");
        CHECK((*grants)[1].stamp.by.role == Role::admin);
        CHECK((*grants)[1].stamp.at == granted_at);
        CHECK((*grants)[1].roles == std::vector<Role>{Role::handler, Role::supervisor});
        CHECK_FALSE((*grants)[1].disabled);
        CHECK((*grants)[2].disabled);
        CHECK((*grants)[0].position < (*grants)[1].position);
        auto bob = people::get_user(ps.store(), "u-bob");
        REQUIRE(bob.ok());
        CHECK(bob->disabled);
        CHECK(bob->changed.by.id == "u-boss");
        CHECK(bob->created.by.id == "u-root");
      }
    }
    THEN("an unknown user has no grants") {
      CHECK(people::user_grants(ps.store(), "u-nobody").status().reason() == "user_not_found");
    }
  }
  GIVEN("the admin u-root as a user") {
    PeopleStore ps;
    ps.create_user("root", {"admin"}, "CJZ", {});
    THEN("u-root cannot drop their own admin role, and nothing is recorded") {
      CHECK(
          ps.change(root(), "u-root", std::vector<std::string>{"auditor"}, std::nullopt).reason() ==
          "admin_cannot_remove_own_admin");
      CHECK(people::user_grants(ps.store(), "u-root")->size() == 1);
    }
  }
}

SCENARIO("the current password record is kept for login", "[projections][people]") {
  PeopleStore ps;
  ps.create_user("bob", {"handler"}, "CJZ", {});
  CHECK(people::find_password_record(ps.store(), "u-bob").status().reason() == "password_not_set");
  REQUIRE(ps.run(root(), dp::SetPasswordRecord{"u-bob", "scrypt$1$first", ps.facts("u-bob")}).ok());
  REQUIRE(ps.run(Actor{"u-bob", Role::handler, {}},
                 dp::SetPasswordRecord{"u-bob", "scrypt$1$second", ps.facts("u-bob")})
              .ok());
  auto record = people::find_password_record(ps.store(), "u-bob");
  REQUIRE(record.ok());
  CHECK(record->password_record == "scrypt$1$second");
  CHECK(record->set.by.id == "u-bob");
  auto user = people::get_user(ps.store(), "u-bob");
  REQUIRE(user.ok());
}

SCENARIO("sessions open, close, and stop when their user is disabled", "[projections][people]") {
  PeopleStore ps;
  ps.create_user("bob", {"handler"}, "CJZ", {});
  ps.create_user("root", {"admin"}, "CJZ", {});
  const std::string s1 = token_hash('1');
  const std::string s2 = token_hash('2');
  const std::string s3 = token_hash('3');

  GIVEN("bob opens a session") {
    REQUIRE(ps.open_session(s1, "u-bob").ok());
    const Instant opened = ps.now();
    THEN("it is open with its user, expiry and idle timeout") {
      const auto s = session_of(ps, s1);
      CHECK(s.open);
      CHECK(s.user_id == "u-bob");
      CHECK(s.opened_at == opened);
      CHECK(s.last_known_at == opened);
      CHECK(s.expires_at == Instant::from_unix_seconds(2'000'000'000));
      CHECK(s.idle_timeout_seconds == 1800);
      CHECK_FALSE(s.closed_reason.has_value());
      CHECK(people::session_usable(s, opened, opened));
      CHECK(people::session_usable(s, Instant::from_unix_seconds(opened.unix_seconds() + 1799),
                                   opened));
      CHECK_FALSE(people::session_usable(
          s, Instant::from_unix_seconds(opened.unix_seconds() + 1800), opened));
      CHECK_FALSE(people::session_usable(s, Instant::from_unix_seconds(2'000'000'000),
                                         Instant::from_unix_seconds(2'000'000'000)));
    }
    WHEN("he logs out") {
      REQUIRE(ps.close_session(s1, dp::SessionCloseReason::logout).ok());
      THEN("it is closed, with the reason, and cannot be closed twice") {
        const auto s = session_of(ps, s1);
        CHECK_FALSE(s.open);
        CHECK(s.closed_reason == dp::SessionCloseReason::logout);
        CHECK_FALSE(people::session_usable(s, s.opened_at, s.opened_at));
        CHECK(ps.close_session(s1, dp::SessionCloseReason::revoked).reason() == "session_closed");
      }
    }
    WHEN("the same token hash is opened again") {
      THEN("the store refuses it") { CHECK(ps.open_session(s1, "u-bob").code() == Code::conflict); }
    }
    WHEN("he opens a second session and an admin disables him") {
      REQUIRE(ps.open_session(s2, "u-bob").ok());
      REQUIRE(ps.open_session(s3, "u-root").ok());
      REQUIRE(ps.change(root(), "u-bob", std::nullopt, true).ok());
      THEN("both his sessions are closed as user_disabled, by the admin; root's stays open") {
        for (const auto& id : {s1, s2}) {
          const auto s = session_of(ps, id);
          CHECK_FALSE(s.open);
          CHECK(s.closed_reason == dp::SessionCloseReason::user_disabled);
          REQUIRE(s.closed.has_value());
          CHECK(s.closed->by.id == "u-root");
        }
        CHECK(session_of(ps, s3).open);
      }
      THEN("he cannot log in again, and re-enabling him does not revive old sessions") {
        CHECK(ps.open_session(token_hash('4'), "u-bob").reason() == "user_disabled");
        REQUIRE(ps.change(root(), "u-bob", std::nullopt, false).ok());
        CHECK_FALSE(session_of(ps, s1).open);
        CHECK(ps.open_session(token_hash('4'), "u-bob").ok());
        CHECK(session_of(ps, token_hash('4')).open);
      }
    }
  }
  GIVEN("a SessionOpened for a disabled user appended without the decider") {
    REQUIRE(ps.change(root(), "u-bob", std::nullopt, true).ok());
    dp::SessionOpened raw;
    raw.actor = {"u-bob", Role::handler};
    raw.recorded_at = ps.now();
    raw.session_id = s1;
    raw.user_id = "u-bob";
    raw.expires_at = Instant::from_unix_seconds(2'000'000'000);
    raw.idle_timeout_seconds = 60;
    REQUIRE(ps.append(raw).ok());
    THEN("the projection records it closed") {
      const auto s = session_of(ps, s1);
      CHECK_FALSE(s.open);
      CHECK(s.closed_reason == dp::SessionCloseReason::user_disabled);
    }
  }
}

SCENARIO("events the projection cannot use are ignored and the store stays healthy",
         "[projections][people]") {
  PeopleStore ps;
  ps.create_user("bob", {"handler"}, "CJZ", {});
  const auto before = ps.state();
  GIVEN("a case event, a people event with bad data, and a change of a user who does not exist") {
    REQUIRE(ps.append_raw("case-CJZ-2021-00001", "case.registered.v1", R"({"case_id":"x"})").ok());
    REQUIRE(ps.append_raw("user-u-bob", "user.changed.v1", R"({"user_id":"u-bob"})").ok());
    REQUIRE(ps.append_raw("user-u-ghost", "user.changed.v1",
                          R"({"departments":[],"disabled":true,"roles":["auditor"],)"
                          R"("user_id":"u-ghost"})")
                .ok());
    THEN("the people state is unchanged and appends still work") {
      CHECK(ps.store().health().ok());
      CHECK(ps.state() == before);
      CHECK(people::get_user(ps.store(), "u-ghost").status().reason() == "user_not_found");
      CHECK_FALSE(people::get_user(ps.store(), "u-bob")->disabled);
      REQUIRE(ps.change(root(), "u-bob", std::nullopt, true).ok());
      CHECK(people::get_user(ps.store(), "u-bob")->disabled);
    }
  }
}

SCENARIO("the people state built live equals the state rebuilt from the log",
         "[projections][people]") {
  PeopleStore ps;
  ps.create_department("OFFICE");
  ps.create_department("LEGAL");
  ps.create_user("root", {"admin"}, "CJZ", {});
  ps.create_user("alice", {"handler"}, "CJZ", {"OFFICE"});
  ps.create_user("bob", {"registrar"}, "CJZ", {"LEGAL"});
  REQUIRE(
      ps.change(root(), "u-alice", std::vector<std::string>{"handler", "supervisor"}, std::nullopt)
          .ok());
  REQUIRE(ps.run(root(), dp::SetPasswordRecord{"u-bob", "scrypt$x$y", ps.facts("u-bob")}).ok());
  REQUIRE(ps.open_session(token_hash('a'), "u-alice").ok());
  REQUIRE(ps.open_session(token_hash('b'), "u-bob").ok());
  REQUIRE(ps.open_session(token_hash('c'), "u-bob").ok());
  REQUIRE(ps.close_session(token_hash('a'), dp::SessionCloseReason::logout).ok());
  REQUIRE(ps.change(root(), "u-bob", std::nullopt, true).ok());

  const auto live = ps.state();
  REQUIRE(live.size() > 10);
  ps.open({"people"});
  CHECK(ps.state() == live);
  CHECK_FALSE(session_of(ps, token_hash('c')).open);
  CHECK(people::user_grants(ps.store(), "u-alice")->size() == 2);
}
