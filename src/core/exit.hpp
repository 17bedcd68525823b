// Leaving large structures to the operating system at exit instead of freeing them node by node.
#pragma once

#include <utility>

namespace isc2dnsmasq {

/// main() calls this: the process ends right after the command returns, so `dispose` may leave
/// objects to the OS, which takes back their pages at once (freeing a 100,000-host AST and its
/// indexes node by node costs a noticeable part of a `verify` run). Unit tests never call it, and
/// sanitizer builds ignore it, so there everything is destroyed as usual.
void enable_fast_exit();
bool fast_exit_enabled();

/// Ends the life of `object`'s contents: destroyed here, or (fast exit) moved to the heap and never freed.
template <class T>
void dispose(T& object) {
  if (fast_exit_enabled()) {
    new T(std::move(object));  // intentionally not freed: the process is about to exit
    return;
  }
  T gone(std::move(object));
}

}  // namespace isc2dnsmasq
