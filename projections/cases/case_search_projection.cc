#include "projections/cases/case_search_projection.h"

#include <optional>
#include <variant>

#include "eventstore/codec/case_event_codec.h"
#include "projections/projection_host.h"

namespace gongkai::projections {

namespace {

constexpr std::string_view kStreamPrefix = "case-";
constexpr std::size_t kChunk = 100;  // texts read at a time

std::string text_prefix() { return ProjectionHost::state_prefix(kCaseSearchProjection) + "t/"; }

}  // namespace

void CaseSearchProjection::apply(const eventstore::RecordedEvent& event, StateWriter& state) {
  if (event.type != domain::cases::CaseRegistered::kType) return;
  if (!event.stream.starts_with(kStreamPrefix)) return;
  std::optional<domain::cases::CaseEvent> own;
  const domain::cases::CaseEvent* decoded = nullptr;
  if (feed_) {
    decoded = feed_->decode(event);
  } else if (auto result = eventstore::codec::decode_case_event(event); result.ok()) {
    own = std::move(result).value();
    decoded = &*own;
  }
  if (decoded == nullptr) return;  // undecodable data is ignored, never fatal
  const auto* registered = std::get_if<domain::cases::CaseRegistered>(decoded);
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
