// Fast exit switch (core/exit.hpp).
#include "core/exit.hpp"

namespace isc2dnsmasq {

namespace {
bool g_fast_exit = false;
}

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ISC2DNSMASQ_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define ISC2DNSMASQ_ASAN 1
#endif

void enable_fast_exit() {
#ifndef ISC2DNSMASQ_ASAN
  g_fast_exit = true;  // LeakSanitizer would report the objects left to the OS
#endif
}

bool fast_exit_enabled() { return g_fast_exit; }

}  // namespace isc2dnsmasq
