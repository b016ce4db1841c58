// The annual report read from the "reports" projection: reopened cases keep the table balanced,
// table 四 from remedies and reopenings, the balance check refuses a broken table, output is
// byte-identical for the same events, and the state built live equals the state rebuilt.
#include "projections/reports/annual_report.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "projections/case_store.h"

using namespace gongkai;
using namespace gongkai::testing;
namespace reports = projections::reports;
using domain::report::ApplicantType;
using Values = std::array<std::int64_t, 7>;

namespace {

reports::AnnualReport report_of(const CaseStore& cs, int year) {
  auto report = reports::annual_report(cs.store(), "CJZ", year);
  INFO(report.status().reason() << ": " << report.status().message());
  REQUIRE(report.ok());
  return std::move(report).value();
}

Values row(const reports::AnnualReport& report, std::string_view key) {
  const auto* line = reports::find_row(report, key);
  REQUIRE(line != nullptr);
  return line->values;
}

std::array<std::int64_t, 5> remedy(const reports::AnnualReport& report, std::string_view key) {
  const auto* line = reports::find_remedy(report, key);
  REQUIRE(line != nullptr);
  return line->values;
}

// R: received 2020, replied 2020, a reconsideration pending since January 2021 orders it reopened
// in March 2021, replied again in 2021. S: received and replied 2021, reopened on a court judgment
// in December 2021, open at the year's end.
void reopened_cases(CaseStore& cs) {
  auto r = CaseStore::open_case("CJZ-2020-00001", "2020-11-02");
  r.on("2020-11-20");
  r.replied("disclosed");
  r.on("2021-01-15");
  r.given(r.supervisor,
          dc::RecordRemedy{dc::RemedyKind::reconsideration, dc::RemedyOutcome::pending,
                           std::nullopt, "京政复〔2021〕1号"});
  r.on("2021-03-01");
  r.given(r.supervisor, dc::ReopenCase{dc::ReopenBasis::reconsideration, "京政复〔2021〕1号",
                                       d("2021-03-01"), d("2021-03-31")});
  r.on("2021-03-22");
  r.replied("partially_disclosed");
  cs.flush(r);

  auto s =
      CaseStore::open_case("CJZ-2021-00002", "2021-02-01", ApplicantType::commercial_enterprise);
  s.on("2021-02-26");
  s.replied("withheld.process_information");
  s.on("2021-12-01");
  s.given(s.supervisor, dc::ReopenCase{dc::ReopenBasis::litigation, "（2021）京0101行初1号",
                                       d("2021-12-01"), d("2021-12-31")});
  cs.flush(s);
}

}  // namespace

TEST_CASE("a reopened case counts as carried over in the year it is reopened",
          "[projections][reports][reopen]") {
  CaseStore cs;
  reopened_cases(cs);
  THEN("2020 closes R once") {
    const auto y2020 = report_of(cs, 2020);
    CHECK(row(y2020, "new") == Values{1, 0, 0, 0, 0, 0, 1});
    CHECK(row(y2020, "disclosed") == Values{1, 0, 0, 0, 0, 0, 1});
    CHECK(row(y2020, "carried_forward") == Values{});
  }
  AND_THEN("2021 counts both reopenings in 二, both closings in （七）, S carried forward") {
    const auto y2021 = report_of(cs, 2021);
    CHECK(row(y2021, "new") == Values{0, 1, 0, 0, 0, 0, 1});
    CHECK(row(y2021, "carried_over") == Values{1, 1, 0, 0, 0, 0, 2});
    CHECK(row(y2021, "partially_disclosed") == Values{1, 0, 0, 0, 0, 0, 1});
    CHECK(row(y2021, "withheld.process_information") == Values{0, 1, 0, 0, 0, 0, 1});
    CHECK(row(y2021, "total") == Values{1, 1, 0, 0, 0, 0, 2});
    CHECK(row(y2021, "carried_forward") == Values{0, 1, 0, 0, 0, 0, 1});
    CHECK(reports::check_balanced(y2021).ok());
  }
  AND_THEN("2022 carries S over") {
    CHECK(row(report_of(cs, 2022), "carried_over") == Values{0, 1, 0, 0, 0, 0, 1});
  }
  AND_THEN("table 四 of 2021 counts both reopenings as corrected, the pending remedy no more") {
    const auto y2021 = report_of(cs, 2021);
    CHECK(remedy(y2021, "reconsideration") == std::array<std::int64_t, 5>{0, 1, 0, 0, 1});
    CHECK(remedy(y2021, "litigation") == std::array<std::int64_t, 5>{0, 1, 0, 0, 1});
    CHECK(remedy(y2021, "litigation_after_reconsideration") == std::array<std::int64_t, 5>{});
    CHECK(remedy(report_of(cs, 2020), "reconsideration") == std::array<std::int64_t, 5>{});
  }
}

