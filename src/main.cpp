// Entry point: hands argv to cli::run and returns its exit code.
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "cli/app.hpp"
#include "core/exit.hpp"

#ifdef ISC2DNSMASQ_JEMALLOC
// jemalloc (linked by CMake when libjemalloc-dev is present) reads its options from this symbol
// before main: transparent huge pages for the heap and its metadata. With 4 KiB pages a third of
// a 100,000-host verify went to page faults and TLB misses (docs/benchmarks.md). MALLOC_CONF in
// the environment overrides it (MALLOC_CONF=thp:default turns huge pages off).
extern "C" {
extern const char* malloc_conf;
const char* malloc_conf = "thp:always,metadata_thp:always";
}
#endif

namespace {

#ifndef ISC2DNSMASQ_JEMALLOC
// The marker the re-executed process finds, holding the GLIBC_TUNABLES value to restore ("-": unset).
constexpr const char* kMarker = "ISC2DNSMASQ_TUNED";

// A 100,000-host verify allocates ~500 MiB in millions of small blocks; with 4 KiB pages a third
// of its time went to page faults and TLB misses. glibc's `glibc.malloc.hugetlb=1` tunable makes
// malloc ask for transparent huge pages (madvise), which the kernel's default THP mode grants:
// 5.6 s -> 3.9 s (docs/benchmarks.md). Tunables are read at start-up only, so the process runs
// itself again once with the tunable added. ISC2DNSMASQ_HUGEPAGES=0 turns this off; when the
// re-exec is impossible (no /proc) the run simply goes on without it.
void use_huge_pages(char** argv) {
  if (const char* off = std::getenv("ISC2DNSMASQ_HUGEPAGES"); off && std::strcmp(off, "0") == 0) return;
  if (const char* before = std::getenv(kMarker)) {
    // Re-executed: give children (dhcpd, dnsmasq in the lab) the environment the user had.
    if (std::strcmp(before, "-") == 0) unsetenv("GLIBC_TUNABLES");
    else setenv("GLIBC_TUNABLES", before, 1);
    unsetenv(kMarker);
    return;
  }
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  if (tunables && std::strstr(tunables, "glibc.malloc.hugetlb")) return;  // the user chose
  std::string value = tunables && *tunables ? std::string(tunables) + ":glibc.malloc.hugetlb=1" : "glibc.malloc.hugetlb=1";
  if (setenv(kMarker, tunables ? tunables : "-", 1) != 0 || setenv("GLIBC_TUNABLES", value.c_str(), 1) != 0) return;
  execv("/proc/self/exe", argv);
  // Not re-executed: undo and run as is.
  if (tunables) setenv("GLIBC_TUNABLES", tunables, 1);
  else unsetenv("GLIBC_TUNABLES");
  unsetenv(kMarker);
}
#endif

}  // namespace

int main(int argc, char** argv) {
#ifndef ISC2DNSMASQ_JEMALLOC
  use_huge_pages(argv);
#endif
  std::vector<std::string> args(argv + 1, argv + argc);
  isc2dnsmasq::enable_fast_exit();
  return isc2dnsmasq::cli::run(args, std::cout, std::cerr, isatty(STDERR_FILENO) != 0);
}
