// BOOTP/DHCPv4 packet codec: header fields plus options, with RFC 3396 long options and option overload (52).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/net.hpp"

namespace isc2dnsmasq::dhcp {

constexpr std::uint32_t kMagicCookie = 0x63825363;
constexpr std::size_t kHeaderSize = 236;       // fixed BOOTP header, before the magic cookie
constexpr std::size_t kMinPacketSize = 300;    // BOOTP minimum (RFC 951 vendor area of 64 bytes)

/// One option; after decode there is one entry per code (instances concatenated, RFC 3396).
struct Option {
  std::uint8_t code = 0;
  Bytes value;
  bool operator==(const Option&) const = default;
};

/// Message types of option 53.
enum MessageType : std::uint8_t {
  kDiscover = 1, kOffer = 2, kRequest = 3, kDecline = 4, kAck = 5, kNak = 6, kRelease = 7, kInform = 8,
};

/// A decoded or to-be-encoded BOOTP/DHCP message.
struct Packet {
  std::uint8_t op = 1;  // 1 BOOTREQUEST, 2 BOOTREPLY
  std::uint8_t htype = 1;
  std::uint8_t hlen = 6;
  std::uint8_t hops = 0;
  std::uint32_t xid = 0;
  std::uint16_t secs = 0;
  std::uint16_t flags = 0;  // 0x8000 = broadcast
  Ipv4 ciaddr, yiaddr, siaddr, giaddr;
  std::array<std::uint8_t, 16> chaddr{};
  std::array<std::uint8_t, 64> sname{};  // raw field bytes
  std::array<std::uint8_t, 128> file{};  // raw field bytes
  /// False for a pure BOOTP packet without the magic cookie (then `options` is empty).
  bool has_cookie = true;
  /// In wire order of each code's first instance. Option 52 is kept when decoded; the overloaded
  /// field's bytes are parsed as options and its text fields (sname_text/file_text) read as empty.
  std::vector<Option> options;
  /// Set by decode when option 52 said that file (bit 1) / sname (bit 2) carry options.
  std::uint8_t overload = 0;

  const Option* find(std::uint8_t code) const;
  /// Option 53, or 0 when absent or not one byte.
  std::uint8_t message_type() const;
  /// The field as text up to the first NUL; empty when the field was overloaded with options.
  std::string sname_text() const;
  std::string file_text() const;
  void set_sname(std::string_view s);
  void set_file(std::string_view s);
};

/// Wire bytes: header, cookie, options (values over 255 bytes split into consecutive instances),
/// END, zero padding up to `min_size`. No overload is produced.
Bytes encode(const Packet& p, std::size_t min_size = kMinPacketSize);

/// Parses any byte string; never throws, never reads out of bounds. Returns nullopt with a short
/// reason in `error` for packets shorter than the header, hlen > 16, or malformed options (length
/// past the end of its area). PAD is skipped; the options area may end without END.
std::optional<Packet> decode(std::span<const std::uint8_t> bytes, std::string& error);

}  // namespace isc2dnsmasq::dhcp
