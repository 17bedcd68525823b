// Checks dhcpd's parser makes on statements the grammar keeps generically: server-duid values,
// one interface per shared network, failover peer and legacy class references, key secrets.
#pragma once

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

}  // namespace isc2dnsmasq::isc
