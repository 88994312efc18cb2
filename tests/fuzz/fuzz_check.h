// What the fuzz targets do when an invariant breaks: say which, show the
// input that broke it, and abort so that libFuzzer keeps the input.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>

#define FUZZ_CHECK(cond, what, detail)                                                            \
  do {                                                                                            \
    if (!(cond)) {                                                                                \
      std::fprintf(stderr, "fuzz invariant broken: %s\n%s\n", what, std::string(detail).c_str()); \
      std::abort();                                                                               \
    }                                                                                             \
  } while (0)
