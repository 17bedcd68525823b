// Checks dhcpd's parser makes on statements the grammar keeps generically: server-duid values,
// one interface per shared network, failover peer and legacy class references, key secrets.
#pragma once

#include <memory>

#include "core/diagnostic.hpp"
#include "isc/ast.hpp"

namespace isc2dnsmasq::isc {

/// Reports, located at the offending token as `dhcpd -t` does:
/// - `server-duid` values that are not `llt [HWTYPE TIMESTAMP HWADDR]`, `ll [HWTYPE HWADDR]`,
///   `en NUMBER "ID"` or `NUMBER "ID"`;
/// - a second `interface` for one shared network (a subnet outside a shared-network is its own);
/// - `failover peer "NAME";` before a `failover peer "NAME" { ... }` declaration, and a declared
///   peer that no pool names (dhcpd checks it after parsing, without a line); an `omapi-key`
///   that names no declared key (also checked after parsing);
/// - `vendor-class`/`user-class "NAME"` without an earlier `class "NAME"`;
/// - key `secret` characters outside the base64 alphabet;
/// - range addresses outside their subnet (for a pool of a shared network: outside every subnet
///   declared before it).
void validate_config(const Config& config, DiagnosticSink& sink);

/// The same checks one top-level statement at a time (for a parse that frees each statement).
class ConfigValidator {
public:
  explicit ConfigValidator(DiagnosticSink& sink);
  ~ConfigValidator();
  ConfigValidator(const ConfigValidator&) = delete;
  ConfigValidator& operator=(const ConfigValidator&) = delete;
  /// One top-level statement, in source order.
  void add(const Stmt& top_level);
  /// The checks that need the whole file; call once after the last add().
  void finish();

private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace isc2dnsmasq::isc
