// ISC option values (dhcpd format + wire bytes) as dnsmasq option specs that encode the same bytes.
#pragma once

#include <optional>
#include <string>

#include "core/net.hpp"
#include "dnsmasq/model.hpp"

namespace isc2dnsmasq::translate {

/// Where the option goes in dnsmasq.
struct OptionTarget {
  dnsmasq::OptionSpace space = dnsmasq::OptionSpace::Plain;
  std::int64_t encap = 0;    ///< encap:N
  std::string vendor_class;  ///< vendor:CLASS
  std::int64_t code = 0;
};

/// Builds the dnsmasq spec whose value dnsmasq 2.90 encodes to exactly `bytes`, preferring the
/// readable form the ISC format suggests (addresses, text, decimal with width suffix, domain
/// list), then colon hex. Returns nullopt (and a reason) when no dnsmasq spelling yields the bytes.
std::optional<dnsmasq::OptionSpec> make_option_spec(const OptionTarget& target, const std::string& isc_format,
                                                    const Bytes& bytes, std::string& why_not);

/// A dhcp-match spec for `code` with the given (possibly wildcarded) hex pattern or 1-byte decimal.
/// `pattern` must hold at least 2 bytes for the hex form; `wild` marks '*' bytes.
dnsmasq::OptionSpec make_match_hex(std::int64_t code, const Bytes& pattern, const std::vector<bool>& wild);
/// dhcp-match=set:T,code,<d>b : any single byte of the option equals d.
dnsmasq::OptionSpec make_match_byte(std::int64_t encap_or_code, std::uint8_t d);
/// dhcp-match=set:T,code : option present.
dnsmasq::OptionSpec make_match_exists(std::int64_t code);
/// dhcp-match=set:T,code,"text" : substring anywhere.
dnsmasq::OptionSpec make_match_substring(std::int64_t code, const Bytes& text);

/// Printable ASCII without characters that need care in dnsmasq text ("," is fine, quotes not).
bool is_plain_text(const Bytes& b);

}  // namespace isc2dnsmasq::translate
