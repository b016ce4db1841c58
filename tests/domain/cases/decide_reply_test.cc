// Given/When/Then for the reply and after: submit, review, issue, archive, reopen, remedies, and
// the stage table.
#include <catch2/catch.hpp>

#include "support/case_fixture.h"

using namespace gongkai::domain::cases;
using gongkai::domain::policy::Actor;
using gongkai::domain::policy::Role;
using gongkai::domain::report::Disposition;
using gongkai::testing::CaseFixture;
using gongkai::testing::d;
using gongkai::testing::only_event;

TEST_CASE("reply: submitted, approved by another person, served, closes with the disposition",
          "[domain][cases][reply]") {
  CaseFixture f;
  f.registered("2021-03-01").on("2021-03-10");
  const auto& submitted = only_event<ReplySubmitted>(f.given(
      f.handler, SubmitReply{"withheld.third_party_rights", "《条例》第十五条", "不予公开", {}}));
  CHECK(submitted.disposition == Disposition::withheld_third_party_rights);
  CHECK(f.state.stage == Stage::under_review);
  f.given(f.supervisor, ApproveReply{"同意"});
  CHECK(f.state.stage == Stage::approved);
  f.on("2021-03-12");
  const auto& issued = only_event<ReplyIssued>(
      f.given(f.registrar, IssueReply{d("2021-03-11"), ServiceMethod::post}));
  CHECK(issued.disposition == Disposition::withheld_third_party_rights);
  CHECK(f.state.stage == Stage::closed);
  CHECK(f.state.closed_on == d("2021-03-11"));
  REQUIRE(f.state.closings.size() == 1);
  const auto view = reply_clock_view(f.state, d("2021-04-30"), f.calendar);
  CHECK(view.status == ClockStatus::stopped);
  CHECK_FALSE(view.overdue);
}

TEST_CASE("reply: refuses unknown dispositions and the timer's lapse dispositions",
          "[domain][cases][reply]") {
  CaseFixture f;
  f.registered("2021-03-01");
  CHECK(f.refusal(f.handler, SubmitReply{"approved", "x", "y", {}}) == "invalid_disposition");
  CHECK(f.refusal(f.handler, SubmitReply{"other.correction_lapsed", "x", "y", {}}) ==
        "invalid_disposition");
  CHECK(f.refusal(f.handler, SubmitReply{"other.fee_lapsed", "x", "y", {}}) ==
        "invalid_disposition");
  CHECK(f.refusal(f.handler, SubmitReply{"disclosed", "", "y", {}}) == "legal_basis_required");
  CHECK(f.refusal(f.handler, SubmitReply{"disclosed", "x", "", {}}) == "reply_text_required");
  CHECK(f.refusal(f.handler, SubmitReply{"disclosed", "x", "y", {{"a.pdf", "abc", 10}}}) ==
        "invalid_attachment");
  CHECK(f.refusal(f.supervisor, SubmitReply{"disclosed", "x", "y", {}}) == "role_forbids");
}

TEST_CASE("review: the submitter may not approve or return their own draft",
          "[domain][cases][reply]") {
  CaseFixture f;
  f.registered("2021-03-01");
  const Actor boss_as_handler{"u-boss", Role::handler, {"D1"}};
  const Actor boss_as_supervisor{"u-boss", Role::supervisor, {}};
  f.given(boss_as_handler, SubmitReply{"disclosed", "x", "y", {}});
  CHECK(f.refusal(boss_as_supervisor, ApproveReply{"ok"}) == "same_person_approval");
  CHECK(f.refusal(boss_as_supervisor, ReturnReply{"redo"}) == "same_person_approval");
  CHECK(f.refusal(f.supervisor, ReturnReply{""}) == "comment_required");
  f.given(f.supervisor, ReturnReply{"法律依据不准确"});
  CHECK(f.state.stage == Stage::in_progress);
  CHECK(f.state.last_return_comment == "法律依据不准确");
  CHECK_FALSE(f.state.review.has_value());
  CHECK(f.refusal(f.supervisor, ApproveReply{"ok"}) == "stage_forbids");
}

TEST_CASE("issue_reply: only once approved, served_on not in the future",
          "[domain][cases][reply]") {
  CaseFixture f;
  f.registered("2021-03-01").on("2021-03-10");
  CHECK(f.refusal(f.handler, IssueReply{d("2021-03-10"), ServiceMethod::email}) == "stage_forbids");
  f.given(f.handler, SubmitReply{"disclosed", "x", "y", {}});
  CHECK(f.refusal(f.handler, IssueReply{d("2021-03-10"), ServiceMethod::email}) == "stage_forbids");
  f.given(f.supervisor2, ApproveReply{"ok"});
  CHECK(f.refusal(f.handler, IssueReply{d("2021-03-11"), ServiceMethod::email}) ==
        "date_in_future");
  CHECK(f.refusal(f.handler, IssueReply{d("2021-02-26"), ServiceMethod::email}) ==
        "date_before_receipt");
  CHECK(f.refusal(f.auditor, IssueReply{d("2021-03-10"), ServiceMethod::email}) == "role_forbids");
}

TEST_CASE("archive: only from closed, with number and retention", "[domain][cases]") {
  CaseFixture f;
  f.registered("2021-03-01");
  CHECK(f.refusal(f.registrar, ArchiveCase{"A-1", 10}) == "stage_forbids");
  f.replied();
  CHECK(f.refusal(f.registrar, ArchiveCase{"", 10}) == "archive_no_required");
  CHECK(f.refusal(f.registrar, ArchiveCase{"A-1", 0}) == "retention_years_invalid");
  f.given(f.registrar, ArchiveCase{"A-1", 10});
  CHECK(f.state.stage == Stage::archived);
  CHECK(f.refusal(f.registrar, ArchiveCase{"A-1", 10}) == "stage_forbids");
  CHECK(f.refusal(f.handler, SubmitReply{"disclosed", "x", "y", {}}) == "stage_forbids");
}

