#include "api/server/http_server.h"

#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/ThreadPool.h>
#include <Poco/URI.h>

#include <malloc.h>

#include <cctype>
#include <csignal>
#include <istream>
#include <mutex>

#include "api/http/json_body.h"
#include "api/http/problem.h"

namespace gongkai::api::server {

namespace {

std::atomic<bool> g_stopping{false};

double heap_in_use_bytes() {
  const struct mallinfo2 info = mallinfo2();
  return static_cast<double>(info.uordblks + info.hblkhd);  // small blocks + mmapped ones
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

void send(const http::HttpResponse& answer, Poco::Net::HTTPServerResponse& response) {
  response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(answer.status));
  if (!answer.content_type.empty()) response.setContentType(answer.content_type);
  for (const auto& [name, value] : answer.headers) response.set(name, value);
  if (answer.streamer) {
    response.setChunkedTransferEncoding(true);
    std::ostream& out = response.send();
    out.flush();
    answer.streamer(out);
    return;
  }
  response.sendBuffer(answer.body.data(), answer.body.size());
}

class ApiRequestHandler final : public Poco::Net::HTTPRequestHandler {
 public:
  explicit ApiRequestHandler(app::Api& api) : api_(api) {}

  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override {
    try {
      http::HttpRequest in;
      if (auto problem = read(request, in)) {
        response.setKeepAlive(false);  // the rest of an oversized body is not read
        send(*problem, response);
        return;
      }
      send(api_.handle(in), response);
    } catch (const std::exception&) {
      // Never a stack trace: the client gets a problem, the log keeps nothing personal.
      if (!response.sent()) send(http::problem(500, "internal", "the server failed"), response);
    }
  }

 private:
  // Fills `in`; a problem when the request cannot be taken (too large, bad URI).
  static std::optional<http::HttpResponse> read(Poco::Net::HTTPServerRequest& request,
                                                http::HttpRequest& in) {
    in.method = request.getMethod();
    try {
      Poco::URI uri(request.getURI());
      in.path = uri.getPath();
      for (auto& [name, value] : uri.getQueryParameters()) in.query[name] = value;
    } catch (const Poco::Exception&) {
      return http::problem(400, "invalid_uri", "the request URI is malformed");
    }
    for (const auto& [name, value] : request) in.headers[lower(name)] = value;
    in.remote_address = request.clientAddress().host().toString();
    // RFC 9112 §6.3: a request with neither Content-Length nor chunked encoding has no body. POCO
    // would read one until the client closes (OPTIONS, POST without a length), holding a thread
    // for the client's whole timeout (the OWASP CORS test's preflight waited 30 s).
    if (!request.hasContentLength() && !request.getChunkedTransferEncoding()) return std::nullopt;
    std::istream& body = request.stream();
    if (request.hasContentLength() &&
        request.getContentLength64() > static_cast<std::int64_t>(http::kMaxBodyBytes)) {
      if (request.getContentLength64() <= static_cast<std::int64_t>(kDrainBytes)) drain(body);
      return too_large();
    }
    char buffer[16384];
    while (body.read(buffer, sizeof buffer) || body.gcount() > 0) {
      in.body.append(buffer, static_cast<std::size_t>(body.gcount()));
      if (in.body.size() > http::kMaxBodyBytes) {
        drain(body);
        return too_large();
      }
    }
    return std::nullopt;
  }

  // A client still sending an oversized body would get a connection reset instead of its 413 if
  // the server closed with the body unread (S3 saw it), so up to kDrainBytes are read and dropped;
  // beyond that the connection is cut.
  static constexpr std::size_t kDrainBytes = 8 * http::kMaxBodyBytes;
  static void drain(std::istream& body) {
    char buffer[16384];
    std::size_t dropped = 0;
    while (dropped < kDrainBytes && (body.read(buffer, sizeof buffer) || body.gcount() > 0)) {
      dropped += static_cast<std::size_t>(body.gcount());
    }
  }
  static http::HttpResponse too_large() {
    return http::problem(413, "body_too_large", "request bodies are limited to 1 MiB");
  }

  app::Api& api_;
};

class Factory final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit Factory(app::Api& api) : api_(api) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest&) override {
    return new ApiRequestHandler(api_);
  }

