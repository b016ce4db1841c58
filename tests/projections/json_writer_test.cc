// json::Writer, the text writer of the views: its output equals nlohmann's compact dump (with
// error_handler_t::replace) of the same value when members come in key order.
#include <catch2/catch.hpp>
#include <limits>
#include <nlohmann/json.hpp>

#include "projections/cases/json_writer.h"
#include "support/calendars.h"

using namespace gongkai;
using projections::json::Writer;
using nlohmann::json;

namespace {

std::string nlohmann_dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string written(std::string_view text) {
  Writer out;
  out.string(text);
  return out.take();
}

}  // namespace

TEST_CASE("strings are escaped as nlohmann escapes them", "[projections][json]") {
  const std::vector<std::string> samples = {
      "",
      "plain",
      "申请公开2021年度某项目的审批文件",
      "quote \" backslash \\ slash /",
      "\"at the start", "at the end\\", "a\"\"b", "中\n文\t",
      "\b\f\n\r\t",
      std::string("nul \0 inside", 12),
      "\x01\x1f\x7f",
      "emoji \xF0\x9F\x98\x80",
      "\xff invalid lead byte",
      "truncated \xe4\xb8",
      "overlong \xc0\x80",
      "surrogate \xed\xa0\x80",
      "above U+10FFFF \xf4\x90\x80\x80",
  };
  for (const std::string& sample : samples) {
    INFO(sample);
    CHECK(written(sample) == nlohmann_dump(json(sample)));
  }
}

TEST_CASE("objects, arrays, numbers, booleans, null and dates nest like nlohmann's dump",
          "[projections][json]") {
  Writer out;
  out.begin_object();
  out.key("a").begin_array();
  out.number(std::numeric_limits<std::int64_t>::min());
  out.number(std::numeric_limits<std::uint64_t>::max());
  out.number(0);
  out.begin_object().end_object();
  out.begin_array().end_array();
  out.begin_object().key("x").null().key("y").boolean(true).end_object();
  out.end_array();
  out.key("b").boolean(false);
  out.key("c").date(testing::d("2021-03-09"));
  out.key("d").date(std::optional<domain::time::CivilDate>());
  out.key("e").string_or_null(std::nullopt);
  out.key("f").string_or_null(std::string("有"));
  out.end_object();

  const json expected = {
      {"a",
       {std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::uint64_t>::max(), 0,
        json::object(), json::array(), {{"x", nullptr}, {"y", true}}}},
      {"b", false},
      {"c", "2021-03-09"},
      {"d", nullptr},
      {"e", nullptr},
      {"f", "有"}};
  CHECK(out.text() == nlohmann_dump(expected));
}

// Plain bytes are passed over 16 and 8 at a time (plain_run_end): each byte that must be escaped
// or makes the string non-ASCII has to be found at every offset of those steps.
TEST_CASE("a special byte is escaped wherever it falls in the writer's 16- and 8-byte steps",
          "[projections][json]") {
  const std::vector<std::string> specials = {"\"",   "\\", "\n",   "\x01",    "\x1f",
                                             "\x7f", "中", "\xff", "\xe4\xb8"};
  for (std::size_t before = 0; before <= 33; ++before) {
    for (const std::size_t after : {0u, 1u, 7u, 8u, 15u, 16u, 17u}) {
      for (const std::string& special : specials) {
        const std::string sample = std::string(before, 'a') + special + std::string(after, 'z');
        INFO(before << " + " << json(special).dump(-1, ' ', false, json::error_handler_t::replace)
                    << " + " << after);
        CHECK(written(sample) == nlohmann_dump(json(sample)));
      }
    }
  }
}

TEST_CASE("an invalid UTF-8 string among members is replaced without touching its neighbours",
          "[projections][json]") {
  // Given an object whose middle member is invalid UTF-8 with an escape before the bad byte
  Writer out;
  out.begin_object();
  out.key("a").string("前\"");
  out.key("b").string("tab\t then \xff bad");
  out.key("c").string("后");
  out.end_object();

  // Then it reads as nlohmann's dump of the same object (the bad byte replaced, nothing else)
  const json expected = {{"a", "前\""}, {"b", "tab\t then \xff bad"}, {"c", "后"}};
  CHECK(out.text() == nlohmann_dump(expected));
}

TEST_CASE("member names are written as they stand", "[projections][json]") {
  // Given names with every kind of byte a Key accepts (printable ASCII but quote and backslash)
  Writer out;
  out.begin_object().key(" !#$%&'()*+,-./09:;<=>?@AZ[]^_`az{|}~").number(1).end_object();
  // Then the text is nlohmann's dump of the same object
  CHECK(out.text() == nlohmann_dump(json{{" !#$%&'()*+,-./09:;<=>?@AZ[]^_`az{|}~", 1}}));
}

TEST_CASE("member names from data are escaped as strings are", "[projections][json]") {
  // Given names read from data (map keys), with quotes, backslashes, controls and Chinese
  Writer out;
  out.begin_object();
  out.key_from_data("a\\b\n").number(2);  // in key order, as the views write members
  out.key_from_data("引用\"1\"").number(1);
  out.end_object();
  // Then the text is nlohmann's dump of the same object
  CHECK(out.text() == nlohmann_dump(json{{"引用\"1\"", 1}, {"a\\b\n", 2}}));
}

TEST_CASE("dates are written as CivilDate::to_string writes them", "[projections][json]") {
  // Every 7th day from year 0 through year 10000 (padding of short years, all months and days,
  // the years beyond four digits)
  const auto first = domain::time::CivilDate::from_days_since_epoch(-719'528);  // 0000-01-01
  const auto last = domain::time::CivilDate::from_days_since_epoch(2'932'897 + 400);
  int checked = 0;
  for (auto day = first; day <= last;
       day = domain::time::CivilDate::from_days_since_epoch(day.days_since_epoch() + 7)) {
    Writer out;
    out.date(day);
    if (out.text() != "\"" + day.to_string() + "\"") FAIL(day.to_string() << " -> " << out.text());
    ++checked;
  }
  CHECK(checked > 500'000);
  CHECK(first.to_string() == "0000-01-01");
  CHECK(last.year() == 10001);
}
