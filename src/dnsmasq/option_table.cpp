// dnsmasq 2.90 DHCPv4 option table rows (facts from dhcp-common.c opttab[], see reference section 14).
#include "dnsmasq/option_table.hpp"

#include <cctype>

namespace isc2dnsmasq::dnsmasq {

namespace {

constexpr std::uint16_t A = kOtAddrList, N = kOtName, I = kOtInternal, D = kOtDec, T = kOtTime;

const std::vector<OptionInfo> kTable = {
    {"netmask", 1, A},
    {"time-offset", 2, 4},
    {"router", 3, A},
    {"dns-server", 6, A},
    {"log-server", 7, A},
    {"lpr-server", 9, A},
    {"hostname", 12, I | N},
    {"boot-file-size", 13, 2 | D},
    {"domain-name", 15, N},
    {"swap-server", 16, A},
    {"root-path", 17, N},
    {"extension-path", 18, N},
    {"ip-forward-enable", 19, 1},
    {"non-local-source-routing", 20, 1},
    {"policy-filter", 21, A},
    {"max-datagram-reassembly", 22, 2 | D},
    {"default-ttl", 23, 1 | D},
    {"mtu", 26, 2 | D},
    {"all-subnets-local", 27, 1},
    {"broadcast", 28, I | A},
    {"router-discovery", 31, 1},
    {"router-solicitation", 32, A},
    {"static-route", 33, A},
    {"trailer-encapsulation", 34, 1},
    {"arp-timeout", 35, 4 | D},
    {"ethernet-encap", 36, 1},
    {"tcp-ttl", 37, 1},
    {"tcp-keepalive", 38, 4 | D},
    {"nis-domain", 40, N},
    {"nis-server", 41, A},
    {"ntp-server", 42, A},
    {"vendor-encap", 43, I},
    {"netbios-ns", 44, A},
    {"netbios-dd", 45, A},
    {"netbios-nodetype", 46, 1},
    {"netbios-scope", 47, 0},
    {"x-windows-fs", 48, A},
    {"x-windows-dm", 49, A},
    {"requested-address", 50, I | A},
    {"lease-time", 51, I | T},
    {"option-overload", 52, I},
    {"message-type", 53, I | D},
    {"server-identifier", 54, I | A},
    {"parameter-request", 55, I},
    {"message", 56, I},
    {"max-message-size", 57, I},
    {"T1", 58, T},
    {"T2", 59, T},
    {"vendor-class", 60, 0},
    {"client-id", 61, I},
    {"nis+-domain", 64, N},
    {"nis+-server", 65, A},
    {"tftp-server", 66, N},
    {"bootfile-name", 67, N},
    {"mobile-ip-home", 68, A},
    {"smtp-server", 69, A},
    {"pop3-server", 70, A},
    {"nntp-server", 71, A},
    {"irc-server", 74, A},
    {"user-class", 77, 0},
    {"rapid-commit", 80, 0},
    {"FQDN", 81, I},
    {"agent-id", 82, I},
    {"client-arch", 93, 2 | D},
    {"client-interface-id", 94, 0},
    {"client-machine-id", 97, 0},
    {"posix-timezone", 100, N},
    {"tzdb-timezone", 101, N},
    {"ipv6-only", 108, 4 | D},
    {"subnet-select", 118, I},
    {"domain-search", 119, kOtRfc1035Name},
    {"sip-server", 120, 0},
    {"classless-static-route", 121, 0},
    {"vendor-id-encap", 125, 0},
    {"tftp-server-address", 150, A},
    {"server-ip-address", 255, A},
};

bool iequal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

}  // namespace

const OptionInfo* find_option(std::string_view name) {
  for (const auto& o : kTable) {
    if (iequal(o.name, name)) return &o;
  }
  return nullptr;
}

const OptionInfo* find_option(std::uint32_t code) {
  for (const auto& o : kTable) {
    if (o.code == code) return &o;
  }
  return nullptr;
}

std::uint16_t option_len_flags(std::uint32_t code) {
  const OptionInfo* o = find_option(code);
  return o ? static_cast<std::uint16_t>(o->size & ~kOtDec) : 0;
}

const std::vector<OptionInfo>& option_table() { return kTable; }

std::vector<std::string> option_names() {
  std::vector<std::string> out;
  for (const auto& o : kTable) {
    if (!(o.size & kOtInternal)) out.emplace_back(o.name);
  }
  return out;
}

}  // namespace isc2dnsmasq::dnsmasq
