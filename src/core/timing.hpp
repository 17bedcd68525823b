// Phase timings for `--timings`: wall seconds and resident-memory growth per named phase, printed on stderr by the CLI.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace isc2dnsmasq {

/// Resident set size of this process in bytes (from /proc/self/statm); 0 when unknown.
std::size_t resident_bytes();

class Timings {
 public:
  /// Ends the running phase (if any) and starts `name`.
  void phase(std::string name) {
    stop();
    name_ = std::move(name);
    start_ = Clock::now();
    start_rss_ = resident_bytes();
  }
  void stop() {
    if (name_.empty()) return;
    std::size_t rss = resident_bytes();
    rows_.push_back({std::move(name_), std::chrono::duration<double>(Clock::now() - start_).count(),
                     static_cast<double>(rss) - static_cast<double>(start_rss_)});
    name_.clear();
  }
  struct Row {
    std::string name;
    double seconds = 0;
    double rss_growth = 0;  ///< bytes; negative when the phase gave memory back
  };
  const std::vector<Row>& rows() const { return rows_; }

 private:
  using Clock = std::chrono::steady_clock;
  std::string name_;
  Clock::time_point start_;
  std::size_t start_rss_ = 0;
  std::vector<Row> rows_;
};

/// Starts a phase on `t` when timings were asked for; a no-op otherwise.
inline void timing_phase(Timings* t, std::string name) {
  if (t) t->phase(std::move(name));
}

}  // namespace isc2dnsmasq
