// The POCO side of the server: a Poco::Net::HTTPServer (plain or TLS 1.2+ through NetSSL) whose
// one request handler turns POCO's request into an http::HttpRequest, runs it through app::Api
// and writes the answer back (chunked for server-sent events). POCO types stay in this folder.
//
// Sizing (DESIGN.md): POCO holds one thread per keep-alive connection, so the pool has
// `max_threads` threads (>= 128 clients served at once), `max_queued` connections may wait for a
// thread, and a short keep-alive timeout frees threads held by idle clients. Connections refused
// because the queue is full are counted (TCPServer::refusedConnections) and shown in /metrics.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "api/app/api.h"
#include "domain/base/status.h"

namespace gongkai::api::server {

struct ListenOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0: any free port (tests)
  int max_threads = 192;
  int max_queued = 256;
  int keep_alive_seconds = 10;
  std::string tls_cert;  // both set: HTTPS
  std::string tls_key;
};

class HttpServer {
 public:
  // Binds and starts serving; invalid_argument tls_unusable / unavailable listen_failed.
  [[nodiscard]] static domain::Result<std::unique_ptr<HttpServer>> start(app::Api& api,
                                                                         ListenOptions options);
  ~HttpServer();

  [[nodiscard]] std::uint16_t port() const;
  [[nodiscard]] bool tls() const;
  // Stops accepting, ends open connections (server-sent event streams included) and waits.
  void stop();

  // Set while stopping: long-running answers (event streams) check it and end.
  [[nodiscard]] static bool stopping();

 private:
  struct Impl;
  explicit HttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace gongkai::api::server
