// Small pieces the administration subcommands (init, user, department, calendar import, demo,
// stats) share: how a Status becomes an exit code and a message, comma lists, and where a
// document goes (--out FILE or stdout).
//
// Exit codes: invalid_argument (what was typed is not acceptable: a bad username, a weak password,
// a malformed file) is a usage error, 2; every other refusal or failure is 1.
#pragma once

#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "commands.h"
#include "domain/base/status.h"

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

// Writes `text` to `out_file` (replaced) or, when it is empty, to stdout. False (and a message)
// when the file cannot be written.
inline bool write_document(const std::string& command, const std::string& out_file,
                           const std::string& text) {
  if (out_file.empty()) {
    std::cout << text << std::flush;
    return true;
  }
  std::ofstream out(out_file, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) {
    std::cerr << "gongkai " << command << ": cannot write " << out_file << "\n";
    return false;
  }
  return true;
}

}  // namespace gongkai::tools
