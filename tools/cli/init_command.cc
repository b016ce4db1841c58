// `gongkai init`: creates a new store under --data-dir and its first administrator, `admin`,
// through the people command path (projections/commands/first_admin.h, as the server's first
// start does). The password is --admin-password, else GONGKAI_ADMIN_PASSWORD, else 12 random
// bytes as hex, printed once in the result line ("generated_password"). A store that has events
// already (an admin, a demo, anything) is refused with exit 1 and left untouched.
// Prints one JSON line: {"store","agency","admin","head_position"[,"generated_password"]}.
#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>

#include "admin_support.h"
#include "api/auth/password.h"
#include "commands.h"
#include "data_dir.h"
#include "projections/commands/first_admin.h"
#include "store_session.h"

namespace gongkai::tools {

namespace {

int run_init(const std::string& data_dir, const std::string& agency, std::string password) {
  bool generated = false;
  if (password.empty()) {
    const char* from_env = std::getenv("GONGKAI_ADMIN_PASSWORD");
    if (from_env != nullptr) password = from_env;
  }
  if (password.empty()) {
    password = api::auth::random_hex(12);
    generated = true;
  }
  if (auto policy = api::auth::check_password_policy(password); !policy.ok()) {
    return report_failure("init", policy);
  }
  auto session = open_store(data_dir, agency, {.create = true, .rebuild = {}, .progress = nullptr});
  if (!session.ok()) return report_failure("init", session.status());
  auto& store = *(*session)->store;
  if (store.head_position() != 0) {
    std::cerr << "gongkai init: the store at " << store_directory(data_dir).string() << " has "
              << store.head_position()
              << " events already; init only creates a new store (gongkai user add adds users)\n";
    return kExitFailed;
  }
  auto record = api::auth::hash_password(password);
  if (!record.ok()) return report_failure("init", record.status());
  auto created = projections::commands::create_first_admin(*(*session)->people, agency, *record,
                                                           wall_clock_now());
  if (!created.ok()) return report_failure("init", created);
  nlohmann::json line = {{"store", store_directory(data_dir).string()},
                         {"agency", agency},
                         {"admin", std::string(projections::commands::kFirstAdminUsername)},
                         {"head_position", store.head_position()}};
  if (generated) line["generated_password"] = password;
  std::cout << line.dump() << "\n";
  if (generated) {
    std::cerr << "gongkai init: admin's one-time password is " << password
              << " (shown once; change it after the first login)\n";
  }
  return kExitOk;
}

}  // namespace

void add_init_command(CLI::App& app, int& exit_code) {
  auto* command = app.add_subcommand("init", "Create a new store and its first administrator");
  auto data_dir = std::make_shared<std::string>(default_data_dir());
  auto agency = std::make_shared<std::string>(default_agency());
  auto password = std::make_shared<std::string>();
  command->add_option("--data-dir", *data_dir, "Data directory (env GONGKAI_DATA_DIR)");
  command->add_option("--agency", *agency, "Agency code (env GONGKAI_AGENCY_CODE, default CJZ)");
  command->add_option("--admin-password", *password,
                      "admin's password (env GONGKAI_ADMIN_PASSWORD; default: generated, printed)");
  command->callback([&exit_code, data_dir, agency, password] {
    exit_code = run_init(*data_dir, *agency, *password);
  });
}

}  // namespace gongkai::tools
