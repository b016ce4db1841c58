// Every command of API.md's table through HTTP on the happy path: 200 with the updated case, its
// `position` (the store's head after the write), ETag = the new version, a read that gives the same
// case (read your writes), and what the command changed in the case view.
#include <catch2/catch.hpp>
#include <set>

#include "support/case_api.h"

namespace gongkai::testing {

namespace {

// Sends a command that must succeed and checks what every command answer promises; the answer.
json step(CaseApi& api, const std::string& id, const std::string& name, const std::string& user,
          const json& body) {
  const json before = api.view(id);
  api.token(user);
  const std::uint64_t head_before = api.head();
  auto result = api.command(id, name, user, body);
  INFO(name << " by " << user << ": " << result.body);
  REQUIRE(result.status == 200);
  json answer = result.json();
  CHECK(answer["id"] == id);
  const auto version = answer["version"].get<std::uint64_t>();
  CHECK(version == before["version"].get<std::uint64_t>() + 1);
  CHECK(result.header("etag") == "\"" + std::to_string(version) + "\"");
  REQUIRE(answer.contains("position"));
  CHECK(answer["position"].get<std::uint64_t>() > head_before);
  CHECK(answer["position"].get<std::uint64_t>() == api.head());
  json read = api.view(id);
  json without = answer;
  without.erase("position");
  without.erase("consultation_id");
  CHECK(read == without);
  return answer;
}

json step(CaseApi& api, const std::string& id, const std::string& name, const std::string& user) {
  return step(api, id, name, user, valid_command_body(name));
}

}  // namespace

TEST_CASE("intake commands over HTTP: acknowledge, correction, assign, transfer, note",
          "[api][commands]") {
  // Given an unassigned application received on Monday 2021-03-01
  CaseApi api;
  const auto id = api.register_case("2021-03-01", "");
  CHECK(api.view(id)["stage"] == "registered");

  // When the registrar acknowledges it, nothing in the view but the version moves
  auto acknowledged = step(api, id, "acknowledge", "reg1");
  CHECK(acknowledged["stage"] == "registered");

  // When the registrar asks for a correction, the case waits for it and the reply clock pauses
  auto requested = step(api, id, "request-correction", "reg1");
  CHECK(requested["stage"] == "correction_pending");
  CHECK(requested["clock"]["status"] == "paused");

  // When the correction arrives on 03-09, the 20 working days restart from that day
  auto received = step(api, id, "receive-correction", "reg1");
  CHECK(received["stage"] == "registered");
  CHECK(received["clock"]["status"] == "running");
  CHECK(received["clock"]["reply_due_on"] == "2021-04-07");  // 清明 2021-04-05 skipped

  // When the registrar assigns it to ZRZY and hdl1
  api.token("hdl1");
  auto assigned =
      step(api, id, "assign", "reg1", {{"department", kDeptA}, {"handler", user_id("hdl1")}});
  CHECK(assigned["stage"] == "in_progress");
  CHECK(assigned["department"] == kDeptA);
  CHECK(assigned["handler"] == user_id("hdl1"));

  // When hdl1 transfers it to CZS, the department changes and the clock does not restart
  auto transferred = step(api, id, "transfer", "hdl1");
  CHECK(transferred["department"] == kDeptB);
  CHECK(transferred["clock"]["reply_due_on"] == "2021-04-07");
  // ... and the case is now CZS's: hdl1 no longer sees it, hdl2 does
  CHECK(api.server().get("/api/v1/cases/" + id, api.token("hdl1")).status == 404);

  // When hdl2 adds a note, only the version moves
  auto noted = step(api, id, "add-note", "hdl2");
  CHECK(noted["department"] == kDeptB);
}

TEST_CASE("consultation commands over HTTP: start (with consultation_id), reply, close",
          "[api][commands]") {
  CaseApi api;
  const auto id = api.register_case();
  REQUIRE(api.view(id)["clock"]["reply_due_on"] == "2021-03-29");

  // When hdl1 consults a third party (letter sent 03-05), the answer names consultation 1
  auto started = step(api, id, "start-consultation", "hdl1",
                      body_with("start-consultation", {{"sent_on", "2021-03-05"}}));
  CHECK(started["consultation_id"] == 1);
  REQUIRE(started["consultations"].size() == 1);
  CHECK(started["consultations"][0]["id"] == 1);
  CHECK(started["consultations"][0]["kind"] == "third_party");
  CHECK(started["consultations"][0]["open"] == true);

  // When the party's objection, received 03-09, is recorded, the consultation is answered
  auto replied = step(api, id, "record-consultation-reply", "hdl1",
                      body_with("record-consultation-reply", {{"received_on", "2021-03-09"},
                                                              {"opinion", "object"},
                                                              {"reason", "涉及商业秘密"}}));
  CHECK(replied["consultations"][0]["opinion"] == "object");
  CHECK(replied["consultations"][0]["replied_on"] == "2021-03-09");
  CHECK(replied["consultations"][0]["open"] == false);

  // When hdl1 consults another agency (no fixed period), the clock pauses while it is open
  auto second =
      step(api, id, "start-consultation", "hdl1",
           body_with("start-consultation", {{"kind", "other_agency"}, {"party", "县财政局"}}));
  CHECK(second["consultation_id"] == 2);
  CHECK(second["clock"]["status"] == "paused");
  CHECK(second["clock"]["paused_by"] == json::array({"consultation:2"}));

  // When hdl1 records it closed on 03-09, the clock runs again: 03-08 and 03-09 were paused
  auto closed = step(api, id, "close-consultation", "hdl1",
                     {{"consultation_id", 2}, {"closed_on", "2021-03-09"}});
  CHECK(closed["consultations"][1]["closed_on"] == "2021-03-09");
  CHECK(closed["consultations"][1]["open"] == false);
  CHECK(closed["clock"]["status"] == "running");
  CHECK(closed["clock"]["reply_due_on"] == "2021-03-31");
}

TEST_CASE("fee commands over HTTP: notice, payment", "[api][commands]") {
  CaseApi api;
  const auto id = api.register_case();

  // When hdl1 issues a per-page notice for 50 pages on 03-08 (31-100: 10 元 a page over 30)
  auto noticed = step(api, id, "issue-fee-notice", "hdl1",
                      body_with("issue-fee-notice", {{"notified_on", "2021-03-08"}}));
  CHECK(noticed["fee"]["basis"] == "per_page");
  CHECK(noticed["fee"]["amount_yuan"] == 200);
  CHECK(noticed["fee"]["paid_on"].is_null());
  CHECK(noticed["clock"]["status"] == "paused");

  // When the payment made on 03-09 is recorded, the clock runs again, one working day later
  auto paid = step(api, id, "record-fee-payment", "hdl1",
                   body_with("record-fee-payment", {{"paid_on", "2021-03-09"}}));
  CHECK(paid["fee"]["paid_on"] == "2021-03-09");
  CHECK(paid["clock"]["status"] == "running");
  CHECK(paid["clock"]["reply_due_on"] == "2021-03-30");
}

TEST_CASE("extension commands over HTTP: request, reject, request, approve, notify",
          "[api][commands]") {
  CaseApi api;
  const auto id = api.register_case();
  REQUIRE(api.view(id)["clock"]["reply_due_on"] == "2021-03-29");

  auto requested = step(api, id, "request-extension", "hdl1");
  CHECK(requested["clock"]["extension"]["days"] == 0);

  // A rejected request does not use up the one extension
  auto rejected = step(api, id, "reject-extension", "sup1");
  CHECK(rejected["clock"]["extension"]["days"] == 0);
  CHECK(rejected["clock"]["reply_due_on"] == "2021-03-29");

  step(api, id, "request-extension", "hdl1");
  auto approved = step(api, id, "approve-extension", "sup1");
  CHECK(approved["clock"]["extension"]["days"] == 10);
  CHECK(approved["clock"]["extension"]["approved_by"] == user_id("sup1"));
  CHECK(approved["clock"]["reply_due_on"] == "2021-04-13");  // +10 working days, 清明 skipped

  auto notified = step(api, id, "notify-extension", "hdl1");
  CHECK(notified["clock"]["reply_due_on"] == "2021-04-13");
}

TEST_CASE("reply commands over HTTP: submit, return, approve, issue, archive, reopen, remedy",
          "[api][commands]") {
  CaseApi api;
  const auto id = api.register_case();

  auto submitted = step(api, id, "submit-reply", "hdl1");
  CHECK(submitted["stage"] == "under_review");
  CHECK(submitted["review"]["disposition"] == "disclosed");
  CHECK(submitted["review"]["submitted_by"] == user_id("hdl1"));

  auto returned = step(api, id, "return-reply", "sup1");
  CHECK(returned["stage"] == "in_progress");
  CHECK(returned["review"].is_null());  // the draft is withdrawn from review

  // The next draft carries the supervisor's comment
  auto resubmitted = step(api, id, "submit-reply", "hdl1",
                          body_with("submit-reply", {{"disposition", "partially_disclosed"}}));
  CHECK(resubmitted["review"]["last_return_comment"] == "请补充法律依据");
  auto approved = step(api, id, "approve-reply", "sup1");
  CHECK(approved["stage"] == "approved");
  CHECK(approved["review"]["approved_by"] == user_id("sup1"));

  auto issued = step(api, id, "issue-reply", "hdl1");
  CHECK(issued["stage"] == "closed");
  CHECK(issued["disposition"] == "partially_disclosed");
  CHECK(issued["closed_on"] == "2021-03-10");
  CHECK(issued["clock"]["status"] == "stopped");

  auto archived = step(api, id, "archive", "reg1");
  CHECK(archived["stage"] == "archived");
  CHECK(archived["archive"]["archive_no"] == "WS-2021-0001");
  CHECK(archived["archive"]["retention_years"] == 10);

  auto reopened = step(api, id, "reopen", "sup1");
  CHECK(reopened["stage"] == "in_progress");
  CHECK(reopened["clock"]["reply_due_on"] == "2021-04-09");  // set by the decision

  auto remedy = step(api, id, "record-remedy", "sup1");
  CHECK(remedy["stage"] == "in_progress");
}

TEST_CASE("withdraw over HTTP closes the case as other.other", "[api][commands]") {
  CaseApi api;
  const auto id = api.register_case();
  auto withdrawn = step(api, id, "withdraw", "hdl1");
  CHECK(withdrawn["stage"] == "closed");
  CHECK(withdrawn["disposition"] == "other.other");
  CHECK(withdrawn["closed_on"] == "2021-03-10");
  CHECK(withdrawn["clock"]["status"] == "stopped");
}

TEST_CASE("the command routes are exactly API.md's table", "[api][commands]") {
  // Given the command names of API.md's table, written out here from the document
  const std::set<std::string> documented = {"acknowledge",
                                            "assign",
                                            "transfer",
                                            "request-correction",
                                            "receive-correction",
                                            "start-consultation",
                                            "record-consultation-reply",
                                            "close-consultation",
                                            "issue-fee-notice",
                                            "record-fee-payment",
                                            "request-extension",
                                            "approve-extension",
                                            "reject-extension",
                                            "notify-extension",
                                            "submit-reply",
                                            "approve-reply",
                                            "return-reply",
                                            "issue-reply",
                                            "withdraw",
                                            "archive",
                                            "reopen",
                                            "record-remedy",
                                            "add-note"};
  // When we collect the POST /api/v1/cases/{id}/<command> routes the server dispatches
  CaseApi api;
  std::set<std::string> served;
  const std::string prefix = "/api/v1/cases/{id}/";
  for (const auto& route : api.server().api().router().routes()) {
    if (route.method == "POST" && route.pattern.starts_with(prefix)) {
      served.insert(route.pattern.substr(prefix.size()));
    }
  }
  // Then they are the same set (each happy path above used one of them)
  CHECK(served == documented);
}

}  // namespace gongkai::testing
