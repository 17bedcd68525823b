// UDP (relay role) and AF_PACKET (client role) exchanges with a DHCP server; every wait is bounded.
#include "dhcp/transport.hpp"

#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <net/if.h>
#include <netinet/in.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fmt/format.h>

#include "dhcp/packet.hpp"

namespace isc2dnsmasq::dhcp {

namespace {

using Clock = std::chrono::steady_clock;

struct Fd {
  int fd = -1;
  explicit Fd(int f) : fd(f) {}
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
};

std::string errno_text(const char* what) { return fmt::format("{}: {}", what, std::strerror(errno)); }

bool is_reply(const std::uint8_t* data, std::size_t n, std::uint32_t xid) {
  if (n < kHeaderSize || data[0] != 2) return false;
  std::uint32_t x = (std::uint32_t{data[4]} << 24) | (std::uint32_t{data[5]} << 16) | (std::uint32_t{data[6]} << 8) | data[7];
  return x == xid;
}

// Waits until `fd` is readable, the deadline passes, or `cancel` is set; polls in 100 ms slices.
bool wait_readable(int fd, Clock::time_point deadline, const std::atomic<bool>* cancel) {
  while (true) {
    if (cancel && cancel->load()) return false;
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return false;
    pollfd p{fd, POLLIN, 0};
    int r = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, 100)));
    if (r > 0) return true;
    if (r < 0 && errno != EINTR) return false;
  }
}

std::uint16_t checksum(const std::uint8_t* data, std::size_t n, std::uint32_t sum = 0) {
  for (std::size_t i = 0; i + 1 < n; i += 2) sum += (std::uint32_t{data[i]} << 8) | data[i + 1];
  if (n % 2) sum += std::uint32_t{data[n - 1]} << 8;
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return static_cast<std::uint16_t>(~sum);
}

// IPv4 + UDP around `payload`, from 0.0.0.0:68 to 255.255.255.255:67.
Bytes ip_udp_broadcast(const Bytes& payload) {
  std::size_t udp_len = 8 + payload.size();
  std::size_t total = 20 + udp_len;
  Bytes b(total, 0);
  b[0] = 0x45;
  b[2] = static_cast<std::uint8_t>(total >> 8);
  b[3] = static_cast<std::uint8_t>(total);
  b[8] = 64;  // TTL
  b[9] = 17;  // UDP
  for (int i = 16; i < 20; ++i) b[i] = 0xff;
  std::uint16_t ipsum = checksum(b.data(), 20);
  b[10] = static_cast<std::uint8_t>(ipsum >> 8);
  b[11] = static_cast<std::uint8_t>(ipsum);
  std::uint8_t* u = b.data() + 20;
  u[1] = 68;
  u[3] = 67;
  u[4] = static_cast<std::uint8_t>(udp_len >> 8);
  u[5] = static_cast<std::uint8_t>(udp_len);
  std::memcpy(u + 8, payload.data(), payload.size());
  // Pseudo header: source 0.0.0.0, destination 255.255.255.255, protocol 17, UDP length.
  std::uint32_t pseudo = 0xffff + 0xffff + 17 + static_cast<std::uint32_t>(udp_len);
  std::uint16_t usum = checksum(u, udp_len, pseudo);
  if (usum == 0) usum = 0xffff;
  u[6] = static_cast<std::uint8_t>(usum >> 8);
  u[7] = static_cast<std::uint8_t>(usum);
  return b;
}

}  // namespace

