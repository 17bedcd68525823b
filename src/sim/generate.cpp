// Scenario generation: clients built to satisfy (and to miss) every guard of both configs, client families, pairs, random clients.
#include "sim/generate.hpp"

#include <algorithm>
#include <map>
#include <random>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "core/permute.hpp"
#include "sim/isc_server.hpp"

namespace isc2dnsmasq::sim {

using namespace isc;

namespace {

// ---------------------------------------------------------------------------------------------
// Client requirements: option values (per space), hardware, derived from guard expressions.

struct Need {
  std::map<std::pair<std::string, std::uint32_t>, Bytes> options;  // (space, code) -> value
  std::optional<HwAddr> hw;
  bool conflict = false;

  void set(const std::string& space, std::uint32_t code, Bytes v) {
    auto key = std::make_pair(space, code);
    auto it = options.find(key);
    if (it != options.end() && it->second != v) conflict = true;
    options[key] = std::move(v);
  }
  bool merge(const Need& o) {
    for (const auto& [k, v] : o.options) set(k.first, k.second, v);
    if (o.hw) {
      if (hw && *hw != *o.hw) conflict = true;
      hw = o.hw;
    }
    return !conflict;
  }
  bool empty() const { return options.empty() && !hw; }
};

std::string space_of(const OptionRef& r) { return r.resolved_space.empty() ? "dhcp" : r.resolved_space; }

// Literal characters a POSIX regex requires (a crude but useful witness: "^PXEClient" -> "PXEClient").
Bytes regex_witness(const Bytes& pattern) {
  std::string p(pattern.begin(), pattern.end());
  std::string out;
  for (std::size_t i = 0; i < p.size(); ++i) {
    char c = p[i];
    if (c == '^' || c == '$') continue;
    if (c == '\\' && i + 1 < p.size()) {
      out += p[++i];
      continue;
    }
    if (c == '.' ) { out += 'x'; continue; }
    if (c == '(' || c == ')' || c == '|' || c == '[' || c == '*' || c == '+' || c == '?' || c == '{') break;
    out += c;
  }
  return Bytes(out.begin(), out.end());
}

class Solver {
public:
  Solver(const std::map<std::string, const ClassDecl*>& classes) : classes_(classes) {}

  // Requirements under which `e` is true (want) or false (!want); nullopt when not derivable.
  std::optional<Need> solve(const Expr& e, bool want, int depth = 0) {
    if (depth > 16) return std::nullopt;
    switch (e.op) {
      case ExprOp::And:
        if (e.args.size() < 2) return std::nullopt;
        if (want) {
          auto a = solve(*e.args[0], true, depth + 1);
          auto b = solve(*e.args[1], true, depth + 1);
          if (!a || !b) return std::nullopt;
          if (!a->merge(*b)) return std::nullopt;
          return a;
        }
        return solve(*e.args[0], false, depth + 1);
      case ExprOp::Or:
        if (e.args.size() < 2) return std::nullopt;
        if (want) {
          if (auto a = solve(*e.args[0], true, depth + 1)) return a;
          return solve(*e.args[1], true, depth + 1);
        } else {
          auto a = solve(*e.args[0], false, depth + 1);
          auto b = solve(*e.args[1], false, depth + 1);
          if (!a || !b) return std::nullopt;
          if (!a->merge(*b)) return std::nullopt;
          return a;
        }
      case ExprOp::Not:
        if (e.args.empty()) return std::nullopt;
        return solve(*e.args[0], !want, depth + 1);
      case ExprOp::Exists:
        if (!e.option || e.option->code < 0) return std::nullopt;
        if (want) {
          Need n;
          n.set(space_of(*e.option), static_cast<std::uint32_t>(e.option->code), Bytes{1});
          return n;
        }
        return Need{};
      case ExprOp::Equal:
      case ExprOp::NotEqual: {
        if (e.args.size() < 2) return std::nullopt;
        bool eq = (e.op == ExprOp::Equal) == want;
        const Expr* lhs = e.args[0].get();
        const Expr* rhs = e.args[1].get();
        if (lhs->op == ExprOp::ConstData || lhs->op == ExprOp::ConstInt) std::swap(lhs, rhs);
        std::optional<Bytes> value;
        if (rhs->op == ExprOp::ConstData) value = rhs->data;
        else if (rhs->op == ExprOp::ConstInt) value = Bytes{static_cast<std::uint8_t>(rhs->number)};
        if (!value) return std::nullopt;
        Bytes target = *value;
        if (!eq) {
          // A different value of the same shape: flip the last byte (or use "x").
          if (target.empty()) target = {'x'};
          else target.back() = static_cast<std::uint8_t>(target.back() ^ 0x20 ? target.back() ^ 0x20 : 'x');
        }
        if (rhs->op == ExprOp::ConstInt) return solve_int(*lhs, rhs->number, eq, depth + 1);
        return solve_data(*lhs, target, depth + 1);
      }
      case ExprOp::RegexMatch:
      case ExprOp::IRegexMatch:
        if (e.args.size() < 2 || e.args[1]->op != ExprOp::ConstData) return std::nullopt;
        if (!want) return Need{};
        return solve_data(*e.args[0], regex_witness(e.args[1]->data), depth + 1);
      case ExprOp::Check: {
        auto it = classes_.find(e.name);
        if (it == classes_.end() || !it->second->match_if()) return std::nullopt;
        return solve(*it->second->match_if()->expr, want, depth + 1);
      }
      default: return std::nullopt;
    }
  }

