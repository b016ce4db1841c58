// Dispositions (办理结果) and applicant types, and how they map onto table 三 of the annual report
// (国办公开办函〔2021〕30号; DOMAIN.md section 4). Every closed case has exactly one disposition
// and every disposition is exactly one row.
#pragma once

#include <array>
#include <optional>
#include <string_view>

#include "domain/base/enum_names.h"

namespace gongkai::domain::report {

enum class Disposition {
  disclosed,
  partially_disclosed,
  withheld_state_secret,
  withheld_prohibited_by_law,
  withheld_security_stability,
  withheld_third_party_rights,
  withheld_internal_affairs,
  withheld_process_information,
  withheld_enforcement_file,
  withheld_administrative_inquiry,
  unavailable_not_held,
  unavailable_needs_creation,
  unavailable_still_unclear,
  not_processed_petition,
  not_processed_repeated,
  not_processed_publication,
  not_processed_excessive,
  not_processed_confirmation,
  other_correction_lapsed,
  other_fee_lapsed,
  other_other,
};

// One row of table 三, section （一）–（六）.
struct ReportRow {
  Disposition disposition;
  std::string_view code;     // the wire name and the report's row key, e.g. "withheld.state_secret"
  std::string_view section;  // "（三）不予公开"
  std::string_view label_zh;  // "1.属于国家秘密"
  // Only the deadline timer may close a case with this disposition (never a proposed reply).
  bool timer_only = false;
};

inline constexpr std::array<ReportRow, 21> kReportRows{{
    {Disposition::disclosed, "disclosed", "（一）予以公开", "予以公开"},
    {Disposition::partially_disclosed, "partially_disclosed", "（二）部分公开", "部分公开"},
    {Disposition::withheld_state_secret, "withheld.state_secret", "（三）不予公开",
     "1.属于国家秘密"},
    {Disposition::withheld_prohibited_by_law, "withheld.prohibited_by_law", "（三）不予公开",
     "2.其他法律行政法规禁止公开"},
    {Disposition::withheld_security_stability, "withheld.security_stability", "（三）不予公开",
     "3.危及“三安全一稳定”"},
    {Disposition::withheld_third_party_rights, "withheld.third_party_rights", "（三）不予公开",
     "4.保护第三方合法权益"},
    {Disposition::withheld_internal_affairs, "withheld.internal_affairs", "（三）不予公开",
     "5.属于三类内部事务信息"},
    {Disposition::withheld_process_information, "withheld.process_information", "（三）不予公开",
     "6.属于四类过程性信息"},
    {Disposition::withheld_enforcement_file, "withheld.enforcement_file", "（三）不予公开",
     "7.属于行政执法案卷"},
    {Disposition::withheld_administrative_inquiry, "withheld.administrative_inquiry",
     "（三）不予公开", "8.属于行政查询事项"},
    {Disposition::unavailable_not_held, "unavailable.not_held", "（四）无法提供",
     "1.本机关不掌握相关政府信息"},
    {Disposition::unavailable_needs_creation, "unavailable.needs_creation", "（四）无法提供",
     "2.没有现成信息需要另行制作"},
    {Disposition::unavailable_still_unclear, "unavailable.still_unclear", "（四）无法提供",
     "3.补正后申请内容仍不明确"},
    {Disposition::not_processed_petition, "not_processed.petition", "（五）不予处理",
     "1.信访举报投诉类申请"},
    {Disposition::not_processed_repeated, "not_processed.repeated", "（五）不予处理", "2.重复申请"},
    {Disposition::not_processed_publication, "not_processed.publication", "（五）不予处理",
     "3.要求提供公开出版物"},
    {Disposition::not_processed_excessive, "not_processed.excessive", "（五）不予处理",
     "4.无正当理由大量反复申请"},
    {Disposition::not_processed_confirmation, "not_processed.confirmation", "（五）不予处理",
     "5.要求行政机关确认或重新出具已获取信息"},
    {Disposition::other_correction_lapsed, "other.correction_lapsed", "（六）其他处理",
     "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", true},
    {Disposition::other_fee_lapsed, "other.fee_lapsed", "（六）其他处理",
     "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", true},
    {Disposition::other_other, "other.other", "（六）其他处理", "3.其他"},
}};

[[nodiscard]] constexpr const ReportRow& report_row(Disposition disposition) {
  for (const ReportRow& row : kReportRows) {
    if (row.disposition == disposition) {
      return row;
    }
  }
  return kReportRows.back();  // unreachable: every enumerator has a row (a test checks)
}
[[nodiscard]] constexpr std::string_view disposition_code(Disposition disposition) {
  return report_row(disposition).code;
}
[[nodiscard]] constexpr std::optional<Disposition> parse_disposition(std::string_view code) {
  for (const ReportRow& row : kReportRows) {
    if (row.code == code) {
      return row.disposition;
    }
  }
  return std::nullopt;
}

// The report's columns.
enum class ApplicantType {
  natural_person,
  commercial_enterprise,
  research_institution,
  public_interest_org,
  legal_services_org,
  other_org,
};

struct ApplicantColumn {
  ApplicantType value;
  std::string_view name;
  std::string_view label_zh;
};

inline constexpr std::array<ApplicantColumn, 6> kApplicantColumns{{
    {ApplicantType::natural_person, "natural_person", "自然人"},
    {ApplicantType::commercial_enterprise, "commercial_enterprise", "商业企业"},
    {ApplicantType::research_institution, "research_institution", "科研机构"},
    {ApplicantType::public_interest_org, "public_interest_org", "社会公益组织"},
    {ApplicantType::legal_services_org, "legal_services_org", "法律服务机构"},
    {ApplicantType::other_org, "other_org", "其他"},
}};

[[nodiscard]] constexpr std::string_view applicant_type_name(ApplicantType type) {
  for (const auto& column : kApplicantColumns) {
    if (column.value == type) {
      return column.name;
    }
  }
  return "unknown";
}
[[nodiscard]] constexpr std::optional<ApplicantType> parse_applicant_type(std::string_view name) {
  for (const auto& column : kApplicantColumns) {
    if (column.name == name) {
      return column.value;
    }
  }
  return std::nullopt;
}

}  // namespace gongkai::domain::report
