// Content sniffing for `check`: dnsmasq keyword lines versus dhcpd.conf statements.
#include "dnsmasq/detect.hpp"

#include "dnsmasq/directive_table.hpp"

namespace isc2dnsmasq::dnsmasq {

bool looks_like_dnsmasq(std::string_view text) {
  int dnsmasq_lines = 0;
  int other_lines = 0;
  std::size_t i = 0;
  int examined = 0;
  while (i < text.size() && examined < 200) {
    std::size_t e = text.find('\n', i);
    if (e == std::string_view::npos) e = text.size();
    std::string_view line = text.substr(i, e - i);
    i = e + 1;
    std::size_t b = line.find_first_not_of(" \t\r");
    if (b == std::string_view::npos) continue;
    line = line.substr(b);
    if (line[0] == '#') continue;
    ++examined;
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.remove_suffix(1);
    if (line.find('{') != std::string_view::npos || line.find('}') != std::string_view::npos ||
        (!line.empty() && line.back() == ';')) {
      ++other_lines;
      continue;
    }
    std::size_t k = line.find('=');
    std::string_view key = line.substr(0, k);
    while (!key.empty() && (key.back() == ' ' || key.back() == '\t')) key.remove_suffix(1);
    if (find_directive(key)) {
      ++dnsmasq_lines;
    } else {
      ++other_lines;
    }
  }
  return dnsmasq_lines > 0 && dnsmasq_lines >= other_lines;
}

}  // namespace isc2dnsmasq::dnsmasq
