#include "api/app/metrics.h"

#include <sstream>

namespace gongkai::api::app {

void Metrics::record_request(const std::string& route, const std::string& method, int status,
                             double seconds) {
  std::lock_guard lock(mutex_);
  Series& s = requests_[{route, method, status}];
  ++s.count;
  s.sum += seconds;
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++s.buckets[i];
  }
}

void Metrics::record_append(std::uint64_t events) {
  ++append_commands_;
  appended_events_ += events;
}

void Metrics::record_denial() { ++denials_; }
void Metrics::record_pii_read() { ++pii_reads_; }

void Metrics::set_gauge_source(GaugeSource source) {
  std::lock_guard lock(mutex_);
  gauges_ = std::move(source);
}

std::string Metrics::render() const {
  std::ostringstream out;
  std::lock_guard lock(mutex_);
  out << "# HELP gongkai_http_requests_total Requests by route, method and status.\n"
      << "# TYPE gongkai_http_requests_total counter\n";
  for (const auto& [key, s] : requests_) {
    const auto& [route, method, status] = key;
    out << "gongkai_http_requests_total{route=\"" << route << "\",method=\"" << method
        << "\",status=\"" << status << "\"} " << s.count << "\n";
  }
  out << "# HELP gongkai_http_request_duration_seconds Request latency by route and status.\n"
      << "# TYPE gongkai_http_request_duration_seconds histogram\n";
  for (const auto& [key, s] : requests_) {
    const auto& [route, method, status] = key;
    const std::string labels =
        "route=\"" + route + "\",method=\"" + method + "\",status=\"" + std::to_string(status) + "\"";
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      out << "gongkai_http_request_duration_seconds_bucket{" << labels << ",le=\"" << kBuckets[i]
          << "\"} " << s.buckets[i] << "\n";
    }
    out << "gongkai_http_request_duration_seconds_bucket{" << labels << ",le=\"+Inf\"} "
        << s.count << "\n";
    out << "gongkai_http_request_duration_seconds_sum{" << labels << "} " << s.sum << "\n";
    out << "gongkai_http_request_duration_seconds_count{" << labels << "} " << s.count << "\n";
  }
  out << "# TYPE gongkai_append_commands_total counter\ngongkai_append_commands_total "
      << append_commands_.load() << "\n";
  out << "# TYPE gongkai_appended_events_total counter\ngongkai_appended_events_total "
      << appended_events_.load() << "\n";
  out << "# TYPE gongkai_denied_requests_total counter\ngongkai_denied_requests_total "
      << denials_.load() << "\n";
  out << "# TYPE gongkai_pii_reads_total counter\ngongkai_pii_reads_total " << pii_reads_.load()
      << "\n";
  if (gauges_) {
    for (const auto& [name, value] : gauges_()) {
      out << "# TYPE " << name << (name.ends_with("_total") ? " counter\n" : " gauge\n") << name
          << " " << value << "\n";
    }
  }
  return out.str();
}

}  // namespace gongkai::api::app
