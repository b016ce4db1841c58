// The people decider: every refusal and the happy path of each command, Given/When/Then.
#include "domain/people/people_decider.h"

#include <catch2/catch.hpp>
#include <string>
#include <utility>
#include <variant>

using namespace gongkai::domain;
using namespace gongkai::domain::people;
using policy::Actor;
using policy::Role;

namespace {

constexpr time::Instant kNow = time::Instant::from_unix_seconds(1'700'000'000);
std::string session_hash() { return std::string(64, 'a'); }

Actor admin() { return {"u-root", Role::admin, {}}; }
Actor handler() { return {"u-hank", Role::handler, {"OFFICE"}}; }

CreateUser alice() {
  return {"alice", "李爱丽", {"handler", "registrar"}, "CJZ", {"OFFICE"}, {"OFFICE", "LEGAL"}};
}
UserFacts facts(std::string id, std::vector<Role> roles, bool disabled = false) {
  return {std::move(id), std::move(roles), {"OFFICE"}, disabled};
}

Result<std::vector<PeopleEvent>> run(Actor actor, PeopleCommandBody body) {
  return decide_people(PeopleCommand{std::move(actor), std::move(body)}, kNow);
}

void require_refused(const Result<std::vector<PeopleEvent>>& result, Code code,
                     std::string_view reason) {
  REQUIRE_FALSE(result.ok());
  CHECK(result.status().code() == code);
  CHECK(result.status().reason() == reason);
}

template <typename E>
const E& only_event(const Result<std::vector<PeopleEvent>>& result) {
  INFO(result.status().reason());
  REQUIRE(result.ok());
  REQUIRE(result->size() == 1);
  REQUIRE(std::holds_alternative<E>(result->front()));
  return std::get<E>(result->front());
}

}  // namespace

SCENARIO("an admin creates a user", "[domain][people]") {
  GIVEN("a valid command from an admin") {
    WHEN("it is decided") {
      const auto result = run(admin(), alice());
      THEN("one UserCreated names the user, its derived id, sorted roles, agency and departments") {
        const auto& e = only_event<UserCreated>(result);
        CHECK(e.user_id == "u-alice");
        CHECK(e.username == "alice");
        CHECK(e.display_name == "李爱丽");
        CHECK(e.roles == std::vector<Role>{Role::registrar, Role::handler});
        CHECK(e.agency == "CJZ");
        CHECK(e.departments == std::vector<std::string>{"OFFICE"});
        CHECK(e.actor.id == "u-root");
        CHECK(e.actor.role == Role::admin);
        CHECK(e.recorded_at == kNow);
        CHECK(stream_of(result->front()) == "user-u-alice");
        CHECK(event_type(result->front()) == "user.created.v1");
      }
    }
  }
  GIVEN("the same command from a handler") {
    THEN("it is refused: role_forbids") {
      require_refused(run(handler(), alice()), Code::permission_denied, "role_forbids");
    }
  }
}

SCENARIO("a user's name, roles, agency and departments are checked", "[domain][people]") {
  for (const char* bad :
       {"al", "Alice", "1alice", "al ice", "alice@x", "a234567890123456789012345678901234"}) {
    GIVEN(std::string("the username '") + bad + "'") {
      CreateUser c = alice();
      c.username = bad;
      THEN("it is refused: invalid_username") {
        require_refused(run(admin(), c), Code::invalid_argument, "invalid_username");
      }
    }
  }
  GIVEN("the longest and shortest usernames allowed") {
    CreateUser c = alice();
    c.username = "a.b";
    CHECK(run(admin(), c).ok());
    c.username = std::string(32, 'z');
    CHECK(run(admin(), c).ok());
  }
  GIVEN("an unknown role, the system role or no role") {
    for (const std::vector<std::string>& roles :
         {std::vector<std::string>{"handler", "boss"}, std::vector<std::string>{"system"},
          std::vector<std::string>{}}) {
      CreateUser c = alice();
      c.roles = roles;
      require_refused(run(admin(), c), Code::invalid_argument, "invalid_role");
    }
  }
  GIVEN("a department that does not exist") {
    CreateUser c = alice();
    c.departments = {"OFFICE", "NOWHERE"};
    THEN("it is refused: unknown_department") {
      require_refused(run(admin(), c), Code::failed_precondition, "unknown_department");
    }
  }
  GIVEN("an empty display name or a bad agency") {
    CreateUser c = alice();
    c.display_name = "";
    require_refused(run(admin(), c), Code::invalid_argument, "invalid_display_name");
    c = alice();
    c.agency = "C-JZ";
    require_refused(run(admin(), c), Code::invalid_argument, "invalid_agency");
  }
}

SCENARIO("an admin changes a user", "[domain][people]") {
  const UserFacts bob = facts("u-bob", {Role::handler});
  GIVEN("bob, a handler in OFFICE") {
    WHEN("an admin grants supervisor and moves him to LEGAL") {
      const auto result = run(admin(), ChangeUser{"u-bob",
                                                  std::vector<std::string>{"handler", "supervisor"},
                                                  std::vector<std::string>{"LEGAL"},
                                                  std::nullopt,
                                                  bob,
                                                  {"OFFICE", "LEGAL"}});
      THEN("UserChanged carries the full new values and who granted them") {
        const auto& e = only_event<UserChanged>(result);
        CHECK(e.user_id == "u-bob");
        CHECK(e.roles == std::vector<Role>{Role::handler, Role::supervisor});
        CHECK(e.departments == std::vector<std::string>{"LEGAL"});
        CHECK_FALSE(e.disabled);
        CHECK(e.actor.id == "u-root");
      }
    }
    WHEN("an admin only disables him") {
      const auto result =
          run(admin(), ChangeUser{"u-bob", std::nullopt, std::nullopt, true, bob, {"OFFICE"}});
      THEN("roles and departments are kept and disabled is set") {
        const auto& e = only_event<UserChanged>(result);
        CHECK(e.roles == std::vector<Role>{Role::handler});
        CHECK(e.departments == std::vector<std::string>{"OFFICE"});
        CHECK(e.disabled);
      }
    }
    WHEN("a handler tries it") {
      THEN("role_forbids") {
        require_refused(
            run(handler(), ChangeUser{"u-bob", std::nullopt, std::nullopt, true, bob, {"OFFICE"}}),
            Code::permission_denied, "role_forbids");
      }
    }
    WHEN("the new roles or departments are bad") {
      THEN("invalid_role, unknown_department") {
        require_refused(run(admin(), ChangeUser{"u-bob",
                                                std::vector<std::string>{"king"},
                                                std::nullopt,
                                                std::nullopt,
                                                bob,
                                                {"OFFICE"}}),
                        Code::invalid_argument, "invalid_role");
        require_refused(run(admin(), ChangeUser{"u-bob",
                                                std::nullopt,
                                                std::vector<std::string>{"LEGAL"},
                                                std::nullopt,
                                                bob,
                                                {"OFFICE"}}),
                        Code::failed_precondition, "unknown_department");
      }
    }
  }
  GIVEN("no such user") {
    THEN("user_not_found") {
      require_refused(
          run(admin(), ChangeUser{"u-ghost", std::nullopt, std::nullopt, true, std::nullopt, {}}),
          Code::not_found, "user_not_found");
    }
  }
}

SCENARIO("an admin cannot lock themselves out", "[domain][people]") {
  const UserFacts root = facts("u-root", {Role::admin, Role::auditor});
  GIVEN("the admin u-root") {
    WHEN("they drop their own admin role") {
      THEN("admin_cannot_remove_own_admin") {
        require_refused(run(admin(), ChangeUser{"u-root",
                                                std::vector<std::string>{"auditor"},
                                                std::nullopt,
                                                std::nullopt,
                                                root,
                                                {}}),
                        Code::failed_precondition, "admin_cannot_remove_own_admin");
      }
    }
    WHEN("they disable themselves") {
      THEN("admin_cannot_remove_own_admin") {
        require_refused(
            run(admin(), ChangeUser{"u-root", std::nullopt, std::nullopt, true, root, {}}),
            Code::failed_precondition, "admin_cannot_remove_own_admin");
      }
    }
    WHEN("they drop another role of their own, or another admin's admin role") {
      THEN("both are allowed") {
        CHECK(run(admin(), ChangeUser{"u-root",
                                      std::vector<std::string>{"admin"},
                                      std::nullopt,
                                      std::nullopt,
                                      root,
                                      {}})
                  .ok());
        CHECK(run(admin(), ChangeUser{"u-other",
                                      std::vector<std::string>{"auditor"},
                                      std::nullopt,
                                      std::nullopt,
                                      facts("u-other", {Role::admin}),
                                      {}})
                  .ok());
      }
    }
  }
}

SCENARIO("a password record is set", "[domain][people]") {
  const UserFacts bob = facts("u-bob", {Role::handler});
  const std::string record = "scrypt$131072$8$1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaA";
  GIVEN("bob") {
    THEN("an admin or bob himself may set it; the event holds the record as given") {
      const auto result = run(admin(), SetPasswordRecord{"u-bob", record, bob});
      const auto& e = only_event<PasswordSet>(result);
      CHECK(e.user_id == "u-bob");
      CHECK(e.password_record == record);
      CHECK(run(Actor{"u-bob", Role::handler, {}}, SetPasswordRecord{"u-bob", record, bob}).ok());
    }
    THEN("another non-admin may not") {
      require_refused(run(handler(), SetPasswordRecord{"u-bob", record, bob}),
                      Code::permission_denied, "role_forbids");
    }
    THEN("something that is not a scrypt record (a password, say) is refused") {
      for (const std::string& bad :
           {std::string(), std::string("hunter2"), std::string("scrypt$"),
            std::string("scrypt$a b"), "scrypt$" + std::string(1100, 'x')}) {
        require_refused(run(admin(), SetPasswordRecord{"u-bob", bad, bob}), Code::invalid_argument,
                        "invalid_password_record");
      }
    }
  }
  GIVEN("no such user") {
    THEN("user_not_found") {
      require_refused(run(admin(), SetPasswordRecord{"u-ghost", record, std::nullopt}),
                      Code::not_found, "user_not_found");
    }
  }
}

SCENARIO("an admin creates a department", "[domain][people]") {
  GIVEN("no department LEGAL yet") {
    const auto result = run(admin(), CreateDepartment{"LEGAL", "法规科", "CJZ", {"OFFICE"}});
    THEN("DepartmentCreated in department-LEGAL") {
      const auto& e = only_event<DepartmentCreated>(result);
      CHECK(e.code == "LEGAL");
      CHECK(e.name == "法规科");
      CHECK(e.agency == "CJZ");
      CHECK(stream_of(result->front()) == "department-LEGAL");
    }
  }
  GIVEN("LEGAL exists") {
    THEN("department_exists") {
      require_refused(run(admin(), CreateDepartment{"LEGAL", "法规科", "CJZ", {"LEGAL"}}),
                      Code::failed_precondition, "department_exists");
    }
  }
  GIVEN("bad input or a non-admin") {
    require_refused(run(admin(), CreateDepartment{"LE GAL", "法规科", "CJZ", {}}),
                    Code::invalid_argument, "invalid_department_code");
    require_refused(run(admin(), CreateDepartment{"LEGAL", "", "CJZ", {}}), Code::invalid_argument,
                    "invalid_department_name");
    require_refused(run(admin(), CreateDepartment{"LEGAL", "法规科", "", {}}),
                    Code::invalid_argument, "invalid_agency");
    require_refused(run(handler(), CreateDepartment{"LEGAL", "法规科", "CJZ", {}}),
                    Code::permission_denied, "role_forbids");
  }
}

SCENARIO("sessions open and close", "[domain][people]") {
  const UserFacts bob = facts("u-bob", {Role::handler});
  const auto expires = time::Instant::from_unix_seconds(1'700'000'000 + 8 * 3600);
  const Actor as_bob{"u-bob", Role::handler, {}};
  GIVEN("bob logs in") {
    const auto result = run(as_bob, OpenSession{session_hash(), "u-bob", expires, 1800, bob});
    THEN("SessionOpened in session-<hash> with the expiry and idle timeout") {
      const auto& e = only_event<SessionOpened>(result);
      CHECK(e.session_id == session_hash());
      CHECK(e.user_id == "u-bob");
      CHECK(e.expires_at == expires);
      CHECK(e.idle_timeout_seconds == 1800);
      CHECK(stream_of(result->front()) == "session-" + session_hash());
    }
  }
  GIVEN("bob is disabled") {
    THEN("no session: user_disabled") {
      require_refused(run(as_bob, OpenSession{session_hash(), "u-bob", expires, 1800,
                                              facts("u-bob", {Role::handler}, true)}),
                      Code::failed_precondition, "user_disabled");
    }
  }
  GIVEN("bad session input") {
    require_refused(run(as_bob, OpenSession{"ABC", "u-bob", expires, 1800, bob}),
                    Code::invalid_argument, "invalid_session_id");
    require_refused(run(as_bob, OpenSession{std::string(64, 'A'), "u-bob", expires, 1800, bob}),
                    Code::invalid_argument, "invalid_session_id");
    require_refused(run(as_bob, OpenSession{session_hash(), "u-bob", kNow, 1800, bob}),
                    Code::invalid_argument, "invalid_expiry");
    require_refused(run(as_bob, OpenSession{session_hash(), "u-bob", expires, 0, bob}),
                    Code::invalid_argument, "invalid_expiry");
    require_refused(
        run(as_bob, OpenSession{session_hash(), "u-ghost", expires, 1800, std::nullopt}),
        Code::not_found, "user_not_found");
  }
  GIVEN("an open session") {
    WHEN("bob logs out") {
      const auto result = run(
          as_bob, CloseSession{session_hash(), SessionCloseReason::logout, true, true, "u-bob"});
      const auto& e = only_event<SessionClosed>(result);
      THEN("SessionClosed with the reason") {
        CHECK(e.session_id == session_hash());
        CHECK(e.reason == SessionCloseReason::logout);
        CHECK(close_reason_name(e.reason) == "logout");
      }
    }
  }
  GIVEN("a closed or unknown session") {
    require_refused(
        run(as_bob, CloseSession{session_hash(), SessionCloseReason::logout, true, false, "u-bob"}),
        Code::failed_precondition, "session_closed");
    require_refused(
        run(as_bob, CloseSession{session_hash(), SessionCloseReason::logout, false, false, ""}),
        Code::not_found, "session_not_found");
  }
  GIVEN("bob's open session") {
    const CloseSession close{session_hash(), SessionCloseReason::revoked, true, true, "u-bob"};
    THEN("another user may not close it; an admin and the timer may") {
      require_refused(run(handler(), close), Code::permission_denied, "role_forbids");
      CHECK(run(admin(), close).ok());
      CHECK(run(policy::system_actor(),
                CloseSession{session_hash(), SessionCloseReason::expired, true, true, "u-bob"})
                .ok());
    }
  }
}