TEST_CASE("table 四 counts decided remedies in their year and pending ones until decided",
          "[projections][reports][remedies]") {
  CaseStore cs;
  auto t = CaseStore::open_case("CJZ-2021-00001", "2021-03-01");
  t.on("2021-03-15");
  t.replied("withheld.third_party_rights");
  t.on("2021-05-10");
  t.given(t.supervisor, dc::RecordRemedy{dc::RemedyKind::reconsideration,
                                         dc::RemedyOutcome::pending, std::nullopt, "复-1"});
  t.on("2021-06-10");
  t.given(t.supervisor, dc::RecordRemedy{dc::RemedyKind::litigation, dc::RemedyOutcome::other,
                                         std::nullopt, "诉-0"});
  t.on("2022-02-10");
  t.given(t.supervisor, dc::RecordRemedy{dc::RemedyKind::reconsideration, dc::RemedyOutcome::upheld,
                                         std::nullopt, "复-1"});
  t.on("2022-03-01");
  t.given(t.supervisor, dc::RecordRemedy{dc::RemedyKind::litigation_after_reconsideration,
                                         dc::RemedyOutcome::pending, std::nullopt, "诉-1"});
  cs.flush(t);
  const auto y2021 = report_of(cs, 2021);
  CHECK(remedy(y2021, "reconsideration") == std::array<std::int64_t, 5>{0, 0, 0, 1, 1});
  CHECK(remedy(y2021, "litigation") == std::array<std::int64_t, 5>{0, 0, 1, 0, 1});
  const auto y2022 = report_of(cs, 2022);
  CHECK(remedy(y2022, "reconsideration") == std::array<std::int64_t, 5>{1, 0, 0, 0, 1});
  CHECK(remedy(y2022, "litigation") == std::array<std::int64_t, 5>{});
  CHECK(remedy(y2022, "litigation_after_reconsideration") ==
        std::array<std::int64_t, 5>{0, 0, 0, 1, 1});
  CHECK(remedy(report_of(cs, 2023), "litigation_after_reconsideration") ==
        std::array<std::int64_t, 5>{0, 0, 0, 1, 1});
}

TEST_CASE("the balance check refuses a broken table and names the column",
          "[projections][reports][balance]") {
  CaseStore cs;
  reopened_cases(cs);
  auto report = report_of(cs, 2021);
  REQUIRE(reports::check_balanced(report).ok());
  SECTION("one cell off") {
    auto& carried_forward =
        const_cast<reports::ReportLine&>(*reports::find_row(report, "carried_forward"));
    carried_forward.values[2] += 1;  // research_institution
    const auto status = reports::check_balanced(report);
    REQUIRE_FALSE(status.ok());
    CHECK(status.code() == domain::Code::failed_precondition);
    CHECK(status.reason() == "report_unbalanced");
    CHECK_THAT(status.message(), Catch::Contains("research_institution"));
    CHECK(nlohmann::json::parse(reports::to_json(report))["checks"]["balanced"] == false);
  }
  SECTION("a row missing") {
    report.rows.erase(report.rows.begin());
    const auto status = reports::check_balanced(report);
    REQUIRE_FALSE(status.ok());
    CHECK(status.reason() == "report_unbalanced");
  }
}