  // Requirements under which data expression `e` evaluates to `v`.
  std::optional<Need> solve_data(const Expr& e, const Bytes& v, int depth) {
    if (depth > 16) return std::nullopt;
    switch (e.op) {
      case ExprOp::Option: {
        if (!e.option || e.option->code < 0) return std::nullopt;
        Need n;
        n.set(space_of(*e.option), static_cast<std::uint32_t>(e.option->code), v);
        return n;
      }
      case ExprOp::Hardware: {
        if (v.size() < 2) return std::nullopt;
        Need n;
        n.hw = HwAddr{v[0], Bytes(v.begin() + 1, v.end())};
        return n;
      }
      case ExprOp::Substring: {
        if (e.args.size() < 3 || e.args[1]->op != ExprOp::ConstInt) return std::nullopt;
        auto off = static_cast<std::size_t>(e.args[1]->number);
        if (e.args[0]->op == ExprOp::Hardware) {
          // Keep a full 6-byte MAC: htype 1, then the bytes at the offset.
          Bytes hw(7, 0);
          hw[0] = 1;
          hw[1] = 0x02;
          for (std::size_t i = 0; i < v.size() && off + i < 17; ++i) {
            if (off + i >= hw.size()) hw.resize(off + i + 1, 0);
            hw[off + i] = v[i];
          }
          return solve_data(*e.args[0], hw, depth + 1);
        }
        Bytes full(off, 'x');
        full.insert(full.end(), v.begin(), v.end());
        if (v.empty()) full.push_back('x');
        return solve_data(*e.args[0], full, depth + 1);
      }
      case ExprOp::Suffix: {
        Bytes full{'x'};
        full.insert(full.end(), v.begin(), v.end());
        if (!e.args.empty()) return solve_data(*e.args[0], full, depth + 1);
        return std::nullopt;
      }
      case ExprOp::Lcase:
      case ExprOp::Ucase:
        if (e.args.empty()) return std::nullopt;
        return solve_data(*e.args[0], v, depth + 1);
      case ExprOp::PickFirstValue:
        if (e.args.empty()) return std::nullopt;
        return solve_data(*e.args[0], v, depth + 1);
      default: return std::nullopt;
    }
  }

  std::optional<Need> solve_int(const Expr& e, std::int64_t n, bool eq, int depth) {
    std::int64_t target = eq ? n : n + 1;
    if (e.op == ExprOp::ExtractInt && !e.args.empty()) {
      Bytes b;
      for (int i = static_cast<int>(e.number / 8) - 1; i >= 0; --i) b.push_back(static_cast<std::uint8_t>(target >> (8 * i)));
      return solve_data(*e.args[0], b, depth);
    }
    return std::nullopt;
  }

private:
  const std::map<std::string, const ClassDecl*>& classes_;
};

// ---------------------------------------------------------------------------------------------

Bytes text(std::string_view s) { return Bytes(s.begin(), s.end()); }

const std::vector<std::uint8_t> kOsPrl{1, 3, 6, 12, 15, 28, 42, 51, 54, 58, 59};
const std::vector<std::uint8_t> kPxePrl{1, 2, 3, 4, 5, 6, 12, 13, 15, 17, 18, 22, 23, 28, 40, 41, 42, 43,
                                        50, 51, 54, 58, 59, 60, 66, 67, 97, 128, 129, 130, 131, 132, 133, 134, 135};
const std::vector<std::uint8_t> kIpxePrl{1, 3, 6, 7, 12, 15, 17, 26, 43, 60, 66, 67, 119, 128, 129, 130, 131,
                                         132, 133, 134, 135, 175, 203};

void put(Scenario& s, std::uint8_t code, Bytes v) {
  for (auto& o : s.options)
    if (o.code == code) {
      o.value = std::move(v);
      return;
    }
  s.options.push_back({code, std::move(v)});
}

Bytes prl_bytes(const std::vector<std::uint8_t>& p) { return Bytes(p.begin(), p.end()); }

// A value a guard wants in option 82, as a relay agent would send it: a list of non-empty agent
// sub-options (real dhcpd decodes option 82 and drops what does not decode, so an ill-formed list
// would test the packet decoder, not the config). When the value is the start of such a list
// (dnsmasq's `dhcp-match=...,82,1b` wants byte 01), the list is completed: a missing length
// becomes 1 and a short last value is zero-padded, so the result starts with the value (dnsmasq's
// hex match is a prefix match, its integer match looks at multiples of the value's length).
// Otherwise the value becomes a circuit-id, zero-padded so it starts at a multiple of its length.
Bytes agent_list(const Bytes& v) {
  if (v.empty()) return {1, 1, 1};
  Bytes out = v;
  std::size_t i = 0;
  while (i < out.size() && out[i] != 0) {
    if (i + 1 == out.size()) out.push_back(1);
    if (out[i + 1] == 0) break;
    std::size_t end = i + 2 + out[i + 1];
    if (end > out.size()) out.resize(end, 0);
    i = end;
  }
  if (i == out.size()) return out;
  std::size_t pad = (v.size() - 2 % v.size()) % v.size();
  if (v.size() + pad > 255) return {1, 1, 1};
  out = {1, static_cast<std::uint8_t>(v.size() + pad)};
  out.insert(out.end(), pad, 0);
  out.insert(out.end(), v.begin(), v.end());
  return out;
}

enum class Family { Os, PxeBios, UefiX64, Ipxe, IpxeAdversarial, Bare };

const char* family_name(Family f) {
  switch (f) {
    case Family::Os: return "os";
    case Family::PxeBios: return "pxe-bios";
    case Family::UefiX64: return "uefi-x64";
    case Family::Ipxe: return "ipxe";
    case Family::IpxeAdversarial: return "ipxe-adversarial";
    case Family::Bare: return "no-prl";
  }
  return "os";
}

void apply_family(Scenario& s, Family f) {
  switch (f) {
    case Family::Os: put(s, 55, prl_bytes(kOsPrl)); break;
    case Family::Bare: break;
    case Family::PxeBios:
      put(s, 60, text("PXEClient:Arch:00000:UNDI:002001"));
      put(s, 93, {0, 0});
      put(s, 94, {1, 2, 1});
      put(s, 55, prl_bytes(kPxePrl));
      break;
    case Family::UefiX64:
      put(s, 60, text("PXEClient:Arch:00007:UNDI:003016"));
      put(s, 93, {0, 7});
      put(s, 94, {1, 3, 16});
      put(s, 55, prl_bytes(kPxePrl));
      break;
    case Family::Ipxe:
      put(s, 60, text("PXEClient:Arch:00000:UNDI:002001"));
      put(s, 93, {0, 0});
      put(s, 77, text("iPXE"));
      // features: pxeext(16)=2, http(19), https(20), tftp(21), dns(23), bzimage(24), menu(39)
      put(s, 175, {16, 1, 2, 19, 1, 1, 20, 1, 1, 21, 1, 1, 23, 1, 1, 24, 1, 1, 39, 1, 1});
      put(s, 55, prl_bytes(kIpxePrl));
      break;
    case Family::IpxeAdversarial:
      // iPXE without http/https/efi features, but the bytes 19, 20 and 36 appear as values of
      // other sub-options: a byte search over option 175 would over-match.
      put(s, 60, text("PXEClient:Arch:00000:UNDI:002001"));
      put(s, 93, {0, 0});
      put(s, 77, text("iPXE"));
      put(s, 175, {16, 1, 19, 21, 1, 20, 23, 1, 36, 235, 3, 1, 0, 19});
      put(s, 55, prl_bytes(kIpxePrl));
      break;
  }
}

// The first host address of a subnet outside every range and fixed address declared in it: the address a server
// interface would have (a server's own address is never one it leases).
Ipv4 interface_address(const SubnetDecl& sub) {
  auto pre = sub.prefix();
  int len = pre ? pre->length : 32;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> ranges;
  for_each_stmt(sub.body, [&](const Stmt& s, int) {
    if (auto* r = s.as<RangeStmt>()) {
      std::uint32_t lo = r->low.value, hi = r->high ? r->high->value : lo;
      if (hi < lo) std::swap(lo, hi);
      ranges.emplace_back(lo, hi);
    }
    // Fixed addresses of the hosts declared inside the subnet are taken too.
    if (auto* f = s.as<FixedAddressStmt>()) {
      for (const auto& e : f->addresses)
        if (e.hostname.empty()) ranges.emplace_back(e.ip.value, e.ip.value);
    }
  });
  std::uint32_t first = sub.network.value + (len < 31 ? 1 : 0);
  std::uint32_t last = len >= 31 ? sub.network.value : (sub.network.value | ~(len ? ~0u << (32 - len) : 0u)) - 1;
  for (std::uint32_t a = first, n = 0; a <= last && n < 4096; ++a, ++n) {
    bool inside = false;
    for (const auto& [lo, hi] : ranges)
      if (a >= lo && a <= hi) {
        inside = true;
        a = hi;  // skip the range
        break;
      }
    if (!inside) return Ipv4{a};
  }
  return Ipv4{first};
}

class Generator {
public:
  Generator(const Config* isc, const Resolution* res, const dnsmasq::Model* dm, const GenerateOptions& o)
      : isc_(isc), res_(res), dm_(dm), o_(o), rng_(o.seed) {
    registry_ = res ? &res->registry : &dhcp::OptionRegistry::dhcpd_builtin();
  }

