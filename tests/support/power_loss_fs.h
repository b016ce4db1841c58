// A RocksDB FileSystem that models power loss (RELIABILITY.md §4 R2): it records, for every file
// written through it, how many bytes it held at its last successful Sync/Fsync and whether its
// name is durable (its directory was fsynced after it was created or renamed). cut() is the power
// failure: from then on every write, sync and rename fails (EIO), and the disk as it would come
// back is copied to another directory: synced files truncated to their synced size, files never
// synced or whose name was never made durable dropped, files that existed before (and files
// RocksDB writes by other means: LOCK, info logs) copied whole. The store is then abandoned and
// the copy opened: what a machine would see after the power came back.
//
// Lenient where the real world is harsher, on purpose: a deleted file stays deleted (no
// resurrection), and a rename is not undone (the renamed file keeps its new name once its
// directory is synced, or is dropped). Both only make the harness see less loss, never more.
#pragma once

#include <rocksdb/env.h>
#include <rocksdb/file_system.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace gongkai::testing {

class PowerLossFileSystem : public rocksdb::FileSystemWrapper {
 public:
  explicit PowerLossFileSystem(const std::shared_ptr<rocksdb::FileSystem>& base)
      : rocksdb::FileSystemWrapper(base) {}
  static const char* kClassName() { return "PowerLossFileSystem"; }
  [[nodiscard]] const char* Name() const override { return kClassName(); }

  // A PowerLossFileSystem over the default one, and an Env running on it.
  static std::pair<std::shared_ptr<PowerLossFileSystem>, std::shared_ptr<rocksdb::Env>> make_env() {
    auto fs = std::make_shared<PowerLossFileSystem>(rocksdb::FileSystem::Default());
    std::shared_ptr<rocksdb::Env> env = rocksdb::NewCompositeEnv(fs);
    return {fs, env};
  }

  struct CutReport {
    int files_copied = 0;
    int files_dropped = 0;
    std::uint64_t bytes_cut = 0;  // written but not synced, so gone
  };

