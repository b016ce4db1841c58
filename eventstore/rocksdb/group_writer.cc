#include "eventstore/rocksdb/group_writer.h"

#include <pthread.h>
#include <rocksdb/write_batch.h>

#include <future>
#include <optional>
#include <stdexcept>
#include <unordered_map>

#include "domain/base/idle_wait.h"
#include "eventstore/codec/record_codec.h"
#include "eventstore/codec/sha256.h"
#include "eventstore/rocksdb/keys.h"
#include "eventstore/rocksdb/meta_values.h"
#include "eventstore/rocksdb/state_batch.h"

namespace gongkai::eventstore::rocksdb_store {
namespace {

constexpr std::size_t kMaxGroupRequests = 1024;
constexpr std::size_t kMaxGroupBytes = std::size_t{16} << 20;

// Reads a meta key; nullopt when absent. A read error is thrown so the writer stops rather than
// deciding on state it could not see.
std::optional<std::string> get_meta(Storage& storage, const std::string& key) {
  std::string value;
  const rocksdb::Status status = storage.db->Get(rocksdb::ReadOptions(), storage.meta, key, &value);
  if (status.IsNotFound()) return std::nullopt;
  if (!status.ok()) throw std::runtime_error("meta read failed: " + status.ToString());
  return value;
}

}  // namespace

void CommitSignal::publish(std::uint64_t position) {
  {
    const std::lock_guard lock(mutex_);
    position_.store(position, std::memory_order_release);
  }
  changed_.notify_all();
}

void CommitSignal::stop() {
  {
    const std::lock_guard lock(mutex_);
    stopped_ = true;
  }
  changed_.notify_all();
}

bool CommitSignal::wait_past(std::uint64_t after, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, timeout, [&] { return position() > after || stopped_; });
  return position() > after;
}

struct GroupWriter::Pending {
  AppendRequest request;
  std::string fingerprint;
  std::size_t bytes = 0;
  std::promise<Result<AppendResult>> promise;
  std::optional<Result<AppendResult>> outcome;  // decided while staging
};

struct GroupWriter::Group {
  std::vector<std::unique_ptr<Pending>> requests;
  rocksdb::WriteBatch batch;
  ChainHead head;  // after this group
  std::vector<RecordedEvent> events;
  std::unordered_map<std::string, StreamHead> heads;
  // Written by the stager before the group is handed over, read-only afterwards.
  std::unordered_map<std::string, StoredEventId> event_ids;
  std::unordered_map<std::string, std::pair<std::string, AppendResult>> keys;  // fingerprint, result
};

GroupWriter::GroupWriter(Storage& storage, ChainHead head,
                         std::vector<std::shared_ptr<CommitHook>> hooks, bool sync,
                         CommitSignal& signal)
    : storage_(storage),
      hooks_(std::move(hooks)),
      sync_(sync),
      signal_(signal),
      head_(std::move(head)),
      syncer_([this] { run_syncer(); }),
      stager_([this] { run_stager(); }) {}

GroupWriter::~GroupWriter() {
  {
    const std::lock_guard lock(mutex_);
    shutting_down_ = true;
  }
  stager_wake_.notify_one();
  stager_.join();  // the stager tells the syncer when it is done
  syncer_.join();
}

Status GroupWriter::health() const {
  const std::lock_guard lock(mutex_);
  return stopped_status_;
}

Result<AppendResult> GroupWriter::submit(AppendRequest request, std::string fingerprint) {
  auto pending = std::make_unique<Pending>();
  for (const auto& event : request.events) pending->bytes += event.data_json.size() + 256;
  pending->request = std::move(request);
  pending->fingerprint = std::move(fingerprint);
  auto answer = pending->promise.get_future();
  {
    const std::lock_guard lock(mutex_);
    if (!stopped_status_.ok()) return stopped_status_;
    if (shutting_down_) return domain::unavailable("store_closing", "the store is closing");
    queue_.push_back(std::move(pending));
  }
  stager_wake_.notify_one();
  // Staging and the fsync run on the writer's threads: this one needs no CPU until answered.
  const domain::IdleWait idle;
  return answer.get();
}

void GroupWriter::stop(const std::string& why) {
  {
    const std::lock_guard lock(mutex_);
    if (stopped_status_.ok()) {
      stopped_status_ = domain::unavailable(
          "store_stopped", "the event store stopped accepting writes after an error: " + why);
    }
  }
  stopped_.store(true);
  signal_.stop();
}

