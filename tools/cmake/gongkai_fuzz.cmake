# GONGKAI_FUZZ (RELIABILITY.md S1): libFuzzer with clang. Every library is instrumented for
# coverage and checked by ASan+UBSan (-fsanitize=fuzzer-no-link,...); only the targets in
# tests/fuzz/ link libFuzzer's main (-fsanitize=fuzzer). UBSan findings abort, so libFuzzer counts
# them as crashes. tools/fuzz.sh configures and runs this build.
if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  message(FATAL_ERROR "GONGKAI_FUZZ needs clang (e.g. -DCMAKE_CXX_COMPILER=clang++-14)")
endif()
if(GONGKAI_SANITIZE)
  message(FATAL_ERROR "GONGKAI_FUZZ brings its own sanitizers: leave GONGKAI_SANITIZE empty")
endif()
add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
                    -fno-omit-frame-pointer)
add_link_options(-fsanitize=address,undefined)
enable_testing()  # here, in the top directory: ctest --test-dir build-fuzz replays the corpora
