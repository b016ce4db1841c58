// A RocksDB FileSystem that fails I/O on demand, the seam through which tests prove the store's
// fail-stop behaviour (RELIABILITY.md section 1, rows R3 and R4).
//
// Two ways to arm it:
// - the flags `fail_writes` / `fail_syncs`: every write (Append) or sync fails with EIO while set;
// - a FaultPlan (arm()): the k-th call of one kind of operation, counted from arm(), fails once or
//   persistently (that call and every later one of its kind), with EIO or ENOSPC
//   (IOStatus::NoSpace, RocksDB's disk-full status).
// Kinds: write = Append/PositionedAppend of a writable file; sync = Sync/Fsync of a file and
// Fsync of a directory; create_or_rename = NewWritableFile/ReuseWritableFile and RenameFile
// (ReopenWritableFile is not one: see there). The checks happen at each call, so files opened
// before arming are covered too.
// Calls are counted whether armed or not (calls()), so a fault-free run measures the range of k.
#pragma once

#include <pthread.h>
#include <rocksdb/env.h>
#include <rocksdb/file_system.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

namespace gongkai::testing {

enum class FaultOp { write = 0, sync = 1, create_or_rename = 2 };
enum class FaultError { eio, enospc };

[[nodiscard]] inline const char* fault_op_name(FaultOp op) {
  switch (op) {
    case FaultOp::write: return "write";
    case FaultOp::sync: return "sync";
    case FaultOp::create_or_rename: return "create_or_rename";
  }
  return "?";
}

struct FaultPlan {
  FaultOp op = FaultOp::write;
  std::uint64_t k = 1;      // the k-th call of `op` after arm() fails (1-based)
  bool persistent = false;  // and every later call of `op` too
  FaultError error = FaultError::eio;
};

class FaultInjectionFileSystem : public rocksdb::FileSystemWrapper {
 public:
  explicit FaultInjectionFileSystem(const std::shared_ptr<rocksdb::FileSystem>& base)
      : rocksdb::FileSystemWrapper(base) {}
  static const char* kClassName() { return "FaultInjectionFileSystem"; }
  [[nodiscard]] const char* Name() const override { return kClassName(); }

  std::atomic<bool> fail_writes{false};
  std::atomic<bool> fail_syncs{false};
  std::atomic<int> injected{0};  // failures returned so far, by flags or plan

  // Counts calls (and `injected`) afresh from now and fails as `plan` says.
  void arm(FaultPlan plan) {
    const std::lock_guard lock(mutex_);
    injected = 0;
    for (auto& count : calls_) count = 0;
    plan_ = plan;
    armed_ = true;
    first_failure_.clear();
    first_failure_thread_.clear();
  }
  // The disk is healthy again (counting goes on).
  void disarm() {
    const std::lock_guard lock(mutex_);
    armed_ = false;
  }
  [[nodiscard]] std::uint64_t calls(FaultOp op) const {
    const std::lock_guard lock(mutex_);
    return calls_[static_cast<std::size_t>(op)];
  }
  // What the first planned failure hit ("sync of .../000012.log"), empty while none.
  [[nodiscard]] std::string first_failure() const {
    const std::lock_guard lock(mutex_);
    return first_failure_;
  }
  // Whether it hit a RocksDB background thread (a flush or compaction: "rocksdb:low", ...), whose
  // job reports it when it unwinds, rather than a caller's write or open.
  [[nodiscard]] bool first_failure_in_background() const {
    const std::lock_guard lock(mutex_);
    return first_failure_thread_.rfind("rocksdb:", 0) == 0;
  }

  rocksdb::IOStatus NewWritableFile(const std::string& name, const rocksdb::FileOptions& options,
                                    std::unique_ptr<rocksdb::FSWritableFile>* result,
                                    rocksdb::IODebugContext* debug) override {
    if (auto fault = check(FaultOp::create_or_rename, name); !fault.ok()) return fault;
    auto status = target()->NewWritableFile(name, options, result, debug);
    if (status.ok()) result->reset(new File(std::move(*result), *this, name));
    return status;
  }
  rocksdb::IOStatus ReopenWritableFile(const std::string& name,
                                       const rocksdb::FileOptions& options,
                                       std::unique_ptr<rocksdb::FSWritableFile>* result,
                                       rocksdb::IODebugContext* debug) override {
    // Not a fault point: recovery reopens WAL files only to trim their preallocated tail, best
    // effort by design (RocksDB logs a failure and goes on; no data is written).
    auto status = target()->ReopenWritableFile(name, options, result, debug);
    if (status.ok()) result->reset(new File(std::move(*result), *this, name));
    return status;
  }
  rocksdb::IOStatus ReuseWritableFile(const std::string& name, const std::string& old_name,
                                      const rocksdb::FileOptions& options,
                                      std::unique_ptr<rocksdb::FSWritableFile>* result,
                                      rocksdb::IODebugContext* debug) override {
    if (auto fault = check(FaultOp::create_or_rename, name); !fault.ok()) return fault;
    auto status = target()->ReuseWritableFile(name, old_name, options, result, debug);
    if (status.ok()) result->reset(new File(std::move(*result), *this, name));
    return status;
  }
  rocksdb::IOStatus RenameFile(const std::string& from, const std::string& to,
                               const rocksdb::IOOptions& options,
                               rocksdb::IODebugContext* debug) override {
    if (auto fault = check(FaultOp::create_or_rename, to); !fault.ok()) return fault;
    return target()->RenameFile(from, to, options, debug);
  }
  rocksdb::IOStatus NewDirectory(const std::string& name, const rocksdb::IOOptions& options,
                                 std::unique_ptr<rocksdb::FSDirectory>* result,
                                 rocksdb::IODebugContext* debug) override {
    auto status = target()->NewDirectory(name, options, result, debug);
    if (status.ok()) result->reset(new Directory(std::move(*result), *this, name));
    return status;
  }

