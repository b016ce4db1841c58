#include "server_child.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <iterator>
#include <regex>
#include <stdexcept>
#include <thread>
#include <vector>

namespace gongkai::tools::crash {
namespace {

std::string read_from(const std::filesystem::path& file, std::uintmax_t offset) {
  std::ifstream in(file, std::ios::binary);
  in.seekg(static_cast<std::streamoff>(offset));
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

ServerChild::ServerChild(const std::string& binary, const std::filesystem::path& data_dir,
                         const std::filesystem::path& log_dir)
    : stderr_file_(log_dir / "stderr.log") {
  stderr_offset_ = std::filesystem::exists(stderr_file_) ? std::filesystem::file_size(stderr_file_)
                                                         : 0;
  std::vector<std::string> args = {binary,
                                   "--data-dir=" + data_dir.string(),
                                   "--listen=127.0.0.1:0",
                                   "--demo=true",
                                   "--demo-cases=3",
                                   "--demo-seed=1"};
  std::vector<std::string> env = {"PATH=/usr/bin:/bin",
                                  "GONGKAI_ADMIN_PASSWORD=crash-admin-password-1"};
  std::vector<char*> argv, envp;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  for (auto& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, stderr_file_.c_str(),
                                   O_WRONLY | O_CREAT | O_APPEND, 0644);
  const int spawned = posix_spawn(&pid_, binary.c_str(), &actions, nullptr, argv.data(),
                                  envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) throw std::runtime_error("cannot start " + binary);
}

ServerChild::~ServerChild() {
  if (!reaped_) (void)kill9();
}

std::uint16_t ServerChild::wait_listening(std::chrono::milliseconds timeout) {
  const std::regex listening("listening on http://[^ ]+:([0-9]+) ");
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    const std::string text = read_from(stderr_file_, stderr_offset_);
    std::smatch match;
    if (std::regex_search(text, match, listening)) {
      return static_cast<std::uint16_t>(std::stoi(match[1].str()));
    }
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      reaped_ = true;
      return 0;
    }
    // A tool polling a log file, not a test: a short pause between looks.
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return 0;
}

bool ServerChild::kill9() {
  if (reaped_) return false;
  ::kill(pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
  reaped_ = true;
  return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

std::string ServerChild::stderr_tail() const {
  const std::string text = read_from(stderr_file_, stderr_offset_);
  return text.size() <= 2000 ? text : text.substr(text.size() - 2000);
}

}  // namespace gongkai::tools::crash
