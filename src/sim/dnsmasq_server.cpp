// dnsmasq 2.90 DHCPv4 semantics over a dnsmasq::Model: intake, ranges, tags, hosts, addresses, options, why.
//
// Structure follows dnsmasq's own request path (reference §16): intake and tags, the range chain,
// host lookup, tag-if and dhcp-ignore, then per message type the address, the narrowed range and
// its tag, the lease time, and do_options() for the reply. Lists that dnsmasq prepends are walked
// newest first (reverse file order) wherever that order is observable.
#include "sim/dnsmasq_server.hpp"

#include <strings.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <unordered_map>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "core/view_index.hpp"

namespace isc2dnsmasq::sim {

namespace {

using dnsmasq::Model;
using dnsmasq::TagCond;

constexpr std::uint32_t kInfinite = 0xffffffffu;

/// "file:line" of an origin whose line is known.
std::string location(const dnsmasq::Origin& o, std::uint32_t line) { return file_line(o.span.file, line); }

/// Appends the decimal form of `v`.
void append_num(std::string& s, std::uint64_t v) {
  char buf[24];
  auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
  s.append(buf, end);
}

/// Appends the dotted quad of `a` (as Ipv4::str()).
void append_ip(std::string& s, Ipv4 a) {
  for (int shift = 24; shift >= 0; shift -= 8) {
    append_num(s, (a.value >> shift) & 255);
    if (shift) s += '.';
  }
}

/// `head` + "start-end" of a range (the reply reasons, built for every answer).
std::string range_reason(std::string_view head, const dnsmasq::Range& r) {
  std::string s;
  s.reserve(head.size() + 32);
  s += head;
  append_ip(s, r.start);
  s += '-';
  append_ip(s, r.end);
  return s;
}

/// "option 12", without a formatting library round trip (built for every option put).
std::string option_field(std::int64_t code) {
  char buf[32] = "option ";
  auto end = std::to_chars(buf + 7, buf + sizeof buf, code).ptr;
  return std::string(buf, end);
}

std::uint32_t mask_of(int prefix) { return prefix <= 0 ? 0 : prefix >= 32 ? 0xffffffffu : ~std::uint32_t{0} << (32 - prefix); }

bool same_net(Ipv4 a, Ipv4 b, std::uint32_t mask) { return (a.value & mask) == (b.value & mask); }

// Ranges' networks (dhcp.c complete_context / guess_range_netmask, rfc2131.c relay search).

/// The netmask dnsmasq learns for a range: its own, else that of an interface on its network (0: none).
std::uint32_t learnt_netmask(const dnsmasq::Range& r, const std::vector<SimInterface>& ifaces) {
  if (r.netmask) return r.netmask->value;
  for (const auto& i : ifaces) {
    std::uint32_t m = mask_of(i.prefix);
    if (same_net(i.address, r.start, m) || same_net(i.address, r.end, m)) return m;
  }
  return 0;
}

/// The broadcast address of a range with a learnt `netmask`: its own, else the interface's when
/// that lies in the range's network, else the range's network broadcast.
Ipv4 iface_broadcast(const dnsmasq::Range& r, std::uint32_t netmask, const std::vector<SimInterface>& ifaces) {
  if (r.broadcast) return *r.broadcast;
  for (const auto& i : ifaces) {
    std::uint32_t m = mask_of(i.prefix);
    if (same_net(i.address, r.start, m) || same_net(i.address, r.end, m)) {
      Ipv4 b{i.address.value | ~m};
      if (same_net(b, r.start, netmask)) return b;
    }
  }
  return Ipv4{r.start.value | ~netmask};
}

/// The mask a relayed search uses for a range without a learnt one: by address class (0: none).
std::uint32_t class_netmask(const dnsmasq::Range& r) {
  auto cls = [](Ipv4 a) { return a.value >> 29; };
  if ((r.start.value >> 31) == 0 && (r.end.value >> 31) == 0) return 0xff000000u;
  if ((r.start.value >> 30) == 2 && (r.end.value >> 30) == 2) return 0xffff0000u;
  if (cls(r.start) == 6 && cls(r.end) == 6) return 0xffffff00u;
  return 0;
}

bool class_c(Ipv4 a) { return (a.value & 0xe0000000u) == 0xc0000000u; }

Bytes be32(std::uint32_t v) {
  return {static_cast<std::uint8_t>(v >> 24), static_cast<std::uint8_t>(v >> 16), static_cast<std::uint8_t>(v >> 8),
          static_cast<std::uint8_t>(v)};
}

std::string printable(const Bytes& b) {
  std::string s;
  for (auto c : b) {
    if (c >= 0x20 && c < 0x7f) {
      s += static_cast<char>(c);
    } else {
      return to_colon_hex(b);
    }
  }
  return s;
}

/// The client's tags, in the order dnsmasq pushes them (order never changes a match). The names
/// are views of strings that outlive the request: the model's, the interfaces', or literals.
class Tags {
public:
  bool has(std::string_view t) const { return std::find(names_.begin(), names_.end(), t) != names_.end(); }
  void add(std::string_view t) { names_.push_back(t); }
  const std::vector<std::string_view>& names() const { return names_; }
  std::string str() const {
    std::string s;
    for (auto it = names_.rbegin(); it != names_.rend(); ++it) {
      if (std::find(names_.rbegin(), it, *it) != it) continue;  // said already (newest first)
      if (!s.empty()) s += ' ';
      s += *it;
    }
    return s;
  }

private:
  std::vector<std::string_view> names_;
};

/// dhcp-common.c match_netid(): every condition holds; an empty list holds only when `empty_ok`.
bool match_netid(const std::vector<TagCond>& conds, const Tags& tags, bool empty_ok) {
  if (conds.empty()) return empty_ok;
  for (const auto& c : conds) {
    if (c.negated == tags.has(c.name)) return false;
  }
  return true;
}

/// match_netid_wild(): as match_netid (empty list holds), with a trailing '*' prefix wildcard.
bool match_netid_wild(const std::vector<TagCond>& conds, const Tags& tags) {
  for (const auto& c : conds) {
    bool wild = !c.name.empty() && c.name.back() == '*';
    std::string_view stem = wild ? std::string_view(c.name).substr(0, c.name.size() - 1) : std::string_view(c.name);
    bool found = false;
    for (const auto& t : tags.names()) {
      if (wild ? t.compare(0, stem.size(), stem) == 0 && t.size() >= stem.size() : t == stem) {
        found = true;
        break;
      }
    }
    if (found == c.negated) return false;
  }
  return true;
}

void append_conds(std::string& s, const std::vector<TagCond>& conds) {
  bool first = true;
  for (const auto& c : conds) {
    if (!first) s += ',';
    first = false;
    s += c.negated ? "tag:!" : "tag:";
    s += c.name;
  }
}

std::string conds_str(const std::vector<TagCond>& conds) {
  std::string s;
  append_conds(s, conds);
  return s;
}

/// Per option code, a value (codes 0..255 in an array; others, which dnsmasq does not range-check,
/// in a short list).
class CodeTable {
public:
  explicit CodeTable(std::int64_t init) : init_(init) { small_.fill(init); }
  std::int64_t& operator[](std::int64_t code) {
    if (code >= 0 && code < 256) return small_[static_cast<std::size_t>(code)];
    for (auto& [c, v] : big_)
      if (c == code) return v;
    big_.emplace_back(code, init_);
    return big_.back().second;
  }
  std::int64_t get(std::int64_t code) const {
    if (code >= 0 && code < 256) return small_[static_cast<std::size_t>(code)];
    for (const auto& [c, v] : big_)
      if (c == code) return v;
    return init_;
  }

private:
  std::int64_t init_;
  std::array<std::int64_t, 256> small_;
  std::vector<std::pair<std::int64_t, std::int64_t>> big_;
};

/// A dhcp-range as one request sees it (dnsmasq's struct dhcp_context on the `current` chain).
struct Ctx {
  std::size_t index = 0;
  const dnsmasq::Range* range = nullptr;
  std::uint32_t netmask = 0;
  Ipv4 broadcast;
  Ipv4 router;
  Ipv4 local;
  bool is_static() const { return range->mode == dnsmasq::Range::Mode::Static; }
  bool is_proxy() const { return range->mode == dnsmasq::Range::Mode::Proxy; }
};

}  // namespace

/// Lookups prepared once per model, so that one request costs O(log hosts) (ARCHITECTURE.md, Scale).
struct DnsmasqIndex {
  /// The line of every range, host and option origin (the why trace names them per answer).
  std::vector<std::uint32_t> range_lines, host_lines, option_lines;
  template <class T>
  static void lines_of(const std::vector<T>& v, std::vector<std::uint32_t>& out) {
    out.resize(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) out[i] = v[i].origin.span.valid() ? v[i].origin.span.line() : 0;
  }
  /// The line of `o` from the tables above when it is the origin of a range, host or option.
  template <class T>
  static bool find_line(const std::vector<T>& v, const std::vector<std::uint32_t>& lines, const dnsmasq::Origin* o,
                        std::uint32_t& line) {
    if (v.empty()) return false;
    auto p = reinterpret_cast<std::uintptr_t>(o), base = reinterpret_cast<std::uintptr_t>(&v.front().origin);
    if (p < base) return false;
    std::size_t i = (p - base) / sizeof(T);
    if (i >= v.size() || &v[i].origin != o) return false;
    line = lines[i];
    return true;
  }
  std::string location(const dnsmasq::Model& m, const dnsmasq::Origin& o) const {
    std::uint32_t line = 0;
    if (!o.span.valid()) return {};
    if (find_line(m.ranges, range_lines, &o, line) || find_line(m.options, option_lines, &o, line) ||
        find_line(m.hosts, host_lines, &o, line))
      return sim::location(o, line);
    return sim::location(o, o.span.line());
  }
  std::map<std::uint32_t, const dnsmasq::Host*> host_addrs;                  // dhcp-host IPv4 addresses
  ViewLists by_client_id;  // host indices by client id (views of the model's bytes), file order
  ViewLists by_mac;        // host indices by exact (wildcard-free) MAC, file order
  std::unordered_map<std::string, std::vector<std::size_t>> by_name;         // lowercase host names
  std::vector<std::size_t> wildcard;                                         // hosts with a wildcard MAC
  /// Per dynamic range: the addresses its allocation walk may offer before the server's and
  /// relays' own addresses are taken out (the range minus dhcp-host addresses and, in class C
  /// space, the .0 and .255 of each block). Empty for static and proxy ranges.
  std::vector<AddressSet> base_pools;
  /// The server's interfaces (DnsmasqSimOptions::interfaces, or the default one).
  std::vector<SimInterface> ifaces;
  /// Per range, what the range chains need under `ifaces`: the netmask learnt from the range or
  /// an interface (0 = none) and the broadcast address with it; the mask a relayed search uses
  /// (learnt, else by address class) and its broadcast.
  struct RangeNet {
    std::uint32_t learnt = 0, search = 0;
    Ipv4 learnt_broadcast, search_broadcast;
  };
  std::vector<RangeNet> range_nets;
  /// Ranges by (mask, network) for the direct chain (learnt masks) and the relay search (search
  /// masks), only ranges whose start and end share that network; the masks in use.
  std::unordered_map<std::uint64_t, std::vector<std::size_t>> direct_nets, search_nets;
  std::vector<std::uint32_t> direct_masks, search_masks;
  /// The ranges (ascending file order) whose network under their mask holds `addr`.
  static std::vector<std::size_t> ranges_at(const std::unordered_map<std::uint64_t, std::vector<std::size_t>>& nets,
                                            const std::vector<std::uint32_t>& masks, Ipv4 addr) {
    std::vector<std::size_t> out;
    for (std::uint32_t m : masks) {
      auto it = nets.find((std::uint64_t{m} << 32) | (addr.value & m));
      if (it != nets.end()) out.insert(out.end(), it->second.begin(), it->second.end());
    }
    if (masks.size() > 1) std::sort(out.begin(), out.end());
    return out;
  }
  void prepare_interfaces(const dnsmasq::Model& m, std::vector<SimInterface> interfaces) {
    ifaces = std::move(interfaces);
    range_nets.resize(m.ranges.size());
    for (std::size_t i = 0; i < m.ranges.size(); ++i) {
      const auto& r = m.ranges[i];
      RangeNet& n = range_nets[i];
      n.learnt = learnt_netmask(r, ifaces);
      if (n.learnt) {
        n.learnt_broadcast = iface_broadcast(r, n.learnt, ifaces);
        n.search = n.learnt;
        n.search_broadcast = n.learnt_broadcast;
      } else {
        n.search = class_netmask(r);
        n.search_broadcast = r.broadcast ? *r.broadcast : Ipv4{r.start.value | ~n.search};
      }
      auto file = [&](std::unordered_map<std::uint64_t, std::vector<std::size_t>>& nets, std::vector<std::uint32_t>& masks,
                      std::uint32_t mk) {
        if (mk == 0 || !same_net(r.start, r.end, mk)) return;
        nets[(std::uint64_t{mk} << 32) | (r.start.value & mk)].push_back(i);
        if (std::find(masks.begin(), masks.end(), mk) == masks.end()) masks.push_back(mk);
      };
      file(direct_nets, direct_masks, n.learnt);
      file(search_nets, search_masks, n.search);
    }
  }
  /// Settings read from `others` once: a `port=` line, dhcp-pxe-vendor names, flags.
  std::optional<int> port;
  std::vector<std::string> pxe_vendors{"PXEClient"};
  bool ignore_clid = false, rapid_commit = false, client_update = false;
  /// dhcp-option lines by position k in dnsmasq's runtime list (newest first: k = n-1-file index).
  /// A line can only match a request whose tags include all its positive tags, so a request only
  /// looks at the lines without a positive tag and those filed under one of its own tags.
  struct OptionLines {
    std::vector<std::size_t> free;                                          // no positive tag, ascending k
    ViewLists by_tag;  // by the first positive tag (model strings), ascending k
    /// The positions that can match under any of `sets` (each a request's tags), ascending.
    std::vector<std::size_t> candidates(std::initializer_list<const Tags*> sets) const {
      std::vector<std::size_t> out = free;
      std::vector<std::string_view> seen;
      seen.reserve(16);
      for (const Tags* t : sets) {
        if (!t) continue;
        for (const auto& name : t->names()) {
          if (std::find(seen.begin(), seen.end(), name) != seen.end()) continue;
          seen.push_back(name);
          const auto& l = by_tag.find(name);
          out.insert(out.end(), l.begin(), l.end());
        }
      }
      std::sort(out.begin(), out.end());
      out.erase(std::unique(out.begin(), out.end()), out.end());
      return out;
    }
    void add(const dnsmasq::DhcpOption& o, std::size_t k) {
      for (const auto& c : o.tags) {
        if (!c.negated) {
          by_tag.add(c.name, k);
          return;
        }
      }
      free.push_back(k);
    }
  };
  OptionLines plain_lines, encap_lines;  // Plain space; Encap and ViEncap
  /// (space, encap number) of each encap:/vi-encap: group -> the list position of its newest line.
  std::map<std::pair<int, std::int64_t>, std::size_t> encap_newest;
  std::vector<std::size_t> vendor_lines;  // file indices of vendor: lines, in file order
  explicit DnsmasqIndex(const dnsmasq::Model& m) {
    lines_of(m.ranges, range_lines);
    lines_of(m.hosts, host_lines);
    lines_of(m.options, option_lines);
    const std::size_t n = m.options.size();
    for (std::size_t k = 0; k < n; ++k) {
      const auto& o = m.options[n - 1 - k];
      switch (o.spec.space) {
        case dnsmasq::OptionSpace::Plain: plain_lines.add(o, k); break;
        case dnsmasq::OptionSpace::Encap:
        case dnsmasq::OptionSpace::ViEncap:
          encap_lines.add(o, k);
          encap_newest.emplace(std::make_pair(static_cast<int>(o.spec.space), o.spec.encap), k);
          break;
        case dnsmasq::OptionSpace::Vendor: break;
      }
    }
    for (std::size_t i = 0; i < n; ++i) {
      if (m.options[i].spec.space == dnsmasq::OptionSpace::Vendor) vendor_lines.push_back(i);
    }
    for (std::size_t i = 0; i < m.hosts.size(); ++i) {
      const auto& h = m.hosts[i];
      if (h.address) host_addrs[h.address->value] = &h;
      if (h.client_id) by_client_id.add(byte_view(*h.client_id), i);
      bool wild = false;
      for (const auto& p : h.macs) {
        if (p.has_wildcard()) {
          wild = true;
        } else {
          by_mac.add(byte_view(p.addr), i);
        }
      }
      if (wild) wildcard.push_back(i);
      if (h.hostname) {
        std::string n = *h.hostname;
        for (auto& c : n) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        by_name[n].push_back(i);
      }
    }
    base_pools.resize(m.ranges.size());
    for (std::size_t i = 0; i < m.ranges.size(); ++i) {
      const auto& r = m.ranges[i];
      if (r.mode != dnsmasq::Range::Mode::Dynamic) continue;
      std::uint32_t first = r.start.value, last = r.end.value;
      std::vector<std::uint32_t> skip;
      for (auto it = host_addrs.lower_bound(first); it != host_addrs.end() && it->first <= last; ++it) skip.push_back(it->first);
      for (std::uint64_t block = first & 0xffffff00u; block <= last; block += 256) {
        if ((block & 0xe0000000u) != 0xc0000000u) continue;  // class C only
        for (std::uint64_t a : {block, block + 255}) {
          if (a >= first && a <= last) skip.push_back(static_cast<std::uint32_t>(a));
        }
      }
      std::sort(skip.begin(), skip.end());
      skip.erase(std::unique(skip.begin(), skip.end()), skip.end());
      AddressSet& set = base_pools[i];
      std::uint64_t from = first;
      for (std::uint32_t x : skip) {
        if (x > from) set.add(Ipv4{static_cast<std::uint32_t>(from)}, Ipv4{x - 1});
        from = std::uint64_t{x} + 1;
      }
      if (from <= last) set.add(Ipv4{static_cast<std::uint32_t>(from)}, Ipv4{last});
    }
    std::vector<std::string> pv;
    for (const auto& o : m.others) {
      if (o.key == "port" && o.arg) port = std::atoi(o.arg->c_str());
      if (o.key == "dhcp-ignore-clid") ignore_clid = true;
      if (o.key == "dhcp-rapid-commit") rapid_commit = true;
      if (o.key == "dhcp-client-update") client_update = true;
      if (o.key != "dhcp-pxe-vendor" || !o.arg) continue;
      const std::string& a = *o.arg;
      for (std::size_t p = 0; p <= a.size();) {
        auto c = a.find(',', p);
        std::string v = a.substr(p, c == std::string::npos ? std::string::npos : c - p);
        if (!v.empty()) pv.push_back(v);
        if (c == std::string::npos) break;
        p = c + 1;
      }
    }
    if (!pv.empty()) pxe_vendors = pv;
  }
};

namespace {

/// One option instance as it goes on the wire.
struct WireOption {
  std::uint8_t code;
  Bytes value;
};

class Simulator {
public:
  Simulator(const Model& m, const DnsmasqIndex& ix, const Scenario& s, const DnsmasqSimOptions& o, bool full_why)
      : m_(m), s_(s), opt_(o), host_addrs_(ix.host_addrs), ix_(ix), pxe_vendors_(ix.pxe_vendors), full_why_(full_why) {}

