// Given/When/Then for intake: register, acknowledge, assign, transfer, correction, withdraw, notes.
#include <catch2/catch.hpp>

#include "support/case_fixture.h"

using namespace gongkai::domain::cases;
using gongkai::testing::CaseFixture;
using gongkai::testing::d;
using gongkai::testing::only_event;

TEST_CASE("register: records the application and may assign in the same step", "[domain][cases]") {
  CaseFixture f;
  const auto events = f.registered("2021-03-01").history;
  REQUIRE(events.size() == 2);
  const auto& registered = std::get<CaseRegistered>(events[0]);
  CHECK(event_type(events[0]) == "case.registered.v1");
  CHECK(registered.case_id == "CJZ-2021-00001");
  CHECK(registered.received_on == d("2021-03-01"));
  CHECK(registered.actor.id == f.registrar.id);
  CHECK(std::get<CaseAssigned>(events[1]).department == "D1");
  CHECK(f.state.stage == Stage::in_progress);
  CHECK(f.state.version == 2);
}

TEST_CASE("register: refuses a receipt date in the future and a second registration",
          "[domain][cases]") {
  CaseFixture f;
  f.on("2021-03-01");
  RegisterCase reg{"CJZ-2021-00002", {}, Channel::post_signed, d("2021-03-02"), "x", "", "", "",
                   std::nullopt};
  reg.applicant.name = "李四";
  CHECK(f.refusal(f.registrar, reg) == "date_in_future");
  reg.received_on = d("2021-03-01");
  reg.description.clear();
  CHECK(f.refusal(f.registrar, reg) == "description_required");
  CHECK(f.refusal(f.handler, reg) == "role_forbids");
  f.registered("2021-03-01");
  reg.description = "x";
  CHECK(f.refusal(f.registrar, reg) == "case_exists");
}

TEST_CASE("commands on an unregistered case are not found", "[domain][cases]") {
  CaseFixture f;
  CHECK(f.refusal(f.registrar, AcknowledgeReceipt{d("2021-03-01"), "当面"}) == "case_not_found");
}

TEST_CASE("acknowledge: records the receipt given", "[domain][cases]") {
  CaseFixture f;
  f.registered("2021-03-01").on("2021-03-02");
  const auto& e = only_event<ReceiptAcknowledged>(
      f.given(f.registrar, AcknowledgeReceipt{d("2021-03-01"), "当面"}));
  CHECK(e.given_on == d("2021-03-01"));
  CHECK(f.state.acknowledged_on == d("2021-03-01"));
  CHECK(f.refusal(f.registrar, AcknowledgeReceipt{d("2021-02-28"), "当面"}) ==
        "date_before_receipt");
  CHECK(f.refusal(f.registrar, AcknowledgeReceipt{d("2021-03-03"), "当面"}) == "date_in_future");
}

TEST_CASE("assign: only from registered or in_progress", "[domain][cases]") {
  CaseFixture f;
  f.registered("2021-03-01", /*assign=*/false);
  CHECK(f.state.stage == Stage::registered);
  f.given(f.supervisor, AssignCase{"D1", std::string("u-handler")});
  CHECK(f.state.stage == Stage::in_progress);
  CHECK(f.state.handler == "u-handler");
  f.given(f.registrar, AssignCase{"D1", std::nullopt});  // re-assign while in progress
  f.replied();
  CHECK(f.refusal(f.registrar, AssignCase{"D1", std::nullopt}) == "stage_forbids");
  CHECK(f.refusal(f.handler, AssignCase{"D1", std::nullopt}) == "role_forbids");
}

TEST_CASE("transfer: moves the case without restarting the clock", "[domain][cases]") {
  CaseFixture f;
  f.registered("2021-03-01").on("2021-03-03");
  const auto due_before = f.reply_due_on();
  const auto& e =
      only_event<CaseTransferred>(f.given(f.handler, TransferCase{"D2", "属自然资源所职责"}));
  CHECK(e.from_department == "D1");
  CHECK(e.to_department == "D2");
  CHECK(f.state.department == "D2");
  CHECK(f.reply_due_on() == due_before);
  // The D1 handler no longer sees the case; the D2 handler works it.
  CHECK(f.refusal(f.handler, TransferCase{"D1", "退回"}) == "case_not_found");
  CHECK(f.refusal(f.other_handler, TransferCase{"D2", "x"}) == "same_department");
  CHECK(f.refusal(f.other_handler, TransferCase{"D1", ""}) == "reason_required");
  f.given(f.other_handler, TransferCase{"D1", "退回"});
}

