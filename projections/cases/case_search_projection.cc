#include "projections/cases/case_search_projection.h"

#include <optional>

#include "projections/projection_host.h"

namespace gongkai::projections {

namespace {

constexpr std::string_view kStreamPrefix = "case-";
constexpr std::size_t kChunk = 100;  // texts read at a time

std::string text_prefix() { return ProjectionHost::state_prefix(kCaseSearchProjection) + "t/"; }

}  // namespace

void CaseSearchProjection::apply(const eventstore::RecordedEvent& event, StateWriter& state) {
  if (!event.stream.starts_with(kStreamPrefix)) return;
  std::optional<domain::cases::CaseEvent> own;
  const auto* registered = decode_registration(event, feed_.get(), own);
  if (registered == nullptr) return;
  const std::string case_id = event.stream.substr(kStreamPrefix.size());
  state.put("t/" + case_id, registered->description + "\n" + registered->applicant.name);
}

domain::Status for_each_candidate(const eventstore::EventStore& store, std::string_view q,
                                  std::string_view after,
                                  const std::function<bool(const std::string&)>& visit) {
  const std::string prefix = text_prefix();
  std::string from(after);
  for (bool more = true; more;) {
    auto texts = store.scan_state_after(prefix, from, kChunk);
    if (!texts.ok()) return texts.status();
    more = texts->size() == kChunk;
    for (auto& [key, text] : *texts) {
      from = key.substr(prefix.size());
      if (text.find(q) != std::string::npos && !visit(from)) return domain::Status::ok_status();
    }
  }
  return domain::Status::ok_status();
}

}  // namespace gongkai::projections
