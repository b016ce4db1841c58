// Every refusal the decider can give a case command (domain/README.md, "Refusal codes"), through
// HTTP: the status API.md gives it (422 for a rule, 400 for invalid input, 404 for what does not
// exist), the `code`, a problem+json body, and nothing appended (the store's head and the case's
// version unchanged). Each code is its own section; setup steps that must succeed use CaseApi::ok.
//
// Not reachable through HTTP: `case_exists` (registration always allocates a fresh number),
// `application_in_month_required` (the route counts the applicant's month when the body does not),
// `unknown_command` (routes exist only for known commands), and the decider's checks that the
// strict decoders already refuse as 400 invalid_field/missing_field (`<field>_required` for
// required strings, `extension_days_invalid`, `retention_years_invalid`, `invalid_attachment`):
// those are covered as decoder refusals at the end.
#include <catch2/catch.hpp>

#include "projections/deadlines/deadline_monitor.h"
#include "support/case_api.h"

namespace gongkai::testing {

namespace {

// Sends the command and checks the refusal and that nothing changed; the answer.
HttpResult expect_refusal(CaseApi& api, const std::string& id, const std::string& name,
                          const std::string& user, const json& body, int status,
                          const std::string& code) {
  api.token(user);  // a first login appends a session event: not part of what we measure
  const std::uint64_t head = api.head();
  auto version = api.server().context().cases().load(id);
  REQUIRE(version.ok());
  auto result = api.command(id, name, user, body);
  INFO(name << " by " << user << ": " << result.body);
  CHECK(result.status == status);
  CHECK(result.code() == code);
  CHECK(result.header("content-type") == "application/problem+json");
  CHECK(result.json()["status"] == status);
  CHECK(api.head() == head);
  auto after = api.server().context().cases().load(id);
  REQUIRE(after.ok());
  CHECK(after->version == version->version);
  return result;
}

// Runs the deadline timer on `id` at the server's now (the path the ticker takes).
void run_timer(CaseApi& api, const std::string& id) {
  projections::deadlines::DeadlineMonitor monitor(api.server().context().cases());
  auto report = monitor.tick(api.server().clock().now(), std::vector<std::string>{id});
  REQUIRE(report.failures.empty());
  REQUIRE(report.events_appended > 0);
}

}  // namespace

TEST_CASE("stage and date refusals over HTTP", "[api][commands]") {
  CaseApi api;
  const auto id = api.register_case("2021-03-01", kDeptA);

  SECTION("stage_forbids names the stage") {
    auto r = expect_refusal(api, id, "archive", "hdl1", valid_command_body("archive"), 422,
                            "stage_forbids");
    CHECK(r.json()["detail"].get<std::string>().find("in_progress") != std::string::npos);
  }
  SECTION("stage_forbids: approve-reply with nothing submitted") {
    expect_refusal(api, id, "approve-reply", "sup1", valid_command_body("approve-reply"), 422,
                   "stage_forbids");
  }
  SECTION("stage_forbids: reopen an open case") {
    expect_refusal(api, id, "reopen", "sup1", valid_command_body("reopen"), 422, "stage_forbids");
  }
  SECTION("stage_forbids: record-remedy on a case never closed") {
    expect_refusal(api, id, "record-remedy", "sup1", valid_command_body("record-remedy"), 422,
                   "stage_forbids");
  }
  SECTION("date_in_future") {
    expect_refusal(api, id, "acknowledge", "reg1",
                   body_with("acknowledge", {{"given_on", "2021-03-11"}}), 422, "date_in_future");
  }
  SECTION("date_before_receipt") {
    expect_refusal(api, id, "acknowledge", "reg1",
                   body_with("acknowledge", {{"given_on", "2021-02-28"}}), 422,
                   "date_before_receipt");
  }
  SECTION("date_before_sent") {
    expect_refusal(api, id, "start-consultation", "hdl1",
                   body_with("start-consultation", {{"received_by_party_on", "2021-03-05"}}), 422,
                   "date_before_sent");
  }
  SECTION("same_department (400)") {
    expect_refusal(api, id, "transfer", "hdl1", body_with("transfer", {{"to_department", kDeptA}}),
                   400, "same_department");
  }
  SECTION("invalid_disposition (400): unknown and timer-only") {
    expect_refusal(api, id, "submit-reply", "hdl1",
                   body_with("submit-reply", {{"disposition", "granted"}}), 400,
                   "invalid_disposition");
    expect_refusal(api, id, "submit-reply", "hdl1",
                   body_with("submit-reply", {{"disposition", "other.correction_lapsed"}}), 400,
                   "invalid_disposition");
  }
  SECTION("due_not_after_decision (400)") {
    api.ok(id, "withdraw", "hdl1");
    expect_refusal(api, id, "reopen", "sup1", body_with("reopen", {{"reply_due_on", "2021-03-10"}}),
                   400, "due_not_after_decision");
  }
}

TEST_CASE("correction refusals over HTTP", "[api][commands]") {
  CaseApi api;

  SECTION("correction_window_passed: 7 working days after receipt on Friday 02-26 end on 03-09") {
    const auto id = api.register_case("2021-02-26", kDeptA);
    expect_refusal(api, id, "request-correction", "hdl1",
                   body_with("request-correction", {{"notified_on", "2021-03-10"}}), 422,
                   "correction_window_passed");
  }
  SECTION("correction_already_requested, while pending and after it was received") {
    const auto id = api.register_case("2021-03-01", kDeptA);
    api.ok(id, "request-correction", "hdl1");
    expect_refusal(api, id, "request-correction", "hdl1", valid_command_body("request-correction"),
                   422, "correction_already_requested");
    api.ok(id, "receive-correction", "hdl1");
    expect_refusal(api, id, "request-correction", "hdl1", valid_command_body("request-correction"),
                   422, "correction_already_requested");
  }
  SECTION("no_correction_requested") {
    const auto id = api.register_case("2021-03-01", kDeptA);
    expect_refusal(api, id, "receive-correction", "hdl1", valid_command_body("receive-correction"),
                   422, "no_correction_requested");
  }
  SECTION("date_before_notice") {
    const auto id = api.register_case("2021-03-01", kDeptA);
    api.ok(id, "request-correction", "hdl1");
    expect_refusal(api, id, "receive-correction", "hdl1",
                   body_with("receive-correction", {{"received_on", "2021-03-04"}}), 422,
                   "date_before_notice");
  }
  SECTION("items_required (400)") {
    const auto id = api.register_case("2021-03-01", kDeptA);
    expect_refusal(api, id, "request-correction", "hdl1",
                   body_with("request-correction", {{"items", json::array()}}), 400,
                   "items_required");
  }
  SECTION("deadline_not_after_notice (400)") {
    const auto id = api.register_case("2021-03-01", kDeptA);
    expect_refusal(api, id, "request-correction", "hdl1",
                   body_with("request-correction", {{"deadline_on", "2021-03-05"}}), 400,
                   "deadline_not_after_notice");
  }
}

TEST_CASE("a correction after the lapse is refused over HTTP: correction_deadline_passed",
          "[api][commands]") {
  // Given today 2021-04-01, a correction asked on 03-05 with deadline 03-25, lapsed by the timer
  CaseApi api("2021-04-01");
  const auto id = api.register_case("2021-03-01", kDeptA);
  api.ok(id, "request-correction", "hdl1");
  run_timer(api, id);
  REQUIRE(api.view(id)["disposition"] == "other.correction_lapsed");
  // When a correction received on 03-30 is recorded, the lapse stands
  expect_refusal(api, id, "receive-correction", "hdl1",
                 body_with("receive-correction", {{"received_on", "2021-03-30"}}), 422,
                 "correction_deadline_passed");
}

TEST_CASE("consultation refusals over HTTP", "[api][commands]") {
  CaseApi api;
  const auto id = api.register_case("2021-03-01", kDeptA);
  api.ok(id, "start-consultation", "hdl1");  // 1: third party

  SECTION("consultation_has_fixed_period: a third-party consultation is not closed by hand") {
    expect_refusal(api, id, "close-consultation", "hdl1", valid_command_body("close-consultation"),
                   422, "consultation_has_fixed_period");
  }
  SECTION("consultation_not_open: a second reply") {
    api.ok(id, "record-consultation-reply", "hdl1");
    expect_refusal(api, id, "record-consultation-reply", "hdl1",
                   valid_command_body("record-consultation-reply"), 422, "consultation_not_open");
  }
  SECTION("consultation_not_open: closing a closed consultation") {
    api.ok(id, "start-consultation", "hdl1",
           body_with("start-consultation", {{"kind", "other_agency"}}));
    api.ok(id, "close-consultation", "hdl1", {{"consultation_id", 2}, {"closed_on", "2021-03-10"}});
    expect_refusal(api, id, "close-consultation", "hdl1",
                   {{"consultation_id", 2}, {"closed_on", "2021-03-10"}}, 422,
                   "consultation_not_open");
  }
  SECTION("consultation_not_found (404)") {
    expect_refusal(api, id, "record-consultation-reply", "hdl1",
                   body_with("record-consultation-reply", {{"consultation_id", 9}}), 404,
                   "consultation_not_found");
  }
  SECTION("reason_required (400): an objection needs its reason") {
    expect_refusal(api, id, "record-consultation-reply", "hdl1",
                   body_with("record-consultation-reply", {{"opinion", "object"}}), 400,
                   "reason_required");
  }
  SECTION("invalid_opinion (400): the timer's presumption is not an opinion") {
    expect_refusal(api, id, "record-consultation-reply", "hdl1",
                   body_with("record-consultation-reply", {{"opinion", "agency_decides"}}), 400,
                   "invalid_opinion");
  }
}

TEST_CASE("fee refusals over HTTP", "[api][commands]") {
  CaseApi api;

  SECTION("fee_already_notified") {
    const auto id = api.register_case();
    api.ok(id, "issue-fee-notice", "hdl1");
    expect_refusal(api, id, "issue-fee-notice", "hdl1", valid_command_body("issue-fee-notice"), 422,
                   "fee_already_notified");
  }
  SECTION("fee_notice_after_due: received 01-04, the reply was due before 03-10") {
    const auto id = api.register_case("2021-01-04");
    expect_refusal(api, id, "issue-fee-notice", "hdl1", valid_command_body("issue-fee-notice"), 422,
                   "fee_notice_after_due");
  }
  SECTION("fee_not_chargeable: 30 pages are free") {
    const auto id = api.register_case();
    expect_refusal(api, id, "issue-fee-notice", "hdl1",
                   body_with("issue-fee-notice", {{"pages", 30}, {"amount_yuan", 0}}), 422,
                   "fee_not_chargeable");
  }
  SECTION("fee_amount_mismatch on the notice and on the payment") {
    const auto id = api.register_case();
    expect_refusal(api, id, "issue-fee-notice", "hdl1",
                   body_with("issue-fee-notice", {{"amount_yuan", 100}}), 422,
                   "fee_amount_mismatch");
    api.ok(id, "issue-fee-notice", "hdl1");
    expect_refusal(api, id, "record-fee-payment", "hdl1",
                   body_with("record-fee-payment", {{"amount_yuan", 199}}), 422,
                   "fee_amount_mismatch");
  }
  SECTION("no_fee_pending") {
    const auto id = api.register_case();
    expect_refusal(api, id, "record-fee-payment", "hdl1", valid_command_body("record-fee-payment"),
                   422, "no_fee_pending");
  }
  SECTION("fee_already_paid") {
    const auto id = api.register_case();
    api.ok(id, "issue-fee-notice", "hdl1");
    api.ok(id, "record-fee-payment", "hdl1");
    expect_refusal(api, id, "record-fee-payment", "hdl1", valid_command_body("record-fee-payment"),
                   422, "fee_already_paid");
  }
  SECTION("date_before_notice on a payment") {
    const auto id = api.register_case();
    api.ok(id, "issue-fee-notice", "hdl1");
    expect_refusal(api, id, "record-fee-payment", "hdl1",
                   body_with("record-fee-payment", {{"paid_on", "2021-03-09"}}), 422,
                   "date_before_notice");
  }
  SECTION("pages_required (400)") {
    const auto id = api.register_case();
    expect_refusal(api, id, "issue-fee-notice", "hdl1",
                   body_with("issue-fee-notice", {{"pages", nullptr}}), 400, "pages_required");
  }
  SECTION("per_application without a count: the server counts, the 1st is free (422)") {
    // application_in_month_required is no longer reachable over HTTP: the route fills the count
    // from the applicant_months projection (tests/api/fee_application_count_test.cc).
    const auto id = api.register_case();
    expect_refusal(
        api, id, "issue-fee-notice", "hdl1",
        body_with("issue-fee-notice",
                  {{"basis", "per_application"}, {"pages", nullptr}, {"amount_yuan", 100}}),
        422, "fee_not_chargeable");
  }
}

TEST_CASE("a payment after the fee lapse is refused over HTTP: fee_deadline_passed",
          "[api][commands]") {
  // Given today 2021-05-10 and a fee noticed on 03-10 that the timer let lapse
  CaseApi api("2021-05-10");
  const auto id = api.register_case("2021-03-01", kDeptA);
  api.ok(id, "issue-fee-notice", "hdl1");
  run_timer(api, id);
  REQUIRE(api.view(id)["disposition"] == "other.fee_lapsed");
  // When a payment made on 04-20 (after the 20 working days) is recorded
  expect_refusal(api, id, "record-fee-payment", "hdl1",
                 body_with("record-fee-payment", {{"paid_on", "2021-04-20"}}), 422,
                 "fee_deadline_passed");
}

TEST_CASE("extension refusals over HTTP", "[api][commands]") {
  CaseApi api;

  SECTION("extension_already_used: while one is pending and after one was approved") {
    const auto id = api.register_case();
    api.ok(id, "request-extension", "hdl1");
    expect_refusal(api, id, "request-extension", "hdl1", valid_command_body("request-extension"),
                   422, "extension_already_used");
    api.ok(id, "approve-extension", "sup1");
    expect_refusal(api, id, "request-extension", "hdl1", valid_command_body("request-extension"),
                   422, "extension_already_used");
  }
  SECTION("extension_too_long: 21 working days") {
    const auto id = api.register_case();
    expect_refusal(api, id, "request-extension", "hdl1",
                   body_with("request-extension", {{"days", 21}}), 422, "extension_too_long");
  }
  SECTION("extension_after_due: received 01-04, due before today") {
    const auto id = api.register_case("2021-01-04");
    expect_refusal(api, id, "request-extension", "hdl1", valid_command_body("request-extension"),
                   422, "extension_after_due");
  }
  SECTION("no_pending_extension") {
    const auto id = api.register_case();
    expect_refusal(api, id, "approve-extension", "sup1", valid_command_body("approve-extension"),
                   422, "no_pending_extension");
    expect_refusal(api, id, "reject-extension", "sup1", valid_command_body("reject-extension"), 422,
                   "no_pending_extension");
  }
  SECTION("extension_not_approved") {
    const auto id = api.register_case();
    api.ok(id, "request-extension", "hdl1");
    expect_refusal(api, id, "notify-extension", "hdl1", valid_command_body("notify-extension"), 422,
                   "extension_not_approved");
  }
  SECTION("extension_already_notified") {
    const auto id = api.register_case();
    api.ok(id, "request-extension", "hdl1");
    api.ok(id, "approve-extension", "sup1");
    api.ok(id, "notify-extension", "hdl1");
    expect_refusal(api, id, "notify-extension", "hdl1", valid_command_body("notify-extension"), 422,
                   "extension_already_notified");
  }
  SECTION("date_before_request") {
    const auto id = api.register_case();
    api.ok(id, "request-extension", "hdl1");  // requested today, 03-10
    expect_refusal(api, id, "approve-extension", "sup1",
                   body_with("approve-extension", {{"decided_on", "2021-03-09"}}), 422,
                   "date_before_request");
  }
  SECTION("date_before_approval") {
    const auto id = api.register_case();
    api.ok(id, "request-extension", "hdl1",
           body_with("request-extension", {{"requested_on", "2021-03-08"}}));
    api.ok(id, "approve-extension", "sup1",
           body_with("approve-extension", {{"decided_on", "2021-03-09"}}));
    expect_refusal(api, id, "notify-extension", "hdl1",
                   body_with("notify-extension", {{"notified_on", "2021-03-08"}}), 422,
                   "date_before_approval");
  }
}

TEST_CASE("four-eyes refusals over HTTP: same_person_approval", "[api][commands]") {
  // Given `dual`, a handler of ZRZY who is also a supervisor
  CaseApi api;
  const auto id = api.register_case();

  SECTION("approving or rejecting one's own extension request") {
    api.ok(id, "request-extension", "dual");
    expect_refusal(api, id, "approve-extension", "dual", valid_command_body("approve-extension"),
                   422, "same_person_approval");
    expect_refusal(api, id, "reject-extension", "dual", valid_command_body("reject-extension"), 422,
                   "same_person_approval");
    // Another supervisor may
    api.ok(id, "approve-extension", "sup1");
  }
  SECTION("approving or returning one's own reply") {
    api.ok(id, "submit-reply", "dual");
    expect_refusal(api, id, "approve-reply", "dual", valid_command_body("approve-reply"), 422,
                   "same_person_approval");
    expect_refusal(api, id, "return-reply", "dual", valid_command_body("return-reply"), 422,
                   "same_person_approval");
    api.ok(id, "approve-reply", "sup1");
  }
}

TEST_CASE("what the strict decoders refuse before the rules see it (400)", "[api][commands]") {
  CaseApi api;
  const auto id = api.register_case();

  SECTION("extension days below 1") {
    expect_refusal(api, id, "request-extension", "hdl1",
                   body_with("request-extension", {{"days", 0}}), 400, "invalid_field");
  }
  SECTION("retention years below 1") {
    expect_refusal(api, id, "archive", "hdl1", body_with("archive", {{"retention_years", 0}}), 400,
                   "invalid_field");
  }
  SECTION("an empty required string") {
    expect_refusal(api, id, "add-note", "hdl1", {{"text", ""}}, 400, "invalid_field");
  }
  SECTION("an attachment whose sha256 is not 64 hex digits") {
    const json attachment = {
        {"name", "答复书.pdf"}, {"sha256", std::string(64, 'z')}, {"size", 10}};
    auto r = expect_refusal(api, id, "submit-reply", "hdl1",
                            body_with("submit-reply", {{"attachments", {attachment}}}), 400,
                            "invalid_field");
    CHECK(r.json()["errors"][0]["field"] == "attachments[0].sha256");
  }
  SECTION("an enum value API.md does not list") {
    auto r = expect_refusal(api, id, "issue-reply", "hdl1",
                            body_with("issue-reply", {{"service_method", "pigeon"}}), 400,
                            "invalid_field");
    CHECK(r.json()["errors"][0]["field"] == "service_method");
  }
}

}  // namespace gongkai::testing
