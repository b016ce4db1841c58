#include "batch_heap.h"

#include <unistd.h>

#include <array>
#include <cstdlib>
#include <string>
#include <string_view>

namespace gongkai::tools {

namespace {

// A full rebuild allocates its pages, folds, views and write batches at a high rate and frees
// them soon after. With glibc's defaults every fresh 4 KiB page costs a page fault, blocks of
// 128 KiB and more are mapped and unmapped one by one, and the heap's free top is given back and
// faulted in again: a 10,000-case rebuild (78,595 events) took ~38,000 page faults, and on these
// virtual machines a first touch is dear (128 MiB: ~300-500 ms). A kept heap (no trim, no
// per-block mapping, grown 64 MiB at a time) on transparent huge pages: ~2,000 faults, CPU and
// wall time down about a third (projections/README.md item 38). The server does not use this: it
// runs for months and gives memory back instead (api/server/main.cc).
constexpr std::array<std::string_view, 4> kBatchSettings = {
    "glibc.malloc.hugetlb=1",                  // madvise the heap for transparent huge pages
    "glibc.malloc.trim_threshold=1073741824",  // keep freed memory for the next allocations
    "glibc.malloc.mmap_threshold=1073741824",  // big blocks from the heap, not a mapping each
    "glibc.malloc.top_pad=67108864",           // grow the heap 64 MiB at a time
};

std::string_view setting_name(std::string_view setting) {
  return setting.substr(0, setting.find('='));
}

}  // namespace

bool is_batch_command(int argc, char** argv) {
  if (argc < 2) return false;
  const std::string_view first = argv[1];
  return first == "rebuild" ||
         (first == "bench" && argc > 2 && std::string_view(argv[2]) == "rebuild");
}

void restart_with_batch_heap(char** argv) {
  const char* current = std::getenv("GLIBC_TUNABLES");
  std::string tunables = current != nullptr ? current : "";
  for (const std::string_view setting : kBatchSettings) {
    // Already set: this is the second run, or the operator chose (glibc.malloc.hugetlb=0 opts out).
    if (tunables.find(setting_name(setting)) != std::string::npos) return;
  }
  for (const std::string_view setting : kBatchSettings) {
    if (!tunables.empty()) tunables += ':';
    tunables += setting;
  }
  if (setenv("GLIBC_TUNABLES", tunables.c_str(), 1) != 0) return;
  execv("/proc/self/exe", argv);
  // Still here: the exec failed (no /proc); run with glibc's defaults rather than not at all.
}

}  // namespace gongkai::tools
