// Telling a dnsmasq config from a dhcpd.conf by its content.
#pragma once

#include <string_view>

namespace isc2dnsmasq::dnsmasq {

/// True when `text` reads like a dnsmasq config: its first meaningful lines are dnsmasq
/// keywords ("key" or "key=value"), and it has none of dhcpd.conf's braces or ';'-terminated
/// statements. An empty or comment-only text is not dnsmasq.
bool looks_like_dnsmasq(std::string_view text);

}  // namespace isc2dnsmasq::dnsmasq
