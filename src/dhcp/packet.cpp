// BOOTP/DHCPv4 encoding and decoding; decode is bounds-checked for untrusted input (fuzzed).
#include "dhcp/packet.hpp"

#include <algorithm>
#include <cstring>

namespace isc2dnsmasq::dhcp {

const Option* Packet::find(std::uint8_t code) const {
  for (const auto& o : options) {
    if (o.code == code) return &o;
  }
  return nullptr;
}

std::uint8_t Packet::message_type() const {
  const Option* o = find(53);
  return o && o->value.size() == 1 ? o->value[0] : 0;
}

namespace {
template <std::size_t N>
std::string field_text(const std::array<std::uint8_t, N>& f) {
  std::size_t n = 0;
  while (n < N && f[n] != 0) ++n;
  return std::string(f.begin(), f.begin() + static_cast<long>(n));
}
template <std::size_t N>
void set_field(std::array<std::uint8_t, N>& f, std::string_view s) {
  f.fill(0);
  std::memcpy(f.data(), s.data(), std::min(N, s.size()));
}

void put32(Bytes& out, std::uint32_t v) {
  out.push_back(static_cast<std::uint8_t>(v >> 24));
  out.push_back(static_cast<std::uint8_t>(v >> 16));
  out.push_back(static_cast<std::uint8_t>(v >> 8));
  out.push_back(static_cast<std::uint8_t>(v));
}
std::uint32_t get32(std::span<const std::uint8_t> b, std::size_t at) {
  return (std::uint32_t{b[at]} << 24) | (std::uint32_t{b[at + 1]} << 16) | (std::uint32_t{b[at + 2]} << 8) | b[at + 3];
}

// Appends the options of one area to `out`, concatenating repeated codes (RFC 3396).
bool parse_area(std::span<const std::uint8_t> area, std::vector<Option>& out, std::string& error) {
  std::size_t i = 0;
  while (i < area.size()) {
    std::uint8_t code = area[i];
    if (code == 0) {
      ++i;
      continue;
    }
    if (code == 255) return true;
    if (i + 1 >= area.size()) {
      error = "option " + std::to_string(code) + " has no length byte";
      return false;
    }
    std::size_t len = area[i + 1];
    if (i + 2 + len > area.size()) {
      error = "option " + std::to_string(code) + " runs past the end of the packet";
      return false;
    }
    auto value = area.subspan(i + 2, len);
    auto it = std::find_if(out.begin(), out.end(), [&](const Option& o) { return o.code == code; });
    if (it == out.end()) {
      out.push_back({code, Bytes(value.begin(), value.end())});
    } else {
      it->value.insert(it->value.end(), value.begin(), value.end());
    }
    i += 2 + len;
  }
  return true;
}
}  // namespace

std::string Packet::sname_text() const { return (overload & 2) ? std::string() : field_text(sname); }
std::string Packet::file_text() const { return (overload & 1) ? std::string() : field_text(file); }
void Packet::set_sname(std::string_view s) { set_field(sname, s); }
void Packet::set_file(std::string_view s) { set_field(file, s); }

Bytes encode(const Packet& p, std::size_t min_size) {
  Bytes out;
  out.reserve(std::max<std::size_t>(min_size, 576));
  out.push_back(p.op);
  out.push_back(p.htype);
  out.push_back(p.hlen);
  out.push_back(p.hops);
  put32(out, p.xid);
  out.push_back(static_cast<std::uint8_t>(p.secs >> 8));
  out.push_back(static_cast<std::uint8_t>(p.secs));
  out.push_back(static_cast<std::uint8_t>(p.flags >> 8));
  out.push_back(static_cast<std::uint8_t>(p.flags));
  for (Ipv4 a : {p.ciaddr, p.yiaddr, p.siaddr, p.giaddr}) put32(out, a.value);
  out.insert(out.end(), p.chaddr.begin(), p.chaddr.end());
  out.insert(out.end(), p.sname.begin(), p.sname.end());
  out.insert(out.end(), p.file.begin(), p.file.end());
  if (p.has_cookie) {
    put32(out, kMagicCookie);
    for (const auto& o : p.options) {
      std::size_t at = 0;
      // A zero-length option is one instance with length 0; longer ones split into 255-byte pieces.
      do {
        std::size_t n = std::min<std::size_t>(255, o.value.size() - at);
        out.push_back(o.code);
        out.push_back(static_cast<std::uint8_t>(n));
        out.insert(out.end(), o.value.begin() + static_cast<long>(at), o.value.begin() + static_cast<long>(at + n));
        at += n;
      } while (at < o.value.size());
    }
    out.push_back(255);
  }
  if (out.size() < min_size) out.resize(min_size, 0);
  return out;
}

std::optional<Packet> decode(std::span<const std::uint8_t> b, std::string& error) {
  if (b.size() < kHeaderSize) {
    error = "packet shorter than the 236-byte BOOTP header";
    return std::nullopt;
  }
  Packet p;
  p.op = b[0];
  p.htype = b[1];
  p.hlen = b[2];
  p.hops = b[3];
  if (p.hlen > 16) {
    error = "hardware address length over 16";
    return std::nullopt;
  }
  p.xid = get32(b, 4);
  p.secs = static_cast<std::uint16_t>((b[8] << 8) | b[9]);
  p.flags = static_cast<std::uint16_t>((b[10] << 8) | b[11]);
  p.ciaddr.value = get32(b, 12);
  p.yiaddr.value = get32(b, 16);
  p.siaddr.value = get32(b, 20);
  p.giaddr.value = get32(b, 24);
  std::copy_n(b.begin() + 28, 16, p.chaddr.begin());
  std::copy_n(b.begin() + 44, 64, p.sname.begin());
  std::copy_n(b.begin() + 108, 128, p.file.begin());
  if (b.size() < kHeaderSize + 4 || get32(b, kHeaderSize) != kMagicCookie) {
    p.has_cookie = false;
    return p;
  }
  if (!parse_area(b.subspan(kHeaderSize + 4), p.options, error)) return std::nullopt;
  if (const Option* ov = p.find(52); ov && ov->value.size() == 1 && ov->value[0] >= 1 && ov->value[0] <= 3) {
    p.overload = ov->value[0];
    // RFC 2131 4.1: the file field is read before sname.
    if ((p.overload & 1) && !parse_area(std::span<const std::uint8_t>(p.file), p.options, error)) return std::nullopt;
    if ((p.overload & 2) && !parse_area(std::span<const std::uint8_t>(p.sname), p.options, error)) return std::nullopt;
  }
  return p;
}

}  // namespace isc2dnsmasq::dhcp
