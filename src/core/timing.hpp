// Phase timings for `--timings`: wall seconds per named phase, printed on stderr by the CLI.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace isc2dnsmasq {

class Timings {
 public:
  /// Ends the running phase (if any) and starts `name`.
  void phase(std::string name) {
    stop();
    name_ = std::move(name);
    start_ = Clock::now();
  }
  void stop() {
    if (name_.empty()) return;
    rows_.push_back({std::move(name_), std::chrono::duration<double>(Clock::now() - start_).count()});
    name_.clear();
  }
  struct Row {
    std::string name;
    double seconds = 0;
  };
  const std::vector<Row>& rows() const { return rows_; }

 private:
  using Clock = std::chrono::steady_clock;
  std::string name_;
  Clock::time_point start_;
  std::vector<Row> rows_;
};

/// Starts a phase on `t` when timings were asked for; a no-op otherwise.
inline void timing_phase(Timings* t, std::string name) {
  if (t) t->phase(std::move(name));
}

}  // namespace isc2dnsmasq
