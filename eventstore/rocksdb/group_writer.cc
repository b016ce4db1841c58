#include "eventstore/rocksdb/group_writer.h"

#include <pthread.h>
#include <rocksdb/write_batch.h>

#include <optional>
#include <stdexcept>

#include "eventstore/codec/record_codec.h"
#include "eventstore/codec/sha256.h"
#include "eventstore/rocksdb/keys.h"

namespace gongkai::eventstore::rocksdb_store {
namespace {

constexpr std::size_t kMaxGroupRequests = 1024;
constexpr std::size_t kMaxGroupBytes = std::size_t{16} << 20;
constexpr std::size_t kMaxCachedHeads = 200'000;

// meta "e/<event id>" -> position, version, stream: enough to answer a re-append.
struct StoredEventId {
  std::uint64_t position = 0;
  std::uint64_t version = 0;
  std::string stream;
};

std::string encode_event_id(const StoredEventId& id) {
  std::string value;
  put_u64(value, id.position);
  put_u64(value, id.version);
  value += id.stream;
  return value;
}

StoredEventId decode_event_id(std::string_view value) {
  return {get_u64(value), get_u64(value.substr(8)), std::string(value.substr(16))};
}

// meta "i/<key>" -> fingerprint (64 hex), first, last, version, stream.
std::string encode_idempotency(const std::string& fingerprint, const AppendResult& result) {
  std::string value = fingerprint;
  put_u64(value, result.first_position);
  put_u64(value, result.last_position);
  put_u64(value, result.stream_version);
  value += result.stream;
  return value;
}

AppendResult decode_idempotency(std::string_view value, std::string& fingerprint) {
  fingerprint = std::string(value.substr(0, 64));
  AppendResult result;
  result.first_position = get_u64(value.substr(64));
  result.last_position = get_u64(value.substr(72));
  result.stream_version = get_u64(value.substr(80));
  result.stream = std::string(value.substr(88));
  result.replayed = true;
  return result;
}

// Reads a meta key; nullopt when absent. A read error is thrown so the writer stops rather than
// deciding on state it could not see.
std::optional<std::string> get_meta(Storage& storage, const std::string& key) {
  std::string value;
  const rocksdb::Status status = storage.db->Get(rocksdb::ReadOptions(), storage.meta, key, &value);
  if (status.IsNotFound()) return std::nullopt;
  if (!status.ok()) throw std::runtime_error("meta read failed: " + status.ToString());
  return value;
}

class StateBatch final : public CommitBatch {
 public:
  StateBatch(rocksdb::WriteBatch& batch, rocksdb::ColumnFamilyHandle* family)
      : batch_(batch), family_(family) {}
  void put(std::string_view key, std::string_view value) override {
    check(batch_.Put(family_, rocksdb::Slice(key.data(), key.size()),
                     rocksdb::Slice(value.data(), value.size())));
  }
  void remove(std::string_view key) override {
    check(batch_.Delete(family_, rocksdb::Slice(key.data(), key.size())));
  }

