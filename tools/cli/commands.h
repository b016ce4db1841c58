// The `gongkai` CLI's subcommands. Each lives in its own file and registers itself on the app
// given to it; main.cc is the only place that lists them, so the wiring is visible in one spot.
// Exit codes: 0 ok, 1 the work failed, 2 usage error.
#pragma once

#include <CLI/CLI.hpp>

namespace gongkai::tools {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitUsage = 2;

// Each add_* registers a subcommand whose callback stores its exit code in `exit_code`.
void add_bench_command(CLI::App& app, int& exit_code);
void add_verify_command(CLI::App& app, int& exit_code);
void add_calendar_command(CLI::App& app, int& exit_code);
void add_rebuild_command(CLI::App& app, int& exit_code);
void add_export_command(CLI::App& app, int& exit_code);
void add_import_command(CLI::App& app, int& exit_code);
void add_backup_command(CLI::App& app, int& exit_code);
void add_restore_command(CLI::App& app, int& exit_code);
void add_loadgen_command(CLI::App& app, int& exit_code);
// `bench rebuild`, registered on the `bench` subcommand.
void add_bench_rebuild_command(CLI::App& bench, int& exit_code);
// `bench read` and `bench replay`, registered on the `bench` subcommand.
void add_bench_read_command(CLI::App& bench, int& exit_code);
void add_bench_replay_command(CLI::App& bench, int& exit_code);
// Administration (tools/README.md): init, user, department, demo, stats; `calendar import`,
// registered on the `calendar` subcommand by add_calendar_command.
void add_init_command(CLI::App& app, int& exit_code);
void add_user_command(CLI::App& app, int& exit_code);
void add_department_command(CLI::App& app, int& exit_code);
void add_demo_command(CLI::App& app, int& exit_code);
void add_stats_command(CLI::App& app, int& exit_code);
void add_calendar_import_command(CLI::App& calendar, int& exit_code);

}  // namespace gongkai::tools
