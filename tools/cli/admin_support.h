// Small pieces the administration subcommands (init, user, department, calendar import, demo,
// stats) share: how a Status becomes an exit code and a message, comma lists, where a document
// goes (--out FILE or stdout), and their --data-dir/--agency options.
//
// Exit codes: invalid_argument (what was typed is not acceptable: a bad username, a weak password,
// a malformed file) is a usage error, 2; every other refusal or failure is 1.
#pragma once

#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "commands.h"
#include "data_dir.h"
#include "domain/base/status.h"
#include "store_session.h"

namespace gongkai::tools {

// Prints "gongkai <command>: <message> (<reason>)" on stderr and returns the exit code.
inline int report_failure(const std::string& command, const domain::Status& status) {
  std::cerr << "gongkai " << command << ": " << status.message();
  if (!status.reason().empty()) std::cerr << " (" << status.reason() << ")";
  std::cerr << "\n";
  return status.code() == domain::Code::invalid_argument ? kExitUsage : kExitFailed;
}

// "a,b,,c" -> {"a","b","c"} (empty items dropped, spaces around items trimmed).
inline std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> items;
  std::string item;
  auto flush = [&] {
    const auto first = item.find_first_not_of(' ');
    const auto last = item.find_last_not_of(' ');
    if (first != std::string::npos) items.push_back(item.substr(first, last - first + 1));
    item.clear();
  };
  for (char c : text) {
    if (c == ',') {
      flush();
    } else {
      item += c;
    }
  }
  flush();
  return items;
}

// Writes `text` to `out` (a file, replaced) or to stdout when `out` is empty.
inline domain::Status write_document(const std::string& out, const std::string& text) {
  if (out.empty()) {
    std::cout << text << std::flush;
    return std::cout ? domain::Status{} : domain::unavailable("write_failed", "writing stdout");
  }
  std::ofstream file(out, std::ios::binary | std::ios::trunc);
  file << text;
  file.close();
  if (!file) return domain::unavailable("write_failed", "cannot write " + out);
  return {};
}

// --data-dir and --agency, as every administration subcommand takes them.
struct StoreOptions {
  std::string data_dir = default_data_dir();
  std::string agency = default_agency();
};

inline void add_store_options(CLI::App& command, StoreOptions& options) {
  command.add_option("--data-dir", options.data_dir, "Data directory (env GONGKAI_DATA_DIR)");
  command.add_option("--agency", options.agency,
                     "Agency code (env GONGKAI_AGENCY_CODE, default CJZ)");
}

}  // namespace gongkai::tools