  Generated run() {
    if (isc_) collect_isc();
    if (dm_) collect_dnsmasq();
    if (networks_.empty()) {
      Network n;
      n.label = "the server's interface";
      networks_.push_back(n);
    }
    // 1. Every network: an unknown client of each family, plus REQUESTs.
    for (std::size_t i = 0; i < networks_.size(); ++i) {
      const auto& n = networks_[i];
      std::vector<Family> fams{Family::Os};
      if (i < 8) fams = {Family::Os, Family::Bare, Family::PxeBios, Family::UefiX64, Family::Ipxe, Family::IpxeAdversarial};
      for (Family f : fams) {
        Scenario s = base(n, fmt::format("{} client on {}", family_name(f), n.label));
        apply_family(s, f);
        add(std::move(s));
      }
      if (n.request) {
        Scenario s = base(n, fmt::format("REQUEST {} on {}", n.request->str(), n.label));
        s.message = MessageType::Request;
        apply_family(s, Family::Os);
        put(s, 50, n.request->bytes());
        if (o_.server_id) put(s, 54, o_.server_id->bytes());
        add(std::move(s));
      }
    }
    // 2. Hosts: each identifier, on the network of its fixed address (else the first network).
    for (const auto& h : hosts_) {
      Scenario s = base(network_for(h.fixed), h.label);
      if (h.hw) s.chaddr = *h.hw;
      apply_family(s, Family::Os);
      if (h.option) put(s, h.option->first, h.option->second);
      if (h.sub) add_sub(s, h.sub->first, h.sub->second);
      if (!(h.fixed && h.hw && hosts_.size() <= 64)) {
        add(std::move(s));
        continue;
      }
      add(s);
      {
        Scenario r = s;
        r.name = fmt::format("REQUEST fixed {} for {}", h.fixed->str(), h.label);
        r.message = MessageType::Request;
        put(r, 50, h.fixed->bytes());
        if (o_.server_id) put(r, 54, o_.server_id->bytes());
        add(std::move(r));
      }
    }
    // 3. Guards: each satisfiable one true (and the families above cover false), on every network
    //    where it may matter (the first network, and the network of the scope holding it).
    for (std::size_t i = 0; i < needs_.size(); ++i) {
      const auto& g = needs_[i];
      for (Family f : {Family::Os, Family::PxeBios}) {
        Scenario s = base(g.network ? *g.network : networks_.front(), fmt::format("{} ({})", g.label, family_name(f)));
        apply_family(s, f);
        apply_need(s, g.need);
        if (g.host_hw) s.chaddr = *g.host_hw;
        add(std::move(s));
      }
    }
    // 4. Pairs of guards (interacting class/condition/tag sources), then guard x first fixed host.
    std::size_t pairs = 0;
    for (std::size_t i = 0; i < needs_.size() && pairs < o_.max_pairs; ++i) {
      for (std::size_t j = i + 1; j < needs_.size() && pairs < o_.max_pairs; ++j) {
        Need n = needs_[i].need;
        if (!n.merge(needs_[j].need)) continue;
        const Network& net = needs_[i].network ? *needs_[i].network : needs_[j].network ? *needs_[j].network : networks_.front();
        Scenario s = base(net, fmt::format("{} + {}", needs_[i].label, needs_[j].label));
        apply_family(s, Family::Os);
        apply_need(s, n);
        add(std::move(s));
        ++pairs;
      }
    }
    if (!hosts_.empty()) {
      const auto& h = hosts_.front();
      for (std::size_t i = 0; i < needs_.size() && i < 64; ++i) {
        if (needs_[i].need.hw) continue;
        Scenario s = base(network_for(h.fixed), fmt::format("{} + {}", h.label, needs_[i].label));
        if (h.hw) s.chaddr = *h.hw;
        apply_family(s, Family::Os);
        apply_need(s, needs_[i].need);
        add(std::move(s));
      }
    }
    // 5. Seeded random clients.
    for (std::size_t i = 0; i < o_.random_clients; ++i) {
      const Network& n = networks_[rng_() % networks_.size()];
      Family f = static_cast<Family>(rng_() % 6);
      Scenario s = base(n, fmt::format("random {} client on {}", family_name(f), n.label));
      s.chaddr.addr = {0x02, static_cast<std::uint8_t>(rng_()), static_cast<std::uint8_t>(rng_()),
                       static_cast<std::uint8_t>(rng_()), static_cast<std::uint8_t>(rng_()), static_cast<std::uint8_t>(rng_())};
      apply_family(s, f);
      if (!needs_.empty() && rng_() % 2) apply_need(s, needs_[rng_() % needs_.size()].need);
      add(std::move(s));
    }
    Generated g;
    g.scenarios = std::move(scenarios_);
    // Done with the guards: their memory goes to the outcome sort below (the run's peak).
    std::vector<HostSpec>().swap(hosts_);
    std::vector<GuardNeed>().swap(needs_);
    std::vector<std::uint32_t>().swap(slots_);
    std::vector<std::uint64_t>().swap(hashes_);
    // Sorted by id, the first of equal ids kept. std::sort over indices sees the same comparisons
    // as over the elements, so it yields the same order without moving strings per swap. The
    // comparison first looks at 8 bytes past the prefix all ids share (zero-padded; ids hold no
    // NUL), which orders them as the strings do, and compares whole ids only on a tie. Ids are
    // never built: an id's bytes are its location's, then "#true" or "#false".
    auto suffix = [](const GuardOutcome& o) { return outcome_suffix(o.value); };
    auto byte_at = [&](const GuardOutcome& o, std::size_t j) -> std::uint8_t {
      if (j < o.location.size()) return static_cast<std::uint8_t>(o.location[j]);
      j -= o.location.size();
      std::string_view sx = suffix(o);
      return j < sx.size() ? static_cast<std::uint8_t>(sx[j]) : 0;
    };
    auto id_size = [&](const GuardOutcome& o) { return o.location.size() + suffix(o).size(); };
    // <0, 0, >0 as std::string::compare of the two ids.
    auto compare_ids = [&](const GuardOutcome& a, const GuardOutcome& b) -> int {
      std::size_t na = id_size(a), nb = id_size(b), n = std::min(na, nb);
      // Shared location bytes first, in one memcmp.
      std::size_t both = std::min(a.location.size(), b.location.size());
      if (int c = std::char_traits<char>::compare(a.location.data(), b.location.data(), both); c != 0) return c;
      for (std::size_t j = both; j < n; ++j) {
        std::uint8_t x = byte_at(a, j), y = byte_at(b, j);
        if (x != y) return x < y ? -1 : 1;
      }
      return na < nb ? -1 : na > nb ? 1 : 0;
    };
    std::vector<std::uint32_t> order(outcomes_.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<std::uint32_t>(i);
    std::size_t common = outcomes_.empty() ? 0 : id_size(outcomes_.front());
    for (const auto& o : outcomes_) {
      const GuardOutcome& f = outcomes_.front();
      std::size_t n = 0, limit = std::min(common, id_size(o));
      while (n < limit && byte_at(o, n) == byte_at(f, n)) ++n;
      common = n;
    }
    std::vector<std::uint64_t> keys(outcomes_.size());
    for (std::size_t i = 0; i < outcomes_.size(); ++i) {
      std::uint64_t k = 0;
      for (std::size_t j = common; j < common + 8; ++j) k = (k << 8) | byte_at(outcomes_[i], j);
      keys[i] = k;
    }
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
      if (keys[a] != keys[b]) return keys[a] < keys[b];
      return compare_ids(outcomes_[a], outcomes_[b]) < 0;
    });
    // The order applied in place, then equal ids after the first dropped: no second vector.
    apply_permutation(outcomes_, [&](std::size_t k) { return order[k]; });
    std::size_t kept = 0;
    for (std::size_t i = 0; i < outcomes_.size(); ++i) {
      if (kept && compare_ids(outcomes_[kept - 1], outcomes_[i]) == 0) continue;
      if (kept != i) outcomes_[kept] = std::move(outcomes_[i]);
      ++kept;
    }
    outcomes_.resize(kept);
    g.outcomes = std::move(outcomes_);
    return g;
  }

private:
  struct Network {
    std::optional<Ipv4> relay;      // relayed through this giaddr
    std::optional<Ipv4> interface;  // or arriving on this interface
    std::string label;
    std::optional<Ipv4> request;    // an address to REQUEST there
    Prefix prefix;
  };
  struct HostSpec {
    std::optional<HwAddr> hw;
    std::optional<std::pair<std::uint8_t, Bytes>> option;          // dhcp-space identifier
    std::optional<std::pair<std::pair<std::string, std::uint32_t>, Bytes>> sub;  // other space
    std::optional<Ipv4> fixed;
    std::string label;
  };
  struct GuardNeed {
    Need need;
    std::optional<Network> network;
    std::optional<HwAddr> host_hw;
    std::string label;
  };

