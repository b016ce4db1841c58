// The "reports" projection on a real store, fed by the real decider: table 三 rows for every
// disposition and every applicant type, cases carried over and forward across a year boundary,
// voided lapses, reopened cases, table 四, the balance check, byte-identical output, live ==
// rebuilt.
#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>

#include "eventstore/case_event_samples.h"
#include "projections/case_store.h"
#include "projections/reports/annual_report.h"

using namespace gongkai;
using namespace gongkai::testing;
namespace reports = projections::reports;
namespace samples = testing::samples;
using domain::report::ApplicantType;
using domain::report::Disposition;

namespace {

reports::AnnualReport report_of(const CaseStore& cs, int year) {
  auto report = reports::annual_report(cs.store(), "CJZ", year);
  INFO(report.status().reason() << ": " << report.status().message());
  REQUIRE(report.ok());
  return std::move(report).value();
}

std::array<std::int64_t, 7> row(const reports::AnnualReport& report, std::string_view key) {
  const auto* line = reports::find_row(report, key);
  REQUIRE(line != nullptr);
  return line->values;
}

// The 7 values of a row with `n` in `column` (and in the total).
std::array<std::int64_t, 7> only(ApplicantType column, std::int64_t n = 1) {
  std::array<std::int64_t, 7> values{};
  values[static_cast<std::size_t>(column)] = n;
  values[6] = n;
  return values;
}
constexpr std::array<std::int64_t, 7> kZero{};

template <std::size_t... I>
std::vector<dc::CaseEvent> all_samples(std::index_sequence<I...> /*unused*/) {
  return {dc::CaseEvent(
      samples::full_sample(samples::Tag<std::variant_alternative_t<I, dc::CaseEvent>>{}))...};
}
// One full sample of every event type, in the variant's order.
std::vector<dc::CaseEvent> all_samples() {
  return all_samples(std::make_index_sequence<std::variant_size_v<dc::CaseEvent>>{});
}

std::string case_id(int n) {
  std::string digits = std::to_string(n);
  return "CJZ-2021-" + std::string(5 - digits.size(), '0') + digits;
}

// Closes the fixture's case in 2021 with `disposition` the way the law does it.
void close_with(CaseFixture& f, Disposition disposition) {
  switch (disposition) {
    case Disposition::other_correction_lapsed:
      f.on("2021-03-02");
      f.given(f.handler, dc::RequestCorrection{{"请明确年份"}, d("2021-03-16"), d("2021-03-02")});
      f.on("2021-03-17");
      f.tick(dc::LapseCorrection{});
      return;
    case Disposition::other_fee_lapsed:
      f.on("2021-03-05");
      f.given(f.handler, dc::IssueFeeNotice{dc::FeeBasis::per_application, std::nullopt, 31, 200,
                                            d("2021-03-05")});
      f.on("2021-04-06");
      f.tick(dc::LapseFee{});
      return;
    default:
      f.on("2021-03-15");
      f.replied(std::string(domain::report::disposition_code(disposition)));
      return;
  }
}

}  // namespace

