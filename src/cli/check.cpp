// `check FILE...`: load each file and report problems (front ends plug in here).
#include <ostream>

#include <CLI/CLI.hpp>

#include "cli/app.hpp"
#include "core/diagnostic.hpp"
#include "core/source.hpp"

namespace isc2dnsmasq::cli {

Command make_check(CLI::App& app, const GlobalOptions& g) {
  auto* sub = app.add_subcommand("check", "Parse and resolve configs; report errors with file:line:col");
  auto files = std::make_shared<std::vector<std::string>>();
  sub->add_option("files", *files, "dhcpd.conf or dnsmasq config files")->required();
  return {sub, [files, &g](Io& io) {
            SourceSet sources;
            DiagnosticSink sink;
            for (const auto& f : *files) {
              std::string error;
              if (!sources.load(f, error)) sink.error({}, "cannot read '{}': {}", f, error);
            }
            if (g.format == "json") {
              render_json(io.out, sink);
            } else {
              render_text(io.err, sink, {use_color(g, io)});
            }
            return sink.has_errors() ? kExitFindings : kExitOk;
          }};
}

}  // namespace isc2dnsmasq::cli
