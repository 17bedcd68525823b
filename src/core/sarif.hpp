// SARIF 2.1.0 rendering of diagnostics, for code-scanning tools (GitHub, GitLab, IDE viewers).
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>

#include "core/diagnostic.hpp"

namespace isc2dnsmasq {

struct SarifOptions {
  std::string tool_name = "isc2dnsmasq";
  std::string tool_version;     // e.g. ISC2DNSMASQ_VERSION; omitted when empty
  std::string information_uri;  // project home page; omitted when empty
  /// Directory that relative artifact URIs are computed from; empty = the current directory.
  /// Files outside it are written as absolute file:// URIs.
  std::string base_dir;
  /// Report warnings at level "error" (--werror).
  bool warnings_as_errors = false;
};

/// The stable SARIF rule id of a diagnostic (docs/output-formats.md):
/// its `code` when it has one (e.g. "untranslatable/failover"); otherwise "io" for unreadable
/// files, "syntax" for parse errors ("expected ..."/"unexpected ..."), else the severity name.
std::string sarif_rule_id(const Diagnostic& d);

/// The value of partialFingerprints["isc2dnsmasq/v1"] before the ":occurrence" suffix: a 64-bit
/// FNV-1a hash (16 hex digits) of rule id, artifact URI and the whitespace-normalised source line.
/// Line numbers are not part of it, so it survives lines being inserted above the finding.
std::string sarif_line_hash(std::string_view rule_id, std::string_view uri, std::string_view line_text);

/// A relative (or file://) URI reference for a source name, percent-encoded per RFC 3986.
std::string sarif_uri(std::string_view name, const std::string& base_dir = {});

/// One SARIF 2.1.0 log with one run holding every diagnostic of `sink` in order.
void render_sarif(std::ostream& os, const DiagnosticSink& sink, const SarifOptions& opt = {});

}  // namespace isc2dnsmasq
