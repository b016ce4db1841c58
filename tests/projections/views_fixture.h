// A real RocksDbEventStore with the cases, queues, deadlines and case_search projections
// installed, fed by the real decider: `run` decides a command on the case's folded state (as the
// API will), appends the events to "case-<id>" with the expected version, and keeps the fold for
// the next command.
// `reopen` closes the store and opens it again on the same directory (optionally rebuilding).
#pragma once

#include <catch2/catch.hpp>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "domain/cases/case_decider.h"
#include "domain/cases/case_timers.h"
#include "eventstore/codec/case_event_codec.h"
#include "eventstore/rocksdb/rocksdb_event_store.h"
#include "projections/cases/case_queries.h"
#include "projections/cases/case_search_projection.h"
#include "projections/cases/cases_projection.h"
#include "projections/deadlines/deadline_queries.h"
#include "projections/deadlines/deadlines_projection.h"
#include "projections/projection_host.h"
#include "projections/projection_store.h"
#include "projections/queues/queue_queries.h"
#include "projections/queues/queues_projection.h"
#include "support/calendars.h"
#include "support/fake_clock.h"
#include "support/temp_dir.h"

namespace gongkai::testing {

namespace dc = domain::cases;
using domain::policy::Actor;
using domain::policy::Role;
using Json = nlohmann::json;

struct ViewsFixture {
  const domain::time::Calendar& calendar = china_calendar();
  TempDir dir;
  std::unique_ptr<eventstore::RocksDbEventStore> store;
  std::map<std::string, dc::CaseState> states;
  int next_event = 0;

  Actor registrar{"u-registrar", Role::registrar, {}};
  Actor handler{"u-handler", Role::handler, {"D1"}};
  Actor handler2{"u-handler2", Role::handler, {"D1"}};
  Actor d2_handler{"u-handler-d2", Role::handler, {"D2"}};
  Actor supervisor{"u-supervisor", Role::supervisor, {}};
  Actor supervisor2{"u-supervisor2", Role::supervisor, {}};
  Actor timer = domain::policy::system_actor();

  // 0: each projection folds with a feed of its own; else one feed of that capacity (live and
  // in replays, unless a replay capacity is given) is shared by the three (as registry.h does),
  // kept across reopen().
  std::shared_ptr<projections::CaseFeed> feed;
  explicit ViewsFixture(std::size_t shared_feed_capacity = 0, std::size_t replay_capacity = 0) {
    if (shared_feed_capacity != 0) {
      feed = std::make_shared<projections::CaseFeed>(
          shared_feed_capacity, replay_capacity != 0 ? replay_capacity : shared_feed_capacity);
    }
    reopen();
  }

  void reopen(std::set<std::string> rebuild = {}) {
    store.reset();
    store = open_projection_store(dir.path() / "store",
                                  {std::make_shared<projections::CasesProjection>(calendar, feed),
                                   std::make_shared<projections::QueuesProjection>(calendar, feed),
                                   std::make_shared<projections::DeadlinesProjection>(calendar, feed),
                                   std::make_shared<projections::CaseSearchProjection>(feed)},
                                  std::move(rebuild));
  }

  // Decides `body` for case `id` on `date` (10:00 agency time) and appends what it decides.
  std::vector<dc::CaseEvent> run(const std::string& id, std::string_view date, const Actor& actor,
                                 dc::CommandBody body) {
    dc::CaseState& state = states[id];
    auto decided =
        dc::decide(state, dc::CaseCommand{actor, std::move(body)}, office_hours(d(date)), calendar);
    INFO(decided.status().reason() << ": " << decided.status().message());
    REQUIRE(decided.ok());
    if (decided->empty()) return {};
    eventstore::AppendRequest request;
    request.stream = eventstore::codec::case_stream(id);
    request.expected =
        state.version == 0
            ? eventstore::ExpectedVersion::no_stream()
            : eventstore::ExpectedVersion::exactly(static_cast<std::uint64_t>(state.version));
    for (const dc::CaseEvent& event : *decided) {
      auto append =
          eventstore::codec::to_append(event, "ev-" + std::to_string(next_event++), "", "");
      REQUIRE(append.ok());
      request.events.push_back(std::move(append).value());
      dc::evolve(state, event);
    }
    REQUIRE(store->append(std::move(request)).ok());
    return std::move(decided).value();
  }

  // Registers case `id` received (and recorded) on `date`, assigned to `department` if given.
  void registered(const std::string& id, std::string_view date,
                  std::optional<std::string> department = "D1", std::string name = "张三",
                  std::string description = "申请公开某项目的审批文件") {
    dc::RegisterCase reg;
    reg.case_id = id;
    reg.applicant.name = std::move(name);
    reg.applicant.id_number = "370303199001011234";
    reg.applicant.phone = "13800000000";
    reg.applicant.email = "zhangsan@example.cn";
    reg.received_on = d(date);
    reg.description = std::move(description);
    reg.department = std::move(department);
    run(id, date, registrar, reg);
  }

  // Timer: whatever due_timer_commands says for the case on `date`, through the decider.
  void tick(const std::string& id, std::string_view date) {
    for (dc::CommandBody& body :
         dc::due_timer_commands(states[id], office_hours(d(date)), calendar)) {
      run(id, date, timer, std::move(body));
    }
  }

  Json case_view(const std::string& id, std::string_view today) const {
    auto body = projections::CaseQueries(*store, calendar).get(id, d(today));
    INFO(body.status().reason() << ": " << body.status().message());
    REQUIRE(body.ok());
    return Json::parse(*body);
  }

  std::vector<std::pair<std::string, std::string>> all_state() const {
    std::vector<std::pair<std::string, std::string>> out;
    for (const char* prefix : {"cases/", "queues/", "deadlines/", "case_search/", "checkpoint/"}) {
      auto part = store->scan_state(prefix, 1'000'000);
      REQUIRE(part.ok());
      out.insert(out.end(), part->begin(), part->end());
    }
    return out;
  }
};

// The ids of a JSON page's items, in order.
inline std::vector<std::string> ids(const Json& page, const char* field = "id") {
  std::vector<std::string> out;
  for (const Json& item : page.at("items")) out.push_back(item.at(field).get<std::string>());
  return out;
}

}  // namespace gongkai::testing
