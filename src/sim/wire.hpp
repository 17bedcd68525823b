// Bridges the answer model and the packet codec: Scenario -> request packet, reply packet -> Answer.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "dhcp/packet.hpp"
#include "sim/answer.hpp"
#include "sim/scenario.hpp"

namespace isc2dnsmasq::sim {

/// The request a real client (or its relay) sends for `s`: op 1, htype/hlen/chaddr from the MAC,
/// hops 1 and giaddr when relayed, ciaddr, broadcast flag, secs, magic cookie, option 53 first
/// (none for BOOTP), then the scenario's options in order, END, padded to 300 bytes.
dhcp::Packet request_packet(const Scenario& s, std::uint32_t xid);
/// Wire bytes of request_packet().
Bytes encode_request(const Scenario& s, std::uint32_t xid);

/// What the client sees in a reply: kind from option 53 (2 offer, 5 ack, 6 nak; none when 53 is
/// missing on a DHCP packet with another value) or `bootp` without option 53; yiaddr when
/// non-zero; siaddr; sname/file text unless overloaded; lease time from a 4-byte option 51;
/// every option in wire order (instances concatenated; 0 and 255 never appear).
Answer answer_from_packet(const dhcp::Packet& p);
/// decode() + answer_from_packet(); nullopt with `error` for undecodable bytes or a non-reply (op != 2).
std::optional<Answer> decode_reply(std::span<const std::uint8_t> bytes, std::string& error);

}  // namespace isc2dnsmasq::sim
