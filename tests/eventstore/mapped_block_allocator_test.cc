// The block cache's allocator (eventstore/rocksdb/mapped_block_allocator.h): blocks in mappings
// of their own, whose pages go back to the kernel when the block is freed.
#include "eventstore/rocksdb/mapped_block_allocator.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstring>
#include <fstream>
#include <vector>

using gongkai::eventstore::rocksdb_store::MappedBlockAllocator;

namespace {

std::size_t page_size() { return static_cast<std::size_t>(sysconf(_SC_PAGESIZE)); }

std::size_t resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  std::size_t size = 0, resident = 0;
  statm >> size >> resident;
  return resident * page_size();
}

}  // namespace

TEST_CASE("a mapped block holds what was asked and reports the pages it keeps", "[allocator]") {
  MappedBlockAllocator allocator;
  const std::size_t page = page_size();
  // 16 bytes of each mapping hold its length.
  for (const std::size_t size : {std::size_t{1}, page - 16, page - 15, 4 * page + 100}) {
    void* block = allocator.Allocate(size);
    REQUIRE(block != nullptr);
    CHECK(reinterpret_cast<std::uintptr_t>(block) % 16 == 0);
    const std::size_t usable = allocator.UsableSize(block, size);
    CHECK(usable >= size);
    CHECK((usable + 16) % page == 0);
    CHECK(usable + 16 - page < size + 16);  // no page more than the block needs
    std::memset(block, 0x5a, usable);       // all of it writable
    allocator.Deallocate(block);
  }
  allocator.Deallocate(nullptr);  // as free(nullptr)
  CHECK(std::string(allocator.Name()) == "GongkaiMappedBlockAllocator");
}

// What malloc did not do for the cache: 4 KB blocks freed between live ones stayed resident
// (tests/api/periodic_thread_test.cc shows it for glibc's heap without a trim).
TEST_CASE("a freed mapped block's pages leave the process at once, live neighbours or not",
          "[allocator]") {
  MappedBlockAllocator allocator;
  constexpr std::size_t kBlock = 4000, kBlocks = 16384;  // 64 MiB in one-page mappings
  const std::size_t at_start = resident_bytes();
  std::vector<void*> blocks;
  for (std::size_t i = 0; i < kBlocks; ++i) {
    blocks.push_back(allocator.Allocate(kBlock));
    std::memset(blocks.back(), 1, kBlock);
  }
  const std::size_t filled = resident_bytes();
  REQUIRE(filled - at_start >= kBlocks * kBlock * 9 / 10);
  for (std::size_t i = 0; i < kBlocks; ++i) {
    if (i % 16 != 0) allocator.Deallocate(blocks[i]);  // every 16th stays
  }
  const std::size_t freed = kBlocks / 16 * 15 * kBlock;
  CHECK(filled - resident_bytes() >= freed * 9 / 10);
  for (std::size_t i = 0; i < kBlocks; i += 16) allocator.Deallocate(blocks[i]);
}

TEST_CASE("a freed mapping is handed out again for a block of the same length, within a bound",
          "[allocator]") {
  MappedBlockAllocator allocator;
  const std::size_t page = page_size();
  void* first = allocator.Allocate(4101);  // a 4 KiB block with its trailer: two pages
  allocator.Deallocate(first);
  void* longer = allocator.Allocate(3 * page);  // another length: not that mapping
  CHECK(longer != first);
  void* again = allocator.Allocate(4101);
  CHECK(again == first);
  allocator.Deallocate(again);
  allocator.Deallocate(longer);

  // Freed beyond the bound, mappings go back to the kernel.
  constexpr std::size_t kBlocks = 4096;  // 32 MiB in two-page mappings
  std::vector<void*> blocks;
  for (std::size_t i = 0; i < kBlocks; ++i) {
    blocks.push_back(allocator.Allocate(4101));
    std::memset(blocks.back(), 1, 4101);
  }
  const std::size_t filled = resident_bytes();
  for (void* block : blocks) allocator.Deallocate(block);
  // The process's own resident size moves by a few pages meanwhile (ASan's shadow, the test
  // framework), hence the slack of 64 pages against 8,192 freed.
  const std::size_t slack = 64 * page;
  CHECK(filled - resident_bytes() >= kBlocks * 2 * page - MappedBlockAllocator::kKeptBytes - slack);
  // A mapping longer than any kept one is unmapped when freed, however little is kept.
  const std::size_t large_size = 16 * MappedBlockAllocator::kLongestKept;
  void* large = allocator.Allocate(large_size);
  std::memset(large, 1, large_size);
  const std::size_t with_large = resident_bytes();
  allocator.Deallocate(large);
  CHECK(with_large - resident_bytes() >= large_size - slack);
}