ExchangeResult exchange_relayed(const Bytes& request, std::uint32_t xid, Ipv4 local, Ipv4 server, double timeout_s,
                                const std::atomic<bool>* cancel) {
  ExchangeResult r;
  auto start = Clock::now();
  Fd s(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
  if (s.fd < 0) {
    r.error = errno_text("socket");
    return r;
  }
  int one = 1;
  ::setsockopt(s.fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in me{};
  me.sin_family = AF_INET;
  me.sin_port = htons(67);
  me.sin_addr.s_addr = htonl(local.value);
  if (::bind(s.fd, reinterpret_cast<sockaddr*>(&me), sizeof me) < 0) {
    r.error = errno_text(fmt::format("bind {}:67", local.str()).c_str());
    return r;
  }
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(67);
  to.sin_addr.s_addr = htonl(server.value);
  if (::sendto(s.fd, request.data(), request.size(), 0, reinterpret_cast<sockaddr*>(&to), sizeof to) < 0) {
    r.error = errno_text(fmt::format("send to {}:67", server.str()).c_str());
    return r;
  }
  auto deadline = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(timeout_s));
  std::uint8_t buf[65536];
  while (wait_readable(s.fd, deadline, cancel)) {
    ssize_t n = ::recv(s.fd, buf, sizeof buf, 0);
    if (n > 0 && is_reply(buf, static_cast<std::size_t>(n), xid)) {
      r.reply = Bytes(buf, buf + n);
      break;
    }
  }
  r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return r;
}

ExchangeResult exchange_broadcast(const Bytes& request, std::uint32_t xid, const std::string& ifname, double timeout_s,
                                  const std::atomic<bool>* cancel) {
  ExchangeResult r;
  auto start = Clock::now();
  unsigned index = ::if_nametoindex(ifname.c_str());
  if (index == 0) {
    r.error = errno_text(fmt::format("interface '{}'", ifname).c_str());
    return r;
  }
  Fd s(::socket(AF_PACKET, SOCK_DGRAM | SOCK_CLOEXEC, htons(ETH_P_IP)));
  if (s.fd < 0) {
    r.error = errno_text("packet socket");
    return r;
  }
  sockaddr_ll ll{};
  ll.sll_family = AF_PACKET;
  ll.sll_protocol = htons(ETH_P_IP);
  ll.sll_ifindex = static_cast<int>(index);
  if (::bind(s.fd, reinterpret_cast<sockaddr*>(&ll), sizeof ll) < 0) {
    r.error = errno_text(fmt::format("bind to '{}'", ifname).c_str());
    return r;
  }
  // Replies may be unicast to the client's chaddr, which is not this interface's address.
  packet_mreq mr{};
  mr.mr_ifindex = static_cast<int>(index);
  mr.mr_type = PACKET_MR_PROMISC;
  if (::setsockopt(s.fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mr, sizeof mr) < 0) {
    r.error = errno_text("promiscuous mode");
    return r;
  }
  Bytes frame = ip_udp_broadcast(request);
  sockaddr_ll to = ll;
  to.sll_halen = 6;
  std::memset(to.sll_addr, 0xff, 6);
  if (::sendto(s.fd, frame.data(), frame.size(), 0, reinterpret_cast<sockaddr*>(&to), sizeof to) < 0) {
    r.error = errno_text(fmt::format("send on '{}'", ifname).c_str());
    return r;
  }
  auto deadline = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(timeout_s));
  std::uint8_t buf[65536];
  while (wait_readable(s.fd, deadline, cancel)) {
    sockaddr_ll from{};
    socklen_t fl = sizeof from;
    ssize_t n = ::recvfrom(s.fd, buf, sizeof buf, 0, reinterpret_cast<sockaddr*>(&from), &fl);
    if (n < 28 || from.sll_pkttype == PACKET_OUTGOING) continue;
    std::size_t len = static_cast<std::size_t>(n);
    if ((buf[0] >> 4) != 4 || buf[9] != 17) continue;
    std::size_t ihl = static_cast<std::size_t>(buf[0] & 15) * 4;
    std::size_t total = (std::size_t{buf[2]} << 8) | buf[3];
    if (ihl < 20 || total > len || total < ihl + 8) continue;
    const std::uint8_t* u = buf + ihl;
    std::uint16_t dport = static_cast<std::uint16_t>((u[2] << 8) | u[3]);
    std::size_t ulen = (std::size_t{u[4]} << 8) | u[5];
    if (dport != 68 || ulen < 8 || ihl + ulen > total) continue;
    if (is_reply(u + 8, ulen - 8, xid)) {
      r.reply = Bytes(u + 8, u + ulen);
      break;
    }
  }
  r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return r;
}

}  // namespace isc2dnsmasq::dhcp
