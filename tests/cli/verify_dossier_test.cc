// `gongkai verify --case` / `--dossier` and `gongkai export --case`: a case's dossier exported by
// the CLI is the bytes projections::case_dossier builds (as the API's export), verifies offline,
// and a byte flipped in an event's data is named by its position; usage errors exit 2.
#include <catch2/catch.hpp>
#include <cctype>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli/generated_store.h"
#include "eventstore/codec/record_codec.h"
#include "projections/export/case_dossier.h"
#include "support/cli_run.h"

namespace gongkai::testing {

namespace {

using nlohmann::json;

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// Changes one letter or digit inside a string of event `index`'s data, keeping the JSON valid.
std::string flip_in_data(std::string text, const json& dossier, std::size_t index) {
  const std::string event_id = dossier["events"][index]["event_id"].get<std::string>();
  const auto id_at = text.find("\"event_id\":\"" + event_id + "\"");
  REQUIRE(id_at != std::string::npos);
  const auto data_at = text.rfind("\"data\":{", id_at);
  REQUIRE(data_at != std::string::npos);
  bool in_string = false;
  for (auto i = data_at + 8; i < id_at; ++i) {
    const char c = text[i];
    if (c == '\\') {
      ++i;
      continue;
    }
    if (c == '"') {
      in_string = !in_string;
      continue;
    }
    if (in_string && std::isalnum(static_cast<unsigned char>(c))) {
      text[i] = c == 'x' ? 'y' : 'x';
      return text;
    }
  }
  FAIL("no letter inside a string of that event's data");
  return text;
}

constexpr const char* kExportedAt = "2021-12-01T02:00:00.000000Z";

}  // namespace

TEST_CASE(
    "Given a store with cases, When a case is exported, Then it is the dossier the API "
    "builds and it verifies offline",
    "[cli-files]") {
  TempDir dir;
  const auto ids = generate_store(dir.path() / "store", 3);
  const std::string id = ids.front();
  const auto file = dir.path() / "case.dossier.json";

  const auto exported =
      run_cli({"export", "--case", id, "--data-dir", (dir.path() / "store").string(), "--out",
               file.string(), "--exported-by", "u-sup1", "--exported-at", kExportedAt});
  REQUIRE(exported.exit_code == 0);
  const std::string text = read_whole_file(file);
  {
    auto store = eventstore::RocksDbEventStore::open({.directory = dir.path() / "store"});
    REQUIRE(store.ok());
    domain::time::Instant at;
    REQUIRE(eventstore::codec::parse_instant(kExportedAt, at));
    auto built = projections::case_dossier(**store, id, at, "u-sup1");
    REQUIRE(built.ok());
    CHECK(*built == text);
  }

  const auto verified = run_cli({"verify", "--dossier", file.string()});
  CHECK(verified.exit_code == 0);
  const json line = json::parse(verified.out);
  const json dossier = json::parse(text);
  CHECK(line["ok"] == true);
  CHECK(line["case_id"] == id);
  CHECK(line["events"] == dossier["stream_version"]);
  CHECK(line["head_hash"] == dossier["head_hash"]);

  const auto by_case =
      run_cli({"verify", "--case", id, "--data-dir", (dir.path() / "store").string()});
  CHECK(by_case.exit_code == 0);
  CHECK(json::parse(by_case.out)["head_hash"] == dossier["head_hash"]);
}

TEST_CASE(
    "Given an exported dossier with one byte of an event's data changed, When it is "
    "verified, Then it fails with exit 1 naming that event's position",
    "[cli-files]") {
  TempDir dir;
  const auto ids = generate_store(dir.path() / "store", 2);
  const auto exported =
      run_cli({"export", "--case", ids.front(), "--data-dir", (dir.path() / "store").string()});
  REQUIRE(exported.exit_code == 0);
  const json dossier = json::parse(exported.out);
  REQUIRE(dossier["events"].size() >= 2);
  const auto file = dir.path() / "tampered.json";
  write_file(file, flip_in_data(exported.out, dossier, 1));

  const auto verified = run_cli({"verify", "--dossier", file.string()});
  CHECK(verified.exit_code == 1);
  const json line = json::parse(verified.out);
  CHECK(line["ok"] == false);
  CHECK(line["first_bad_position"] == dossier["events"][1]["position"]);
  CHECK(line["problem"].get<std::string>().find("hash") != std::string::npos);
}

TEST_CASE("Given a dossier missing its last event, When it is verified, Then it fails",
          "[cli-files]") {
  TempDir dir;
  const auto ids = generate_store(dir.path() / "store", 1);
  const auto exported =
      run_cli({"export", "--case", ids.front(), "--data-dir", (dir.path() / "store").string()});
  REQUIRE(exported.exit_code == 0);
  json dossier = json::parse(exported.out);
  dossier["events"].erase(dossier["events"].size() - 1);
  const auto file = dir.path() / "short.json";
  write_file(file, dossier.dump());
  const auto verified = run_cli({"verify", "--dossier", file.string()});
  CHECK(verified.exit_code == 1);
  CHECK(json::parse(verified.out)["problem"].get<std::string>().find("stream_version") !=
        std::string::npos);
}

TEST_CASE("Given a case that does not exist, When it is verified or exported, Then exit 1",
          "[cli-files]") {
  TempDir dir;
  generate_store(dir.path() / "store", 1);
  const auto store = (dir.path() / "store").string();
  CHECK(run_cli({"verify", "--case", "CJZ-2021-99999", "--data-dir", store}).exit_code == 1);
  CHECK(run_cli({"export", "--case", "CJZ-2021-99999", "--data-dir", store}).exit_code == 1);
  CHECK(run_cli({"export", "--all", "--data-dir", (dir.path() / "nothing").string()}).exit_code ==
        1);
}

TEST_CASE("Given contradictory or missing options, When verify or export runs, Then exit 2",
          "[cli-files]") {
  CHECK(run_cli({"verify", "--case", "CJZ-2021-00001", "--dossier", "x.json"}).exit_code == 2);
  CHECK(run_cli({"verify", "--stream", "s", "--case", "CJZ-2021-00001"}).exit_code == 2);
  CHECK(run_cli({"export"}).exit_code == 2);
  CHECK(run_cli({"export", "--case", "CJZ-2021-00001", "--all"}).exit_code == 2);
  CHECK(run_cli({"import"}).exit_code == 2);
  CHECK(run_cli({"backup"}).exit_code == 2);
  CHECK(run_cli({"restore"}).exit_code == 2);
  for (const char* sub : {"verify", "export", "import", "backup", "restore"}) {
    const auto help = run_cli({sub, "--help"});
    CHECK(help.exit_code == 0);
    CHECK(help.out.find("--data-dir") != std::string::npos);
  }
}

}  // namespace gongkai::testing

