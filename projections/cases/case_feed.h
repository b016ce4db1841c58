// CaseFeed: one decode and one fold per case event, shared by the case-based projections (cases,
// queues, deadlines), and CaseViewProjection, their common apply/flush.
//
// A projection sees one event at a time and may read only its own state and the committed log.
// The feed keeps the latest fold of recently touched cases in memory (least recently used first
// out); an event right after the cached fold is evolved onto it, a stream's first event folds onto
// nothing, and anything else (a case that fell out of the cache) is folded again from the case's
// stream in the committed log. The registration is folded with the identity number masked and no
// phone, address or email: no view shows them and no projection state holds them (the log does).
//
// The host applies each event to every projection in turn, so the siblings' fold() of the same
// event is a lookup. In a replay the decoding (and masking) is done ahead, on the reader thread
// (PagePreparer): the applying thread only folds. The cache is trimmed only between batches
// (groups, replay pages), never during one, so every case touched in a batch is still cached when
// the projections flush. fold(), decode() and use_prepared() are for one thread at a time (the
// store's writer thread, or the applying thread at open); what the views' flushes call
// (for_each_leaving, end_batch, their own Folded::noted flags) may run on several threads at once,
// as a catch-up flushes projections in parallel, but never beside fold(): flushes run between
// events.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "domain/cases/case_events.h"
#include "domain/cases/case_state.h"
#include "domain/time/calendar.h"
#include "eventstore/event_store.h"
#include "projections/page_preparer.h"
#include "projections/projection.h"
#include "projections/rebuild_flush.h"

namespace gongkai::projections {

class CaseFeed final : public PagePreparer {
 public:
  static constexpr std::size_t kMaxViews = 8;  // projections noting cases in one feed
  struct Folded {
    std::string case_id;
    domain::cases::CaseState state;
    std::uint64_t version = 0;  // stream version of the last decodable event folded into `state`
    // Whether each view (add_view()'s slot) has this case to render at its next flush: written
    // by that view only, so views flushing at once write different flags. A noted case is never
    // trimmed.
    mutable std::array<bool, kMaxViews> noted{};
  };
  // Cases kept between batches: between the pages of a replay, and between live groups. A
  // rebuild renders a case's views when its fold leaves (flush_rebuild), so a smaller replay
  // feed renders and folds cases again (a 10,000-case rebuild: 2,048 cost 2-8 %, 512 doubled
  // it; projections/README.md item 37). Live, a miss costs one read of the case's stream, and a
  // smaller feed is full (its memory level) within a minute or two of a start instead of after
  // ~8,000 cases have been touched (RELIABILITY.md L1).
  static constexpr std::size_t kReplayCapacity = 8192;
  static constexpr std::size_t kLiveCapacity = 2048;
  explicit CaseFeed(std::size_t live_capacity = kLiveCapacity,
                    std::size_t replay_capacity = kReplayCapacity)
      : live_capacity_(live_capacity),
        replay_capacity_(replay_capacity),
        capacity_(live_capacity) {}

  // The case folded through `recorded`; nullptr if it is not a case event the feed can decode
  // (another stream, an unknown type, bad data: projections ignore those). Valid until the next
  // call of fold() for another event.
  [[nodiscard]] const Folded* fold(const eventstore::RecordedEvent& recorded,
                                   const StateReader& log);
  // A slot in Folded::noted for one more view; std::length_error beyond kMaxViews at once.
  [[nodiscard]] std::size_t add_view();
  // The view of `slot` is gone: its notes are dropped and the slot is free again.
  void remove_view(std::size_t slot);
  // The event decoded, personal data stripped; nullptr if fold() would return nullptr. Memoized:
  // fold() of the same event does not decode it again (and the other way round).
  [[nodiscard]] const domain::cases::CaseEvent* decode(const eventstore::RecordedEvent& recorded);
  // The identity number of `recorded` when it is a decodable registration, as the applicant gave
  // it (decode() answers it masked); empty otherwise. For applicant_months, which counts by it and
  // would otherwise decode every registration a second time. Kept until the next event's decode.
  [[nodiscard]] std::string_view unmasked_id_number(const eventstore::RecordedEvent& recorded);
  // A batch (live group or replay page) ended: the cache may be trimmed before the next fold.
  void end_batch() { trim_due_.store(true, std::memory_order_relaxed); }
  // Calls fn(folded) for each case the next trim drops (least recently used beyond capacity),
  // while its fold is still there.
  template <class Fn>
  void for_each_leaving(Fn&& fn) const {
    std::size_t leaving = index_.size() > capacity_ ? index_.size() - capacity_ : 0;
    for (auto it = lru_.rbegin(); leaving != 0; ++it, --leaving) fn(it->folded);
  }