  // An Env running on a FaultInjectionFileSystem over the default one.
  static std::pair<std::shared_ptr<FaultInjectionFileSystem>, std::shared_ptr<rocksdb::Env>>
  make_env() {
    auto fs = std::make_shared<FaultInjectionFileSystem>(rocksdb::FileSystem::Default());
    std::shared_ptr<rocksdb::Env> env = rocksdb::NewCompositeEnv(fs);
    return {fs, env};
  }

 private:
  class File : public rocksdb::FSWritableFileOwnerWrapper {
   public:
    File(std::unique_ptr<rocksdb::FSWritableFile>&& file, FaultInjectionFileSystem& fs,
         std::string name)
        : rocksdb::FSWritableFileOwnerWrapper(std::move(file)), fs_(fs), name_(std::move(name)) {}
    rocksdb::IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& options,
                             rocksdb::IODebugContext* debug) override {
      if (auto fault = fs_.check(FaultOp::write, name_); !fault.ok()) return fault;
      return target()->Append(data, options, debug);
    }
    rocksdb::IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& options,
                             const rocksdb::DataVerificationInfo& info,
                             rocksdb::IODebugContext* debug) override {
      if (auto fault = fs_.check(FaultOp::write, name_); !fault.ok()) return fault;
      return target()->Append(data, options, info, debug);
    }
    rocksdb::IOStatus PositionedAppend(const rocksdb::Slice& data, std::uint64_t offset,
                                       const rocksdb::IOOptions& options,
                                       rocksdb::IODebugContext* debug) override {
      if (auto fault = fs_.check(FaultOp::write, name_); !fault.ok()) return fault;
      return target()->PositionedAppend(data, offset, options, debug);
    }
    rocksdb::IOStatus PositionedAppend(const rocksdb::Slice& data, std::uint64_t offset,
                                       const rocksdb::IOOptions& options,
                                       const rocksdb::DataVerificationInfo& info,
                                       rocksdb::IODebugContext* debug) override {
      if (auto fault = fs_.check(FaultOp::write, name_); !fault.ok()) return fault;
      return target()->PositionedAppend(data, offset, options, info, debug);
    }
    rocksdb::IOStatus Sync(const rocksdb::IOOptions& options,
                           rocksdb::IODebugContext* debug) override {
      if (auto fault = fs_.check(FaultOp::sync, name_); !fault.ok()) return fault;
      return target()->Sync(options, debug);
    }
    rocksdb::IOStatus Fsync(const rocksdb::IOOptions& options,
                            rocksdb::IODebugContext* debug) override {
      if (auto fault = fs_.check(FaultOp::sync, name_); !fault.ok()) return fault;
      return target()->Fsync(options, debug);
    }

   private:
    FaultInjectionFileSystem& fs_;
    std::string name_;
  };

  class Directory : public rocksdb::FSDirectoryWrapper {
   public:
    Directory(std::unique_ptr<rocksdb::FSDirectory>&& dir, FaultInjectionFileSystem& fs,
              std::string name)
        : rocksdb::FSDirectoryWrapper(std::move(dir)), fs_(fs), name_(std::move(name)) {}
    rocksdb::IOStatus Fsync(const rocksdb::IOOptions& options,
                            rocksdb::IODebugContext* debug) override {
      if (auto fault = fs_.check(FaultOp::sync, name_); !fault.ok()) return fault;
      return rocksdb::FSDirectoryWrapper::Fsync(options, debug);
    }
    rocksdb::IOStatus FsyncWithDirOptions(const rocksdb::IOOptions& options,
                                          rocksdb::IODebugContext* debug,
                                          const rocksdb::DirFsyncOptions& dir_options) override {
      if (auto fault = fs_.check(FaultOp::sync, name_); !fault.ok()) return fault;
      return rocksdb::FSDirectoryWrapper::FsyncWithDirOptions(options, debug, dir_options);
    }

   private:
    FaultInjectionFileSystem& fs_;
    std::string name_;
  };

  // Counts the call and answers the failure due, if any.
  rocksdb::IOStatus check(FaultOp op, const std::string& name) {
    bool planned = false;
    FaultError error = FaultError::eio;
    {
      const std::lock_guard lock(mutex_);
      const std::uint64_t n = ++calls_[static_cast<std::size_t>(op)];
      if (armed_ && op == plan_.op && (n == plan_.k || (plan_.persistent && n > plan_.k))) {
        planned = true;
        error = plan_.error;
        if (first_failure_.empty()) {
          char thread[16] = {};
          pthread_getname_np(pthread_self(), thread, sizeof thread);
          first_failure_thread_ = thread;
          first_failure_ = std::string(fault_op_name(op)) + " of " + name + " on " + thread;
        }
      }
    }
    const bool flagged = (op == FaultOp::write && fail_writes) || (op == FaultOp::sync && fail_syncs);
    if (!planned && !flagged) return rocksdb::IOStatus::OK();
    ++injected;
    const std::string what = std::string("injected ") + fault_op_name(op) + " failure of " + name;
    if (planned && error == FaultError::enospc) {
      return rocksdb::IOStatus::NoSpace(what + " (ENOSPC)");
    }
    return rocksdb::IOStatus::IOError(what + " (EIO)");
  }

  mutable std::mutex mutex_;
  std::array<std::uint64_t, 3> calls_{};
  FaultPlan plan_;
  bool armed_ = false;
  std::string first_failure_;
  std::string first_failure_thread_;
};

}  // namespace gongkai::testing
