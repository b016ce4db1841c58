// Sample case events for the codec tests: for every event type a fully populated one (every
// optional set) and, for types with optionals or lists that may be empty, a minimal one. The
// golden files under golden/case_events/ are these samples, encoded.
#pragma once

#include <optional>
#include <string>
#include <utility>

#include "domain/cases/case_events.h"

namespace gongkai::testing::samples {

namespace cases = domain::cases;
using domain::policy::ActorRef;
using domain::policy::Role;
using domain::time::CivilDate;
using domain::time::Instant;

template <typename E>
struct Tag {};

inline constexpr std::string_view kCaseId = "CJZ-2021-00001";

inline ActorRef registrar() { return {"u-1001", Role::registrar}; }
inline ActorRef handler() { return {"u-2001", Role::handler}; }
inline ActorRef supervisor() { return {"u-3001", Role::supervisor}; }
inline ActorRef timer() { return {"system", Role::system}; }

inline CivilDate d(int year, int month, int day) { return CivilDate::from_ymd(year, month, day); }

// `event` with the base set: the case, the actor and an instant with microseconds.
template <typename E>
E with_base(E event, const ActorRef& actor) {
  event.case_id = std::string(kCaseId);
  event.actor = actor;
  event.recorded_at =
      Instant::from_unix_micros(1'614'560'523'456'789);  // 2021-03-01T01:02:03.456789Z
  return event;
}

inline cases::CaseRegistered full_sample(Tag<cases::CaseRegistered> /*unused*/) {
  cases::CaseRegistered e;
  e.applicant = {domain::report::ApplicantType::natural_person,
                 "张三",
                 "居民身份证",
                 "110101199003071234",
                 "13800138000",
                 "北京市东城区东长安街1号",
                 "zhangsan@example.cn"};
  e.channel = cases::Channel::online;
  e.received_on = d(2021, 3, 1);
  e.description = "2020年度本区老旧小区改造项目的资金使用明细（含“和平里小区”）";
  e.purpose = "了解本小区改造资金的使用情况";
  e.delivery_form = "电子文档";
  e.delivery_method = "电子邮件";
  return with_base(std::move(e), registrar());
}
inline cases::ReceiptAcknowledged full_sample(Tag<cases::ReceiptAcknowledged> /*unused*/) {
  return with_base(cases::ReceiptAcknowledged{{}, d(2021, 3, 1), "电子邮件"}, registrar());
}
inline cases::CaseAssigned full_sample(Tag<cases::CaseAssigned> /*unused*/) {
  return with_base(cases::CaseAssigned{{}, "住房和城乡建设委员会", "u-2001", d(2021, 3, 2)},
                   supervisor());
}
inline cases::CaseTransferred full_sample(Tag<cases::CaseTransferred> /*unused*/) {
  return with_base(
      cases::CaseTransferred{
          {}, "住房和城乡建设委员会", "财政局", "申请内容属于财政局职责", d(2021, 3, 3)},
      supervisor());
}
inline cases::CorrectionRequested full_sample(Tag<cases::CorrectionRequested> /*unused*/) {
  return with_base(
      cases::CorrectionRequested{
          {}, {"请明确所需信息的年份", "请提供有效身份证件复印件"}, d(2021, 3, 18), d(2021, 3, 4)},
      handler());
}
inline cases::CorrectionReceived full_sample(Tag<cases::CorrectionReceived> /*unused*/) {
  return with_base(cases::CorrectionReceived{{}, d(2021, 3, 10), "申请人已明确为2020年度", true},
                   handler());
}
inline cases::CorrectionLapsed full_sample(Tag<cases::CorrectionLapsed> /*unused*/) {
  return with_base(cases::CorrectionLapsed{{}, d(2021, 3, 18), d(2021, 3, 18)}, timer());
}
inline cases::ConsultationStarted full_sample(Tag<cases::ConsultationStarted> /*unused*/) {
  return with_base(cases::ConsultationStarted{{},
                                              1,
                                              cases::ConsultationKind::third_party,
                                              "北京某某建筑工程有限公司",
                                              d(2021, 3, 11),
                                              d(2021, 3, 12)},
                   handler());
}
inline cases::ConsultationReplied full_sample(Tag<cases::ConsultationReplied> /*unused*/) {
  return with_base(
      cases::ConsultationReplied{
          {}, 1, d(2021, 3, 19), cases::Opinion::object, "涉及本公司商业秘密", true},
      handler());
}
inline cases::ConsultationClosed full_sample(Tag<cases::ConsultationClosed> /*unused*/) {
  return with_base(cases::ConsultationClosed{{}, 2, d(2021, 3, 22)}, handler());
}
inline cases::ConsultationLapsed full_sample(Tag<cases::ConsultationLapsed> /*unused*/) {
  return with_base(cases::ConsultationLapsed{{}, 1, d(2021, 4, 2), cases::Opinion::agency_decides},
                   timer());
}
inline cases::FeeNoticeIssued full_sample(Tag<cases::FeeNoticeIssued> /*unused*/) {
  return with_base(
      cases::FeeNoticeIssued{
          {},
          cases::FeeBasis::per_page,
          230,
          11,
          1600,
          "第1-100页免费；第101-200页每页10元计1000元；第201-230页每页20元计600元",
          d(2021, 3, 15)},
      handler());
}
inline cases::FeePaid full_sample(Tag<cases::FeePaid> /*unused*/) {
  return with_base(cases::FeePaid{{}, d(2021, 3, 20), 1600, "BJ2021-000123", true}, handler());
}
inline cases::FeeLapsed full_sample(Tag<cases::FeeLapsed> /*unused*/) {
  return with_base(cases::FeeLapsed{{}, d(2021, 3, 29), d(2021, 3, 30)}, timer());
}
inline cases::ExtensionRequested full_sample(Tag<cases::ExtensionRequested> /*unused*/) {
  return with_base(cases::ExtensionRequested{{}, 20, "需调取档案馆存档材料", d(2021, 3, 22)},
                   handler());
}
inline cases::ExtensionApproved full_sample(Tag<cases::ExtensionApproved> /*unused*/) {
  return with_base(cases::ExtensionApproved{{}, 20, "同意延期", d(2021, 3, 23)}, supervisor());
}
inline cases::ExtensionRejected full_sample(Tag<cases::ExtensionRejected> /*unused*/) {
  return with_base(cases::ExtensionRejected{{}, "延期理由不充分", d(2021, 3, 23)}, supervisor());
}
inline cases::ExtensionNotified full_sample(Tag<cases::ExtensionNotified> /*unused*/) {
  return with_base(cases::ExtensionNotified{{}, d(2021, 3, 24), "挂号信"}, handler());
}
inline cases::ReplySubmitted full_sample(Tag<cases::ReplySubmitted> /*unused*/) {
  return with_base(
      cases::ReplySubmitted{
          {},
          domain::report::Disposition::partially_disclosed,
          "《中华人民共和国政府信息公开条例》第十五条、第三十七条",
          "张三：\n你于2021年3月1日提出的政府信息公开申请收悉。经查，现答复如下……\n特此告知。",
          {{"答复告知书.pdf", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            182734},
           {"资金明细表.xlsx", "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752",
            40960}},
          d(2021, 4, 12)},
      handler());
}
inline cases::ReplyApproved full_sample(Tag<cases::ReplyApproved> /*unused*/) {
  return with_base(cases::ReplyApproved{{}, "同意，按程序送达", d(2021, 4, 13)}, supervisor());
}
inline cases::ReplyReturned full_sample(Tag<cases::ReplyReturned> /*unused*/) {
  return with_base(cases::ReplyReturned{{}, "请补充不予公开部分的法律依据", d(2021, 4, 13)},
                   supervisor());
}
inline cases::ReplyIssued full_sample(Tag<cases::ReplyIssued> /*unused*/) {
  return with_base(cases::ReplyIssued{{},
                                      d(2021, 4, 14),
                                      cases::ServiceMethod::post,
                                      domain::report::Disposition::partially_disclosed},
                   handler());
}
inline cases::ApplicationWithdrawn full_sample(Tag<cases::ApplicationWithdrawn> /*unused*/) {
  return with_base(cases::ApplicationWithdrawn{{}, d(2021, 3, 5), "申请人书面撤回申请"},
                   registrar());
}
inline cases::CaseArchived full_sample(Tag<cases::CaseArchived> /*unused*/) {
  return with_base(cases::CaseArchived{{}, "WS2021-YSQ-0001", 10, d(2021, 5, 10)}, registrar());
}
inline cases::CaseReopened full_sample(Tag<cases::CaseReopened> /*unused*/) {
  return with_base(cases::CaseReopened{{},
                                       cases::ReopenBasis::reconsideration,
                                       "京政复〔2021〕123号",
                                       d(2021, 6, 1),
                                       d(2021, 6, 22)},
                   supervisor());
}
inline cases::RemedyRecorded full_sample(Tag<cases::RemedyRecorded> /*unused*/) {
  return with_base(cases::RemedyRecorded{{},
                                         cases::RemedyKind::litigation_after_reconsideration,
                                         cases::RemedyOutcome::corrected,
                                         d(2021, 9, 15),
                                         "（2021）京0101行初45号"},
                   supervisor());
}
inline cases::NoteAdded full_sample(Tag<cases::NoteAdded> /*unused*/) {
  return with_base(
      cases::NoteAdded{{}, "申请人来电询问办理进度，已告知预计答复日期。", d(2021, 3, 8)},
      handler());
}
inline cases::DeadlineWarned full_sample(Tag<cases::DeadlineWarned> /*unused*/) {
  return with_base(cases::DeadlineWarned{{}, d(2021, 4, 14), 3, d(2021, 4, 9)}, timer());
}
inline cases::DeadlineMissed full_sample(Tag<cases::DeadlineMissed> /*unused*/) {
  return with_base(cases::DeadlineMissed{{}, d(2021, 4, 14), d(2021, 4, 15)}, timer());
}

// Minimal samples: optionals empty, lists that may be empty empty. nullopt for types without.
template <typename E>
std::optional<E> minimal_sample(Tag<E> /*unused*/) {
  return std::nullopt;
}
inline std::optional<cases::CaseAssigned> minimal_sample(Tag<cases::CaseAssigned> tag) {
  auto e = full_sample(tag);
  e.handler.reset();
  return e;
}
inline std::optional<cases::FeeNoticeIssued> minimal_sample(Tag<cases::FeeNoticeIssued> tag) {
  auto e = full_sample(tag);
  e.basis = cases::FeeBasis::per_application;
  e.pages.reset();
  e.application_in_month.reset();
  e.amount_yuan = 0;
  e.calculation = "本月第1件申请，不收费";
  return e;
}
inline std::optional<cases::ReplySubmitted> minimal_sample(Tag<cases::ReplySubmitted> tag) {
  auto e = full_sample(tag);
  e.attachments.clear();
  return e;
}

}  // namespace gongkai::testing::samples
