// CaseFeed: the fold shared by the cases, queues and deadlines views. A case that fell out of the
// feed's cache is folded again from the committed log, with the same views as a fold that never
// left it; events it cannot decode are skipped in both; the views are written once per group.
#include <catch2/catch.hpp>

#include "views_fixture.h"

using namespace gongkai;
using namespace gongkai::testing;

namespace {

const std::vector<std::string> kCases = {"CJZ-2021-00001", "CJZ-2021-00002", "CJZ-2021-00003"};

// The three cases take turns, so a feed that keeps one case misses on almost every event.
void interleaved_history(ViewsFixture& f) {
  for (const auto& id : kCases) f.registered(id, "2021-03-01", std::nullopt);
  for (const auto& id : kCases)
    f.run(id, "2021-03-02", f.registrar, dc::AssignCase{"D1", "u-handler"});
  for (const auto& id : kCases) {
    f.run(id, "2021-03-03", f.handler,
          dc::StartConsultation{dc::ConsultationKind::third_party, "某公司", d("2021-03-03"), {}});
  }
  f.run(kCases[0], "2021-03-04", f.handler, dc::TransferCase{"D2", "职责不属"});
  for (const auto& id : kCases) f.tick(id, "2021-03-30");
  f.run(kCases[1], "2021-04-01", f.handler, dc::WithdrawApplication{d("2021-04-01"), "撤回"});
}

// Appends, in one group, an event of a type no projection knows and then the events `body`
// decides, so the known events follow an unknown one in the same stream and group.
void unknown_then(ViewsFixture& f, const std::string& id, std::string_view date,
                  const domain::policy::Actor& actor, dc::CommandBody body) {
  dc::CaseState& state = f.states[id];
  auto decided =
      dc::decide(state, dc::CaseCommand{actor, std::move(body)}, office_hours(d(date)), f.calendar);
  REQUIRE(decided.ok());
  eventstore::AppendRequest request;
  request.stream = eventstore::codec::case_stream(id);
  request.expected =
      eventstore::ExpectedVersion::exactly(static_cast<std::uint64_t>(state.version));
  request.events.push_back({"ev-unknown-" + std::to_string(f.next_event++), "case.teleported.v9",
                            R"({"case_id":")" + id + "\"}", "system", "", "",
                            office_hours(d(date))});
  for (const dc::CaseEvent& event : *decided) {
    auto append =
        eventstore::codec::to_append(event, "ev-" + std::to_string(f.next_event++), "", "");
    REQUIRE(append.ok());
    request.events.push_back(std::move(append).value());
    dc::evolve(state, event);
  }
  ++state.version;  // the unknown event takes a version too
  auto appended = f.store->append(std::move(request));
  INFO(appended.status().reason() << ": " << appended.status().message());
  REQUIRE(appended.ok());
}

}  // namespace

TEST_CASE("a case that fell out of the feed is folded again from the log, with the same views",
          "[projections][feed]") {
  ViewsFixture cached;      // a feed per projection, large enough to keep every case
  ViewsFixture missing(1);  // one shared feed that keeps a single case between groups
  interleaved_history(cached);
  interleaved_history(missing);

  CHECK(missing.feed->refolds() > 0);
  CHECK(missing.all_state() == cached.all_state());
  CHECK(missing.case_view(kCases[0], "2021-03-30").at("department") == "D2");

  missing.reopen({"cases", "queues", "deadlines"});
  CHECK(missing.all_state() == cached.all_state());
}

TEST_CASE("an undecodable event in a group is skipped by the fold, live and from the log",
          "[projections][feed]") {
  ViewsFixture f(1);
  for (const auto& id : kCases) f.registered(id, "2021-03-01", std::nullopt);
  // Case 1 gets [unknown, assigned] in one group; the other cases were registered since, so with
  // one cached case its fold comes from the log, which holds the unknown event too.
  unknown_then(f, kCases[0], "2021-03-02", f.registrar, dc::AssignCase{"D1", "u-handler"});
  unknown_then(f, kCases[0], "2021-03-03", f.handler, dc::TransferCase{"D2", "职责不属"});
  f.run(kCases[1], "2021-03-03", f.registrar, dc::AssignCase{"D1", "u-handler"});
  f.run(kCases[0], "2021-03-04", f.d2_handler, dc::AddNote{"已核实"});

  const Json view = f.case_view(kCases[0], "2021-03-04");
  CHECK(view.at("department") == "D2");
  CHECK(view.at("version") == 6);  // the note, after two unknown events
  const auto live = f.all_state();
  f.reopen({"cases", "queues", "deadlines"});
  CHECK(f.all_state() == live);
}

TEST_CASE("a feed shared by the three views folds from memory while the cases fit in it",
          "[projections][feed]") {
  ViewsFixture shared(8);
  interleaved_history(shared);
  CHECK(shared.feed->refolds() == 0);  // every event right after its case's cached fold
  ViewsFixture own;
  interleaved_history(own);
  CHECK(shared.all_state() == own.all_state());
}

TEST_CASE("a rebuild takes every case event decoded ahead by the reader, with the same views",
          "[projections][feed]") {
  ViewsFixture f(1);  // one cached case: the rebuild folds from the log too
  interleaved_history(f);
  unknown_then(f, kCases[2], "2021-04-02", f.handler, dc::AddNote{"补充材料"});
  const auto live = f.all_state();
  const std::uint64_t decoded_live = f.feed->own_decodes();
  CHECK(decoded_live > 0);  // live groups are never prepared

  f.reopen({"cases", "queues", "deadlines"});
  CHECK(f.feed->own_decodes() == decoded_live);  // the replay decoded nothing itself
  CHECK(f.feed->refolds() > 0);
  CHECK(f.all_state() == live);
}

TEST_CASE("a feed keeps its replay capacity while a replay is applied, its live one after",
          "[projections][feed]") {
  ViewsFixture f(1, 8);  // one case between live groups, eight between replay pages
  interleaved_history(f);
  const std::uint64_t live_refolds = f.feed->refolds();
  CHECK(live_refolds > 0);
  const auto live = f.all_state();

  f.reopen({"cases", "queues", "deadlines"});
  CHECK(f.feed->refolds() == live_refolds);  // the replay kept all three cases
  CHECK(f.all_state() == live);

  // Live again: the first group trims the feed to the case the replay touched last (the
  // withdrawal of case 2), so case 3 is folded anew from the log.
  f.run(kCases[2], "2021-04-02", f.handler, dc::AddNote{"已核实"});
  CHECK(f.feed->refolds() == live_refolds + 1);
}

TEST_CASE("a feed keeps a note flag for each of up to 8 views, and frees it with its view",
          "[projections][feed]") {
  ViewsFixture f;
  auto feed = std::make_shared<projections::CaseFeed>();
  std::vector<std::shared_ptr<projections::CasesProjection>> views;
  for (std::size_t i = 0; i < projections::CaseFeed::kMaxViews; ++i) {
    views.push_back(std::make_shared<projections::CasesProjection>(f.calendar, feed));
  }
  CHECK_THROWS_AS(projections::CasesProjection(f.calendar, feed), std::length_error);
  views.pop_back();
  CHECK_NOTHROW(views.push_back(std::make_shared<projections::CasesProjection>(f.calendar, feed)));
}
