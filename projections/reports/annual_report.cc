#include "projections/reports/annual_report.h"

#include <charconv>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>

#include "domain/cases/case_vocabulary.h"
#include "domain/report/disposition.h"
#include "projections/projection_host.h"
#include "projections/reports/reports_projection.h"

namespace gongkai::projections::reports {
namespace {

namespace dc = domain::cases;
namespace report = domain::report;
using Counts = std::array<std::int64_t, kReportColumns>;

constexpr std::array<std::string_view, kReportColumns> kColumns{"natural_person",
                                                                "commercial_enterprise",
                                                                "research_institution",
                                                                "public_interest_org",
                                                                "legal_services_org",
                                                                "other_org",
                                                                "total"};
constexpr std::array<std::string_view, kRemedyColumns> kRemedyColumnNames{
    "upheld", "corrected", "other", "pending", "total"};

std::optional<std::size_t> column_index(std::string_view name) {
  for (std::size_t i = 0; i + 1 < kColumns.size(); ++i) {
    if (kColumns[i] == name) {
      return i;
    }
  }
  return std::nullopt;
}

std::optional<std::int64_t> number(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

// "YYYY/a/b" -> {YYYY, a, b}.
struct Key {
  int year = 0;
  std::string a;
  std::string b;
};
std::optional<Key> split_key(std::string_view rest) {
  const auto first = rest.find('/');
  const auto second = first == std::string_view::npos ? first : rest.find('/', first + 1);
  if (second == std::string_view::npos) {
    return std::nullopt;
  }
  const auto year = number(rest.substr(0, first));
  if (!year) {
    return std::nullopt;
  }
  return Key{static_cast<int>(*year), std::string(rest.substr(first + 1, second - first - 1)),
             std::string(rest.substr(second + 1))};
}

std::string disposition_label(const report::ReportRow& row) {
  if (row.section.find(row.label_zh) != std::string_view::npos) {
    return std::string(row.section);
  }
  return std::string(row.section) + " " + std::string(row.label_zh);
}

void with_total(Counts& values) {
  values.back() = 0;
  for (std::size_t i = 0; i + 1 < values.size(); ++i) {
    values.back() += values[i];
  }
}

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    return std::string(text);
  }
  std::string out = "\"";
  for (const char c : text) {
    out += c == '"' ? std::string("\"\"") : std::string(1, c);
  }
  return out + "\"";
}

}  // namespace

const std::array<std::string_view, kReportColumns>& report_columns() { return kColumns; }
const std::array<std::string_view, kRemedyColumns>& remedy_columns() { return kRemedyColumnNames; }

AnnualReport tally_annual_report(std::string_view agency, int year,
                                 const std::vector<std::pair<std::string, std::string>>& counters) {
  const std::string count_prefix = counters_prefix(agency);
  const std::string remedy_prefix = remedies_prefix(agency);
  Counts fresh{}, reopened{}, open_before{}, open_after{};
  std::map<std::string, Counts, std::less<>> closed;  // disposition code -> closings in `year`
  std::map<std::string, std::array<std::int64_t, kRemedyColumns>, std::less<>> remedies;
  for (const auto& [full_key, text] : counters) {
    const auto value = number(text);
    if (!value) {
      continue;
    }
    if (full_key.rfind(count_prefix, 0) == 0) {
      const auto key = split_key(std::string_view(full_key).substr(count_prefix.size()));
      const auto column = key ? column_index(key->b) : std::nullopt;
      if (!column || key->year > year) {
        continue;
      }
      const std::int64_t delta = key->a == "new" || key->a == "reopened" ? *value : -*value;
      open_after[*column] += delta;
      if (key->year < year) {
        open_before[*column] += delta;
      } else if (key->a == "new") {
        fresh[*column] += *value;
      } else if (key->a == "reopened") {
        reopened[*column] += *value;
      } else {
        closed[key->a][*column] += *value;
      }
    } else if (full_key.rfind(remedy_prefix, 0) == 0) {
      const auto key = split_key(std::string_view(full_key).substr(remedy_prefix.size()));
      if (!key || key->year > year) {
        continue;
      }
      auto& line = remedies[key->a];
      if (key->b == "pending_opened" || key->b == "pending_closed") {
        line[3] += key->b == "pending_opened" ? *value : -*value;
      } else if (key->year == year) {
        for (std::size_t i = 0; i < 3; ++i) {
          if (kRemedyColumnNames[i] == key->b) {
            line[i] += *value;
          }
        }
      }
    }
  }

  AnnualReport out;
  out.year = year;
  out.agency = std::string(agency);
  Counts carried_over{};
  for (std::size_t i = 0; i < carried_over.size(); ++i) {
    carried_over[i] = open_before[i] + reopened[i];
  }
  out.rows.push_back({"new", "一、本年新收政府信息公开申请数量", fresh});
  out.rows.push_back({"carried_over", "二、上年结转政府信息公开申请数量", carried_over});
  Counts total{};
  for (const report::ReportRow& row : report::kReportRows) {
    Counts values{};
    if (const auto it = closed.find(row.code); it != closed.end()) {
      values = it->second;
    }
    for (std::size_t i = 0; i < values.size(); ++i) {
      total[i] += values[i];
    }
    out.rows.push_back({std::string(row.code), disposition_label(row), values});
  }
  out.rows.push_back({"total", "（七）总计", total});
  out.rows.push_back({"carried_forward", "四、结转下年度继续办理", open_after});
  for (ReportLine& line : out.rows) {
    with_total(line.values);
  }
  for (const auto& names : dc::kRemedyKindNames) {
    RemedyLine line{std::string(names.name), std::string(dc::remedy_kind_label_zh(names.value)), {}};
    if (const auto it = remedies.find(names.name); it != remedies.end()) {
      line.values = it->second;
    }
    line.values[4] = line.values[0] + line.values[1] + line.values[2] + line.values[3];
    out.remedies.push_back(std::move(line));
  }
  return out;
}

