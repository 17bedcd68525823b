// Field-by-field answer comparison and the list of intrinsic server differences.
#include "sim/compare.hpp"

#include <algorithm>
#include <array>
#include <bitset>
#include <ctime>

#include <fmt/format.h>

namespace isc2dnsmasq::sim {

namespace {

std::string show_string(const std::string& s) { return s.empty() ? "-" : s; }

bool is_option(const Difference& d, std::string_view code) { return d.field == fmt::format("option {}", code); }

// dnsmasq always sends T1 (58) and T2 (59) for finite leases; dhcpd sends them only when configured.
bool dnsmasq_t1_t2(const Difference& d, const Answer& l, const Answer& r) {
  if (!is_option(d, "58") && !is_option(d, "59")) return false;
  std::uint8_t code = is_option(d, "58") ? 58 : 59;
  const Answer& dm = l.server == "dnsmasq" ? l : r;
  const Answer& other = l.server == "dnsmasq" ? r : l;
  return dm.server == "dnsmasq" && other.server != "dnsmasq" && dm.option(code) && !other.option(code);
}

// dhcpd sends an infinite lease as 0x7fffffff minus the current time; dnsmasq sends 0xffffffff.
bool isc_infinite_lease(const Difference& d, const Answer& l, const Answer& r) {
  if (d.field != "lease_time") return false;
  const Answer& isc = l.server == "isc" ? l : r;
  const Answer& other = l.server == "isc" ? r : l;
  if (isc.server != "isc" || other.server != "dnsmasq" || !isc.lease_time || !other.lease_time ||
      *other.lease_time != 0xffffffffu)
    return false;
  // dhcpd's value is 0x7fffffff - now at the time of the reply; allow a day of clock difference.
  std::int64_t expected = 0x7fffffffLL - static_cast<std::int64_t>(std::time(nullptr));
  std::int64_t got = *isc.lease_time;
  return got > expected - 86400 && got < expected + 86400;
}

// Both servers refuse with a DHCPNAK, each with its own fixed message text in option 56.
bool nak_message(const Difference& d, const Answer& l, const Answer& r) {
  return is_option(d, "56") && l.reply == Reply::Nak && r.reply == Reply::Nak && l.option(56) && r.option(56) &&
         ((l.server == "isc" && r.server == "dnsmasq") || (l.server == "dnsmasq" && r.server == "isc"));
}

// A non-authoritative dhcpd ignores a REQUEST it cannot serve on that network; dnsmasq NAKs a
// REQUEST naming it as the server (SELECTING) whether or not it is authoritative.
bool isc_silent_not_authoritative(const Difference& d, const Answer& l, const Answer& r) {
  if (d.field != "reply") return false;
  const Answer& isc = l.server == "isc" ? l : r;
  const Answer& dm = l.server == "isc" ? r : l;
  if (isc.server != "isc" || dm.server != "dnsmasq" || isc.reply != Reply::None || dm.reply != Reply::Nak) return false;
  for (const auto& w : isc.why)
    if (w.field == "reply" && w.reason.find("not authoritative") != std::string::npos) return true;
  return false;
}

// A well-formed list of (code, length, data) sub-options, as dhcpd packs an encapsulated space.
bool is_suboption_list(const Bytes& b) {
  std::size_t i = 0;
  while (i < b.size()) {
    if (i + 2 > b.size()) return false;
    i += 2 + b[i + 1];
  }
  return i == b.size() && !b.empty();
}

// dnsmasq ends an encap:/vendor: block with an END byte (0xff) inside the option; dhcpd does not.
bool dnsmasq_encap_end(const Difference& d, const Answer& l, const Answer& r) {
  if (d.field.rfind("option ", 0) != 0) return false;
  const Answer& dm = l.server == "dnsmasq" ? l : r;
  const Answer& isc = l.server == "dnsmasq" ? r : l;
  if (dm.server != "dnsmasq" || isc.server != "isc") return false;
  auto code = static_cast<std::uint8_t>(std::stoi(d.field.substr(7)));
  const Bytes* a = isc.option(code);
  const Bytes* b = dm.option(code);
  if (!a || !b || b->size() != a->size() + 1 || b->back() != 0xff || !is_suboption_list(*a)) return false;
  return std::equal(a->begin(), a->end(), b->begin());
}

constexpr std::array<IntrinsicRule, 5> kRules{{
    {"dnsmasq-t1-t2",
     "dnsmasq always sends T1 (58) = lease/2 and T2 (59) = lease*7/8 with a finite lease; dhcpd sends them "
     "only when configured",
     &dnsmasq_t1_t2},
    {"isc-infinite-lease",
     "dhcpd encodes an infinite lease as 0x7fffffff minus the current time, dnsmasq as 0xffffffff",
     &isc_infinite_lease},
    {"nak-message",
     "both servers send a DHCPNAK; the text of option 56 is each server's own (dhcpd: \"requested address not "
     "available\", dnsmasq: \"address not available\", ...)",
     &nak_message},
    {"dnsmasq-encap-end",
     "dnsmasq ends the sub-options of an encap:/vendor: option with an END byte (0xff) counted in the option's "
     "length; dhcpd sends the sub-options alone",
     &dnsmasq_encap_end},
    {"isc-silent-not-authoritative",
     "dhcpd without 'authoritative' ignores a REQUEST for an address it cannot give on that network; dnsmasq "
     "NAKs a REQUEST that names it as the server even when not authoritative",
     &isc_silent_not_authoritative},
}};

std::string show_option(const Bytes* b) { return b ? (b->empty() ? "(empty)" : to_hex(*b)) : "-"; }

}  // namespace

std::span<const IntrinsicRule> intrinsic_rules() { return kRules; }

namespace {

template <typename Add>
void compare_fields(const Answer& left, const Answer& right, const CompareOptions& opt, Add&& add) {
  // Address: exact against exact, exact against a candidate set, or set against set.
  auto show_address = [](const Answer& a) {
    if (!a.pool.empty()) return a.yiaddr ? fmt::format("{} in {}", a.yiaddr->str(), a.pool.str()) : a.pool.str();
    return a.yiaddr ? a.yiaddr->str() : std::string("-");
  };
  bool address_differs = false;
  if (!left.pool.empty() && !right.pool.empty()) {
    address_differs = left.pool != right.pool;
  } else if (!left.pool.empty() || !right.pool.empty()) {
    const Answer& set_side = left.pool.empty() ? right : left;
    const Answer& exact_side = left.pool.empty() ? left : right;
    address_differs = !exact_side.yiaddr || !set_side.pool.contains(*exact_side.yiaddr);
  } else {
    address_differs = left.yiaddr != right.yiaddr;
  }
  if (!address_differs && opt.exact_address && left.yiaddr && right.yiaddr && *left.yiaddr != *right.yiaddr)
    address_differs = true;
  if (address_differs) add("address", show_address(left), show_address(right));

  if (left.siaddr != right.siaddr) add("siaddr", left.siaddr.str(), right.siaddr.str());
  if (left.boot_server() != right.boot_server()) add("sname", show_string(left.boot_server()), show_string(right.boot_server()));
  if (left.boot_file() != right.boot_file()) add("file", show_string(left.boot_file()), show_string(right.boot_file()));
  if (left.lease_time != right.lease_time)
    add("lease_time", left.lease_time ? std::to_string(*left.lease_time) : "-",
        right.lease_time ? std::to_string(*right.lease_time) : "-");

  std::bitset<256> codes;  // ascending code order, no allocation per answer
  for (const auto& o : left.options) codes.set(o.code);
  for (const auto& o : right.options) codes.set(o.code);
  for (std::size_t c = 0; c < codes.size(); ++c) {
    if (!codes.test(c)) continue;
    auto code = static_cast<std::uint8_t>(c);
    if (code == 51 || code == 52 || code == 53 || code == 66 || code == 67) continue;
    const Bytes* l = left.option(code);
    const Bytes* r = right.option(code);
    if (l && r && *l == *r) continue;
    add(fmt::format("option {}", code), show_option(l), show_option(r));
  }
}

Comparison classify(std::vector<Difference> all, const Answer& left, const Answer& right, const CompareOptions& opt) {
  Comparison c;
  for (auto& d : all) {
    for (const auto& rule : opt.intrinsic) {
      if (rule.matches(d, left, right)) {
        d.intrinsic = std::string(rule.name);
        break;
      }
    }
    (d.intrinsic.empty() ? c.differences : c.intrinsic).push_back(std::move(d));
  }
  return c;
}

}  // namespace

Comparison compare(const Answer& left, const Answer& right, const CompareOptions& opt) {
  std::vector<Difference> all;
  auto add = [&](std::string field, std::string l, std::string r) {
    Difference d;
    d.field = std::move(field);
    d.left = std::move(l);
    d.right = std::move(r);
    all.push_back(std::move(d));
  };

  if (left.reply != right.reply) add("reply", reply_name(left.reply), reply_name(right.reply));
  // Without a reply on one side, the other side's fields are not differences of their own.
  if ((left.reply == Reply::None) == (right.reply == Reply::None)) compare_fields(left, right, opt, add);
  return classify(std::move(all), left, right, opt);
}

std::string format_differences(const Comparison& c) {
  std::string out;
  for (const auto& d : c.differences) out += fmt::format("{}: {} | {}\n", d.field, d.left, d.right);
  for (const auto& d : c.intrinsic) out += fmt::format("{}: {} | {} (intrinsic: {})\n", d.field, d.left, d.right, d.intrinsic);
  return out;
}

}  // namespace isc2dnsmasq::sim
