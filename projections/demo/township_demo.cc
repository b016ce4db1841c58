#include "projections/demo/township_demo.h"

#include <array>
#include <set>
#include <utility>

#include "domain/cases/case_commands.h"
#include "domain/people/people_decider.h"
#include "domain/report/disposition.h"
#include "projections/commands/case_generator.h"
#include "projections/people/people_projection.h"
#include "projections/projection_host.h"
#include "projections/reports/reports_projection.h"

namespace gongkai::projections::demo {

namespace {

namespace dp = domain::people;
using domain::policy::Role;

// The generator's department codes D01..D08 (case_steps.h), named as a 镇's offices.
constexpr std::array<std::pair<std::string_view, std::string_view>, 8> kDepartments{{
    {"D01", "党政办"},
    {"D02", "自然资源所"},
    {"D03", "民政办"},
    {"D04", "财政所"},
    {"D05", "农业农村办"},
    {"D06", "社会事务办"},
    {"D07", "综合执法队"},
    {"D08", "经济发展办"},
}};

struct DemoUser {
  std::string_view username;
  std::string_view display_name;
  std::vector<std::string> roles;
  std::vector<std::string> departments;
  std::string_view description;
};

const std::vector<DemoUser>& demo_users() {
  static const std::vector<DemoUser> users = {
      {"dengji", "登记员 王芳", {"registrar"}, {}, "dengji (registrar)"},
      {"banli", "承办人 李强", {"handler"}, {"D01", "D02"}, "banli (handler of D01 D02)"},
      {"duban", "督办 张敏", {"supervisor"}, {}, "duban (supervisor)"},
      {"shenji", "审计 陈静", {"auditor"}, {}, "shenji (auditor)"},
  };
  return users;
}

// The demo's people are created by `admin` (the account the server or `gongkai init` creates).
domain::policy::Actor admin_actor() { return {dp::user_id_for_username("admin"), Role::admin, {}}; }

domain::Status create_user(commands::PeopleCommandService& people, const std::string& agency,
                           const DemoUser& user, const std::set<std::string>& departments,
                           const TownshipOptions& options) {
  auto created =
      people.execute({.actor = admin_actor(),
                      .body = dp::CreateUser{.username = std::string(user.username),
                                             .display_name = std::string(user.display_name),
                                             .roles = user.roles,
                                             .agency = agency,
                                             .departments = user.departments,
                                             .existing_departments = departments}},
                     options.now);
  if (!created.ok()) return created.status();
  auto record = options.hash_password(user.username);
  if (!record.ok()) return record.status();
  const auto& event = std::get<dp::UserCreated>(created->events.front());
  auto set = people.execute(
      {.actor = admin_actor(),
       .body = dp::SetPasswordRecord{.user_id = event.user_id,
                                     .password_record = *record,
                                     .current = dp::UserFacts{event.user_id, event.roles,
                                                              event.departments, false}}},
      options.now);
  return set.ok() ? domain::Status{} : set.status();
}

// Open work for today: the generated year is all in the past (and mostly closed), so a queue
// needs cases received in the last weeks. Every third goes to D01 or D02 (banli's), the rest
// spread; the oldest are past their reply date, so supervisors see overdue cases and the
// deadline ticker issues its first events within a minute of start.
domain::Status register_open_cases(commands::CaseCommandService& cases, std::size_t count,
                                   domain::time::Instant now) {
  const domain::policy::Actor registrar{dp::user_id_for_username("dengji"), Role::registrar, {}};
  const auto today = domain::time::date_of(now);
  for (std::size_t n = 0; n < count; ++n) {
    const int i = static_cast<int>(n);
    domain::cases::RegisterCase c;
    const bool company = i % 4 == 3;
    c.applicant.type = company ? domain::report::ApplicantType::commercial_enterprise
                               : domain::report::ApplicantType::natural_person;
    c.applicant.name = company ? "某建材有限公司" : "申请人" + std::to_string(1000 + i);
    c.applicant.id_type = company ? "credit_code" : "resident_id";
    c.applicant.id_number = (company ? "91370303MA0" : "3703031990010") + std::to_string(10000 + i);
    c.channel = i % 3 == 0 ? domain::cases::Channel::online : domain::cases::Channel::in_person;
    c.received_on = today.plus_days(-(2 * i + 1));
    c.description =
        "申请公开本镇" + std::string(kDepartments[n % 8].second) + "近期办理事项的有关文件";
    c.delivery_form = "electronic";
    c.delivery_method = "email";
    c.department =
        std::string(kDepartments[static_cast<std::size_t>(i % 3 == 0 ? i % 2 : i % 8)].first);
    auto registered = cases.execute("", {registrar, std::move(c)}, now);
    if (!registered.ok()) return registered.status();
  }
  return {};
}

// Restores a random event-id generator when the demo ends, however it ends.
struct SeededIds {
  explicit SeededIds(std::uint64_t seed) { commands::seed_event_ids(seed); }
  ~SeededIds() { commands::randomize_event_ids(); }
  SeededIds(const SeededIds&) = delete;
  SeededIds& operator=(const SeededIds&) = delete;
};

}  // namespace

domain::Result<bool> has_cases(const eventstore::EventStore& store, std::string_view agency) {
  const std::string prefix = ProjectionHost::state_prefix(reports::kReportsProjection) +
                             reports::case_records_prefix(agency);
  auto found = store.scan_state(prefix, 1);
  if (!found.ok()) return found.status();
  return !found->empty();
}

domain::Result<TownshipSummary> fill_township(commands::CaseCommandService& cases,
                                              commands::PeopleCommandService& people,
                                              const TownshipOptions& options) {
  const std::string& agency = cases.agency();
  auto any_case = has_cases(cases.store(), agency);
  if (!any_case.ok()) return any_case.status();
  if (*any_case) {
    return domain::failed_precondition("store_has_cases",
                                       "the store has cases of " + agency + " already");
  }
  auto existing = people::list_departments(cases.store(), agency);
  if (!existing.ok()) return existing.status();
  if (!existing->empty()) {
    return domain::failed_precondition("departments_exist",
                                       "the store has departments of " + agency + " already");
  }
  SeededIds ids(options.seed);
  TownshipSummary summary;
  summary.year = options.year;
  std::set<std::string> codes;
  for (const auto& [code, name] : kDepartments) {
    auto created = people.execute({.actor = admin_actor(),
                                   .body = dp::CreateDepartment{.code = std::string(code),
                                                                .name = std::string(name),
                                                                .agency = agency,
                                                                .existing_departments = codes}},
                                  options.now);
    if (!created.ok()) return created.status();
    codes.emplace(code);
    summary.departments.emplace_back(code);
  }
  for (const DemoUser& user : demo_users()) {
    if (auto status = create_user(people, agency, user, codes, options); !status.ok()) {
      return status;
    }
    summary.users.emplace_back(user.username);
    summary.user_descriptions.emplace_back(user.description);
  }
  auto generated = commands::generate_cases(cases, options.cases, options.seed, options.year);
  if (!generated.ok()) return generated.status();
  summary.generated_cases = generated->case_ids.size();
  summary.generated_events = generated->events;
  for (const auto& [what, count] : generated->refusals) summary.refusals += count;
  if (auto open = register_open_cases(cases, options.open_cases, options.now); !open.ok()) {
    return open;
  }
  summary.open_cases = options.open_cases;
  return summary;
}

}  // namespace gongkai::projections::demo
