// A RocksDB FileSystem that fails writes or syncs of new files on demand (EIO), the seam through
// which tests prove the store's fail-stop behaviour. Faults apply to every file opened for writing
// after arming as well as before: the check happens at each call.
#pragma once

#include <rocksdb/env.h>
#include <rocksdb/file_system.h>

#include <atomic>
#include <memory>

namespace gongkai::testing {

class FaultInjectionFileSystem : public rocksdb::FileSystemWrapper {
 public:
  explicit FaultInjectionFileSystem(const std::shared_ptr<rocksdb::FileSystem>& base)
      : rocksdb::FileSystemWrapper(base) {}
  static const char* kClassName() { return "FaultInjectionFileSystem"; }
  [[nodiscard]] const char* Name() const override { return kClassName(); }

  std::atomic<bool> fail_writes{false};
  std::atomic<bool> fail_syncs{false};
  std::atomic<int> injected{0};

  rocksdb::IOStatus NewWritableFile(const std::string& name, const rocksdb::FileOptions& options,
                                    std::unique_ptr<rocksdb::FSWritableFile>* result,
                                    rocksdb::IODebugContext* debug) override {
    auto status = target()->NewWritableFile(name, options, result, debug);
    if (status.ok()) result->reset(new File(std::move(*result), *this));
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
    File(std::unique_ptr<rocksdb::FSWritableFile>&& file, FaultInjectionFileSystem& fs)
        : rocksdb::FSWritableFileOwnerWrapper(std::move(file)), fs_(fs) {}
    rocksdb::IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& options,
                             rocksdb::IODebugContext* debug) override {
      if (fs_.fail_writes) return fs_.inject("write");
      return target()->Append(data, options, debug);
    }
    rocksdb::IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& options,
                             const rocksdb::DataVerificationInfo& info,
                             rocksdb::IODebugContext* debug) override {
      if (fs_.fail_writes) return fs_.inject("write");
      return target()->Append(data, options, info, debug);
    }
    rocksdb::IOStatus Sync(const rocksdb::IOOptions& options,
                           rocksdb::IODebugContext* debug) override {
      if (fs_.fail_syncs) return fs_.inject("sync");
      return target()->Sync(options, debug);
    }
    rocksdb::IOStatus Fsync(const rocksdb::IOOptions& options,
                            rocksdb::IODebugContext* debug) override {
      if (fs_.fail_syncs) return fs_.inject("fsync");
      return target()->Fsync(options, debug);
    }

   private:
    FaultInjectionFileSystem& fs_;
  };

  rocksdb::IOStatus inject(const char* what) {
    ++injected;
    return rocksdb::IOStatus::IOError(std::string("injected ") + what + " failure (EIO)");
  }
};

}  // namespace gongkai::testing
