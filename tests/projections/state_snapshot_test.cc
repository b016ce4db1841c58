// projections/state_snapshot.h: the first difference between two projection states names the key.
#include <catch2/catch.hpp>

#include "projections/state_snapshot.h"

namespace gongkai::testing {
namespace {

using projections::first_difference;
using projections::StateSnapshot;

TEST_CASE("first_difference is empty for equal states", "[projections][state-snapshot]") {
  const StateSnapshot state = {{"cases/1", "a"}, {"checkpoint/cases", "1 9"}};
  CHECK(first_difference(state, state).empty());
  CHECK(first_difference({}, {}).empty());
}

TEST_CASE("first_difference names a changed value, and a key only one side has",
          "[projections][state-snapshot]") {
  const StateSnapshot live = {{"cases/1", "a"}, {"cases/2", "b"}};
  CHECK(first_difference(live, {{"cases/1", "a"}, {"cases/2", "c"}}) ==
        "cases/2: live=b rebuilt=c");
  CHECK(first_difference(live, {{"cases/1", "a"}}) == "cases/2: only live");
  CHECK(first_difference({{"cases/1", "a"}}, live) == "cases/2: only rebuilt");
  CHECK(first_difference(live, {{"cases/0", "z"}, {"cases/1", "a"}, {"cases/2", "b"}}) ==
        "cases/0: only rebuilt");
}

}  // namespace
}  // namespace gongkai::testing
