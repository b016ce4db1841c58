#include "store_session.h"

#include <chrono>
#include <cstdlib>
#include <utility>

#include "data_dir.h"
#include "domain/people/people_decider.h"
#include "domain/time/calendar_text.h"
#include "eventstore/rocksdb/rocksdb_event_store.h"

namespace gongkai::tools {

std::string default_agency() {
  const char* from_env = std::getenv("GONGKAI_AGENCY_CODE");
  return from_env != nullptr && *from_env != '\0' ? from_env : "CJZ";
}

domain::policy::Actor cli_actor() {
  const char* user = std::getenv("USER");
  std::string name = user != nullptr && *user != '\0' ? user : "unknown";
  return {"cli:" + name, domain::policy::Role::admin, {}};
}

domain::time::Instant wall_clock_now() {
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  return domain::time::Instant::from_unix_micros(micros);
}

domain::Result<std::string> head_hash(const eventstore::EventStore& store) {
  const auto head = store.head_position();
  if (head == 0) return std::string(64, '0');
  auto last = store.read_all(head, 1);
  if (!last.ok()) return last.status();
  if (last->empty()) return domain::internal_error("head_missing", "the head event is missing");
  return last->front().hash;
}

StoreSession::~StoreSession() {
  people.reset();
  cases.reset();
  store.reset();
}

domain::Result<std::unique_ptr<StoreSession>> open_store(const std::string& data_dir,
                                                         const std::string& agency,
                                                         OpenOptions options) {
  if (!domain::people::valid_code(agency)) {
    return domain::invalid_argument("invalid_agency",
                                    "the agency code must be 1-32 of A-Z a-z 0-9 _");
  }
  const auto directory = store_directory(data_dir);
  std::error_code error;
  if (!options.create && !std::filesystem::exists(directory / "CURRENT", error)) {
    return domain::not_found("no_store", "no store at " + directory.string() +
                                             " (gongkai init or gongkai demo creates one)");
  }
  auto calendar = domain::time::builtin_calendar();
  if (!calendar.ok()) return calendar.status();
  auto session = std::make_unique<StoreSession>();
  session->agency = agency;
  session->host = std::make_shared<projections::CalendarHost>(
      agency, *calendar, std::move(options.rebuild), std::move(options.progress));
  std::filesystem::create_directories(directory, error);
  if (error) {
    return domain::unavailable("data_dir",
                               "cannot create " + directory.string() + ": " + error.message());
  }
  auto store =
      eventstore::RocksDbEventStore::open({.directory = directory, .hooks = {session->host}});
  if (!store.ok()) return store.status();
  session->store = std::move(*store);
  session->cases = std::make_unique<projections::commands::CaseCommandService>(
      *session->store, agency, session->host->calendar());
  session->people = std::make_unique<projections::commands::PeopleCommandService>(*session->store);
  return session;
}

}  // namespace gongkai::tools
