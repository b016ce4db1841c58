// Given/When/Then for handling: consultations, fees, extensions (and their clock effects).
#include <catch2/catch.hpp>

#include "support/case_fixture.h"

using namespace gongkai::domain::cases;
using gongkai::domain::policy::Actor;
using gongkai::domain::policy::Role;
using gongkai::testing::CaseFixture;
using gongkai::testing::d;
using gongkai::testing::only_event;

// Received Monday 2021-03-01; with no pause the reply is due 2021-03-29.

TEST_CASE("a third-party consultation pauses the reply clock until its reply",
          "[domain][cases][consultation]") {
  CaseFixture f;
  f.registered("2021-03-01").on("2021-03-03");
  REQUIRE(f.reply_due_on() == d("2021-03-29"));
  const auto& started = only_event<ConsultationStarted>(
      f.given(f.handler, StartConsultation{ConsultationKind::third_party, "某公司", d("2021-03-02"),
                                           d("2021-03-03")}));
  CHECK(started.consultation_id == 1);
  // Unanswered, the pause ends by itself at the lapse date: 15 working days after 03-03 is 03-24;
  // (03-02, 03-24] holds 16 working days, so the reply moves to 2021-04-21 (Qingming skipped).
  CHECK(f.reply_due_on() == d("2021-04-21"));
  f.on("2021-03-11");
  f.given(f.handler, RecordConsultationReply{1, d("2021-03-10"), Opinion::object, "涉及商业秘密"});
  // Answered on 03-10: (03-02, 03-10] holds 6 working days -> 2021-04-07.
  CHECK(f.reply_due_on() == d("2021-04-07"));
  CHECK(f.refusal(f.handler, RecordConsultationReply{1, d("2021-03-10"), Opinion::consent, ""}) ==
        "consultation_not_open");
}

TEST_CASE("consultations: refusals", "[domain][cases][consultation]") {
  CaseFixture f;
  f.registered("2021-03-01").on("2021-03-03");
  CHECK(f.refusal(f.handler, StartConsultation{ConsultationKind::third_party, "", d("2021-03-02"),
                                               std::nullopt}) == "party_required");
  CHECK(f.refusal(f.handler, StartConsultation{ConsultationKind::third_party, "某公司",
                                               d("2021-03-03"), d("2021-03-02")}) ==
        "date_before_sent");
  CHECK(f.refusal(f.handler, StartConsultation{ConsultationKind::third_party, "某公司",
                                               d("2021-03-04"), std::nullopt}) == "date_in_future");
  CHECK(f.refusal(f.registrar, StartConsultation{ConsultationKind::third_party, "某公司",
                                                 d("2021-03-02"), std::nullopt}) == "role_forbids");
  f.given(f.handler, StartConsultation{ConsultationKind::third_party, "某公司", d("2021-03-02"),
                                       std::nullopt});
  CHECK(f.refusal(f.handler, RecordConsultationReply{2, d("2021-03-03"), Opinion::consent, ""}) ==
        "consultation_not_found");
  CHECK(f.refusal(f.handler, RecordConsultationReply{1, d("2021-03-03"), Opinion::object, ""}) ==
        "reason_required");
  CHECK(f.refusal(f.handler, RecordConsultationReply{1, d("2021-03-01"), Opinion::consent, ""}) ==
        "date_before_sent");
  CHECK(f.refusal(f.handler, CloseConsultation{1, d("2021-03-03")}) ==
        "consultation_has_fixed_period");
}

