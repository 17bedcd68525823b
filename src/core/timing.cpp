// Resident-memory reading for phase timings.
#include "core/timing.hpp"

#include <unistd.h>

#include <cstdio>

namespace isc2dnsmasq {

std::size_t resident_bytes() {
  std::FILE* f = std::fopen("/proc/self/statm", "r");
  if (!f) return 0;
  unsigned long size = 0, resident = 0;
  int n = std::fscanf(f, "%lu %lu", &size, &resident);
  std::fclose(f);
  if (n != 2) return 0;
  long page = sysconf(_SC_PAGESIZE);
  return page > 0 ? resident * static_cast<std::size_t>(page) : 0;
}

}  // namespace isc2dnsmasq