TEST_CASE("table 三 counts every disposition in the applicant's column", "[projections][reports]") {
  CaseStore cs;
  std::map<std::string, std::array<std::int64_t, 7>> expected;
  std::array<std::int64_t, 7> received{};
  GIVEN("one 2021 case per disposition, the applicant types taken in turn, and a withdrawal") {
    int n = 0;
    for (const auto& report_row : domain::report::kReportRows) {
      const auto type = domain::report::kApplicantColumns[n % 6].value;
      auto f = CaseStore::open_case(case_id(++n), "2021-03-01", type);
      close_with(f, report_row.disposition);
      REQUIRE(f.state.disposition == report_row.disposition);
      cs.flush(f);
      expected[std::string(report_row.code)][static_cast<std::size_t>(type)] += 1;
      received[static_cast<std::size_t>(type)] += 1;
    }
    auto withdrawn =
        CaseStore::open_case(case_id(++n), "2021-03-01", ApplicantType::legal_services_org);
    withdrawn.on("2021-03-03");
    withdrawn.given(withdrawn.registrar, dc::WithdrawApplication{d("2021-03-03"), "不再需要"});
    cs.flush(withdrawn);
    expected["other.other"][static_cast<std::size_t>(ApplicantType::legal_services_org)] += 1;
    received[static_cast<std::size_t>(ApplicantType::legal_services_org)] += 1;
    for (auto& [code, values] : expected) {
      values[6] = 0;
      for (std::size_t i = 0; i < 6; ++i) {
        values[6] += values[i];
      }
    }
    for (std::size_t i = 0; i < 6; ++i) {
      received[6] += received[i];
    }

    WHEN("the 2021 report is produced") {
      const auto report = report_of(cs, 2021);
      THEN("each disposition row has its cases in their columns and the rows add up") {
        REQUIRE(report.rows.size() == 25);
        for (const auto& report_row : domain::report::kReportRows) {
          INFO(report_row.code);
          CHECK(row(report, report_row.code) == expected[std::string(report_row.code)]);
        }
        CHECK(row(report, "other.other") == std::array<std::int64_t, 7>{0, 0, 1, 0, 1, 0, 2});
        CHECK(row(report, "new") == received);
        CHECK(row(report, "new")[6] == 22);
        CHECK(row(report, "total") == received);
        CHECK(row(report, "carried_over") == kZero);
        CHECK(row(report, "carried_forward") == kZero);
        CHECK(reports::check_balanced(report).ok());
      }
      AND_THEN("another agency's report and another year's are empty") {
        auto other = reports::annual_report(cs.store(), "XYZ", 2021);
        REQUIRE(other.ok());
        CHECK(row(*other, "new") == kZero);
        CHECK(row(report_of(cs, 2020), "new") == kZero);
        CHECK(row(report_of(cs, 2022), "carried_over") == kZero);
      }
    }
  }
}

TEST_CASE("cases open at a year's end are carried forward and carried over",
          "[projections][reports]") {
  CaseStore cs;
  GIVEN(
      "a case received and closed in 2020, one received in 2020 and closed in 2021, one "
      "received late in 2021 and still open, one served on 2021-12-31 but recorded in 2022") {
    auto closed_2020 = CaseStore::open_case("CJZ-2020-00001", "2020-06-01");
    closed_2020.on("2020-06-19");
    closed_2020.replied("disclosed");
    cs.flush(closed_2020);
    auto across =
        CaseStore::open_case("CJZ-2020-00002", "2020-12-21", ApplicantType::research_institution);
    cs.flush(across);
    across.on("2021-01-11");
    across.replied("unavailable.not_held");
    cs.flush(across);
    auto still_open =
        CaseStore::open_case("CJZ-2021-00003", "2021-12-28", ApplicantType::commercial_enterprise);
    cs.flush(still_open);
    auto late = CaseStore::open_case("CJZ-2021-00004", "2021-12-20", ApplicantType::other_org);
    late.on("2021-12-30");
    late.given(late.handler, dc::SubmitReply{"disclosed", "第二十七条", "答复如下", {}});
    late.given(late.supervisor, dc::ApproveReply{"同意"});
    late.on("2022-01-05");
    late.given(late.handler, dc::IssueReply{d("2021-12-31"), dc::ServiceMethod::post});
    cs.flush(late);

    THEN("2020 carries the December case forward") {
      const auto y2020 = report_of(cs, 2020);
      CHECK(row(y2020, "new") == std::array<std::int64_t, 7>{1, 0, 1, 0, 0, 0, 2});
      CHECK(row(y2020, "disclosed") == only(ApplicantType::natural_person));
      CHECK(row(y2020, "carried_forward") == only(ApplicantType::research_institution));
    }
    AND_THEN(
        "2021 carries it over, closes it and the late-recorded reply, and carries one forward") {
      const auto y2021 = report_of(cs, 2021);
      CHECK(row(y2021, "carried_over") == only(ApplicantType::research_institution));
      CHECK(row(y2021, "new") == std::array<std::int64_t, 7>{0, 1, 0, 0, 0, 1, 2});
      CHECK(row(y2021, "unavailable.not_held") == only(ApplicantType::research_institution));
      CHECK(row(y2021, "disclosed") == only(ApplicantType::other_org));
      CHECK(row(y2021, "total") == std::array<std::int64_t, 7>{0, 0, 1, 0, 0, 1, 2});
      CHECK(row(y2021, "carried_forward") == only(ApplicantType::commercial_enterprise));
      CHECK(reports::check_balanced(y2021).ok());
    }
    AND_THEN("2022 carries the open case over and still forward") {
      const auto y2022 = report_of(cs, 2022);
      CHECK(row(y2022, "carried_over") == only(ApplicantType::commercial_enterprise));
      CHECK(row(y2022, "total") == kZero);
      CHECK(row(y2022, "carried_forward") == only(ApplicantType::commercial_enterprise));
    }
  }
}