  void outcome(std::string loc, std::string what, bool both = true, bool implicit_false = false) {
    if (!both) {
      outcomes_.push_back({std::move(loc), std::move(what), true, false});
      return;
    }
    outcomes_.push_back({loc, what, true, false});
    outcomes_.push_back({std::move(loc), std::move(what), false, implicit_false});
  }

  Scenario base(const Network& n, std::string name) {
    Scenario s;
    s.name = std::move(name);
    s.chaddr.htype = 1;
    std::uint32_t k = static_cast<std::uint32_t>(scenarios_.size() + 1);
    s.chaddr.addr = {0x02, 0x5e, static_cast<std::uint8_t>(k >> 16), static_cast<std::uint8_t>(k >> 8),
                     static_cast<std::uint8_t>(k), 0x01};
    s.relay = n.relay;
    s.interface = n.interface;
    return s;
  }

  // Keeps `s` unless a kept scenario equals it in every field but the name (what scenario_key
  // without the name compares). Open addressing over indices: no key string, no node per scenario.
  void add(Scenario s) {
    std::uint64_t h = scenario_hash(s, false);
    if (2 * (scenarios_.size() + 1) > slots_.size()) grow();
    std::size_t mask = slots_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      std::uint32_t v = slots_[i];
      if (v == 0) {
        slots_[i] = static_cast<std::uint32_t>(scenarios_.size() + 1);
        hashes_.push_back(h);
        scenarios_.push_back(std::move(s));
        return;
      }
      if (hashes_[v - 1] == h && same_scenario(scenarios_[v - 1], s, false)) return;
    }
  }
  void grow() {
    std::vector<std::uint32_t> slots(std::max<std::size_t>(1024, slots_.size() * 2), 0);
    std::size_t mask = slots.size() - 1;
    for (std::size_t k = 0; k < scenarios_.size(); ++k) {
      std::size_t i = hashes_[k] & mask;
      while (slots[i]) i = (i + 1) & mask;
      slots[i] = static_cast<std::uint32_t>(k + 1);
    }
    slots_ = std::move(slots);
  }

