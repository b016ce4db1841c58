// The `gongkai` command line: administration, verification and benchmarks on a store.
#include <cstdlib>
#include <iostream>
#include <string>

#include "batch_heap.h"
#include "commands.h"

namespace {

bool has_subcommand(CLI::App& app, const std::string& name) {
  for (const auto* sub : app.get_subcommands({})) {
    if (sub->check_name(name)) return true;
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  if (gongkai::tools::is_batch_command(argc, argv)) gongkai::tools::restart_with_batch_heap(argv);
  CLI::App app{"gongkai: case management for government information disclosure requests"};
  app.require_subcommand(1);
  int exit_code = gongkai::tools::kExitOk;
  gongkai::tools::add_bench_command(app, exit_code);
  gongkai::tools::add_bench_rebuild_command(*app.get_subcommand("bench"), exit_code);
  gongkai::tools::add_bench_read_command(*app.get_subcommand("bench"), exit_code);
  gongkai::tools::add_bench_replay_command(*app.get_subcommand("bench"), exit_code);
  gongkai::tools::add_verify_command(app, exit_code);
  gongkai::tools::add_calendar_command(app, exit_code);
  gongkai::tools::add_rebuild_command(app, exit_code);
  gongkai::tools::add_export_command(app, exit_code);
  gongkai::tools::add_import_command(app, exit_code);
  gongkai::tools::add_backup_command(app, exit_code);
  gongkai::tools::add_restore_command(app, exit_code);
  gongkai::tools::add_init_command(app, exit_code);
  gongkai::tools::add_user_command(app, exit_code);
  gongkai::tools::add_department_command(app, exit_code);
  gongkai::tools::add_demo_command(app, exit_code);
  gongkai::tools::add_stats_command(app, exit_code);
  gongkai::tools::add_loadgen_command(app, exit_code);
  // CLI11 reports an unknown first word only as "A subcommand is required"; name it instead.
  if (argc > 1 && argv[1][0] != '-' && !has_subcommand(app, argv[1])) {
    std::cerr << "gongkai: unknown subcommand '" << argv[1]
              << "'\nRun with --help for more information.\n";
    return gongkai::tools::kExitUsage;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return gongkai::tools::kExitUsage;
  }
  return exit_code;
}
