// The case's history read from its stream: order, hashes, data as stored, a one-line Chinese
// summary for every event type; time travel by position and by instant.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <utility>
#include <variant>

#include "eventstore/case_event_samples.h"
#include "eventstore/codec/record_codec.h"
#include "projections/case_store.h"
#include "projections/history/case_history.h"
#include "projections/history/event_summary.h"
#include "support/counting_store.h"

using namespace gongkai;
using namespace gongkai::testing;
namespace history = projections::history;
namespace samples = testing::samples;

namespace {

// Calls check(sample) for the full sample of every alternative of CaseEvent.
template <typename Check, std::size_t... I>
void for_every_event_type(Check&& check, std::index_sequence<I...> /*unused*/) {
  (check(dc::CaseEvent(
       samples::full_sample(samples::Tag<std::variant_alternative_t<I, dc::CaseEvent>>{}))),
   ...);
}
template <typename Check>
void for_every_event_type(Check&& check) {
  for_every_event_type(std::forward<Check>(check),
                       std::make_index_sequence<std::variant_size_v<dc::CaseEvent>>{});
}

}  // namespace

TEST_CASE("every event type has its own one-line summary starting with its date and actor",
          "[projections][history]") {
  std::set<std::string> narratives;
  std::size_t types = 0;
  for_every_event_type([&](const dc::CaseEvent& event) {
    ++types;
    const std::string summary = history::summary_zh(event);
    INFO(dc::event_type(event) << ": " << summary);
    const auto& actor = dc::event_base(event).actor;
    const std::string head =
        history::business_date(event).to_string() +
        (actor.role == domain::policy::Role::system ? " 系统：" : " " + actor.id + " ");
    REQUIRE(summary.rfind(head, 0) == 0);
    CHECK(summary.size() > head.size() + 6);  // more than a date and a name
    CHECK(summary.find('\n') == std::string::npos);
    narratives.insert(summary.substr(head.size()));
  });
  CHECK(types == 29);
  CHECK(narratives.size() == types);  // no type falls back to another's text
}

TEST_CASE("summaries name the business date, the actor and the facts", "[projections][history]") {
  GIVEN("a transfer, a registration, a missed deadline and a reply") {
    const dc::CaseEvent transfer = samples::full_sample(samples::Tag<dc::CaseTransferred>{});
    const dc::CaseEvent registered = samples::full_sample(samples::Tag<dc::CaseRegistered>{});
    const dc::CaseEvent missed = samples::full_sample(samples::Tag<dc::DeadlineMissed>{});
    const dc::CaseEvent issued = samples::full_sample(samples::Tag<dc::ReplyIssued>{});
    THEN("each reads as one factual line") {
      CHECK(
          history::summary_zh(transfer) ==
          "2021-03-03 u-3001 将案件由 住房和城乡建设委员会 转办至 财政局：申请内容属于财政局职责");
      CHECK(history::summary_zh(registered) ==
            "2021-03-01 u-1001 登记申请（网络提交），申请人 张三");
      CHECK(history::summary_zh(missed) == "2021-04-15 系统：答复期限 2021-04-14 已届满，案件逾期");
      CHECK(history::summary_zh(issued) ==
            "2021-04-14 u-2001 答复申请人（邮寄送达），案件办结：部分公开");
    }
  }
}

TEST_CASE("a withheld reply names its ground", "[projections][history]") {
  auto reply = samples::full_sample(samples::Tag<dc::ReplySubmitted>{});
  reply.disposition = domain::report::Disposition::withheld_state_secret;
  CHECK(history::summary_zh(reply) == "2021-04-12 u-2001 提交拟办答复：不予公开（属于国家秘密）");
}

