// bytewise_order, the order a flush hands its keys to the store in: it must equal std::string's
// (and RocksDB's bytewise) order whatever the keys share, however long they are.
#include "projections/key_order.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace {

using gongkai::projections::bytewise_order;

// The keys in the order bytewise_order gives.
std::vector<std::string> ordered(const std::vector<std::string>& keys) {
  const std::vector<std::string_view> views(keys.begin(), keys.end());
  const std::vector<std::size_t> order = bytewise_order(views);
  std::vector<std::string> out;
  for (const std::size_t i : order) out.push_back(keys.at(i));
  return out;
}

std::vector<std::string> sorted(std::vector<std::string> keys) {
  std::sort(keys.begin(), keys.end());
  return keys;
}

}  // namespace

TEST_CASE("bytewise_order sorts keys that share long prefixes as std::string does") {
  std::vector<std::string> keys;
  for (int i = 10'000; i >= 1; --i) {
    std::string digits = std::to_string(i);
    keys.push_back("case/CJZ-2021-" + std::string(5 - digits.size(), '0') + digits);
  }
  keys.push_back("type/case.withdrawn.v1");
  keys.push_back("at/CJZ-2021-00001");
  CHECK(ordered(keys) == sorted(keys));
}

TEST_CASE("bytewise_order puts a key before its extensions, also across the 8-byte steps") {
  // Prefixes end inside a step, at its edge and one past it; zero bytes look like the padding.
  const std::vector<std::string> keys = {"abcdefgh",
                                         "abcdefg",
                                         "abcdefghi",
                                         std::string("abcdefgh\0", 9),
                                         "",
                                         std::string(1, '\0'),
                                         std::string("abc\0\0", 5),
                                         "abc",
                                         "abcdefghijklmnop",
                                         "abcdefghijklmnopq",
                                         "abcdefghijklmno"};
  CHECK(ordered(keys) == sorted(keys));
}

TEST_CASE("bytewise_order compares bytes as unsigned, as RocksDB's bytewise comparator does") {
  const std::vector<std::string> keys = {"k\x7f", "k\x80", "k\xff", "k\x01", "k", "\xe6\xa1\x88"};
  const std::vector<std::string> expected = {"k",     "k\x01", "k\x7f",
                                             "k\x80", "k\xff", "\xe6\xa1\x88"};
  CHECK(ordered(keys) == expected);
}

TEST_CASE("bytewise_order agrees with std::sort on random keys of few letters") {
  // Few distinct bytes (0, 1, 'a', 0xff) and lengths up to 30: many ties, prefixes and zero bytes.
  std::mt19937 random(7);
  const std::string alphabet(
      "\0\x01"
      "a\xff",
      4);
  for (int round = 0; round < 200; ++round) {
    std::set<std::string> unique;
    const int count = std::uniform_int_distribution<int>(0, 60)(random);
    while (static_cast<int>(unique.size()) < count) {
      const int length = std::uniform_int_distribution<int>(0, 30)(random);
      std::string key;
      for (int i = 0; i < length; ++i) {
        key.push_back(alphabet[std::uniform_int_distribution<std::size_t>(0, 3)(random)]);
      }
      unique.insert(key);
    }
    std::vector<std::string> keys(unique.begin(), unique.end());
    std::shuffle(keys.begin(), keys.end(), random);
    INFO("round " << round);
    REQUIRE(ordered(keys) == sorted(keys));
  }
}

TEST_CASE("bytewise_order of no keys or one key") {
  CHECK(ordered({}).empty());
  CHECK(ordered({"only"}) == std::vector<std::string>{"only"});
}