  // The first network (declaration order) whose prefix holds `a`, else the first network. Looked
  // up per prefix length in a hash of the networks, so that every host costs O(prefix lengths).
  const Network& network_for(std::optional<Ipv4> a) {
    if (a) {
      if (net_indexed_ != networks_.size()) {
        net_index_.clear();
        net_lengths_.clear();
        for (std::size_t i = 0; i < networks_.size(); ++i) {
          const Prefix& p = networks_[i].prefix;
          if (!p.length) continue;
          net_index_.emplace((std::uint64_t{static_cast<std::uint32_t>(p.length)} << 32) | p.network.value, i);  // keeps the first
          if (std::find(net_lengths_.begin(), net_lengths_.end(), p.length) == net_lengths_.end()) net_lengths_.push_back(p.length);
        }
        net_indexed_ = networks_.size();
      }
      std::size_t best = networks_.size();
      for (int len : net_lengths_) {
        std::uint32_t mask = Prefix{Ipv4{0}, len}.mask();
        auto it = net_index_.find((std::uint64_t{static_cast<std::uint32_t>(len)} << 32) | (a->value & mask));
        if (it != net_index_.end()) best = std::min(best, it->second);
      }
      if (best < networks_.size()) return networks_[best];
    }
    return networks_.front();
  }
  std::unordered_map<std::uint64_t, std::size_t> net_index_;  // (length << 32 | network) -> first network
  std::vector<int> net_lengths_;
  std::size_t net_indexed_ = 0;

  void add_sub(Scenario& s, const std::pair<std::string, std::uint32_t>& key, const Bytes& v) {
    if (key.first == "agent") {
      Bytes cur;
      if (const Bytes* b = s.option(82)) cur = *b;
      cur.push_back(static_cast<std::uint8_t>(key.second));
      cur.push_back(static_cast<std::uint8_t>(v.size()));
      cur.insert(cur.end(), v.begin(), v.end());
      put(s, 82, cur);
      return;
    }
    // Find the dhcp option that encapsulates this space.
    const auto* dhcp = registry_->find_space("dhcp");
    const auto* sp = registry_->find_space(key.first);
    if (!dhcp || !sp) return;
    for (const auto& [code, idx] : dhcp->by_code) {
      const auto& d = registry_->def(idx);
      if (d.format == "E" + key.first + "." && code < 255) {
        Bytes cur;
        if (const Bytes* b = s.option(static_cast<std::uint8_t>(code))) cur = *b;
        for (int i = sp->code_width - 1; i >= 0; --i) cur.push_back(static_cast<std::uint8_t>(key.second >> (8 * i)));
        for (int i = sp->length_width - 1; i >= 0; --i) cur.push_back(static_cast<std::uint8_t>(v.size() >> (8 * i)));
        cur.insert(cur.end(), v.begin(), v.end());
        put(s, static_cast<std::uint8_t>(code), cur);
        return;
      }
    }
  }

  void apply_need(Scenario& s, const Need& n) {
    if (n.hw) s.chaddr = *n.hw;
    for (const auto& [k, v] : n.options) {
      if (k.first == "dhcp") {
        if (k.second == 82) put(s, 82, agent_list(v));
        else if (k.second < 255) put(s, static_cast<std::uint8_t>(k.second), v);
      } else {
        add_sub(s, k, v);
      }
    }
  }

