// The "cases" projection on a real store fed by the real decider: the view after each step,
// masking, the clock computed for the reader's day (equal to the domain's reply_clock_view), list
// filters and paging, events it must ignore, and live state equal to rebuilt state.
#include <catch2/catch.hpp>
#include <chrono>

#include "domain/cases/case_clocks.h"
#include "domain/fees/fee_calculator.h"
#include "projections/cases/case_folds.h"
#include "views_fixture.h"

using namespace gongkai;
using namespace gongkai::testing;

namespace {

const char* const kCase = "CJZ-2021-00001";

// The domain's clock for `today`, in API.md's shape, to compare with the view's.
Json expected_clock(const dc::CaseState& state, std::string_view today,
                    const domain::time::Calendar& calendar) {
  const auto v = dc::reply_clock_view(state, d(today), calendar);
  const char* status = v.status == dc::ClockStatus::running  ? "running"
                       : v.status == dc::ClockStatus::paused ? "paused"
                                                             : "stopped";
  return {{"status", status},
          {"reply_due_on", v.reply_due_on ? Json(v.reply_due_on->to_string()) : Json(nullptr)},
          {"working_days_left", v.working_days_left ? Json(*v.working_days_left) : Json(nullptr)},
          {"due_soon", v.due_soon},
          {"overdue", v.overdue},
          {"paused_by", v.paused_by},
          {"extension",
           {{"days", v.extension_days},
            {"approved_by",
             v.extension_approved_by ? Json(*v.extension_approved_by) : Json(nullptr)}}}};
}

Json list(const ViewsFixture& f, const projections::CaseFilters& filters, std::string_view today,
          std::size_t limit = 0, std::string_view cursor = "") {
  auto body = projections::CaseQueries(*f.store, f.calendar).list(filters, d(today), limit, cursor);
  REQUIRE(body.ok());
  return Json::parse(*body);
}

}  // namespace

TEST_CASE("the case view shows the registered case with a masked identity number",
          "[projections][cases]") {
  ViewsFixture f;
  f.registered(kCase, "2021-03-01");
  const Json view = f.case_view(kCase, "2021-03-01");
  CHECK(view.at("id") == kCase);
  CHECK(view.at("agency") == "CJZ");
  CHECK(view.at("stage") == "in_progress");
  CHECK(view.at("version") == f.states[kCase].version);
  CHECK(view.at("applicant") == Json{{"type", "natural_person"},
                                     {"name", "张三"},
                                     {"id_number_masked", "370303********1234"}});
  CHECK(view.at("channel") == "in_person");
  CHECK(view.at("received_on") == "2021-03-01");
  CHECK(view.at("department") == "D1");
  CHECK(view.at("handler").is_null());
  CHECK(view.at("clock") == expected_clock(f.states[kCase], "2021-03-01", f.calendar));
  CHECK(view.at("clock").at("status") == "running");
  CHECK_FALSE(view.contains("clock_basis"));
  for (const char* field : {"fee", "review", "disposition", "closed_on", "archive"}) {
    CHECK(view.at(field).is_null());
  }
  // The full number is nowhere in any projection's state (only in the log).
  for (const auto& [key, value] : f.all_state()) {
    INFO(key);
    CHECK(value.find("370303199001011234") == std::string::npos);
    CHECK(value.find("13800000000") == std::string::npos);
    CHECK(value.find("zhangsan@example.cn") == std::string::npos);
  }
}