TEST_CASE("an other_agency consultation holds the clock until it is closed",
          "[domain][cases][consultation]") {
  CaseFixture f;
  f.registered("2021-03-01").on("2021-03-03");
  f.given(f.handler, StartConsultation{ConsultationKind::other_agency, "市自然资源局",
                                       d("2021-03-02"), std::nullopt});
  const auto due = reply_due(f.state, f.calendar);
  REQUIRE(due.has_value());
  CHECK(due->paused);
  CHECK_FALSE(due->due_on.has_value());
  const auto view = reply_clock_view(f.state, d("2021-03-03"), f.calendar);
  CHECK(view.status == ClockStatus::paused);
  CHECK(view.paused_by == std::vector<std::string>{"consultation:1"});
  f.on("2021-03-09");
  f.given(f.handler, CloseConsultation{1, d("2021-03-08")});
  // (03-02, 03-08] holds 4 working days -> 2021-04-02.
  CHECK(f.reply_due_on() == d("2021-04-02"));
  CHECK(f.refusal(f.handler, CloseConsultation{1, d("2021-03-08")}) == "consultation_not_open");
}

TEST_CASE("several consultations may be open at once, their pauses merge",
          "[domain][cases][consultation]") {
  CaseFixture f;
  f.registered("2021-03-01").on("2021-03-08");
  f.given(f.handler,
          StartConsultation{ConsultationKind::other_agency, "A", d("2021-03-02"), std::nullopt});
  f.given(f.handler,
          StartConsultation{ConsultationKind::other_agency, "B", d("2021-03-03"), std::nullopt});
  f.given(f.handler, CloseConsultation{1, d("2021-03-05")});
  CHECK_FALSE(f.reply_due_on().has_value());  // B still open
  f.given(f.handler, CloseConsultation{2, d("2021-03-08")});
  // (03-02, 03-08] merged: 4 working days, not 3 + 3.
  CHECK(f.reply_due_on() == d("2021-04-02"));
}

TEST_CASE("a consultation reply received in time but recorded after the lapse voids it",
          "[domain][cases][consultation]") {
  CaseFixture f;
  f.registered("2021-03-01").on("2021-03-03");
  f.given(f.handler, StartConsultation{ConsultationKind::third_party, "某公司", d("2021-03-02"),
                                       d("2021-03-03")});
  f.on("2021-03-25");
  const auto& lapsed = only_event<ConsultationLapsed>(f.tick(LapseConsultation{1}));
  CHECK(lapsed.lapse_on == d("2021-03-24"));
  CHECK(lapsed.deemed_opinion == Opinion::agency_decides);
  CHECK(f.refusal(f.handler, RecordConsultationReply{1, d("2021-03-25"), Opinion::consent, ""}) ==
        "consultation_not_open");
  const auto& reply = only_event<ConsultationReplied>(
      f.given(f.handler, RecordConsultationReply{1, d("2021-03-24"), Opinion::consent, ""}));
  CHECK(reply.voids_lapse);
  CHECK(f.state.consultation(1)->opinion == Opinion::consent);
  CHECK_FALSE(f.state.consultation(1)->lapsed_on.has_value());
}

TEST_CASE("a fee notice pauses the reply clock until paid", "[domain][cases][fees]") {
  CaseFixture f;
  f.registered("2021-03-01").on("2021-03-05");
  IssueFeeNotice notice{FeeBasis::per_page, 150, std::nullopt, 1700, d("2021-03-05")};
  const auto& e = only_event<FeeNoticeIssued>(f.given(f.handler, notice));
  CHECK(e.amount_yuan == 1700);
  CHECK(e.calculation.find("合计1700元") != std::string::npos);
  CHECK_FALSE(f.reply_due_on().has_value());
  CHECK(f.refusal(f.handler, notice) == "fee_already_notified");
  f.on("2021-03-10");
  CHECK(f.refusal(f.handler, RecordFeePayment{d("2021-03-10"), 1000, "R1"}) ==
        "fee_amount_mismatch");
  CHECK(f.refusal(f.handler, RecordFeePayment{d("2021-03-04"), 1700, "R1"}) ==
        "date_before_notice");
  f.given(f.handler, RecordFeePayment{d("2021-03-10"), 1700, "R1"});
  // (03-05, 03-10] holds 3 working days -> 2021-04-01.
  CHECK(f.reply_due_on() == d("2021-04-01"));
  CHECK(f.refusal(f.handler, RecordFeePayment{d("2021-03-10"), 1700, "R1"}) == "fee_already_paid");
}

