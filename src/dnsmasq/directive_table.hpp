// The table of dnsmasq 2.90 configuration keywords: argument rule and repetition class per name.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace isc2dnsmasq::dnsmasq {

/// How often a keyword may appear in config files (option.c usage[]).
enum class Repeat {
  Dup,   ///< may repeat (ARG_DUP): dhcp-range, dhcp-host, dhcp-option, ...
  One,   ///< single-valued (ARG_ONE): a second occurrence in files is "illegal repeated keyword"
  Flag,  ///< boolean flag: sets a bit, may repeat
};

struct DirectiveInfo {
  std::string_view name;
  int has_arg;              ///< 0: no argument allowed, 1: argument required, 2: optional
  Repeat repeat;
  std::string_view group;   ///< keywords with the same group share one repetition slot (dhcp-lease/dhcp-leasefile)
};

/// Exact (case-sensitive) lookup, as dnsmasq's strcmp against opts[]; nullptr for a "bad option".
const DirectiveInfo* find_directive(std::string_view name);
/// Every keyword, for "did you mean" suggestions.
std::vector<std::string> directive_names();

}  // namespace isc2dnsmasq::dnsmasq