TEST_CASE("the case view follows each step to the archive", "[projections][cases]") {
  ViewsFixture f;
  f.registered(kCase, "2021-03-01");
  f.run(kCase, "2021-03-02", f.registrar, dc::AssignCase{"D1", "u-handler"});
  CHECK(f.case_view(kCase, "2021-03-02").at("handler") == "u-handler");

  f.run(kCase, "2021-03-03", f.handler,
        dc::StartConsultation{dc::ConsultationKind::third_party, "某公司", d("2021-03-03"), {}});
  Json view = f.case_view(kCase, "2021-03-04");
  REQUIRE(view.at("consultations").size() == 1);
  CHECK(view.at("consultations")[0].at("party") == "某公司");
  CHECK(view.at("consultations")[0].at("open") == true);
  CHECK(view.at("clock").at("status") == "paused");
  CHECK(view.at("clock").at("paused_by") == Json::array({"consultation:1"}));

  f.run(kCase, "2021-03-08", f.handler,
        dc::RecordConsultationReply{1, d("2021-03-08"), dc::Opinion::consent, ""});
  f.run(kCase, "2021-03-09", f.handler, dc::RequestExtension{10, "需要协调", std::nullopt});
  f.run(kCase, "2021-03-09", f.supervisor, dc::ApproveExtension{"同意", std::nullopt});
  view = f.case_view(kCase, "2021-03-10");
  CHECK(view.at("clock").at("extension") == Json{{"days", 10}, {"approved_by", "u-supervisor"}});
  CHECK(view.at("clock") == expected_clock(f.states[kCase], "2021-03-10", f.calendar));

  f.run(kCase, "2021-03-15", f.handler,
        dc::SubmitReply{"partially_disclosed", "《条例》第三十七条", "答复如下", {}});
  view = f.case_view(kCase, "2021-03-15");
  CHECK(view.at("stage") == "under_review");
  CHECK(view.at("review").at("disposition") == "partially_disclosed");
  CHECK(view.at("review").at("approved_by").is_null());

  f.run(kCase, "2021-03-16", f.supervisor, dc::ApproveReply{"同意"});
  f.run(kCase, "2021-03-17", f.handler, dc::IssueReply{d("2021-03-17"), dc::ServiceMethod::post});
  view = f.case_view(kCase, "2021-03-18");
  CHECK(view.at("stage") == "closed");
  CHECK(view.at("disposition") == "partially_disclosed");
  CHECK(view.at("closed_on") == "2021-03-17");
  CHECK(view.at("clock").at("status") == "stopped");
  CHECK(view.at("clock").at("working_days_left").is_null());

  f.run(kCase, "2021-03-18", f.handler, dc::ArchiveCase{"WS-2021-001", 10});
  view = f.case_view(kCase, "2021-03-18");
  CHECK(view.at("stage") == "archived");
  CHECK(view.at("archive") == Json{{"archive_no", "WS-2021-001"}, {"retention_years", 10}});
  CHECK(view.at("version") == f.states[kCase].version);
}

TEST_CASE("the view's clock equals the domain's reply clock on every day it is read",
          "[projections][cases]") {
  ViewsFixture f;
  f.registered(kCase, "2021-03-01");
  // A consultation whose pause ends in the future, then a fee notice that holds the clock open.
  f.run(kCase, "2021-03-05", f.handler,
        dc::StartConsultation{dc::ConsultationKind::co_producer, "某局", d("2021-03-05"), {}});
  dc::IssueFeeNotice notice;
  notice.basis = dc::FeeBasis::per_page;
  notice.pages = 200;
  notice.amount_yuan = 100;
  notice.notified_on = d("2021-03-08");
  SECTION("paused by a consultation with a known end") {}
  SECTION("paused by an unpaid fee notice") {
    auto quote = domain::fees::per_page_fee(200);
    REQUIRE(quote.ok());
    notice.amount_yuan = quote->amount_yuan;
    f.run(kCase, "2021-03-08", f.handler, notice);
    CHECK_FALSE(f.case_view(kCase, "2021-03-09").at("fee").is_null());
  }
  SECTION("reopened with a date fixed by a decision") {
    f.run(kCase, "2021-03-12", f.handler,
          dc::RecordConsultationReply{1, d("2021-03-12"), dc::Opinion::object, "商业秘密"});
    f.run(kCase, "2021-03-15", f.handler,
          dc::SubmitReply{"withheld.third_party_rights", "第三十二条", "不予公开", {}});
    f.run(kCase, "2021-03-15", f.supervisor, dc::ApproveReply{"同意"});
    f.run(kCase, "2021-03-16", f.handler, dc::IssueReply{d("2021-03-16"), dc::ServiceMethod::post});
    f.run(kCase, "2021-04-20", f.supervisor,
          dc::ReopenCase{dc::ReopenBasis::reconsideration, "复议〔2021〕3号", d("2021-04-20"),
                         d("2021-05-06")});
    CHECK(f.case_view(kCase, "2021-04-21").at("clock").at("reply_due_on") == "2021-05-06");
  }
  for (auto day = d("2021-03-01"); day <= d("2021-05-10"); day = day.next()) {
    INFO(day.to_string());
    CHECK(f.case_view(kCase, day.to_string()).at("clock") ==
          expected_clock(f.states[kCase], day.to_string(), f.calendar));
  }
}

