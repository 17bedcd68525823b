// Raw rows of dhcpd's built-in option spaces, options and enumerations (data for isc_options).
#pragma once

#include <cstdint>
#include <vector>

namespace isc2dnsmasq::dhcp {

struct BuiltinOptionRow {
  const char* space;
  const char* name;
  std::uint32_t code;
  const char* format;
};

struct BuiltinSpaceRow {
  const char* name;
  int code_width;
  int length_width;
  std::uint32_t end;
};

struct BuiltinEnumRow {
  const char* enumeration;
  const char* name;
  std::uint8_t value;
};

const std::vector<BuiltinOptionRow>& builtin_option_rows();
const std::vector<BuiltinSpaceRow>& builtin_space_rows();
const std::vector<BuiltinEnumRow>& builtin_enum_rows();

}  // namespace isc2dnsmasq::dhcp