  // PagePreparer: each case event of the page decoded and stripped as decode() would.
  [[nodiscard]] std::unique_ptr<PreparedPage> prepare(
      const std::vector<eventstore::RecordedEvent>& page) const override;
  // A prepared page: a replay is being applied, the replay capacity holds; null: the replay is
  // over, the live capacity holds from the next trim on.
  void use_prepared(std::unique_ptr<PreparedPage> prepared) override;

  // Folds rebuilt from the log (cache misses), for tests and tuning.
  [[nodiscard]] std::uint64_t refolds() const { return refolds_; }
  // Events decoded by decode() itself, not taken prepared; for tests and tuning.
  [[nodiscard]] std::uint64_t own_decodes() const { return own_decodes_; }

 private:
  struct Decoded {
    std::uint64_t position = 0;
    std::optional<domain::cases::CaseEvent> event;  // nullopt: not a decodable case event
    std::string id_number;  // a registration's identity number before masking
  };
  struct DecodedPage final : PreparedPage {
    std::uint64_t first_position = 0;
    std::vector<Decoded> events;  // events[i]: the page's event at first_position + i
  };
  static Decoded decode_stripped(const eventstore::RecordedEvent& recorded);
  struct Entry {
    Folded folded;
    std::uint64_t version = 0;  // stream version reached (undecodable events included)
  };
  Entry& entry_for(const std::string& case_id);
  domain::cases::CaseState fold_from_log(const std::string& case_id, std::uint64_t through,
                                         const StateReader& log, std::uint64_t* folded_version);
  void trim();

  std::size_t live_capacity_;
  std::size_t replay_capacity_;
  std::size_t capacity_;  // the one of the two that holds now
  std::list<Entry> lru_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
  std::atomic<bool> trim_due_ = false;
  // The last event decoded and folded, so the siblings' fold() of the same event is a lookup.
  std::uint64_t memo_position_ = 0;
  std::string memo_event_id_;
  Decoded memo_decoded_;
  const Folded* memo_ = nullptr;           // null: not folded (yet)
  std::unique_ptr<DecodedPage> prepared_;  // the replay page being applied, decoded ahead
  std::array<bool, kMaxViews> views_{};    // the slots in use
  std::uint64_t refolds_ = 0;
  std::uint64_t own_decodes_ = 0;
};

// The registration `event` records, decoded by `feed` (once for every projection sharing it) or,
// without a feed, into `own`; nullptr for any other event and for data that does not decode
// (projections ignore those).
[[nodiscard]] const domain::cases::CaseRegistered* decode_registration(
    const eventstore::RecordedEvent& event, CaseFeed* feed,
    std::optional<domain::cases::CaseEvent>& own);

// Base of the cases, queues, deadlines and summary projections: apply() folds the event through the feed
// and notes the case; flush() renders each noted case once, from its latest fold. A case's view
// is thus written once per group or replay page, whatever the number of its events in it.
// While rebuilding, flush_rebuild() renders a noted case only when the feed is about to drop its
// fold, or after the last page: a case's view is written about once per rebuild (its intermediate
// views are never written), and what is held back is bounded by the feed's capacity.
class CaseViewProjection : public Projection, public RebuildFlush {
 public:
  void apply(const eventstore::RecordedEvent& event, StateWriter& state) final;
  void flush(StateWriter& state) final;
  void flush_rebuild(StateWriter& state, bool last) final;  // RebuildFlush
  ~CaseViewProjection() override { feed_->remove_view(slot_); }
  [[nodiscard]] PagePreparer* page_preparer() final { return feed_.get(); }

  // The calendar the clocks are counted with (a new calendar version needs a rebuild). `feed`:
  // shared with the other case views (registry.h); null: one of its own. Views inherit this.
  explicit CaseViewProjection(domain::time::Calendar calendar,
                              std::shared_ptr<CaseFeed> feed = nullptr)
      : calendar_(std::move(calendar)),
        feed_(feed ? std::move(feed) : std::make_shared<CaseFeed>()),
        slot_(feed_->add_view()) {}

 protected:
  // Writes the views of one case, folded through the event at stream version `version`.
  virtual void render(const domain::cases::CaseState& folded, std::uint64_t version,
                      StateWriter& state) = 0;
  // Called for each case event as it is applied, with the case folded through it, for what a
  // view needs of the events themselves rather than of the latest fold. Default: nothing.
  virtual void on_event(const eventstore::RecordedEvent& event, const CaseFeed::Folded& folded,
                        StateWriter& state) {
    (void)event;
    (void)folded;
    (void)state;
  }
  [[nodiscard]] CaseFeed& feed() const { return *feed_; }

  domain::time::Calendar calendar_;

 private:
  std::shared_ptr<CaseFeed> feed_;
  std::size_t slot_;                              // this view's flag in CaseFeed::Folded::noted
  std::vector<const CaseFeed::Folded*> touched_;  // the cases noted, each once
};

}  // namespace gongkai::projections