  // --- ISC guards
  void collect_isc() {
    std::map<std::string, const ClassDecl*> classes;
    for_each_stmt(isc_->body, [&](const Stmt& s, int) {
      if (auto* c = s.as<ClassDecl>()) classes[c->name] = c;
    });
    Solver solver(classes);
    walk(isc_->body, solver, std::nullopt, std::nullopt, {});
  }

  void walk(const Body& body, Solver& solver, std::optional<Network> net, std::optional<HwAddr> host_hw, Need context) {
    for (const auto& sp : body) {
      const Stmt& s = *sp;
      if (auto* sub = s.as<SubnetDecl>()) {
        auto pre = sub->prefix();
        Network n;
        n.prefix = pre ? *pre : Prefix{sub->network, 32};
        Ipv4 first = interface_address(*sub);
        if (networks_.empty()) n.interface = first;
        else n.relay = first;
        n.label = pre ? pre->str() : sub->network.str();
        for (const auto& b : sub->body) {
          if (auto* r = b->as<RangeStmt>()) {
            if (!n.request) n.request = r->low;
          } else if (auto* p = b->as<PoolDecl>()) {
            for (const auto& pb : p->body)
              if (auto* r = pb->as<RangeStmt>(); r && !n.request) n.request = r->low;
          }
        }
        networks_.push_back(n);
        outcome(sub->span.where_line(), fmt::format("subnet {}", n.label), false);
        walk(sub->body, solver, n, host_hw, context);
      } else if (auto* h = s.as<HostDecl>()) {
        HostSpec hs;
        hs.label.reserve(5 + h->name.size());
        hs.label += "host ";
        hs.label += h->name;
        if (auto* hw = h->hardware()) hs.hw = hw->address;
        if (auto* fa = h->fixed_address(); fa && !fa->addresses.empty() && fa->addresses.front().hostname.empty())
          hs.fixed = fa->addresses.front().ip;
        for (const auto& b : h->body) {
          if (auto* p = b->as<ParamStmt>()) {
            if (p->name == "uid" && !p->values.empty()) {
              const auto& t = p->values.front();
              if (t.kind == ValueKind::String) hs.option = std::make_pair(std::uint8_t{61}, text(t.text));
              else if (auto v = parse_hex(t.text)) hs.option = std::make_pair(std::uint8_t{61}, *v);
            } else if (p->name == "host-identifier" && res_) {
              auto it = res_->params.find(p);
              if (it != res_->params.end() && p->values.size() >= 2) {
                std::string name = p->values[1].text, space;
                if (auto dot = name.find('.'); dot != std::string::npos) {
                  space = name.substr(0, dot);
                  name = name.substr(dot + 1);
                }
                auto r = dhcp::lookup_option(*registry_, space, name);
                if (r.def) {
                  if (r.def->space == "dhcp" && r.def->code < 255) hs.option = std::make_pair(static_cast<std::uint8_t>(r.def->code), it->second);
                  else hs.sub = std::make_pair(std::make_pair(r.def->space, r.def->code), it->second);
                }
              }
            }
          } else if (auto* o = b->as<OptionStmt>(); o && o->option.code == 61 && o->resolved && !hs.option) {
            hs.option = std::make_pair(std::uint8_t{61}, o->encoded);
          }
        }
        if (!hs.hw && !hs.option && !hs.sub) continue;
        outcome(h->span.where_line(), hs.label, false);
        std::optional<HwAddr> hw = hs.hw;
        hosts_.push_back(std::move(hs));
        walk(h->body, solver, net, hw, context);
      } else if (auto* c = s.as<ClassDecl>()) {
        Need ctx = context;
        if (auto* mi = c->match_if()) {
          outcome(mi->span.where_line(), fmt::format("class \"{}\" match if", c->name));
          if (auto n = solver.solve(*mi->expr, true)) {
            GuardNeed g{*n, net, host_hw, fmt::format("class \"{}\"", c->name)};
            needs_.push_back(g);
            ctx.merge(*n);
          }
        }
        if (auto* md = c->match_data()) outcome(md->span.where_line(), fmt::format("class \"{}\" match", c->name));
        walk(c->body, solver, net, host_hw, ctx);
      } else if (auto* sc = s.as<SubclassDecl>()) {
        outcome(sc->span.where_line(), fmt::format("subclass \"{}\"", sc->class_name), false);
        // The parent's match expression decides which client lands here.
        for_each_stmt(isc_->body, [&](const Stmt& st, int) {
          auto* cd = st.as<ClassDecl>();
          if (!cd || cd->name != sc->class_name || !cd->match_data() || !sc->value || sc->value->op != ExprOp::ConstData)
            return;
          std::map<std::string, const ClassDecl*> none;
          Solver s2(none);
          if (auto n = s2.solve_data(*cd->match_data()->expr, sc->value->data, 0)) {
            Need m = context;
            if (m.merge(*n)) needs_.push_back({m, net, host_hw, fmt::format("subclass \"{}\" {}", sc->class_name, to_colon_hex(sc->value->data))});
          }
        });
        if (sc->has_body) walk(sc->body, solver, net, host_hw, context);
      } else if (auto* i = s.as<IfStmt>()) {
        Need ctx = context;
        for (const auto& br : i->branches) {
          std::string loc = br.span.where_line();
          if (!br.condition) {
            outcome(loc, "else branch", false);
            walk(br.body, solver, net, host_hw, ctx);
            continue;
          }
          outcome(loc, fmt::format("if branch"));
          if (auto n = solver.solve(*br.condition, true)) {
            Need m = ctx;
            if (m.merge(*n)) {
              needs_.push_back({m, net, host_hw, fmt::format("if at {}", loc)});
              walk(br.body, solver, net, host_hw, m);
            }
          } else {
            walk(br.body, solver, net, host_hw, ctx);
          }
          if (auto n = solver.solve(*br.condition, false)) ctx.merge(*n);
        }
      } else if (auto* sw = s.as<SwitchStmt>()) {
        for (const auto& b : sw->body) {
          if (auto* cs = b->as<CaseStmt>(); cs && cs->value && cs->value->op == ExprOp::ConstData) {
            std::map<std::string, const ClassDecl*> none;
            Solver s2(none);
            if (auto n = s2.solve_data(*sw->expr, cs->value->data, 0)) {
              Need m = context;
              if (m.merge(*n)) needs_.push_back({m, net, host_hw, fmt::format("case at {}", cs->span.where_line())});
            }
            outcome(cs->span.where_line(), "switch case", false);
          }
        }
      } else if (auto* p = s.as<PoolDecl>()) {
        bool has_permits = false;
        for (const auto& b : p->body)
          if (b->is<PermitStmt>()) has_permits = true;
        if (has_permits) outcome(p->span.where_line(), "pool permits");
        walk(p->body, solver, net, host_hw, context);
      } else if (auto* g = s.as<GroupDecl>()) {
        walk(g->body, solver, net, host_hw, context);
      } else if (auto* sn = s.as<SharedNetworkDecl>()) {
        walk(sn->body, solver, net, host_hw, context);
      }
    }
  }

