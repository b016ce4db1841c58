// Case commands over HTTP for the end-to-end tests: a TestServer with two departments and a cast
// of users (created and logged in on first use: scrypt is not free), a valid body for every
// command of API.md's table, and short ways to send a command and read the case.
//
// Cast (agency CJZ, today 2021-03-10 unless the test says otherwise):
//   reg1, reg2       registrar
//   hdl1, hdl1b      handler of ZRZY (自然资源所)
//   hdl2             handler of CZS (财政所)
//   sup1, sup2       supervisor
//   aud1             auditor
//   dual             handler of ZRZY and supervisor (four-eyes: one person, two roles)
//   mixed            registrar, and handler of CZS
//   admin            the bootstrap admin
#pragma once

#include <catch2/catch.hpp>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/test_server.h"

namespace gongkai::testing {

using nlohmann::json;

inline constexpr const char* kDeptA = "ZRZY";
inline constexpr const char* kDeptB = "CZS";

// A body every decoder accepts, for a case received on or before 2021-03-01 and today 2021-03-10
// (dates inside that window). Tests change the fields they are about.
inline json valid_command_body(const std::string& name) {
  static const std::map<std::string, json> kBodies = {
      {"acknowledge", {{"given_on", "2021-03-01"}, {"method", "当面出具"}}},
      {"assign", {{"department", kDeptA}}},
      {"transfer", {{"to_department", kDeptB}, {"reason", "属财政所职责"}}},
      {"request-correction",
       {{"items", {"申请人身份证明"}},
        {"deadline_on", "2021-03-25"},
        {"notified_on", "2021-03-05"}}},
      {"receive-correction", {{"received_on", "2021-03-09"}, {"summary", "已补齐身份证明"}}},
      {"start-consultation",
       {{"kind", "third_party"}, {"party", "某建设有限公司"}, {"sent_on", "2021-03-08"}}},
      {"record-consultation-reply",
       {{"consultation_id", 1}, {"received_on", "2021-03-10"}, {"opinion", "consent"}}},
      {"close-consultation", {{"consultation_id", 1}, {"closed_on", "2021-03-10"}}},
      {"issue-fee-notice",
       {{"basis", "per_page"}, {"pages", 50}, {"amount_yuan", 200}, {"notified_on", "2021-03-10"}}},
      {"record-fee-payment",
       {{"paid_on", "2021-03-10"}, {"amount_yuan", 200}, {"receipt_no", "R-1"}}},
      {"request-extension", {{"days", 10}, {"reason", "需调取档案"}}},
      {"approve-extension", {{"comment", "同意延期"}}},
      {"reject-extension", {{"comment", "不同意延期"}}},
      {"notify-extension", {{"notified_on", "2021-03-10"}, {"method", "电话告知"}}},
      {"submit-reply",
       {{"disposition", "disclosed"},
        {"legal_basis", "《条例》第三十六条第（二）项"},
        {"reply_text", "经审查，您申请的信息予以公开。"}}},
      {"approve-reply", {{"comment", "同意"}}},
      {"return-reply", {{"comment", "请补充法律依据"}}},
      {"issue-reply", {{"served_on", "2021-03-10"}, {"service_method", "email"}}},
      {"withdraw", {{"received_on", "2021-03-10"}, {"reason", "申请人书面撤回"}}},
      {"archive", {{"archive_no", "WS-2021-0001"}, {"retention_years", 10}}},
      {"reopen",
       {{"basis", "reconsideration"},
        {"reference", "复议决定〔2021〕1号"},
        {"decided_on", "2021-03-10"},
        {"reply_due_on", "2021-04-09"}}},
      {"record-remedy",
       {{"kind", "reconsideration"},
        {"outcome", "corrected"},
        {"decided_on", "2021-03-10"},
        {"reference", "复议决定〔2021〕1号"}}},
      {"add-note", {{"text", "申请人来电询问进度"}}},
  };
  auto it = kBodies.find(name);
  REQUIRE(it != kBodies.end());
  return it->second;
}

// A body with `changes` merged over the valid one (a null value removes the field).
inline json body_with(const std::string& name, const json& changes) {
  json body = valid_command_body(name);
  body.merge_patch(changes);
  return body;
}

class CaseApi {
 public:
  explicit CaseApi(const std::string& today = "2021-03-10")
      : server_(*domain::time::CivilDate::parse(today)) {
    server_.add_department(kDeptA, "自然资源所");
    server_.add_department(kDeptB, "财政所");
  }

  [[nodiscard]] TestServer& server() { return server_; }

  // The user's token; the user is created (see the cast above) and logged in on first use.
  const std::string& token(const std::string& user) {
    if (auto it = tokens_.find(user); it != tokens_.end()) return it->second;
    if (user == "admin") return tokens_[user] = server_.login("admin", kAdminPassword);
    static const std::map<std::string,
                          std::pair<std::vector<std::string>, std::vector<std::string>>>
        kCast = {
            {"reg1", {{"registrar"}, {}}},
            {"reg2", {{"registrar"}, {}}},
            {"hdl1", {{"handler"}, {kDeptA}}},
            {"hdl1b", {{"handler"}, {kDeptA}}},
            {"hdl2", {{"handler"}, {kDeptB}}},
            {"sup1", {{"supervisor"}, {}}},
            {"sup2", {{"supervisor"}, {}}},
            {"aud1", {{"auditor"}, {}}},
            {"dual", {{"handler", "supervisor"}, {kDeptA}}},
            {"mixed", {{"registrar", "handler"}, {kDeptB}}},
        };
    auto spec = kCast.find(user);
    REQUIRE(spec != kCast.end());
    server_.add_user(user, spec->second.first, spec->second.second);
    return tokens_[user] = server_.login(user);
  }

  // Registers an application (by `registrar`), received on `received_on`, assigned in the same
  // step to `department` unless it is empty; the case id.
  std::string register_case(const std::string& received_on = "2021-03-01",
                            const std::string& department = kDeptA,
                            const std::string& registrar = "reg1") {
    auto created =
        server_.post("/api/v1/cases", token(registrar), registration_body(received_on, department));
    INFO(created.body);
    REQUIRE(created.status == 201);
    return created.json()["id"].get<std::string>();
  }

  HttpResult command(const std::string& id, const std::string& name, const std::string& user,
                     const json& body, const std::map<std::string, std::string>& headers = {}) {
    return server_.post("/api/v1/cases/" + id + "/" + name, token(user), body.dump(), headers);
  }
  HttpResult command(const std::string& id, const std::string& name, const std::string& user) {
    return command(id, name, user, valid_command_body(name));
  }

  // A command that must succeed; its answer.
  json ok(const std::string& id, const std::string& name, const std::string& user,
          const json& body) {
    auto result = command(id, name, user, body);
    INFO(name << " by " << user << ": " << result.body);
    REQUIRE(result.status == 200);
    return result.json();
  }
  json ok(const std::string& id, const std::string& name, const std::string& user) {
    return ok(id, name, user, valid_command_body(name));
  }

  // GET /cases/{id} as `user` (sup1 sees every case).
  json view(const std::string& id, const std::string& user = "sup1") {
    auto result = server_.get("/api/v1/cases/" + id, token(user));
    INFO(result.body);
    REQUIRE(result.status == 200);
    return result.json();
  }

  [[nodiscard]] std::uint64_t head() { return server_.context().store().head_position(); }

 private:
  TestServer server_;
  std::map<std::string, std::string> tokens_;
};

// The user id the server gives `username`.
inline std::string user_id(const std::string& username) { return "u-" + username; }

}  // namespace gongkai::testing
