// Sends one DHCP request to a live server and waits for the reply (Linux sockets; used by `probe` and the lab).
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>

#include "core/net.hpp"

namespace isc2dnsmasq::dhcp {

/// Outcome of one request/reply exchange. `reply` is empty on timeout; `error` is set when the
/// exchange could not be attempted (socket, bind or send failed).
struct ExchangeResult {
  std::optional<Bytes> reply;
  std::string error;
  double seconds = 0;  // time until the reply (or until giving up)
};

/// Acts as a relay agent: sends `request` (giaddr already set to `local`) by UDP from local:67 to
/// server:67, then waits for a BOOTREPLY with the same `xid` sent back to local:67. `local` must
/// be an address of this host (network namespace); binding port 67 needs root or CAP_NET_BIND_SERVICE.
ExchangeResult exchange_relayed(const Bytes& request, std::uint32_t xid, Ipv4 local, Ipv4 server,
                                double timeout_s, const std::atomic<bool>* cancel = nullptr);

/// Acts as a client on `ifname`: broadcasts `request` from 0.0.0.0:68 to 255.255.255.255:67 in an
/// Ethernet frame, and captures (promiscuously, so unicast replies to the client's chaddr are
/// seen too) the first UDP BOOTREPLY to port 68 with the same `xid`. Needs CAP_NET_RAW.
ExchangeResult exchange_broadcast(const Bytes& request, std::uint32_t xid, const std::string& ifname,
                                  double timeout_s, const std::atomic<bool>* cancel = nullptr);

}  // namespace isc2dnsmasq::dhcp
