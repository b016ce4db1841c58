// PeopleCommandService: the people counterpart of CaseCommandService. decide_people validates a
// command against the facts the caller read from the `people` projection; the events go to their
// own streams (domain::people::stream_of). Creations (user, department, session) append with
// ExpectedVersion::no_stream, so the store refuses a second user of the same name, a second
// department of the same code or a reused token hash (conflict "already_exists") even when two
// requests race past the projection's early check. Nothing here throws.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/base/status.h"
#include "domain/people/people_decider.h"
#include "domain/time/instant.h"
#include "eventstore/event_store.h"

namespace gongkai::projections::commands {

struct PeopleOutcome {
  std::vector<domain::people::PeopleEvent> events;
  std::uint64_t position = 0;  // of the last event written
};

class PeopleCommandService {
 public:
  explicit PeopleCommandService(eventstore::EventStore& store) : store_(store) {}

  [[nodiscard]] domain::Result<PeopleOutcome> execute(const domain::people::PeopleCommand& command,
                                                      domain::time::Instant now,
                                                      const std::string& correlation_id = "");

 private:
  eventstore::EventStore& store_;
};

// 128 random bits as 32 lowercase hex digits (event ids).
[[nodiscard]] std::string random_hex_id();

// Makes this thread's later random_hex_id() a fixed sequence for `seed`: only for demo stores
// that must be byte-identical (same head hash) for a seed (projections/demo/township_demo.h).
void seed_event_ids(std::uint64_t seed);
// Back to ids from std::random_device (the default).
void randomize_event_ids();

}  // namespace gongkai::projections::commands
