// The fuzz targets' assertion: a broken invariant prints what broke and aborts, which libFuzzer
// reports as a crash and saves the input (assert() would vanish under NDEBUG).
#pragma once

#include <cstdio>
#include <cstdlib>

#define GONGKAI_FUZZ_CHECK(condition, what)                                               \
  do {                                                                                   \
    if (!(condition)) {                                                                  \
      std::fprintf(stderr, "fuzz check failed at %s:%d: %s (%s)\n", __FILE__, __LINE__, \
                   (what), #condition);                                                  \
      std::abort();                                                                      \
    }                                                                                    \
  } while (false)