TEST_CASE("the same year asked twice is byte-identical; a new event moves as_of_position",
          "[projections][reports][output]") {
  CaseStore cs;
  reopened_cases(cs);
  const auto first = report_of(cs, 2021);
  const auto second = report_of(cs, 2021);
  CHECK(reports::to_json(first) == reports::to_json(second));
  CHECK(reports::to_csv(first) == reports::to_csv(second));
  CHECK(first.as_of_position == cs.store().head_position());

  const auto json = nlohmann::ordered_json::parse(reports::to_json(first));
  std::vector<std::string> keys;
  for (const auto& item : json.items()) {
    keys.push_back(item.key());
  }
  CHECK(keys == std::vector<std::string>{"year", "agency", "columns", "rows", "remedies", "checks",
                                         "as_of_position"});
  CHECK(json["year"] == 2021);
  CHECK(json["agency"] == "CJZ");
  CHECK(json["columns"].size() == 7);
  CHECK(json["columns"][6] == "total");
  REQUIRE(json["rows"].size() == 25);
  CHECK(json["rows"][0]["key"] == "new");
  CHECK(json["rows"][0]["label_zh"] == "一、本年新收政府信息公开申请数量");
  CHECK(json["rows"][1]["values"] == nlohmann::ordered_json::array({1, 1, 0, 0, 0, 0, 2}));
  CHECK(json["rows"][4]["key"] == "withheld.state_secret");
  CHECK(json["rows"][4]["label_zh"] == "（三）不予公开 1.属于国家秘密");
  CHECK(json["rows"][23]["key"] == "total");
  CHECK(json["rows"][24]["key"] == "carried_forward");
  CHECK(json["checks"]["balanced"] == true);

  const std::string csv = reports::to_csv(first);
  CHECK(csv.rfind(
            "\xEF\xBB\xBFkey,项目,自然人,商业企业,科研机构,社会公益组织,法律服务机构,其他,总计\r\n",
            0) == 0);
  CHECK_THAT(
      csv, Catch::Contains("\r\ncarried_over,二、上年结转政府信息公开申请数量,1,1,0,0,0,0,2\r\n"));
  CHECK_THAT(csv, Catch::Contains("\r\n\r\nkey,项目,维持,纠正,其他,尚未审结,总计\r\n"));
  CHECK_THAT(csv, Catch::Contains("\r\nlitigation,行政诉讼（未经复议直接起诉）,0,1,0,0,1\r\n"));
  std::size_t lines = 0;
  for (std::size_t at = csv.find("\r\n"); at != std::string::npos; at = csv.find("\r\n", at + 2)) {
    ++lines;
  }
  CHECK(lines == 1 + 25 + 1 + 1 + 3);
  CHECK(csv.find('\n') == csv.find("\r\n") + 1);  // no bare LF

  WHEN("another event is appended") {
    auto more = CaseStore::open_case("CJZ-2021-00009", "2021-06-01");
    cs.flush(more);
    const auto third = report_of(cs, 2021);
    CHECK(third.as_of_position == first.as_of_position + 2);
    CHECK(reports::to_json(third) != reports::to_json(first));
  }
}

TEST_CASE("reports built live equal reports rebuilt from the log", "[projections][reports]") {
  CaseStore cs;
  reopened_cases(cs);
  auto voided =
      CaseStore::open_case("CJZ-2021-00003", "2021-03-01", ApplicantType::public_interest_org);
  voided.on("2021-03-02");
  voided.given(voided.handler,
               dc::RequestCorrection{{"请明确年份"}, d("2021-03-16"), d("2021-03-02")});
  voided.on("2021-03-17");
  voided.tick(dc::LapseCorrection{});
  voided.given(voided.handler, dc::ReceiveCorrection{d("2021-03-16"), "已补正"});
  cs.flush(voided);
  const auto live_state = cs.store().scan_state("reports/", 100000).value();
  const std::string live_json = reports::to_json(report_of(cs, 2021));
  REQUIRE(live_state.size() > 5);

  cs.open({"reports"});
  CHECK(cs.store().scan_state("reports/", 100000).value() == live_state);
  CHECK(reports::to_json(report_of(cs, 2021)) == live_json);
}
