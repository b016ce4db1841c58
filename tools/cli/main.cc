// The `gongkai` command line: administration, verification and benchmarks on a store.
#include <cstdlib>
#include <iostream>

#include "commands.h"

int main(int argc, char** argv) {
  CLI::App app{"gongkai: case management for government information disclosure requests"};
  app.require_subcommand(1);
  int exit_code = gongkai::tools::kExitOk;
  gongkai::tools::add_bench_command(app, exit_code);
  gongkai::tools::add_bench_rebuild_command(*app.get_subcommand("bench"), exit_code);
  gongkai::tools::add_verify_command(app, exit_code);
  gongkai::tools::add_calendar_command(app, exit_code);
  gongkai::tools::add_rebuild_command(app, exit_code);
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
