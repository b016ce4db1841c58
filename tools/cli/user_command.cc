// `gongkai user add | list | disable`: the agency's users, through the people command path
// (PeopleCommandService, the same decider and events as the API's /users routes) acting as
// cli_actor() (role admin, id "cli:<OS user>"), so the log says the change came from the command
// line and by whom.
//   add      --username --display-name --roles r1,r2 [--departments D01,D02] [--password P];
//            without --password one is generated (12 random bytes as hex) and printed once.
//            Prints {"user_id","username","roles","departments","position"[,"generated_password"]}.
//   list     one JSON line per user (user_id, username, display_name, roles, departments,
//            disabled), username order; never a password record. --out FILE writes them there.
//   disable  USERNAME: user.changed.v1 with disabled=true, then closes the user's open sessions
//            (as PATCH /users/{id} does). Disabling a disabled user is refused (exit 1).
#include <algorithm>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>

#include "admin_support.h"
#include "api/auth/password.h"
#include "commands.h"
#include "data_dir.h"
#include "domain/people/people_decider.h"
#include "projections/people/people_projection.h"
#include "store_session.h"

namespace gongkai::tools {

namespace {

namespace dp = domain::people;
namespace pp = projections::people;

domain::Result<std::set<std::string>> department_codes(const StoreSession& session) {
  auto departments = pp::list_departments(*session.store, session.agency);
  if (!departments.ok()) return departments.status();
  std::set<std::string> codes;
  for (const auto& department : *departments) codes.insert(department.code);
  return codes;
}

nlohmann::json role_names(const std::vector<domain::policy::Role>& roles) {
  nlohmann::json names = nlohmann::json::array();
  for (auto role : roles) names.push_back(std::string(domain::policy::role_name(role)));
  return names;
}

struct AddArgs {
  std::string username, display_name, roles, departments, password;
};

int add_user(const StoreOptions& common, const AddArgs& args) {
  bool generated = false;
  std::string password = args.password;
  if (password.empty()) {
    password = api::auth::random_hex(12);
    generated = true;
  }
  if (auto policy = api::auth::check_password_policy(password); !policy.ok()) {
    return report_failure("user add", policy);
  }
  auto session = open_store(common.data_dir, common.agency);
  if (!session.ok()) return report_failure("user add", session.status());
  auto codes = department_codes(**session);
  if (!codes.ok()) return report_failure("user add", codes.status());
  const auto now = wall_clock_now();
  auto created = (*session)->people->execute(
      {.actor = cli_actor(),
       .body = dp::CreateUser{.username = args.username,
                              .display_name = args.display_name,
                              .roles = split_list(args.roles),
                              .agency = common.agency,
                              .departments = split_list(args.departments),
                              .existing_departments = *codes}},
      now);
  if (!created.ok()) {
    if (created.status().reason() == "already_exists") {
      return report_failure("user add", domain::conflict("username_taken", "user " + args.username +
                                                                               " exists already"));
    }
    return report_failure("user add", created.status());
  }
  const auto& user = std::get<dp::UserCreated>(created->events.front());
  auto record = api::auth::hash_password(password);
  if (!record.ok()) return report_failure("user add", record.status());
  auto set = (*session)->people->execute(
      {.actor = cli_actor(),
       .body = dp::SetPasswordRecord{.user_id = user.user_id,
                                     .password_record = *record,
                                     .current = dp::UserFacts{user.user_id, user.roles,
                                                              user.departments, false}}},
      now);
  if (!set.ok()) return report_failure("user add", set.status());
  nlohmann::json line = {{"user_id", user.user_id},
                         {"username", args.username},
                         {"roles", role_names(user.roles)},
                         {"departments", user.departments},
                         {"position", set->position}};
  if (generated) line["generated_password"] = password;
  std::cout << line.dump() << "\n";
  return kExitOk;
}

int list_users(const StoreOptions& common, const std::string& out_file) {
  auto session = open_store(common.data_dir, common.agency);
  if (!session.ok()) return report_failure("user list", session.status());
  auto users = pp::list_users(*(*session)->store, common.agency);
  if (!users.ok()) return report_failure("user list", users.status());
  std::sort(users->begin(), users->end(),
            [](const pp::UserView& a, const pp::UserView& b) { return a.username < b.username; });
  std::string text;
  for (const auto& user : *users) {
    const nlohmann::json line = {
        {"user_id", user.user_id},           {"username", user.username},
        {"display_name", user.display_name}, {"roles", role_names(user.roles)},
        {"departments", user.departments},   {"disabled", user.disabled}};
    text += line.dump() + "\n";
  }
  const auto written = write_document(out_file, text);
  return written.ok() ? kExitOk : report_failure("user list", written);
}

int disable_user(const StoreOptions& common, const std::string& username) {
  auto session = open_store(common.data_dir, common.agency);
  if (!session.ok()) return report_failure("user disable", session.status());
  auto& s = **session;
  auto user = pp::find_user_by_username(*s.store, username);
  if (!user.ok() || user->agency != common.agency) {
    if (!user.ok() && user.status().code() != domain::Code::not_found) {
      return report_failure("user disable", user.status());
    }
    return report_failure(
        "user disable",
        domain::not_found("user_not_found", "no user " + username + " in " + common.agency));
  }
  if (user->disabled) {
    return report_failure("user disable", domain::failed_precondition(
                                              "user_disabled", username + " is disabled already"));
  }
  auto codes = department_codes(s);
  if (!codes.ok()) return report_failure("user disable", codes.status());
  auto open = pp::open_session_ids(*s.store, user->user_id);
  if (!open.ok()) return report_failure("user disable", open.status());
  const auto now = wall_clock_now();
  auto changed = s.people->execute(
      {.actor = cli_actor(),
       .body = dp::ChangeUser{.user_id = user->user_id,
                              .roles = std::nullopt,
                              .departments = std::nullopt,
                              .disabled = true,
                              .current = dp::UserFacts{user->user_id, user->roles,
                                                       user->departments, user->disabled},
                              .existing_departments = *codes}},
      now);
  if (!changed.ok()) return report_failure("user disable", changed.status());
  std::uint64_t position = changed->position;
  for (const auto& session_id : *open) {
    auto closed =
        s.people->execute({.actor = cli_actor(),
                           .body = dp::CloseSession{.session_id = session_id,
                                                    .reason = dp::SessionCloseReason::user_disabled,
                                                    .session_exists = true,
                                                    .session_open = true,
                                                    .session_user_id = user->user_id}},
                          now);
    if (!closed.ok()) return report_failure("user disable", closed.status());
    position = closed->position;
  }
  const nlohmann::json line = {{"user_id", user->user_id},
                               {"username", username},
                               {"disabled", true},
                               {"sessions_closed", open->size()},
                               {"position", position}};
  std::cout << line.dump() << "\n";
  return kExitOk;
}

}  // namespace

void add_user_command(CLI::App& app, int& exit_code) {
  auto* user = app.add_subcommand("user", "Add, list and disable users");
  user->require_subcommand(1);

  auto* add = user->add_subcommand("add", "Add a user (password generated unless --password)");
  auto add_options = std::make_shared<StoreOptions>();
  auto args = std::make_shared<AddArgs>();
  add_store_options(*add, *add_options);
  add->add_option("--username", args->username, "3-32 of a-z 0-9 . _ -, starting with a letter")
      ->required();
  add->add_option("--display-name", args->display_name, "Name shown to others, e.g. 承办人 李强")
      ->required();
  add->add_option("--roles", args->roles,
                  "Comma list of admin, registrar, handler, supervisor, auditor")
      ->required();
  add->add_option("--departments", args->departments,
                  "Comma list of department codes, e.g. D01,D02");
  add->add_option("--password", args->password, "8-256 bytes (default: generated and printed)");
  add->callback([&exit_code, add_options, args] { exit_code = add_user(*add_options, *args); });

  auto* list =
      user->add_subcommand("list", "The agency's users, one JSON line each (no passwords)");
  auto list_options = std::make_shared<StoreOptions>();
  auto out_file = std::make_shared<std::string>();
  add_store_options(*list, *list_options);
  list->add_option("--out", *out_file, "Write the lines to FILE instead of stdout");
  list->callback(
      [&exit_code, list_options, out_file] { exit_code = list_users(*list_options, *out_file); });

  auto* disable = user->add_subcommand("disable", "Disable a user and close their sessions");
  auto disable_options = std::make_shared<StoreOptions>();
  auto username = std::make_shared<std::string>();
  add_store_options(*disable, *disable_options);
  disable->add_option("USERNAME", *username, "The user to disable")->required();
  disable->callback([&exit_code, disable_options, username] {
    exit_code = disable_user(*disable_options, *username);
  });
}

}  // namespace gongkai::tools
