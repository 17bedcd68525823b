// Flags and the run/render/exit-code logic shared by `verify` and `diff`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "cli/app.hpp"
#include "core/diagnostic.hpp"
#include "core/timing.hpp"
#include "sim/verify.hpp"

namespace CLI {
class App;
}

namespace isc2dnsmasq::cli {

struct VerifyArgs {
  std::string left, right;
  std::uint64_t seed = 1;
  std::size_t random = 8;
  bool strict = false;
  bool json = false;
  std::string write_dnsmasq;  ///< verify: also save the in-memory translation here
  unsigned jobs = 0;          ///< evaluation threads (0: one per core)
  bool timings = false;       ///< print the wall time of each phase on stderr
  Timings phases;             ///< filled by the command when `timings` is set
};

void add_verify_flags(CLI::App& sub, VerifyArgs& args);

/// Renders diagnostics, runs the comparison when both configs loaded, prints the verdict.
/// Exit: 1 input errors, 0 equivalent, 3 divergent (intrinsic ones only with --strict).
/// Then the configs are disposed of (core/exit.hpp) and, with --timings, the phases printed.
int run_verify(Io& io, const GlobalOptions& g, VerifyArgs& args, DiagnosticSink& sink,
               std::optional<sim::LoadedConfig>& left, std::optional<sim::LoadedConfig>& right);

}  // namespace isc2dnsmasq::cli
