// Shared output of diagnostics for every subcommand: text (stderr), JSON or SARIF (stdout) per --format.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>

#include "cli/app.hpp"
#include "core/diagnostic.hpp"

namespace isc2dnsmasq::cli {

/// Renders `sink` once, in the format chosen by --format:
///   text  -> GCC-style on io.err, coloured per use_color();
///   json  -> one JSON document on io.out (docs/output-formats.md);
///   sarif -> one SARIF 2.1.0 log on io.out (docs/output-formats.md).
/// Returns kExitFindings when there are errors (or warnings under --werror), else kExitOk,
/// so a command can `return emit_diagnostics(io, g, sink);` or combine it with its own verdict.
int emit_diagnostics(Io& io, const GlobalOptions& g, const DiagnosticSink& sink);

/// As emit_diagnostics, but JSON and SARIF go to `machine_out` instead of io.out: for commands whose
/// stdout carries other data (translate writes the dnsmasq config there, so its report goes to stderr).
int emit_diagnostics_to(std::ostream& machine_out, Io& io, const GlobalOptions& g, const DiagnosticSink& sink);

/// Whether `sink` fails the run under `g` (errors, or warnings with --werror).
bool has_failures(const GlobalOptions& g, const DiagnosticSink& sink);

/// Writes `text` to `path` through a temporary file in the same directory and a rename, so a
/// reader never sees a half-written file. Returns an error text, empty on success.
std::string write_atomically(const std::string& path, std::string_view text);

}  // namespace isc2dnsmasq::cli
