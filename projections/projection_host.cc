#include "projections/projection_host.h"

#include <algorithm>
#include <charconv>

#include "projections/page_preparer.h"
#include "projections/rebuild_flush.h"
#include "projections/state_overlay.h"
#include "projections/worker_pool.h"

namespace gongkai::projections {
namespace {

constexpr std::size_t kReplayPage = 10'000;  // events read and committed per replay batch
// The first page is smaller and each next one twice as big, up to kReplayPage: nothing is applied
// before the first page is read, and reading a page costs ~2/3 of applying it, so a small first
// page starts the applying thread ~15-30 ms sooner (3,000 cases) and the pages after it are read
// meanwhile.
constexpr std::size_t kFirstReplayPage = 1'000;
// Per projection, the replay's read cache of its state (StateOverlay::enable_read_cache).
constexpr std::size_t kReplayCacheBytes = std::size_t{16} << 20;
constexpr std::size_t kClearPage = 10'000;  // state keys removed per batch when rebuilding
// A rebuilt projection's writes are committed in batches of about this many bytes of keys and
// values: a batch is built in memory first, and one of tens of MiB (the last page's views) cost
// more in page faults and copies (it grows by doubling) than its commit.
constexpr std::size_t kRebuildBatchBytes = std::size_t{1} << 20;
// A rebuilt projection has no checkpoint before its last page, so its writes are held across
// pages until there are at least this many, and then loaded as one table file
// (StateWriters::load): inserted into the memtable instead, in no useful order, each write cost
// ~6,000-10,000 instructions (10,000 cases: ~13 % of a rebuild's), and a flush wrote them out
// again. Fewer than this at the last page are committed in batches: a load per page would leave
// a small table file each time.
constexpr std::size_t kLoadWrites = 4'096;

struct Checkpoint {
  int version = -1;  // -1: none stored
  std::uint64_t position = 0;
};

Checkpoint parse_checkpoint(std::string_view text) {
  Checkpoint checkpoint;
  const auto space = text.find(' ');
  if (space == std::string_view::npos) return checkpoint;
  std::from_chars(text.data(), text.data() + space, checkpoint.version);
  std::from_chars(text.data() + space + 1, text.data() + text.size(), checkpoint.position);
  return checkpoint;
}

Checkpoint read_checkpoint(const eventstore::EventStore& store, std::string_view name) {
  auto stored = store.get_state(ProjectionHost::checkpoint_key(name));
  if (!stored.ok()) return {};
  return parse_checkpoint(*stored);
}

}  // namespace

std::uint64_t ProjectionHost::checkpoint_position_in(std::string_view value) {
  return parse_checkpoint(value).position;
}

ProjectionHost::ProjectionHost(std::vector<std::shared_ptr<Projection>> projections,
                               std::set<std::string> rebuild, ProgressFn progress)
    : projections_(std::move(projections)),
      rebuild_(std::move(rebuild)),
      progress_(std::move(progress)) {}

ProjectionHost::~ProjectionHost() = default;  // retired_ waits for the replay's frees

void ProjectionHost::on_commit(const std::vector<eventstore::RecordedEvent>& events,
                               eventstore::CommitBatch& batch) {
  // Event by event, each projection in turn (the order a replay page uses too), so projections
  // sharing work per event (the case feed) see the events in the same order live and in replay.
  std::vector<StateOverlay> states;
  states.reserve(projections_.size());
  for (const auto& projection : projections_)
    states.emplace_back(*store_, state_prefix(projection->name()));
  for (const auto& event : events) {
    for (std::size_t i = 0; i < projections_.size(); ++i) projections_[i]->apply(event, states[i]);
  }
  for (std::size_t i = 0; i < projections_.size(); ++i) {
    Projection& projection = *projections_[i];
    projection.flush(states[i]);
    states[i].flush_into(batch);
    batch.put(checkpoint_key(projection.name()),
              checkpoint_value(projection.version(), events.back().position));
  }
}

eventstore::Status ProjectionHost::catch_up(const eventstore::EventStore& store,
                                            const eventstore::StateWriters& writers) {
  store_ = &store;
  const Projection* current = nullptr;  // the one that threw, for the message
  try {
    return catch_up_all(store, writers, current);
  } catch (const std::exception& e) {
    const std::string name = current ? std::string(current->name()) : std::string("a projection");
    return domain::internal_error("projection_failed", name + " could not catch up: " + e.what());
  }
}

eventstore::Status ProjectionHost::catch_up_all(const eventstore::EventStore& store,
                                                const eventstore::StateWriters& writers,
                                                const Projection*& current) {
  const eventstore::StateBatchWriter& write = writers.write;
  const std::uint64_t head = store.head_position();
  struct Pending {
    Projection* projection;
    std::string name;
    std::uint64_t position;  // replayed up to here
    bool rebuild;
    StateOverlay state;
  };
  std::vector<Pending> pending;
  pending.reserve(projections_.size());
  for (const auto& projection : projections_) {
    current = projection.get();
    const std::string name(projection->name());
    Checkpoint checkpoint = read_checkpoint(store, name);
    const bool rebuild = checkpoint.version != projection->version() || rebuild_.count(name) != 0;
    if (rebuild) {
      if (auto status = clear_state(name, store, write); !status.ok()) return status;
      checkpoint = {projection->version(), 0};
      // With events to replay, no checkpoint until the last page is applied (flush_rebuild may
      // hold writes back until then): a crash in between finds none and rebuilds again.
      auto status = write([&](eventstore::CommitBatch& batch) {
        if (head == 0) {
          batch.put(checkpoint_key(name), checkpoint_value(projection->version(), 0));
        } else {
          batch.remove(checkpoint_key(name));
        }
      });
      if (!status.ok()) return status;
    }
    if (progress_) progress_({name, checkpoint.position, head, rebuild});
    pending.push_back({projection.get(), name, checkpoint.position, rebuild,
                       StateOverlay(store, state_prefix(name))});
    pending.back().state.enable_read_cache(kReplayCacheBytes);
    if (rebuild) pending.back().state.assume_empty();  // just cleared
  }
  // Flushes the projections that applied a page, each as a task of the replay pool (a rebuild's
  // last page renders most of its views, and in parallel they also get the core the reader no
  // longer needs), and commits their writes with their checkpoints. A rebuilt projection's writes
  // are committed by its task right after its flush (loaded, when there are many): it has no
  // checkpoint before its last page (see flush_rebuild), so they need no batch with one (a crash
  // in between leaves state without a checkpoint, which the next open rebuilds). The page's last
  // batch holds the other projections' writes and every checkpoint due.
  const auto commit_page = [&](const std::vector<Pending*>& advanced,
                               bool last_page) -> eventstore::Status {
    std::vector<TaskFuture<eventstore::Status>> flushed;
    flushed.reserve(advanced.size());
    for (Pending* p : advanced) {
      flushed.push_back(replay_pool().submit([&writers, &write, p, last_page] {
        if (auto* held = p->rebuild ? dynamic_cast<RebuildFlush*>(p->projection) : nullptr) {
          held->flush_rebuild(p->state, last_page);
        } else {
          p->projection->flush(p->state);
        }
        if (!p->rebuild) return eventstore::Status{};  // committed with the checkpoints below
        if (p->state.pending_writes() >= kLoadWrites) {
          return writers.load(
              [&](eventstore::CommitBatch& batch) { p->state.flush_into(batch, last_page); });
        }
        for (bool more = last_page && p->state.has_writes(); more;) {
          auto status = write([&](eventstore::CommitBatch& batch) {
            more = p->state.flush_some_into(batch, last_page, kRebuildBatchBytes);
          });
          if (!status.ok()) return status;
        }
        return eventstore::Status{};
      }));
    }
    eventstore::Status failed;
    for (std::size_t i = 0; i < advanced.size(); ++i) {
      current = advanced[i]->projection;
      const eventstore::Status status = flushed[i].get();  // a flush's exception is rethrown here
      if (failed.ok()) failed = status;
    }
    current = nullptr;
    if (!failed.ok()) return failed;
    return write([&](eventstore::CommitBatch& batch) {
      for (Pending* p : advanced) {
        if (!p->rebuild) p->state.flush_into(batch, last_page);
        if (!p->rebuild || last_page) {
          batch.put(checkpoint_key(p->name),
                    checkpoint_value(p->projection->version(), p->position));
        }
      }
    });
  };
  // One pass over the log for all of them: each page is read once and applied, event by event,
  // to every projection whose checkpoint is before the event. The next page is read (and its
  // records decoded) by the replay pool while this one is applied: reads of the committed log are
  // safe next to the state writes, and nothing else writes before the store opens.
  std::uint64_t next = head + 1;
  for (const Pending& p : pending) next = std::min(next, p.position + 1);
  using Events = std::vector<eventstore::RecordedEvent>;
  // Who does part of the pending projections' work ahead (each once, however many share it).
  std::vector<PagePreparer*> preparers;
  for (const Pending& p : pending) {
    PagePreparer* preparer = p.projection->page_preparer();
    if (preparer != nullptr &&
        std::find(preparers.begin(), preparers.end(), preparer) == preparers.end()) {
      preparers.push_back(preparer);
    }
  }
  struct Page {
    eventstore::Status status;
    Events events;
    std::vector<std::unique_ptr<PreparedPage>> prepared;  // one per preparer
  };
  // Each page is read into the page applied before it: its events' strings are overwritten in
  // place, not freed and allocated again (~8 of each per event; freeing them alone was a tenth of
  // the applying thread when it did that itself). The preparers then work it on the same thread.
  const auto read_page = [&store, &preparers](std::uint64_t from, std::size_t size,
                                              Events reuse) -> Page {
    Page page{{}, std::move(reuse), {}};
    try {
      page.status = store.read_all(from, size, page.events);
      if (page.status.ok()) {
        for (const PagePreparer* preparer : preparers) {
          page.prepared.push_back(preparer->prepare(page.events));
        }
      }
    } catch (const std::exception& e) {
      page.status = domain::internal_error("log_read_failed", e.what());
    }
    return page;
  };
  // What was prepared is dropped when the replay ends, however it ends (live groups after it
  // are not prepared).
  struct DropPrepared {
    const std::vector<PagePreparer*>& preparers;
    ~DropPrepared() {
      for (PagePreparer* preparer : preparers) preparer->use_prepared(nullptr);
    }
  } drop_prepared{preparers};
  const auto prefetch = [&read_page](std::uint64_t from, std::size_t size, Events reuse) {
    return replay_pool().submit([&read_page, from, size, reuse = std::move(reuse)]() mutable {
      return read_page(from, size, std::move(reuse));
    });
  };
  TaskFuture<Page> prefetched;
  Events applied;
  Events before_last;
  std::size_t page_size = kFirstReplayPage;
  if (next <= head) {
    prefetched = prefetch(next, page_size, Events());
  }
  while (prefetched.valid()) {
    Page page = prefetched.get();
    if (!page.status.ok()) return page.status;
    Events& events = page.events;
    if (events.empty()) break;
    const std::uint64_t last = events.back().position;
    if (last < head) {
      page_size = std::min(kReplayPage, page_size * 2);
      prefetched = prefetch(last + 1, page_size, std::move(applied));
    }
    for (std::size_t i = 0; i < preparers.size(); ++i) {
      preparers[i]->use_prepared(std::move(page.prepared[i]));
    }
    for (const auto& event : events) {
      for (Pending& p : pending) {
        if (event.position <= p.position) continue;
        current = p.projection;
        p.projection->apply(event, p.state);
      }
    }
    std::vector<Pending*> advanced;
    for (Pending& p : pending) {
      if (p.position >= last) continue;
      p.position = last;
      advanced.push_back(&p);
    }
    if (auto status = commit_page(advanced, last >= head); !status.ok()) {
      return status;
    }
    if (progress_) {
      for (Pending* p : advanced) progress_({p->name, last, head, p->rebuild});
    }
    // (After the last page nobody reads on: the page before it is kept to be freed with it.)
    if (!prefetched.valid()) before_last = std::move(applied);
    applied = std::move(events);
  }
  // A log that ended before `head` (it cannot grow while opening): the rebuilt ones still owe
  // their held-back writes and their checkpoint.
  std::vector<Pending*> unfinished;
  for (Pending& p : pending) {
    if (p.rebuild && p.position != 0 && p.position < head) unfinished.push_back(&p);
  }
  if (!unfinished.empty()) {
    if (auto status = commit_page(unfinished, true); !status.ok()) return status;
  }
  // Everything is committed. The replay's memory (the overlays' read caches, the last two pages:
  // ~10-17 ms of frees after a 3,000-case rebuild) is freed by the replay pool, meanwhile the store
  // flushes the state family; the destructor waits for it. (Nothing replayed: nothing to free.)
  if (next > head) return {};
  retired_ = replay_pool().submit([pending = std::move(pending), applied = std::move(applied),
                                   before = std::move(before_last)]() mutable {
    // Moved out, so the frees happen here and not where the future's
    // state (holding this lambda) is destroyed.
    { const auto drop = std::move(pending); }
    { const Events drop = std::move(applied); }
    { const Events drop = std::move(before); }
  });
  return {};
}

eventstore::Status ProjectionHost::clear_state(const std::string& name,
                                               const eventstore::EventStore& store,
                                               const eventstore::StateBatchWriter& write) {
  // One range deletion where the store has it; else the old state page by page.
  bool cleared = false;
  auto status = write(
      [&](eventstore::CommitBatch& batch) { cleared = batch.remove_prefix(state_prefix(name)); });
  if (!status.ok() || cleared) return status;
  for (;;) {
    auto keys = store.scan_state(state_prefix(name), kClearPage);
    if (!keys.ok()) return keys.status();
    if (keys->empty()) return {};
    auto status = write([&](eventstore::CommitBatch& batch) {
      for (const auto& entry : *keys) batch.remove(entry.first);
    });
    if (!status.ok()) return status;
  }
}

}  // namespace gongkai::projections
