// `verify dhcpd.conf [dnsmasq.conf] [--seed N] [--strict] [--json]`: do the two configs answer every generated client alike?
#include <ostream>

#include <CLI/CLI.hpp>

#include "cli/app.hpp"
#include "cli/verify_common.hpp"
#include "core/diagnostic.hpp"
#include "sim/verify.hpp"

namespace isc2dnsmasq::cli {

Command make_verify(CLI::App& app, const GlobalOptions& g) {
  auto* sub = app.add_subcommand(
      "verify", "Prove a dnsmasq config (given, or translated in memory) answers every generated client as dhcpd.conf does");
  auto args = std::make_shared<VerifyArgs>();
  sub->add_option("dhcpd.conf", args->left, "ISC dhcpd.conf")->required();
  sub->add_option("dnsmasq.conf", args->right, "dnsmasq config (default: the translation of dhcpd.conf, written and read back)");
  add_verify_flags(*sub, *args);
  return {sub, [args, &g](Io& io) {
            SourceSet sources;
            DiagnosticSink sink;
            Timings* t = args->timings ? &args->phases : nullptr;
            timing_phase(t, "load " + args->left);
            auto left = sim::load_config(args->left, sources, sink, sim::LoadedConfig::Kind::Isc);
            std::optional<sim::LoadedConfig> right;
            if (left) {
              if (args->right.empty()) {
                right = sim::translate_in_memory(*left, sources, sink, t);
              } else {
                timing_phase(t, "load " + args->right);
                right = sim::load_config(args->right, sources, sink, sim::LoadedConfig::Kind::Dnsmasq);
              }
            }
            return run_verify(io, g, *args, sink, left, right);
          }};
}

}  // namespace isc2dnsmasq::cli
