// The real gongkai-server as a child of the crash harness: started on a data dir with a demo
// store (users dengji/banli, password gongkai-demo), stderr in a file the harness reads for the
// "listening on http://host:port" line, and killed with SIGKILL.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>

namespace gongkai::tools::crash {

class ServerChild {
 public:
  // Starts `binary` on `data_dir` listening on an ephemeral port of 127.0.0.1; the logs go to
  // `log_dir` (stderr.log appended, requests to /dev/null).
  ServerChild(const std::string& binary, const std::filesystem::path& data_dir,
              const std::filesystem::path& log_dir);
  ~ServerChild();  // SIGKILL and reap, if still running
  ServerChild(const ServerChild&) = delete;
  ServerChild& operator=(const ServerChild&) = delete;

  // Waits for the listening line; the port, or 0 when the server exited or `timeout` passed.
  std::uint16_t wait_listening(std::chrono::milliseconds timeout);
  // SIGKILL, then waits for the exit; true when it died of the signal (it was still running).
  bool kill9();
  [[nodiscard]] std::string stderr_tail() const;

 private:
  pid_t pid_ = -1;
  std::filesystem::path stderr_file_;
  std::uintmax_t stderr_offset_ = 0;  // where this start's output begins in the appended file
  bool reaped_ = false;
};

}  // namespace gongkai::tools::crash
