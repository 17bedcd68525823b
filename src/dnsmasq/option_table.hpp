// dnsmasq 2.90's DHCPv4 option table (dhcp-common.c opttab[]): names, codes and value types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace isc2dnsmasq::dnsmasq {

/// Type flags of an option, with dnsmasq's own bit values so that the reader can reproduce its
/// quirks exactly (an internal option used with a decimal value takes 0x2000 as its width).
enum OptionTypeFlag : std::uint16_t {
  kOtAddrList = 0x8000,     ///< IPv4 address list required
  kOtRfc1035Name = 0x4000,  ///< RFC 1035 domain-name list (119)
  kOtInternal = 0x2000,     ///< not allowed as option:NAME in dhcp-option (only in dhcp-match)
  kOtName = 0x1000,         ///< always a string
  kOtCString = 0x0800,      ///< (DHCPv6 only)
  kOtDec = 0x0400,          ///< decimal display only; masked off by lookups
  kOtTime = 0x0200,         ///< 4-byte seconds with s/m/h/d/w suffixes
  kOtSizeMask = 0x00ff,     ///< fixed integer width in bytes, 0 = none
};

struct OptionInfo {
  std::string_view name;
  std::uint16_t code;
  std::uint16_t size;  ///< OptionTypeFlag bits | fixed width
};

/// Case-insensitive lookup by name (dnsmasq's lookup_dhcp_opt); nullptr when unknown.
const OptionInfo* find_option(std::string_view name);
/// Lookup by code; nullptr when the code is not in the table.
const OptionInfo* find_option(std::uint32_t code);
/// dnsmasq's lookup_dhcp_len(): the size field with kOtDec removed, 0 for codes not in the table.
std::uint16_t option_len_flags(std::uint32_t code);
/// Every DHCPv4 option table row, in table order.
const std::vector<OptionInfo>& option_table();
/// Names usable as option:NAME in dhcp-option (the non-internal rows), for suggestions.
std::vector<std::string> option_names();

}  // namespace isc2dnsmasq::dnsmasq
