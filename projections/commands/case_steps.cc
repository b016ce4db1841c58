#include "projections/commands/case_steps.h"

#include <array>
#include <cstdio>
#include <vector>

#include "domain/cases/case_clocks.h"
#include "domain/fees/fee_calculator.h"
#include "domain/report/disposition.h"
#include "domain/time/working_days.h"

namespace gongkai::projections::commands {

namespace dc = domain::cases;
using domain::policy::Actor;
using domain::policy::Role;
using domain::time::CivilDate;

namespace {

std::vector<std::string> proposable_dispositions() {
  std::vector<std::string> codes;
  for (const auto& row : domain::report::kReportRows) {
    if (!row.timer_only) codes.emplace_back(row.code);
  }
  return codes;
}

// 45% disclosed, 15% partially disclosed, the rest spread over every other proposable code.
std::string disposition_for(int arg) {
  static const std::vector<std::string> codes = proposable_dispositions();
  if (arg < 450) return codes[0];
  if (arg < 600) return codes[1];
  return codes[2 + static_cast<std::size_t>(arg) % (codes.size() - 2)];
}

Actor handler_for(const dc::CaseState& state, int index = 0) {
  return handler_of(state.department.value_or(department_code(0)), index);
}

std::string sha256_like(int seed) {
  char text[65];
  for (int i = 0; i < 64; ++i) text[i] = "0123456789abcdef"[(seed * 7 + i * 13) % 16];
  text[64] = '\0';
  return text;
}

dc::SubmitReply submission(int arg) {
  dc::SubmitReply c{
      disposition_for(arg), "《政府信息公开条例》第三十六条", "经审查，答复如下。", {}};
  if (arg % 3 == 0) c.attachments.push_back({"答复书.pdf", sha256_like(arg), 20'000 + arg});
  return c;
}

std::optional<StepCommand> consultation_step(const Step& step, const dc::CaseState& state,
                                             CivilDate today) {
  const Actor handler = handler_for(state);
  if (step.kind == StepKind::start_consultation) {
    static constexpr std::array kKinds{dc::ConsultationKind::third_party,
                                       dc::ConsultationKind::co_producer,
                                       dc::ConsultationKind::other_agency};
    static constexpr std::array kParties{"某科技有限公司", "市自然资源局", "省发展改革委"};
    const auto kind = static_cast<std::size_t>(step.arg);
    return StepCommand{handler, dc::StartConsultation{kKinds[kind], kParties[kind], today, {}}};
  }
  const int id = state.consultations.empty() ? 0 : state.consultations.back().id;
  if (step.kind == StepKind::close_consultation) {
    return StepCommand{handler, dc::CloseConsultation{id, today}};
  }
  static constexpr std::array kOpinions{dc::Opinion::consent, dc::Opinion::object,
                                        dc::Opinion::none};
  const dc::Opinion opinion = kOpinions[static_cast<std::size_t>(step.arg)];
  return StepCommand{
      handler, dc::RecordConsultationReply{id, today, opinion,
                                           opinion == dc::Opinion::object ? "涉及商业秘密" : ""}};
}

std::optional<StepCommand> fee_step(const Step& step, const dc::CaseState& state, CivilDate today) {
  const Actor handler = handler_for(state);
  if (step.kind == StepKind::pay_fee) {
    const std::int64_t amount = state.fee ? state.fee->amount_yuan : 0;
    return StepCommand{
        handler, dc::RecordFeePayment{today, amount,
                                      std::string("R").append(std::to_string(step.arg + 100000))}};
  }
  dc::IssueFeeNotice c;
  c.notified_on = today;
  if (step.arg % 2 == 0) {
    c.basis = dc::FeeBasis::per_page;
    c.pages = 31 + step.arg % 270;
    const auto quote = domain::fees::per_page_fee(*c.pages);
    c.amount_yuan = quote.ok() ? quote->amount_yuan : 0;
  } else {
    c.basis = dc::FeeBasis::per_application;
    c.application_in_month = 11 + step.arg % 30;
    const auto quote = domain::fees::per_application_fee(*c.application_in_month);
    c.amount_yuan = quote.ok() ? quote->amount_yuan : 0;
  }
  return StepCommand{handler, c};
}

}  // namespace

std::string department_code(int index) {
  char text[8];
  std::snprintf(text, sizeof text, "D%02d", index % kDepartments + 1);
  return text;
}

Actor registrar(int index) {
  return {"u-registrar-" + std::to_string(index + 1), Role::registrar, {}};
}

Actor handler_of(const std::string& department, int index) {
  return {"u-handler-" + department + "-" + std::to_string(index + 1), Role::handler, {department}};
}

Actor supervisor(int index) {
  return {"u-supervisor-" + std::to_string(index + 1), Role::supervisor, {}};
}

dc::RegisterCase registration(const CasePlan& plan, std::uint64_t ordinal, CivilDate today) {
  static constexpr std::array kChannels{dc::Channel::in_person,     dc::Channel::post_signed,
                                        dc::Channel::post_ordinary, dc::Channel::online,
                                        dc::Channel::fax,           dc::Channel::email,
                                        dc::Channel::oral};
  dc::RegisterCase c;
  c.applicant.type = static_cast<domain::report::ApplicantType>(plan.applicant_type);
  char id_number[24];
  std::snprintf(id_number, sizeof id_number, "3703031990%08llu",
                static_cast<unsigned long long>(ordinal % 100'000'000));
  if (plan.applicant_type == 0) {
    c.applicant.name = "申请人" + std::to_string(ordinal);
    c.applicant.id_type = "resident_id";
    c.applicant.id_number = id_number;
  } else {
    c.applicant.name = "某单位" + std::to_string(ordinal);
    c.applicant.id_type = "uscc";
    c.applicant.id_number = std::string("91") + id_number;
  }
  c.applicant.phone = "1380000" + std::to_string(1000 + ordinal % 9000);
  c.channel = kChannels[static_cast<std::size_t>(plan.channel)];
  c.received_on = today;
  c.description = "申请公开" + std::to_string(today.year()) + "年度某项目的审批文件";
  c.purpose = "自身生产生活需要";
  c.delivery_form = ordinal % 2 == 0 ? "paper" : "electronic";
  c.delivery_method = ordinal % 2 == 0 ? "post" : "email";
  if (plan.assign_at_registration) c.department = department_code(static_cast<int>(ordinal));
  return c;
}

bool is_tick(StepKind kind) {
  switch (kind) {
    case StepKind::tick_correction_lapse:
    case StepKind::tick_consultation_lapse:
    case StepKind::tick_fee_lapse:
    case StepKind::tick_warn:
    case StepKind::tick_missed:
      return true;
    default:
      return false;
  }
}

std::optional<CivilDate> tick_day(const Step& step, const dc::CaseState& state,
                                  const domain::time::Calendar& calendar) {
  std::optional<domain::clocks::DueDate> due;
  switch (step.kind) {
    case StepKind::tick_correction_lapse: {
      const auto deadline = dc::effective_correction_deadline(state, calendar);
      return deadline ? std::optional(deadline->next()) : std::nullopt;
    }
    case StepKind::tick_consultation_lapse:
      if (state.consultations.empty()) return std::nullopt;
      due = dc::consultation_due(state.consultations.back(), calendar);
      break;
    case StepKind::tick_fee_lapse:
      due = dc::fee_payment_due(state, calendar);
      break;
    case StepKind::tick_warn:
    case StepKind::tick_missed:
      due = dc::reply_due(state, calendar);
      break;
    default:
      return std::nullopt;
  }
  if (!due || !due->due_on) return std::nullopt;
  return step.kind == StepKind::tick_warn ? *due->due_on : due->due_on->next();
}

std::optional<StepCommand> step_command(const Step& step, const dc::CaseState& state,
                                        const Actor& registrar_actor, CivilDate today,
                                        const domain::time::Calendar& calendar) {
  const Actor handler = handler_for(state);
  const Actor boss = supervisor(step.arg % 2);
  switch (step.kind) {
    case StepKind::acknowledge:
      return StepCommand{registrar_actor, dc::AcknowledgeReceipt{today, "短信"}};
    case StepKind::assign: {
      const std::string department = department_code(static_cast<int>(state.case_id.size()) +
                                                     static_cast<int>(state.received_on.day()));
      const std::optional<std::string> who =
          step.arg == 0 ? std::optional(handler_of(department, 0).id) : std::nullopt;
      return StepCommand{step.arg == 0 ? registrar_actor : boss, dc::AssignCase{department, who}};
    }
    case StepKind::request_correction:
      return StepCommand{handler, dc::RequestCorrection{{"所需信息的名称或文号", "申请人身份证明"},
                                                        today.plus_days(step.arg),
                                                        today}};
    case StepKind::receive_correction:
      return StepCommand{handler, dc::ReceiveCorrection{today, "补正了所需信息的名称"}};
    case StepKind::receive_correction_late: {
      const auto deadline = dc::effective_correction_deadline(state, calendar);
      return StepCommand{registrar_actor,
                         dc::ReceiveCorrection{deadline.value_or(today), "邮寄的补正材料迟到登记"}};
    }
    case StepKind::transfer: {
      const int current = state.department ? std::stoi(state.department->substr(1)) - 1 : 0;
      return StepCommand{handler,
                         dc::TransferCase{department_code(current + 1), "信息由其他处室掌握"}};
    }
    case StepKind::start_consultation:
    case StepKind::reply_consultation:
    case StepKind::close_consultation:
      return consultation_step(step, state, today);
    case StepKind::issue_fee_notice:
    case StepKind::pay_fee:
      return fee_step(step, state, today);
    case StepKind::request_extension:
      return StepCommand{handler, dc::RequestExtension{step.arg, "需要调取档案", today}};
    case StepKind::approve_extension:
      return StepCommand{boss, dc::ApproveExtension{"同意延期", today}};
    case StepKind::reject_extension:
      return StepCommand{boss, dc::RejectExtension{"理由不充分", today}};
    case StepKind::notify_extension:
      return StepCommand{handler, dc::NotifyExtension{today, "书面告知"}};
    case StepKind::add_note: {
      // A handler sees only the cases of their department: none before assignment.
      const Actor who = step.arg == 0 || (step.arg == 1 && !state.department) ? registrar_actor
                        : step.arg == 1                                       ? handler
                                                                              : boss;
      return StepCommand{who, dc::AddNote{"申请人来电询问办理进度"}};
    }
    case StepKind::withdraw:
      return StepCommand{registrar_actor, dc::WithdrawApplication{today, "申请人书面撤回"}};
    case StepKind::submit_reply:
      return StepCommand{handler, submission(step.arg)};
    case StepKind::return_reply:
      return StepCommand{boss, dc::ReturnReply{"请补充法律依据"}};
    case StepKind::approve_reply:
      return StepCommand{boss, dc::ApproveReply{"同意"}};
    case StepKind::issue_reply: {
      static constexpr std::array kMethods{dc::ServiceMethod::in_person, dc::ServiceMethod::post,
                                           dc::ServiceMethod::email, dc::ServiceMethod::online};
      return StepCommand{step.arg % 2 == 0 ? handler : registrar_actor,
                         dc::IssueReply{today, kMethods[static_cast<std::size_t>(step.arg)]}};
    }
    case StepKind::record_remedy: {
      const auto kind = static_cast<dc::RemedyKind>(step.arg % 3);
      const auto outcome = static_cast<dc::RemedyOutcome>(step.arg % 4);
      return StepCommand{
          boss, dc::RecordRemedy{kind, outcome, today, "复议第" + std::to_string(step.arg) + "号"}};
    }
    case StepKind::reopen:
      return StepCommand{boss, dc::ReopenCase{static_cast<dc::ReopenBasis>(step.arg),
                                              "决定书" + std::to_string(step.arg), today,
                                              domain::time::add_working_days(calendar, today, 15)}};
    case StepKind::archive:
      return StepCommand{step.arg == 0 ? registrar_actor : handler,
                         dc::ArchiveCase{"A-" + state.case_id, step.arg == 0 ? 10 : 30}};
    default:
      return std::nullopt;
  }
}

}  // namespace gongkai::projections::commands
