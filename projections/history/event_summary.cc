#include "projections/history/event_summary.h"

#include <string_view>
#include <variant>

#include "domain/policy/roles.h"

namespace gongkai::projections::history {
namespace {

namespace dc = domain::cases;
namespace report = domain::report;
using domain::time::CivilDate;

std::string_view channel_zh(dc::Channel c) {
  switch (c) {
    case dc::Channel::in_person:
      return "当面提交";
    case dc::Channel::post_signed:
      return "挂号邮寄";
    case dc::Channel::post_ordinary:
      return "平信邮寄";
    case dc::Channel::online:
      return "网络提交";
    case dc::Channel::fax:
      return "传真";
    case dc::Channel::email:
      return "电子邮件";
    case dc::Channel::oral:
      return "口头提出";
  }
  return "其他方式";
}

std::string_view consultation_kind_zh(dc::ConsultationKind k) {
  switch (k) {
    case dc::ConsultationKind::third_party:
      return "第三方";
    case dc::ConsultationKind::co_producer:
      return "共同制作机关";
    case dc::ConsultationKind::other_agency:
      return "其他机关";
  }
  return "其他";
}

std::string_view opinion_zh(dc::Opinion o) {
  switch (o) {
    case dc::Opinion::consent:
      return "同意公开";
    case dc::Opinion::object:
      return "不同意公开";
    case dc::Opinion::none:
      return "未表示意见";
    case dc::Opinion::agency_decides:
      return "由本机关决定";
  }
  return "未表示意见";
}

std::string_view service_method_zh(dc::ServiceMethod m) {
  switch (m) {
    case dc::ServiceMethod::in_person:
      return "当面送达";
    case dc::ServiceMethod::post:
      return "邮寄送达";
    case dc::ServiceMethod::email:
      return "电子邮件送达";
    case dc::ServiceMethod::online:
      return "在线平台送达";
  }
  return "送达";
}

std::string_view reopen_basis_zh(dc::ReopenBasis b) {
  switch (b) {
    case dc::ReopenBasis::reconsideration:
      return "行政复议决定";
    case dc::ReopenBasis::litigation:
      return "法院裁判";
    case dc::ReopenBasis::self_correction:
      return "自行纠正";
  }
  return "决定";
}

std::string_view remedy_outcome_zh(dc::RemedyOutcome o) {
  switch (o) {
    case dc::RemedyOutcome::upheld:
      return "维持";
    case dc::RemedyOutcome::corrected:
      return "纠正";
    case dc::RemedyOutcome::other:
      return "其他";
    case dc::RemedyOutcome::pending:
      return "尚未审结";
  }
  return "其他";
}

// "不予公开（属于国家秘密）", "予以公开": the report row without its numbering.
std::string disposition_zh(report::Disposition d) {
  const report::ReportRow& row = report::report_row(d);
  std::string_view section = row.section;
  if (const auto close = section.find("）"); close != std::string_view::npos) {
    section.remove_prefix(close + std::string_view("）").size());
  }
  std::string_view label = row.label_zh;
  if (const auto dot = label.find('.'); dot != std::string_view::npos && dot <= 2) {
    label.remove_prefix(dot + 1);
  }
  if (label == section) {
    return std::string(section);
  }
  return std::string(section) + "（" + std::string(label) + "）";
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) {
    out += out.empty() ? "" : "；";
    out += item;
  }
  return out;
}

// The text after "<date> <who> ".
std::string what(const dc::CaseRegistered& e) {
  return "登记申请（" + std::string(channel_zh(e.channel)) + "），申请人 " + e.applicant.name;
}
std::string what(const dc::ReceiptAcknowledged& e) { return "出具登记回执（" + e.method + "）"; }
std::string what(const dc::CaseAssigned& e) {
  return "将案件分办至 " + e.department + (e.handler ? "，承办人 " + *e.handler : "");
}
std::string what(const dc::CaseTransferred& e) {
  return "将案件由 " + e.from_department + " 转办至 " + e.to_department + "：" + e.reason;
}
std::string what(const dc::CorrectionRequested& e) {
  return "告知申请人补正，补正期限 " + e.deadline_on.to_string() + "：" + join(e.items);
}
std::string what(const dc::CorrectionReceived& e) {
  return "收到补正材料：" + e.summary +
         (e.voids_lapse ? "（在补正期限内，逾期未补正的结案撤销）" : "");
}
std::string what(const dc::CorrectionLapsed& e) {
  return "补正期限 " + e.deadline_on.to_string() +
         " 已届满，申请人未补正，案件办结（其他处理：逾期不补正）";
}
std::string what(const dc::ConsultationStarted& e) {
  return "向" + std::string(consultation_kind_zh(e.kind)) + " " + e.party + " 征求意见（第 " +
         std::to_string(e.consultation_id) + " 号），对方收到日期 " +
         e.received_by_party_on.to_string();
}
std::string what(const dc::ConsultationReplied& e) {
  return "收到第 " + std::to_string(e.consultation_id) + " 号征求意见的答复：" +
         std::string(opinion_zh(e.opinion)) + (e.reason.empty() ? "" : "，理由：" + e.reason) +
         (e.voids_lapse ? "（在期限内，逾期视为的意见撤销）" : "");
}
std::string what(const dc::ConsultationClosed& e) {
  return "结束第 " + std::to_string(e.consultation_id) + " 号征求意见";
}
std::string what(const dc::ConsultationLapsed& e) {
  return "第 " + std::to_string(e.consultation_id) + " 号征求意见期限届满未获答复，视为" +
         std::string(opinion_zh(e.deemed_opinion));
}
std::string what(const dc::FeeNoticeIssued& e) {
  const std::string basis =
      e.basis == dc::FeeBasis::per_page
          ? "按量计收" + (e.pages ? "，" + std::to_string(*e.pages) + " 页" : "")
          : std::string("按件计收");
  return "发出收费通知，金额 " + std::to_string(e.amount_yuan) + " 元（" + basis + "）";
}
std::string what(const dc::FeePaid& e) {
  return "收到申请人缴费 " + std::to_string(e.amount_yuan) + " 元，票据号 " + e.receipt_no +
         (e.voids_lapse ? "（在缴费期限内，逾期未缴费的结案撤销）" : "");
}
std::string what(const dc::FeeLapsed& e) {
  return "缴费期限 " + e.deadline_on.to_string() +
         " 已届满，申请人未缴费，案件办结（其他处理：逾期未缴费）";
}
std::string what(const dc::ExtensionRequested& e) {
  return "申请延长答复期限 " + std::to_string(e.days) + " 个工作日：" + e.reason;
}
std::string what(const dc::ExtensionApproved& e) {
  return "批准延长答复期限 " + std::to_string(e.days) + " 个工作日" +
         (e.comment.empty() ? "" : "：" + e.comment);
}
std::string what(const dc::ExtensionRejected& e) {
  return "不批准延期申请" + (e.comment.empty() ? "" : "：" + e.comment);
}
std::string what(const dc::ExtensionNotified& e) {
  return "告知申请人延期答复（" + e.method + "）";
}
std::string what(const dc::ReplySubmitted& e) {
  return "提交拟办答复：" + disposition_zh(e.disposition);
}
std::string what(const dc::ReplyApproved& e) {
  return "审核同意答复" + (e.comment.empty() ? "" : "：" + e.comment);
}
std::string what(const dc::ReplyReturned& e) {
  return "退回拟办答复" + (e.comment.empty() ? "" : "：" + e.comment);
}
std::string what(const dc::ReplyIssued& e) {
  return "答复申请人（" + std::string(service_method_zh(e.service_method)) + "），案件办结：" +
         disposition_zh(e.disposition);
}
std::string what(const dc::ApplicationWithdrawn& e) {
  return "收到申请人撤回申请，案件办结" + (e.reason.empty() ? "" : "：" + e.reason);
}
std::string what(const dc::CaseArchived& e) {
  return "归档，档号 " + e.archive_no + "，保管期限 " + std::to_string(e.retention_years) + " 年";
}
std::string what(const dc::CaseReopened& e) {
  return "依" + std::string(reopen_basis_zh(e.basis)) + " " + e.reference + " 重新办理，答复期限 " +
         e.reply_due_on.to_string();
}
std::string what(const dc::RemedyRecorded& e) {
  return "记录" + std::string(dc::remedy_kind_label_zh(e.kind)) + " " + e.reference + "：" +
         std::string(remedy_outcome_zh(e.outcome));
}
std::string what(const dc::NoteAdded& e) { return "备注：" + e.text; }
std::string what(const dc::DeadlineWarned& e) {
  return "答复期限 " + e.due_on.to_string() + " 即将届满，剩余 " +
         std::to_string(e.working_days_left) + " 个工作日";
}
std::string what(const dc::DeadlineMissed& e) {
  return "答复期限 " + e.due_on.to_string() + " 已届满，案件逾期";
}

CivilDate date_of(const dc::CaseRegistered& e) { return e.received_on; }
CivilDate date_of(const dc::ReceiptAcknowledged& e) { return e.given_on; }
CivilDate date_of(const dc::CaseAssigned& e) { return e.assigned_on; }
CivilDate date_of(const dc::CaseTransferred& e) { return e.transferred_on; }
CivilDate date_of(const dc::CorrectionRequested& e) { return e.notified_on; }
CivilDate date_of(const dc::CorrectionReceived& e) { return e.received_on; }
CivilDate date_of(const dc::CorrectionLapsed& e) { return e.closed_on; }
CivilDate date_of(const dc::ConsultationStarted& e) { return e.sent_on; }
CivilDate date_of(const dc::ConsultationReplied& e) { return e.received_on; }
CivilDate date_of(const dc::ConsultationClosed& e) { return e.closed_on; }
CivilDate date_of(const dc::ConsultationLapsed& e) { return e.lapse_on; }
CivilDate date_of(const dc::FeeNoticeIssued& e) { return e.notified_on; }
CivilDate date_of(const dc::FeePaid& e) { return e.paid_on; }
CivilDate date_of(const dc::FeeLapsed& e) { return e.closed_on; }
CivilDate date_of(const dc::ExtensionRequested& e) { return e.requested_on; }
CivilDate date_of(const dc::ExtensionApproved& e) { return e.decided_on; }
CivilDate date_of(const dc::ExtensionRejected& e) { return e.decided_on; }
CivilDate date_of(const dc::ExtensionNotified& e) { return e.notified_on; }
CivilDate date_of(const dc::ReplySubmitted& e) { return e.submitted_on; }
CivilDate date_of(const dc::ReplyApproved& e) { return e.approved_on; }
CivilDate date_of(const dc::ReplyReturned& e) { return e.returned_on; }
CivilDate date_of(const dc::ReplyIssued& e) { return e.served_on; }
CivilDate date_of(const dc::ApplicationWithdrawn& e) { return e.received_on; }
CivilDate date_of(const dc::CaseArchived& e) { return e.archived_on; }
CivilDate date_of(const dc::CaseReopened& e) { return e.decided_on; }
CivilDate date_of(const dc::RemedyRecorded& e) { return e.decided_on; }
CivilDate date_of(const dc::NoteAdded& e) { return e.noted_on; }
CivilDate date_of(const dc::DeadlineWarned& e) { return e.warned_on; }
CivilDate date_of(const dc::DeadlineMissed& e) { return e.missed_on; }

}  // namespace

CivilDate business_date(const dc::CaseEvent& event) {
  return std::visit([](const auto& e) { return date_of(e); }, event);
}

std::string summary_zh(const dc::CaseEvent& event) {
  const dc::EventBase& base = dc::event_base(event);
  const bool by_timer = base.actor.role == domain::policy::Role::system;
  std::string line = business_date(event).to_string();
  line += by_timer ? " 系统：" : " " + base.actor.id + " ";
  line += std::visit([](const auto& e) { return what(e); }, event);
  return line;
}

}  // namespace gongkai::projections::history