TEST_CASE("the case list finds text that JSON escapes, such as quotes and backslashes",
          "[projections][cases]") {
  // Given descriptions with a quote and a backslash (stored escaped in the view's JSON)
  ViewsFixture f;
  f.registered("CJZ-2021-00001", "2021-03-01", "D1", "张三", "申请公开\"道路\"规划");
  f.registered("CJZ-2021-00002", "2021-03-10", "D2", "李四", "文号 a\\b 的文件");
  using projections::CaseFilters;
  // Then q finds them by the text as written, not as escaped
  CHECK(ids(list(f, CaseFilters{.q = "\"道路\""}, "2021-03-22")) ==
        std::vector<std::string>{"CJZ-2021-00001"});
  CHECK(ids(list(f, CaseFilters{.q = "a\\b"}, "2021-03-22")) ==
        std::vector<std::string>{"CJZ-2021-00002"});
  CHECK(ids(list(f, CaseFilters{.q = "a\\\\b"}, "2021-03-22")).empty());
}

TEST_CASE("the case list filters, pages and refuses a limit above 500", "[projections][cases]") {
  ViewsFixture f;
  f.registered("CJZ-2021-00001", "2021-03-01", "D1", "张三", "申请公开道路规划");
  f.registered("CJZ-2021-00002", "2021-03-10", "D2", "李四", "申请公开拆迁补偿");
  f.registered("CJZ-2021-00003", "2021-03-20", std::nullopt, "王五", "申请公开道路工程预算");
  f.run("CJZ-2021-00001", "2021-03-02", f.registrar, dc::AssignCase{"D1", "u-handler"});
  using projections::CaseFilters;

  CHECK(ids(list(f, {}, "2021-03-22")) ==
        std::vector<std::string>{"CJZ-2021-00001", "CJZ-2021-00002", "CJZ-2021-00003"});
  CHECK(ids(list(f, CaseFilters{.stage = "registered"}, "2021-03-22")) ==
        std::vector<std::string>{"CJZ-2021-00003"});
  CHECK(ids(list(f, CaseFilters{.department = "D2"}, "2021-03-22")) ==
        std::vector<std::string>{"CJZ-2021-00002"});
  CHECK(ids(list(f, CaseFilters{.handler = "u-handler"}, "2021-03-22")) ==
        std::vector<std::string>{"CJZ-2021-00001"});
  CHECK(ids(list(f, CaseFilters{.received_from = d("2021-03-10"), .received_to = d("2021-03-19")},
                 "2021-03-22")) == std::vector<std::string>{"CJZ-2021-00002"});
  CHECK(ids(list(f, CaseFilters{.q = "道路"}, "2021-03-22")) ==
        std::vector<std::string>{"CJZ-2021-00001", "CJZ-2021-00003"});
  CHECK(ids(list(f, CaseFilters{.q = "李四"}, "2021-03-22")) ==
        std::vector<std::string>{"CJZ-2021-00002"});
  // q matches the description and the name only, not other text of the stored view
  CHECK(ids(list(f, CaseFilters{.q = "D2"}, "2021-03-22")).empty());
  CHECK(ids(list(f, CaseFilters{.q = "registered"}, "2021-03-22")).empty());
  // Overdue is judged for the day asked: case 1 falls due on 2021-03-29.
  CHECK(ids(list(f, CaseFilters{.overdue = true}, "2021-03-29")).empty());
  CHECK(ids(list(f, CaseFilters{.overdue = true}, "2021-03-30")) ==
        std::vector<std::string>{"CJZ-2021-00001"});
  CHECK(ids(list(f, CaseFilters{.overdue = false}, "2021-03-30")) ==
        std::vector<std::string>{"CJZ-2021-00002", "CJZ-2021-00003"});

  const Json summary = list(f, CaseFilters{.department = "D1"}, "2021-03-22").at("items")[0];
  CHECK(summary.at("applicant").at("id_number_masked") == "370303********1234");
  CHECK_FALSE(summary.contains("consultations"));
  CHECK(summary.at("clock").at("reply_due_on") == "2021-03-29");

  const Json first = list(f, {}, "2021-03-22", 2);
  CHECK(ids(first) == std::vector<std::string>{"CJZ-2021-00001", "CJZ-2021-00002"});
  REQUIRE(first.at("next_cursor").is_string());
  const Json second = list(f, {}, "2021-03-22", 2, first.at("next_cursor").get<std::string>());
  CHECK(ids(second) == std::vector<std::string>{"CJZ-2021-00003"});
  CHECK(second.at("next_cursor").is_null());

  auto refused = projections::CaseQueries(*f.store, f.calendar).list({}, d("2021-03-22"), 501, "");
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.status().reason() == "limit_invalid");
  auto missing =
      projections::CaseQueries(*f.store, f.calendar).get("CJZ-2021-09999", d("2021-03-22"));
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().code() == domain::Code::not_found);
  CHECK(missing.status().reason() == "case_not_found");
}

