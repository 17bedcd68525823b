// `diff A B`: behavioural difference of any two configs (ISC or dnsmasq, told apart by content), with witnesses.
#include <ostream>

#include <CLI/CLI.hpp>

#include "cli/app.hpp"
#include "cli/verify_common.hpp"
#include "core/diagnostic.hpp"
#include "sim/verify.hpp"

namespace isc2dnsmasq::cli {

Command make_diff(CLI::App& app, const GlobalOptions& g) {
  auto* sub = app.add_subcommand("diff", "Show the clients two configs (dhcpd.conf or dnsmasq, any pairing) answer differently");
  auto args = std::make_shared<VerifyArgs>();
  sub->add_option("A", args->left, "first config")->required();
  sub->add_option("B", args->right, "second config")->required();
  add_verify_flags(*sub, *args);
  return {sub, [args, &g](Io& io) {
            SourceSet sources;
            DiagnosticSink sink;
            Timings* t = args->timings ? &args->phases : nullptr;
            timing_phase(t, "load A");
            auto left = sim::load_config(args->left, sources, sink);
            timing_phase(t, "load B");
            auto right = sim::load_config(args->right, sources, sink);
            return run_verify(io, g, *args, sink, left, right);
          }};
}

}  // namespace isc2dnsmasq::cli
