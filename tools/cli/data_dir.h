// Where a subcommand's store lives: --data-dir, else GONGKAI_DATA_DIR, else ./data (as the server).
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

namespace gongkai::tools {

inline std::string default_data_dir() {
  const char* from_env = std::getenv("GONGKAI_DATA_DIR");
  return from_env != nullptr && *from_env != '\0' ? from_env : "./data";
}

// The store under a data dir: `<data-dir>/store`, as the server lays it out, so `gongkai demo
// --data-dir ./data` fills what `gongkai-server --data-dir=./data` serves; a data dir that is
// itself a RocksDB store (has CURRENT; `bench --dir` and older tools made those) is used as it is.
inline std::filesystem::path store_directory(const std::string& data_dir) {
  const std::filesystem::path root(data_dir);
  std::error_code ignored;
  if (std::filesystem::exists(root / "CURRENT", ignored)) return root;
  return root / "store";
}

}  // namespace gongkai::tools
