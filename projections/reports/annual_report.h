// The annual report's table 三 and table 四 (DOMAIN.md §4, API.md "Reports") for one agency and
// year, read from the "reports" projection's counters.
//
// Table 三, per applicant column (+ 总计):
//   new              一、本年新收: registrations whose receipt date is in Y
//   carried_over     二、上年结转: cases received before Y and open at the end of Y−1, plus the
//                    cases reopened in Y (Interpretation, see projections/README.md)
//   <disposition>    （一）–（六）: closings in Y (reply served, withdrawal received, lapse date)
//   total            （七）总计: the sum of the 21 disposition rows
//   carried_forward  四、结转下年度: open at the end of Y
// and the check 一 + 二 = （七） + 四 in every column.
//
// Table 四, per kind (reconsideration, litigation, litigation_after_reconsideration):
//   upheld, corrected, other (decided in Y), pending (pending at the end of Y), total.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/base/status.h"
#include "eventstore/event_store.h"

namespace gongkai::projections::reports {

inline constexpr std::size_t kReportColumns = 7;  // 6 applicant types + total
inline constexpr std::size_t kRemedyColumns = 5;  // upheld, corrected, other, pending, total
inline constexpr std::string_view kReportUnbalanced = "report_unbalanced";

struct ReportLine {
  std::string key;
  std::string label_zh;
  std::array<std::int64_t, kReportColumns> values{};
};

struct RemedyLine {
  std::string key;  // a remedy kind
  std::string label_zh;
  std::array<std::int64_t, kRemedyColumns> values{};
};

struct AnnualReport {
  int year = 0;
  std::string agency;
  std::vector<ReportLine> rows;      // new, carried_over, 21 dispositions, total, carried_forward
  std::vector<RemedyLine> remedies;  // table 四
  std::uint64_t as_of_position = 0;  // the projection's checkpoint the counters were read at
};

// The column names: the six applicant types, then "total".
[[nodiscard]] const std::array<std::string_view, kReportColumns>& report_columns();
[[nodiscard]] const std::array<std::string_view, kRemedyColumns>& remedy_columns();

// The report from the counters (keys relative to "reports/", e.g. "count/CJZ/2021/new/...");
// a pure function of its inputs. Years after `year` are ignored.
[[nodiscard]] AnnualReport tally_annual_report(
    std::string_view agency, int year,
    const std::vector<std::pair<std::string, std::string>>& counters);

// ok, or failed_precondition "report_unbalanced" naming the first column (and the numbers) where
// 一 + 二 ≠ （七） + 四, or a row missing.
[[nodiscard]] domain::Status check_balanced(const AnnualReport& report);

// Reads the counters of `agency` from the store and tallies year `year`; refuses with
// check_balanced's status rather than return an unbalanced table; invalid_argument
// "year_invalid" outside 1..9999.
[[nodiscard]] domain::Result<AnnualReport> annual_report(const eventstore::EventStore& store,
                                                         std::string_view agency, int year);

[[nodiscard]] const ReportLine* find_row(const AnnualReport& report, std::string_view key);
[[nodiscard]] const RemedyLine* find_remedy(const AnnualReport& report, std::string_view key);

// {"year","agency","columns":[...],"rows":[{"key","label_zh","values":[7]}],
//  "remedies":{"columns":[...],"rows":[{"key","label_zh","values":[5]}]},
//  "checks":{"balanced":bool},"as_of_position":N} in this key order, compact.
[[nodiscard]] std::string to_json(const AnnualReport& report);
// UTF-8 with a BOM, RFC 4180 (CRLF line ends, fields quoted when needed): table 三 (header
// "key,项目,<6 applicant labels>,总计"), an empty line, table 四
// ("key,项目,维持,纠正,其他,尚未审结,总计").
[[nodiscard]] std::string to_csv(const AnnualReport& report);

}  // namespace gongkai::projections::reports