  Answer run();

private:
  // ---- helpers -------------------------------------------------------------------------------
  void why(std::string field, const dnsmasq::Origin* o, std::string reason) {
    if (!full_why_ && !lean_why_keeps(field)) return;
    a_.why.push_back({std::move(field), o ? ix_.location(m_, *o) : std::string(), std::move(reason)});
  }
  Answer none(std::string reason, const dnsmasq::Origin* o = nullptr) {
    a_.reply = Reply::None;
    a_.yiaddr.reset();
    a_.pool = {};
    a_.options.clear();
    a_.siaddr = Ipv4{};
    a_.sname.clear();
    a_.file.clear();
    a_.lease_time.reset();
    why("reply", o, std::move(reason));
    return std::move(a_);  // the simulator answers once
  }
  void tag(Tags& t, std::string_view name, const dnsmasq::Origin* o, std::string reason) {
    t.add(name);
    why(tag_field(name), o, std::move(reason));
  }
  static std::string tag_field(std::string_view name) {
    std::string f;
    f.reserve(4 + name.size());
    f += "tag ";
    f += name;
    return f;
  }
  /// Option `code` from the client, at least `min` bytes long (rfc2131.c option_find).
  const Bytes* client_option(std::uint8_t code, std::size_t min = 1) const {
    const Bytes* b = s_.option(code);
    return b && b->size() >= min ? b : nullptr;
  }
  bool in_list(std::uint8_t code) const {
    if (!req_) return true;
    return std::find(req_->begin(), req_->end(), code) != req_->end();
  }
  Tags run_tag_if(const Tags& in) const {
    Tags t = in;
    for (const auto& ti : m_.tag_ifs) {
      if (match_netid_wild(ti.conds, t)) {
        for (const auto& s : ti.set_tags) t.add(s);
      }
    }
    return t;
  }
  /// run_tag_if with a why entry for each tag a tag-if line adds.
  Tags run_tag_if_logged(const Tags& in) {
    Tags t = in;
    for (const auto& ti : m_.tag_ifs) {
      if (match_netid_wild(ti.conds, t)) {
        for (const auto& s : ti.set_tags) {
          if (!t.has(s)) why(tag_field(s), &ti.origin, ti.conds.empty() ? std::string("tag-if without conditions") : fmt::format("tag-if: {} all hold", conds_str(ti.conds)));
          t.add(s);
        }
      }
    }
    return t;
  }

  // ---- ranges ---------------------------------------------------------------------------------
  std::uint32_t learnt_netmask(const dnsmasq::Range& r) const;
  Ipv4 iface_broadcast(const Ctx& c) const;
  std::vector<Ctx> direct_chain() const;
  std::vector<Ctx> search_chain(Ipv4 addr, Ipv4 giaddr) const;
  const Ctx* address_available(const std::vector<Ctx>& chain, Ipv4 addr, const Tags& tags) const;
  const Ctx* narrow_context(const std::vector<Ctx>& chain, Ipv4 addr, const Tags& tags) const;
  bool reserved(Ipv4 a) const { return host_addrs_.count(a.value) != 0; }
  std::optional<std::pair<Ipv4, const Ctx*>> address_allocate(const std::vector<Ctx>& chain, const Tags& tags);

  // ---- hosts ----------------------------------------------------------------------------------
  const dnsmasq::Host* find_config(const std::vector<Ctx>* chain, const Tags& tags, const std::string* hostname) const;
  const dnsmasq::Host* find_config_pass(const std::vector<Ctx>* chain, const Tags& tags, const std::string* hostname,
                                        bool tag_not_needed) const;
  bool in_context(const std::vector<Ctx>* chain, const dnsmasq::Host& h) const;

  // ---- reply ----------------------------------------------------------------------------------
  std::uint32_t calc_time(const Ctx& c, const dnsmasq::Host* h);
  std::optional<std::string> get_domain(Ipv4 addr, const dnsmasq::Origin** origin) const;
  void do_options(const Ctx* ctx, const std::optional<std::string>& hostname, const std::optional<std::string>& domain,
                  const dnsmasq::Origin* domain_origin, const dnsmasq::Origin* hostname_origin, const Tags& netid,
                  std::uint32_t lease_time, bool renewal);
  Bytes option_bytes(const dnsmasq::DhcpOption& o, const Ctx* ctx, bool null_term) const;
  /// One sub-option of option 43 (vendor:, pxe-prompt, or the PXE menu dnsmasq builds).
  struct VendorEntry {
    std::uint8_t code;
    Bytes value;
    bool force;
    const dnsmasq::Origin* origin;
    std::string what;
  };
  std::vector<VendorEntry> vendor_entries(const Tags& tagif, const Bytes* vc) const;
  bool pxe_uefi_workaround(const Tags& tagif) const;
  const dnsmasq::Boot* find_boot(const Tags& tagif) const {
    for (auto it = m_.boots.rbegin(); it != m_.boots.rend(); ++it) {
      if (match_netid(it->tags, tagif, false)) return &*it;
    }
    for (auto it = m_.boots.rbegin(); it != m_.boots.rend(); ++it) {
      if (match_netid(it->tags, tagif, true)) return &*it;
    }
    return nullptr;
  }
  Answer proxy_reply(const Ctx& px, const Tags& netid, bool ignore, const dnsmasq::Origin* ignore_origin);
  std::vector<VendorEntry> pxe_menu(const Tags& tagif, Ipv4 local, const std::vector<VendorEntry>& vendor) const;
  void put_encap43(const std::vector<VendorEntry>& entries, const std::string& tail);
  /// rfc2131.c free_space(): an option goes in the options area while it fits (room for END kept),
  /// then, once overload is allowed, option 52 is placed and options continue in `file`, then `sname`.
  void put(std::uint8_t code, Bytes v, const dnsmasq::Origin* o, std::string reason) {
    std::size_t len = v.size();
    std::string field = full_why_ ? option_field(code) : std::string();  // lean: no option entries
    if (main_used_ + len + 3 < main_cap_) {
      main_used_ += len + 2;
      wire_.push_back({code, std::move(v)});
      why(std::move(field), o, std::move(reason));
      return;
    }
    bool file_free = a_.file.empty() && !fields_busy_, sname_free = a_.sname.empty() && !fields_busy_;
    if (overload_at_ < 0 && (file_free || sname_free || overload_flags_)) {
      overload_at_ = static_cast<int>(wire_.size());
      wire_.push_back({52, {0}});
      main_used_ += 3;
    }
    if (overload_at_ >= 0) {
      if (file_free && file_opts_.empty()) overload_flags_ |= 1;
      if ((overload_flags_ & 1) && file_used_ + len + 3 < 128) {
        file_used_ += len + 2;
        file_opts_.push_back({code, std::move(v)});
        why(std::move(field), o, reason + "; no room left in the options area: placed in the overloaded file field");
        return;
      }
      if (sname_free && sname_opts_.empty()) overload_flags_ |= 2;
      if ((overload_flags_ & 2) && sname_used_ + len + 3 < 64) {
        sname_used_ += len + 2;
        sname_opts_.push_back({code, std::move(v)});
        why(std::move(field), o, reason + "; no room left: placed in the overloaded sname field");
        return;
      }
    }
    why(std::move(field), o, "not sent: no space left in the packet (" + reason + ")");
  }
  Answer finish(Reply r);

