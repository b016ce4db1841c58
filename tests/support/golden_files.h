// The golden files that pin stored forms live under tests/eventstore/golden/; these read them.
#pragma once

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>

namespace gongkai::testing {

// tests/eventstore/golden/<relative> in the source tree.
inline std::filesystem::path golden_path(std::string_view relative) {
  return std::filesystem::path(GONGKAI_SOURCE_DIR) / "tests/eventstore/golden" / relative;
}

// The file's bytes, or nullopt when it cannot be read.
inline std::optional<std::string> read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in.good()) return std::nullopt;
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

}  // namespace gongkai::testing
