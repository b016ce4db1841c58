// The block cache's allocator (eventstore/SCHEMA.md "Memory"): every cached block in a mapping of
// its own, given back to the kernel when the block is evicted.
//
// Why: with malloc, the cache's 32 MiB of ~4 KiB blocks, inserted and evicted all day, lay in the
// heap among the requests' short-lived memory. A freed block of ~4 KiB never covers a whole
// aligned page on its own, so malloc_trim cannot give it back, and small objects placed in its
// hole keep its pages resident: under the 128-client soak the heap's resident size rose ~12 MiB
// after the cache was full and kept rising (tests/RELIABILITY.md "Memory, 2026-11-30 (day)");
// with this allocator it stays level. The price is up to a page per block, which the cache charges
// (UsableSize), so its cap still bounds what it holds resident.
//
// Up to kKeptBytes of freed mappings are kept and handed out again for blocks of the same length:
// blocks read but not cached (bulk reads, compactions) come from this allocator too, one per
// ~4 KiB read, and a fresh mapping each time cost an mmap, page faults and an munmap whose TLB
// flush interrupts the other core: 12,455 pairs in a 10,000-case rebuild.
// Internal to eventstore/rocksdb.
#pragma once

#include <rocksdb/memory_allocator.h>

#include <cstddef>
#include <mutex>
#include <vector>

namespace gongkai::eventstore::rocksdb_store {

class MappedBlockAllocator final : public rocksdb::MemoryAllocator {
 public:
  static const char* kClassName() { return "GongkaiMappedBlockAllocator"; }
  const char* Name() const override { return kClassName(); }

  // Throws std::bad_alloc when the kernel refuses the mapping, as operator new would.
  void* Allocate(std::size_t size) override;
  void Deallocate(void* p) override;
  // The whole mapping less its header: the cache charges what the block really holds resident.
  std::size_t UsableSize(void* p, std::size_t allocation_size) const override;

  // What freed mappings kept for reuse may hold resident together, and the longest one kept.
  static constexpr std::size_t kKeptBytes = std::size_t{1} << 20;
  static constexpr std::size_t kLongestKept = std::size_t{64} << 10;

  MappedBlockAllocator();
  ~MappedBlockAllocator() override;
  MappedBlockAllocator(const MappedBlockAllocator&) = delete;
  MappedBlockAllocator& operator=(const MappedBlockAllocator&) = delete;

 private:
  std::mutex mutex_;
  // Freed mappings by their length in pages (kept_[n]: n pages), newest last: a look-up is one
  // index, with no mapping touched under the lock.
  std::vector<std::vector<unsigned char*>> kept_;
  std::size_t kept_bytes_ = 0;
};

}  // namespace gongkai::eventstore::rocksdb_store
