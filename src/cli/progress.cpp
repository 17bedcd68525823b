// Progress bar drawing: one carriage-return-updated line on stderr, erased when done.
#include "cli/progress.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <ostream>

#include <fmt/format.h>

namespace isc2dnsmasq::cli {

namespace {
constexpr int kBarWidth = 30;
}

Progress::Progress(std::ostream& err, bool enabled, std::string label, std::uint64_t total)
    : err_(err), enabled_(enabled && total > 0), label_(std::move(label)), total_(total) {
  if (enabled_) draw();
}

Progress::~Progress() { finish(); }

void Progress::update(std::uint64_t done) {
  done_ = std::min(done, total_);
  if (!enabled_) return;
  int percent = static_cast<int>(done_ * 100 / total_);
  if (percent != shown_percent_) draw();
}

void Progress::draw() {
  shown_percent_ = static_cast<int>(done_ * 100 / total_);
  int filled = static_cast<int>(done_ * kBarWidth / total_);
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.append(static_cast<std::size_t>(kBarWidth - filled), '-');
  err_ << fmt::format("\r{} [{}] {:3}% {}/{}", label_, bar, shown_percent_, done_, total_) << std::flush;
  drawn_ = true;
}

void Progress::finish() {
  if (!drawn_) return;
  // "\r" + erase-to-end-of-line leaves the cursor at column 0 of an empty line.
  err_ << "\r\033[K" << std::flush;
  drawn_ = false;
  enabled_ = false;
}

bool progress_enabled(const GlobalOptions&, const Io& io) {
  if (!io.err_is_tty) return false;
  const char* term = std::getenv("TERM");
  if (term && std::strcmp(term, "dumb") == 0) return false;
  const char* off = std::getenv("ISC2DNSMASQ_NO_PROGRESS");
  return !(off && *off);
}

}  // namespace isc2dnsmasq::cli
