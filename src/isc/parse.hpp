// ISC dhcpd.conf front end: text (+ includes) -> isc::Config, syntax errors as located diagnostics.
#pragma once

#include <optional>
#include <string>

#include "core/diagnostic.hpp"
#include "core/source.hpp"
#include "isc/ast.hpp"

namespace isc2dnsmasq::isc {

struct ParseOptions {
  /// Maximum nesting of braces and parentheses; deeper input is an error, not a stack overflow.
  int max_depth = 100;
  /// Follow `include "file";` (relative paths resolve against the current working directory, like
  /// dhcpd). When false, an include is an error.
  bool follow_includes = true;
};

/// Parses one already-loaded file; includes are loaded into `sources` as they are met.
/// Returns nullopt after appending at least one error to `sink`.
std::optional<Config> parse_isc(const SourceFile& file, SourceSet& sources, DiagnosticSink& sink,
                                const ParseOptions& options = {});

/// Loads `path` (as given on the command line) and parses it; an unreadable file is an error.
std::optional<Config> parse_isc_file(const std::string& path, SourceSet& sources, DiagnosticSink& sink,
                                     const ParseOptions& options = {});

}  // namespace isc2dnsmasq::isc
