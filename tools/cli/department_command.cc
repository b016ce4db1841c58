// `gongkai department add CODE NAME | list`: the agency's departments, through the people command
// path (department.created.v1 in stream department-<code>, as POST /departments) acting as
// cli_actor(). A taken code is refused with exit 1 (department_exists); a malformed code or name
// with exit 2. `list` prints one JSON line per department ({"code","name"}, code order);
// --out FILE writes them there.
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>

#include "admin_support.h"
#include "commands.h"
#include "data_dir.h"
#include "domain/people/people_decider.h"
#include "projections/people/people_projection.h"
#include "store_session.h"

namespace gongkai::tools {

namespace {

namespace dp = domain::people;
namespace pp = projections::people;

int add_department(const StoreOptions& common, const std::string& code, const std::string& name) {
  auto session = open_store(common.data_dir, common.agency);
  if (!session.ok()) return report_failure("department add", session.status());
  auto departments = pp::list_departments(*(*session)->store, common.agency);
  if (!departments.ok()) return report_failure("department add", departments.status());
  std::set<std::string> codes;
  for (const auto& department : *departments) codes.insert(department.code);
  auto created = (*session)->people->execute(
      {.actor = cli_actor(),
       .body =
           dp::CreateDepartment{
               .code = code, .name = name, .agency = common.agency, .existing_departments = codes}},
      wall_clock_now());
  if (!created.ok()) {
    if (created.status().reason() == "already_exists") {
      return report_failure("department add",
                            domain::failed_precondition("department_exists",
                                                        "department " + code + " exists already"));
    }
    return report_failure("department add", created.status());
  }
  const nlohmann::json line = {{"code", code}, {"name", name}, {"position", created->position}};
  std::cout << line.dump() << "\n";
  return kExitOk;
}

int list_departments(const StoreOptions& common, const std::string& out_file) {
  auto session = open_store(common.data_dir, common.agency);
  if (!session.ok()) return report_failure("department list", session.status());
  auto departments = pp::list_departments(*(*session)->store, common.agency);
  if (!departments.ok()) return report_failure("department list", departments.status());
  std::string text;
  for (const auto& department : *departments) {
    text += nlohmann::json{{"code", department.code}, {"name", department.name}}.dump() + "\n";
  }
  const auto written = write_document(out_file, text);
  return written.ok() ? kExitOk : report_failure("department list", written);
}

}  // namespace

void add_department_command(CLI::App& app, int& exit_code) {
  auto* department = app.add_subcommand("department", "Add and list departments");
  department->require_subcommand(1);

  auto* add = department->add_subcommand("add", "Add a department");
  auto add_options = std::make_shared<StoreOptions>();
  auto code = std::make_shared<std::string>();
  auto name = std::make_shared<std::string>();
  add_store_options(*add, *add_options);
  add->add_option("CODE", *code, "1-32 of A-Z a-z 0-9 _, e.g. D09")->required();
  add->add_option("NAME", *name, "e.g. 应急管理办")->required();
  add->callback([&exit_code, add_options, code, name] {
    exit_code = add_department(*add_options, *code, *name);
  });

  auto* list = department->add_subcommand("list", "The agency's departments, one JSON line each");
  auto list_options = std::make_shared<StoreOptions>();
  auto out_file = std::make_shared<std::string>();
  add_store_options(*list, *list_options);
  list->add_option("--out", *out_file, "Write the lines to FILE instead of stdout");
  list->callback([&exit_code, list_options, out_file] {
    exit_code = list_departments(*list_options, *out_file);
  });
}

}  // namespace gongkai::tools
