// The "queues" projection on a real store fed by the real decider: a department's and a
// handler's open cases by reply due date (overdue first, paused last), working days left as of
// the reader's day, transfer and closing move cases out, paging, and live equal to rebuilt.
#include <catch2/catch.hpp>

#include "views_fixture.h"

using namespace gongkai;
using namespace gongkai::testing;
using projections::QueueOwner;

namespace {

Json queue(const ViewsFixture& f, const QueueOwner& owner, std::string_view today,
           std::size_t limit = 0, std::string_view cursor = "") {
  auto body = projections::QueueQueries(*f.store, f.calendar).queue(owner, d(today), limit, cursor);
  INFO(body.status().reason());
  REQUIRE(body.ok());
  return Json::parse(*body);
}

}  // namespace

TEST_CASE("a department's queue puts overdue cases first and paused cases last",
          "[projections][queues]") {
  ViewsFixture f;
  f.registered("CJZ-2021-00003", "2021-03-01");  // due 2021-03-29: overdue on 2021-04-01
  f.registered("CJZ-2021-00001", "2021-03-03");  // waiting for a correction: due date unknown
  f.registered("CJZ-2021-00002", "2021-03-10");  // due later
  f.run("CJZ-2021-00001", "2021-03-04", f.handler,
        dc::RequestCorrection{{"身份证明"}, d("2021-03-19"), d("2021-03-04")});

  const Json page = queue(f, QueueOwner::department("D1"), "2021-04-01");
  CHECK(ids(page) ==
        std::vector<std::string>{"CJZ-2021-00003", "CJZ-2021-00002", "CJZ-2021-00001"});
  const Json& overdue = page.at("items")[0];
  CHECK(overdue.at("overdue") == true);
  CHECK(overdue.at("working_days_left") == 0);
  CHECK(overdue.at("reply_due_on") == "2021-03-29");
  const Json& running = page.at("items")[1];
  CHECK(running.at("overdue") == false);
  CHECK(running.at("working_days_left") ==
        dc::reply_clock_view(f.states["CJZ-2021-00002"], d("2021-04-01"), f.calendar)
            .working_days_left.value());
  const Json& paused = page.at("items")[2];
  CHECK(paused.at("status") == "paused");
  CHECK(paused.at("stage") == "correction_pending");
  CHECK(paused.at("reply_due_on").is_null());
  CHECK(paused.at("working_days_left").is_null());

  // The correction arrives: the clock restarts and the case takes its place by date.
  f.run("CJZ-2021-00001", "2021-03-05", f.handler,
        dc::ReceiveCorrection{d("2021-03-05"), "已补正"});
  CHECK(ids(queue(f, QueueOwner::department("D1"), "2021-04-01")) ==
        std::vector<std::string>{"CJZ-2021-00003", "CJZ-2021-00001", "CJZ-2021-00002"});
}

TEST_CASE("working days left are counted for the day the queue is read", "[projections][queues]") {
  ViewsFixture f;
  f.registered("CJZ-2021-00001", "2021-03-01");
  for (auto day = d("2021-03-01"); day <= d("2021-04-02"); day = day.next()) {
    INFO(day.to_string());
    const auto expected = dc::reply_clock_view(f.states["CJZ-2021-00001"], day, f.calendar);
    const Json item = queue(f, QueueOwner::department("D1"), day.to_string()).at("items").at(0);
    CHECK(item.at("working_days_left") == expected.working_days_left.value());
    CHECK(item.at("due_soon") == expected.due_soon);
    CHECK(item.at("overdue") == expected.overdue);
  }
}

