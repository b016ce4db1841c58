#include "eventstore/rocksdb/mapped_block_allocator.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstring>
#include <new>

namespace gongkai::eventstore::rocksdb_store {

namespace {

// The mapping's length is kept in front of the block; 16 bytes keep the block aligned as malloc's.
constexpr std::size_t kHeader = 16;

std::size_t page_size() {
  static const std::size_t size = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  return size;
}

unsigned char* mapping_of(void* block) { return static_cast<unsigned char*>(block) - kHeader; }

std::size_t length_of(const unsigned char* mapping) {
  std::size_t length = 0;
  std::memcpy(&length, mapping, sizeof length);
  return length;
}

}  // namespace

MappedBlockAllocator::MappedBlockAllocator() : kept_(kLongestKept / page_size() + 1) {
  // Reserved so that keeping a mapping never allocates (under the lock, or when the heap is
  // what ran out): kKeptBytes of single pages is the most any one length can hold.
  for (auto& same_length : kept_) same_length.reserve(kKeptBytes / page_size());
}

MappedBlockAllocator::~MappedBlockAllocator() {
  for (const auto& same_length : kept_) {
    for (unsigned char* mapping : same_length) munmap(mapping, length_of(mapping));
  }
}

void* MappedBlockAllocator::Allocate(std::size_t size) {
  const std::size_t page = page_size();
  const std::size_t length = (size + kHeader + page - 1) / page * page;
  if (length <= kLongestKept) {
    std::lock_guard lock(mutex_);
    auto& same_length = kept_[length / page];
    if (!same_length.empty()) {  // the newest: its pages are the likeliest still in cache
      unsigned char* mapping = same_length.back();
      same_length.pop_back();
      kept_bytes_ -= length;
      return mapping + kHeader;
    }
  }
  void* mapped = mmap(nullptr, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mapped == MAP_FAILED) throw std::bad_alloc();
  auto* mapping = static_cast<unsigned char*>(mapped);
  std::memcpy(mapping, &length, sizeof length);
  return mapping + kHeader;
}

void MappedBlockAllocator::Deallocate(void* p) {
  if (p == nullptr) return;
  unsigned char* mapping = mapping_of(p);
  const std::size_t length = length_of(mapping);
  if (length <= kLongestKept) {
    std::lock_guard lock(mutex_);
    if (kept_bytes_ + length <= kKeptBytes) {
      kept_[length / page_size()].push_back(mapping);
      kept_bytes_ += length;
      return;
    }
  }
  munmap(mapping, length);
}

std::size_t MappedBlockAllocator::UsableSize(void* p, std::size_t /*allocation_size*/) const {
  return length_of(mapping_of(p)) - kHeader;
}

}  // namespace gongkai::eventstore::rocksdb_store