domain::Status check_balanced(const AnnualReport& report) {
  const ReportLine* fresh = find_row(report, "new");
  const ReportLine* carried_over = find_row(report, "carried_over");
  const ReportLine* total = find_row(report, "total");
  const ReportLine* carried_forward = find_row(report, "carried_forward");
  if (!fresh || !carried_over || !total || !carried_forward) {
    return domain::failed_precondition(std::string(kReportUnbalanced),
                                       "the report lacks one of the rows new, carried_over, total, "
                                       "carried_forward");
  }
  for (std::size_t i = 0; i < kReportColumns; ++i) {
    const std::int64_t in = fresh->values[i] + carried_over->values[i];
    const std::int64_t out = total->values[i] + carried_forward->values[i];
    if (in != out) {
      return domain::failed_precondition(std::string(kReportUnbalanced),
                                         "column " + std::string(kColumns[i]) +
                                             ": 一+二 = " + std::to_string(in) +
                                             " but （七）+四 = " + std::to_string(out));
    }
  }
  return {};
}

domain::Result<AnnualReport> annual_report(const eventstore::EventStore& store,
                                           std::string_view agency, int year) {
  if (year < 1 || year > 9999) {
    return domain::invalid_argument("year_invalid", "the year must be 1..9999");
  }
  // The counters and the checkpoint from one snapshot: they belong to that position, however
  // many commits land meanwhile.
  const std::string state_prefix = ProjectionHost::state_prefix(kReportsProjection);
  const std::string checkpoint = ProjectionHost::checkpoint_key(kReportsProjection);
  const std::string counts = state_prefix + counters_prefix(agency);
  const std::string remedies = state_prefix + remedies_prefix(agency);
  const eventstore::StateRange ranges[] = {{checkpoint, ""}, {counts, ""}, {remedies, ""}};
  std::uint64_t position = 0;
  std::vector<std::pair<std::string, std::string>> counters;
  auto status = store.visit_state(
      ranges, [&](std::size_t range, std::string_view key, std::string_view value) {
        if (range == 0) {
          if (key == checkpoint) position = ProjectionHost::checkpoint_position_in(value);
          return false;
        }
        counters.emplace_back(key.substr(state_prefix.size()), value);
        return true;
      });
  if (!status.ok()) {
    return status;
  }
  AnnualReport out = tally_annual_report(agency, year, counters);
  out.as_of_position = position;
  if (domain::Status balanced = check_balanced(out); !balanced.ok()) {
    return balanced;
  }
  return out;
}

const ReportLine* find_row(const AnnualReport& report, std::string_view key) {
  for (const ReportLine& line : report.rows) {
    if (line.key == key) {
      return &line;
    }
  }
  return nullptr;
}

const RemedyLine* find_remedy(const AnnualReport& report, std::string_view key) {
  for (const RemedyLine& line : report.remedies) {
    if (line.key == key) {
      return &line;
    }
  }
  return nullptr;
}

std::string to_json(const AnnualReport& report) {
  using nlohmann::ordered_json;
  ordered_json rows = ordered_json::array();
  for (const ReportLine& line : report.rows) {
    rows.push_back({{"key", line.key}, {"label_zh", line.label_zh}, {"values", line.values}});
  }
  ordered_json remedy_rows = ordered_json::array();
  for (const RemedyLine& line : report.remedies) {
    remedy_rows.push_back(
        {{"key", line.key}, {"label_zh", line.label_zh}, {"values", line.values}});
  }
  ordered_json out;
  out["year"] = report.year;
  out["agency"] = report.agency;
  out["columns"] = kColumns;
  out["rows"] = std::move(rows);
  out["remedies"] = {{"columns", kRemedyColumnNames}, {"rows", std::move(remedy_rows)}};
  out["checks"] = {{"balanced", check_balanced(report).ok()}};
  out["as_of_position"] = report.as_of_position;
  return out.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

std::string to_csv(const AnnualReport& report) {
  std::string out = "\xEF\xBB\xBF";  // BOM: spreadsheet programs then read UTF-8
  out += "key,项目";
  for (const auto& column : report::kApplicantColumns) {
    out += "," + csv_field(column.label_zh);
  }
  out += ",总计\r\n";
  for (const ReportLine& line : report.rows) {
    out += csv_field(line.key) + "," + csv_field(line.label_zh);
    for (const std::int64_t value : line.values) {
      out += "," + std::to_string(value);
    }
    out += "\r\n";
  }
  out += "\r\nkey,项目,维持,纠正,其他,尚未审结,总计\r\n";
  for (const RemedyLine& line : report.remedies) {
    out += csv_field(line.key) + "," + csv_field(line.label_zh);
    for (const std::int64_t value : line.values) {
      out += "," + std::to_string(value);
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace gongkai::projections::reports
