// Runs the real `gongkai` CLI binary to completion and captures what it said and how it exited,
// for the CLI tests (GONGKAI_CLI_BINARY comes from tests/CMakeLists.txt). The output goes to files
// in a temp dir rather than pipes, so a chatty subcommand can never block on a full pipe.
#pragma once

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/spawn_args.h"
#include "support/temp_dir.h"

namespace gongkai::testing {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string read_whole_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// `gongkai <args...>` with only PATH and `env` in its environment (SpawnArgs).
inline CliResult run_cli(const std::vector<std::string>& args,
                         const std::map<std::string, std::string>& env = {}) {
  TempDir capture;
  const auto out_file = capture.path() / "stdout";
  const auto err_file = capture.path() / "stderr";
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  SpawnArgs spawn_args(GONGKAI_CLI_BINARY, args, env);
  pid_t pid = 0;
  const int spawned =
      posix_spawn(&pid, GONGKAI_CLI_BINARY, &actions, nullptr, spawn_args.argv(),
                  spawn_args.envp());
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) throw std::runtime_error("posix_spawn of the gongkai CLI failed");
  int status = 0;
  waitpid(pid, &status, 0);
  CliResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = read_whole_file(out_file);
  result.err = read_whole_file(err_file);
  return result;
}

}  // namespace gongkai::testing
