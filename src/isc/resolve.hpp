// Option resolution for a parsed dhcpd.conf: option spaces and definitions in source order, every
// option name to (space, code, format), every constant option value checked and encoded to bytes.
#pragma once

#include <memory>
#include <unordered_map>

#include "core/diagnostic.hpp"
#include "core/net.hpp"
#include "dhcp/isc_options.hpp"
#include "isc/ast.hpp"

namespace isc2dnsmasq::isc {

/// What resolution learned beyond the fields it fills in the AST.
struct Resolution {
  /// dhcpd's built-in spaces plus the config's `option space` / `option ... code` definitions
  /// (the final state: later stages use it to decode and describe options).
  dhcp::OptionRegistry registry;
  /// Encoded values of server parameters (`default-lease-time 600;` = server space code 1, "T"),
  /// and of `host-identifier option NAME VALUE;` (the value bytes).
  std::unordered_map<const ParamStmt*, Bytes> params;
  /// Host names used where dhcpd expects an IP address in an option value; dhcpd resolves them
  /// with DNS each time the option is evaluated (their 4 bytes are 0.0.0.0 in `encoded`).
  std::unordered_map<const OptionStmt*, std::vector<dhcp::EncodedValue::HostName>> host_names;
};

/// Walks `config` in source order as dhcpd's parser does:
/// - `option space` and `option [SPACE.]NAME code N = TYPE;` update the registry (only at the top
///   level, else "may not be scoped"); widths, types and encapsulated spaces are checked;
/// - every OptionStmt, OptionRef in expressions and server parameter is looked up; unknown
///   options and spaces are errors with did-you-mean suggestions;
/// - constant values are parsed against the option's format and encoded (OptionStmt::encoded,
///   resolved = true); bad values are errors located at the offending token, as dhcpd -t reports.
/// Fills OptionRef::{resolved_space, code, format} and OptionDefStmt::format. Then runs
/// validate_config (isc/validate.hpp): dhcpd's checks on generically parsed statements.
Resolution resolve_options(Config& config, DiagnosticSink& sink);

/// resolve_options one top-level statement at a time, for streaming with ParseOptions::on_top_level
/// (`check` resolves each statement as soon as it is parsed and then drops it).
/// With keep_results = false, Resolution::params and host_names stay empty (their keys would point
/// into statements the caller frees); diagnostics and the registry are the same.
class OptionResolver {
public:
  explicit OptionResolver(DiagnosticSink& sink, bool keep_results = true);
  ~OptionResolver();
  OptionResolver(const OptionResolver&) = delete;
  OptionResolver& operator=(const OptionResolver&) = delete;
  /// Resolves one top-level statement; statements must come in source order.
  void add(Stmt& top_level);
  /// Reports what needs the whole file and returns the result; call once, after the last add().
  Resolution finish();

private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace isc2dnsmasq::isc
