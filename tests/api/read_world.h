// Shared Given for the read-route tests (history, time travel, deadlines, verify/export,
// supervision, reports): a real server with departments D1 and D2, one user per role, cases
// registered over HTTP and moved on through the real command service (faster than HTTP when the
// setup is long; the command routes have their own tests).
#pragma once

#include <catch2/catch.hpp>
#include <string>

#include "domain/cases/case_commands.h"
#include "support/test_server.h"

namespace gongkai::testing {

namespace dc = domain::cases;
using domain::policy::Actor;
using domain::policy::Role;

struct ReadWorld {
  TestServer server;
  std::string registrar, handler1, handler2, supervisor, auditor, admin;

  // Actors for the command service (ids are u-<username>).
  Actor reg{"u-reg1", Role::registrar, {}};
  Actor han1{"u-han1", Role::handler, {"D1"}};
  Actor han2{"u-han2", Role::handler, {"D2"}};
  Actor sup1{"u-sup1", Role::supervisor, {}};

  explicit ReadWorld(const std::string& today = "2021-03-10")
      : server(*domain::time::CivilDate::parse(today), long_sessions()) {
    server.add_department("D1", "综合办");
    server.add_department("D2", "自然资源所");
    server.add_user("reg1", {"registrar"});
    server.add_user("han1", {"handler"}, {"D1"});
    server.add_user("han2", {"handler"}, {"D2"});
    server.add_user("sup1", {"supervisor"});
    server.add_user("aud1", {"auditor"});
    login_all();
  }

  // Sessions that outlive the clock's moves (weeks), so tests need not log in again (scrypt in a
  // Debug build is what makes these tests slow).
  static api::app::ServerConfig long_sessions() {
    api::app::ServerConfig config;
    config.session_absolute_seconds = std::int64_t{400} * 24 * 3600;
    config.session_idle_seconds = std::int64_t{400} * 24 * 3600;
    return config;
  }

  // Fresh sessions for everyone (after a restart).
  void login_all() {
    registrar = server.login("reg1");
    handler1 = server.login("han1");
    handler2 = server.login("han2");
    supervisor = server.login("sup1");
    auditor = server.login("aud1");
    admin = server.login("admin", kAdminPassword);
  }

  // POST /api/v1/cases as the registrar; the new case number.
  std::string register_case(const std::string& received_on, const std::string& department = "D1") {
    auto created = server.post("/api/v1/cases", registrar, registration_body(received_on, department));
    INFO(created.body);
    REQUIRE(created.status == 201);
    return created.json()["id"].get<std::string>();
  }

  // A command that must be accepted, at the server clock's now; the outcome's position.
  std::uint64_t run(const Actor& actor, const std::string& case_id, dc::CommandBody body) {
    auto outcome = server.context().cases().execute(case_id, dc::CaseCommand{actor, std::move(body)},
                                                    server.clock().now(), {});
    INFO(outcome.status().reason() << ": " << outcome.status().message());
    REQUIRE(outcome.ok());
    return outcome->position;
  }

  // Moves the clock to 10:00 agency time on `date`.
  void on(const std::string& date) {
    server.clock().set(office_hours(*domain::time::CivilDate::parse(date)));
  }
};

inline domain::time::CivilDate day(const std::string& text) {
  return *domain::time::CivilDate::parse(text);
}

}  // namespace gongkai::testing