void GroupWriter::run_stager() {
  pthread_setname_np(pthread_self(), "gongkai-stager");  // so profilers and top can tell it apart
  auto open = std::make_unique<Group>();
  open->head = head_;
  std::vector<std::unique_ptr<Pending>> arrived;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      stager_wake_.wait(lock, [&] {
        const bool room = open->requests.size() < kMaxGroupRequests;
        return (!queue_.empty() && room) || (syncer_idle_ && !open->requests.empty()) ||
               (shutting_down_ && queue_.empty() && open->requests.empty());
      });
      if (syncer_idle_ && !open->requests.empty()) hand_over(open);
      if (queue_.empty()) {
        if (shutting_down_ && open->requests.empty()) break;
        continue;
      }
      std::size_t bytes = 0;
      while (!queue_.empty() && open->requests.size() + arrived.size() < kMaxGroupRequests &&
             bytes < kMaxGroupBytes) {
        bytes += queue_.front()->bytes;
        arrived.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    for (auto& pending : arrived) {
      if (!stopped_.load()) {
        try {
          stage(*pending, *open);
        } catch (const std::exception& e) {
          stop(e.what());
        }
      }
      open->requests.push_back(std::move(pending));
    }
    arrived.clear();
  }
  {
    const std::lock_guard lock(mutex_);
    stager_done_ = true;
  }
  syncer_wake_.notify_one();
}

void GroupWriter::hand_over(std::unique_ptr<Group>& open) {
  // Nothing is in flight (the syncer is idle), so every cached head is in the database and the
  // cache may forget some; the handed-over group's heads are then cached ahead of its write. They
  // are the most recently used, so the cache forgets none of them (unwritten yet) while they fit.
  static_assert(kMaxGroupRequests <= kMaxCachedHeads, "one stream per request");
  for (const auto& [stream, head] : open->heads) cached_heads_[stream] = head;
  head_ = open->head;
  handed_over_ = std::move(open);
  syncer_idle_ = false;
  syncer_wake_.notify_one();
  open = std::make_unique<Group>();
  open->head = head_;
}

void GroupWriter::run_syncer() {
  pthread_setname_np(pthread_self(), "gongkai-syncer");
  for (;;) {
    std::unique_ptr<Group> group;
    {
      std::unique_lock lock(mutex_);
      syncer_idle_ = true;
      stager_wake_.notify_one();
      syncer_wake_.wait(lock, [&] { return handed_over_ != nullptr || stager_done_; });
      if (!handed_over_) return;
      group = std::move(handed_over_);
      syncing_ = group.get();
    }
    commit(*group);
    const std::lock_guard lock(mutex_);
    syncing_ = nullptr;  // written: from now on the stager finds its ids in the database
  }
}

void GroupWriter::commit(Group& group) {
  bool written = false;
  if (!stopped_.load()) {
    try {
      if (!group.events.empty()) {
        StateBatch state(group.batch, storage_.state);
        for (const auto& hook : hooks_) hook->on_commit(group.events, state);
      }
      if (group.batch.Count() > 0) {
        rocksdb::WriteOptions options;
        options.sync = sync_;
        const rocksdb::Status status = storage_.db->Write(options, &group.batch);
        if (!status.ok()) throw std::runtime_error("write failed: " + status.ToString());
      }
      written = true;
    } catch (const std::exception& e) {
      stop(e.what());
    }
  }
  if (written && !group.events.empty()) signal_.publish(group.head.position);
  // Outcomes were decided on state that includes earlier groups; if one of those (or this one)
  // did not reach the disk, none of them can be trusted: everything in the group is unavailable.
  const Status stopped = health();
  for (auto& pending : group.requests) {
    if (!written || !pending->outcome) pending->outcome = stopped;
    pending->promise.set_value(std::move(*pending->outcome));
  }
}

StreamHead GroupWriter::head_of(const std::string& stream, const Group& group) {
  if (auto it = group.heads.find(stream); it != group.heads.end()) return it->second;
  if (const StreamHead* cached = cached_heads_.find(stream)) return *cached;
  if (auto value = get_meta(storage_, head_key(stream))) return decode_stream_head(*value);
  return StreamHead{0, codec::kZeroHash};
}

