#include "support/test_server.h"

#include <catch2/catch.hpp>

#include "api/auth/password.h"
#include "domain/people/people_decider.h"

namespace gongkai::testing {

namespace dp = domain::people;
using domain::policy::Role;

TestServer::TestServer(domain::time::CivilDate today, api::app::ServerConfig config,
                       std::shared_ptr<rocksdb::Env> store_env)
    : clock_(office_hours(today)), config_(std::move(config)), store_env_(std::move(store_env)) {
  config_.data_dir = dir_.path().string();
  config_.admin_password = kAdminPassword;
  config_.password_hashing = kTestPasswordHashing;
  config_.max_threads = std::min(config_.max_threads, 64);
  start();
}

TestServer::~TestServer() { stop(); }

void TestServer::start() {
  auto context = api::app::ServerContext::open(config_, clock_, nullptr, {.store_env = store_env_});
  REQUIRE(context.ok());
  context_ = std::move(*context);
  api_ = std::make_unique<api::app::Api>(*context_);
  auto server = api::server::HttpServer::start(
      *api_, {.host = "127.0.0.1",
              .port = 0,
              .max_threads = config_.max_threads,
              .max_queued = config_.max_queued,
              .keep_alive_seconds = config_.keep_alive_seconds,
              .tls_cert = config_.tls_cert,
              .tls_key = config_.tls_key});
  REQUIRE(server.ok());
  server_ = std::move(*server);
}

void TestServer::stop() {
  if (server_) server_->stop();
  server_.reset();
  api_.reset();
  context_.reset();
}

void TestServer::restart() {
  stop();
  start();
}

void TestServer::add_department(const std::string& code, const std::string& name) {
  const domain::policy::Actor admin{dp::user_id_for_username("admin"), Role::admin, {}};
  auto created = context_->people().execute(
      {.actor = admin,
       .body = dp::CreateDepartment{.code = code,
                                    .name = name.empty() ? code : name,
                                    .agency = config_.agency_code,
                                    .existing_departments = departments_}},
      clock_.now());
  REQUIRE(created.ok());
  departments_.insert(code);
}

void TestServer::add_user(const std::string& username, const std::vector<std::string>& roles,
                          const std::vector<std::string>& departments) {
  const domain::policy::Actor admin{dp::user_id_for_username("admin"), Role::admin, {}};
  auto created = context_->people().execute(
      {.actor = admin,
       .body = dp::CreateUser{.username = username,
                              .display_name = username,
                              .roles = roles,
                              .agency = config_.agency_code,
                              .departments = departments,
                              .existing_departments = departments_}},
      clock_.now());
  REQUIRE(created.ok());
  const auto& event = std::get<dp::UserCreated>(created->events.front());
  auto record = api::auth::hash_password(kTestPassword, config_.password_hashing);
  REQUIRE(record.ok());
  auto set = context_->people().execute(
      {.actor = admin,
       .body = dp::SetPasswordRecord{
           .user_id = event.user_id,
           .password_record = *record,
           .current = dp::UserFacts{event.user_id, event.roles, event.departments, false}}},
      clock_.now());
  REQUIRE(set.ok());
}

std::string TestServer::login(const std::string& username, const std::string& password) {
  const nlohmann::json body = {{"username", username}, {"password", password}};
  auto result = post("/api/v1/sessions", "", body.dump());
  INFO(result.body);
  REQUIRE(result.status == 201);
  return result.json()["token"].get<std::string>();
}

HttpResult TestServer::request(const std::string& method, const std::string& target,
                               const std::string& token, const std::string& body,
                               const std::map<std::string, std::string>& headers) {
  auto all = headers;
  if (!token.empty()) all["Authorization"] = "Bearer " + token;
  return http_request(port(), method, target, body, all);
}

std::string registration_body(const std::string& received_on, const std::string& department) {
  nlohmann::json body = {
      {"applicant",
       {{"type", "natural_person"},
        {"name", "张三"},
        {"id_type", "resident_id"},
        {"id_number", "370303199001011234"},
        {"phone", "13800000000"}}},
      {"channel", "in_person"},
      {"received_on", received_on},
      {"description", "申请公开本镇2020年度财政预算执行情况"},
      {"delivery", {{"form", "electronic"}, {"method", "email"}}},
  };
  if (!department.empty()) body["department"] = department;
  return body.dump();
}

}  // namespace gongkai::testing