namespace gongkai::testing {

TEST_CASE(
    "Given a dossier whose event data nests 100,000 deep, When it is verified, Then it is "
    "refused naming the event, without exhausting the stack",
    "[cli-files]") {
  TempDir dir;
  std::string data;
  for (int i = 0; i < 100'000; ++i) data += "{\"a\":";
  data += "1";
  for (int i = 0; i < 100'000; ++i) data += "}";
  const std::string zeros(64, '0');
  const std::string event =
      R"({"actor":"system","causation_id":"","correlation_id":"","data":)" + data +
      R"(,"event_id":"e1","hash":")" + zeros + R"(","position":9,"prev_hash":")" + zeros +
      R"(","recorded_at":"2021-03-10T02:00:00.000000Z","stream":"case-CJZ-2021-00001",)" +
      R"("stream_prev_hash":")" + zeros + R"(","type":"case.note_added.v1","version":1})";
  const std::string dossier = R"({"format":"gongkai.dossier.v1","case_id":"CJZ-2021-00001",)"
                              R"("stream":"case-CJZ-2021-00001","stream_version":1,"head_hash":")" +
                              zeros + R"(","events":[)" + event + "]}";
  const auto file = dir.path() / "deep.json";
  std::ofstream(file, std::ios::binary) << dossier;
  const auto verified = run_cli({"verify", "--dossier", file.string()});
  CHECK(verified.exit_code == 1);
  const auto line = nlohmann::json::parse(verified.out);
  CHECK(line["first_bad_position"] == 9);
  CHECK(line["problem"].get<std::string>().find("nested deeper") != std::string::npos);
}

}  // namespace gongkai::testing