  const Model& m_;
  const Scenario& s_;
  const DnsmasqSimOptions& opt_;
  Answer a_;
  /// The server's interfaces: the index's, or (a direct request on an unknown address) own_ifaces_.
  const std::vector<SimInterface>* ifaces_ = nullptr;
  std::vector<SimInterface> own_ifaces_;
  SimInterface recv_;
  std::optional<std::vector<std::uint8_t>> req_;
  std::vector<WireOption> wire_;
  const std::map<std::uint32_t, const dnsmasq::Host*>& host_addrs_;
  const DnsmasqIndex& ix_;
  int port_ = 0;
  bool null_term_ = false;
  std::uint8_t fqdn_flags_ = 0;
  Ipv4 subnet_addr_;
  Ipv4 override_;
  int pxe_arch_ = -1;
  /// The dhcp-hosts naming the client's MAC (looked up once per request, ascending file order).
  mutable const std::vector<std::size_t>* mac_hosts_ = nullptr;
  const Bytes* uuid_ = nullptr;
  std::optional<Bytes> sent_vendor_class_;
  const std::vector<std::string>& pxe_vendors_;  // dhcp-pxe-vendor (default PXEClient)
  std::string pxe_vendor_ = "PXEClient";         // the one the client's option 60 starts with
  const dnsmasq::Origin* crashed_ = nullptr;  // the line that makes the real dnsmasq crash
  // Packet space (rfc2131.c free_space): bytes used in the options area after the cookie, its
  // end, and the overloaded file/sname fields.
  std::size_t main_used_ = 0, main_cap_ = 308, file_used_ = 0, sname_used_ = 0;
  bool fields_busy_ = false;  // no PRL or dhcp-no-override: file/sname never take options
  int overload_at_ = -1;
  std::uint8_t overload_flags_ = 0;
  std::vector<WireOption> file_opts_, sname_opts_;
  bool full_why_ = true;  // false: only the why entries lean_why_keeps() names
};

// ---------------------------------------------------------------------------------------------
// Ranges (dhcp.c complete_context / guess_range_netmask, rfc2131.c relay search)
// ---------------------------------------------------------------------------------------------

std::uint32_t Simulator::learnt_netmask(const dnsmasq::Range& r) const { return sim::learnt_netmask(r, *ifaces_); }

Ipv4 Simulator::iface_broadcast(const Ctx& c) const { return sim::iface_broadcast(*c.range, c.netmask, *ifaces_); }

std::vector<Ctx> Simulator::direct_chain() const {
  std::vector<Ctx> chain;
  if (ifaces_ == &ix_.ifaces) {  // the prepared networks hold
    for (std::size_t i : DnsmasqIndex::ranges_at(ix_.direct_nets, ix_.direct_masks, recv_.address)) {
      const auto& n = ix_.range_nets[i];
      chain.push_back(Ctx{i, &m_.ranges[i], n.learnt, n.learnt_broadcast, recv_.address, recv_.address});
    }
    return chain;
  }
  for (std::size_t i = 0; i < m_.ranges.size(); ++i) {
    const auto& r = m_.ranges[i];
    std::uint32_t mask = learnt_netmask(r);
    if (mask == 0 || !same_net(recv_.address, r.start, mask) || !same_net(recv_.address, r.end, mask)) continue;
    Ctx c{i, &r, mask, {}, recv_.address, recv_.address};
    c.broadcast = iface_broadcast(c);
    chain.push_back(c);
  }
  return chain;
}

std::vector<Ctx> Simulator::search_chain(Ipv4 addr, Ipv4 giaddr) const {
  std::vector<Ctx> chain;
  if (ifaces_ == &ix_.ifaces) {  // the prepared networks hold
    for (std::size_t i : DnsmasqIndex::ranges_at(ix_.search_nets, ix_.search_masks, addr)) {
      const auto& r = m_.ranges[i];
      const auto& n = ix_.range_nets[i];
      bool learnt = n.learnt != 0;
      bool on_recv = learnt && same_net(recv_.address, r.start, n.search) && same_net(recv_.address, r.end, n.search);
      chain.push_back(Ctx{i, &r, n.search, n.search_broadcast, on_recv ? recv_.address : giaddr, recv_.address});
    }
    return chain;
  }
  for (std::size_t i = 0; i < m_.ranges.size(); ++i) {
    const auto& r = m_.ranges[i];
    std::uint32_t mask = learnt_netmask(r);
    bool learnt = mask != 0;
    if (mask == 0) mask = class_netmask(r);
    if (mask == 0 || !same_net(addr, r.start, mask) || !same_net(addr, r.end, mask)) continue;
    Ctx c{i, &r, mask, {}, {}, recv_.address};
    bool on_recv = same_net(recv_.address, r.start, mask) && same_net(recv_.address, r.end, mask) && learnt;
    c.router = on_recv ? recv_.address : giaddr;
    c.broadcast = learnt ? iface_broadcast(c) : (r.broadcast ? *r.broadcast : Ipv4{r.start.value | ~mask});
    chain.push_back(c);
  }
  return chain;
}

const Ctx* Simulator::address_available(const std::vector<Ctx>& chain, Ipv4 addr, const Tags& tags) const {
  if (chain.empty() || addr == chain.front().router) return nullptr;
  for (const auto& c : chain) {
    if (!c.is_static() && !c.is_proxy() && c.range->start <= addr && addr <= c.range->end &&
        match_netid(c.range->filters, tags, true))
      return &c;
  }
  return nullptr;
}

const Ctx* Simulator::narrow_context(const std::vector<Ctx>& chain, Ipv4 addr, const Tags& tags) const {
  if (const Ctx* c = address_available(chain, addr, tags)) return c;
  for (const auto& c : chain) {
    if (match_netid(c.range->filters, tags, true) && same_net(addr, c.range->start, c.netmask) && c.is_static()) return &c;
  }
  for (const auto& c : chain) {
    if (match_netid(c.range->filters, tags, true) && same_net(addr, c.range->start, c.netmask) && !c.is_proxy()) return &c;
  }
  return nullptr;
}

std::optional<std::pair<Ipv4, const Ctx*>> Simulator::address_allocate(const std::vector<Ctx>& chain, const Tags& tags) {
  // SDBM hash of the hardware address (emac); 0 is replaced by 1.
  std::uint32_t j = 0;
  for (auto c : s_.chaddr.addr) j = c + (j << 6) + (j << 16) - j;
  if (j == 0) j = 1;
  auto usable = [&](Ipv4 a) {
    for (const auto& d : chain) {
      if (a == d.router) return false;
    }
    if (reserved(a)) return false;
    if (class_c(a) && ((a.value & 0xff) == 0xff || (a.value & 0xff) == 0)) return false;
    return true;
  };
  std::optional<std::pair<Ipv4, const Ctx*>> found;
  std::vector<std::size_t> pooled;
  for (int pass = 0; pass <= 1; ++pass) {
    for (const auto& c : chain) {
      if (c.is_static() || c.is_proxy() || !match_netid(c.range->filters, tags, pass == 1)) continue;
      // The pool: every address this range could ever offer (the range minus what the walk
      // skips): the range's precomputed pool without the server's and relays' addresses.
      if (std::find(pooled.begin(), pooled.end(), c.index) == pooled.end()) {
        pooled.push_back(c.index);
        std::uint32_t first = c.range->start.value, last = c.range->end.value;
        std::vector<std::uint32_t> routers;
        for (const auto& d : chain) {
          if (d.router.value >= first && d.router.value <= last) routers.push_back(d.router.value);
        }
        const AddressSet& base = ix_.base_pools[c.index];
        AddressSet cut;
        if (!routers.empty()) {
          std::sort(routers.begin(), routers.end());
          for (const auto& r : base.ranges()) {
            std::uint64_t from = r.first.value;
            for (std::uint32_t x : routers) {
              if (x < r.first.value || x > r.last.value) continue;
              if (x > from) cut.add(Ipv4{static_cast<std::uint32_t>(from)}, Ipv4{x - 1});
              from = std::uint64_t{x} + 1;
            }
            if (from <= r.last.value) cut.add(Ipv4{static_cast<std::uint32_t>(from)}, r.last);
          }
        }
        const AddressSet& pool = routers.empty() ? base : cut;
        if (a_.pool.empty()) {
          a_.pool = pool;
        } else {
          for (const auto& r : pool.ranges()) a_.pool.add(r.first, r.last);
        }
      }
      if (found) continue;
      std::uint32_t size = c.range->end.value - c.range->start.value + 1;
      Ipv4 start{m_.sequential_ip.set ? c.range->start.value
                                      : c.range->start.value + (size == 0 ? j : j % size)};
      Ipv4 addr = start;
      do {
        if (usable(addr)) {
          found = std::make_pair(addr, &c);
          why("yiaddr", &c.range->origin,
              m_.sequential_ip.set
                  ? fmt::format("dhcp-sequential-ip: the lowest free address of {}-{}", c.range->start, c.range->end)
                  : fmt::format("first free address from {} + (SDBM hash of {} = {}) mod {}{}", c.range->start,
                                s_.chaddr.str(), j, size,
                                addr == start ? "" : fmt::format(" = {}, stepping past reserved addresses", start)));
          break;
        }
        addr.value = addr == c.range->end ? c.range->start.value : addr.value + 1;
      } while (addr != start);
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Hosts (dhcp-common.c find_config)
// ---------------------------------------------------------------------------------------------

bool Simulator::in_context(const std::vector<Ctx>* chain, const dnsmasq::Host& h) const {
  if (!chain || !h.address) return true;
  for (const auto& c : *chain) {
    if (same_net(*h.address, c.range->start, c.netmask)) return true;
  }
  return false;
}

namespace {
bool exact_mac(const dnsmasq::HwPattern& p, const HwAddr& hw) {
  return !p.has_wildcard() && p.addr.size() == hw.addr.size() && (p.htype == hw.htype || p.htype == 0) &&
         p.addr == hw.addr;
}
/// memcmp_masked(): 0 when a fixed byte differs, else 1 + the number of fixed bytes.
int masked_count(const dnsmasq::HwPattern& p, const Bytes& b) {
  int count = 1;
  for (std::size_t i = 0; i < p.addr.size() && i < b.size(); ++i) {
    if (p.wildcard[i]) continue;
    if (p.addr[i] != b[i]) return 0;
    ++count;
  }
  return count;
}
}  // namespace

const dnsmasq::Host* Simulator::find_config_pass(const std::vector<Ctx>* chain, const Tags& tags,
                                                 const std::string* hostname, bool tnn) const {
  const auto& hosts = m_.hosts;
  auto ok = [&](std::size_t i) { return in_context(chain, hosts[i]) && match_netid(hosts[i].filters, tags, tnn); };
  // Candidates newest first (dnsmasq's list is in reverse file order).
  auto newest_first = [](std::vector<std::size_t> v) {
    std::sort(v.begin(), v.end(), std::greater<>());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return v;
  };
  static const std::vector<std::size_t> kNone;
  // The index lists are ascending and without repeats: newest first is their reverse.
  auto find_ref = [](const std::unordered_map<std::string, std::vector<std::size_t>>& m, const std::string& k)
      -> const std::vector<std::size_t>& {
    auto it = m.find(k);
    return it == m.end() ? kNone : it->second;
  };
  const Bytes* clid = ix_.ignore_clid ? nullptr : client_option(61);
  if (clid) {
    std::vector<std::size_t> c = ix_.by_client_id.find(byte_view(*clid));
    if ((*clid)[0] == 0) {  // dhcpcd prefixes a text id with a zero byte
      const auto& more = ix_.by_client_id.find(byte_view(*clid, 1));
      c.insert(c.end(), more.begin(), more.end());
    }
    for (std::size_t i : newest_first(c)) {
      if (ok(i)) return &hosts[i];
    }
  }
  const std::vector<std::size_t>& by_mac = mac_hosts_ ? *mac_hosts_ : ix_.by_mac.find(byte_view(s_.chaddr.addr));
  mac_hosts_ = &by_mac;
  for (auto it = by_mac.rbegin(); it != by_mac.rend(); ++it) {
    std::size_t i = *it;
    bool mac = std::any_of(hosts[i].macs.begin(), hosts[i].macs.end(), [&](const auto& p) { return exact_mac(p, s_.chaddr); });
    if (mac && ok(i)) return &hosts[i];
  }
  if (hostname && chain) {
    std::string n = *hostname;
    for (auto& c : n) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const auto& by_name = find_ref(ix_.by_name, n);
    for (auto it = by_name.rbegin(); it != by_name.rend(); ++it) {
      if (ok(*it)) return &hosts[*it];
    }
  }
  const dnsmasq::Host* candidate = nullptr;
  int count = 0;
  for (auto it = ix_.wildcard.rbegin(); it != ix_.wildcard.rend(); ++it) {
    if (!ok(*it)) continue;
    for (const auto& p : hosts[*it].macs) {
      if (!p.has_wildcard() || p.addr.size() != s_.chaddr.addr.size() || !(p.htype == s_.chaddr.htype || p.htype == 0))
        continue;
      int n = masked_count(p, s_.chaddr.addr);
      if (n > count) {
        count = n;
        candidate = &hosts[*it];
      }
    }
  }
  return candidate;
}

const dnsmasq::Host* Simulator::find_config(const std::vector<Ctx>* chain, const Tags& tags, const std::string* hostname) const {
  if (const auto* h = find_config_pass(chain, tags, hostname, false)) return h;
  return find_config_pass(chain, tags, hostname, true);
}

// ---------------------------------------------------------------------------------------------
// Reply
// ---------------------------------------------------------------------------------------------

std::uint32_t Simulator::calc_time(const Ctx& c, const dnsmasq::Host* h) {
  std::uint32_t t;
  if (h && h->lease) {
    t = *h->lease;
    std::string r = "dhcp-host lease time: infinite";
    if (t != kInfinite) {
      r = "dhcp-host lease time ";
      append_num(r, t);
      r += " s";
    }
    why("lease_time", &h->origin, std::move(r));
  } else if (c.range->lease) {
    t = *c.range->lease;
    std::string r = "dhcp-range lease time: infinite";
    if (t != kInfinite) {
      r = "dhcp-range lease time ";
      append_num(r, t);
      r += " s";
    }
    why("lease_time", &c.range->origin, std::move(r));
  } else {
    t = 3600;
    why("lease_time", &c.range->origin, "dhcp-range without a lease time: the default 3600 s");
  }
  if (const Bytes* o = client_option(51, 4)) {
    std::uint32_t req = (std::uint32_t{(*o)[0]} << 24) | (std::uint32_t{(*o)[1]} << 16) | (std::uint32_t{(*o)[2]} << 8) | (*o)[3];
    std::uint32_t r = req < 120 ? 120 : req;
    if (t == kInfinite || (r != kInfinite && r < t)) {
      t = r;
      why("lease_time", nullptr,
          fmt::format("the client asked for {} s (option 51){}", req, req < 120 ? ", raised to the 120 s floor" : ""));
    }
  }
  return t;
}

std::optional<std::string> Simulator::get_domain(Ipv4 addr, const dnsmasq::Origin** origin) const {
  std::optional<std::string> plain;
  for (const auto& d : m_.domains) {
    if (d.scope.empty()) {
      plain = d.name;
      *origin = &d.origin;
    }
  }
  for (const auto& d : m_.domains) {
    if (d.scope.empty()) continue;
    std::string sc = d.scope;
    auto comma = sc.find(',');
    std::string first = sc.substr(0, comma);
    if (auto slash = first.find('/'); slash != std::string::npos) {
      auto net = Ipv4::parse(first.substr(0, slash));
      int len = std::atoi(first.c_str() + slash + 1);
      if (net && same_net(*net, addr, mask_of(len))) {
        *origin = &d.origin;
        return d.name;
      }
    } else if (comma != std::string::npos) {
      std::string second = sc.substr(comma + 1);
      second = second.substr(0, second.find(','));
      auto lo = Ipv4::parse(first), hi = Ipv4::parse(second);
      if (lo && hi && *lo <= addr && addr <= *hi) {
        *origin = &d.origin;
        return d.name;
      }
    }
  }
  return plain;
}

Bytes Simulator::option_bytes(const dnsmasq::DhcpOption& o, const Ctx* ctx, bool null_term) const {
  Bytes v = o.spec.value.bytes;
  if (o.spec.value.kind == dnsmasq::ValueKind::String && null_term && v.size() != 255) v.push_back(0);
  if (ctx && o.spec.value.rewritable_addr && o.spec.space == dnsmasq::OptionSpace::Plain) {
    for (std::size_t i = 0; i + 4 <= v.size(); i += 4) {
      if (v[i] == 0 && v[i + 1] == 0 && v[i + 2] == 0 && v[i + 3] == 0) {
        Bytes l = ctx->local.bytes();
        std::copy(l.begin(), l.end(), v.begin() + static_cast<long>(i));
      }
    }
  }
  return v;
}

void Simulator::do_options(const Ctx* ctx, const std::optional<std::string>& hostname,
                           const std::optional<std::string>& domain, const dnsmasq::Origin* domain_origin,
                           const dnsmasq::Origin* hostname_origin, const Tags& netid, std::uint32_t lease_time,
                           bool renewal) {
  const auto& opts = m_.options;
  const std::size_t n = opts.size();
  // The runtime list is newest first: list position k is file line n-1-k.
  auto at = [&](std::size_t k) -> const dnsmasq::DhcpOption& { return opts[n - 1 - k]; };
  auto code_of = [&](std::size_t k) { return at(k).spec.code; };

  // option_filter(): tier 1 (non-range tags), tier 2 (with the range tag), tier 3 (untagged).
  // Only the candidate lines (no positive tag, or one of the request's tags) can match; every
  // other line would stay unselected, so the passes below run over the candidates alone.
  const std::optional<std::string>& range_tag = ctx ? ctx->range->set_tag : std::nullopt;
  Tags tagif = run_tag_if(netid);
  std::optional<Tags> tagif2;
  if (range_tag) {
    Tags with = netid;
    with.add(*range_tag);
    tagif2 = run_tag_if(with);
  }
  const std::vector<std::size_t> cand = ix_.plain_lines.candidates({&tagif, tagif2 ? &*tagif2 : nullptr});
  const std::size_t nc = cand.size();
  std::vector<bool> tagok(nc, false);
  std::vector<int> tier(nc, 0);
  CodeTable ok_codes(0);  // code -> number of selected candidates with it
  auto select = [&](std::size_t i, bool on, int t) {
    if (tagok[i] != on) ok_codes[code_of(cand[i])] += on ? 1 : -1;
    tagok[i] = on;
    tier[i] = t;
  };
  auto taken = [&](std::size_t i) { return ok_codes.get(code_of(cand[i])) > 0; };
  for (std::size_t i = 0; i < nc; ++i) {
    if (match_netid(at(cand[i]).tags, tagif, false)) select(i, true, 1);
  }
  if (range_tag) {
    tagif = std::move(*tagif2);
    for (std::size_t i = 0; i < nc; ++i) {
      if (tagok[i] && !match_netid(at(cand[i]).tags, tagif, false)) select(i, false, 0);
    }
    for (std::size_t i = 0; i < nc; ++i) {
      if (tagok[i] || !match_netid(at(cand[i]).tags, tagif, false)) continue;
      if (!taken(i)) select(i, true, 2);
    }
  }
  for (std::size_t i = 0; i < nc; ++i) {
    if (tagok[i] || !at(cand[i]).tags.empty()) continue;
    if (!taken(i)) select(i, true, 3);
  }
  // Per code, the first selected line in list order wins.
  CodeTable first_ok(-1);  // code -> candidate index
  for (std::size_t i = 0; i < nc; ++i) {
    if (!tagok[i]) continue;
    std::int64_t& f = first_ok[code_of(cand[i])];
    if (f < 0) f = static_cast<std::int64_t>(i);
    else tagok[i] = false;
  }
  // find2 and tier_name take list positions k, as before.
  auto find2 = [&](std::int64_t code) -> std::optional<std::size_t> {
    std::int64_t f = first_ok.get(code);
    if (f < 0) return std::nullopt;
    return cand[static_cast<std::size_t>(f)];
  };
  auto tier_of = [&](std::size_t k) {
    auto i = static_cast<std::size_t>(std::lower_bound(cand.begin(), cand.end(), k) - cand.begin());
    return i < nc && cand[i] == k ? tier[i] : 0;
  };
  // Appends "tags tag:x hold (...)" (what tier_name says) to `s`.
  auto append_tier = [&](std::string& s, std::size_t k) {
    switch (tier_of(k)) {
      case 1:
        s += "tags ";
        append_conds(s, at(k).tags);
        s += " hold (first tier: last such line wins)";
        break;
      case 2:
        s += "tags ";
        append_conds(s, at(k).tags);
        s += " hold with the range tag '";
        if (range_tag) s += *range_tag;
        s += "' (second tier)";
        break;
      default: s += "untagged (third tier: last such line wins)";
    }
  };
  auto tier_name = [&](std::size_t k) {
    std::string s;
    append_tier(s, k);
    return s;
  };
  why("tags", nullptr, "tags at reply time: " + tagif.str());

  bool no_override = m_.no_override.set;
  bool done_file = false, done_server = false;
  if (ctx) {
    a_.siaddr = ctx->local;
    std::string r = "the server's own address on this range's network (";
    append_ip(r, ctx->local);
    r += ')';
    why("siaddr", &ctx->range->origin, std::move(r));
  }
  // dhcp-boot: the last matching tagged line, else the last untagged one.
  const dnsmasq::Boot* boot = find_boot(tagif);
  std::vector<WireOption> boot_opts;
  if (boot) {
    std::string how = boot->tags.empty() ? "untagged dhcp-boot" : fmt::format("dhcp-boot with {} matching", conds_str(boot->tags));
    if (boot->sname) {
      if (!no_override && req_ && in_list(66)) {
        Bytes v(boot->sname->begin(), boot->sname->end());
        v.push_back(0);
        put(66, std::move(v), &boot->origin, how + "; the client requested 66, so the server name goes in option 66 (with a NUL)");
      } else {
        a_.sname = boot->sname->substr(0, 63);
        why("sname", &boot->origin,
            how + (no_override ? "; dhcp-no-override keeps it in the sname field" : "; 66 not requested: sname field"));
      }
    }
    if (boot->file) {
      if (!no_override && req_ && in_list(67)) {
        Bytes v(boot->file->begin(), boot->file->end());
        v.push_back(0);
        put(67, std::move(v), &boot->origin, how + "; the client requested 67, so the file name goes in option 67 (with a NUL)");
      } else {
        a_.file = boot->file->substr(0, 127);
        why("file", &boot->origin,
            how + (no_override ? "; dhcp-no-override keeps it in the file field" : "; 67 not requested: file field"));
      }
    }
    if (boot->server) {
      a_.siaddr = *boot->server;
      why("siaddr", &boot->origin, "dhcp-boot server address");
    } else if (boot->tftp_name) {
      a_.siaddr = Ipv4{};
      why("siaddr", &boot->origin,
          fmt::format("dhcp-boot names the TFTP server '{}': dnsmasq looks it up in /etc/hosts{}; not found gives 0.0.0.0",
                      *boot->tftp_name, port_ == 0 ? " (not loaded with port=0)" : ""));
    } else if (ctx) {
      why("siaddr", &boot->origin, "dhcp-boot without a server address: siaddr stays the server's own address");
    }
  } else {
    auto field = [&](std::uint8_t code, std::string& out, std::size_t max, const char* name, bool& done) {
      auto k = find2(code);
      if ((req_ && in_list(code)) || !k || at(*k).force) return;
      if (at(*k).spec.value.kind == dnsmasq::ValueKind::None) {
        // safe_strncpy(mess->file, opt->val) with the NULL value of an empty option.
        crashed_ = &at(*k).origin;
        return;
      }
      const Bytes& b = at(*k).spec.value.bytes;
      std::string s;
      for (auto c : b) {
        if (c == 0) break;
        s += static_cast<char>(c);
      }
      out = s.substr(0, max);
      done = true;
      why(name, &at(*k).origin, fmt::format("dhcp-option {} ({}), not requested as an option: goes in the {} field", code, tier_name(*k), name));
    };
    field(67, a_.file, 127, "file", done_file);
    field(66, a_.sname, 63, "sname", done_server);
    if (auto k = find2(255); k && at(*k).spec.value.bytes.size() >= 4) {
      const Bytes& b = at(*k).spec.value.bytes;
      a_.siaddr = Ipv4{(std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) | (std::uint32_t{b[2]} << 8) | b[3]};
      why("siaddr", &at(*k).origin, "dhcp-option server-ip-address (255) sets siaddr when no dhcp-boot matches");
    }
  }

  // Overload is only possible with a PRL and without dhcp-no-override; then 3 bytes are kept for 52.
  fields_busy_ = !req_ || no_override;
  if (!fields_busy_ && (a_.file.empty() || a_.sname.empty())) main_cap_ -= 3;
  if (subnet_addr_.value) put(118, subnet_addr_.bytes(), nullptr, "echo of the client's subnet selector");

  if (lease_time != kInfinite) {
    std::uint32_t t1 = lease_time / 2, t2 = static_cast<std::uint32_t>((std::uint64_t{lease_time} * 7) & 0xffffffffu) / 8;
    const dnsmasq::Origin* o1 = nullptr;
    const dnsmasq::Origin* o2 = nullptr;
    auto conf = [&](std::int64_t code, std::uint32_t& v, const dnsmasq::Origin*& o) {
      auto k = find2(code);
      if (!k || at(*k).spec.value.bytes.size() < 4) return;
      const Bytes& b = at(*k).spec.value.bytes;
      std::uint32_t h = (std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) | (std::uint32_t{b[2]} << 8) | b[3];
      if (h < lease_time && h > 2) {
        v = h;
        o = &at(*k).origin;
      }
    };
    conf(58, t1, o1);
    conf(59, t2, o2);
    if (t2 <= t1) t1 = t2 - 1;
    std::string fuzz = renewal ? "; on a renewal dnsmasq subtracts a random fuzz (not predictable)" : "";
    put(58, be32(t1), o1, (o1 ? "configured T1" : "default T1 = lease/2") + fuzz);
    put(59, be32(t2), o2, (o2 ? "configured T2" : "default T2 = lease*7/8") + fuzz);
  }

  if (ctx) {
    if (!find2(1)) put(1, Ipv4{ctx->netmask}.bytes(), &ctx->range->origin, "the range's netmask (always sent unless dhcp-option 1 is configured)");
    if (ctx->broadcast.value && !find2(28))
      put(28, ctx->broadcast.bytes(), &ctx->range->origin, "the range's broadcast address (always sent unless dhcp-option 28 is configured)");
    if (ctx->router.value && in_list(3) && !find2(3))
      put(3, ctx->router.bytes(), &ctx->range->origin,
          s_.relay ? "default router: the relay address (giaddr)" : "default router: the server's own address");
    if (port_ == 53 && in_list(6) && !find2(6)) put(6, ctx->local.bytes(), nullptr, "default DNS server: dnsmasq itself (port 53)");
  }
  if (domain && in_list(15) && !find2(15)) {
    Bytes v(domain->begin(), domain->end());
    if (null_term_) v.push_back(0);
    put(15, std::move(v), domain_origin, "the domain for this address (domain=)");
  }
  if (hostname) {
    if (in_list(12) && !find2(12)) {
      Bytes v(hostname->begin(), hostname->end());
      if (null_term_) v.push_back(0);
      put(12, std::move(v), hostname_origin, hostname_origin ? "the dhcp-host name" : "the client's own name");
    }
    if (fqdn_flags_ != 0) {
      Bytes v{static_cast<std::uint8_t>(fqdn_flags_ & 0x0f), 255, 255};
      if (fqdn_flags_ & 0x04) {
        auto labels = [&](const std::string& name) {
          std::size_t p = 0;
          while (p <= name.size()) {
            auto dot = name.find('.', p);
            std::string l = name.substr(p, dot == std::string::npos ? std::string::npos : dot - p);
            if (!l.empty()) {
              v.push_back(static_cast<std::uint8_t>(l.size()));
              v.insert(v.end(), l.begin(), l.end());
            }
            if (dot == std::string::npos) break;
            p = dot + 1;
          }
        };
        labels(*hostname);
        if (domain) {
          labels(*domain);
          v.push_back(0);
        }
      } else {
        v.insert(v.end(), hostname->begin(), hostname->end());
        if (domain) {
          v.push_back('.');
          v.insert(v.end(), domain->begin(), domain->end());
        }
        if (null_term_) v.push_back(0);
      }
      put(81, std::move(v), hostname_origin, "client FQDN: dnsmasq's flags, RCODEs 255, the name with the domain");
    }
  }

  // Configured options, newest first.
  for (std::size_t i = 0; i < nc; ++i) {
    if (!tagok[i]) continue;
    const std::size_t k = cand[i];
    const auto& o = at(k);
    std::int64_t code = o.spec.code;
    if (!o.force && !in_list(static_cast<std::uint8_t>(code & 0xff))) continue;
    if (code == 81 || code == 57 || code == 52 || code == 0 || code == 255 || code == 58 || code == 59) continue;
    if ((code == 66 && done_server) || (code == 67 && done_file)) continue;
    if (o.spec.value.bytes.empty() && (code == 1 || code == 28 || code == 3 || code == 6 || code == 15 || code == 12)) continue;
    if (pxe_arch_ != -1 && code == 60) continue;
    if (code < 0 || code > 254) continue;
    bool nt = (code == 66 || code == 67) ? true : null_term_;
    Bytes v = option_bytes(o, ctx, nt);
    std::string reason;
    if (full_why_) {
      reason.reserve(128);
      reason += o.force ? "dhcp-option-force; " : "dhcp-option; ";
      append_tier(reason, k);
      if (!o.force) reason += req_ ? "; requested by the client" : "; the client sent no parameter request list";
    }
    put(static_cast<std::uint8_t>(code), std::move(v), &o.origin, std::move(reason));
    if (code == 60) {
      // dnsmasq re-matches vendor: options against the option 60 it sends itself.
      sent_vendor_class_ = o.spec.value.bytes;
    }
  }

  // encap:N and vi-encap:E groups, in list order of each group's newest line (matching or not).
  // Candidates as above: lines whose positive tags the request has, or without a positive tag.
  std::map<std::size_t, std::vector<std::size_t>> groups;  // newest line of the group -> members, list order
  for (std::size_t t : ix_.encap_lines.candidates({&tagif})) {
    auto sp = at(t).spec.space;
    std::uint8_t outer = sp == dnsmasq::OptionSpace::Encap ? static_cast<std::uint8_t>(at(t).spec.encap & 0xff) : 125;
    if (!match_netid(at(t).tags, tagif, true) || !(at(t).force || in_list(outer))) continue;
    groups[ix_.encap_newest.at(std::make_pair(static_cast<int>(sp), at(t).spec.encap))].push_back(t);
  }
  for (const auto& [k, members] : groups) {
    auto sp = at(k).spec.space;
    std::size_t len = 0;
    for (std::size_t t : members) len += option_bytes(at(t), nullptr, false).size() + 2;
    if (sp == dnsmasq::OptionSpace::Encap) {
      auto outer = static_cast<std::uint8_t>(at(k).spec.encap & 0xff);
      Bytes chunk;
      auto flush = [&](bool last) {
        if (last) chunk.push_back(0xff);
        put(outer, chunk, &at(members.front()).origin,
            fmt::format("encap:{} sub-options (newest line first{})", at(k).spec.encap, last ? ", END byte 0xff counted in the length" : ", split at 255 bytes"));
        chunk.clear();
      };
      for (std::size_t t : members) {
        Bytes v = option_bytes(at(t), nullptr, null_term_);
        if (chunk.size() + v.size() + 2 > 255) flush(false);
        chunk.push_back(static_cast<std::uint8_t>(at(t).spec.code & 0xff));
        chunk.push_back(static_cast<std::uint8_t>(v.size()));
        chunk.insert(chunk.end(), v.begin(), v.end());
        why(option_field(outer), &at(t).origin, "sub-option " + std::to_string(at(t).spec.code));
      }
      flush(true);
    } else {
      if (len > 250) {
        why("option 125", &at(k).origin, fmt::format("vi-encap:{} sub-options exceed 250 bytes: dnsmasq does not send them", at(k).spec.encap));
        continue;
      }
      Bytes v = be32(static_cast<std::uint32_t>(at(k).spec.encap));
      v.push_back(static_cast<std::uint8_t>(len));
      for (std::size_t t : members) {
        Bytes sub = option_bytes(at(t), nullptr, false);
        v.push_back(static_cast<std::uint8_t>(at(t).spec.code & 0xff));
        v.push_back(static_cast<std::uint8_t>(sub.size()));
        v.insert(v.end(), sub.begin(), sub.end());
        why("option 125", &at(t).origin, fmt::format("vi-encap:{} sub-option {}", at(k).spec.encap, at(t).spec.code));
      }
      put(125, std::move(v), &at(k).origin, fmt::format("vi-encap:{} (no END byte)", at(k).spec.encap));
    }
  }

  // vendor: options and pxe-prompt (43): matched by substring of option 60, then by tags; no dedupe.
  auto vendor = vendor_entries(tagif, sent_vendor_class_ ? &*sent_vendor_class_ : client_option(60));
  bool force43 = std::any_of(vendor.begin(), vendor.end(), [](const VendorEntry& e) { return e.force; });
  std::vector<VendorEntry> chain43 = vendor;
  if (ctx && pxe_arch_ != -1) {
    put(60, Bytes(pxe_vendor_.begin(), pxe_vendor_.end()), nullptr, "PXE client: dnsmasq sends its PXE vendor class");
    if (uuid_) put(97, *uuid_, nullptr, "PXE client: the client's UUID (97) echoed");
    if (!pxe_uefi_workaround(tagif)) chain43 = pxe_menu(tagif, ctx->local, vendor);
    else why("option 43", nullptr, "UEFI client with exactly one matching pxe-service with a basename: no PXE menu");
  }
  if ((force43 || in_list(43)) && !chain43.empty()) {
    put_encap43(chain43, force43 ? "; a matching vendor option is forced" : "; 43 requested");
    if (pxe_arch_ == -1 && !sent_vendor_class_) {
      if (const Bytes* c60 = client_option(60)) put(60, *c60, nullptr, "dnsmasq echoes the client's option 60 after sending option 43");
    }
  }
}

std::vector<Simulator::VendorEntry> Simulator::vendor_entries(const Tags& tagif, const Bytes* vc) const {
  struct Item {
    std::uint32_t pos;
    VendorEntry e;
  };
  std::vector<Item> items;
  auto contains = [&](const std::string& cls) {
    if (!vc) return false;
    if (cls.empty()) return true;
    for (std::size_t i = 0; i + cls.size() <= vc->size(); ++i) {
      if (std::memcmp(cls.data(), vc->data() + i, cls.size()) == 0) return true;
    }
    return false;
  };
  for (std::size_t i : ix_.vendor_lines) {
    const auto& o = m_.options[i];
    if (!contains(o.spec.vendor_class) || !match_netid(o.tags, tagif, true))
      continue;
    items.push_back({o.origin.span.begin,
                     {static_cast<std::uint8_t>(o.spec.code & 0xff), option_bytes(o, nullptr, null_term_), o.force, &o.origin,
                      fmt::format("vendor:{} sub-option {} (class is a substring of option 60)", o.spec.vendor_class, o.spec.code)}});
  }
  for (const auto& p : m_.pxe_prompts) {
    if (std::none_of(pxe_vendors_.begin(), pxe_vendors_.end(), contains) || !match_netid(p.tags, tagif, true)) continue;
    Bytes v{static_cast<std::uint8_t>(p.timeout)};
    v.insert(v.end(), p.text.begin(), p.text.end());
    items.push_back({p.origin.span.begin, {10, std::move(v), false, &p.origin, "pxe-prompt (PXE sub-option 10)"}});
  }
  // dnsmasq prepends both to one list: newest line first.
  std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.pos > b.pos; });
  std::vector<VendorEntry> out;
  for (auto& i : items) out.push_back(std::move(i.e));
  return out;
}

bool Simulator::pxe_uefi_workaround(const Tags& tagif) const {
  if (pxe_arch_ < 6) return false;
  int found = 0;
  for (const auto& sv : m_.pxe_services) {
    if (sv.csa == pxe_arch_ && sv.basename && match_netid(sv.tags, tagif, true)) ++found;
  }
  return found == 1;
}

std::vector<Simulator::VendorEntry> Simulator::pxe_menu(const Tags& tagif, Ipv4 local, const std::vector<VendorEntry>& vendor) const {
  Bytes menu, servers;
  std::uint8_t discovery = 3;
  int items = 0;
  const dnsmasq::Origin* first = nullptr;
  for (const auto& sv : m_.pxe_services) {
    if (sv.csa != pxe_arch_ || !match_netid(sv.tags, tagif, true)) continue;
    if (!first) first = &sv.origin;
    if (menu.size() + sv.menu.size() + 3 >= 253) return vendor;  // "PXE menu too large"
    menu.push_back(static_cast<std::uint8_t>(sv.type >> 8));
    menu.push_back(static_cast<std::uint8_t>(sv.type));
    menu.push_back(static_cast<std::uint8_t>(sv.menu.size()));
    menu.insert(menu.end(), sv.menu.begin(), sv.menu.end());
    ++items;
    Ipv4 server = sv.basename ? local : sv.server_name ? Ipv4{} : sv.server.value_or(Ipv4{});
    if (server.value) {
      if (servers.size() + 3 + 4 >= 253) return vendor;
      servers.push_back(static_cast<std::uint8_t>(sv.type >> 8));
      servers.push_back(static_cast<std::uint8_t>(sv.type));
      servers.push_back(1);
      Bytes b = server.bytes();
      servers.insert(servers.end(), b.begin(), b.end());
    } else if (sv.type != 0) {
      discovery = 2;
    }
  }
  std::vector<VendorEntry> out;
  if (items == 0) discovery = 8;
  out.push_back({6, {discovery}, false, first,
                 fmt::format("PXE discovery control {} ({})", discovery,
                             discovery == 8 ? "no menu items: use the file field" : discovery == 2 ? "a service without a known server" : "all servers known")});
  bool have_prompt = std::any_of(vendor.begin(), vendor.end(), [](const VendorEntry& e) { return e.code == 10; });
  if (!have_prompt)
    out.push_back({10, {static_cast<std::uint8_t>(items > 1 ? 255 : 0), 'P', 'X', 'E'}, false, first, "PXE prompt: none configured, so \"PXE\""});
  if (items && !servers.empty()) out.push_back({8, servers, false, first, "PXE boot servers of the menu items"});
  if (items) out.push_back({9, menu, false, first, "PXE boot menu: pxe-service lines for this architecture, in file order"});
  out.insert(out.end(), vendor.begin(), vendor.end());
  return out;
}

void Simulator::put_encap43(const std::vector<VendorEntry>& entries, const std::string& tail) {
  Bytes chunk;
  for (const auto& e : entries) {
    if (chunk.size() + e.value.size() + 2 > 255) {
      put(43, chunk, entries.front().origin, "vendor-encapsulated options (split at 255 bytes)");
      chunk.clear();
    }
    chunk.push_back(e.code);
    chunk.push_back(static_cast<std::uint8_t>(e.value.size()));
    chunk.insert(chunk.end(), e.value.begin(), e.value.end());
    why("option 43", e.origin, e.what);
  }
  chunk.push_back(0xff);
  put(43, std::move(chunk), entries.front().origin, "vendor-encapsulated options, END byte 0xff" + tail);
}

Answer Simulator::proxy_reply(const Ctx& px, const Tags& netid_in, bool ignore, const dnsmasq::Origin* ignore_origin) {
  Tags netid = netid_in;
  Tags tagif = run_tag_if(netid);
  if (px.range->set_tag) {
    netid.add(*px.range->set_tag);
    why("tag " + *px.range->set_tag, &px.range->origin, "set: of the proxy range");
    tagif = run_tag_if(netid);
  }
  if (ignore) return none("dhcp-ignore: proxy-ignored", ignore_origin);
  const dnsmasq::Boot* boot = find_boot(tagif);
  bool redirect = pxe_arch_ >= 6;
  if (redirect) {
    a_.siaddr = px.local;
    why("siaddr", &px.range->origin, "proxy-DHCP: a UEFI client is sent to port 4011 of this server");
  }
  bool workaround = pxe_uefi_workaround(tagif);
  if (!workaround && boot) {
    if (boot->server) {
      a_.siaddr = *boot->server;
    } else if (boot->tftp_name) {
      a_.siaddr = Ipv4{};
    }
    if (boot->server || boot->tftp_name) why("siaddr", &boot->origin, "proxy-DHCP: dhcp-boot server");
    if (boot->file) {
      a_.file = boot->file->substr(0, 127);
      why("file", &boot->origin, "proxy-DHCP: dhcp-boot file name in the file field");
    }
  }
  wire_.push_back({53, {2}});
  why("reply", &px.range->origin, "proxy-DHCP OFFER (no address) to a PXE client");
  put(54, px.local.bytes(), nullptr, "server identifier");
  put(60, Bytes(pxe_vendor_.begin(), pxe_vendor_.end()), nullptr, "PXE client: dnsmasq sends its PXE vendor class");
  if (uuid_) put(97, *uuid_, nullptr, "PXE client: the client's UUID (97) echoed");
  auto vendor = vendor_entries(tagif, client_option(60));
  if (!redirect) put_encap43(pxe_menu(tagif, px.local, vendor), "; the PXE menu of a proxy reply");
  return finish(Reply::Offer);
}

Answer Simulator::finish(Reply r) {
  if (crashed_)
    return none("dnsmasq 2.90 crashes here: an empty dhcp-option 66/67 is copied into the sname/file field "
                "(NULL value) when the client does not request it; no reply, and the server is gone",
                crashed_);
  a_.reply = r;
  // Agent information is echoed verbatim, last.
  if (const Bytes* o82 = client_option(82)) {
    wire_.push_back({82, *o82});
    why("option 82", nullptr, "relay agent information echoed verbatim, last");
  }
  if (overload_at_ >= 0) {
    wire_[static_cast<std::size_t>(overload_at_)].value = {overload_flags_};
    why("option 52", nullptr, "option overload: the options did not fit in the options area");
    if (overload_flags_ & 1) a_.file.clear();
    if (overload_flags_ & 2) a_.sname.clear();
  }
  for (auto& w : file_opts_) wire_.push_back(std::move(w));
  for (auto& w : sname_opts_) wire_.push_back(std::move(w));
  // A client reads repeated instances of one code as one option (RFC 3396), in first-instance order.
  a_.options.reserve(wire_.size());
  for (auto& w : wire_) {
    auto it = std::find_if(a_.options.begin(), a_.options.end(), [&](const AnswerOption& o) { return o.code == w.code; });
    if (it == a_.options.end()) {
      a_.options.push_back({w.code, std::move(w.value)});
    } else {
      it->value.insert(it->value.end(), w.value.begin(), w.value.end());
    }
  }
  a_.lease_time.reset();
  if (const Bytes* lt = a_.option(51); lt && lt->size() == 4)
    a_.lease_time = (std::uint32_t{(*lt)[0]} << 24) | (std::uint32_t{(*lt)[1]} << 16) | (std::uint32_t{(*lt)[2]} << 8) | (*lt)[3];
  return std::move(a_);  // the simulator answers once
}

Answer Simulator::run() {
  a_.server = "dnsmasq";
  a_.why.reserve(32);
  port_ = ix_.port.value_or(opt_.port);
  ifaces_ = &ix_.ifaces;
  recv_ = ifaces_->front();
  if (!s_.relay && s_.interface) {
    auto it = std::find_if(ifaces_->begin(), ifaces_->end(), [&](const SimInterface& i) { return i.address == *s_.interface; });
    if (it != ifaces_->end()) {
      recv_ = *it;
    } else {
      recv_ = SimInterface{*s_.interface, 24, ifaces_->front().name};
      own_ifaces_ = *ifaces_;
      own_ifaces_.push_back(recv_);
      ifaces_ = &own_ifaces_;
    }
  }

  // ---- intake ----
  const auto& hw = s_.chaddr;
  if (hw.addr.size() > 16) return none("hlen above 16: dropped");
  if (hw.htype == 0 && !hw.addr.empty()) return none("htype 0 with a non-zero hlen: dropped");
  const bool bootp = s_.message == MessageType::Bootp;
  if (const Bytes* prl = s_.option(55)) req_ = std::vector<std::uint8_t>(prl->begin(), prl->end());
  if (bootp) req_.reset();
  // The reply's options area: 308 bytes after the cookie, more when option 57 allows (capped at
  // 16384 bytes of packet), 60 for BOOTP; the echoed agent option's room is kept at its end.
  if (bootp) {
    main_cap_ = 60;
  } else {
    if (const Bytes* mm = client_option(57, 2)) {
      std::size_t size = static_cast<std::size_t>(((*mm)[0] << 8) | (*mm)[1]);
      size = size < 28 ? 16384 : size - 28;  // dnsmasq's unsigned subtraction wraps, then caps
      size = std::clamp<std::size_t>(size, 548, 16384);
      main_cap_ = size - 240;
    }
    if (const Bytes* o82 = client_option(82)) main_cap_ -= o82->size() + 2;
  }

  Ipv4 ciaddr = s_.ciaddr.value_or(Ipv4{});
  if (!bootp && (client_option(50, 4) || s_.message == MessageType::Discover)) ciaddr = Ipv4{};

  Tags netid;
  tag(netid, recv_.name, nullptr, "the interface the request arrived on");

  if (!bootp) {
    if (const Bytes* o = client_option(125, 5)) {
      std::size_t len = o->size();
      for (std::size_t off = 0; off + 5 < len;) {
        std::uint32_t ent = (std::uint32_t{(*o)[off]} << 24) | (std::uint32_t{(*o)[off + 1]} << 16) |
                            (std::uint32_t{(*o)[off + 2]} << 8) | (*o)[off + 3];
        std::size_t elen = (*o)[off + 4];
        if (ent == 3561 && off + elen + 5 <= len) {
          bool oui = false, serial = false;
          for (std::size_t p = off + 5; p + 2 <= off + 5 + elen;) {
            std::uint8_t c = (*o)[p], l = (*o)[p + 1];
            if (c == 1 && l >= 1) oui = true;
            if (c == 2 && l >= 1) serial = true;
            p += 2 + l;
          }
          if (oui && serial) tag(netid, "cpewan-id", nullptr, "option 125 carries a Broadband Forum device identity");
          break;
        }
        off += elen + 5;
      }
    }
    if (client_option(82)) {
      if (auto sel = s_.agent_suboption(5); sel && sel->size() >= 4) subnet_addr_ = Ipv4{(std::uint32_t{(*sel)[0]} << 24) | (std::uint32_t{(*sel)[1]} << 16) | (std::uint32_t{(*sel)[2]} << 8) | (*sel)[3]};
      if (auto ov = s_.agent_suboption(11); ov && ov->size() >= 4) override_ = Ipv4{(std::uint32_t{(*ov)[0]} << 24) | (std::uint32_t{(*ov)[1]} << 16) | (std::uint32_t{(*ov)[2]} << 8) | (*ov)[3]};
      for (auto it = m_.class_matches.rbegin(); it != m_.class_matches.rend(); ++it) {
        using K = dnsmasq::ClassMatch::Kind;
        std::uint8_t sub = it->kind == K::CircuitId ? 1 : it->kind == K::RemoteId ? 2 : it->kind == K::SubscriberId ? 6 : 0;
        if (!sub) continue;
        auto v = s_.agent_suboption(sub);
        if (v && !v->empty() && *v == it->data)
          tag(netid, it->set_tag, &it->origin, fmt::format("relay agent sub-option {} equals '{}'", sub, printable(it->data)));
      }
    }
    if (!subnet_addr_.value) {
      if (const Bytes* o = client_option(118, 4)) subnet_addr_ = Ipv4{(std::uint32_t{(*o)[0]} << 24) | (std::uint32_t{(*o)[1]} << 16) | (std::uint32_t{(*o)[2]} << 8) | (*o)[3]};
    }
  }
  for (auto it = m_.mac_matches.rbegin(); it != m_.mac_matches.rend(); ++it) {
    const auto& p = it->mac;
    if (p.addr.size() == hw.addr.size() && (p.htype == hw.htype || p.htype == 0) && masked_count(p, hw.addr))
      tag(netid, it->set_tag, &it->origin, "dhcp-mac matches the hardware address");
  }

  // ---- the range chain ----
  std::vector<Ctx> chain = direct_chain();
  Ipv4 giaddr = s_.relay.value_or(Ipv4{});
  if (giaddr.value || subnet_addr_.value || ciaddr.value) {
    Ipv4 key = subnet_addr_.value ? subnet_addr_ : giaddr.value ? giaddr : ciaddr;
    bool force = subnet_addr_.value || giaddr.value;
    bool keep = false;
    if (!force) {
      for (const auto& c : chain) keep = keep || (same_net(key, c.range->start, c.netmask) && same_net(key, c.range->end, c.netmask));
    }
    if (!keep) {
      auto found = search_chain(key, giaddr);
      if (!found.empty() || force) chain = std::move(found);
    }
  }
  if (chain.empty()) {
    return none(s_.relay ? fmt::format("no dhcp-range on the relay's network ({}): no address range available", giaddr)
                         : fmt::format("no dhcp-range on the receiving interface's network ({}/{})", recv_.address, recv_.prefix));
  }

  // ---- dhcp-match, user-class, vendor-class ----
  if (!bootp) {
    for (auto it = m_.matches.rbegin(); it != m_.matches.rend(); ++it) {
      const auto& sp = it->spec;
      const auto& val = sp.value;
      auto match_bytes = [&](const std::uint8_t* p, std::size_t len) {
        const Bytes& v = val.bytes;
        if (v.size() > len) return false;
        if (v.empty()) return true;
        if (val.kind == dnsmasq::ValueKind::Hex) {
          for (std::size_t i = 0; i < v.size(); ++i) {
            bool wild = i < val.wildcard.size() && val.wildcard[i];
            if (!wild && v[i] != p[i]) return false;
          }
          return true;
        }
        std::size_t step = val.kind == dnsmasq::ValueKind::String ? 1 : v.size();
        for (std::size_t i = 0; i + v.size() <= len; i += step) {
          if (std::memcmp(v.data(), p + i, v.size()) == 0) return true;
        }
        return false;
      };
      bool matched = false;
      std::string how;
      if (sp.space == dnsmasq::OptionSpace::ViEncap) {
        const Bytes* o = client_option(124, 5);
        if (!o) continue;
        std::size_t olen = o->size();
        for (std::size_t off = 0; off < olen - 5 && !matched;) {
          std::size_t len = (*o)[off + 4];
          std::uint32_t ent = (std::uint32_t{(*o)[off]} << 24) | (std::uint32_t{(*o)[off + 1]} << 16) |
                              (std::uint32_t{(*o)[off + 2]} << 8) | (*o)[off + 3];
          if (off + len + 5 <= olen && ent == static_cast<std::uint32_t>(sp.encap)) {
            for (std::size_t o2 = off + 5; o2 < off + len + 5;) {
              std::size_t elen = (*o)[o2];
              if (o2 + elen + 1 <= olen && match_bytes(o->data() + o2 + 1, elen)) {
                matched = true;
                break;
              }
              o2 += elen + 1;
            }
          }
          off += len + 5;
        }
        how = fmt::format("option 124 has enterprise {}{}", sp.encap, val.bytes.empty() ? "" : " with a matching item");
      } else {
        if (sp.code < 0 || sp.code > 255) continue;
        const Bytes* o = client_option(static_cast<std::uint8_t>(sp.code), 1);
        if (!o) continue;
        matched = match_bytes(o->data(), o->size());
        how = val.bytes.empty() ? fmt::format("option {} is present", sp.code)
              : val.kind == dnsmasq::ValueKind::Hex ? fmt::format("option {} starts with {}", sp.code, to_colon_hex(val.bytes))
              : val.kind == dnsmasq::ValueKind::String ? fmt::format("option {} contains '{}'", sp.code, printable(val.bytes))
                                                       : fmt::format("option {} has the {}-byte element {}", sp.code, val.bytes.size(), to_colon_hex(val.bytes));
      }
      if (matched) tag(netid, it->set_tag, &it->origin, "dhcp-match: " + how);
    }
    Bytes user;
    if (const Bytes* uc = client_option(77)) {
      user = *uc;
      std::size_t j = 0;
      while (j < user.size()) j += user[j] + 1;
      if (j == user.size()) {
        for (j = 0; j < user.size();) {
          std::size_t next = j + user[j] + 1;
          user[j] = 0;
          j = next;
        }
      }
    }
    for (auto it = m_.class_matches.rbegin(); it != m_.class_matches.rend(); ++it) {
      using K = dnsmasq::ClassMatch::Kind;
      if (it->kind != K::VendorClass && it->kind != K::UserClass) continue;
      const Bytes* o = it->kind == K::VendorClass ? client_option(60) : (client_option(77) ? &user : nullptr);
      if (!o || it->data.size() > o->size()) continue;
      bool found = false;
      for (std::size_t i = 0; i + it->data.size() <= o->size() && !found; ++i)
        found = std::equal(it->data.begin(), it->data.end(), o->begin() + static_cast<long>(i));
      if (found)
        tag(netid, it->set_tag, &it->origin,
            fmt::format("{} contains '{}'", it->kind == K::VendorClass ? "vendor class (60)" : "user class (77)", printable(it->data)));
    }
  }

  // ---- hosts ----
  const dnsmasq::Host* config = find_config(&chain, run_tag_if(netid), nullptr);
  if (config) {
    tag(netid, "known", &config->origin, "a dhcp-host matches this client on this network");
  } else if (const dnsmasq::Host* other = find_config(nullptr, run_tag_if(netid), nullptr)) {
    tag(netid, "known-othernet", &other->origin, "a dhcp-host matches, but its address is on another network");
  }
  if (config) why("host", &config->origin, "the dhcp-host used for this client (the last matching line wins)");

  if (bootp) {
    if (hw.htype == 0 || hw.addr.empty() || chain.front().is_proxy()) return none("BOOTP needs a hardware address and a non-proxy range");
    if (config && config->ignore) return none("the dhcp-host says 'ignore'", &config->origin);
    if (config) {
      for (const auto& t : config->set_tags) tag(netid, t, &config->origin, "set: on the matching dhcp-host");
    }
    tag(netid, "bootp", nullptr, "BOOTP request");
    Tags tagif = run_tag_if_logged(netid);
    for (const auto& tl : m_.tag_lists) {
      if (tl.kind == dnsmasq::TagList::Kind::Ignore && match_netid(tl.tags, tagif, false))
        return none(fmt::format("dhcp-ignore: {} hold", conds_str(tl.tags)), &tl.origin);
    }
    bool nailed = config && config->address;
    Ipv4 yi;
    const Ctx* ctx = nullptr;
    if (nailed) {
      yi = *config->address;
      why("yiaddr", &config->origin, "the dhcp-host address");
    } else {
      auto got = address_allocate(chain, tagif);
      if (!got) return none("no address available");
      yi = got->first;
    }
    ctx = narrow_context(chain, yi, netid);
    if (!ctx) return none("wrong network: no range for the address");
    if (ctx->range->set_tag) {
      Tags with = netid;
      with.add(*ctx->range->set_tag);
      why("tag " + *ctx->range->set_tag, &ctx->range->origin, "set: of the range the address is in");
      tagif = run_tag_if_logged(with);
    }
    if (!nailed) {
      bool ok = false;
      for (const auto& tl : m_.tag_lists) {
        if (tl.kind == dnsmasq::TagList::Kind::BootpDynamic && (tl.tags.empty() || match_netid(tl.tags, tagif, false))) ok = true;
      }
      if (!ok) return none("BOOTP client without a dhcp-host address and no matching bootp-dynamic: no address configured");
    }
    a_.yiaddr = yi;
    std::optional<std::string> hostname;
    const dnsmasq::Origin* hn_origin = nullptr;
    if (config && config->hostname) {
      hostname = config->hostname;
      hn_origin = &config->origin;
    }
    const dnsmasq::Origin* dom_origin = nullptr;
    auto domain = get_domain(yi, &dom_origin);
    std::uint32_t lt = config && config->lease ? *config->lease : kInfinite;
    do_options(ctx, hostname, domain, dom_origin, hn_origin, netid, kInfinite, false);
    (void)lt;
    return finish(Reply::Bootp);
  }

  // ---- client names ----
  std::optional<std::string> client_hostname, offer_hostname, hostname, domain_from_name;
  if (const Bytes* f = client_option(81, 3)) {
    fqdn_flags_ = (*f)[0];
    if (ix_.client_update) {
      if (fqdn_flags_ & 0x01) {
        fqdn_flags_ |= 0x02;
        fqdn_flags_ &= ~0x01;
      }
      fqdn_flags_ |= 0x08;
    } else {
      if (!(fqdn_flags_ & 0x01)) fqdn_flags_ |= 0x03;
      fqdn_flags_ &= ~0x08;
    }
    std::string name;
    Bytes rest(f->begin() + 3, f->end());
    if (fqdn_flags_ & 0x04) {
      std::size_t p = 0;
      while (p < rest.size() && rest[p] != 0 && p + rest[p] < rest.size()) {
        if (!name.empty()) name += '.';
        name.append(rest.begin() + static_cast<long>(p) + 1, rest.begin() + static_cast<long>(p) + 1 + rest[p]);
        p += rest[p] + 1;
      }
    } else {
      name.assign(rest.begin(), rest.end());
      if (!rest.empty() && rest.back() == 0) null_term_ = true;
      name = name.substr(0, name.find('\0'));
    }
    client_hostname = offer_hostname = name;
  } else if (const Bytes* h = client_option(12, 1)) {
    std::string name(h->begin(), h->end());
    if (!h->empty() && h->back() == 0) null_term_ = true;
    name = name.substr(0, name.find('\0'));
    client_hostname = name;
  }
  auto legal = [](const std::string& n) {
    if (n.empty()) return true;
    for (std::size_t i = 0; i < n.size(); ++i) {
      char c = n[i];
      if (std::isalnum(static_cast<unsigned char>(c))) continue;
      if (i > 0 && (c == '-' || c == '_')) continue;
      if (c == '.') return true;
      return false;
    }
    return true;
  };
  if (client_hostname && !legal(*client_hostname)) {
    if (fqdn_flags_) offer_hostname.reset();
    client_hostname.reset();
  }
  if (client_hostname) {
    for (auto it = m_.name_matches.rbegin(); it != m_.name_matches.rend(); ++it) {
      const std::string& cn = *client_hostname;
      if (cn.size() < it->name.size()) continue;
      if (strncasecmp(cn.c_str(), it->name.c_str(), it->name.size()) == 0 && (cn.size() == it->name.size() || it->wildcard))
        tag(netid, it->set_tag, &it->origin, fmt::format("dhcp-name-match: the client's name '{}'", cn));
    }
  }
  const dnsmasq::Origin* hostname_origin = nullptr;
  std::optional<std::string> host_domain;
  if (config && config->hostname) {
    hostname = config->hostname;
    host_domain = config->domain;
    hostname_origin = &config->origin;
    if (fqdn_flags_ != 0 || !client_hostname || strcasecmp(hostname->c_str(), client_hostname->c_str()) == 0)
      offer_hostname = hostname;
    else
      offer_hostname.reset();
  } else if (client_hostname) {
    auto dot = client_hostname->find('.');
    std::string stripped = client_hostname->substr(0, dot);
    if (dot != std::string::npos && dot + 1 < client_hostname->size()) domain_from_name = client_hostname->substr(dot + 1);
    if (!stripped.empty()) {
      hostname = stripped;
      if (offer_hostname) offer_hostname = stripped;
      if (!config) {
        const dnsmasq::Host* byname = find_config(&chain, run_tag_if(netid), &stripped);
        if (byname && !byname->client_id && byname->macs.empty()) {
          config = byname;
          tag(netid, "known", &config->origin, "a name-only dhcp-host matches the client's name");
        }
      }
    }
  }
  if (config) {
    for (const auto& t : config->set_tags) tag(netid, t, &config->origin, "set: on the matching dhcp-host");
  }
  Tags tagif = run_tag_if_logged(netid);

  bool ignore = false;
  const dnsmasq::Origin* ignore_origin = nullptr;
  for (const auto& tl : m_.tag_lists) {
    if (tl.kind == dnsmasq::TagList::Kind::Ignore && match_netid(tl.tags, tagif, false)) {
      ignore = true;
      ignore_origin = &tl.origin;
    }
  }
  if (config && config->ignore) {
    ignore = true;
    ignore_origin = &config->origin;
  }

  // dhcp-proxy: the relay's address becomes the server identifier (all relays, or the listed ones).
  if (giaddr.value && !override_.value) {
    for (const auto& o : m_.others) {
      if (o.key != "dhcp-proxy") continue;
      bool listed = !o.arg || o.arg->empty();
      std::string a = o.arg.value_or("");
      for (std::size_t p = 0; !listed && p <= a.size();) {
        auto c = a.find(',', p);
        auto ip = Ipv4::parse(a.substr(p, c == std::string::npos ? std::string::npos : c - p));
        listed = ip && *ip == giaddr;
        if (c == std::string::npos) break;
        p = c + 1;
      }
      if (listed) {
        override_ = giaddr;
        why("option 54", &o.origin, "dhcp-proxy: the relay's address is the server identifier");
      }
    }
  }

  // ---- PXE ----
  bool pxe_enabled = !m_.pxe_services.empty() || !m_.pxe_prompts.empty();
  if (pxe_enabled) {
    const Bytes* v60 = s_.option(60);
    bool is_pxe = false;
    for (const auto& pv : pxe_vendors_) {
      if (!is_pxe && v60 && v60->size() >= pv.size() && std::equal(pv.begin(), pv.end(), v60->begin())) {
        is_pxe = true;
        pxe_vendor_ = pv;
      }
    }
    if (is_pxe) {
      uuid_ = client_option(97, 17);
      if (const Bytes* arch = client_option(93, 2)) {
        pxe_arch_ = ((*arch)[0] << 8) | (*arch)[1];
        for (const auto& c : chain) {
          if (c.is_proxy() && match_netid(c.range->filters, tagif, true) && s_.message == MessageType::Discover)
            return proxy_reply(c, netid, ignore, ignore_origin);
        }
      }
    }
  }
  if (chain.front().is_proxy()) return none("the first range is a proxy range: dnsmasq only answers PXE", &chain.front().range->origin);

  // The ACK of a REQUEST (or of a rapid-commit DISCOVER): names, lease time, then do_options().
  const dnsmasq::Origin* dom_origin = nullptr;
  auto make_ack = [&](const Ctx* ctx, Ipv4 yi, bool renewal, bool rapid) -> Answer {
    if (ctx->range->set_tag) why("tag " + *ctx->range->set_tag, &ctx->range->origin, "set: of the range the address is in");
    std::uint32_t lt = calc_time(*ctx, config);
    // Names: the dhcp-host name, else the client's name (subject to dhcp-ignore-names), else a generated one.
    std::optional<std::string> name = hostname;
    std::optional<std::string> name_domain = host_domain;
    bool auth = config && config->hostname;
    Tags full = netid;
    if (ctx->range->set_tag) full.add(*ctx->range->set_tag);
    Tags full_if = run_tag_if(full);
    if (!auth) {
      for (const auto& tl : m_.tag_lists) {
        if (tl.kind == dnsmasq::TagList::Kind::IgnoreNames && (tl.tags.empty() || match_netid(tl.tags, full_if, false))) {
          if (name) why("option 12", &tl.origin, "dhcp-ignore-names drops the client's name");
          name.reset();
        }
      }
      if (!name && !hw.addr.empty()) {
        for (const auto& tl : m_.tag_lists) {
          if (tl.kind == dnsmasq::TagList::Kind::GenerateNames && (tl.tags.empty() || match_netid(tl.tags, full_if, false))) {
            std::string g;
            for (std::size_t i = 0; i < hw.addr.size(); ++i) g += fmt::format("{:02x}{}", hw.addr[i], i + 1 == hw.addr.size() ? "" : "-");
            name = g;
            hostname_origin = &tl.origin;
            break;
          }
        }
      }
    }
    wire_.push_back({53, {5}});
    why("reply", &ctx->range->origin, range_reason("DHCPACK from range ", *ctx->range));
    Ipv4 sid = override_.value ? override_ : ctx->local;
    put(54, sid.bytes(), nullptr, "server identifier");
    put(51, be32(lt), nullptr, "lease time");
    if (rapid) put(80, {}, nullptr, "rapid commit: the client sent option 80 and dhcp-rapid-commit is set");
    auto dom = get_domain(yi, &dom_origin);
    do_options(ctx, name, dom, dom_origin, hostname_origin, netid, lt, renewal);
    return finish(Reply::Ack);
  };
  switch (s_.message) {
    case MessageType::Discover: {
      if (ignore) return none(config && config->ignore ? "the dhcp-host says 'ignore'" : "dhcp-ignore: its tags hold (no reply)", ignore_origin);
      std::optional<Ipv4> yi;
      bool dynamic = false;
      if (config && config->address) {
        if (chain.front().router == *config->address) {
          why("yiaddr", &config->origin, "dhcp-host address is the server's or relay's own address: not used");
        } else {
          yi = *config->address;
          why("yiaddr", &config->origin, "the dhcp-host address");
        }
      }
      if (!yi) {
        if (const Bytes* r = client_option(50, 4)) {
          Ipv4 want{(std::uint32_t{(*r)[0]} << 24) | (std::uint32_t{(*r)[1]} << 16) | (std::uint32_t{(*r)[2]} << 8) | (*r)[3]};
          if (address_available(chain, want, tagif) && !reserved(want)) {
            yi = want;
            why("yiaddr", &address_available(chain, want, tagif)->range->origin,
                "the address the client asked for (option 50) is free in a dynamic range");
          }
        }
      }
      if (!yi) {
        if (hw.addr.empty()) return none("no unique-id: no hardware address to hash");
        auto got = address_allocate(chain, tagif);
        if (!got) return none("no address available in any matching dynamic range");
        yi = got->first;
        dynamic = true;
      }
      const Ctx* ctx = narrow_context(chain, *yi, tagif);
      if (!ctx) return none(fmt::format("no range fits the address {}", *yi));
      if (!dynamic) a_.pool = {};
      a_.yiaddr = *yi;
      if (dynamic) why("pool", nullptr, fmt::format("addresses the dynamic allocation may draw from: {}", a_.pool.str()));
      if (ctx->range->set_tag)
        why("tag " + *ctx->range->set_tag, &ctx->range->origin, "set: of the range the address is in (second-tier for options)");
      if (ix_.rapid_commit && s_.option(80)) {
        why("reply", nullptr, "dhcp-rapid-commit and the client sent option 80: an ACK instead of an OFFER");
        return make_ack(ctx, *yi, false, true);
      }
      std::uint32_t lt = calc_time(*ctx, config);
      wire_.push_back({53, {2}});
      why("reply", &ctx->range->origin, range_reason("DHCPOFFER from range ", *ctx->range));
      Ipv4 sid = override_.value ? override_ : ctx->local;
      put(54, sid.bytes(), nullptr, "server identifier: the server's address on this network");
      put(51, be32(lt), nullptr, "lease time");
      auto dom = get_domain(*yi, &dom_origin);
      bool offer_is_host = offer_hostname && config && config->hostname && *offer_hostname == *config->hostname;
      do_options(ctx, offer_hostname, dom, dom_origin, offer_is_host ? hostname_origin : nullptr, netid, lt, false);
      return finish(Reply::Offer);
    }
    case MessageType::Request: {
      if (ignore) return none("dhcp-ignore (or dhcp-host ignore): no reply to REQUEST", ignore_origin);
      std::optional<std::string> nak;
      bool selecting = false, renewal = false;
      Ipv4 yi;
      const Ctx* sel_ctx = nullptr;
      if (const Bytes* r = client_option(50, 4)) {
        yi = Ipv4{(std::uint32_t{(*r)[0]} << 24) | (std::uint32_t{(*r)[1]} << 16) | (std::uint32_t{(*r)[2]} << 8) | (*r)[3]};
        if (const Bytes* sid = client_option(54, 4)) {
          selecting = true;
          Ipv4 want{(std::uint32_t{(*sid)[0]} << 24) | (std::uint32_t{(*sid)[1]} << 16) | (std::uint32_t{(*sid)[2]} << 8) | (*sid)[3]};
          if (override_.value) {
            if (want != override_) return none("SELECTING with a server identifier that is not the override address");
          } else {
            for (const auto& c : chain) {
              if (c.local == want) {
                sel_ctx = &c;
                break;
              }
            }
            if (!sel_ctx) {
              bool tftp_iface = !m_.enable_tftp.empty() &&
                                std::any_of(ifaces_->begin(), ifaces_->end(), [&](const SimInterface& i) { return i.address == want; });
              if (tftp_iface) {
                override_ = want;
              } else if (!m_.authoritative.set) {
                return none("REQUEST for another server (server identifier is not ours): ignored");
              } else {
                nak = "wrong server-ID";
              }
            }
          }
          if (sel_ctx) {
            // dnsmasq continues with the chain from the matching range on.
            auto it = chain.begin() + (sel_ctx - chain.data());
            chain.erase(chain.begin(), it);
          }
        } else if (!m_.authoritative.set) {
          return none("INIT-REBOOT REQUEST without a lease on a fresh server (not authoritative): ignored");
        }
      } else {
        if (!m_.authoritative.set) return none("RENEWING/REBINDING REQUEST without a lease on a fresh server (not authoritative): ignored");
        renewal = true;
        yi = ciaddr;
      }
      const Ctx* ctx = nullptr;
      if (!nak) {
        ctx = narrow_context(chain, yi, tagif);
        if (!ctx) {
          nak = "wrong network";
        } else if (!address_available(chain, yi, tagif) && (!config || !config->address || *config->address != yi)) {
          nak = "address not available";
        } else if (!selecting && config && config->address && !(chain.front().router == *config->address) && *config->address != yi) {
          nak = "static lease available";
        } else if (auto h = host_addrs_.find(yi.value); h != host_addrs_.end() && h->second != config) {
          nak = "address reserved";
        } else if (hw.addr.empty() && !client_option(61)) {
          nak = "no unique-id";
        }
      }
      if (nak) {
        wire_.push_back({53, {6}});
        why("reply", nullptr, "DHCPNAK: " + *nak);
        Ipv4 sid = override_.value ? override_ : ctx && ctx->local.value ? ctx->local : recv_.address;
        put(54, sid.bytes(), nullptr, "server identifier");
        Bytes msg(nak->begin(), nak->end());
        if (null_term_) msg.push_back(0);
        put(56, std::move(msg), nullptr, "NAK message");
        return finish(Reply::Nak);
      }
      a_.yiaddr = yi;
      why("yiaddr", nullptr, selecting ? "the address the client selected (option 50)" : renewal ? "ciaddr" : "option 50");
      return make_ack(ctx, yi, renewal, false);
    }
    case MessageType::Inform: {
      if (ignore) return none("dhcp-ignore: no reply to INFORM", ignore_origin);
      if (!ciaddr.value) return none("INFORM without ciaddr: ignored");
      const Ctx* ctx = narrow_context(chain, ciaddr, tagif);
      wire_.push_back({53, {5}});
      why("reply", ctx ? &ctx->range->origin : nullptr, "DHCPACK to an INFORM (no address, no lease time)");
      Ipv4 sid = override_.value ? override_ : ctx && ctx->local.value ? ctx->local : recv_.address;
      put(54, sid.bytes(), nullptr, "server identifier");
      auto dom = get_domain(ciaddr, &dom_origin);
      do_options(ctx, std::nullopt, dom, dom_origin, nullptr, netid, kInfinite, false);
      return finish(Reply::Ack);
    }
    case MessageType::Bootp: break;
  }
  return none("unsupported message");
}

}  // namespace

SimInterface default_interface(const dnsmasq::Model& model) {
  for (const auto& r : model.ranges) {
    std::uint32_t mask = r.netmask ? r.netmask->value : 0xffffff00u;
    int prefix = r.netmask ? Prefix::mask_length(*r.netmask).value_or(24) : 24;
    return SimInterface{Ipv4{(r.start.value & mask) + 1}, prefix, "eth0"};
  }
  return SimInterface{Ipv4{0xc0000201u}, 24, "eth0"};
}

DnsmasqServer::DnsmasqServer(const dnsmasq::Model& model, DnsmasqSimOptions options)
    : model_(model), options_(std::move(options)), index_(std::make_unique<DnsmasqIndex>(model)) {
  std::vector<SimInterface> ifaces = options_.interfaces;
  if (ifaces.empty()) ifaces.push_back(default_interface(model));
  index_->prepare_interfaces(model, std::move(ifaces));
}

DnsmasqServer::~DnsmasqServer() = default;

Answer DnsmasqServer::answer(const Scenario& scenario, bool full_why) const {
  return Simulator(model_, *index_, scenario, options_, full_why).run();
}

Answer simulate_dnsmasq(const dnsmasq::Model& model, const Scenario& scenario, const DnsmasqSimOptions& options) {
  return DnsmasqServer(model, options).answer(scenario);
}

}  // namespace isc2dnsmasq::sim
