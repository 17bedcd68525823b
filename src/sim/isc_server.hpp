// ISC dhcpd 4.4.3 as a function: what a fresh dhcpd answers one client, with the config line behind each value.
//
// The evaluator follows shared/reference/isc-dhcpd-semantics.md (section numbers below refer to it):
// network selection (§2), classification before host lookup (§6.1), host lookup by uid, hardware and
// host-identifier (§3), pools and permits with the anonymous-pool attachment quirk (§4.1, §4.2), the
// first free address of a fresh server (§4.4), scope execution with limiting chains (§5.2, §5.3),
// dhcp-eval expressions with their NULL rules (§7), reply options, PRL and order (§8), lease times
// (§10), REQUEST/INFORM/NAK rules (§11) and BOOTP (§11.6).
//
// Build an IscServer once per configuration (it indexes hosts by identifier and subnets by prefix);
// each answer() then costs O(log n) in hosts and subnets.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "isc/ast.hpp"
#include "isc/resolve.hpp"
#include "sim/answer.hpp"
#include "sim/scenario.hpp"

namespace isc2dnsmasq::sim {

struct SimOptions {
  /// Seconds since the epoch used for "infinite" leases (0x7fffffff - now); 0 = the current time.
  std::int64_t now = 0;
  /// Address of the server interface that receives the request when the scenario names none
  /// (option 54 and the BOOTP siaddr default). Unset = 0.0.0.0.
  std::optional<Ipv4> server_address;
  /// false: the answer's `why` keeps only what lean_why_keeps() names, and the other reasons are
  /// not built (verify evaluates every scenario this way). Every value is the same.
  bool full_why = true;
};

/// A resolved dhcpd.conf ready to answer scenarios. `config` must have been through
/// isc::resolve_options (option codes and encoded values filled in); both objects must outlive
/// the server. Without `resolution`, dhcpd's built-in option spaces are assumed.
class IscServer {
public:
  explicit IscServer(const isc::Config& config, const isc::Resolution* resolution = nullptr);
  ~IscServer();
  IscServer(const IscServer&) = delete;
  IscServer& operator=(const IscServer&) = delete;

  /// What dhcpd (fresh lease file, ping answered by nobody) replies to `scenario`. `why` holds one
  /// entry per value ("reply", "yiaddr", "option N", "lease_time", "file", ...) and per guard
  /// evaluated ("guard": class matches, if branches, host matches, network and pool choice).
  Answer answer(const Scenario& scenario, const SimOptions& options = {}) const;

  struct Model;

private:
  std::unique_ptr<Model> model_;
};

/// One-shot convenience: builds an IscServer and answers one scenario.
Answer simulate_isc(const isc::Config& config, const Scenario& scenario, const SimOptions& options = {},
                    const isc::Resolution* resolution = nullptr);

}  // namespace isc2dnsmasq::sim