TEST_CASE("a handler's queue holds the cases assigned to them", "[projections][queues]") {
  ViewsFixture f;
  f.registered("CJZ-2021-00001", "2021-03-01");
  f.registered("CJZ-2021-00002", "2021-03-02");
  CHECK(ids(queue(f, QueueOwner::handler("u-handler"), "2021-03-02")).empty());
  f.run("CJZ-2021-00002", "2021-03-02", f.registrar, dc::AssignCase{"D1", "u-handler"});
  f.run("CJZ-2021-00001", "2021-03-02", f.registrar, dc::AssignCase{"D1", "u-handler2"});
  CHECK(ids(queue(f, QueueOwner::handler("u-handler"), "2021-03-02")) ==
        std::vector<std::string>{"CJZ-2021-00002"});
  CHECK(ids(queue(f, QueueOwner::handler("u-handler2"), "2021-03-02")) ==
        std::vector<std::string>{"CJZ-2021-00001"});
  // Reassigned within the department: it leaves the first handler's queue.
  f.run("CJZ-2021-00002", "2021-03-03", f.registrar, dc::AssignCase{"D1", "u-handler2"});
  CHECK(ids(queue(f, QueueOwner::handler("u-handler"), "2021-03-03")).empty());
  CHECK(ids(queue(f, QueueOwner::handler("u-handler2"), "2021-03-03")) ==
        std::vector<std::string>{"CJZ-2021-00001", "CJZ-2021-00002"});
}

TEST_CASE("a transfer moves the case to the new department's queue", "[projections][queues]") {
  ViewsFixture f;
  f.registered("CJZ-2021-00001", "2021-03-01");
  f.run("CJZ-2021-00001", "2021-03-01", f.registrar, dc::AssignCase{"D1", "u-handler"});
  f.run("CJZ-2021-00001", "2021-03-02", f.handler, dc::TransferCase{"D2", "职责不属"});
  CHECK(ids(queue(f, QueueOwner::department("D1"), "2021-03-02")).empty());
  CHECK(ids(queue(f, QueueOwner::handler("u-handler"), "2021-03-02")).empty());
  const Json d2 = queue(f, QueueOwner::department("D2"), "2021-03-02");
  CHECK(ids(d2) == std::vector<std::string>{"CJZ-2021-00001"});
  CHECK(d2.at("items")[0].at("department") == "D2");
  CHECK(d2.at("items")[0].at("handler").is_null());
}

TEST_CASE("closing a case removes it from every queue", "[projections][queues]") {
  ViewsFixture f;
  f.registered("CJZ-2021-00001", "2021-03-01");
  f.registered("CJZ-2021-00002", "2021-03-01");
  f.run("CJZ-2021-00001", "2021-03-01", f.registrar, dc::AssignCase{"D1", "u-handler"});
  f.run("CJZ-2021-00001", "2021-03-05", f.handler,
        dc::SubmitReply{"disclosed", "《条例》第二十七条", "答复如下", {}});
  // Under review is still open work.
  CHECK(ids(queue(f, QueueOwner::handler("u-handler"), "2021-03-05")).size() == 1);
  f.run("CJZ-2021-00001", "2021-03-08", f.supervisor, dc::ApproveReply{"同意"});
  f.run("CJZ-2021-00001", "2021-03-08", f.handler,
        dc::IssueReply{d("2021-03-08"), dc::ServiceMethod::post});
  f.run("CJZ-2021-00002", "2021-03-09", f.registrar,
        dc::WithdrawApplication{d("2021-03-09"), "申请人撤回"});
  CHECK(ids(queue(f, QueueOwner::department("D1"), "2021-03-09")).empty());
  CHECK(ids(queue(f, QueueOwner::handler("u-handler"), "2021-03-09")).empty());
  CHECK(f.store->scan_state("queues/at/", 10)->empty());
}

TEST_CASE("queues page with an opaque cursor and refuse bad requests", "[projections][queues]") {
  ViewsFixture f;
  for (int i = 1; i <= 5; ++i) {
    f.registered("CJZ-2021-0000" + std::to_string(i), "2021-03-0" + std::to_string(i));
  }
  std::vector<std::string> seen;
  std::string cursor;
  int pages = 0;
  do {
    const Json page = queue(f, QueueOwner::department("D1"), "2021-03-05", 2, cursor);
    for (const auto& id : ids(page)) seen.push_back(id);
    cursor = page.at("next_cursor").is_null() ? "" : page.at("next_cursor").get<std::string>();
    ++pages;
  } while (!cursor.empty() && pages < 10);
  CHECK(pages == 3);
  CHECK(seen == std::vector<std::string>{"CJZ-2021-00001", "CJZ-2021-00002", "CJZ-2021-00003",
                                         "CJZ-2021-00004", "CJZ-2021-00005"});
  const projections::QueueQueries queries(*f.store, f.calendar);
  CHECK(queries.queue(QueueOwner::department("D1"), d("2021-03-05"), 501, "").status().reason() ==
        "limit_invalid");
  CHECK(queries.queue(QueueOwner::department(""), d("2021-03-05"), 0, "").status().reason() ==
        "queue_owner_required");
}

