#include "domain/fees/fee_calculator.h"

#include <catch2/catch.hpp>

using gongkai::domain::fees::per_application_fee;
using gongkai::domain::fees::per_page_fee;

namespace {

std::int64_t app(int n) {
  const auto quote = per_application_fee(n);
  REQUIRE(quote.ok());
  return quote->amount_yuan;
}

std::int64_t pages(int n) {
  const auto quote = per_page_fee(n);
  REQUIRE(quote.ok());
  return quote->amount_yuan;
}

}  // namespace

TEST_CASE("per application: 1-10 free, 11-30 at 100, then +100 every 10", "[domain][fees]") {
  CHECK(app(1) == 0);
  CHECK(app(10) == 0);
  CHECK(app(11) == 100);
  CHECK(app(30) == 100);
  CHECK(app(31) == 200);
  CHECK(app(40) == 200);
  CHECK(app(41) == 300);
  CHECK(app(50) == 300);
  CHECK(app(51) == 400);
  CHECK(app(101) == 900);
  const auto quote = per_application_fee(35);
  REQUIRE(quote.ok());
  REQUIRE(quote->bands.size() == 1);
  CHECK(quote->bands[0].first == 31);
  CHECK(quote->bands[0].last == 40);
  CHECK(quote->calculation == "本月第35件申请（31-40件档，200元/件）：200元");
  CHECK(per_application_fee(0).status().reason() == "invalid_application_count");
}

TEST_CASE("per page: progressive bands, each at its own rate", "[domain][fees]") {
  CHECK(pages(0) == 0);
  CHECK(pages(30) == 0);
  CHECK(pages(31) == 10);
  CHECK(pages(100) == 700);
  CHECK(pages(101) == 720);
  CHECK(pages(150) == 700 + 50 * 20);
  CHECK(pages(200) == 700 + 2000);
  CHECK(pages(201) == 2700 + 40);
  CHECK(pages(250) == 2700 + 50 * 40);
  const auto quote = per_page_fee(150);
  REQUIRE(quote.ok());
  REQUIRE(quote->bands.size() == 3);
  CHECK(quote->bands[1].units == 70);
  CHECK(quote->bands[2].units == 50);
  CHECK(quote->bands[2].subtotal_yuan == 1000);
  CHECK(quote->calculation ==
        "1-30页 30页×0元=0元；31-100页 70页×10元=700元；101-150页 50页×20元=1000元；合计1700元");
  CHECK(per_page_fee(-1).status().reason() == "invalid_pages");
}

TEST_CASE("fees never fall as the count grows", "[domain][fees]") {
  for (int n = 1; n < 300; ++n) {
    CHECK(app(n) <= app(n + 1));
    CHECK(pages(n) <= pages(n + 1));
    // The marginal page costs the rate of its band.
    const std::int64_t marginal = pages(n + 1) - pages(n);
    const int page = n + 1;
    CHECK(marginal == (page <= 30 ? 0 : page <= 100 ? 10 : page <= 200 ? 20 : 40));
  }
}