TEST_CASE("request_correction: within 7 working days after receipt, once, with items",
          "[domain][cases][correction]") {
  CaseFixture f;
  f.registered("2021-03-01");
  // 7 working days after Monday 2021-03-01 is Wednesday 2021-03-10.
  f.on("2021-03-11");
  CHECK(f.refusal(f.handler, RequestCorrection{{"项目名称"}, d("2021-03-25"), d("2021-03-11")}) ==
        "correction_window_passed");
  CHECK(f.refusal(f.handler, RequestCorrection{{}, d("2021-03-25"), d("2021-03-10")}) ==
        "items_required");
  CHECK(f.refusal(f.handler, RequestCorrection{{"项目名称"}, d("2021-03-10"), d("2021-03-10")}) ==
        "deadline_not_after_notice");
  CHECK(f.refusal(f.handler, RequestCorrection{{"项目名称"}, d("2021-03-25"), d("2021-03-12")}) ==
        "date_in_future");
  // Recorded late (on 03-11) but notified on the last day of the window: accepted.
  const auto& e = only_event<CorrectionRequested>(f.given(
      f.handler, RequestCorrection{{"项目名称", "文号"}, d("2021-03-25"), d("2021-03-10")}));
  CHECK(e.items.size() == 2);
  CHECK(f.state.stage == Stage::correction_pending);
  CHECK(f.refusal(f.handler, RequestCorrection{{"x"}, d("2021-03-25"), d("2021-03-10")}) ==
        "correction_already_requested");
}

TEST_CASE("request_correction: the window follows the holiday calendar (2021 Spring Festival)",
          "[domain][cases][correction]") {
  CaseFixture f;
  // Received Tuesday 2021-02-09: 02-10 (1), off 02-11..02-17, 02-18 (2), 02-19 (3), Sat 02-20
  // worked (4), 02-22..02-24 (7).
  f.registered("2021-02-09").on("2021-02-25");
  CHECK(f.refusal(f.handler, RequestCorrection{{"x"}, d("2021-03-10"), d("2021-02-25")}) ==
        "correction_window_passed");
  f.given(f.handler, RequestCorrection{{"x"}, d("2021-03-10"), d("2021-02-24")});
}

TEST_CASE("receive_correction: the reply clock restarts from the day it is received",
          "[domain][cases][correction]") {
  CaseFixture f;
  f.registered("2021-03-01").on("2021-03-03");
  CHECK(f.refusal(f.handler, ReceiveCorrection{d("2021-03-03"), "x"}) == "no_correction_requested");
  f.given(f.handler, RequestCorrection{{"项目名称"}, d("2021-03-17"), d("2021-03-02")});
  CHECK_FALSE(f.reply_due_on().has_value());  // the clock waits for the correction
  f.on("2021-03-15");
  CHECK(f.refusal(f.handler, ReceiveCorrection{d("2021-03-01"), "x"}) == "date_before_notice");
  f.given(f.registrar, ReceiveCorrection{d("2021-03-12"), "补充了项目名称"});
  CHECK(f.state.stage == Stage::in_progress);
  // 20 working days after Friday 2021-03-12 (Qingming 04-05 off) = 2021-04-12.
  CHECK(f.reply_due_on() == d("2021-04-12"));
  CHECK(f.refusal(f.handler, ReceiveCorrection{d("2021-03-15"), "x"}) == "stage_forbids");
}

TEST_CASE("receive_correction: before assignment the case goes back to registered",
          "[domain][cases][correction]") {
  CaseFixture f;
  f.registered("2021-03-01", /*assign=*/false).on("2021-03-02");
  f.given(f.registrar, RequestCorrection{{"x"}, d("2021-03-16"), d("2021-03-02")});
  CHECK(f.refusal(f.registrar, AssignCase{"D1", std::nullopt}) == "stage_forbids");
  f.given(f.registrar, ReceiveCorrection{d("2021-03-02"), "x"});
  CHECK(f.state.stage == Stage::registered);
}