 private:
  app::Api& api_;
};

}  // namespace

struct HttpServer::Impl {
  app::Api* api = nullptr;
  std::unique_ptr<Poco::ThreadPool> pool;
  std::unique_ptr<Poco::Net::HTTPServer> server;
  std::uint16_t port = 0;
  bool tls = false;
  bool stopped = false;
};

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

HttpServer::~HttpServer() { stop(); }

bool HttpServer::stopping() { return g_stopping.load(); }

domain::Result<std::unique_ptr<HttpServer>> HttpServer::start(app::Api& api,
                                                              ListenOptions options) {
  auto impl = std::make_unique<Impl>();
  impl->api = &api;
  // A client that leaves mid-answer (an event stream, a slow download) must fail the write, not
  // kill the process: POCO sends without MSG_NOSIGNAL.
  static std::once_flag sigpipe_once;
  std::call_once(sigpipe_once, [] { std::signal(SIGPIPE, SIG_IGN); });
  try {
    const Poco::Net::SocketAddress address(options.host, options.port);
    Poco::Net::ServerSocket socket;
    // Room for a burst of connections (128 clients connecting at once) while the acceptor runs.
    const int backlog = std::max(64, options.max_queued);
    if (!options.tls_cert.empty() || !options.tls_key.empty()) {
      static std::once_flag ssl_once;
      std::call_once(ssl_once, [] { Poco::Net::initializeSSL(); });
      Poco::Net::Context::Params params;
      params.privateKeyFile = options.tls_key;
      params.certificateFile = options.tls_cert;
      params.verificationMode = Poco::Net::Context::VERIFY_NONE;
      params.cipherList = "HIGH:!aNULL:!MD5:!RC4";
      Poco::Net::Context::Ptr context =
          new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, params);
      context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
      socket = Poco::Net::SecureServerSocket(address, backlog, context);
      impl->tls = true;
    } else {
      socket = Poco::Net::ServerSocket(address, backlog);
    }
    impl->port = socket.address().port();
    auto* params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(options.max_threads);
    params->setMaxQueued(options.max_queued);
    params->setKeepAlive(true);
    params->setKeepAliveTimeout(Poco::Timespan(options.keep_alive_seconds, 0));
    params->setMaxKeepAliveRequests(0);  // unlimited requests per connection
    params->setTimeout(Poco::Timespan(30, 0));
    // Every thread started now, not on demand: POCO starts one per new connection while none is
    // idle, one at a time on the acceptor, so 128 clients connecting at once to a new server
    // waited up to 140 ms for a plain /livez (42 ms with the threads already there). Idle ones
    // cost ~14 KB of RSS each (2.6 MiB for the default 192).
    const int threads = options.max_threads + 2;
    impl->pool = std::make_unique<Poco::ThreadPool>(threads, threads);
    impl->server = std::make_unique<Poco::Net::HTTPServer>(new Factory(api), *impl->pool, socket,
                                                           params);
    auto* server = impl->server.get();
    api.context().metrics().set_gauge_source([server] {
      return std::map<std::string, double>{
          {"gongkai_open_connections", server->currentConnections()},
          {"gongkai_queued_connections", server->queuedConnections()},
          {"gongkai_refused_connections_total", server->refusedConnections()},
          {"gongkai_total_connections", server->totalConnections()},
          {"gongkai_busy_threads", server->currentThreads()},
          // Heap in use (glibc, all arenas): set against RSS it tells memory held from memory
          // that glibc keeps after it was freed.
          {"gongkai_heap_in_use_bytes", heap_in_use_bytes()},
      };
    });
    g_stopping = false;
    impl->server->start();
  } catch (const Poco::Exception& e) {
    return domain::unavailable("listen_failed", "cannot listen on " + options.host + ":" +
                                                    std::to_string(options.port) + ": " +
                                                    e.displayText());
  }
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

std::uint16_t HttpServer::port() const { return impl_->port; }
bool HttpServer::tls() const { return impl_->tls; }

void HttpServer::stop() {
  if (!impl_ || impl_->stopped) return;
  impl_->stopped = true;
  g_stopping = true;
  impl_->api->context().metrics().set_gauge_source(nullptr);
  impl_->server->stopAll(true);
  impl_->pool->joinAll();
}

}  // namespace gongkai::api::server
