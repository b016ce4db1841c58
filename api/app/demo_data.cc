#include "api/app/demo_data.h"

#include <array>
#include <set>

#include "api/auth/password.h"
#include "domain/cases/case_commands.h"
#include "domain/people/people_decider.h"
#include "domain/report/disposition.h"
#include "projections/commands/case_generator.h"
#include "projections/people/people_projection.h"

namespace gongkai::api::app {

namespace {

namespace dp = domain::people;
using domain::policy::Role;

// The generator's department codes D01..D08 (case_steps.h), named as a 镇's offices.
constexpr std::array<std::pair<std::string_view, std::string_view>, 8> kDepartments{{
    {"D01", "党政办"}, {"D02", "自然资源所"}, {"D03", "民政办"}, {"D04", "财政所"},
    {"D05", "农业农村办"}, {"D06", "社会事务办"}, {"D07", "综合执法队"}, {"D08", "经济发展办"},
}};

struct DemoUser {
  std::string_view username;
  std::string_view display_name;
  std::vector<std::string> roles;
  std::vector<std::string> departments;
};

domain::Status create_user(ServerContext& context, const DemoUser& user,
                           const std::set<std::string>& departments, domain::time::Instant now) {
  const domain::policy::Actor admin{dp::user_id_for_username("admin"), Role::admin, {}};
  auto created = context.people().execute(
      {.actor = admin,
       .body = dp::CreateUser{.username = std::string(user.username),
                              .display_name = std::string(user.display_name),
                              .roles = user.roles,
                              .agency = context.config().agency_code,
                              .departments = user.departments,
                              .existing_departments = departments}},
      now);
  if (!created.ok()) return created.status();
  auto record = auth::hash_password(kDemoPassword);
  if (!record.ok()) return record.status();
  const auto& event = std::get<dp::UserCreated>(created->events.front());
  auto set = context.people().execute(
      {.actor = admin,
       .body = dp::SetPasswordRecord{.user_id = event.user_id,
                                     .password_record = *record,
                                     .current = dp::UserFacts{event.user_id, event.roles,
                                                              event.departments, false}}},
      now);
  return set.ok() ? domain::Status{} : set.status();
}

// Open work for today: the generated year is all in the past (and mostly closed), so a queue
// needs cases received in the last weeks. Every third goes to D01 or D02 (banli's), the rest
// spread; the oldest are past their reply date, so supervisors see overdue cases and the
// deadline ticker issues its first events within a minute of start.
domain::Result<std::size_t> register_open_cases(ServerContext& context, domain::time::Instant now) {
  const domain::policy::Actor registrar{dp::user_id_for_username("dengji"), Role::registrar, {}};
  const auto today = domain::time::date_of(now);
  constexpr int kOpenCases = 24;
  for (int i = 0; i < kOpenCases; ++i) {
    domain::cases::RegisterCase c;
    const bool company = i % 4 == 3;
    c.applicant.type = company ? domain::report::ApplicantType::commercial_enterprise
                               : domain::report::ApplicantType::natural_person;
    c.applicant.name = company ? "某建材有限公司" : "申请人" + std::to_string(1000 + i);
    c.applicant.id_type = company ? "credit_code" : "resident_id";
    c.applicant.id_number = (company ? "91370303MA0" : "3703031990010") + std::to_string(10000 + i);
    c.channel = i % 3 == 0 ? domain::cases::Channel::online : domain::cases::Channel::in_person;
    c.received_on = today.plus_days(-(2 * i + 1));
    c.description = "申请公开本镇" + std::string(kDepartments[static_cast<std::size_t>(i % 8)].second) +
                    "近期办理事项的有关文件";
    c.delivery_form = "electronic";
    c.delivery_method = "email";
    c.department = std::string(kDepartments[static_cast<std::size_t>(i % 3 == 0 ? i % 2 : i % 8)].first);
    auto registered = context.cases().execute("", {registrar, std::move(c)}, now);
    if (!registered.ok()) return registered.status();
  }
  return static_cast<std::size_t>(kOpenCases);
}

}  // namespace

domain::Result<std::string> fill_demo_if_empty(ServerContext& context, const ServerConfig& config) {
  auto existing = projections::people::list_departments(context.store(), config.agency_code);
  if (!existing.ok()) return existing.status();
  if (!existing->empty()) return std::string();
  const auto now = context.clock().now();
  const domain::policy::Actor admin{dp::user_id_for_username("admin"), Role::admin, {}};
  std::set<std::string> codes;
  for (const auto& [code, name] : kDepartments) {
    auto created = context.people().execute(
        {.actor = admin,
         .body = dp::CreateDepartment{.code = std::string(code),
                                      .name = std::string(name),
                                      .agency = config.agency_code,
                                      .existing_departments = codes}},
        now);
    if (!created.ok()) return created.status();
    codes.emplace(code);
  }
  const std::vector<DemoUser> users = {
      {"dengji", "登记员 王芳", {"registrar"}, {}},
      {"banli", "承办人 李强", {"handler"}, {"D01", "D02"}},
      {"duban", "督办 张敏", {"supervisor"}, {}},
      {"shenji", "审计 陈静", {"auditor"}, {}},
  };
  for (const DemoUser& user : users) {
    if (auto status = create_user(context, user, codes, now); !status.ok()) return status;
  }
  const int year = config.demo_year != 0 ? config.demo_year
                                         : domain::time::date_of(now).year() - 1;
  auto generated = projections::commands::generate_cases(
      context.cases(), static_cast<std::size_t>(config.demo_cases), config.demo_seed, year);
  if (!generated.ok()) return generated.status();
  auto open = register_open_cases(context, context.clock().now());
  if (!open.ok()) return open.status();
  return "demo: " + std::to_string(generated->case_ids.size()) + " cases of " +
         std::to_string(year) + " (" + std::to_string(generated->events) + " events) and " +
         std::to_string(*open) + " open cases received in the last weeks; users dengji (registrar), banli (handler of D01 D02), duban (supervisor), "
         "shenji (auditor), password " +
         std::string(kDemoPassword);
}

}  // namespace gongkai::api::app