TEST_CASE("a correction received in time but recorded after the lapse voids the lapse",
          "[domain][cases][correction]") {
  CaseFixture f;
  f.registered("2021-03-01").on("2021-03-02");
  f.given(f.handler, RequestCorrection{{"x"}, d("2021-03-16"), d("2021-03-02")});
  f.on("2021-03-17");
  only_event<CorrectionLapsed>(f.tick(LapseCorrection{}));
  CHECK(f.state.stage == Stage::closed);
  CHECK(f.state.disposition == gongkai::domain::report::Disposition::other_correction_lapsed);
  f.on("2021-03-18");
  // Received after the deadline: the lapse stands.
  CHECK(f.refusal(f.handler, ReceiveCorrection{d("2021-03-17"), "x"}) ==
        "correction_deadline_passed");
  const auto& e = only_event<CorrectionReceived>(
      f.given(f.handler, ReceiveCorrection{d("2021-03-16"), "邮寄补正材料，3月16日签收"}));
  CHECK(e.voids_lapse);
  CHECK(f.state.stage == Stage::in_progress);
  CHECK_FALSE(f.state.disposition.has_value());
  CHECK(f.state.closings.empty());
  // Both facts stay in the history.
  CHECK(event_type(f.history[f.history.size() - 2]) == "case.correction_lapsed.v1");
  // 20 working days after Tuesday 2021-03-16, Qingming (04-05) skipped.
  CHECK(f.reply_due_on() == d("2021-04-14"));
}

TEST_CASE("withdraw: closes an open case as other.other", "[domain][cases]") {
  CaseFixture f;
  f.registered("2021-03-01").on("2021-03-05");
  f.given(f.registrar, WithdrawApplication{d("2021-03-04"), "申请人书面撤回"});
  CHECK(f.state.stage == Stage::closed);
  CHECK(f.state.disposition == gongkai::domain::report::Disposition::other_other);
  CHECK(f.state.closed_on == d("2021-03-04"));
  CHECK(f.refusal(f.registrar, WithdrawApplication{d("2021-03-04"), "x"}) == "stage_forbids");
}

TEST_CASE("add_note: by anyone who may act on the case, never auditor or admin",
          "[domain][cases]") {
  CaseFixture f;
  f.registered("2021-03-01");
  f.given(f.supervisor, AddNote{"请加快办理"});
  f.given(f.handler, AddNote{"已联系申请人"});
  CHECK(f.state.notes == 2);
  CHECK(f.refusal(f.auditor, AddNote{"x"}) == "role_forbids");
  CHECK(f.refusal(f.admin, AddNote{"x"}) == "role_forbids");
  CHECK(f.refusal(f.other_handler, AddNote{"x"}) == "case_not_found");
  CHECK(f.refusal(f.handler, AddNote{""}) == "text_required");
}

TEST_CASE("required fields are refused as invalid arguments", "[domain][cases]") {
  CaseFixture f;
  f.on("2021-03-01");
  RegisterCase reg{"", {}, Channel::online, d("2021-03-01"), "申请", "", "", "", std::nullopt};
  reg.applicant.name = "张三";
  CHECK(f.refusal(f.registrar, reg) == "case_id_required");
  reg.case_id = "CJZ-2021-00001";
  reg.applicant.name.clear();
  CHECK(f.refusal(f.registrar, reg) == "applicant_name_required");
  reg.applicant.name = "张三";
  reg.department = "";
  CHECK(f.refusal(f.registrar, reg) == "department_required");
  const auto refused = f.when(f.registrar, reg);
  CHECK(refused.status().code() == gongkai::domain::Code::invalid_argument);
  f.registered("2021-03-01");
  CHECK(f.refusal(f.registrar, AcknowledgeReceipt{d("2021-03-01"), ""}) == "method_required");
  CHECK(f.refusal(f.supervisor, AssignCase{"", std::nullopt}) == "department_required");
  CHECK(f.refusal(f.handler, TransferCase{"", "x"}) == "to_department_required");
}
