#include "eventstore/rocksdb/fail_stop.h"

#include <fcntl.h>
#include <sys/time.h>
#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <vector>

#include "eventstore/rocksdb/group_writer.h"

namespace gongkai::eventstore::rocksdb_store {

namespace {

const char* reason_name(rocksdb::BackgroundErrorReason reason) {
  switch (reason) {
    case rocksdb::BackgroundErrorReason::kFlush: return "flush";
    case rocksdb::BackgroundErrorReason::kCompaction: return "compaction";
    case rocksdb::BackgroundErrorReason::kWriteCallback: return "write";
    case rocksdb::BackgroundErrorReason::kMemTable: return "memtable insert";
    case rocksdb::BackgroundErrorReason::kManifestWrite: return "manifest write";
    case rocksdb::BackgroundErrorReason::kFlushNoWAL: return "flush";
    case rocksdb::BackgroundErrorReason::kManifestWriteNoWAL: return "manifest write";
  }
  return "background work";
}

}  // namespace

void BackgroundErrorListener::OnBackgroundError(rocksdb::BackgroundErrorReason reason,
                                                rocksdb::Status* error) {
  if (error == nullptr || error->ok()) return;
  report(std::string(reason_name(reason)) + " failed: " + error->ToString());
}

void BackgroundErrorListener::report(const std::string& error) {
  const std::lock_guard lock(mutex_);
  if (first_error_.empty()) first_error_ = error;
  if (writer_ != nullptr) writer_->stop(first_error_);
}

void BackgroundErrorListener::OnErrorRecoveryBegin(rocksdb::BackgroundErrorReason /*reason*/,
                                                   rocksdb::Status /*error*/,
                                                   bool* auto_recovery) {
  if (auto_recovery != nullptr) *auto_recovery = false;
}

void BackgroundErrorListener::attach(GroupWriter* writer) {
  const std::lock_guard lock(mutex_);
  writer_ = writer;
  if (writer_ != nullptr && !first_error_.empty()) writer_->stop(first_error_);
}

InfoLog::InfoLog(const std::filesystem::path& file)
    : rocksdb::Logger(rocksdb::InfoLogLevel::INFO_LEVEL),
      fd_(::open(file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644)) {}

InfoLog::~InfoLog() {
  if (fd_ >= 0) ::close(fd_);
}

void InfoLog::Logv(const char* format, va_list ap) {
  if (fd_ < 0) return;
  timeval now{};
  ::gettimeofday(&now, nullptr);
  std::tm local{};
  ::localtime_r(&now.tv_sec, &local);
  char stamp[64];
  const int stamp_length = std::snprintf(
      stamp, sizeof stamp, "%04d/%02d/%02d-%02d:%02d:%02d.%06ld ", local.tm_year + 1900,
      local.tm_mon + 1, local.tm_mday, local.tm_hour, local.tm_min, local.tm_sec,
      static_cast<long>(now.tv_usec));
  va_list measure;
  va_copy(measure, ap);
  const int length = std::vsnprintf(nullptr, 0, format, measure);
  va_end(measure);
  if (length < 0 || stamp_length < 0) return;
  std::vector<char> line(static_cast<std::size_t>(stamp_length + length) + 2);
  std::copy(stamp, stamp + stamp_length, line.begin());
  std::vsnprintf(line.data() + stamp_length, static_cast<std::size_t>(length) + 1, format, ap);
  std::size_t size = static_cast<std::size_t>(stamp_length + length);
  if (size == 0 || line[size - 1] != '\n') line[size++] = '\n';
  // One write(2) per line (O_APPEND); a failure (disk full) drops the line and nothing else.
  if (::write(fd_, line.data(), size) < 0) return;
}

}  // namespace gongkai::eventstore::rocksdb_store