TEST_CASE("events of other streams and unknown case event types are ignored",
          "[projections][cases]") {
  ViewsFixture f;
  eventstore::AppendRequest other;
  other.stream = "user-42";
  other.events.push_back({"ev-user", "user.created.v1", R"({"name":"x"})", "admin:u-admin", "", "",
                          domain::time::Instant::from_unix_seconds(0)});
  REQUIRE(f.store->append(std::move(other)).ok());
  eventstore::AppendRequest unknown;
  unknown.stream = "case-CJZ-2021-00077";
  unknown.events.push_back({"ev-unknown", "case.teleported.v9", R"({"case_id":"CJZ-2021-00077"})",
                            "system", "", "", domain::time::Instant::from_unix_seconds(0)});
  REQUIRE(f.store->append(std::move(unknown)).ok());
  f.registered(kCase, "2021-03-01");

  auto cases = f.store->scan_state("cases/case/", 100);
  REQUIRE(cases.ok());
  REQUIRE(cases->size() == 1);
  CHECK(cases->front().first == "cases/case/CJZ-2021-00001");
  CHECK(f.store->scan_state("cases/events/", 10)->empty());  // no copies of events (version 2)
  CHECK(f.store->get_state("checkpoint/cases").value() ==
        "2 " + std::to_string(f.store->head_position()));
}

TEST_CASE("agency and padded keys", "[projections][cases]") {
  CHECK(projections::agency_of("CJZ-2021-00001") == "CJZ");
  CHECK(projections::padded(42, 6) == "000042");
  CHECK(projections::date_key(d("2021-03-09")) == "20210309");
}

TEST_CASE("the cases state built live equals the state rebuilt from the log",
          "[projections][cases]") {
  ViewsFixture f;
  f.registered("CJZ-2021-00001", "2021-03-01");
  f.registered("CJZ-2021-00002", "2021-03-02", std::nullopt);
  f.run("CJZ-2021-00002", "2021-03-03", f.registrar, dc::AssignCase{"D1", "u-handler2"});
  f.run("CJZ-2021-00001", "2021-03-04", f.handler, dc::TransferCase{"D2", "职责不属"});
  f.run("CJZ-2021-00002", "2021-03-05", f.handler2,
        dc::WithdrawApplication{d("2021-03-05"), "撤回"});
  const auto live = f.all_state();
  f.reopen({"cases", "queues", "deadlines"});
  CHECK(f.all_state() == live);
  CHECK(f.case_view("CJZ-2021-00001", "2021-03-05").at("department") == "D2");
}