TEST_CASE("reopen: after a decision, with the reply date it sets", "[domain][cases]") {
  CaseFixture f;
  f.registered("2021-03-01").on("2021-03-10");
  CHECK(f.refusal(f.supervisor, ReopenCase{ReopenBasis::reconsideration, "复议〔2021〕3号",
                                           d("2021-03-10"), d("2021-04-10")}) == "stage_forbids");
  f.replied("withheld.process_information");
  f.given(f.registrar, ArchiveCase{"A-1", 10});
  f.on("2021-06-01");
  CHECK(f.refusal(f.handler, ReopenCase{ReopenBasis::reconsideration, "x", d("2021-06-01"),
                                        d("2021-06-30")}) == "role_forbids");
  CHECK(f.refusal(f.supervisor, ReopenCase{ReopenBasis::reconsideration, "x", d("2021-06-01"),
                                           d("2021-06-01")}) == "due_not_after_decision");
  CHECK(f.refusal(f.supervisor, ReopenCase{ReopenBasis::reconsideration, "", d("2021-06-01"),
                                           d("2021-06-30")}) == "reference_required");
  CHECK(f.refusal(f.supervisor, ReopenCase{ReopenBasis::reconsideration, "x", d("2021-06-02"),
                                           d("2021-06-30")}) == "date_in_future");
  f.given(f.supervisor, ReopenCase{ReopenBasis::reconsideration, "复议〔2021〕3号", d("2021-05-31"),
                                   d("2021-06-30")});
  CHECK(f.state.stage == Stage::in_progress);
  CHECK_FALSE(f.state.disposition.has_value());
  const auto due = reply_due(f.state, f.calendar);
  REQUIRE(due.has_value());
  CHECK(due->due_on == d("2021-06-30"));
  CHECK(due->explanation.fixed_by ==
        std::optional<std::string>("reopened:reconsideration 复议〔2021〕3号"));
  // It closes again and counts again (interpretation): two closings.
  f.replied("disclosed");
  REQUIRE(f.state.closings.size() == 2);
  CHECK(f.state.closings[1].disposition == Disposition::disclosed);
}

TEST_CASE("record_remedy: only for a case that was closed", "[domain][cases]") {
  CaseFixture f;
  f.registered("2021-03-01").on("2021-03-10");
  CHECK(f.refusal(f.supervisor, RecordRemedy{RemedyKind::reconsideration, RemedyOutcome::pending,
                                             std::nullopt, "复议〔2021〕3号"}) == "stage_forbids");
  f.replied();
  CHECK(f.refusal(f.supervisor, RecordRemedy{RemedyKind::litigation, RemedyOutcome::upheld,
                                             std::nullopt, ""}) == "reference_required");
  CHECK(f.refusal(f.handler, RecordRemedy{RemedyKind::litigation, RemedyOutcome::upheld,
                                          std::nullopt, "x"}) == "role_forbids");
  const auto& e = only_event<RemedyRecorded>(
      f.given(f.supervisor, RecordRemedy{RemedyKind::litigation, RemedyOutcome::upheld,
                                         d("2021-03-10"), "（2021）鲁0303行初1号"}));
  CHECK(e.outcome == RemedyOutcome::upheld);
  CHECK(f.state.remedies.size() == 1);
}

TEST_CASE("stage_forbids: each step only in its stages", "[domain][cases]") {
  CaseFixture f;
  f.registered("2021-03-01").on("2021-03-02");
  f.given(f.handler, RequestCorrection{{"x"}, d("2021-03-16"), d("2021-03-02")});
  // correction_pending: no handling steps.
  CHECK(f.refusal(f.handler, StartConsultation{ConsultationKind::third_party, "p", d("2021-03-02"),
                                               std::nullopt}) == "stage_forbids");
  CHECK(f.refusal(f.handler, IssueFeeNotice{FeeBasis::per_page, 40, std::nullopt, 100,
                                            d("2021-03-02")}) == "stage_forbids");
  CHECK(f.refusal(f.handler, RequestExtension{5, "x", std::nullopt}) == "stage_forbids");
  CHECK(f.refusal(f.handler, SubmitReply{"disclosed", "x", "y", {}}) == "stage_forbids");
  CHECK(f.refusal(f.handler, TransferCase{"D2", "x"}) == "stage_forbids");
  const auto result = f.when(f.handler, SubmitReply{"disclosed", "x", "y", {}});
  CHECK(result.status().message().find("correction_pending") != std::string::npos);
  CHECK(result.status().code() == gongkai::domain::Code::failed_precondition);
}

TEST_CASE("visibility: a case the actor may not see is not found", "[domain][cases][policy]") {
  CaseFixture f;
  f.registered("2021-03-01");
  const Actor other_registrar{"u-registrar2", Role::registrar, {}};
  // Assigned and registered by someone else: invisible to another registrar.
  CHECK(f.refusal(other_registrar, AcknowledgeReceipt{d("2021-03-01"), "x"}) == "case_not_found");
  f.given(f.registrar, AcknowledgeReceipt{d("2021-03-01"), "x"});
  CHECK(f.refusal(f.other_handler, SubmitReply{"disclosed", "x", "y", {}}) == "case_not_found");
  const auto refused = f.when(f.admin, AddNote{"x"});
  CHECK(refused.status().code() == gongkai::domain::Code::permission_denied);
}
