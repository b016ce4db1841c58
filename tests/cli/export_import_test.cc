// `gongkai export --all` and `gongkai import`: the NDJSON log round-trips to a store with the same
// head hash and the same report (projections built on import); a tampered or broken file is refused
// naming the line, and nothing is left where the store would have been.
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/generated_store.h"
#include "support/cli_run.h"

namespace gongkai::testing {

namespace {

using nlohmann::json;
namespace fs = std::filesystem;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

void write_lines(const fs::path& path, const std::vector<std::string>& lines) {
  std::ofstream out(path, std::ios::binary);
  for (const auto& line : lines) out << line << '\n';
}

struct Exported {
  fs::path file;
  std::vector<std::string> lines;
};

Exported export_all(const TempDir& dir) {
  generate_store(dir.path() / "store", 3);
  Exported exported{dir.path() / "log.ndjson", {}};
  const auto result = run_cli({"export", "--all", "--data-dir", (dir.path() / "store").string(),
                               "--out", exported.file.string()});
  REQUIRE(result.exit_code == 0);
  exported.lines = lines_of(read_whole_file(exported.file));
  REQUIRE(exported.lines.size() > 10);
  return exported;
}

}  // namespace

TEST_CASE(
    "Given a store exported with export --all, When it is imported, Then the new store has "
    "the same head hash and the same annual report",
    "[cli-files]") {
  TempDir dir;
  const auto exported = export_all(dir);
  const json first = json::parse(exported.lines.front());
  CHECK(first["position"] == 1);
  CHECK(first["version"] == 1);
  CHECK(first["prev_hash"] == std::string(64, '0'));
  CHECK(first["data"].is_object());

  const auto target = dir.path() / "imported";
  const auto imported = run_cli({"import", exported.file.string(), "--data-dir", target.string()});
  REQUIRE(imported.exit_code == 0);
  const json line = json::parse(imported.out);
  CHECK(line["events"] == exported.lines.size());

  const auto source = store_facts(dir.path() / "store");
  const auto copy = store_facts(target / "store");  // import fills <data-dir>/store
  CHECK(copy.log.ok);
  CHECK(copy.log.head_position == source.log.head_position);
  CHECK(copy.log.head_hash == source.log.head_hash);
  CHECK(line["head_hash"] == source.log.head_hash);
  CHECK(copy.annual_report_json == source.annual_report_json);

  // The import wrote the records verbatim: exporting it again (the store named by
  // GONGKAI_DATA_DIR this time) gives the same file.
  const auto again = run_cli({"export", "--all"}, {{"GONGKAI_DATA_DIR", target.string()}});
  CHECK(again.exit_code == 0);
  CHECK(again.out == read_whole_file(exported.file));
}

TEST_CASE(
    "Given an export --all file with one event's data changed, When it is imported, Then it "
    "is refused naming the line and no store is left",
    "[cli-files]") {
  TempDir dir;
  auto exported = export_all(dir);
  const std::size_t index = exported.lines.size() / 2;
  json event = json::parse(exported.lines[index]);
  event["data"]["tampered"] = true;
  exported.lines[index] = event.dump();
  const auto file = dir.path() / "tampered.ndjson";
  write_lines(file, exported.lines);

  const auto target = dir.path() / "imported";
  const auto imported = run_cli({"import", file.string(), "--data-dir", target.string()});
  CHECK(imported.exit_code == 1);
  CHECK(imported.err.find("line " + std::to_string(index + 1)) != std::string::npos);
  CHECK_FALSE(fs::exists(target / "store"));
  for (const auto& entry : fs::recursive_directory_iterator(dir.path())) {
    CHECK(entry.path().filename().string().find("importing") == std::string::npos);
  }
}

TEST_CASE(
    "Given an export --all file with a line removed, When it is imported, Then it is refused "
    "naming the line after the gap",
    "[cli-files]") {
  TempDir dir;
  auto exported = export_all(dir);
  exported.lines.erase(exported.lines.begin() + 4);
  const auto file = dir.path() / "gap.ndjson";
  write_lines(file, exported.lines);
  const auto target = dir.path() / "imported";
  fs::create_directories(target);  // an empty target directory is allowed, and left empty
  const auto imported = run_cli({"import", file.string(), "--data-dir", target.string()});
  CHECK(imported.exit_code == 1);
  CHECK(imported.err.find("line 5") != std::string::npos);
  CHECK(fs::is_empty(target));
}

TEST_CASE(
    "Given a target that already holds files, When a valid file is imported into it, Then "
    "it is refused and the target is untouched",
    "[cli-files]") {
  TempDir dir;
  const auto exported = export_all(dir);
  const auto imported =
      run_cli({"import", exported.file.string(), "--data-dir", (dir.path() / "store").string()});
  CHECK(imported.exit_code == 1);
  CHECK(imported.err.find("not empty") != std::string::npos);
  CHECK(store_facts(dir.path() / "store").log.ok);
}

}  // namespace gongkai::testing
