// The real gongkai-server binary as a child process for the process tests: its stderr read by a
// thread (waited on with a deadline, never by sleeping), its stdout (the JSON logs) in a file,
// signals, and its exit status. GONGKAI_SERVER_BINARY comes from tests/CMakeLists.txt.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "support/spawn_args.h"

namespace gongkai::testing {

class ServerProcess {
 public:
  ServerProcess(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                const std::filesystem::path& stdout_file) {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], 2);
    posix_spawn_file_actions_addopen(&actions, 1, stdout_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    SpawnArgs spawn_args(GONGKAI_SERVER_BINARY, args, env);
    const int spawned = posix_spawn(&pid_, GONGKAI_SERVER_BINARY, &actions, nullptr,
                                    spawn_args.argv(), spawn_args.envp());
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    if (spawned != 0) {
      close(fds[0]);
      throw std::runtime_error("posix_spawn failed");
    }
    reader_ = std::thread([this, fd = fds[0]] {
      char buffer[4096];
      ssize_t n = 0;
      while ((n = read(fd, buffer, sizeof buffer)) > 0) {
        std::lock_guard lock(mutex_);
        stderr_.append(buffer, static_cast<std::size_t>(n));
        changed_.notify_all();
      }
      close(fd);
    });
    waiter_ = std::thread([this] {
      int status = 0;
      waitpid(pid_, &status, 0);
      std::lock_guard lock(mutex_);
      status_ = status;
      changed_.notify_all();
    });
  }

  ~ServerProcess() {
    bool running = false;
    {
      std::lock_guard lock(mutex_);
      running = !status_.has_value();
    }
    if (running) kill(pid_, SIGKILL);
    waiter_.join();
    reader_.join();
  }

  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  // Whether stderr shows `pattern` (a regex) before the deadline or the process's exit.
  bool wait_for(const std::string& pattern, std::chrono::seconds timeout = std::chrono::seconds(60)) {
    const std::regex re(pattern);
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] {
      return std::regex_search(stderr_, re) || status_.has_value();
    }) && std::regex_search(stderr_, re);
  }
  // The first capture of `pattern` in stderr ("" when absent).
  std::string capture(const std::string& pattern) {
    std::lock_guard lock(mutex_);
    std::smatch match;
    return std::regex_search(stderr_, match, std::regex(pattern)) ? match[1].str() : "";
  }
  std::string stderr_text() {
    std::lock_guard lock(mutex_);
    return stderr_;
  }
  // The port from "listening on http(s)://host:port"; 0 when the server did not start.
  std::uint16_t wait_listening() {
    // std::cerr writes each piece on its own: wait for the whole line.
    if (!wait_for("listening on https?://[^ ]+:[0-9]+ [^\n]*\n")) return 0;
    return static_cast<std::uint16_t>(std::stoi(capture("listening on https?://[^ ]+:([0-9]+) ")));
  }

  void signal(int sig) { kill(pid_, sig); }
  [[nodiscard]] pid_t pid() const { return pid_; }
  // The exit code, or -(signal) when killed; nullopt when it is still running at the deadline.
  std::optional<int> wait_exit(std::chrono::seconds timeout = std::chrono::seconds(60)) {
    std::unique_lock lock(mutex_);
    if (!changed_.wait_for(lock, timeout, [&] { return status_.has_value(); })) return std::nullopt;
    if (WIFEXITED(*status_)) return WEXITSTATUS(*status_);
    return -WTERMSIG(*status_);
  }

 private:
  pid_t pid_ = 0;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::string stderr_;
  std::optional<int> status_;
  std::thread reader_;
  std::thread waiter_;
};

}  // namespace gongkai::testing
