// issue-fee-notice on basis per_application with API.md's body (no application_in_month): the
// server counts the applicant's applications of the month from the applicant_months projection
// (DOMAIN.md section 5), the decider checks the handler's amount against that count, and an
// explicit application_in_month is still taken as the handler's override.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "support/case_api.h"

namespace gongkai::testing {

namespace {

json per_application(std::int64_t amount_yuan) {
  return {
      {"basis", "per_application"}, {"amount_yuan", amount_yuan}, {"notified_on", "2021-03-10"}};
}

// Registers an application of the applicant numbered `id_number`, received on `received_on`.
std::string register_for(CaseApi& api, const std::string& id_number,
                         const std::string& received_on) {
  json body = json::parse(registration_body(received_on, kDeptA));
  body["applicant"]["id_number"] = id_number;
  auto created = api.server().post("/api/v1/cases", api.token("reg1"), body.dump());
  INFO(created.body);
  REQUIRE(created.status == 201);
  return created.json()["id"].get<std::string>();
}

// The data of the case's last event (from its history).
json last_event_data(CaseApi& api, const std::string& id) {
  auto history = api.server().get("/api/v1/cases/" + id + "/history", api.token("sup1"));
  INFO(history.body);
  REQUIRE(history.status == 200);
  return history.json()["items"].back()["data"];
}

}  // namespace

TEST_CASE("a per-application fee notice without a count is priced by the applicant's month",
          "[api][commands][fees]") {
  // Given 张三's application of February, 11 of March (received 03-01 … 03-10, two on 03-10),
  // and another applicant's application of March in between
  CaseApi api;
  const std::string zhang = "370303199001011234";
  register_for(api, zhang, "2021-02-26");
  std::vector<std::string> march;
  for (int day = 1; day <= 10; ++day) {
    march.push_back(register_for(
        api, zhang, "2021-03-" + std::string(day < 10 ? "0" : "") + std::to_string(day)));
    if (day == 5) register_for(api, "110101198502023456", "2021-03-05");
  }
  march.push_back(register_for(api, "370303 19900101 1234", "2021-03-10"));  // same person
  REQUIRE(march.size() == 11);

  SECTION("the 11th costs 100 元: accepted with API.md's body, fee in the view") {
    const auto& eleventh = march.back();
    // When the handler issues the notice with the amount gongkai proposes
    auto result = api.command(eleventh, "issue-fee-notice", "hdl1", per_application(100));
    // Then it is accepted and the case shows the fee on basis per_application
    INFO(result.body);
    REQUIRE(result.status == 200);
    const json fee = api.view(eleventh)["fee"];
    CHECK(fee["basis"] == "per_application");
    CHECK(fee["amount_yuan"] == 100);
    CHECK(fee["pages"].is_null());
    // And the event records the count and the calculation
    const json data = last_event_data(api, eleventh);
    CHECK(data["application_in_month"] == 11);
    CHECK(data["calculation"].get<std::string>().find("本月第11件") != std::string::npos);
  }
  SECTION("the 11th with another amount is refused with the proposed fee and its calculation") {
    auto result = api.command(march.back(), "issue-fee-notice", "hdl1", per_application(200));
    INFO(result.body);
    CHECK(result.status == 422);
    CHECK(result.code() == "fee_amount_mismatch");
    const std::string detail = result.json()["detail"];
    CHECK(detail.find("100 元") != std::string::npos);
    CHECK(detail.find("本月第11件") != std::string::npos);
    CHECK(api.view(march.back())["fee"].is_null());
  }
  SECTION("the 1st and the 10th of the month are free: fee_not_chargeable") {
    for (std::size_t index : {std::size_t{0}, std::size_t{9}}) {
      auto result = api.command(march[index], "issue-fee-notice", "hdl1", per_application(100));
      INFO(result.body);
      CHECK(result.status == 422);
      CHECK(result.code() == "fee_not_chargeable");
      CHECK(result.json()["detail"].get<std::string>().find("本月第" + std::to_string(index + 1) +
                                                            "件") != std::string::npos);
      CHECK(api.view(march[index])["fee"].is_null());
    }
  }
  SECTION("an explicit application_in_month is the handler's override") {
    json body = per_application(200);
    body["application_in_month"] = 31;
    auto result = api.command(march.front(), "issue-fee-notice", "hdl1", body);
    INFO(result.body);
    REQUIRE(result.status == 200);
    CHECK(api.view(march.front())["fee"]["amount_yuan"] == 200);
    CHECK(last_event_data(api, march.front())["application_in_month"] == 31);
  }
}

}  // namespace gongkai::testing
