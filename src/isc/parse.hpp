// ISC dhcpd.conf front end: text (+ includes) -> isc::Config, syntax errors as located diagnostics.
#pragma once

#include <functional>
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
  /// Streaming: when set, each finished top-level statement (with everything nested in it) is
  /// passed here in source order and then freed, so the returned Config's body is empty and
  /// memory grows with the largest top-level statement, not with the file. Statements are handed
  /// over before the whole input is known to be valid: a caller must drop what it learned from
  /// them when parse_isc returns nullopt.
  std::function<void(Stmt&)> on_top_level;
};

/// Parses one already-loaded file; includes are loaded into `sources` as they are met.
/// Returns nullopt after appending at least one error to `sink`.
std::optional<Config> parse_isc(const SourceFile& file, SourceSet& sources, DiagnosticSink& sink,
                                const ParseOptions& options = {});

/// Loads `path` (as given on the command line) and parses it; an unreadable file is an error.
std::optional<Config> parse_isc_file(const std::string& path, SourceSet& sources, DiagnosticSink& sink,
                                     const ParseOptions& options = {});

}  // namespace isc2dnsmasq::isc
