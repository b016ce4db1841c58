// The "deadlines" projection on a real store fed by the real decider: the index holds each open
// clock the timer watches and drops it when the clock stops; due-soon and overdue lists; and the
// cases it names for the monitor are exactly those the domain's timer has something to do for.
#include <catch2/catch.hpp>

#include "domain/cases/case_timers.h"
#include "domain/fees/fee_calculator.h"
#include "projections/cases/case_folds.h"
#include "views_fixture.h"

using namespace gongkai;
using namespace gongkai::testing;

namespace {

// The index as "<due>/<case>/<clock>" keys.
std::vector<std::string> index_keys(const ViewsFixture& f) {
  std::vector<std::string> out;
  auto entries = f.store->scan_state("deadlines/due/", 10'000);  // kept: value() refers into it
  REQUIRE(entries.ok());
  for (const auto& [key, value] : *entries) {
    out.push_back(key.substr(std::string("deadlines/due/").size()));
  }
  return out;
}

Json due_soon(const ViewsFixture& f, int within, std::string_view today,
              std::optional<std::string> department = std::nullopt) {
  auto body =
      projections::DeadlineQueries(*f.store, f.calendar).due_soon(within, d(today), department);
  REQUIRE(body.ok());
  return Json::parse(*body);
}

Json overdue(const ViewsFixture& f, std::string_view as_of,
             std::optional<std::string> department = std::nullopt) {
  auto body = projections::DeadlineQueries(*f.store, f.calendar).overdue(d(as_of), department);
  REQUIRE(body.ok());
  return Json::parse(*body);
}

std::string key_of(const ViewsFixture& f, const std::string& id, std::string_view clock) {
  for (const auto& key : index_keys(f)) {
    if (key.find("/" + id + "/" + std::string(clock)) != std::string::npos) return key;
  }
  return "<none>";
}

}  // namespace

TEST_CASE("the index holds every open clock the timer watches and drops stopped ones",
          "[projections][deadlines]") {
  ViewsFixture f;
  const std::string id = "CJZ-2021-00001";
  f.registered(id, "2021-03-01");
  CHECK(index_keys(f) == std::vector<std::string>{"20210329/" + id + "/reply"});

  f.run(id, "2021-03-02", f.handler,
        dc::RequestCorrection{{"身份证明"}, d("2021-03-13"), d("2021-03-02")});
  // 2021-03-13 is a Saturday: the effective deadline is the next working day. No reply clock runs.
  CHECK(index_keys(f) == std::vector<std::string>{"20210315/" + id + "/correction"});

  f.run(id, "2021-03-05", f.handler, dc::ReceiveCorrection{d("2021-03-05"), "已补正"});
  f.run(id, "2021-03-08", f.handler,
        dc::StartConsultation{dc::ConsultationKind::third_party, "某公司", d("2021-03-08"), {}});
  const auto reply_due = dc::reply_due(f.states[id], f.calendar)->due_on.value();
  CHECK(key_of(f, id, "consultation:1") == "20210329/" + id + "/consultation:1");
  CHECK(key_of(f, id, "reply") == projections::date_key(reply_due) + "/" + id + "/reply");

  f.run(id, "2021-03-10", f.handler,
        dc::RecordConsultationReply{1, d("2021-03-10"), dc::Opinion::consent, ""});
  CHECK(key_of(f, id, "consultation:1") == "<none>");
  CHECK(index_keys(f).size() == 1);

  f.run(id, "2021-03-11", f.handler,
        dc::SubmitReply{"disclosed", "《条例》第二十七条", "答复如下", {}});
  f.run(id, "2021-03-11", f.supervisor, dc::ApproveReply{"同意"});
  f.run(id, "2021-03-12", f.handler, dc::IssueReply{d("2021-03-12"), dc::ServiceMethod::post});
  CHECK(index_keys(f).empty());
  CHECK(f.store->scan_state("deadlines/at/", 10)->empty());
}

TEST_CASE("due soon and overdue lists, by department, with days overdue and the holder",
          "[projections][deadlines]") {
  ViewsFixture f;
  f.registered("CJZ-2021-00001", "2021-03-01");        // reply due 2021-03-29
  f.registered("CJZ-2021-00002", "2021-03-02", "D2");  // reply due 2021-03-30
  f.registered("CJZ-2021-00003", "2021-03-15");        // reply due 2021-04-13 (Qingming 04-05)
  f.run("CJZ-2021-00001", "2021-03-02", f.registrar, dc::AssignCase{"D1", "u-handler"});

  // 2021-03-25 (Thu): 03-25, 03-26, 03-29 are three working days through case 1's date.
  CHECK(ids(due_soon(f, 3, "2021-03-25"), "case_id") == std::vector<std::string>{"CJZ-2021-00001"});
  CHECK(due_soon(f, 3, "2021-03-25").at("items")[0].at("working_days_left") == 3);
  CHECK(ids(due_soon(f, 4, "2021-03-25"), "case_id") ==
        std::vector<std::string>{"CJZ-2021-00001", "CJZ-2021-00002"});
  CHECK(ids(due_soon(f, 4, "2021-03-25", "D2"), "case_id") ==
        std::vector<std::string>{"CJZ-2021-00002"});
  CHECK(ids(due_soon(f, 3, "2021-03-30"), "case_id") ==
        std::vector<std::string>{"CJZ-2021-00002"});  // case 1's date has passed

  CHECK(ids(overdue(f, "2021-03-29"), "case_id").empty());
  const Json late = overdue(f, "2021-04-01");
  CHECK(ids(late, "case_id") == std::vector<std::string>{"CJZ-2021-00001", "CJZ-2021-00002"});
  CHECK(late.at("items")[0].at("days_overdue") == 3);
  CHECK(late.at("items")[0].at("working_days_overdue") == 3);
  CHECK(late.at("items")[0].at("handler") == "u-handler");
  CHECK(late.at("items")[0].at("department") == "D1");
  CHECK(ids(overdue(f, "2021-04-01", "D2"), "case_id") ==
        std::vector<std::string>{"CJZ-2021-00002"});
  CHECK(projections::DeadlineQueries(*f.store, f.calendar)
            .due_soon(-1, d("2021-03-25"))
            .status()
            .reason() == "within_invalid");
}

TEST_CASE("the monitor is pointed at exactly the cases the timer has work for, day by day",
          "[projections][deadlines]") {
  ViewsFixture f;
  f.registered("CJZ-2021-00001", "2021-03-01");
  f.registered("CJZ-2021-00002", "2021-03-02");
  f.registered("CJZ-2021-00003", "2021-03-03");
  f.run("CJZ-2021-00002", "2021-03-03", f.handler,
        dc::RequestCorrection{{"身份证明"}, d("2021-03-12"), d("2021-03-03")});
  f.run("CJZ-2021-00003", "2021-03-04", f.handler,
        dc::StartConsultation{dc::ConsultationKind::third_party, "某公司", d("2021-03-04"), {}});
  f.registered("CJZ-2021-00004", "2021-03-04");  // an unpaid fee: the fee lapses
  auto quote = domain::fees::per_page_fee(200);
  REQUIRE(quote.ok());
  dc::IssueFeeNotice notice;
  notice.basis = dc::FeeBasis::per_page;
  notice.pages = 200;
  notice.amount_yuan = quote->amount_yuan;
  notice.notified_on = d("2021-03-04");
  f.run("CJZ-2021-00004", "2021-03-04", f.handler, notice);
  CHECK(key_of(f, "CJZ-2021-00004", "fee_payment") != "<none>");
  const projections::DeadlineQueries queries(*f.store, f.calendar);
  int days_with_work = 0;
  for (auto day = d("2021-03-04"); day <= d("2021-05-31"); day = day.next()) {
    INFO(day.to_string());
    std::vector<std::string> expected;
    for (const auto& [id, state] : f.states) {
      if (!dc::due_timer_commands(state, office_hours(day), f.calendar).empty()) {
        expected.push_back(id);
      }
    }
    auto needing = queries.cases_needing_timer(office_hours(day));
    REQUIRE(needing.ok());
    CHECK(*needing == expected);
    if (!expected.empty()) ++days_with_work;
    for (const auto& id : *needing) f.tick(id, day.to_string());
    CHECK(queries.cases_needing_timer(office_hours(day))->empty());  // ticking did the work
  }
  CHECK(days_with_work >= 4);  // correction lapse, consultation lapse, warnings, missed dates
}

TEST_CASE("the deadlines state built live equals the state rebuilt from the log",
          "[projections][deadlines]") {
  ViewsFixture f;
  f.registered("CJZ-2021-00001", "2021-03-01");
  f.registered("CJZ-2021-00002", "2021-03-02");
  f.run("CJZ-2021-00002", "2021-03-03", f.handler,
        dc::StartConsultation{dc::ConsultationKind::co_producer, "某局", d("2021-03-03"), {}});
  f.tick("CJZ-2021-00001", "2021-03-25");
  f.tick("CJZ-2021-00002", "2021-04-30");
  auto live = f.store->scan_state("deadlines/", 10'000);
  REQUIRE(live.ok());
  f.reopen({"deadlines"});
  CHECK(f.store->scan_state("deadlines/", 10'000).value() == *live);
}
