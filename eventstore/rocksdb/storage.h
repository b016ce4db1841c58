// The open RocksDB database and its column families, shared by the store's reader side and its
// writer thread. Internal to eventstore/rocksdb.
#pragma once

#include <rocksdb/db.h>

#include <memory>
#include <string>
#include <vector>

#include "domain/base/status.h"

namespace gongkai::eventstore::rocksdb_store {

struct Storage {
  std::unique_ptr<rocksdb::DB> db;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;  // owned; destroyed before db closes
  rocksdb::ColumnFamilyHandle* log = nullptr;
  rocksdb::ColumnFamilyHandle* streams = nullptr;
  rocksdb::ColumnFamilyHandle* meta = nullptr;
  rocksdb::ColumnFamilyHandle* state = nullptr;

  Storage() = default;
  Storage(const Storage&) = delete;
  Storage& operator=(const Storage&) = delete;
  ~Storage() {
    if (db) {
      for (auto* handle : handles) db->DestroyColumnFamilyHandle(handle);
      db->Close().PermitUncheckedError();  // closing after use; nothing left to report it to
    }
  }
};

// A failed RocksDB call as the store answers it: unavailable, with what was being done.
inline domain::Status storage_error(const rocksdb::Status& status, const std::string& what) {
  return domain::unavailable("storage_error", what + ": " + status.ToString());
}

}  // namespace gongkai::eventstore::rocksdb_store
