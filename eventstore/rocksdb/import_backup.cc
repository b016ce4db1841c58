// RocksDbEventStore's two whole-store paths kept apart from the append path: import_recorded
// (`gongkai import`, recorded events written verbatim after checking they continue the chain) and
// backup_to / restore_backup (RocksDB's BackupEngine). See rocksdb_event_store.h for the contracts.
#include <rocksdb/utilities/backup_engine.h>

#include <unordered_map>

#include "eventstore/append_validation.h"
#include "eventstore/codec/record_codec.h"
#include "eventstore/codec/sha256.h"
#include "eventstore/rocksdb/group_writer.h"
#include "eventstore/rocksdb/keys.h"
#include "eventstore/rocksdb/meta_values.h"
#include "eventstore/rocksdb/rocksdb_event_store.h"
#include "eventstore/rocksdb/storage.h"

namespace gongkai::eventstore {

using rocksdb_store::storage_error;
namespace keys = rocksdb_store;

namespace {

Status refused(const RecordedEvent& event, const std::string& why) {
  return domain::invalid_argument("import_refused",
                                  "position " + std::to_string(event.position) + ": " + why);
}

// The fields append() would have refused, checked by append()'s own validation.
std::string field_problem(const RecordedEvent& event) {
  AppendRequest request;
  request.stream = event.stream;
  request.events.push_back(EventToAppend{.event_id = event.event_id,
                                         .type = event.type,
                                         .data_json = event.data_json,
                                         .actor = event.actor,
                                         .correlation_id = event.correlation_id,
                                         .causation_id = event.causation_id,
                                         .recorded_at = event.recorded_at});
  auto prepared = prepare_append(request);
  if (!prepared.ok()) return prepared.status().message();
  if (request.events.front().data_json != event.data_json) return "data is not in canonical form";
  return {};
}

}  // namespace

Status RocksDbEventStore::import_recorded(const std::vector<RecordedEvent>& batch) {
  if (!options_.import_only) {
    return domain::failed_precondition("not_importing",
                                       "import_recorded needs a store opened with import_only");
  }
  std::unique_ptr<rocksdb::Iterator> last(
      storage_->db->NewIterator(rocksdb::ReadOptions(), storage_->log));
  last->SeekToLast();
  keys::ChainHead head{0, codec::kZeroHash};
  if (last->Valid()) {
    auto event = codec::decode_stored(last->value().ToStringView());
    if (!event.ok()) return event.status();
    head = {event->position, event->hash};
  }
  if (!last->status().ok()) return storage_error(last->status(), "reading the log's head");

  rocksdb::WriteBatch writes;
  std::unordered_map<std::string, keys::StreamHead> heads;  // streams changed by this batch
  std::unordered_map<std::string, bool> ids;                // event ids of this batch
  for (const RecordedEvent& event : batch) {
    if (event.position != head.position + 1) {
      return refused(event, "expected position " + std::to_string(head.position + 1));
    }
    if (event.prev_hash != head.hash) return refused(event, "prev_hash is not the head's hash");
    if (const std::string problem = field_problem(event); !problem.empty()) {
      return refused(event, problem);
    }
    auto found = heads.find(event.stream);
    if (found == heads.end()) {
      std::string value;
      const auto status = storage_->db->Get(rocksdb::ReadOptions(), storage_->meta,
                                            keys::head_key(event.stream), &value);
      if (!status.ok() && !status.IsNotFound()) return storage_error(status, "reading a head");
      keys::StreamHead stream_head{0, codec::kZeroHash};
      if (status.ok()) stream_head = keys::decode_stream_head(value);
      found = heads.emplace(event.stream, stream_head).first;
    }
    keys::StreamHead& stream_head = found->second;
    if (event.version != stream_head.version + 1) {
      return refused(event, "expected version " + std::to_string(stream_head.version + 1) + " of " +
                                event.stream);
    }
    if (event.stream_prev_hash != stream_head.hash) {
      return refused(event, "stream_prev_hash is not the stream's last hash");
    }
    std::string ignored;
    const auto id_status = storage_->db->Get(rocksdb::ReadOptions(), storage_->meta,
                                             keys::event_id_key(event.event_id), &ignored);
    if (id_status.ok() || !ids.emplace(event.event_id, true).second) {
      return refused(event, "event id " + event.event_id + " is already stored");
    }
    if (!id_status.IsNotFound()) return storage_error(id_status, "reading an event id");
    const std::string canonical = codec::canonical_bytes(event);
    const codec::Digest digest = codec::sha256(canonical);
    if (codec::to_hex(digest) != event.hash) {
      return refused(event, "hash does not match the event's bytes");
    }
    writes.Put(storage_->log, keys::position_key(event.position),
               codec::encode_stored(digest, canonical));
    writes.Put(storage_->streams, keys::stream_key(event.stream, event.version),
               keys::position_key(event.position));
    writes.Put(storage_->meta, keys::event_id_key(event.event_id),
               keys::encode_event_id({event.position, event.version, event.stream}));
    stream_head = {event.version, event.hash};
    head = {event.position, event.hash};
  }
  for (const auto& [stream, stream_head] : heads) {
    writes.Put(storage_->meta, keys::head_key(stream), keys::encode_stream_head(stream_head));
  }
  rocksdb::WriteOptions options;
  options.sync = options_.sync_writes;
  const auto status = storage_->db->Write(options, &writes);
  if (!status.ok()) return storage_error(status, "writing imported events");
  signal_->publish(head.position);
  return {};
}

Result<RocksDbEventStore::BackupResult> RocksDbEventStore::backup_to(
    const std::filesystem::path& directory) const {
  BackupResult result;
  result.head_position = signal_->position();
  result.head_hash = codec::kZeroHash;
  if (result.head_position > 0) {
    auto head = read_all(result.head_position, 1);
    if (!head.ok()) return head.status();
    if (!head->empty()) result.head_hash = head->front().hash;
  }
  rocksdb::BackupEngine* raw = nullptr;
  auto opened = rocksdb::BackupEngine::Open(rocksdb::BackupEngineOptions(directory.string()),
                                            rocksdb::Env::Default(), &raw);
  if (!opened.ok()) return storage_error(opened, "opening the backup directory");
  std::unique_ptr<rocksdb::BackupEngine> engine(raw);
  rocksdb::CreateBackupOptions create;
  create.flush_before_backup = false;  // copy the WAL: whole commits, no flush stall
  rocksdb::BackupID id = 0;
  auto created = engine->CreateNewBackup(create, storage_->db.get(), &id);
  if (!created.ok()) return storage_error(created, "writing the backup");
  auto verified = engine->VerifyBackup(id);
  if (!verified.ok()) return storage_error(verified, "verifying the new backup");
  result.backup_id = id;
  return result;
}

Status restore_backup(const std::filesystem::path& backup_directory,
                      const std::filesystem::path& target) {
  std::error_code error;
  if (std::filesystem::exists(target, error) && !std::filesystem::is_empty(target, error)) {
    return domain::failed_precondition("target_not_empty",
                                       target.string() + " exists and is not empty");
  }
  if (!std::filesystem::exists(backup_directory / "meta", error)) {
    return domain::not_found("backup_not_found", "no backup in " + backup_directory.string());
  }
  rocksdb::BackupEngineReadOnly* raw = nullptr;
  auto opened = rocksdb::BackupEngineReadOnly::Open(
      rocksdb::BackupEngineOptions(backup_directory.string()), rocksdb::Env::Default(), &raw);
  if (!opened.ok()) return storage_error(opened, "opening the backup directory");
  std::unique_ptr<rocksdb::BackupEngineReadOnly> engine(raw);
  auto restored = engine->RestoreDBFromLatestBackup(rocksdb::RestoreOptions(), target.string(),
                                                    target.string());
  if (!restored.ok()) return storage_error(restored, "restoring into " + target.string());
  return {};
}

}  // namespace gongkai::eventstore
