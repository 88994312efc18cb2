// Placeholder entry point; the command table replaces it.
#include <cstdio>

int main() {
  std::puts("vnetctl " VNETCTL_VERSION);
  return 0;
}
