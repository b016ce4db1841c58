// The argv and envp arrays posix_spawn takes, built from strings that live as long as this
// object. The environment holds only PATH, the sanitizers' options and `env`, so a developer's
// GONGKAI_* settings cannot leak into a child a test starts, while a sanitizer build's child runs
// with the same suppressions and checks as the test (tools/test.sh sets them).
#pragma once

#include <cstdlib>
#include <map>
#include <string>
#include <vector>

namespace gongkai::testing {

class SpawnArgs {
 public:
  SpawnArgs(const std::string& binary, const std::vector<std::string>& args,
            const std::map<std::string, std::string>& env) {
    argv_text_.push_back(binary);
    argv_text_.insert(argv_text_.end(), args.begin(), args.end());
    env_text_.emplace_back("PATH=/usr/bin:/bin");
    for (const char* name : {"ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS", "TSAN_OPTIONS"}) {
      if (const char* value = std::getenv(name)) env_text_.push_back(std::string(name) + "=" + value);
    }
    for (const auto& [name, value] : env) env_text_.push_back(name + "=" + value);
    for (auto& a : argv_text_) argv_.push_back(a.data());
    argv_.push_back(nullptr);
    for (auto& e : env_text_) envp_.push_back(e.data());
    envp_.push_back(nullptr);
  }
  SpawnArgs(const SpawnArgs&) = delete;
  SpawnArgs& operator=(const SpawnArgs&) = delete;

  [[nodiscard]] char* const* argv() { return argv_.data(); }
  [[nodiscard]] char* const* envp() { return envp_.data(); }

 private:
  std::vector<std::string> argv_text_;
  std::vector<std::string> env_text_;
  std::vector<char*> argv_;
  std::vector<char*> envp_;
};

}  // namespace gongkai::testing
