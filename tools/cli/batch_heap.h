// The heap of a batch job: `gongkai rebuild` and `gongkai bench rebuild` run themselves again with
// glibc's malloc set for a process that allocates ~130 MiB in under a second and then ends (see
// batch_heap.cc for the settings and the measurements behind them).
#pragma once

namespace gongkai::tools {

// Whether the command line names a command that runs as a batch job (rebuild, bench rebuild).
[[nodiscard]] bool is_batch_command(int argc, char** argv);

// Executes this program again, same pid and arguments, with the batch settings added to
// GLIBC_TUNABLES (glibc reads them only when a process starts). Returns without doing so when
// GLIBC_TUNABLES already names any of them (the second run, or the operator's choice:
// `glibc.malloc.hugetlb=0` opts out, e.g. to run under valgrind, whose children run natively),
// and when the exec fails: the command then runs with glibc's defaults.
void restart_with_batch_heap(char** argv);

}  // namespace gongkai::tools
