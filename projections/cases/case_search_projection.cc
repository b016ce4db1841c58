#include "projections/cases/case_search_projection.h"

#include <optional>

#include "projections/projection_host.h"

namespace gongkai::projections {

namespace {

constexpr std::string_view kStreamPrefix = "case-";

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
  // One walk over the texts, nothing copied but the ids that match: a rare word reads every
  // case's text (until 2026-12-01 in chunks of 100, each copied, ~a fifth of the server's CPU in
  // the soak's mix once its registrations had added thousands of cases).
  const std::string prefix = text_prefix();
  const eventstore::StateRange texts[] = {{prefix, after}};
  std::string id;
  return store.visit_state(texts, [&](std::size_t, std::string_view key, std::string_view text) {
    if (text.find(q) == std::string_view::npos) return true;
    id.assign(key.substr(prefix.size()));
    return visit(id);
  });
}

}  // namespace gongkai::projections
