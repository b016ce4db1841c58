#include "domain/report/disposition.h"

#include <catch2/catch.hpp>
#include <set>
#include <string>

using namespace gongkai::domain::report;

TEST_CASE("every disposition is exactly one report row with a unique code", "[domain][report]") {
  std::set<std::string_view> codes;
  for (int i = 0; i <= static_cast<int>(Disposition::other_other); ++i) {
    const auto disposition = static_cast<Disposition>(i);
    const ReportRow& row = report_row(disposition);
    CHECK(row.disposition == disposition);
    CHECK(codes.insert(row.code).second);
    CHECK(parse_disposition(row.code) == disposition);
  }
  CHECK(codes.size() == 21);
  CHECK(kReportRows.size() == 21);
  CHECK_FALSE(parse_disposition("withheld").has_value());
  CHECK(disposition_code(Disposition::withheld_state_secret) == "withheld.state_secret");
  CHECK(report_row(Disposition::unavailable_still_unclear).section == "（四）无法提供");
}

TEST_CASE("only the two lapse dispositions are the timer's", "[domain][report]") {
  int timer_only = 0;
  for (const ReportRow& row : kReportRows) {
    timer_only += row.timer_only ? 1 : 0;
  }
  CHECK(timer_only == 2);
  CHECK(report_row(Disposition::other_correction_lapsed).timer_only);
  CHECK(report_row(Disposition::other_fee_lapsed).timer_only);
  CHECK_FALSE(report_row(Disposition::other_other).timer_only);
}

TEST_CASE("applicant types are the report's six columns", "[domain][report]") {
  CHECK(kApplicantColumns.size() == 6);
  for (const auto& column : kApplicantColumns) {
    CHECK(parse_applicant_type(column.name) == column.value);
    CHECK(applicant_type_name(column.value) == column.name);
  }
  CHECK(parse_applicant_type("legal_services_org") == ApplicantType::legal_services_org);
  CHECK_FALSE(parse_applicant_type("company").has_value());
}
