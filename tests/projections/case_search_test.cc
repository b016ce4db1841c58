// The case_search texts behind `GET /cases?q=`: what they hold, that a search through them finds
// exactly what a substring search of the description and the applicant's name finds (never more:
// candidates are checked against the case document), paging through them, and rebuilding them.
#include <catch2/catch.hpp>

#include "views_fixture.h"

using namespace gongkai;
using namespace gongkai::testing;
using projections::CaseFilters;

namespace {

Json list(const ViewsFixture& f, const CaseFilters& filters, std::size_t limit = 0,
          std::string_view cursor = "") {
  auto body =
      projections::CaseQueries(*f.store, f.calendar).list(filters, d("2021-03-22"), limit, cursor);
  INFO(body.status().message());
  REQUIRE(body.ok());
  return Json::parse(*body);
}

std::vector<std::string> found(const ViewsFixture& f, std::string q) {
  return ids(list(f, CaseFilters{.q = std::move(q)}));
}

using Ids = std::vector<std::string>;

}  // namespace

TEST_CASE("a search finds what a substring search of description and name finds",
          "[projections][search]") {
  ViewsFixture f;
  f.registered("CJZ-2021-00001", "2021-03-01", "D1", "张三", "申请公开道路规划");
  f.registered("CJZ-2021-00002", "2021-03-10", "D2", "李四", "申请公开拆迁补偿 2020/21");
  f.registered("CJZ-2021-00003", "2021-03-20", std::nullopt, "王五", "道路工程预算和规划");
  CHECK(found(f, "道路规划") == Ids{"CJZ-2021-00001"});
  CHECK(found(f, "道路") == Ids{"CJZ-2021-00001", "CJZ-2021-00003"});
  CHECK(found(f, "划") == Ids{"CJZ-2021-00001", "CJZ-2021-00003"});
  CHECK(found(f, "道") == Ids{"CJZ-2021-00001", "CJZ-2021-00003"});
  CHECK(found(f, "李") == Ids{"CJZ-2021-00002"});       // a name's first code point
  CHECK(found(f, "王五") == Ids{"CJZ-2021-00003"});
  CHECK(found(f, "2020/21") == Ids{"CJZ-2021-00002"});  // ASCII and a slash
  CHECK(found(f, "0/2") == Ids{"CJZ-2021-00002"});
  CHECK(found(f, "申请公开") == Ids{"CJZ-2021-00001", "CJZ-2021-00002"});
  // Nothing across the two texts (stored one after the other), and nothing that is not there.
  CHECK(found(f, "规划\n张三").empty());
  CHECK(found(f, "规划张三").empty());
  CHECK(found(f, "铁路").empty());
  CHECK(found(f, "D2").empty());
  // With the other filters, judged on the case document.
  CHECK(ids(list(f, CaseFilters{.department = "D1", .q = "道路"})) == Ids{"CJZ-2021-00001"});
  CHECK(ids(list(f, CaseFilters{.stage = "registered", .q = "规划"})) == Ids{"CJZ-2021-00003"});
  // Byte for byte, as before the texts: not only whole code points.
  CHECK(found(f, "\x81\x93") == Ids{"CJZ-2021-00001", "CJZ-2021-00003"});  // 道 without its lead
  CHECK(found(f, "\x81\x93\xe8\xb7\xaf") == Ids{"CJZ-2021-00001", "CJZ-2021-00003"});
}

TEST_CASE("a search pages in case-number order with the cursor", "[projections][search]") {
  ViewsFixture f;
  for (int i = 1; i <= 5; ++i) {
    const std::string text = i % 2 == 1 ? "申请公开财政预算" : "申请公开拆迁补偿";
    f.registered("CJZ-2021-0000" + std::to_string(i), "2021-03-01", "D1", "张三", text);
  }
  const Json first = list(f, CaseFilters{.q = "财政"}, 2);
  CHECK(ids(first) == Ids{"CJZ-2021-00001", "CJZ-2021-00003"});
  REQUIRE(first.at("next_cursor") == "CJZ-2021-00003");
  const Json second = list(f, CaseFilters{.q = "财政"}, 2, "CJZ-2021-00003");
  CHECK(ids(second) == Ids{"CJZ-2021-00005"});
  CHECK(second.at("next_cursor").is_null());
  // A cursor that is not a candidate itself still starts after it.
  CHECK(ids(list(f, CaseFilters{.q = "财政"}, 2, "CJZ-2021-00002")) ==
        Ids{"CJZ-2021-00003", "CJZ-2021-00005"});
}

TEST_CASE("the text is written at registration only and rebuilds to the same state",
          "[projections][search]") {
  ViewsFixture f;
  f.registered("CJZ-2021-00001", "2021-03-01", "D1", "张三", "道路");
  auto texts = [&] {
    auto entries = f.store->scan_state("case_search/", 1'000'000);
    REQUIRE(entries.ok());
    return *entries;
  };
  const auto after_registration = texts();
  CHECK(after_registration == std::vector<std::pair<std::string, std::string>>{
                                  {"case_search/t/CJZ-2021-00001", "道路\n张三"}});
  f.run("CJZ-2021-00001", "2021-03-02", f.registrar, dc::AssignCase{"D1", "u-handler"});
  f.run("CJZ-2021-00001", "2021-03-04", f.handler, dc::TransferCase{"D2", "职责不属"});
  CHECK(texts() == after_registration);
  f.reopen({"case_search"});
  CHECK(texts() == after_registration);
  CHECK(found(f, "道路") == Ids{"CJZ-2021-00001"});
}

TEST_CASE("a search reads the texts chunk by chunk, as far as the page needs",
          "[projections][search]") {
  // 150 cases (more than a chunk of texts), every tenth about the budget.
  ViewsFixture f;
  Ids budget;
  for (int i = 1; i <= 150; ++i) {
    char id[32];
    std::snprintf(id, sizeof id, "CJZ-2021-%05d", i);
    const bool about_budget = i % 10 == 0;
    if (about_budget) budget.push_back(id);
    f.registered(id, "2021-03-01", "D1", "张三",
                 about_budget ? "申请公开财政预算" : "申请公开道路规划");
  }
  // A page of 100 spans two chunks; the next starts from the cursor.
  const Json first = list(f, CaseFilters{.q = "申请公开"}, 100);
  CHECK(ids(first).size() == 100);
  CHECK(ids(first).back() == "CJZ-2021-00100");
  const Json second = list(f, CaseFilters{.q = "申请公开"}, 100, "CJZ-2021-00100");
  CHECK(ids(second).size() == 50);
  CHECK(second.at("next_cursor").is_null());
  CHECK(found(f, "公开财政") == budget);
  CHECK(ids(list(f, CaseFilters{.q = "规划"}, 500)).size() == 135);
}