  // --- dnsmasq guards: every tag source, hosts, ranges
  void collect_dnsmasq() {
    auto loc = [](const dnsmasq::Origin& o) { return o.span.where_line(); };
    for (const auto& r : dm_->ranges) {
      if (networks_.empty() || !isc_) {
        Network n;
        Ipv4 first{r.start.value};
        int len = r.netmask ? Prefix::mask_length(*r.netmask).value_or(24) : 24;
        n.prefix = Prefix{Ipv4{first.value & (len ? ~0u << (32 - len) : 0)}, len};
        Ipv4 addr{n.prefix.network.value + 1};
        bool dup = false;
        for (const auto& e : networks_)
          if (e.prefix == n.prefix) dup = true;
        if (!dup) {
          if (networks_.empty()) n.interface = addr;
          else n.relay = addr;
          n.label = n.prefix.str();
          n.request = r.start;
          networks_.push_back(n);
        }
      }
    }
    if (!isc_) hosts_.reserve(hosts_.size() + dm_->hosts.size());
    for (const auto& h : dm_->hosts) {
      bool hw = !h.macs.empty() && !h.macs.front().has_wildcard();
      if (!hw && !h.client_id) continue;
      std::string where = loc(h.origin);
      if (!isc_) {  // with an ISC config, its hosts drive the scenarios
        HostSpec hs;
        hs.label.reserve(13 + where.size());
        hs.label += "dhcp-host at ";
        hs.label += where;
        if (hw) hs.hw = HwAddr{static_cast<std::uint8_t>(h.macs.front().htype ? h.macs.front().htype : 1), h.macs.front().addr};
        if (h.client_id) hs.option = std::make_pair(std::uint8_t{61}, *h.client_id);
        hs.fixed = h.address;
        hosts_.push_back(std::move(hs));
      }
      if (!h.set_tags.empty()) outcome(std::move(where), "dhcp-host set:", true, true);
    }
    for (const auto& m : dm_->matches) {
      outcome(loc(m.origin), fmt::format("dhcp-match set:{}", m.set_tag), true, true);
      Need n;
      if (m.spec.space == dnsmasq::OptionSpace::Plain && m.spec.code > 0 && m.spec.code < 255) {
        Bytes v = m.spec.value.bytes;
        if (v.empty()) v = {1};
        n.set("dhcp", static_cast<std::uint32_t>(m.spec.code), v);
      } else if (m.spec.space == dnsmasq::OptionSpace::Encap && m.spec.encap > 0 && m.spec.encap < 255) {
        Bytes v = m.spec.value.bytes;
        if (v.empty()) v = {1};
        Bytes payload{static_cast<std::uint8_t>(m.spec.code), static_cast<std::uint8_t>(v.size())};
        payload.insert(payload.end(), v.begin(), v.end());
        n.set("dhcp", static_cast<std::uint32_t>(m.spec.encap), payload);
      } else {
        continue;
      }
      needs_.push_back({n, std::nullopt, std::nullopt, fmt::format("dhcp-match set:{}", m.set_tag)});
    }
    for (const auto& c : dm_->class_matches) {
      outcome(loc(c.origin), fmt::format("tag source set:{}", c.set_tag), true, true);
      Need n;
      switch (c.kind) {
        case dnsmasq::ClassMatch::Kind::VendorClass: n.set("dhcp", 60, c.data); break;
        case dnsmasq::ClassMatch::Kind::UserClass: n.set("dhcp", 77, c.data); break;
        case dnsmasq::ClassMatch::Kind::CircuitId: n.set("agent", 1, c.data); break;
        case dnsmasq::ClassMatch::Kind::RemoteId: n.set("agent", 2, c.data); break;
        default: continue;
      }
      needs_.push_back({n, std::nullopt, std::nullopt, fmt::format("tag source set:{}", c.set_tag)});
      if (c.kind == dnsmasq::ClassMatch::Kind::VendorClass || c.kind == dnsmasq::ClassMatch::Kind::UserClass) {
        // A value that only contains the text (substring match) tells prefix from substring apart.
        Need inner;
        Bytes v{'x'};
        v.insert(v.end(), c.data.begin(), c.data.end());
        v.push_back('x');
        inner.set("dhcp", c.kind == dnsmasq::ClassMatch::Kind::VendorClass ? 60 : 77, v);
        needs_.push_back({inner, std::nullopt, std::nullopt, fmt::format("tag source set:{} inside a longer value", c.set_tag)});
      }
    }
    for (const auto& m : dm_->mac_matches) {
      outcome(loc(m.origin), fmt::format("dhcp-mac set:{}", m.set_tag), true, true);
      Need n;
      Bytes a = m.mac.addr;
      for (std::size_t i = 0; i < a.size(); ++i)
        if (i < m.mac.wildcard.size() && m.mac.wildcard[i]) a[i] = 0x5a;
      n.hw = HwAddr{static_cast<std::uint8_t>(m.mac.htype ? m.mac.htype : 1), a};
      needs_.push_back({n, std::nullopt, std::nullopt, fmt::format("dhcp-mac set:{}", m.set_tag)});
    }
    for (const auto& t : dm_->tag_ifs) outcome(loc(t.origin), "tag-if", true, true);
  }

