// Small value types shared by every layer: Ipv4 addresses, prefixes, hardware addresses, byte strings.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

namespace isc2dnsmasq {

using Bytes = std::vector<std::uint8_t>;

/// Lowercase hex with no separators ("0a0b"); the form answers and JSON use.
std::string to_hex(const Bytes& b);
/// Colon-separated lowercase hex ("0a:0b").
std::string to_colon_hex(const Bytes& b);
/// Parses hex digits with optional ':' , '-' or ' ' separators between bytes ("0a0b", "a:b", "0a-0b").
std::optional<Bytes> parse_hex(std::string_view s);

struct Ipv4 {
  std::uint32_t value = 0;  // host byte order

  static std::optional<Ipv4> parse(std::string_view s);
  std::string str() const;
  Bytes bytes() const;
  auto operator<=>(const Ipv4&) const = default;
};

/// A subnet: network address + prefix length.
struct Prefix {
  Ipv4 network;
  int length = 0;

  std::uint32_t mask() const { return length == 0 ? 0 : ~std::uint32_t{0} << (32 - length); }
  bool contains(Ipv4 a) const { return (a.value & mask()) == network.value; }
  Ipv4 broadcast() const { return Ipv4{network.value | ~mask()}; }
  /// Prefix length of a contiguous netmask, or nullopt.
  static std::optional<int> mask_length(Ipv4 mask);
  std::string str() const;
  auto operator<=>(const Prefix&) const = default;
};

/// Hardware address with its ARP hardware type (1 = ethernet, 6 = token-ring, ...).
struct HwAddr {
  std::uint8_t htype = 1;
  Bytes addr;

  /// Parses "aa:bb:cc:dd:ee:ff" (1 or 2 hex digits per byte, as dhcpd accepts).
  static std::optional<HwAddr> parse(std::string_view s, std::uint8_t htype = 1);
  std::string str() const { return to_colon_hex(addr); }
  auto operator<=>(const HwAddr&) const = default;
};

}  // namespace isc2dnsmasq

template <>
struct fmt::formatter<isc2dnsmasq::Ipv4> : fmt::formatter<std::string_view> {
  auto format(const isc2dnsmasq::Ipv4& a, fmt::format_context& ctx) const {
    return fmt::formatter<std::string_view>::format(a.str(), ctx);
  }
};