 private:
  static void check(const rocksdb::Status& status) {
    if (!status.ok()) throw std::runtime_error("batch: " + status.ToString());
  }
  rocksdb::WriteBatch& batch_;
  rocksdb::ColumnFamilyHandle* family_;
};

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
  Pending* replay_of = nullptr;  // an identical keyed request earlier in the same group
};

struct GroupWriter::Group {
  rocksdb::WriteBatch batch;
  ChainHead head;
  std::vector<RecordedEvent> events;
  std::unordered_map<std::string, StreamHead> heads;
  std::unordered_map<std::string, StoredEventId> event_ids;
  std::unordered_map<std::string, Pending*> keys;
};

GroupWriter::GroupWriter(Storage& storage, ChainHead head,
                         std::vector<std::shared_ptr<CommitHook>> hooks, bool sync,
                         CommitSignal& signal)
    : storage_(storage),
      hooks_(std::move(hooks)),
      sync_(sync),
      signal_(signal),
      head_(std::move(head)),
      thread_([this] { run(); }) {}

GroupWriter::~GroupWriter() {
  {
    const std::lock_guard lock(mutex_);
    shutting_down_ = true;
  }
  queued_.notify_one();
  thread_.join();
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
  queued_.notify_one();
  return answer.get();
}

void GroupWriter::run() {
  pthread_setname_np(pthread_self(), "gongkai-writer");  // so profilers and top can tell it apart
  for (;;) {
    std::vector<std::unique_ptr<Pending>> requests;
    {
      std::unique_lock lock(mutex_);
      queued_.wait(lock, [&] { return shutting_down_ || !queue_.empty(); });
      if (queue_.empty()) return;  // shutting down with nothing left to answer
      std::size_t bytes = 0;
      while (!queue_.empty() && requests.size() < kMaxGroupRequests && bytes < kMaxGroupBytes) {
        bytes += queue_.front()->bytes;
        requests.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    commit(requests);
  }
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

void GroupWriter::commit(std::vector<std::unique_ptr<Pending>>& requests) {
  Group group;
  group.head = head_;
  bool written = false;
  if (!stopped_.load()) {
    try {
      for (auto& pending : requests) stage(*pending, group);
      if (!group.events.empty()) {
        StateBatch state(group.batch, storage_.state);
        for (const auto& hook : hooks_) hook->on_commit(group.events, state);
      }
      rocksdb::WriteOptions options;
      options.sync = sync_;
      const rocksdb::Status status = storage_.db->Write(options, &group.batch);
      if (!status.ok()) throw std::runtime_error("write failed: " + status.ToString());
      written = true;
    } catch (const std::exception& e) {
      stop(e.what());
    }
  }

  if (written) {
    head_ = group.head;
    if (cached_heads_.size() + group.heads.size() > kMaxCachedHeads) cached_heads_.clear();
    for (auto& [stream, head] : group.heads) cached_heads_[stream] = std::move(head);
    signal_.publish(head_.position);
  }
  const Status stopped = health();
  for (auto& pending : requests) {
    if (pending->replay_of != nullptr) {
      pending->outcome = pending->replay_of->outcome;
      if (pending->outcome && pending->outcome->ok()) pending->outcome->value().replayed = true;
    }
    // Refusals were decided on committed state and stay true; anything that would have been
    // acknowledged is not, unless the batch is durable.
    const bool would_ack = !pending->outcome || pending->outcome->ok();
    if (!written && would_ack) pending->outcome = stopped;
    pending->promise.set_value(std::move(*pending->outcome));
  }
}

GroupWriter::StreamHead GroupWriter::head_of(const std::string& stream, const Group& group) {
  if (auto it = group.heads.find(stream); it != group.heads.end()) return it->second;
  if (auto it = cached_heads_.find(stream); it != cached_heads_.end()) return it->second;
  StreamHead head{0, codec::kZeroHash};
  if (auto value = get_meta(storage_, head_key(stream))) {
    head.version = get_u64(*value);
    head.hash = value->substr(8);
  }
  return head;
}

void GroupWriter::stage(Pending& pending, Group& group) {
  const AppendRequest& request = pending.request;

  if (!request.idempotency_key.empty()) {
    if (auto it = group.keys.find(request.idempotency_key); it != group.keys.end()) {
      if (it->second->fingerprint == pending.fingerprint) {
        pending.replay_of = it->second;
        return;
      }
      pending.outcome = domain::failed_precondition(
          "idempotency_key_reused", "the idempotency key was used for a different request");
      return;
    }
    if (auto stored = get_meta(storage_, idempotency_key(request.idempotency_key))) {
      std::string fingerprint;
      AppendResult result = decode_idempotency(*stored, fingerprint);
      if (fingerprint == pending.fingerprint) {
        pending.outcome = std::move(result);
      } else {
        pending.outcome = domain::failed_precondition(
            "idempotency_key_reused", "the idempotency key was used for a different request");
      }
      return;
    }
  }

  std::vector<StoredEventId> known;
  for (const auto& event : request.events) {
    if (auto it = group.event_ids.find(event.event_id); it != group.event_ids.end()) {
      known.push_back(it->second);
    } else if (auto stored = get_meta(storage_, event_id_key(event.event_id))) {
      known.push_back(decode_event_id(*stored));
    }
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
  std::string head_value;
  put_u64(head_value, head.version);
  head_value += head.hash;
  group.batch.Put(storage_.meta, head_key(request.stream), head_value);
  group.heads[request.stream] = head;

  result.last_position = group.head.position;
  result.stream_version = head.version;
  if (!request.idempotency_key.empty()) {
    group.batch.Put(storage_.meta, idempotency_key(request.idempotency_key),
                    encode_idempotency(pending.fingerprint, result));
    group.keys[request.idempotency_key] = &pending;
  }
  pending.outcome = std::move(result);
}

}  // namespace gongkai::eventstore::rocksdb_store
