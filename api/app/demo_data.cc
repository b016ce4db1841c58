#include "api/app/demo_data.h"

#include "api/auth/password.h"
#include "projections/people/people_projection.h"

namespace gongkai::api::app {

domain::Result<std::string> fill_demo_if_empty(ServerContext& context, const ServerConfig& config) {
  auto any_case = projections::demo::has_cases(context.store(), config.agency_code);
  if (!any_case.ok()) return any_case.status();
  auto departments = projections::people::list_departments(context.store(), config.agency_code);
  if (!departments.ok()) return departments.status();
  if (*any_case || !departments->empty()) return std::string();
  const auto now = context.clock().now();
  projections::demo::TownshipOptions options;
  options.seed = config.demo_seed;
  options.year = config.demo_year != 0 ? config.demo_year : domain::time::date_of(now).year() - 1;
  options.cases = static_cast<std::size_t>(config.demo_cases);
  options.now = now;
  // The demo's users share one password, public in the README: one record serves them all (a
  // hash costs most of a second at the operators' cost).
  auto record = auth::hash_password(kDemoPassword, config.password_hashing);
  if (!record.ok()) return record.status();
  options.hash_password = [&record](std::string_view) { return record; };
  auto filled = projections::demo::fill_township(context.cases(), context.people(), options);
  if (!filled.ok()) return filled.status();
  std::string users;
  for (const auto& user : filled->user_descriptions) users += (users.empty() ? "" : ", ") + user;
  return "demo: " + std::to_string(filled->generated_cases) + " cases of " +
         std::to_string(filled->year) + " (" + std::to_string(filled->generated_events) +
         " events) and " + std::to_string(filled->open_cases) +
         " open cases received in the last weeks; users " + users + ", password " +
         std::string(kDemoPassword);
}

}  // namespace gongkai::api::app