  const Config* isc_;
  const Resolution* res_;
  const dnsmasq::Model* dm_;
  GenerateOptions o_;
  std::mt19937_64 rng_;
  const dhcp::OptionRegistry* registry_ = nullptr;
  std::vector<Network> networks_;
  std::vector<HostSpec> hosts_;
  std::vector<GuardNeed> needs_;
  std::vector<Scenario> scenarios_;
  std::vector<std::uint32_t> slots_;  // open addressing: 1 + index into scenarios_, 0 = empty
  std::vector<std::uint64_t> hashes_; // scenario_hash of each kept scenario
  std::vector<GuardOutcome> outcomes_;
};

}  // namespace

Generated generate_scenarios(const Config* isc, const Resolution* resolution, const dnsmasq::Model* dm,
                             const GenerateOptions& options) {
  return Generator(isc, resolution, dm, options).run();
}

namespace {

/// The fields scenario_key, scenario_hash and same_scenario compare, walked in one order: numbers
/// (with the byte width the key gives them), byte strings, optional addresses.
template <class Out>
void scenario_fields(const Scenario& s, bool with_name, Out& out) {
  out.num(static_cast<unsigned>(s.message), 1);
  out.num(s.chaddr.htype, 1);
  out.bytes(s.chaddr.addr);
  out.addr(s.relay);
  out.addr(s.interface);
  out.addr(s.ciaddr);
  out.num(s.broadcast ? 1 : 0, 1);
  out.num(s.secs, 2);
  out.num(s.options.size(), 2);
  for (const auto& o : s.options) {
    out.num(o.code, 1);
    out.bytes(o.value);
  }
  if (with_name) out.bytes(s.name);
}

/// scenario_hash's accumulator (an FNV-style mix of every field).
struct ScenarioHasher {
  std::uint64_t h = 0xcbf29ce484222325ull;
  void num(std::uint64_t v, int) {
    h ^= v;
    h *= 0x100000001b3ull;
    h ^= h >> 29;
  }
  void bytes(const auto& b) {
    num(b.size(), 2);
    for (auto c : b) num(static_cast<std::uint8_t>(c), 1);
  }
  void addr(const std::optional<Ipv4>& a) { num(a ? (std::uint64_t{1} << 32) | a->value : 0, 5); }
};

/// scenario_key's writer: numbers big-endian in their width, byte strings with a 2-byte length.
struct ScenarioKeyWriter {
  std::string k;
  void num(std::uint64_t v, int width) {
    for (int i = width - 1; i >= 0; --i) k.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
  }
  void bytes(const auto& b) {
    num(b.size(), 2);
    k.append(b.begin(), b.end());
  }
  void addr(const std::optional<Ipv4>& a) {
    num(a ? 1 : 0, 1);
    if (a) num(a->value, 4);
  }
};

}  // namespace

std::uint64_t scenario_hash(const Scenario& s, bool with_name) {
  ScenarioHasher out;
  scenario_fields(s, with_name, out);
  return out.h;
}

bool same_scenario(const Scenario& a, const Scenario& b, bool with_name) {
  return a.message == b.message && a.chaddr == b.chaddr && a.relay == b.relay && a.interface == b.interface &&
         a.ciaddr == b.ciaddr && a.broadcast == b.broadcast && a.secs == b.secs && a.options == b.options &&
         (!with_name || a.name == b.name);
}

std::string scenario_key(const Scenario& s, bool with_name) {
  ScenarioKeyWriter out;
  out.k.reserve(64 + (with_name ? s.name.size() : 0));
  scenario_fields(s, with_name, out);
  return std::move(out.k);
}

void exercised_outcomes(const Answer& a, std::vector<ExercisedOutcome>& out) {
  for (const auto& w : a.why) {
    if (w.location.empty()) continue;
    if (w.field.rfind("tag ", 0) == 0) {
      out.push_back({w.location, true});
      continue;
    }
    if (w.field != "guard") continue;
    const std::string& r = w.reason;
    bool yes;
    if (r.find("not permitted") != std::string::npos || r.ends_with(": false") || r.find("no subclass") != std::string::npos ||
        r.find("match value absent") != std::string::npos || r.find("match if false") != std::string::npos ||
        r.find("ignored: too many") != std::string::npos)
      yes = false;
    else
      yes = true;
    out.push_back({w.location, yes});
  }
}

std::string_view outcome_suffix(bool value) { return value ? "#true" : "#false"; }

std::string outcome_id(std::string_view location, bool value) {
  std::string_view suffix = outcome_suffix(value);
  std::string s;
  s.reserve(location.size() + suffix.size());
  s += location;
  s += suffix;
  return s;
}

std::string GuardOutcome::id() const { return outcome_id(location, value); }

std::string ExercisedOutcome::id() const { return outcome_id(location, value); }

std::set<std::string> exercised_outcomes(const Answer& a) {
  std::vector<ExercisedOutcome> v;
  exercised_outcomes(a, v);
  std::set<std::string> out;
  for (const auto& e : v) out.insert(e.id());
  return out;
}

std::vector<std::pair<Ipv4, int>> isc_interfaces(const Config& isc) {
  std::vector<std::pair<Ipv4, int>> out;
  for_each_stmt(isc.body, [&](const Stmt& s, int) {
    if (auto* sub = s.as<SubnetDecl>()) {
      auto pre = sub->prefix();
      int len = pre ? pre->length : 32;
      out.emplace_back(interface_address(*sub), len);
    }
  });
  return out;
}

}  // namespace isc2dnsmasq::sim
