// Shared by `verify` and `diff`: flags, running the comparison, verdict output and exit codes.
#include "cli/verify_common.hpp"

#include <fstream>
#include <memory>
#include <ostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/output.hpp"
#include "cli/progress.hpp"
#include "core/exit.hpp"

namespace isc2dnsmasq::cli {

void add_verify_flags(CLI::App& sub, VerifyArgs& args) {
  sub.add_option("--seed", args.seed, "Seed of the random clients (reported in the verdict)")->capture_default_str();
  sub.add_option("--random", args.random, "Number of seeded random clients")->capture_default_str();
  sub.add_flag("--strict", args.strict, "Count intrinsic differences (docs/semantics.md) as differences");
  sub.add_flag("--json", args.json, "Print the verdict as JSON");
  sub.add_option("--jobs,-j", args.jobs, "Threads that evaluate scenarios (0: one per core; the verdict does not depend on it)")
      ->capture_default_str();
  sub.add_flag("--timings", args.timings, "Print the wall time of each phase on stderr");
  sub.add_option("--write-dnsmasq", args.write_dnsmasq, "verify: also write the translated dnsmasq text to this file");
}

namespace {

/// With --timings: one "timing: PHASE SECONDS" line per phase and the total, on stderr.
void print_timings(Io& io, VerifyArgs& args) {
  if (!args.timings) return;
  args.phases.stop();
  double total = 0;
  for (const auto& row : args.phases.rows()) {
    io.err << fmt::format("timing: {:<22} {:8.3f} s {:+8.1f} MiB\n", row.name, row.seconds,
                          row.rss_growth / (1024.0 * 1024.0));
    total += row.seconds;
  }
  io.err << fmt::format("timing: {:<22} {:8.3f} s {:8.1f} MiB resident\n", "total", total,
                        static_cast<double>(resident_bytes()) / (1024.0 * 1024.0));
}

int compare_and_report(Io& io, const GlobalOptions& g, VerifyArgs& args, DiagnosticSink& sink,
                       const std::optional<sim::LoadedConfig>& left, const std::optional<sim::LoadedConfig>& right) {
  if (!left || !right || sink.has_errors()) {
    sink.sort();
    render_text(io.err, sink, {use_color(g, io)});
    return kExitFindings;
  }
  if (!args.write_dnsmasq.empty() && !right->translated_text.empty()) {
    std::string err = write_atomically(args.write_dnsmasq, right->translated_text);
    if (!err.empty()) {
      io.err << fmt::format("isc2dnsmasq: error: {}\n", err);
      return kExitFindings;
    }
  }
  sim::VerifyOptions vo;
  vo.generate.seed = args.seed;
  vo.generate.random_clients = args.random;
  vo.strict = args.strict;
  vo.jobs = args.jobs;
  // Progress on stderr, only on a terminal; the total is known once scenarios are generated.
  std::unique_ptr<Progress> bar;
  if (progress_enabled(g, io)) {
    vo.progress = [&bar, &io](std::size_t done, std::size_t total) {
      if (!bar) bar = std::make_unique<Progress>(io.err, true, "verify", total);
      bar->update(done);
    };
  }
  if (args.timings) vo.timings = &args.phases;
  auto r = sim::verify_configs(*left, *right, vo);
  timing_phase(vo.timings, "render");
  if (bar) bar->finish();
  if (args.json || g.format == "json") {
    io.out << sim::render_verdict_json(r);
  } else {
    io.out << sim::render_verdict_text(r);
    if (right->approximate || right->untranslatable)
      io.out << fmt::format("translation: {} approximate, {} untranslatable statements (see `translate --report`)\n",
                            right->approximate, right->untranslatable);
  }
  sink.sort();
  render_text(io.err, sink, {use_color(g, io)});
  int rc = r.is_equivalent() ? kExitOk : kExitDifferent;
  dispose(r);
  return rc;
}

}  // namespace

int run_verify(Io& io, const GlobalOptions& g, VerifyArgs& args, DiagnosticSink& sink,
               std::optional<sim::LoadedConfig>& left, std::optional<sim::LoadedConfig>& right) {
  int rc = compare_and_report(io, g, args, sink, left, right);
  timing_phase(args.timings ? &args.phases : nullptr, "free");
  dispose(left);
  dispose(right);
  print_timings(io, args);
  return rc;
}

}  // namespace isc2dnsmasq::cli
