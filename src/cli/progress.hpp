// A progress bar on stderr for long runs (verify over many scenarios); silent unless stderr is a terminal.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>

#include "cli/app.hpp"

namespace isc2dnsmasq::cli {

/// Usage (e.g. in verify.cpp):
///   Progress bar(io.err, progress_enabled(g, io), "verify", scenarios.size());
///   for (...) { ...; bar.advance(); }
///   bar.finish();   // erases the bar; call before printing diagnostics or the verdict to stderr
/// Redraws only when the shown percentage changes (at most 101 redraws, no timers), so it costs
/// nothing measurable and its output is deterministic. When disabled it writes nothing at all.
class Progress {
public:
  Progress(std::ostream& err, bool enabled, std::string label, std::uint64_t total);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  /// Sets the number of finished items (clamped to total).
  void update(std::uint64_t done);
  void advance(std::uint64_t n = 1) { update(done_ + n); }
  /// Erases the bar line. Idempotent; the destructor calls it.
  void finish();
  bool enabled() const { return enabled_; }

private:
  void draw();

  std::ostream& err_;
  bool enabled_;
  bool drawn_ = false;
  std::string label_;
  std::uint64_t total_;
  std::uint64_t done_ = 0;
  int shown_percent_ = -1;
};

/// A bar is shown only when stderr is a terminal (whatever --format); TERM=dumb and
/// ISC2DNSMASQ_NO_PROGRESS (any non-empty value) turn it off.
bool progress_enabled(const GlobalOptions& g, const Io& io);

}  // namespace isc2dnsmasq::cli
