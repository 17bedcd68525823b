// The dnsmasq 2.90 DHCPv4 server as a function: what a fresh dnsmasq answers one client, and why.
//
// The model is always one read back from dnsmasq text (read_dnsmasq), so the simulator judges
// the config a user deploys. Semantics follow shared/reference/dnsmasq-semantics.md (rfc2131.c
// dhcp_reply/do_options, dhcp-common.c option_filter/find_config, dhcp.c address_allocate); the
// real dnsmasq in the lab (tests/scripts/lab_dnsmasq_sim.sh) is the judge where they disagree.
//
// The server is fresh: no leases, no answered pings (the lab runs dnsmasq with --no-ping), every
// range's addr_epoch 0. So the first OFFER is exactly predictable (SDBM hash of chaddr), a
// SELECTING REQUEST is ACKed or NAKed on the config alone, and an INIT-REBOOT or RENEWING REQUEST
// is ignored unless dhcp-authoritative is set.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/net.hpp"
#include "dnsmasq/model.hpp"
#include "sim/answer.hpp"
#include "sim/scenario.hpp"

namespace isc2dnsmasq::sim {

/// One IPv4 address of a server interface.
struct SimInterface {
  Ipv4 address;
  int prefix = 24;
  /// The interface name: dnsmasq sets it as a tag on every request that arrives there.
  std::string name = "eth0";
};

struct DnsmasqSimOptions {
  /// The DNS port (--port). dnsmasq sends a default option 6 only when it is 53. The lab runs
  /// dnsmasq with --port=0, hence the default. A `port=` line in the config overrides this, as a
  /// config value overrides the command line in dnsmasq.
  int port = 0;
  /// The server's interface addresses. The first one receives relayed requests and direct
  /// requests without `interface`; a direct scenario's `interface` picks the one with that
  /// address (an unknown address is taken as a /24 named like the first). Empty: one interface
  /// derived from the config by default_interface().
  std::vector<SimInterface> interfaces;
};

/// The interface a lab would give this config: the first IPv4 dhcp-range's subnet (its netmask,
/// or /24) with host number 1, named "eth0"; 192.0.2.1/24 when there is no range.
SimInterface default_interface(const dnsmasq::Model& model);

struct DnsmasqIndex;

/// A dnsmasq server prepared for many requests: hosts are indexed by client id, MAC, name and
/// address once, so each answer() costs O(log hosts) plus the size of the ranges it allocates from.
/// `model` must outlive the server.
class DnsmasqServer {
public:
  explicit DnsmasqServer(const dnsmasq::Model& model, DnsmasqSimOptions options = {});
  ~DnsmasqServer();
  DnsmasqServer(const DnsmasqServer&) = delete;
  DnsmasqServer& operator=(const DnsmasqServer&) = delete;
  /// The same answer as simulate_dnsmasq(model, scenario, options).
  /// `full_why` false: `why` keeps only what lean_why_keeps() names (see SimOptions::full_why).
  Answer answer(const Scenario& scenario, bool full_why = true) const;

private:
  const dnsmasq::Model& model_;
  DnsmasqSimOptions options_;
  std::unique_ptr<DnsmasqIndex> index_;
};

/// What a fresh dnsmasq 2.90 answers `scenario` under `model`. Answer::server is "dnsmasq";
/// Answer::why holds, for every value, the config line ("file:line") and the rule that made it.
/// For dynamic addresses `yiaddr` is the first offer of a fresh server and `pool` the addresses
/// the allocation may draw from (every dynamic range it tries, without reserved addresses).
Answer simulate_dnsmasq(const dnsmasq::Model& model, const Scenario& scenario, const DnsmasqSimOptions& options = {});

}  // namespace isc2dnsmasq::sim
