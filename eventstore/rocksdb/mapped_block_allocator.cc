#include "eventstore/rocksdb/mapped_block_allocator.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstring>
#include <iterator>
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

MappedBlockAllocator::MappedBlockAllocator() { kept_.reserve(kKeptBytes / page_size()); }

MappedBlockAllocator::~MappedBlockAllocator() {
  for (unsigned char* mapping : kept_) munmap(mapping, length_of(mapping));
}

void* MappedBlockAllocator::Allocate(std::size_t size) {
  const std::size_t page = page_size();
  const std::size_t length = (size + kHeader + page - 1) / page * page;
  {
    std::lock_guard lock(mutex_);
    // The newest first: its pages are the likeliest still in the CPU's caches.
    for (auto it = kept_.rbegin(); it != kept_.rend(); ++it) {
      unsigned char* mapping = *it;
      if (length_of(mapping) != length) continue;
      kept_.erase(std::next(it).base());
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
      kept_.push_back(mapping);  // never reallocates: reserved for kKeptBytes of single pages
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
