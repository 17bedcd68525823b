// Shared rendering of diagnostics in the --format the user chose (text, JSON, SARIF).
#include "cli/output.hpp"

#include <ostream>

#include "core/sarif.hpp"

namespace isc2dnsmasq::cli {

bool has_failures(const GlobalOptions& g, const DiagnosticSink& sink) {
  return sink.has_errors() || (g.werror && sink.warning_count() > 0);
}

int emit_diagnostics_to(std::ostream& machine_out, Io& io, const GlobalOptions& g, const DiagnosticSink& sink) {
  if (g.format == "json") {
    render_json(machine_out, sink);
  } else if (g.format == "sarif") {
    SarifOptions opt;
    opt.tool_version = ISC2DNSMASQ_VERSION;
    opt.warnings_as_errors = g.werror;
    render_sarif(machine_out, sink, opt);
  } else {
    render_text(io.err, sink, {use_color(g, io)});
  }
  return has_failures(g, sink) ? kExitFindings : kExitOk;
}

int emit_diagnostics(Io& io, const GlobalOptions& g, const DiagnosticSink& sink) {
  return emit_diagnostics_to(io.out, io, g, sink);
}

}  // namespace isc2dnsmasq::cli