  // The power failure: everything after fails, and `from` (a store directory) is copied to `to`
  // as the disk would hold it.
  CutReport cut(const std::filesystem::path& from, const std::filesystem::path& to) {
    std::lock_guard lock(mutex_);
    cut_ = true;
    CutReport report;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(from)) {
      if (!entry.is_regular_file()) continue;
      const auto target = to / std::filesystem::relative(entry.path(), from);
      std::filesystem::create_directories(target.parent_path());
      const auto size = entry.file_size();
      std::uint64_t keep = size;
      const auto tracked = files_.find(key(entry.path().string()));
      if (tracked != files_.end()) {
        if (!tracked->second.ever_synced || !tracked->second.name_durable) {
          ++report.files_dropped;
          report.bytes_cut += size;
          continue;
        }
        keep = std::min<std::uint64_t>(size, tracked->second.synced);
      }
      report.bytes_cut += size - keep;
      copy_prefix(entry.path(), target, keep);
      ++report.files_copied;
    }
    return report;
  }

  rocksdb::IOStatus NewWritableFile(const std::string& name, const rocksdb::FileOptions& options,
                                    std::unique_ptr<rocksdb::FSWritableFile>* result,
                                    rocksdb::IODebugContext* debug) override {
    if (dead()) return power_off();
    auto status = target()->NewWritableFile(name, options, result, debug);
    if (status.ok()) {
      {
        std::lock_guard lock(mutex_);
        files_[key(name)] = Tracked{};
      }
      result->reset(new File(std::move(*result), *this, key(name)));
    }
    return status;
  }

  rocksdb::IOStatus ReopenWritableFile(const std::string& name, const rocksdb::FileOptions& options,
                                       std::unique_ptr<rocksdb::FSWritableFile>* result,
                                       rocksdb::IODebugContext* debug) override {
    if (dead()) return power_off();
    std::error_code error;
    const auto existing = std::filesystem::file_size(name, error);
    auto status = target()->ReopenWritableFile(name, options, result, debug);
    if (status.ok()) {
      {
        std::lock_guard lock(mutex_);
        const auto size = error ? 0 : existing;
        files_.try_emplace(key(name), Tracked{size, size, !error, !error});
      }
      result->reset(new File(std::move(*result), *this, key(name)));
    }
    return status;
  }

  rocksdb::IOStatus RenameFile(const std::string& from, const std::string& to,
                               const rocksdb::IOOptions& options,
                               rocksdb::IODebugContext* debug) override {
    if (dead()) return power_off();
    std::error_code error;
    const auto size = std::filesystem::file_size(from, error);
    auto status = target()->RenameFile(from, to, options, debug);
    if (status.ok()) {
      std::lock_guard lock(mutex_);
      auto it = files_.find(key(from));
      // An untracked file was on disk before: its content is durable, its new name is not yet.
      Tracked moved = it != files_.end() ? it->second : Tracked{size, size, true, true};
      if (it != files_.end()) files_.erase(it);
      moved.name_durable = false;
      files_[key(to)] = moved;
    }
    return status;
  }

  rocksdb::IOStatus DeleteFile(const std::string& name, const rocksdb::IOOptions& options,
                               rocksdb::IODebugContext* debug) override {
    if (dead()) return power_off();
    auto status = target()->DeleteFile(name, options, debug);
    if (status.ok()) {
      std::lock_guard lock(mutex_);
      files_.erase(key(name));
    }
    return status;
  }

  rocksdb::IOStatus NewDirectory(const std::string& name, const rocksdb::IOOptions& options,
                                 std::unique_ptr<rocksdb::FSDirectory>* result,
                                 rocksdb::IODebugContext* debug) override {
    auto status = target()->NewDirectory(name, options, result, debug);
    // The directory's own path, without a trailing separator, as parent_path() gives it.
    auto directory = std::filesystem::path(key(name));
    if (!directory.has_filename()) directory = directory.parent_path();
    if (status.ok()) result->reset(new Directory(std::move(*result), *this, directory.string()));
    return status;
  }

 private:
  struct Tracked {
    std::uint64_t written = 0;
    std::uint64_t synced = 0;
    bool ever_synced = false;
    bool name_durable = false;
  };

  static std::string key(const std::string& path) {
    return std::filesystem::path(path).lexically_normal().string();
  }
  static rocksdb::IOStatus power_off() {
    return rocksdb::IOStatus::IOError("power loss: the machine is off (EIO)");
  }
  static void copy_prefix(const std::filesystem::path& from, const std::filesystem::path& to,
                          std::uint64_t bytes) {
    std::ifstream in(from, std::ios::binary);
    std::ofstream out(to, std::ios::binary | std::ios::trunc);
    std::string buffer(1 << 16, '\0');
    while (bytes > 0 && in) {
      const auto chunk = static_cast<std::streamsize>(std::min<std::uint64_t>(bytes, buffer.size()));
      in.read(buffer.data(), chunk);
      out.write(buffer.data(), in.gcount());
      bytes -= static_cast<std::uint64_t>(in.gcount());
    }
  }

  bool dead() {
    std::lock_guard lock(mutex_);
    return cut_;
  }
  void wrote(const std::string& name, std::uint64_t end) {
    std::lock_guard lock(mutex_);
    auto& f = files_[name];
    f.written = std::max(f.written, end);
  }
  // After the inner sync returned OK: durable, unless the power went meanwhile (then the caller
  // hears the sync failed, and acknowledges nothing).
  rocksdb::IOStatus synced(const std::string& name) {
    std::lock_guard lock(mutex_);
    if (cut_) return power_off();
    auto& f = files_[name];
    f.synced = f.written;
    f.ever_synced = true;
    return rocksdb::IOStatus::OK();
  }
  rocksdb::IOStatus directory_synced(const std::string& directory) {
    std::lock_guard lock(mutex_);
    if (cut_) return power_off();
    for (auto& [name, f] : files_) {
      if (std::filesystem::path(name).parent_path().string() == directory) f.name_durable = true;
    }
    return rocksdb::IOStatus::OK();
  }

  class File : public rocksdb::FSWritableFileOwnerWrapper {
   public:
    File(std::unique_ptr<rocksdb::FSWritableFile>&& file, PowerLossFileSystem& fs, std::string name)
        : rocksdb::FSWritableFileOwnerWrapper(std::move(file)), fs_(fs), name_(std::move(name)) {}
    rocksdb::IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& options,
                             rocksdb::IODebugContext* debug) override {
      if (fs_.dead()) return power_off();
      auto status = target()->Append(data, options, debug);
      if (status.ok()) fs_.wrote(name_, target()->GetFileSize(options, debug));
      return status;
    }
    rocksdb::IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& options,
                             const rocksdb::DataVerificationInfo& info,
                             rocksdb::IODebugContext* debug) override {
      if (fs_.dead()) return power_off();
      auto status = target()->Append(data, options, info, debug);
      if (status.ok()) fs_.wrote(name_, target()->GetFileSize(options, debug));
      return status;
    }
    rocksdb::IOStatus PositionedAppend(const rocksdb::Slice& data, uint64_t offset,
                                       const rocksdb::IOOptions& options,
                                       rocksdb::IODebugContext* debug) override {
      if (fs_.dead()) return power_off();
      auto status = target()->PositionedAppend(data, offset, options, debug);
      if (status.ok()) fs_.wrote(name_, offset + data.size());
      return status;
    }
    rocksdb::IOStatus PositionedAppend(const rocksdb::Slice& data, uint64_t offset,
                                       const rocksdb::IOOptions& options,
                                       const rocksdb::DataVerificationInfo& info,
                                       rocksdb::IODebugContext* debug) override {
      if (fs_.dead()) return power_off();
      auto status = target()->PositionedAppend(data, offset, options, info, debug);
      if (status.ok()) fs_.wrote(name_, offset + data.size());
      return status;
    }
    rocksdb::IOStatus Sync(const rocksdb::IOOptions& options,
                           rocksdb::IODebugContext* debug) override {
      if (fs_.dead()) return power_off();
      auto status = target()->Sync(options, debug);
      return status.ok() ? fs_.synced(name_) : status;
    }
    rocksdb::IOStatus Fsync(const rocksdb::IOOptions& options,
                            rocksdb::IODebugContext* debug) override {
      if (fs_.dead()) return power_off();
      auto status = target()->Fsync(options, debug);
      return status.ok() ? fs_.synced(name_) : status;
    }

   private:
    PowerLossFileSystem& fs_;
    std::string name_;
  };

  class Directory : public rocksdb::FSDirectoryWrapper {
   public:
    Directory(std::unique_ptr<rocksdb::FSDirectory>&& directory, PowerLossFileSystem& fs,
              std::string name)
        : rocksdb::FSDirectoryWrapper(std::move(directory)), fs_(fs), name_(std::move(name)) {}
    rocksdb::IOStatus Fsync(const rocksdb::IOOptions& options,
                            rocksdb::IODebugContext* debug) override {
      if (fs_.dead()) return power_off();
      auto status = rocksdb::FSDirectoryWrapper::Fsync(options, debug);
      return status.ok() ? fs_.directory_synced(name_) : status;
    }
    rocksdb::IOStatus FsyncWithDirOptions(const rocksdb::IOOptions& options,
                                          rocksdb::IODebugContext* debug,
                                          const rocksdb::DirFsyncOptions& dir_options) override {
      if (fs_.dead()) return power_off();
      auto status = rocksdb::FSDirectoryWrapper::FsyncWithDirOptions(options, debug, dir_options);
      return status.ok() ? fs_.directory_synced(name_) : status;
    }

   private:
    PowerLossFileSystem& fs_;
    std::string name_;
  };

  std::mutex mutex_;
  bool cut_ = false;
  std::map<std::string, Tracked> files_;
};

}  // namespace gongkai::testing