TEST_CASE("a voided correction lapse no longer counts as a closing", "[projections][reports]") {
  CaseStore cs;
  auto f = CaseStore::open_case("CJZ-2021-00001", "2021-03-01");
  close_with(f, Disposition::other_correction_lapsed);
  cs.flush(f);
  CHECK(row(report_of(cs, 2021), "other.correction_lapsed") == only(ApplicantType::natural_person));
  // The case record is written as nlohmann writes it (readers parse it with nlohmann).
  const auto stored_record = [&cs] {
    auto text = cs.store().get_state("reports/" + reports::case_records_prefix("CJZ") +
                                     "CJZ-2021-00001");
    REQUIRE(text.ok());
    const auto parsed = nlohmann::json::parse(*text);
    CHECK(parsed.dump() == *text);
    return parsed;
  };
  REQUIRE(stored_record()["closings"].size() == 1);
  CHECK(stored_record()["closings"][0]["disposition"] == "other.correction_lapsed");
  CHECK(stored_record()["remedies"].empty());
  WHEN("a correction received on the deadline is recorded after the lapse") {
    f.given(f.handler, dc::ReceiveCorrection{d("2021-03-16"), "已补正"});
    REQUIRE(std::holds_alternative<dc::CorrectionReceived>(f.history.back()));
    cs.flush(f);
    CHECK(stored_record()["closings"].empty());
    THEN("the case is open again at the year's end") {
      const auto report = report_of(cs, 2021);
      CHECK(row(report, "other.correction_lapsed") == kZero);
      CHECK(row(report, "total") == kZero);
      CHECK(row(report, "carried_forward") == only(ApplicantType::natural_person));
    }
  }
}

TEST_CASE("the projection takes any decodable history and other streams without failing",
          "[projections][reports]") {
  CaseStore cs;
  GIVEN(
      "a foreign event, then every sample event type in one case stream, odd as that history is") {
    eventstore::AppendRequest foreign;
    foreign.stream = "user-u-1";
    foreign.events.push_back({"ev-user-1", "user.created.v1", R"({"id":"u-1"})", "admin:u-0", "",
                              "", domain::time::Instant::from_unix_seconds(0)});
    REQUIRE(cs.store().append(std::move(foreign)).ok());
    eventstore::AppendRequest request;
    request.stream = "case-CJZ-2021-00001";
    int n = 0;
    for (const dc::CaseEvent& event : all_samples()) {
      auto append = eventstore::codec::to_append(event, "ev-sample-" + std::to_string(++n), "", "");
      REQUIRE(append.ok());
      request.events.push_back(std::move(append).value());
    }
    REQUIRE(cs.store().append(std::move(request)).ok());
    THEN("the store stays healthy and the tables balance") {
      CHECK(cs.store().health().ok());
      for (const int year : {2020, 2021, 2022}) {
        auto report = reports::annual_report(cs.store(), "CJZ", year);
        INFO(report.status().message());
        CHECK(report.ok());
      }
      CHECK(row(report_of(cs, 2021), "new") == only(ApplicantType::natural_person));
    }
  }
}

TEST_CASE("a year outside 1..9999 is refused", "[projections][reports]") {
  CaseStore cs;
  auto refused = reports::annual_report(cs.store(), "CJZ", 0);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.status().code() == domain::Code::invalid_argument);
  CHECK(refused.status().reason() == "year_invalid");
}