TEST_CASE("fee notice refusals", "[domain][cases][fees]") {
  CaseFixture f;
  f.registered("2021-03-01").on("2021-03-05");
  CHECK(f.refusal(f.handler, RecordFeePayment{d("2021-03-05"), 100, "R"}) == "no_fee_pending");
  CHECK(f.refusal(f.handler, IssueFeeNotice{FeeBasis::per_page, 30, std::nullopt, 0,
                                            d("2021-03-05")}) == "fee_not_chargeable");
  CHECK(f.refusal(f.handler, IssueFeeNotice{FeeBasis::per_page, 31, std::nullopt, 20,
                                            d("2021-03-05")}) == "fee_amount_mismatch");
  CHECK(f.refusal(f.handler, IssueFeeNotice{FeeBasis::per_page, std::nullopt, std::nullopt, 10,
                                            d("2021-03-05")}) == "pages_required");
  CHECK(f.refusal(f.handler, IssueFeeNotice{FeeBasis::per_application, std::nullopt, std::nullopt,
                                            100, d("2021-03-05")}) ==
        "application_in_month_required");
  CHECK(f.refusal(f.handler, IssueFeeNotice{FeeBasis::per_application, std::nullopt, 10, 0,
                                            d("2021-03-05")}) == "fee_not_chargeable");
  // The reply was due 2021-03-29: a notice on 03-30 comes too late.
  f.on("2021-03-30");
  CHECK(f.refusal(f.handler, IssueFeeNotice{FeeBasis::per_application, std::nullopt, 11, 100,
                                            d("2021-03-30")}) == "fee_notice_after_due");
  // Recorded late but notified in time: accepted.
  f.given(f.handler,
          IssueFeeNotice{FeeBasis::per_application, std::nullopt, 11, 100, d("2021-03-29")});
}

TEST_CASE(
    "the fee lapses after 20 working days, a payment made in time and recorded late "
    "voids the lapse",
    "[domain][cases][fees]") {
  CaseFixture f;
  f.registered("2021-03-01").on("2021-03-05");
  f.given(f.handler,
          IssueFeeNotice{FeeBasis::per_application, std::nullopt, 31, 200, d("2021-03-05")});
  f.on("2021-04-02");  // the 20th working day after the notice: not yet lapsed
  CHECK(f.tick(LapseFee{}).empty());
  f.on("2021-04-06");
  const auto& lapsed = only_event<FeeLapsed>(f.tick(LapseFee{}));
  CHECK(lapsed.deadline_on == d("2021-04-02"));
  CHECK(f.state.stage == Stage::closed);
  CHECK(f.state.disposition == gongkai::domain::report::Disposition::other_fee_lapsed);
  CHECK(f.tick(LapseFee{}).empty());  // exactly once
  f.on("2021-04-07");
  CHECK(f.refusal(f.handler, RecordFeePayment{d("2021-04-06"), 200, "R"}) == "fee_deadline_passed");
  const auto& paid =
      only_event<FeePaid>(f.given(f.handler, RecordFeePayment{d("2021-04-02"), 200, "R"}));
  CHECK(paid.voids_lapse);
  CHECK(f.state.stage == Stage::in_progress);
  CHECK(f.state.closings.empty());
}

TEST_CASE("extension: approved by another supervisor, adds its days",
          "[domain][cases][extension]") {
  CaseFixture f;
  f.registered("2021-03-01").on("2021-03-22");
  CHECK(f.refusal(f.handler, NotifyExtension{d("2021-03-22"), "电话"}) == "extension_not_approved");
  CHECK(f.refusal(f.supervisor, ApproveExtension{"", std::nullopt}) == "no_pending_extension");
  f.given(f.handler, RequestExtension{10, "需调取档案", std::nullopt});
  CHECK(f.refusal(f.handler, ApproveExtension{"", std::nullopt}) == "role_forbids");
  const auto& approved =
      only_event<ExtensionApproved>(f.given(f.supervisor, ApproveExtension{"同意", std::nullopt}));
  CHECK(approved.days == 10);
  // 2021-03-29 + 10 working days (Qingming 04-05 off) = 2021-04-13.
  CHECK(f.reply_due_on() == d("2021-04-13"));
  const auto due = reply_due(f.state, f.calendar);
  REQUIRE(due->explanation.extension.has_value());
  CHECK(due->explanation.extension->approved_by == f.supervisor.id);
  CHECK(due->explanation.extension->requested_by == f.handler.id);
  f.given(f.handler, NotifyExtension{d("2021-03-22"), "电话"});
  CHECK(f.refusal(f.handler, NotifyExtension{d("2021-03-22"), "电话"}) ==
        "extension_already_notified");
  CHECK(f.refusal(f.handler, RequestExtension{5, "再延", std::nullopt}) ==
        "extension_already_used");
}

