// Scenario: one client request (message, hardware address, how it arrives, options), with its JSON form.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/net.hpp"
#include "core/source.hpp"

namespace isc2dnsmasq::sim {

/// The DHCP message the client sends. Bootp = a BOOTREQUEST with the magic cookie and no option 53.
enum class MessageType { Discover, Request, Inform, Bootp };

const char* message_name(MessageType m);  // "discover", "request", "inform", "bootp"

/// One option as the client puts it on the wire (code, value bytes without code/length).
struct ClientOption {
  std::uint8_t code = 0;
  Bytes value;
  bool operator==(const ClientOption&) const = default;
};

/// One client request. Conveniences from JSON (prl, user_class, ...) are already expanded into
/// `options`, which holds every option except 53 (derived from `message`), in wire order.
struct Scenario {
  std::string name;  // optional label shown in reports
  MessageType message = MessageType::Discover;
  HwAddr chaddr;  // htype + address; hlen = chaddr.addr.size()
  /// Relayed: the relay agent address (giaddr). Unset = the client is on a server interface.
  std::optional<Ipv4> relay;
  /// Direct: the address of the server interface the broadcast arrives on (unset = the only one).
  std::optional<Ipv4> interface;
  std::optional<Ipv4> ciaddr;  // INFORM and renewing REQUEST
  bool broadcast = false;      // BOOTP flags broadcast bit
  std::uint16_t secs = 0;
  std::vector<ClientOption> options;

  /// Value of option `code` (the first instance), or nullptr.
  const Bytes* option(std::uint8_t code) const;
  /// Option 55 as codes, or nullopt when the client sent none (which servers treat as "all").
  std::optional<std::vector<std::uint8_t>> prl() const;
  /// Option 82 sub-option `sub` (1 circuit-id, 2 remote-id, ...), or nullopt.
  std::optional<Bytes> agent_suboption(std::uint8_t sub) const;
  bool operator==(const Scenario&) const = default;
};

/// Parses the JSON form (docs/semantics.md) from `file`; errors go to `sink` located in `file`.
std::optional<Scenario> parse_scenario(const SourceFile& file, DiagnosticSink& sink);
/// Reads a file holding one scenario object or an array of them (errors located in `file`).
std::optional<std::vector<Scenario>> parse_scenarios(const SourceFile& file, DiagnosticSink& sink);
/// Canonical JSON: message, mac, htype (if not 1), relay/interface/ciaddr/broadcast/secs when set,
/// options as {"code": "hex"} in wire order. Conveniences are printed expanded.
std::string scenario_to_json(const Scenario& s, int indent = 0);

/// iPXE feature name -> option 175 sub-option code ("http" -> 19), or 0 when unknown.
std::uint8_t ipxe_feature_code(std::string_view name);

}  // namespace isc2dnsmasq::sim
