// One case's whole life through HTTP with the people who do it in an office: the registrar
// registers and acknowledges, a supervisor assigns it to ZRZY, the handlers consult and ask for an
// extension, a supervisor decides it (not the person who asked), the reply is returned and
// submitted again, approved by someone other than its author, issued, archived, then reopened
// after a reconsideration decision and the remedy recorded. Refusals on the way (four-eyes, roles,
// another department) change nothing. At the end the case's stream holds exactly the steps taken,
// each with the user and role that took it.
#include <catch2/catch.hpp>

#include "eventstore/codec/case_event_codec.h"
#include "support/case_api.h"

namespace gongkai::testing {

namespace {

// A refused command: its status and code, and nothing appended.
void refused(CaseApi& api, const std::string& id, const std::string& name, const std::string& user,
             const json& body, int status, const std::string& code) {
  api.token(user);
  const auto head = api.head();
  auto result = api.command(id, name, user, body);
  INFO(name << " by " << user << ": " << result.body);
  CHECK(result.status == status);
  CHECK(result.code() == code);
  CHECK(api.head() == head);
}

}  // namespace

TEST_CASE("a case from registration to archive, reopened, with four-eyes refusals",
          "[api][commands][lifecycle]") {
  CaseApi api;
  for (const char* user : {"reg1", "hdl1", "hdl2", "dual", "sup1", "aud1"}) api.token(user);

  // The registrar registers an application received on Monday and gives the receipt
  const auto id = api.register_case("2021-03-01", "");
  CHECK(api.view(id, "reg1")["stage"] == "registered");
  api.ok(id, "acknowledge", "reg1");

  // A supervisor assigns it to ZRZY, handler hdl1
  auto assigned =
      api.ok(id, "assign", "sup1", {{"department", kDeptA}, {"handler", user_id("hdl1")}});
  CHECK(assigned["stage"] == "in_progress");
  CHECK(assigned["clock"]["reply_due_on"] == "2021-03-29");
  // Now hdl1 sees it, the other department's handler does not
  CHECK(api.view(id, "hdl1")["handler"] == user_id("hdl1"));
  refused(api, id, "add-note", "hdl2", valid_command_body("add-note"), 404, "case_not_found");

  // hdl1 consults a third party, who consents
  auto consulted = api.ok(id, "start-consultation", "hdl1");
  CHECK(consulted["consultation_id"] == 1);
  api.ok(id, "record-consultation-reply", "hdl1");

  // dual (a handler of ZRZY who is also a supervisor) asks for 10 more working days ...
  api.ok(id, "request-extension", "dual");
  // ... and may not approve it: four eyes
  refused(api, id, "approve-extension", "dual", valid_command_body("approve-extension"), 422,
          "same_person_approval");
  // a handler may never decide an extension
  refused(api, id, "approve-extension", "hdl1", valid_command_body("approve-extension"), 403,
          "role_forbids");
  // sup1 approves, hdl1 tells the applicant
  auto extended = api.ok(id, "approve-extension", "sup1");
  CHECK(extended["clock"]["extension"]["days"] == 10);
  CHECK(extended["clock"]["extension"]["approved_by"] == user_id("sup1"));
  // 20 + 10 working days from 03-01, the consultation (03-08 to 03-10) excluding 2 of them
  CHECK(extended["clock"]["reply_due_on"] == "2021-04-15");
  api.ok(id, "notify-extension", "hdl1");

  // hdl1 drafts the reply; a handler may not approve it; sup1 returns it with a comment
  CHECK(api.ok(id, "submit-reply", "hdl1")["stage"] == "under_review");
  refused(api, id, "approve-reply", "hdl1", valid_command_body("approve-reply"), 403,
          "role_forbids");
  auto returned = api.ok(id, "return-reply", "sup1");
  CHECK(returned["stage"] == "in_progress");

  // dual submits the revised reply and may not approve their own draft; sup1 does
  auto resubmitted = api.ok(id, "submit-reply", "dual",
                            body_with("submit-reply", {{"disposition", "partially_disclosed"}}));
  CHECK(resubmitted["review"]["submitted_by"] == user_id("dual"));
  refused(api, id, "approve-reply", "dual", valid_command_body("approve-reply"), 422,
          "same_person_approval");
  refused(api, id, "return-reply", "dual", valid_command_body("return-reply"), 422,
          "same_person_approval");
  CHECK(api.ok(id, "approve-reply", "sup1")["stage"] == "approved");

  // hdl1 serves it by e-mail: closed with the approved disposition
  auto issued = api.ok(id, "issue-reply", "hdl1");
  CHECK(issued["stage"] == "closed");
  CHECK(issued["disposition"] == "partially_disclosed");
  CHECK(issued["closed_on"] == "2021-03-10");

  // The auditor reads it and changes nothing; the registrar archives it
  CHECK(api.view(id, "aud1")["stage"] == "closed");
  refused(api, id, "archive", "aud1", valid_command_body("archive"), 403, "role_forbids");
  CHECK(api.ok(id, "archive", "reg1")["stage"] == "archived");

  // A reconsideration decision orders it redone by 04-09; sup1 reopens it and records the remedy
  refused(api, id, "reopen", "hdl1", valid_command_body("reopen"), 403, "role_forbids");
  auto reopened = api.ok(id, "reopen", "sup1");
  CHECK(reopened["stage"] == "in_progress");
  CHECK(reopened["clock"]["reply_due_on"] == "2021-04-09");
  auto remedied = api.ok(id, "record-remedy", "sup1");
  CHECK(remedied["stage"] == "in_progress");

  // The stream holds exactly these steps, each with who did it and in which role
  auto records = api.server().context().store().read_stream_forward(
      eventstore::codec::case_stream(id), 1, SIZE_MAX);
  REQUIRE(records.ok());
  std::vector<std::string> steps;
  for (const auto& record : *records) steps.push_back(record.type + " " + record.actor);
  const std::vector<std::string> expected = {
      "case.registered.v1 registrar:u-reg1",
      "case.receipt_acknowledged.v1 registrar:u-reg1",
      "case.assigned.v1 supervisor:u-sup1",
      "case.consultation_started.v1 handler:u-hdl1",
      "case.consultation_replied.v1 handler:u-hdl1",
      "case.extension_requested.v1 handler:u-dual",
      "case.extension_approved.v1 supervisor:u-sup1",
      "case.extension_notified.v1 handler:u-hdl1",
      "case.reply_submitted.v1 handler:u-hdl1",
      "case.reply_returned.v1 supervisor:u-sup1",
      "case.reply_submitted.v1 handler:u-dual",
      "case.reply_approved.v1 supervisor:u-sup1",
      "case.reply_issued.v1 handler:u-hdl1",
      "case.archived.v1 registrar:u-reg1",
      "case.reopened.v1 supervisor:u-sup1",
      "case.remedy_recorded.v1 supervisor:u-sup1",
  };
  CHECK(steps == expected);
  CHECK(api.view(id)["version"] == expected.size());
}

}  // namespace gongkai::testing
