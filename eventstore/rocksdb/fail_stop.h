// What keeps the store fail-stop (RELIABILITY.md section 1) beyond the writer's own failed writes:
// - BackgroundErrorListener: an error of a background flush or compaction stops the writer too,
//   also one RocksDB would let writes go on after (a compaction out of space is only a "soft"
//   error to it) or would recover from by itself (its SstFileManager resumes after ENOSPC).
// - InfoLog: RocksDB's diagnostic LOG written with plain write(2) whose failures are ignored.
//   RocksDB's own file logger, in Debian's build (assertions on), aborts the process on the line
//   after a failed write: on a full disk the LOG would kill the server before it could answer 503.
// Internal to eventstore/rocksdb.
#pragma once

#include <rocksdb/env.h>
#include <rocksdb/listener.h>

#include <cstdarg>
#include <filesystem>
#include <mutex>
#include <string>

namespace gongkai::eventstore::rocksdb_store {

class GroupWriter;

class BackgroundErrorListener : public rocksdb::EventListener {
 public:
  void OnBackgroundError(rocksdb::BackgroundErrorReason reason, rocksdb::Status* error) override;
  // Refuses RocksDB's own recovery (its SstFileManager resumes after ENOSPC once space is free):
  // the writer has stopped and only a reopen recovers, and a resume racing the close leaks the
  // memtables it makes (LeakSanitizer saw it in the R4 sweep).
  void OnErrorRecoveryBegin(rocksdb::BackgroundErrorReason reason, rocksdb::Status error,
                            bool* auto_recovery) override;
  // From now on an error stops `writer` (one seen before stops it at once); null detaches.
  void attach(GroupWriter* writer);
  // An error of the store's own background work (not RocksDB's): it stops the writer the same way.
  void report(const std::string& error);

 private:
  std::mutex mutex_;
  GroupWriter* writer_ = nullptr;
  std::string first_error_;
};

class InfoLog : public rocksdb::Logger {
 public:
  // Appends to `file` (created if missing); lines are dropped when it cannot be opened or written.
  explicit InfoLog(const std::filesystem::path& file);
  ~InfoLog() override;
  InfoLog(const InfoLog&) = delete;
  InfoLog& operator=(const InfoLog&) = delete;

  using rocksdb::Logger::Logv;
  void Logv(const char* format, va_list ap) override;

 private:
  int fd_ = -1;
};

}  // namespace gongkai::eventstore::rocksdb_store
