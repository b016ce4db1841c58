#include "projections/cases/case_feed.h"

#include <algorithm>
#include <stdexcept>
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
  lru_.push_front(Entry{Folded{case_id, {}, 0, {}}, 0});
  index_.emplace(case_id, lru_.begin());
  return lru_.front();
}

std::size_t CaseFeed::add_view() {
  const auto free = std::find(views_.begin(), views_.end(), false);
  if (free == views_.end()) throw std::length_error("a case feed notes cases for at most 8 views");
  *free = true;
  return static_cast<std::size_t>(free - views_.begin());
}

void CaseFeed::remove_view(std::size_t slot) {
  views_[slot] = false;
  for (Entry& entry : lru_) entry.folded.noted[slot] = false;
}

void CaseFeed::trim() {
  trim_due_.store(false, std::memory_order_relaxed);
  const auto noted = [](const Folded& folded) {
    return std::find(folded.noted.begin(), folded.noted.end(), true) != folded.noted.end();
  };
  // Views render and unnote the cases that leave before the trim (flush, flush_rebuild); one
  // still noted would stay, beyond capacity, rather than leave a view a dangling note.
  while (index_.size() > capacity_ && !noted(lru_.back().folded)) {
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

CaseFeed::Decoded CaseFeed::decode_stripped(const eventstore::RecordedEvent& recorded) {
  Decoded decoded{recorded.position, std::nullopt, {}};
  if (!recorded.stream.starts_with(kCaseStreamPrefix)) return decoded;
  decoded.event = decode_case_record(recorded);
  if (!decoded.event) return decoded;
  if (const auto* registered = std::get_if<dc::CaseRegistered>(&*decoded.event)) {
    decoded.id_number = registered->applicant.id_number;
  }
  strip_personal_data(*decoded.event);
  return decoded;
}

std::unique_ptr<PreparedPage> CaseFeed::prepare(
    const std::vector<eventstore::RecordedEvent>& page) const {
  auto prepared = std::make_unique<DecodedPage>();
  if (page.empty()) return prepared;
  prepared->first_position = page.front().position;
  prepared->events.reserve(page.size());
  for (const auto& recorded : page) prepared->events.push_back(decode_stripped(recorded));
  return prepared;
}

void CaseFeed::use_prepared(std::unique_ptr<PreparedPage> prepared) {
  // Only this class makes DecodedPages, and the host hands each back to the feed that made it.
  prepared_.reset(static_cast<DecodedPage*>(prepared.release()));
  capacity_ = prepared_ ? replay_capacity_ : live_capacity_;
}

const dc::CaseEvent* CaseFeed::decode(const eventstore::RecordedEvent& recorded) {
  if (recorded.position != memo_position_ || recorded.event_id != memo_event_id_) {
    memo_position_ = recorded.position;
    memo_event_id_ = recorded.event_id;
    memo_ = nullptr;
    // Positions are dense, so the prepared page holds event `position` at that offset, if at all
    // (an earlier position wraps to a huge offset); a taken one is marked so (0: no position).
    Decoded* ready = nullptr;
    if (prepared_) {
      const std::uint64_t offset = recorded.position - prepared_->first_position;
      if (offset < prepared_->events.size() &&
          prepared_->events[offset].position == recorded.position) {
        ready = &prepared_->events[offset];
      }
    }
    if (ready != nullptr) {
      memo_decoded_ = std::move(*ready);
      ready->position = 0;
    } else {
      memo_decoded_ = decode_stripped(recorded);
      ++own_decodes_;
    }
  }
  return memo_decoded_.event ? &*memo_decoded_.event : nullptr;
}

std::string_view CaseFeed::unmasked_id_number(const eventstore::RecordedEvent& recorded) {
  return decode(recorded) != nullptr ? std::string_view(memo_decoded_.id_number)
                                     : std::string_view();
}

const CaseFeed::Folded* CaseFeed::fold(const eventstore::RecordedEvent& recorded,
                                       const StateReader& log) {
  const dc::CaseEvent* event = decode(recorded);
  if (memo_ != nullptr) return memo_;  // a sibling folded this event already
  if (trim_due_.load(std::memory_order_relaxed)) trim();
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
  if (entry.version != recorded.version || entry.folded.version != recorded.version) {
    if (recorded.version <= 1) {
      entry.folded.state = dc::CaseState{};  // a stream's first event folds onto nothing
    } else if (entry.version + 1 != recorded.version) {
      entry.folded.state = fold_from_log(case_id, recorded.version - 1, log, &entry.folded.version);
    }
    dc::evolve(entry.folded.state, *event);
    entry.version = recorded.version;
    entry.folded.version = recorded.version;
  }  // else: folded through this event already (the same log replayed)
  memo_ = &entry.folded;
  return memo_;
}

void CaseViewProjection::apply(const eventstore::RecordedEvent& event, StateWriter& state) {
  const CaseFeed::Folded* folded = feed_->fold(event, state);
  if (folded == nullptr) return;
  on_event(event, *folded, state);
  if (folded->noted[slot_]) return;
  folded->noted[slot_] = true;
  touched_.push_back(folded);
}

void CaseViewProjection::flush(StateWriter& state) {
  // Each noted case is still in the feed (a noted case is not trimmed), folded through the last
  // event this view applied to it: every event after this view's checkpoint is applied to it.
  for (const CaseFeed::Folded* folded : touched_) {
    render(folded->state, folded->version, state);
    folded->noted[slot_] = false;
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
  bool rendered = false;
  feed_->for_each_leaving([&](const CaseFeed::Folded& folded) {
    if (!folded.noted[slot_]) return;
    render(folded.state, folded.version, state);
    folded.noted[slot_] = false;
    rendered = true;
  });
  if (rendered) {
    std::erase_if(touched_,
                  [this](const CaseFeed::Folded* folded) { return !folded->noted[slot_]; });
  }
  feed_->end_batch();
}

const domain::cases::CaseRegistered* decode_registration(
    const eventstore::RecordedEvent& event, CaseFeed* feed,
    std::optional<domain::cases::CaseEvent>& own) {
  if (event.type != domain::cases::CaseRegistered::kType) return nullptr;
  const domain::cases::CaseEvent* decoded = nullptr;
  if (feed != nullptr) {
    decoded = feed->decode(event);
  } else if (auto result = eventstore::codec::decode_case_event(event); result.ok()) {
    own = std::move(result).value();
    decoded = &*own;
  }
  return decoded == nullptr ? nullptr : std::get_if<domain::cases::CaseRegistered>(decoded);
}

}  // namespace gongkai::projections
