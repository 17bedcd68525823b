// Parsing and formatting of addresses and byte strings.
#include "core/net.hpp"

#include <charconv>

namespace isc2dnsmasq {

namespace {
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

std::string to_hex(const Bytes& b) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  out.reserve(b.size() * 2);
  for (auto c : b) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

std::string to_colon_hex(const Bytes& b) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (i) out += ':';
    out += digits[b[i] >> 4];
    out += digits[b[i] & 15];
  }
  return out;
}

std::optional<Bytes> parse_hex(std::string_view s) {
  Bytes out;
  bool has_sep = s.find_first_of(":- ") != std::string_view::npos;
  if (!has_sep) {
    if (s.size() % 2) return std::nullopt;
    for (std::size_t i = 0; i < s.size(); i += 2) {
      int h = hex_value(s[i]), l = hex_value(s[i + 1]);
      if (h < 0 || l < 0) return std::nullopt;
      out.push_back(static_cast<std::uint8_t>(h * 16 + l));
    }
    return out;
  }
  std::size_t i = 0;
  while (i <= s.size()) {
    std::size_t j = s.find_first_of(":- ", i);
    if (j == std::string_view::npos) j = s.size();
    std::string_view part = s.substr(i, j - i);
    if (part.empty() || part.size() > 2) return std::nullopt;
    int v = 0;
    for (char c : part) {
      int h = hex_value(c);
      if (h < 0) return std::nullopt;
      v = v * 16 + h;
    }
    out.push_back(static_cast<std::uint8_t>(v));
    i = j + 1;
  }
  return out;
}

std::optional<Ipv4> Ipv4::parse(std::string_view s) {
  std::uint32_t v = 0;
  int parts = 0;
  std::size_t i = 0;
  while (parts < 4) {
    std::size_t j = i;
    while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
    if (j == i || j - i > 3) return std::nullopt;
    unsigned n = 0;
    std::from_chars(s.data() + i, s.data() + j, n);
    if (n > 255) return std::nullopt;
    v = (v << 8) | n;
    ++parts;
    if (parts < 4) {
      if (j >= s.size() || s[j] != '.') return std::nullopt;
      i = j + 1;
    } else {
      if (j != s.size()) return std::nullopt;
    }
  }
  return Ipv4{v};
}

std::string Ipv4::str() const {
  return fmt::format("{}.{}.{}.{}", value >> 24, (value >> 16) & 255, (value >> 8) & 255, value & 255);
}

Bytes Ipv4::bytes() const {
  return {static_cast<std::uint8_t>(value >> 24), static_cast<std::uint8_t>(value >> 16),
          static_cast<std::uint8_t>(value >> 8), static_cast<std::uint8_t>(value)};
}

std::optional<int> Prefix::mask_length(Ipv4 mask) {
  std::uint32_t m = mask.value;
  int len = 0;
  while (len < 32 && (m & (0x80000000u >> len))) ++len;
  std::uint32_t expect = len == 0 ? 0 : ~std::uint32_t{0} << (32 - len);
  if (m != expect) return std::nullopt;
  return len;
}

std::string Prefix::str() const { return fmt::format("{}/{}", network.str(), length); }

std::optional<HwAddr> HwAddr::parse(std::string_view s, std::uint8_t htype) {
  auto b = parse_hex(s);
  if (!b || b->empty() || s.find_first_of("- ") != std::string_view::npos) return std::nullopt;
  if (s.find(':') == std::string_view::npos && s.size() > 2) return std::nullopt;
  return HwAddr{htype, *b};
}

}  // namespace isc2dnsmasq