// This group, then the groups staged but not yet written, then the database: the syncer lets go
// of a group only after its batch is written, so nothing is missed in between.
std::optional<StoredEventId> GroupWriter::find_event_id(const std::string& id,
                                                                     const Group& group) {
  if (auto it = group.event_ids.find(id); it != group.event_ids.end()) return it->second;
  {
    const std::lock_guard lock(mutex_);
    for (const Group* unwritten : {handed_over_.get(), syncing_}) {
      if (unwritten == nullptr) continue;
      if (auto it = unwritten->event_ids.find(id); it != unwritten->event_ids.end()) {
        return it->second;
      }
    }
  }
  if (auto stored = get_meta(storage_, event_id_key(id))) {
    return decode_event_id(*stored);
  }
  return std::nullopt;
}

std::optional<std::pair<std::string, AppendResult>> GroupWriter::find_key(const std::string& key,
                                                                          const Group& group) {
  if (auto it = group.keys.find(key); it != group.keys.end()) return it->second;
  {
    const std::lock_guard lock(mutex_);
    for (const Group* unwritten : {handed_over_.get(), syncing_}) {
      if (unwritten == nullptr) continue;
      if (auto it = unwritten->keys.find(key); it != unwritten->keys.end()) return it->second;
    }
  }
  if (auto stored = get_meta(storage_, idempotency_key(key))) {
    std::string fingerprint;
    AppendResult result = decode_idempotency(*stored, fingerprint);
    return std::pair{std::move(fingerprint), std::move(result)};
  }
  return std::nullopt;
}

void GroupWriter::stage(Pending& pending, Group& group) {
  const AppendRequest& request = pending.request;

  if (!request.idempotency_key.empty()) {
    if (auto stored = find_key(request.idempotency_key, group)) {
      if (stored->first == pending.fingerprint) {
        stored->second.replayed = true;
        pending.outcome = std::move(stored->second);
      } else {
        pending.outcome = domain::failed_precondition(
            "idempotency_key_reused", "the idempotency key was used for a different request");
      }
      return;
    }
  }

  std::vector<StoredEventId> known;
  for (const auto& event : request.events) {
    if (auto id = find_event_id(event.event_id, group)) known.push_back(std::move(*id));
  }
  if (!known.empty()) {
    bool same_append = known.size() == request.events.size();
    for (const auto& id : known) same_append = same_append && id.stream == request.stream;
    if (!same_append) {
      pending.outcome = domain::invalid_argument(
          "event_id_reused", "some of these event ids are already stored for other events");
      return;
    }
    pending.outcome = AppendResult{request.stream, known.front().position, known.back().position,
                                   known.back().version, /*replayed=*/true};
    return;
  }

  StreamHead head = head_of(request.stream, group);
  if (!request.expected.admits(head.version)) {
    pending.outcome = domain::conflict(
        "version_conflict", "stream " + request.stream + " is at version " +
                                std::to_string(head.version) + ", not the expected one");
    return;
  }

  AppendResult result{request.stream, group.head.position + 1, 0, 0, false};
  for (const auto& event : request.events) {
    RecordedEvent record;
    record.position = group.head.position + 1;
    record.stream = request.stream;
    record.version = head.version + 1;
    record.event_id = event.event_id;
    record.type = event.type;
    record.recorded_at = event.recorded_at;
    record.actor = event.actor;
    record.correlation_id = event.correlation_id;
    record.causation_id = event.causation_id;
    record.data_json = event.data_json;
    record.prev_hash = group.head.hash;
    record.stream_prev_hash = head.hash;
    const std::string canonical = codec::canonical_bytes(record);
    const codec::Digest digest = codec::sha256(canonical);
    record.hash = codec::to_hex(digest);

    const StoredEventId id{record.position, record.version, record.stream};
    group.batch.Put(storage_.log, position_key(record.position),
                    codec::encode_stored(digest, canonical));
    group.batch.Put(storage_.streams, stream_key(record.stream, record.version),
                    position_key(record.position));
    group.batch.Put(storage_.meta, event_id_key(record.event_id), encode_event_id(id));
    group.event_ids[record.event_id] = id;

    group.head = {record.position, record.hash};
    head = {record.version, record.hash};
    group.events.push_back(std::move(record));
  }
  group.batch.Put(storage_.meta, head_key(request.stream), encode_stream_head(head));
  group.heads[request.stream] = head;

  result.last_position = group.head.position;
  result.stream_version = head.version;
  if (!request.idempotency_key.empty()) {
    group.batch.Put(storage_.meta, idempotency_key(request.idempotency_key),
                    encode_idempotency(pending.fingerprint, result));
    group.keys[request.idempotency_key] = {pending.fingerprint, result};
  }
  pending.outcome = std::move(result);
}

}  // namespace gongkai::eventstore::rocksdb_store
