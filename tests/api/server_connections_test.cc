// Connections: 128 concurrent keep-alive clients against the real binary, and TLS (HTTPS works,
// TLS 1.1 is refused) with a throwaway self-signed certificate.
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/StreamCopier.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <cstdio>
#include <latch>

#include "api/server_process.h"
#include "support/http_client.h"
#include "support/temp_dir.h"
#include "support/test_server.h"

namespace gongkai::testing {

namespace {

using nlohmann::json;

// Runs a shell command; its exit status and combined output.
std::pair<int, std::string> run(const std::string& command) {
  std::string output;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[4096];
  std::size_t n = 0;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, n);
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

}  // namespace

TEST_CASE("128 concurrent keep-alive clients are all served", "[api][process][connections]") {
  // Given the real server with its default thread pool
  TempDir dir;
  ServerProcess server({"--data-dir=" + (dir.path() / "data").string(), "--listen=127.0.0.1:0"},
                       {{"GONGKAI_ADMIN_PASSWORD", kAdminPassword}}, dir.path() / "out.txt");
  const auto port = server.wait_listening();
  REQUIRE(port != 0);
  const json credentials = {{"username", "admin"}, {"password", kAdminPassword}};
  auto session = http_request(port, "POST", "/api/v1/sessions", credentials.dump(), {});
  REQUIRE(session.status == 201);
  const auto token = session.json()["token"].get<std::string>();

  // When 128 clients connect at once and each sends 6 requests on its own keep-alive connection
  constexpr int kClients = 128;
  constexpr int kRequests = 6;
  std::vector<int> answered(kClients, 0);
  std::latch start(kClients);
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      Poco::Net::HTTPClientSession client("127.0.0.1", port);
      client.setKeepAlive(true);
      client.setTimeout(Poco::Timespan(30, 0));
      start.arrive_and_wait();
      for (int r = 0; r < kRequests; ++r) {
        try {
          Poco::Net::HTTPRequest request("GET", r % 2 == 0 ? "/api/v1/me" : "/healthz",
                                         Poco::Net::HTTPMessage::HTTP_1_1);
          request.set("Authorization", "Bearer " + token);
          request.setKeepAlive(true);
          client.sendRequest(request);
          Poco::Net::HTTPResponse response;
          std::string body;
          Poco::StreamCopier::copyToString(client.receiveResponse(response), body);
          if (response.getStatus() == 200) ++answered[static_cast<std::size_t>(c)];
        } catch (const std::exception&) {
          return;
        }
      }
    });
  }
  for (auto& client : clients) client.join();

  // Then every client got every answer, and no connection was refused
  int total = 0;
  for (int c = 0; c < kClients; ++c) {
    INFO("client " << c);
    CHECK(answered[static_cast<std::size_t>(c)] == kRequests);
    total += answered[static_cast<std::size_t>(c)];
  }
  CHECK(total == kClients * kRequests);
  auto metrics = http_request(port, "GET", "/metrics", "", {{"Authorization", "Bearer " + token}});
  CHECK(metrics.body.find("gongkai_refused_connections_total 0\n") != std::string::npos);
  server.signal(SIGTERM);
  CHECK(server.wait_exit() == 0);
}

TEST_CASE("HTTPS works with the configured certificate and TLS 1.1 is refused",
          "[api][tls]") {
  // Given a throwaway self-signed certificate and a server using it
  TempDir dir;
  const auto cert = (dir.path() / "cert.pem").string();
  const auto key = (dir.path() / "key.pem").string();
  auto [made, made_output] =
      run("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 "
          "-subj /CN=localhost -keyout " + key + " -out " + cert);
  INFO(made_output);
  REQUIRE(made == 0);
  api::app::ServerConfig config;
  config.tls_cert = cert;
  config.tls_key = key;
  TestServer server(*domain::time::CivilDate::parse("2021-03-10"), config);

  // When a client asks over HTTPS (verification off: the certificate is self-signed)
  Poco::Net::Context::Ptr context = new Poco::Net::Context(
      Poco::Net::Context::TLS_CLIENT_USE, "", "", "", Poco::Net::Context::VERIFY_NONE);
  Poco::Net::HTTPSClientSession https("127.0.0.1", server.port(), context);
  https.setTimeout(Poco::Timespan(10, 0));
  Poco::Net::HTTPRequest request("GET", "/healthz", Poco::Net::HTTPMessage::HTTP_1_1);
  https.sendRequest(request);
  Poco::Net::HTTPResponse response;
  std::string body;
  Poco::StreamCopier::copyToString(https.receiveResponse(response), body);

  // Then it is answered
  CHECK(response.getStatus() == 200);
  CHECK(json::parse(body)["status"] == "ok");

  // And plain HTTP on the TLS port gets no answer
  CHECK_THROWS(http_request(server.port(), "GET", "/healthz", "", {}));

  // And the openssl client (system configuration off, TLS 1.1 ciphers allowed on its side)
  // completes TLS 1.2 but gets the server's protocol_version alert for TLS 1.1
  const std::string s_client = "echo | OPENSSL_CONF=/dev/null openssl s_client -connect 127.0.0.1:" +
                               std::to_string(server.port()) + " -cipher 'DEFAULT:@SECLEVEL=0' ";
  auto [tls12, tls12_output] = run(s_client + "-tls1_2");
  INFO(tls12_output);
  CHECK(tls12 == 0);
  CHECK(tls12_output.find("Protocol  : TLSv1.2") != std::string::npos);
  auto [tls11, tls11_output] = run(s_client + "-tls1_1");
  INFO(tls11_output);
  CHECK(tls11 != 0);
  CHECK(tls11_output.find("alert protocol version") != std::string::npos);
}

}  // namespace gongkai::testing