TEST_CASE("the history lists every event of the case oldest first with its hashes",
          "[projections][history]") {
  CaseStore cs;
  GIVEN("two cases whose events interleave in the log") {
    auto a = CaseStore::open_case("CJZ-2021-00001", "2021-03-01");
    cs.flush(a);
    auto b = CaseStore::open_case("CJZ-2021-00002", "2021-03-01",
                                  domain::report::ApplicantType::other_org, "李四");
    cs.flush(b);
    a.on("2021-03-02");
    a.given(a.handler, dc::AddNote{"申请人来电"});
    a.on("2021-03-10");
    a.replied();
    cs.flush(a);
    WHEN("the first case's history is read") {
      auto entries = history::case_history(cs.store(), "CJZ-2021-00001");
      REQUIRE(entries.ok());
      THEN("it has the case's events only, by version, with the global chain's hashes") {
        REQUIRE(entries->size() == 6);  // registered + assigned, note, submitted, approved, issued
        auto log = cs.store().read_all(1, 100);
        REQUIRE(log.ok());
        for (std::size_t i = 0; i < entries->size(); ++i) {
          const auto& e = (*entries)[i];
          CHECK(e.version == i + 1);
          const auto& recorded = (*log)[e.position - 1];
          CHECK(recorded.stream == "case-CJZ-2021-00001");
          CHECK(e.hash == recorded.hash);
          CHECK(e.prev_hash == (*log)[e.position - 1].prev_hash);
          CHECK(e.type == recorded.type);
          CHECK(e.data_json == recorded.data_json);
          CHECK(e.recorded_at == eventstore::codec::format_instant(recorded.recorded_at));
        }
        CHECK((*entries)[2].position == 5);  // b's events are positions 3 and 4
        CHECK((*entries)[2].prev_hash == (*log)[3].hash);
        CHECK((*entries)[0].summary_zh ==
              "2021-03-01 u-registrar 登记申请（当面提交），申请人 张三");
        CHECK((*entries)[1].summary_zh == "2021-03-01 u-registrar 将案件分办至 D1");
        CHECK((*entries)[2].summary_zh == "2021-03-02 u-handler 备注：申请人来电");
        CHECK((*entries)[2].actor.id == "u-handler");
        CHECK((*entries)[2].actor.role == domain::policy::Role::handler);
        CHECK((*entries)[5].type == "case.reply_issued.v1");
        CHECK((*entries)[5].recorded_at == "2021-03-10T02:00:00.000000Z");
      }
      AND_THEN("its JSON carries the API's fields, data as an object") {
        const auto json = nlohmann::json::parse(history::history_to_json(*entries));
        REQUIRE(json.size() == 6);
        CHECK(json[0]["actor"] == nlohmann::json{{"id", "u-registrar"}, {"role", "registrar"}});
        CHECK(json[0]["data"]["case_id"] == "CJZ-2021-00001");
        CHECK(json[5]["summary_zh"] == (*entries)[5].summary_zh);
        for (const char* field :
             {"position", "version", "type", "recorded_at", "hash", "prev_hash"}) {
          CHECK(json[2].contains(field));
        }
      }
      AND_THEN("a page of it is read from a version on, no further than asked") {
        auto page = history::case_history(cs.store(), "CJZ-2021-00001", 2, 3);
        REQUIRE(page.ok());
        REQUIRE(page->size() == 3);
        CHECK((*page)[0].version == 3);
        CHECK((*page)[2].version == 5);
        CHECK((*page)[0].summary_zh == (*entries)[2].summary_zh);
        auto past_end = history::case_history(cs.store(), "CJZ-2021-00001", 6, 10);
        REQUIRE(past_end.ok());
        CHECK(past_end->empty());
      }
    }
  }
  THEN("an unknown case is not found") {
    auto missing = history::case_history(cs.store(), "CJZ-2021-09999");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.status().code() == domain::Code::not_found);
    CHECK(missing.status().reason() == "case_not_found");
  }
}

TEST_CASE("a page of history reads its own events, however long the case",
          "[projections][history]") {
  CaseStore cs;
  auto a = CaseStore::open_case("CJZ-2021-00001", "2021-03-01");
  a.on("2021-03-02");
  for (int note = 0; note < 700; ++note) a.given(a.handler, dc::AddNote{"催办"});
  cs.flush(a);
  CountingStore counting(cs.store());
  auto first = history::case_history(counting, "CJZ-2021-00001", 0, 51);
  REQUIRE(first.ok());
  CHECK(first->size() == 51);
  CHECK(counting.stream_events_read() == 51);  // it read 512 before 2026-12-01
  counting.reset();
  auto later = history::case_history(counting, "CJZ-2021-00001", 600, 51);
  REQUIRE(later.ok());
  REQUIRE(later->size() == 51);
  CHECK(later->front().version == 601);
  CHECK(counting.stream_events_read() == 51);
  counting.reset();
  auto all = history::case_history(counting, "CJZ-2021-00001");
  REQUIRE(all.ok());
  CHECK(all->size() > 700);
  CHECK(all->size() == all->back().version);
  CHECK(counting.stream_events_read() == all->size());
}

