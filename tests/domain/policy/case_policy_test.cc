#include "domain/policy/case_policy.h"

#include <catch2/catch.hpp>
#include <map>
#include <set>

using namespace gongkai::domain::policy;

namespace {

std::set<Role> roles_of(std::string_view command) {
  const CommandRule* rule = find_rule(command);
  REQUIRE(rule != nullptr);
  std::set<Role> out;
  for (Role r : {Role::admin, Role::registrar, Role::handler, Role::supervisor, Role::auditor,
                 Role::system}) {
    if (rule->roles.contains(r)) {
      out.insert(r);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("the command table is API.md's", "[domain][policy]") {
  using R = Role;
  const std::map<std::string_view, std::set<Role>> api{
      {"register", {R::registrar}},
      {"acknowledge", {R::registrar}},
      {"assign", {R::registrar, R::supervisor}},
      {"transfer", {R::handler, R::supervisor}},
      {"request-correction", {R::handler, R::registrar}},
      {"receive-correction", {R::handler, R::registrar}},
      {"start-consultation", {R::handler}},
      {"record-consultation-reply", {R::handler}},
      {"close-consultation", {R::handler}},
      {"issue-fee-notice", {R::handler}},
      {"record-fee-payment", {R::handler}},
      {"request-extension", {R::handler}},
      {"approve-extension", {R::supervisor}},
      {"reject-extension", {R::supervisor}},
      {"notify-extension", {R::handler}},
      {"submit-reply", {R::handler}},
      {"approve-reply", {R::supervisor}},
      {"return-reply", {R::supervisor}},
      {"issue-reply", {R::handler, R::registrar}},
      {"withdraw", {R::registrar, R::handler}},
      {"archive", {R::registrar, R::handler}},
      {"reopen", {R::supervisor}},
      {"record-remedy", {R::supervisor}},
      {"add-note", {R::registrar, R::handler, R::supervisor}},
  };
  for (const auto& [command, roles] : api) {
    INFO(command);
    CHECK(roles_of(command) == roles);
  }
  // Auditors and admins change nothing; only the system runs timers.
  for (const CommandRule& rule : kCaseCommandRules) {
    INFO(rule.command);
    CHECK_FALSE(rule.roles.contains(Role::auditor));
    CHECK_FALSE(rule.roles.contains(Role::admin));
    CHECK(rule.roles.contains(Role::system) == (rule.command.substr(0, 6) == "timer:"));
  }
  CHECK(four_eyes_rule("approve-extension") == FourEyes::extension_requester);
  CHECK(four_eyes_rule("reject-extension") == FourEyes::extension_requester);
  CHECK(four_eyes_rule("approve-reply") == FourEyes::reply_submitter);
  CHECK(four_eyes_rule("return-reply") == FourEyes::reply_submitter);
  CHECK(four_eyes_rule("submit-reply") == FourEyes::none);
}

TEST_CASE("visibility follows API.md", "[domain][policy]") {
  const CaseScope assigned{true, "u-reg", std::string("D1")};
  const CaseScope unassigned{true, "u-reg", std::nullopt};
  CHECK(may_see_case({"u-reg", Role::registrar, {}}, assigned));
  CHECK_FALSE(may_see_case({"u-reg2", Role::registrar, {}}, assigned));
  CHECK(may_see_case({"u-reg2", Role::registrar, {}}, unassigned));
  CHECK(may_see_case({"h", Role::handler, {"D2", "D1"}}, assigned));
  CHECK_FALSE(may_see_case({"h", Role::handler, {"D2"}}, assigned));
  CHECK_FALSE(may_see_case({"h", Role::handler, {"D1"}}, unassigned));
  CHECK(may_see_case({"s", Role::supervisor, {}}, assigned));
  CHECK(may_see_case({"a", Role::auditor, {}}, assigned));
  CHECK_FALSE(may_see_case({"adm", Role::admin, {}}, assigned));
}

TEST_CASE("authorize: role first (403), then visibility (404)", "[domain][policy]") {
  const CaseScope assigned{true, "u-reg", std::string("D1")};
  CHECK(authorize("submit-reply", {"h", Role::handler, {"D1"}}, assigned).ok());
  const auto wrong_role = authorize("submit-reply", {"r", Role::registrar, {}}, assigned);
  CHECK(wrong_role.code() == gongkai::domain::Code::permission_denied);
  CHECK(wrong_role.reason() == "role_forbids");
  const auto unseen = authorize("submit-reply", {"h", Role::handler, {"D2"}}, assigned);
  CHECK(unseen.code() == gongkai::domain::Code::not_found);
  CHECK(authorize("no-such-command", {"h", Role::handler, {"D1"}}, assigned).reason() ==
        "unknown_command");
  CHECK(authorize("register", {"r", Role::registrar, {}}, CaseScope{}).ok());
  CHECK(role_name(Role::supervisor) == "supervisor");
  CHECK(parse_role("auditor") == Role::auditor);
}
