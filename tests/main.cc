// The one translation unit that defines Catch2's main (STYLE.md section 5).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
