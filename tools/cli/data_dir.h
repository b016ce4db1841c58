// Where a subcommand's store lives: --data-dir, else GONGKAI_DATA_DIR, else ./data (as the server).
#pragma once

#include <cstdlib>
#include <string>

namespace gongkai::tools {

inline std::string default_data_dir() {
  const char* from_env = std::getenv("GONGKAI_DATA_DIR");
  return from_env != nullptr && *from_env != '\0' ? from_env : "./data";
}

}  // namespace gongkai::tools