// Not run by default (hidden tag): how fast the three case views rebuild, for
// projections/README.md.
TEST_CASE("rebuild rate of the cases, queues and deadlines views", "[.bench][projections]") {
  ViewsFixture f;
  for (int i = 1; i <= 400; ++i) {
    const std::string id = "CJZ-2021-" + projections::padded(static_cast<std::uint64_t>(i), 5);
    f.registered(id, "2021-03-01");
    f.run(id, "2021-03-02", f.registrar, dc::AssignCase{"D1", "u-handler"});
    f.run(id, "2021-03-03", f.handler,
          dc::StartConsultation{dc::ConsultationKind::third_party, "某公司", d("2021-03-03"), {}});
    f.run(id, "2021-03-05", f.handler,
          dc::RecordConsultationReply{1, d("2021-03-05"), dc::Opinion::consent, ""});
    f.run(id, "2021-03-08", f.handler, dc::AddNote{"已核实"});
    f.run(id, "2021-03-09", f.handler, dc::SubmitReply{"disclosed", "第二十七条", "答复", {}});
    f.run(id, "2021-03-10", f.supervisor, dc::ApproveReply{"同意"});
    f.run(id, "2021-03-11", f.handler, dc::IssueReply{d("2021-03-11"), dc::ServiceMethod::post});
  }
  const auto events = f.store->head_position();
  auto start = std::chrono::steady_clock::now();
  f.reopen();  // opening alone: the baseline
  const std::chrono::duration<double> open = std::chrono::steady_clock::now() - start;
  start = std::chrono::steady_clock::now();
  f.reopen({"cases", "queues", "deadlines"});
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  const double replay = took.count() - open.count();
  WARN(events << " events rebuilt in " << took.count() << " s (open alone " << open.count()
              << " s): " << events / replay << " events/s for the three views");
}

namespace {

// Stands in for the cases projection and writes a value no query can read.
class GarbageCases final : public projections::Projection {
 public:
  std::string_view name() const override { return "cases"; }
  int version() const override { return 1; }
  void apply(const eventstore::RecordedEvent& /*event*/, projections::StateWriter& state) override {
    state.put("case/CJZ-2021-00001", "not json");
  }
};

}  // namespace

TEST_CASE("a stored document the query cannot read is an internal error, not a crash",
          "[projections][cases]") {
  TempDir dir;
  eventstore::RocksDbEventStore::Options options;
  options.directory = dir.path();
  options.hooks = {std::make_shared<projections::ProjectionHost>(
      std::vector<std::shared_ptr<projections::Projection>>{std::make_shared<GarbageCases>()})};
  auto store = eventstore::RocksDbEventStore::open(std::move(options));
  REQUIRE(store.ok());
  eventstore::AppendRequest request;
  request.stream = "case-CJZ-2021-00001";
  request.events.push_back({"ev-1", "case.anything.v1", "{}", "system", "", "",
                            domain::time::Instant::from_unix_seconds(0)});
  REQUIRE((*store)->append(std::move(request)).ok());
  const projections::CaseQueries queries(**store, china_calendar());
  auto one = queries.get("CJZ-2021-00001", d("2021-03-01"));
  REQUIRE_FALSE(one.ok());
  CHECK(one.status().code() == domain::Code::internal);
  CHECK(one.status().reason() == "projection_state_corrupt");
  auto many = queries.list({}, d("2021-03-01"), 0, "");
  REQUIRE_FALSE(many.ok());
  CHECK(many.status().reason() == "projection_state_corrupt");
}