TEST_CASE("a queue page's items carry their own text and the fields a merge orders them by",
          "[projections][queues]") {
  ViewsFixture f;
  f.registered("CJZ-2021-00002", "2021-03-01");
  f.registered("CJZ-2021-00001", "2021-03-03");  // waiting for a correction: due date unknown
  f.registered("CJZ-2021-00003", "2021-03-02");
  f.run("CJZ-2021-00001", "2021-03-04", f.handler,
        dc::RequestCorrection{{"身份证明"}, d("2021-03-19"), d("2021-03-04")});
  const projections::QueueQueries queries(*f.store, f.calendar);
  const auto owner = QueueOwner::department("D1");

  auto page = queries.queue_page(owner, d("2021-03-05"), 2, "");
  REQUIRE(page.ok());
  REQUIRE(page->items.size() == 2);
  CHECK(page->next_cursor.has_value());
  const Json written = queue(f, owner, "2021-03-05", 2);
  for (std::size_t i = 0; i < page->items.size(); ++i) {
    const auto& item = page->items[i];
    const Json parsed = Json::parse(item.json);
    CHECK(parsed == written.at("items")[i]);
    CHECK(item.id == parsed.at("id"));
    CHECK(item.department == "D1");
    CHECK(item.reply_due_on == parsed.at("reply_due_on"));
  }
  CHECK(page->items[0].id == "CJZ-2021-00002");
  CHECK(written.at("next_cursor") == *page->next_cursor);

  auto rest = queries.queue_page(owner, d("2021-03-05"), 2, *page->next_cursor);
  REQUIRE(rest.ok());
  REQUIRE(rest->items.size() == 1);
  CHECK(rest->items[0].id == "CJZ-2021-00001");
  CHECK(rest->items[0].reply_due_on.empty());  // paused: no due date
  CHECK_FALSE(rest->next_cursor.has_value());
  CHECK(queries.queue_page(QueueOwner::department(""), d("2021-03-05"), 0, "").status().reason() ==
        "queue_owner_required");
}

TEST_CASE("the queues state built live equals the state rebuilt from the log",
          "[projections][queues]") {
  ViewsFixture f;
  f.registered("CJZ-2021-00001", "2021-03-01");
  f.registered("CJZ-2021-00002", "2021-03-01");
  f.run("CJZ-2021-00001", "2021-03-02", f.registrar, dc::AssignCase{"D1", "u-handler"});
  f.run("CJZ-2021-00001", "2021-03-03", f.handler, dc::TransferCase{"D2", "职责不属"});
  f.run("CJZ-2021-00002", "2021-03-04", f.handler,
        dc::RequestCorrection{{"身份证明"}, d("2021-03-15"), d("2021-03-04")});
  auto live = f.store->scan_state("queues/", 10'000);
  REQUIRE(live.ok());
  f.reopen({"queues"});
  CHECK(f.store->scan_state("queues/", 10'000).value() == *live);
  CHECK(ids(queue(f, QueueOwner::department("D2"), "2021-03-04")) ==
        std::vector<std::string>{"CJZ-2021-00001"});
  // After the reopen the projection folds from its stored events (no fold in memory yet).
  f.run("CJZ-2021-00001", "2021-03-05", f.d2_handler, dc::TransferCase{"D1", "退回"});
  CHECK(ids(queue(f, QueueOwner::department("D2"), "2021-03-05")).empty());
  CHECK(ids(queue(f, QueueOwner::department("D1"), "2021-03-05")) ==
        std::vector<std::string>{"CJZ-2021-00001", "CJZ-2021-00002"});  // 2 waits: paused, last
}
