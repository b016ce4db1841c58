#include "projections/cases/case_feed.h"

#include <utility>
#include <variant>

#include "domain/privacy/identity_number.h"
#include "eventstore/codec/case_event_codec.h"
#include "projections/cases/case_folds.h"

namespace gongkai::projections {
namespace {

namespace dc = domain::cases;
constexpr std::string_view kCaseStreamPrefix = "case-";

// The one event with an identity number: folded with the number masked and without the contact
// details (which no view shows), so personal data stays in the log only.
void strip_personal_data(dc::CaseEvent& event) {
  if (auto* registered = std::get_if<dc::CaseRegistered>(&event)) {
    registered->applicant.id_number =
        domain::privacy::mask_id_number(registered->applicant.id_number);
    registered->applicant.phone.clear();
    registered->applicant.address.clear();
    registered->applicant.email.clear();
  }
}

}  // namespace

CaseFeed::Entry& CaseFeed::entry_for(const std::string& case_id) {
  if (auto it = index_.find(case_id); it != index_.end()) {
    lru_.splice(lru_.begin(), lru_, it->second);
    return *it->second;
  }
  lru_.push_front(Entry{Folded{case_id, {}}, 0, 0});
  index_.emplace(case_id, lru_.begin());
  return lru_.front();
}

void CaseFeed::trim() {
  trim_due_ = false;
  while (index_.size() > capacity_) {
    index_.erase(lru_.back().folded.case_id);
    lru_.pop_back();
  }
}

dc::CaseState CaseFeed::fold_from_log(const std::string& case_id, std::uint64_t through,
                                      const StateReader& log, std::uint64_t* folded_version) {
  ++refolds_;
  dc::CaseState folded;
  *folded_version = 0;
  for (const auto& recorded :
       log.committed_stream(eventstore::codec::case_stream(case_id), through)) {
    if (auto event = decode_case_record(recorded)) {
      strip_personal_data(*event);
      dc::evolve(folded, *event);
      *folded_version = recorded.version;
    }
  }
  return folded;
}

const dc::CaseEvent* CaseFeed::decode(const eventstore::RecordedEvent& recorded) {
  if (recorded.position != memo_position_ || recorded.event_id != memo_event_id_) {
    memo_position_ = recorded.position;
    memo_event_id_ = recorded.event_id;
    memo_ = nullptr;
    memo_event_ = recorded.stream.starts_with(kCaseStreamPrefix) ? decode_case_record(recorded)
                                                                 : std::nullopt;
    memo_id_number_.clear();
    if (memo_event_) {
      if (const auto* registered = std::get_if<dc::CaseRegistered>(&*memo_event_)) {
        memo_id_number_ = registered->applicant.id_number;
      }
      strip_personal_data(*memo_event_);
    }
  }
  return memo_event_ ? &*memo_event_ : nullptr;
}

std::string_view CaseFeed::unmasked_id_number(const eventstore::RecordedEvent& recorded) {
  return decode(recorded) != nullptr ? std::string_view(memo_id_number_) : std::string_view();
}

const CaseFeed::Folded* CaseFeed::fold(const eventstore::RecordedEvent& recorded,
                                       const StateReader& log) {
  const dc::CaseEvent* event = decode(recorded);
  if (memo_ != nullptr) return memo_;  // a sibling folded this event already
  if (trim_due_) trim();
  if (event == nullptr) {
    // Nothing to fold, but the cached fold is still the case's state one version later.
    const auto it = index_.find(recorded.stream.substr(kCaseStreamPrefix.size()));
    if (it != index_.end() && it->second->version + 1 == recorded.version) {
      it->second->version = recorded.version;
    }
    return nullptr;
  }
  const std::string& case_id = dc::event_base(*event).case_id;
  Entry& entry = entry_for(case_id);
  if (entry.version != recorded.version || entry.folded_version != recorded.version) {
    if (recorded.version <= 1) {
      entry.folded.state = dc::CaseState{};  // a stream's first event folds onto nothing
    } else if (entry.version + 1 != recorded.version) {
      entry.folded.state =
          fold_from_log(case_id, recorded.version - 1, log, &entry.folded_version);
    }
    dc::evolve(entry.folded.state, *event);
    entry.version = recorded.version;
    entry.folded_version = recorded.version;
  }  // else: folded through this event already (the same log replayed)
  memo_ = &entry.folded;
  return memo_;
}

const dc::CaseState& CaseFeed::state_at(const std::string& case_id, std::uint64_t version,
                                        const StateReader& log) {
  if (auto it = index_.find(case_id);
      it != index_.end() && it->second->folded_version == version) {
    return it->second->folded.state;
  }
  std::uint64_t folded_version = 0;
  scratch_ = fold_from_log(case_id, version, log, &folded_version);
  return scratch_;
}

void CaseViewProjection::apply(const eventstore::RecordedEvent& event, StateWriter& state) {
  if (const CaseFeed::Folded* folded = feed_->fold(event, state)) {
    touched_[folded->case_id] = event.version;
  }
}

void CaseViewProjection::flush(StateWriter& state) {
  for (const auto& [case_id, version] : touched_) {
    render(feed_->state_at(case_id, version, state), version, state);
  }
  touched_.clear();
  feed_->end_batch();
}

void CaseViewProjection::flush_rebuild(StateWriter& state, bool last) {
  if (last) {
    flush(state);
    return;
  }
  // The others stay noted until a later page (or the last) renders their latest fold.
  feed_->for_each_leaving([&](const std::string& case_id) {
    const auto it = touched_.find(case_id);
    if (it == touched_.end()) return;
    render(feed_->state_at(it->first, it->second, state), it->second, state);
    touched_.erase(it);
  });
  feed_->end_batch();
}

}  // namespace gongkai::projections
