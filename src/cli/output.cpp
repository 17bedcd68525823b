// Shared rendering of diagnostics in the --format the user chose (text, JSON, SARIF).
#include "cli/output.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <system_error>

#include <unistd.h>

#include <fmt/format.h>

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

std::string write_atomically(const std::string& path, std::string_view text) {
  namespace fs = std::filesystem;
  fs::path target(path);
  fs::path tmp = target;
  tmp += fmt::format(".tmp.{}", static_cast<unsigned long>(::getpid()));
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return fmt::format("cannot write '{}': {}", path, std::strerror(errno));
    out << text;
    out.flush();
    if (!out) {
      std::error_code ec;
      fs::remove(tmp, ec);
      return fmt::format("cannot write '{}': {}", path, std::strerror(errno));
    }
  }
  std::error_code ec;
  fs::rename(tmp, target, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return fmt::format("cannot rename to '{}': {}", path, ec.message());
  }
  return {};
}

}  // namespace isc2dnsmasq::cli
