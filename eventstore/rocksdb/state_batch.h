// StateBatch: the CommitBatch that hooks write projection state through, onto a RocksDB
// WriteBatch's `state` column family. A failed batch operation throws, so the writer stops.
#pragma once

#include <rocksdb/write_batch.h>

#include <stdexcept>
#include <string>

#include "eventstore/event_store.h"
#include "eventstore/rocksdb/keys.h"

namespace gongkai::eventstore::rocksdb_store {

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
  bool remove_prefix(std::string_view prefix) override {
    const std::string upper = prefix_successor(prefix);
    if (prefix.empty() || upper.empty()) return false;  // no finite range: key by key
    check(batch_.DeleteRange(family_, rocksdb::Slice(prefix.data(), prefix.size()),
                             rocksdb::Slice(upper)));
    return true;
  }

 private:
  static void check(const rocksdb::Status& status) {
    if (!status.ok()) throw std::runtime_error("batch: " + status.ToString());
  }
  rocksdb::WriteBatch& batch_;
  rocksdb::ColumnFamilyHandle* family_;
};


}  // namespace gongkai::eventstore::rocksdb_store