TEST_CASE("extension refusals", "[domain][cases][extension]") {
  CaseFixture f;
  f.registered("2021-03-01").on("2021-03-22");
  CHECK(f.refusal(f.handler, RequestExtension{21, "x", std::nullopt}) == "extension_too_long");
  CHECK(f.refusal(f.handler, RequestExtension{0, "x", std::nullopt}) == "extension_days_invalid");
  CHECK(f.refusal(f.handler, RequestExtension{5, "", std::nullopt}) == "reason_required");
  f.on("2021-03-30");
  CHECK(f.refusal(f.handler, RequestExtension{5, "x", std::nullopt}) == "extension_after_due");
  // Recorded late, requested on the due date itself: accepted.
  f.given(f.handler, RequestExtension{5, "x", d("2021-03-29")});
  CHECK(f.refusal(f.handler, RequestExtension{5, "x", d("2021-03-29")}) ==
        "extension_already_used");
  CHECK(f.refusal(f.supervisor, ApproveExtension{"", d("2021-03-26")}) == "date_before_request");
}

TEST_CASE("extension: the requester may not approve it, even holding both roles",
          "[domain][cases][extension]") {
  CaseFixture f;
  f.registered("2021-03-01").on("2021-03-22");
  const Actor boss_as_handler{"u-boss", Role::handler, {"D1"}};
  const Actor boss_as_supervisor{"u-boss", Role::supervisor, {"D1"}};
  f.given(boss_as_handler, RequestExtension{10, "x", std::nullopt});
  CHECK(f.refusal(boss_as_supervisor, ApproveExtension{"", std::nullopt}) ==
        "same_person_approval");
  CHECK(f.refusal(boss_as_supervisor, RejectExtension{"", std::nullopt}) == "same_person_approval");
  // Interpretation: a rejected request does not use up the one extension.
  f.given(f.supervisor, RejectExtension{"理由不足", std::nullopt});
  CHECK(f.reply_due_on() == d("2021-03-29"));
  f.given(f.handler, RequestExtension{10, "补充理由", std::nullopt});
  f.given(boss_as_supervisor, ApproveExtension{"同意", std::nullopt});
  CHECK(f.reply_due_on() == d("2021-04-13"));
}

TEST_CASE("consultation replies carry a real opinion, notices follow approvals",
          "[domain][cases]") {
  CaseFixture f;
  f.registered("2021-03-01").on("2021-03-03");
  f.given(f.handler, StartConsultation{ConsultationKind::third_party, "某公司", d("2021-03-02"),
                                       std::nullopt});
  // `agency_decides` is what a lapse deems, never what a party answers.
  CHECK(f.refusal(f.handler, RecordConsultationReply{1, d("2021-03-03"), Opinion::agency_decides,
                                                     ""}) == "invalid_opinion");
  f.given(f.handler, RequestExtension{5, "x", d("2021-03-02")});
  f.given(f.supervisor, ApproveExtension{"同意", d("2021-03-03")});
  CHECK(f.refusal(f.handler, NotifyExtension{d("2021-03-02"), "电话"}) == "date_before_approval");
  CHECK(f.refusal(f.handler, NotifyExtension{d("2021-03-03"), ""}) == "method_required");
  f.given(f.handler, NotifyExtension{d("2021-03-03"), "电话"});
}