TEST_CASE("time travel folds the case up to a position or an instant", "[projections][history]") {
  CaseStore cs;
  auto other = CaseStore::open_case("CJZ-2021-00007", "2021-02-26");
  cs.flush(other);  // positions 1, 2: the case asked about does not exist yet
  auto f = CaseStore::open_case("CJZ-2021-00001", "2021-03-01");
  cs.flush(f);  // positions 3, 4: registered and assigned
  f.on("2021-03-08");
  f.given(f.handler, dc::SubmitReply{"disclosed", "第二十七条", "答复如下", {}});
  cs.flush(f);  // position 5: under review
  f.on("2021-03-09");
  f.given(f.supervisor, dc::ApproveReply{"同意"});
  f.given(f.handler, dc::IssueReply{d("2021-03-09"), dc::ServiceMethod::post});
  cs.flush(f);  // positions 6, 7: approved, closed

  SECTION("by position") {
    auto before = history::case_as_of(cs.store(), "CJZ-2021-00001", 2);
    REQUIRE_FALSE(before.ok());
    CHECK(before.status().reason() == "case_not_found");
    auto registered = history::case_as_of(cs.store(), "CJZ-2021-00001", 3);
    REQUIRE(registered.ok());
    CHECK(registered->version == 1);
    CHECK(registered->state.stage == dc::Stage::registered);
    auto assigned = history::case_as_of(cs.store(), "CJZ-2021-00001", 4);
    REQUIRE(assigned.ok());
    CHECK(assigned->state.stage == dc::Stage::in_progress);
    CHECK(assigned->state.department == "D1");
    auto reviewing = history::case_as_of(cs.store(), "CJZ-2021-00001", 5);
    REQUIRE(reviewing.ok());
    CHECK(reviewing->state.stage == dc::Stage::under_review);
    CHECK(reviewing->position == 5);
    auto approved = history::case_as_of(cs.store(), "CJZ-2021-00001", 6);
    REQUIRE(approved.ok());
    CHECK(approved->state.stage == dc::Stage::approved);
    CHECK(approved->version == 4);
    auto now = history::case_as_of(cs.store(), "CJZ-2021-00001", 1000);
    REQUIRE(now.ok());
    CHECK(now->state.stage == dc::Stage::closed);
    CHECK(now->version == 5);
    CHECK(now->state.version == 5);
  }
  SECTION("by instant") {
    const auto at = [&](std::string_view date, int hour) {
      return domain::time::Instant::from_unix_seconds(
          domain::time::start_of(d(date)).unix_seconds() + std::int64_t{hour} * 3600);
    };
    auto before = history::case_as_of_instant(cs.store(), "CJZ-2021-00001", at("2021-03-01", 9));
    REQUIRE_FALSE(before.ok());
    CHECK(before.status().code() == domain::Code::not_found);
    auto registered =
        history::case_as_of_instant(cs.store(), "CJZ-2021-00001", at("2021-03-01", 10));
    REQUIRE(registered.ok());  // recorded at 10:00 exactly: included
    CHECK(registered->version == 2);
    auto week_later =
        history::case_as_of_instant(cs.store(), "CJZ-2021-00001", at("2021-03-08", 23));
    REQUIRE(week_later.ok());
    CHECK(week_later->state.stage == dc::Stage::under_review);
    CHECK(week_later->position == 5);
    auto after = history::case_as_of_instant(cs.store(), "CJZ-2021-00001", at("2021-03-10", 0));
    REQUIRE(after.ok());
    CHECK(after->state.stage == dc::Stage::closed);
    CHECK(after->state.closed_on == d("2021-03-09"));
  }
}
