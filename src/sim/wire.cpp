// Scenario -> request packet and reply packet -> Answer conversions.
#include "sim/wire.hpp"

#include <algorithm>

namespace isc2dnsmasq::sim {

dhcp::Packet request_packet(const Scenario& s, std::uint32_t xid) {
  dhcp::Packet p;
  p.op = 1;
  p.htype = s.chaddr.htype;
  p.hlen = static_cast<std::uint8_t>(std::min<std::size_t>(16, s.chaddr.addr.size()));
  std::copy_n(s.chaddr.addr.begin(), p.hlen, p.chaddr.begin());
  p.xid = xid;
  p.secs = s.secs;
  p.flags = s.broadcast ? 0x8000 : 0;
  if (s.ciaddr) p.ciaddr = *s.ciaddr;
  if (s.relay) {
    p.giaddr = *s.relay;
    p.hops = 1;
  }
  if (s.message != MessageType::Bootp) {
    std::uint8_t type = s.message == MessageType::Discover ? dhcp::kDiscover
                        : s.message == MessageType::Request ? dhcp::kRequest
                                                            : dhcp::kInform;
    p.options.push_back({53, {type}});
  }
  for (const auto& o : s.options) p.options.push_back({o.code, o.value});
  return p;
}

Bytes encode_request(const Scenario& s, std::uint32_t xid) { return dhcp::encode(request_packet(s, xid)); }

Answer answer_from_packet(const dhcp::Packet& p) {
  Answer a;
  if (!p.has_cookie || !p.find(53)) {
    a.reply = Reply::Bootp;
  } else {
    switch (p.message_type()) {
      case dhcp::kOffer: a.reply = Reply::Offer; break;
      case dhcp::kAck: a.reply = Reply::Ack; break;
      case dhcp::kNak: a.reply = Reply::Nak; break;
      default: a.reply = Reply::None; break;
    }
  }
  if (p.yiaddr.value != 0) a.yiaddr = p.yiaddr;
  a.siaddr = p.siaddr;
  a.sname = p.sname_text();
  a.file = p.file_text();
  if (const dhcp::Option* lt = p.find(51); lt && lt->value.size() == 4) {
    a.lease_time = (std::uint32_t{lt->value[0]} << 24) | (std::uint32_t{lt->value[1]} << 16) |
                   (std::uint32_t{lt->value[2]} << 8) | lt->value[3];
  }
  for (const auto& o : p.options) a.options.push_back({o.code, o.value});
  return a;
}

std::optional<Answer> decode_reply(std::span<const std::uint8_t> bytes, std::string& error) {
  auto p = dhcp::decode(bytes, error);
  if (!p) return std::nullopt;
  if (p->op != 2) {
    error = "not a BOOTREPLY (op is not 2)";
    return std::nullopt;
  }
  return answer_from_packet(*p);
}

}  // namespace isc2dnsmasq::sim
