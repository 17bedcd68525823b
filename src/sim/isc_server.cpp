// ISC dhcpd 4.4.3 evaluator: indexes a resolved dhcpd.conf once, then answers scenarios as dhcpd does.
#include "sim/isc_server.hpp"

#include <algorithm>
#include <ctime>
#include <deque>
#include <map>
#include <regex>
#include <set>
#include <unordered_map>

#include <optional>

#include <fmt/format.h>

#include "sim/wire.hpp"

namespace isc2dnsmasq::sim {

using namespace isc;

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string key_of(const Bytes& b) { return std::string(b.begin(), b.end()); }
// The bytes as a string_view, to look a key up without building a string.
std::string_view view_of(const Bytes& b) { return {reinterpret_cast<const char*>(b.data()), b.size()}; }

// Hash of std::string keys that also accepts string_view (heterogeneous lookup).
struct KeyHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view v) const { return std::hash<std::string_view>{}(v); }
};
template <typename T>
using KeyMap = std::unordered_map<std::string, T, KeyHash, std::equal_to<>>;

Bytes be32(std::uint32_t v) {
  return {static_cast<std::uint8_t>(v >> 24), static_cast<std::uint8_t>(v >> 16), static_cast<std::uint8_t>(v >> 8),
          static_cast<std::uint8_t>(v)};
}

std::uint32_t read_be(const Bytes& b, std::size_t n) {
  std::uint32_t v = 0;
  for (std::size_t i = 0; i < n && i < b.size(); ++i) v = (v << 8) | b[i];
  return v;
}

int bucket_of(std::uint32_t code) { return static_cast<int>(((code & 31) + ((code >> 5) & 31)) % 17); }

constexpr std::uint32_t kInfinite = 0xffffffffu;

// "option N", the why field of an option.
std::string option_field(std::uint32_t code) { return "option " + std::to_string(code); }

}  // namespace

// ---------------------------------------------------------------------------------------------
// The indexed configuration

struct Scope {
  const ScopeStmt* decl = nullptr;  // nullptr for the global scope and anonymous pools
  const Scope* parent = nullptr;
  const Body* body = nullptr;       // statements executed for this group (nullptr = none)
  /// The statements of `body` that execution acts on (options, parameters, if, switch, set,
  /// unset, break), in order: a subnet body also holds its hosts, which execution skips, so
  /// without this list each answer would walk every host of the subnet.
  std::vector<const Stmt*> exec;
  std::string label;
  bool authoritative = false;
};

struct Permit {
  PermitStmt::What what = PermitStmt::What::AllClients;
  std::string class_name;
  std::int64_t after = 0;  // After: seconds since epoch (INT64_MAX = never)
  bool operator==(const Permit& o) const { return what == o.what && class_name == o.class_name && after == o.after; }
};

struct SharedNet;

struct Pool {
  const Scope* group = nullptr;
  const Stmt* decl = nullptr;  // the pool, or the first bare range of an anonymous pool
  std::vector<AddressRange> ranges;
  std::vector<Permit> permits, prohibits;
  SharedNet* share = nullptr;
  Ipv4 head;                   // the first address a fresh server offers from this pool
  bool has_head = false;
  std::string label;
  std::string at;                         // decl->span.where_line()
  std::string permitted, not_permitted;   // "LABEL: permitted" / "LABEL: not permitted" (guards)
};

struct Subnet {
  const SubnetDecl* decl = nullptr;
  Ipv4 network, netmask;
  int length = 0;
  const Scope* group = nullptr;
  SharedNet* share = nullptr;
  std::string label;
  std::string netmask_reason;  // "netmask of LABEL" (option 1's why)
  std::string at;              // decl->span.where_line()
  bool contains(Ipv4 a) const { return (a.value & netmask.value) == network.value; }
};

struct SharedNet {
  const Scope* group = nullptr;
  std::vector<Subnet*> subnets;  // most specific first, then declaration order
  std::vector<Pool*> pools;      // dhcpd's share->pools order
  std::string label;
  bool authoritative = false;
};

struct Host {
  const HostDecl* decl = nullptr;
  const Scope* group = nullptr;
  std::vector<const FixedAddressStmt::Entry*> fixed;
  bool has_fixed = false;
};

struct ClassInfo;

struct SubclassInfo {
  const SubclassDecl* decl = nullptr;
  const Scope* group = nullptr;
  ClassInfo* parent = nullptr;
};

struct ClassInfo {
  const ClassDecl* decl = nullptr;
  const Scope* group = nullptr;
  const MatchStmt* match_if = nullptr;
  const MatchStmt* match_data = nullptr;
  KeyMap<SubclassInfo*> subclasses;
  const LeaseLimitStmt* limit = nullptr;
  // The why entries of classification, formatted once: locations of `match if` / `match` and
  // the fixed reasons.
  std::string if_at, data_at, if_false, if_true, data_absent;
};

// Hosts by hardware address. htype, length and up to 6 address bytes pack into one integer kept
// in an open-addressing table (a lookup touches one slot, where a string-keyed unordered_map
// chases buckets and nodes); longer addresses go to `long_keys`. Chains keep declaration order.
class HwIndex {
public:
  static std::optional<std::uint64_t> pack(std::uint8_t htype, const std::uint8_t* a, std::size_t n) {
    if (n > 6) return std::nullopt;
    std::uint64_t k = (static_cast<std::uint64_t>(n + 1) << 56) | (static_cast<std::uint64_t>(htype) << 48);
    for (std::size_t i = 0; i < n; ++i) k |= static_cast<std::uint64_t>(a[i]) << (8 * (5 - i));
    return k;  // never 0 (the empty slot)
  }

  std::vector<Host*>& chain(std::uint8_t htype, const Bytes& addr) {
    auto k = pack(htype, addr.data(), addr.size());
    if (!k) {
      std::string key(1, static_cast<char>(htype));
      key.append(addr.begin(), addr.end());
      return long_keys_[key];
    }
    if ((chains_.size() + 1) * 2 > slots_.size()) grow();
    std::size_t i = slot_of(*k);
    if (slots_[i].key == 0) {
      slots_[i] = {*k, static_cast<std::uint32_t>(chains_.size())};
      chains_.emplace_back();
    }
    return chains_[slots_[i].chain];
  }

  const std::vector<Host*>* find(std::uint8_t htype, const std::vector<std::uint8_t>& addr) const {
    auto k = pack(htype, addr.data(), addr.size());
    if (!k) {
      std::string key(1, static_cast<char>(htype));
      key.append(addr.begin(), addr.end());
      auto it = long_keys_.find(key);
      return it == long_keys_.end() ? nullptr : &it->second;
    }
    if (slots_.empty()) return nullptr;
    const Slot& sl = slots_[slot_of(*k)];
    return sl.key == 0 ? nullptr : &chains_[sl.chain];
  }

private:
  struct Slot {
    std::uint64_t key = 0;
    std::uint32_t chain = 0;
  };
  static std::uint64_t mix(std::uint64_t k) {
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    return k;
  }
  // The slot holding `k`, or the empty slot where it goes (linear probing).
  std::size_t slot_of(std::uint64_t k) const {
    std::size_t mask = slots_.size() - 1, i = mix(k) & mask;
    while (slots_[i].key != 0 && slots_[i].key != k) i = (i + 1) & mask;
    return i;
  }
  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
    for (const Slot& sl : old)
      if (sl.key != 0) slots_[slot_of(sl.key)] = sl;
  }

  std::vector<Slot> slots_;  // size a power of two, at most half full
  std::vector<std::vector<Host*>> chains_;
  KeyMap<std::vector<Host*>> long_keys_;
};

struct HostIdTable {
  std::string space;
  std::uint32_t code = 0;
  KeyMap<std::vector<Host*>> by_value;
};

struct IscServer::Model {
  const Config* config = nullptr;
  const dhcp::OptionRegistry* registry = nullptr;
  const Resolution* resolution = nullptr;
  std::deque<Scope> scopes;
  std::deque<SharedNet> shares;
  std::deque<Subnet> subnets;
  std::deque<Pool> pools;
  std::deque<Host> hosts;
  std::deque<ClassInfo> classes;
  std::deque<SubclassInfo> subclasses;
  std::unordered_map<std::string, ClassInfo*> class_by_name;
  std::vector<ClassInfo*> class_order;
  std::vector<Subnet*> subnet_order;  // declaration order
  std::unordered_map<std::uint64_t, std::vector<Subnet*>> subnet_index;  // (len<<32|net) -> newest first
  std::vector<int> lengths;  // distinct prefix lengths, longest first
  KeyMap<std::vector<Host*>> by_uid;
  HwIndex by_hw;
  std::vector<HostIdTable> by_hid;  // creation order; searched newest first
  const Scope* root = nullptr;
  // carrier option (dhcp space code) of each encapsulated space, and spaces in definition order
  std::map<std::string, std::uint32_t> carrier;
  std::vector<std::string> encapsulated_spaces;

  const Subnet* find_subnet(Ipv4 a) const {
    for (int len : lengths) {
      std::uint32_t mask = len == 0 ? 0 : ~std::uint32_t{0} << (32 - len);
      auto it = subnet_index.find((static_cast<std::uint64_t>(len) << 32) | (a.value & mask));
      if (it != subnet_index.end() && !it->second.empty()) return it->second.front();
    }
    return nullptr;
  }
  const Subnet* find_grouped_subnet(const SharedNet* sn, Ipv4 a) const {
    for (const Subnet* s : sn->subnets)
      if (s->contains(a)) return s;
    return nullptr;
  }
  // The registry's spaces by canonical name: the names the evaluator passes are canonical, so an
  // exact comparison finds them without find_space's lowercased copy of the name.
  std::vector<std::pair<std::string, const dhcp::OptionSpace*>> space_list;

  const dhcp::OptionSpace* space(std::string_view name) const {
    for (const auto& [n, sp] : space_list)
      if (n == name) return sp;
    return registry->find_space(name);
  }
  std::array<std::string_view, 256> dhcp_format;  // format of each dhcp-space code ("X" = none)

  std::string_view format(std::string_view space_name, std::uint32_t code) const {
    if (code < 256 && space_name == "dhcp") return dhcp_format[code];
    const auto* sp = space(space_name);
    if (!sp) return "X";
    auto it = sp->by_code.find(code);
    return it == sp->by_code.end() ? std::string_view("X") : std::string_view(registry->def(it->second).format);
  }
};

namespace {

using Model = IscServer::Model;

// Parses a permit date ("W YYYY/MM/DD HH:MM:SS", "epoch N", "never") into seconds since the epoch.
std::int64_t parse_date(const std::string& text) {
  if (text == "never") return INT64_MAX;
  if (text.rfind("epoch", 0) == 0) return std::strtoll(text.c_str() + 5, nullptr, 10);
  int w, y, mo, d, h = 0, mi = 0, s = 0;
  if (std::sscanf(text.c_str(), "%d %d/%d/%d %d:%d:%d", &w, &y, &mo, &d, &h, &mi, &s) < 4) return 0;
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  return static_cast<std::int64_t>(timegm(&tm));
}

// Builds the model in one walk over the AST, in source order, as dhcpd's parser does.
class Builder {
public:
  Builder(Model& m) : m_(m) {}

  void run() {
    Scope& root = m_.scopes.emplace_back();
    root.body = &m_.config->body;
    root.label = "global scope";
    m_.root = &root;
    bool auth = false;
    walk(m_.config->body, &root, nullptr, nullptr, auth);
    for (auto& sn : m_.shares) {
      std::stable_sort(sn.subnets.begin(), sn.subnets.end(),
                       [](const Subnet* a, const Subnet* b) { return a->length > b->length; });
    }
    for (auto& [k, v] : m_.subnet_index) std::reverse(v.begin(), v.end());
    std::set<int, std::greater<>> lens;
    for (auto* s : m_.subnet_order) lens.insert(s->length);
    m_.lengths.assign(lens.begin(), lens.end());
    compute_heads();
    for (auto& sub : m_.subnets) sub.at = sub.decl->span.where_line();
    for (auto& pool : m_.pools) {
      pool.at = pool.decl->span.where_line();
      pool.permitted = pool.label + ": permitted";
      pool.not_permitted = pool.label + ": not permitted";
    }
    for (const auto& name : m_.registry->space_names())
      if (const auto* sp = m_.registry->find_space(name)) m_.space_list.emplace_back(sp->name, sp);
    m_.dhcp_format.fill("X");
    if (const auto* dhcp = m_.registry->find_space("dhcp"))
      for (const auto& [code, idx] : dhcp->by_code)
        if (code < 256) m_.dhcp_format[code] = m_.registry->def(idx).format;
    for (auto& sc : m_.scopes) {
      if (!sc.body) continue;
      for (const auto& st : *sc.body) {
        switch (st->kind) {
          case StmtKind::Option: case StmtKind::Param: case StmtKind::If: case StmtKind::Switch:
          case StmtKind::Set: case StmtKind::Unset: case StmtKind::Break:
            sc.exec.push_back(st.get());
            break;
          default: break;
        }
      }
    }
    // Encapsulated spaces and their carriers in the dhcp space.
    if (const auto* dhcp = m_.registry->find_space("dhcp")) {
      for (const auto& [code, idx] : dhcp->by_code) {
        const auto& d = m_.registry->def(idx);
        if (d.format.size() > 2 && d.format[0] == 'E' && d.format.back() == '.') {
          std::string sp = d.format.substr(1, d.format.size() - 2);
          if (!m_.carrier.count(sp)) {
            m_.carrier[sp] = code;
            m_.encapsulated_spaces.push_back(sp);
          }
        }
      }
    }
  }

private:
  // `sn` = the shared network being declared (nullptr outside), `subnet` = enclosing subnet.
  void walk(const Body& body, const Scope* group, SharedNet* sn, Subnet* subnet, bool& auth) {
    for (const auto& sp : body) {
      const Stmt& s = *sp;
      if (auto* p = s.as<ParamStmt>(); p && p->name == "authoritative") {
        auth = p->keyword != "not";
        const_cast<Scope*>(group)->authoritative = auth;
        continue;
      }
      switch (s.kind) {
        case StmtKind::Group: {
          auto* g = s.as<GroupDecl>();
          Scope& sc = new_scope(g, group, g->name.empty() ? "group" : fmt::format("group \"{}\"", g->name), auth);
          bool a = auth;
          walk(g->body, &sc, sn, subnet, a);
          break;
        }
        case StmtKind::SharedNetwork: {
          auto* d = s.as<SharedNetworkDecl>();
          Scope& sc = new_scope(d, group, fmt::format("shared-network {}", d->name), auth);
          SharedNet& net = m_.shares.emplace_back();
          net.group = &sc;
          net.label = sc.label;
          bool a = auth;
          walk(d->body, &sc, &net, nullptr, a);
          net.authoritative = sc.authoritative;
          break;
        }
        case StmtKind::Subnet: {
          auto* d = s.as<SubnetDecl>();
          auto pre = d->prefix();
          std::string label = pre ? fmt::format("subnet {}", pre->str())
                                  : fmt::format("subnet {} netmask {}", d->network.str(), d->netmask.str());
          Scope& sc = new_scope(d, group, label, auth);
          Subnet& sub = m_.subnets.emplace_back();
          sub.decl = d;
          sub.network = d->network;
          sub.netmask = d->netmask;
          sub.length = pre ? pre->length : 32;
          sub.group = &sc;
          sub.label = label;
          sub.netmask_reason = "netmask of " + label;
          SharedNet* share = sn;
          if (!share) {  // implicit shared network: its group is the subnet's group
            share = &m_.shares.emplace_back();
            share->group = &sc;
            share->label = label;
          }
          sub.share = share;
          share->subnets.push_back(&sub);
          m_.subnet_order.push_back(&sub);
          m_.subnet_index[(static_cast<std::uint64_t>(sub.length) << 32) | (d->network.value & d->netmask.value)]
              .push_back(&sub);
          bool a = auth;
          walk(d->body, &sc, share, &sub, a);
          if (!sn) share->authoritative = sc.authoritative;
          break;
        }
        case StmtKind::Pool: {
          auto* d = s.as<PoolDecl>();
          SharedNet* share = sn ? sn : (subnet ? subnet->share : nullptr);
          if (!share) break;
          Scope& sc = new_scope(d, share->group, "pool", auth);
          sc.label = fmt::format("pool in {}", subnet ? subnet->label : share->label);
          Pool& pool = m_.pools.emplace_back();
          pool.group = &sc;
          pool.decl = d;
          pool.share = share;
          pool.label = sc.label;
          for (const auto& ps : d->body) {
            if (auto* pm = ps->as<PermitStmt>()) {
              Permit p{pm->what, pm->class_name, pm->what == PermitStmt::What::After ? parse_date(pm->date_text) : 0};
              (pm->allow ? pool.permits : pool.prohibits).push_back(p);
            }
          }
          for (const auto& ps : d->body) {
            if (auto* r = ps->as<RangeStmt>()) add_range(pool, *r);
          }
          share->pools.push_back(&pool);
          bool a = auth;
          walk_nested(d->body, &sc, share, subnet, a);
          break;
        }
        case StmtKind::Range: {
          auto* r = s.as<RangeStmt>();
          if (!subnet) break;
          bare_range(*subnet->share, *r);
          break;
        }
        case StmtKind::Host: {
          auto* d = s.as<HostDecl>();
          Scope& sc = new_scope(d, group, "host " + d->name, auth);
          add_host(*d, &sc);
          break;
        }
        case StmtKind::Class: {
          auto* d = s.as<ClassDecl>();
          Scope& sc = new_scope(d, group, fmt::format("class \"{}\"", d->name), auth);
          ClassInfo& c = m_.classes.emplace_back();
          c.decl = d;
          c.group = &sc;
          c.match_if = d->match_if();
          c.match_data = d->match_data();
          if (c.match_if) {
            c.if_at = c.match_if->span.where_line();
            c.if_false = fmt::format("class \"{}\": match if false", d->name);
            c.if_true = fmt::format("class \"{}\": match if true", d->name);
          }
          if (c.match_data) {
            c.data_at = c.match_data->span.where_line();
            c.data_absent = fmt::format("class \"{}\": match value absent", d->name);
          }
          for (const auto& bs : d->body)
            if (auto* l = bs->as<LeaseLimitStmt>()) c.limit = l;
          if (d->type == ClassType::Class) {
            m_.class_by_name[d->name] = &c;
            m_.class_order.push_back(&c);
          }
          break;
        }
        case StmtKind::Subclass: {
          auto* d = s.as<SubclassDecl>();
          auto it = m_.class_by_name.find(d->class_name);
          if (it == m_.class_by_name.end() || !d->value || d->value->op != ExprOp::ConstData) break;
          ClassInfo* parent = it->second;
          SubclassInfo& sub = m_.subclasses.emplace_back();
          sub.decl = d;
          sub.parent = parent;
          if (d->has_body) {
            sub.group = &new_scope(d, parent->group, fmt::format("subclass \"{}\" {}", d->class_name,
                                                                 to_colon_hex(d->value->data)), auth);
          } else {
            sub.group = parent->group;
          }
          parent->subclasses[key_of(d->value->data)] = &sub;
          break;
        }
        default: break;
      }
    }
  }

  // Pools may hold nothing but ranges, permits and statements; nothing nested to walk.
  void walk_nested(const Body&, const Scope*, SharedNet*, Subnet*, bool&) {}

  Scope& new_scope(const ScopeStmt* d, const Scope* parent, std::string label, bool auth) {
    Scope& sc = m_.scopes.emplace_back();
    sc.decl = d;
    sc.parent = parent;
    sc.body = &d->body;
    sc.label = std::move(label);
    sc.authoritative = auth;
    return sc;
  }

  void add_range(Pool& pool, const RangeStmt& r) {
    Ipv4 lo = r.low, hi = r.high ? *r.high : r.low;
    if (hi < lo) std::swap(lo, hi);
    pool.ranges.push_back({lo, hi});
  }

  // §4.1: a range outside a pool joins an anonymous pool, attached to the pool *before* the
  // matching one (dhcpd's `last` bug).
  void bare_range(SharedNet& share, const RangeStmt& r) {
    bool dynamic = r.dynamic_bootp;
    Pool* match = nullptr;
    Pool* last = nullptr;
    for (Pool* p : share.pools) {
      bool m = (!dynamic && p->permits.empty() && p->prohibits.size() == 1 &&
                p->prohibits[0].what == PermitStmt::What::DynamicBootpClients) ||
               (dynamic && p->prohibits.empty() && p->permits.size() == 1 &&
                p->permits[0].what == PermitStmt::What::AllClients);
      if (m) {
        match = p;
        break;
      }
      last = p;
    }
    Pool* target = nullptr;
    if (!match) {
      Pool& pool = m_.pools.emplace_back();
      Scope& sc = m_.scopes.emplace_back();
      sc.parent = share.group;
      sc.label = fmt::format("range in {}", share.label);
      pool.group = &sc;
      pool.decl = &r;
      pool.share = &share;
      pool.label = sc.label;
      if (dynamic) pool.permits.push_back({PermitStmt::What::AllClients, {}, 0});
      else pool.prohibits.push_back({PermitStmt::What::DynamicBootpClients, {}, 0});
      share.pools.push_back(&pool);
      target = &pool;
    } else {
      target = last ? last : share.pools.front();
    }
    add_range(*target, r);
  }

  void add_host(const HostDecl& d, const Scope* group) {
    Host& h = m_.hosts.emplace_back();
    h.decl = &d;
    h.group = group;
    if (const auto* fa = d.fixed_address()) {
      h.has_fixed = true;
      for (const auto& e : fa->addresses) h.fixed.push_back(&e);
    }
    std::optional<Bytes> uid, cid;
    for (const auto& s : d.body) {
      if (auto* p = s->as<ParamStmt>()) {
        if (p->name == "uid" && !p->values.empty()) {
          const auto& t = p->values.front();
          if (t.kind == ValueKind::String) uid = Bytes(t.text.begin(), t.text.end());
          else if (auto b = parse_hex(t.text)) uid = *b;
        } else if (p->name == "host-identifier") {
          host_identifier(*p, h);
        }
      } else if (auto* o = s->as<OptionStmt>()) {
        if (!cid && o->option.code == 61 && (o->option.resolved_space == "dhcp" || o->option.resolved_space.empty()) &&
            o->resolved && !o->expr)
          cid = o->encoded;
      }
    }
    if (!uid) uid = cid;
    if (uid) m_.by_uid[key_of(*uid)].push_back(&h);
    if (const auto* hw = d.hardware()) {
      m_.by_hw.chain(hw->address.htype, hw->address.addr).push_back(&h);
    }
  }

  void host_identifier(const ParamStmt& p, Host& h) {
    if (!m_.resolution) return;
    auto it = m_.resolution->params.find(&p);
    if (it == m_.resolution->params.end()) return;
    // values: option NAME VALUE... ; NAME may be "space.name"
    if (p.values.size() < 2 || lower(p.values[0].text) != "option") return;
    std::string name = p.values[1].text, space;
    std::size_t k = 2;
    if (auto dot = name.find('.'); dot != std::string::npos) {
      space = name.substr(0, dot);
      name = name.substr(dot + 1);
    } else if (p.values.size() > 3 && p.values[2].text == ".") {
      space = name;
      name = p.values[3].text;
      k = 4;
    }
    (void)k;
    auto r = dhcp::lookup_option(*m_.registry, space, name);
    if (!r.def) return;
    HostIdTable* table = nullptr;
    for (auto& t : m_.by_hid)
      if (t.space == r.def->space && t.code == r.def->code) table = &t;
    if (!table) {
      table = &m_.by_hid.emplace_back();
      table->space = r.def->space;
      table->code = r.def->code;
    }
    table->by_value[key_of(it->second)].push_back(&h);
  }

  // §4.4: the head of each pool's free queue on a fresh server. Leases are enqueued in IP-hash
  // order (ip mod 100003); a lease goes right after the previous one when that went to the same
  // pool, else to the head of its pool's queue. So the head is the first address of the pool's
  // last run in hash order. Ranges are split into segments contiguous in hash order.
  void compute_heads() {
    struct Seg {
      std::uint32_t key;
      std::uint32_t ip;
      Pool* pool;
    };
    std::vector<Seg> segs;
    constexpr std::uint32_t kMod = 100003;
    for (auto& pool : m_.pools) {
      for (const auto& r : pool.ranges) {
        std::uint64_t ip = r.first.value;
        while (ip <= r.last.value) {
          std::uint32_t key = static_cast<std::uint32_t>(ip % kMod);
          std::uint64_t run = std::min<std::uint64_t>(kMod - key, r.last.value - ip + 1);
          segs.push_back({key, static_cast<std::uint32_t>(ip), &pool});
          ip += run;
        }
      }
    }
    std::stable_sort(segs.begin(), segs.end(), [](const Seg& a, const Seg& b) { return a.key < b.key; });
    Pool* prev = nullptr;
    for (const auto& s : segs) {
      if (s.pool != prev) {
        s.pool->head = Ipv4{s.ip};
        s.pool->has_head = true;
      }
      prev = s.pool;
    }
  }

  Model& m_;
};

// ---------------------------------------------------------------------------------------------
// Packet view: the request's options as dhcpd decodes them (§1)

struct PacketView {
  struct Entry {
    std::string space;
    std::uint32_t code = 0;
    Bytes value;
  };
  const Scenario* s = nullptr;
  std::vector<Entry> options;  // dhcp options by code, then decoded sub-options (a request has few)
  bool host_name_nulls = false;
  bool bootp = false;
  mutable std::optional<Bytes> raw;

  const Bytes* find(std::string_view space, std::uint32_t code) const {
    for (const auto& e : options)
      if (e.code == code && e.space == space) return &e.value;
    return nullptr;
  }
};

void decode_suboptions(const Model& m, const std::string& space, const Bytes& data, PacketView& pv, int depth) {
  const auto* sp = m.space(space);
  if (!sp || depth > 4) return;
  std::size_t cw = static_cast<std::size_t>(sp->code_width), lw = static_cast<std::size_t>(sp->length_width);
  std::size_t i = 0;
  while (i + cw + lw <= data.size()) {
    std::uint32_t code = read_be(Bytes(data.begin() + static_cast<long>(i), data.begin() + static_cast<long>(i + cw)), cw);
    if (code == sp->end) break;  // 255 in dhcp; 0 in every other space (agent, vendor, user spaces)
    if (code == 0) {             // PAD (only reachable in dhcp, whose END is 255)
      i += cw;
      continue;
    }
    std::size_t len = lw ? read_be(Bytes(data.begin() + static_cast<long>(i + cw), data.begin() + static_cast<long>(i + cw + lw)), lw)
                         : data.size() - i - cw;
    if (i + cw + lw + len > data.size()) break;  // malformed: dhcpd stops (earlier sub-options stay)
    Bytes v(data.begin() + static_cast<long>(i + cw + lw), data.begin() + static_cast<long>(i + cw + lw + len));
    // Only dhcp concatenates repeated codes (RFC 3396); in other spaces the first one counts.
    if (pv.find(space, code)) {
      i += cw + lw + len;
      continue;
    }
    pv.options.push_back({space, code, v});
    std::string_view fmt = m.format(space, code);
    if (fmt.size() > 2 && fmt[0] == 'E' && fmt.back() == '.')
      decode_suboptions(m, std::string(fmt.substr(1, fmt.size() - 2)), v, pv, depth + 1);
    i += cw + lw + len;
  }
}

PacketView make_packet_view(const Model& m, const Scenario& s) {
  PacketView pv;
  pv.s = &s;
  pv.bootp = s.message == MessageType::Bootp;
  pv.options.reserve(s.options.size() + 4);
  for (const auto& o : s.options) {
    Bytes* slot = nullptr;
    for (auto& e : pv.options)
      if (e.code == o.code) slot = &e.value;
    if (!slot) {
      pv.options.push_back({"dhcp", o.code, {}});
      slot = &pv.options.back().value;
    }
    slot->insert(slot->end(), o.value.begin(), o.value.end());  // duplicates concatenate (RFC 3396)
  }
  // By code, as dhcpd's option state is walked (the carriers below are decoded in this order).
  std::sort(pv.options.begin(), pv.options.end(), [](const PacketView::Entry& a, const PacketView::Entry& b) { return a.code < b.code; });
  for (auto it = pv.options.begin(); it != pv.options.end();) {
    std::uint32_t code = it->code;
    std::string_view fmt = m.format("dhcp", code);
    if (fmt == "t" || fmt == "k") {
      bool nulls = false;
      while (!it->value.empty() && it->value.back() == 0) {
        it->value.pop_back();
        nulls = true;
      }
      if (code == 12 && nulls) pv.host_name_nulls = true;
    }
    if (code == 12 && it->value.empty()) {  // zero-length host-name is ignored
      it = pv.options.erase(it);
      continue;
    }
    ++it;
  }
  std::vector<std::pair<std::uint32_t, Bytes>> carriers;
  for (const auto& e : pv.options) {
    if (e.code == 43) continue;
    std::string_view fmt = m.format("dhcp", e.code);
    if (fmt.size() > 2 && fmt[0] == 'E' && fmt.back() == '.') carriers.emplace_back(e.code, e.value);
  }
  for (const auto& [code, v] : carriers) {
    std::string_view fmt = m.format("dhcp", code);
    decode_suboptions(m, std::string(fmt.substr(1, fmt.size() - 2)), v, pv, 0);
  }
  return pv;
}

// §8.6: the relay agent information dhcpd sends back (whether or not giaddr is set). dhcpd does
// not copy the client's option 82: it decodes it into agent sub-options and encodes them again.
// Code 0 ends the list (the agent space's END); a sub-option without its length byte or longer
// than the rest ends it too and is dropped (earlier ones stay); a repeated code keeps its first
// value, in first-seen order; empty sub-options are not sent, except relay-port (19, format Z).
// Nothing left = no option 82 in the reply.
std::optional<Bytes> agent_echo(const Bytes& raw) {
  std::vector<std::pair<std::uint8_t, Bytes>> subs;
  std::size_t i = 0;
  while (i < raw.size() && raw[i] != 0) {
    std::uint8_t code = raw[i];
    if (i + 2 > raw.size() || i + 2 + raw[i + 1] > raw.size()) break;
    Bytes v(raw.begin() + static_cast<long>(i) + 2, raw.begin() + static_cast<long>(i) + 2 + raw[i + 1]);
    i += 2 + v.size();
    bool seen = false;
    for (const auto& e : subs) seen = seen || e.first == code;
    if (!seen) subs.emplace_back(code, std::move(v));
  }
  Bytes out;
  for (const auto& [code, v] : subs) {
    if (v.empty() && code != 19) continue;
    out.push_back(code);
    out.push_back(static_cast<std::uint8_t>(v.size()));
    out.insert(out.end(), v.begin(), v.end());
  }
  if (out.empty()) return std::nullopt;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Option state (state->options): per space, values plus dhcpd's hash-bucket order (§8.4)

struct OptVal {
  Bytes bytes;                 // the value when `encoded` is null
  const Bytes* encoded = nullptr;  // the statement's encoded value (not copied)
  const Expr* expr = nullptr;  // lazy `option X = expr;`
  const Stmt* stmt = nullptr;  // where it was set (nullptr = server-added)
  /// Set by a statement: "VERB NAME in SCOPE" is built from the statement and `scope` only when
  /// the option is sent. Server-added: `reason` (a literal or a string the evaluator keeps).
  const std::string* scope = nullptr;
  std::string_view reason;
  /// A host name in the value (`option domain-name-servers ns1.example.org;`): dhcpd looks it up
  /// (gethostbyname) each time it builds the option. The simulator has no resolver and predicts
  /// what dhcpd does when the lookup fails: the value is NULL and the option is not sent.
  std::string_view host_name;
};

std::string option_reason(const OptVal& v) {
  if (!v.scope) return std::string(v.reason);
  const auto& o = *static_cast<const OptionStmt*>(v.stmt);
  std::string_view verb = option_verb_name(o.verb);
  std::string out;
  out.reserve(verb.size() + o.option.name.size() + v.scope->size() + 5);
  out.append(verb).append(" ").append(o.option.name).append(" in ").append(*v.scope);
  return out;
}

// One space's options: a handful per answer, so a vector searched linearly. dhcpd's hash order
// (§8.4) is by bucket, most recently inserted first within a bucket: `seq` records insertion
// (a replaced value keeps its place, an erased one loses it).
struct SpaceState {
  struct Entry {
    std::uint32_t code;
    std::uint32_t seq;
    OptVal value;
  };
  std::vector<Entry> values;
  std::uint32_t next = 0;

  void set(std::uint32_t code, OptVal v) {
    for (auto& e : values)
      if (e.code == code) {
        e.value = std::move(v);
        return;
      }
    values.push_back({code, next++, std::move(v)});
  }
  void erase(std::uint32_t code) {
    std::erase_if(values, [&](const Entry& e) { return e.code == code; });
  }
  const OptVal* get(std::uint32_t code) const {
    for (const auto& e : values)
      if (e.code == code) return &e.value;
    return nullptr;
  }
  std::vector<std::uint32_t> hash_order() const {
    std::vector<std::pair<std::uint64_t, std::uint32_t>> keyed;
    keyed.reserve(values.size());
    for (const auto& e : values)
      keyed.emplace_back((static_cast<std::uint64_t>(bucket_of(e.code)) << 32) | (0xffffffffu - e.seq), e.code);
    std::sort(keyed.begin(), keyed.end());
    std::vector<std::uint32_t> out;
    out.reserve(keyed.size());
    for (const auto& k : keyed) out.push_back(k.second);
    return out;
  }
};

struct State {
  std::vector<std::pair<std::string, SpaceState>> spaces;  // by exact space name
  std::vector<std::pair<std::string_view, const ParamStmt*>> params;  // name -> last statement

  const SpaceState* find_space(std::string_view name) const {
    for (const auto& [n, ss] : spaces)
      if (n == name) return &ss;
    return nullptr;
  }
  SpaceState& space(std::string_view name) {
    for (auto& [n, ss] : spaces)
      if (n == name) return ss;
    auto& ss = spaces.emplace_back(std::string(name), SpaceState{}).second;
    ss.values.reserve(16);
    return ss;
  }
  const ParamStmt* param(std::string_view name) const {
    for (const auto& [n, p] : params)
      if (n == name) return p;
    return nullptr;
  }
  void set_param(const ParamStmt* p) {
    for (auto& [n, old] : params)
      if (n == p->name) {
        old = p;
        return;
      }
    params.emplace_back(p->name, p);
  }
};

// ---------------------------------------------------------------------------------------------
// Expressions (§7)

struct Value {
  enum Kind { Null, Bool, Data, Num } kind = Null;
  bool b = false;
  Bytes d;
  std::uint64_t n = 0;
  static Value boolean(bool v) { Value x; x.kind = Bool; x.b = v; return x; }
  static Value data(Bytes v) { Value x; x.kind = Data; x.d = std::move(v); return x; }
  static Value num(std::uint64_t v) { Value x; x.kind = Num; x.n = v; return x; }
};

struct MatchedClass {
  ClassInfo* cls = nullptr;
  SubclassInfo* sub = nullptr;
  const Scope* group() const { return sub ? sub->group : cls->group; }
};

struct Ctx {
  const Model* m = nullptr;
  const PacketView* pv = nullptr;
  const State* cfg = nullptr;  // nullptr during class matching
  bool known = false;
  bool is_static = false;
  std::optional<Ipv4> lease;
  const Host* host = nullptr;
  const std::vector<MatchedClass>* classes = nullptr;
  std::unordered_map<std::string, Bytes>* variables = nullptr;
  int depth = 0;
};

std::optional<Bytes> option_value(const Ctx& c, std::string_view space, std::uint32_t code);

Value eval(const Expr& e, Ctx& c);

std::optional<std::uint64_t> num_arg(const Expr* e, Ctx& c) {
  if (!e) return std::nullopt;
  Value v = eval(*e, c);
  if (v.kind == Value::Num) return v.n;
  return std::nullopt;
}

std::optional<Bytes> data_arg(const Expr* e, Ctx& c) {
  if (!e) return std::nullopt;
  Value v = eval(*e, c);
  if (v.kind == Value::Data) return std::move(v.d);
  return std::nullopt;
}

bool values_equal(const Value& a, const Value& b) {
  if (a.kind == Value::Null || b.kind == Value::Null) return a.kind == b.kind;
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case Value::Bool: return a.b == b.b;
    case Value::Data: return a.d == b.d;
    case Value::Num: return a.n == b.n;
    default: return true;
  }
}

std::string to_base(std::uint64_t v, int base) {
  if (v == 0) return "0";
  std::string s;
  while (v) {
    int d = static_cast<int>(v % static_cast<std::uint64_t>(base));
    s += static_cast<char>(d < 10 ? '0' + d : 'a' + d - 10);
    v /= static_cast<std::uint64_t>(base);
  }
  return {s.rbegin(), s.rend()};
}

const Expr* arg(const Expr& e, std::size_t i) { return i < e.args.size() ? e.args[i].get() : nullptr; }

bool packet_in_class(const Ctx& c, const std::string& name) {
  if (!c.classes) return false;
  // `check "default"`: dhcpd's only collection holds every class, so the test is whether the
  // packet is in any class (check_collection; seen in the lab).
  if (name == "default") return !c.classes->empty();
  for (const auto& mc : *c.classes)
    if (mc.cls->decl->name == name) return true;
  return false;
}

Value eval(const Expr& e, Ctx& c) {
  if (c.depth > 64) return {};
  struct DepthGuard {
    int& d;
    DepthGuard(int& x) : d(x) { ++d; }
    ~DepthGuard() { --d; }
  } guard(c.depth);
  switch (e.op) {
    case ExprOp::Check: return Value::boolean(packet_in_class(c, e.name));
    case ExprOp::Exists: {
      if (!e.option || e.option->code < 0) return Value::boolean(false);
      std::string sp = e.option->resolved_space.empty() ? "dhcp" : e.option->resolved_space;
      return Value::boolean(c.pv->find(sp, static_cast<std::uint32_t>(e.option->code)) != nullptr);
    }
    case ExprOp::VariableExists: return Value::boolean(c.variables && c.variables->count(e.name));
    case ExprOp::Known: return Value::boolean(c.known);
    case ExprOp::Static: return Value::boolean(c.is_static);
    case ExprOp::Equal:
    case ExprOp::NotEqual: {
      if (e.args.size() < 2) return {};
      Value a = eval(*e.args[0], c), b = eval(*e.args[1], c);
      bool eq = values_equal(a, b);
      return Value::boolean(e.op == ExprOp::Equal ? eq : !eq);
    }
    case ExprOp::RegexMatch:
    case ExprOp::IRegexMatch: {
      auto a = data_arg(arg(e, 0), c);
      auto b = data_arg(arg(e, 1), c);
      if (!a || !b) return {};
      std::string subject(a->begin(), std::find(a->begin(), a->end(), std::uint8_t{0}));
      std::string pattern(b->begin(), b->end());
      try {
        auto flags = std::regex::extended | std::regex::nosubs;
        if (e.op == ExprOp::IRegexMatch) flags |= std::regex::icase;
        std::regex re(pattern, flags);
        return Value::boolean(std::regex_search(subject, re));
      } catch (const std::regex_error&) {
        return Value::boolean(false);
      }
    }
    case ExprOp::And: {
      if (e.args.size() < 2) return {};
      Value a = eval(*e.args[0], c);
      if (a.kind != Value::Bool || !a.b) return {};  // NULL and false both give NULL
      Value b = eval(*e.args[1], c);
      if (b.kind != Value::Bool) return {};
      return b;
    }
    case ExprOp::Or: {
      if (e.args.size() < 2) return {};
      Value a = eval(*e.args[0], c);
      if (a.kind == Value::Bool && a.b) return a;
      Value b = eval(*e.args[1], c);
      bool an = a.kind != Value::Bool, bn = b.kind != Value::Bool;
      if (an && bn) return {};
      return Value::boolean((!an && a.b) || (!bn && b.b));
    }
    case ExprOp::Not: {
      if (e.args.empty()) return {};
      Value a = eval(*e.args[0], c);
      if (a.kind != Value::Bool) return {};
      return Value::boolean(!a.b);
    }
    case ExprOp::Substring: {
      auto d = data_arg(arg(e, 0), c);
      auto off = num_arg(arg(e, 1), c);
      auto len = num_arg(arg(e, 2), c);
      if (!d || !off || !len) return {};
      if (*off >= d->size()) return Value::data({});
      std::size_t end = static_cast<std::size_t>(std::min<std::uint64_t>(d->size(), *off + *len));
      return Value::data(Bytes(d->begin() + static_cast<long>(*off), d->begin() + static_cast<long>(end)));
    }
    case ExprOp::Suffix: {
      auto d = data_arg(arg(e, 0), c);
      auto len = num_arg(arg(e, 1), c);
      if (!d || !len) return {};
      std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(*len, d->size()));
      return Value::data(Bytes(d->end() - static_cast<long>(n), d->end()));
    }
    case ExprOp::Lcase:
    case ExprOp::Ucase: {
      auto d = data_arg(arg(e, 0), c);
      if (!d) return {};
      for (auto& ch : *d) ch = static_cast<std::uint8_t>(e.op == ExprOp::Lcase ? std::tolower(ch) : std::toupper(ch));
      return Value::data(std::move(*d));
    }
    case ExprOp::Option: {
      if (!e.option || e.option->code < 0) return {};
      std::string sp = e.option->resolved_space.empty() ? "dhcp" : e.option->resolved_space;
      const Bytes* b = c.pv->find(sp, static_cast<std::uint32_t>(e.option->code));
      if (!b) return {};
      return Value::data(*b);
    }
    case ExprOp::ConfigOption: {
      if (!c.cfg || !e.option || e.option->code < 0) return {};
      std::string sp = e.option->resolved_space.empty() ? "dhcp" : e.option->resolved_space;
      auto v = option_value(c, sp, static_cast<std::uint32_t>(e.option->code));
      if (!v) return {};
      return Value::data(std::move(*v));
    }
    case ExprOp::Hardware: {
      Bytes h{c.pv->s->chaddr.htype};
      h.insert(h.end(), c.pv->s->chaddr.addr.begin(), c.pv->s->chaddr.addr.end());
      return Value::data(std::move(h));
    }
    case ExprOp::Packet: {
      auto off = num_arg(arg(e, 0), c);
      auto len = num_arg(arg(e, 1), c);
      if (!off || !len) return {};
      if (!c.pv->raw) c.pv->raw = encode_request(*c.pv->s, 0);
      const Bytes& raw = *c.pv->raw;
      if (*off >= raw.size()) return {};
      std::size_t end = static_cast<std::size_t>(std::min<std::uint64_t>(raw.size(), *off + *len));
      return Value::data(Bytes(raw.begin() + static_cast<long>(*off), raw.begin() + static_cast<long>(end)));
    }
    case ExprOp::ConstData: return Value::data(e.data);
    case ExprOp::Concat: {
      Bytes out;
      if (e.args.empty()) return {};
      for (const auto& a : e.args) {
        auto d = data_arg(a.get(), c);
        if (!d) return {};
        out.insert(out.end(), d->begin(), d->end());
      }
      return Value::data(std::move(out));
    }
    case ExprOp::Reverse: {
      auto w = num_arg(arg(e, 0), c);
      auto d = data_arg(arg(e, 1), c);
      if (!w || !d || *w == 0 || d->size() % *w) return {};
      Bytes out;
      for (std::size_t i = d->size(); i >= *w; i -= static_cast<std::size_t>(*w))
        out.insert(out.end(), d->begin() + static_cast<long>(i - *w), d->begin() + static_cast<long>(i));
      return Value::data(std::move(out));
    }
    case ExprOp::LeasedAddress:
      if (!c.lease) return {};
      return Value::data(c.lease->bytes());
    case ExprOp::BinaryToAscii: {
      auto base = num_arg(arg(e, 0), c);
      auto width = num_arg(arg(e, 1), c);
      auto sep = data_arg(arg(e, 2), c);
      auto d = data_arg(arg(e, 3), c);
      if (!base || !width || !sep || !d) return {};
      if (*base < 2 || *base > 16 || (*width != 8 && *width != 16 && *width != 32)) return {};
      std::size_t step = static_cast<std::size_t>(*width / 8);
      if (d->size() % step) return {};
      std::string out;
      for (std::size_t i = 0; i < d->size(); i += step) {
        if (i) out.append(sep->begin(), sep->end());
        out += to_base(read_be(Bytes(d->begin() + static_cast<long>(i), d->begin() + static_cast<long>(i + step)), step),
                       static_cast<int>(*base));
      }
      return Value::data(Bytes(out.begin(), out.end()));
    }
    case ExprOp::EncodeInt: {
      auto n = num_arg(arg(e, 0), c);
      if (!n) return {};
      Bytes b = be32(static_cast<std::uint32_t>(*n));
      if (e.number == 8) return Value::data(Bytes{b[3]});
      if (e.number == 16) return Value::data(Bytes{b[2], b[3]});
      return Value::data(b);
    }
    case ExprOp::PickFirstValue:
      for (const auto& a : e.args) {
        Value v = eval(*a, c);
        if (v.kind != Value::Null) return v;
      }
      return {};
    case ExprOp::HostDeclName:
      if (!c.host) return {};
      return Value::data(Bytes(c.host->decl->name.begin(), c.host->decl->name.end()));
    case ExprOp::Filename:
    case ExprOp::ServerName:
    case ExprOp::GetHostName:
    case ExprOp::GetHostByName:
    case ExprOp::Null:
    case ExprOp::V6Relay:
    case ExprOp::LeaseTime:
    case ExprOp::ClientState:
    case ExprOp::FunCall: return {};
    case ExprOp::ExtractInt: {
      auto d = data_arg(arg(e, 0), c);
      if (!d) return {};
      std::size_t n = static_cast<std::size_t>(e.number / 8);
      if (n == 0 || d->size() < n) return {};
      return Value::num(read_be(*d, n));
    }
    case ExprOp::ConstInt: return Value::num(static_cast<std::uint64_t>(e.number));
    case ExprOp::Add: case ExprOp::Subtract: case ExprOp::Multiply: case ExprOp::Divide: case ExprOp::Remainder:
    case ExprOp::BinaryAnd: case ExprOp::BinaryOr: case ExprOp::BinaryXor: {
      auto a = num_arg(arg(e, 0), c);
      auto b = num_arg(arg(e, 1), c);
      if (!a || !b) return {};
      switch (e.op) {
        case ExprOp::Add: return Value::num(*a + *b);
        case ExprOp::Subtract: return Value::num(*a - *b);
        case ExprOp::Multiply: return Value::num(*a * *b);
        case ExprOp::Divide: return *b ? Value::num(*a / *b) : Value{};
        case ExprOp::Remainder: return *b ? Value::num(*a % *b) : Value{};
        case ExprOp::BinaryAnd: return Value::num(*a & *b);
        case ExprOp::BinaryOr: return Value::num(*a | *b);
        default: return Value::num(*a ^ *b);
      }
    }
    case ExprOp::Variable: {
      if (!c.variables) return {};
      auto it = c.variables->find(e.name);
      if (it == c.variables->end()) return {};
      return Value::data(it->second);
    }
  }
  return {};
}

bool eval_bool(const Expr& e, Ctx& c) {
  Value v = eval(e, c);
  return v.kind == Value::Bool && v.b;
}

std::string describe(const Expr& e) {
  std::string s(e.span.text());
  for (auto& ch : s)
    if (ch == '\n' || ch == '\t') ch = ' ';
  if (s.size() > 80) s = s.substr(0, 77) + "...";
  return s;
}

// ---------------------------------------------------------------------------------------------
// Option values at reply time (lazy expressions, encapsulation §8.6)

std::optional<Bytes> raw_value(const Ctx& c, const OptVal& v) {
  if (!v.host_name.empty()) return std::nullopt;
  if (v.expr) {
    Ctx cc = c;
    Value r = eval(*v.expr, cc);
    if (r.kind != Value::Data) return std::nullopt;
    return r.d;
  }
  return v.encoded ? *v.encoded : v.bytes;
}

std::string param_name_text(const State& st, std::string_view name);

std::optional<Bytes> encapsulate(const Ctx& c, const std::string& space, int depth) {
  if (depth > 4) return std::nullopt;
  const auto* sp = c.m->space(space);
  const SpaceState* ss = c.cfg->find_space(space);
  if (!sp || !ss) return std::nullopt;
  Bytes out;
  bool any = false;
  for (std::uint32_t code : ss->hash_order()) {
    auto v = option_value(c, space, code);
    if (!v || v->empty()) continue;
    for (int i = sp->code_width - 1; i >= 0; --i) out.push_back(static_cast<std::uint8_t>(code >> (8 * i)));
    for (int i = sp->length_width - 1; i >= 0; --i) out.push_back(static_cast<std::uint8_t>(v->size() >> (8 * i)));
    out.insert(out.end(), v->begin(), v->end());
    any = true;
  }
  if (!any) return std::nullopt;
  return out;
}

std::optional<Bytes> option_value(const Ctx& c, std::string_view space, std::uint32_t code) {
  if (!c.cfg || c.depth > 32) return std::nullopt;
  if (const SpaceState* ss = c.cfg->find_space(space)) {
    if (const OptVal* v = ss->get(code)) {
      Ctx cc = c;
      cc.depth++;
      return raw_value(cc, *v);
    }
  }
  std::string_view fmt = c.m->format(space, code);
  if (!fmt.empty() && fmt[0] == 'E') {
    std::string sub;
    if (fmt == "E.") {
      if (space == "dhcp" && code == 43) sub = param_name_text(*c.cfg, "vendor-option-space");
    } else if (fmt.size() > 2 && fmt.back() == '.') {
      sub = std::string(fmt.substr(1, fmt.size() - 2));
    }
    if (!sub.empty()) {
      Ctx cc = c;
      cc.depth++;
      return encapsulate(cc, sub, cc.depth);
    }
  }
  return std::nullopt;
}

std::string token_text(const ValueTokens& v) { return v.empty() ? std::string() : v.front().text; }

std::string param_name_text(const State& st, std::string_view name) {
  const ParamStmt* p = st.param(name);
  if (!p) return {};
  return token_text(p->values);
}

// ---------------------------------------------------------------------------------------------
// Statement execution (§5)

struct Exec {
  const Model& m;
  Ctx& ctx;
  State& st;
  std::vector<Why>* why;

  void guard(const Span& span, std::string reason) {
    if (why) why->push_back({"guard", span.where_line(), std::move(reason)});
  }

  void scope(const Scope* g, const Scope* limit) {
    if (!g) return;
    for (const Scope* a = limit; a; a = a->parent)
      if (a == g) return;
    scope(g->parent, limit);
    for (const Stmt* s : g->exec)
      if (stmt(*s, g->label) == Flow::Break) return;
  }

  void body(const Body& b, const std::string& where) {
    for (std::size_t i = 0; i < b.size(); ++i) {
      if (stmt(*b[i], where) == Flow::Break) return;
    }
  }

  enum class Flow { Next, Break };

  Flow stmt(const Stmt& s, const std::string& where) {
    switch (s.kind) {
      case StmtKind::Option: option(*s.as<OptionStmt>(), where); break;
      case StmtKind::Param: {
        auto* p = s.as<ParamStmt>();
        if (p->name != "authoritative" && p->name != "uid" && p->name != "host-identifier") st.set_param(p);
        break;
      }
      case StmtKind::If: {
        auto* i = s.as<IfStmt>();
        for (const auto& br : i->branches) {
          if (!br.condition) {
            guard(br.span, fmt::format("else branch taken in {}", where));
            body(br.body, where);
            return Flow::Next;
          }
          bool v = eval_bool(*br.condition, ctx);
          guard(br.span, fmt::format("if {}: {}", describe(*br.condition), v ? "true" : "false"));
          if (v) {
            body(br.body, where);
            return Flow::Next;
          }
        }
        break;
      }
      case StmtKind::Switch: {
        auto* sw = s.as<SwitchStmt>();
        Value v = eval(*sw->expr, ctx);
        std::size_t start = sw->body.size();
        for (std::size_t k = 0; k < sw->body.size(); ++k) {
          if (auto* cs = sw->body[k]->as<CaseStmt>()) {
            if (cs->value && values_equal(v, eval(*cs->value, ctx))) {
              start = k;
              guard(cs->span, fmt::format("switch case {} taken", describe(*cs->value)));
              break;
            }
          }
        }
        if (start == sw->body.size()) {
          for (std::size_t k = 0; k < sw->body.size(); ++k)
            if (sw->body[k]->is<DefaultStmt>()) {
              start = k;
              guard(sw->body[k]->span, "switch default taken");
              break;
            }
        }
        for (std::size_t k = start; k < sw->body.size(); ++k) {
          if (sw->body[k]->is<BreakStmt>()) break;
          if (stmt(*sw->body[k], where) == Flow::Break) break;
        }
        break;
      }
      case StmtKind::Set: {
        auto* se = s.as<SetStmt>();
        if (ctx.variables && se->expr) {
          Value v = eval(*se->expr, ctx);
          if (v.kind == Value::Data) (*ctx.variables)[se->name] = v.d;
          else if (v.kind == Value::Num) (*ctx.variables)[se->name] = be32(static_cast<std::uint32_t>(v.n));
          else if (v.kind == Value::Bool) (*ctx.variables)[se->name] = Bytes{static_cast<std::uint8_t>(v.b)};
          else ctx.variables->erase(se->name);
        }
        break;
      }
      case StmtKind::Unset:
        if (ctx.variables) ctx.variables->erase(s.as<UnsetStmt>()->name);
        break;
      case StmtKind::Break: return Flow::Break;
      default: break;
    }
    return Flow::Next;
  }

  void option(const OptionStmt& o, const std::string& where) {
    if (o.option.code < 0) return;
    std::string space = o.option.resolved_space.empty() ? "dhcp" : o.option.resolved_space;
    auto code = static_cast<std::uint32_t>(o.option.code);
    SpaceState& ss = st.space(space);
    OptVal v;
    v.stmt = &o;
    v.scope = &where;
    if (o.expr) v.expr = o.expr.get();
    else if (o.resolved) v.encoded = &o.encoded;
    else return;
    if (m.resolution && !m.resolution->host_names.empty()) {
      auto hn = m.resolution->host_names.find(&o);
      if (hn != m.resolution->host_names.end() && !hn->second.empty()) v.host_name = hn->second.front().name;
    }
    const OptVal* old = ss.get(code);
    switch (o.verb) {
      case OptionVerb::Default:
        if (old) return;
        break;
      case OptionVerb::Append:
      case OptionVerb::Prepend:
        if (old) {
          Ctx cc = ctx;
          cc.cfg = &st;
          auto ob = raw_value(cc, *old);
          auto nb = raw_value(cc, v);
          if (ob && nb) {
            std::string_view fmt = m.format(space, code);
            Bytes joined = o.verb == OptionVerb::Append ? *ob : *nb;
            const Bytes& tail = o.verb == OptionVerb::Append ? *nb : *ob;
            joined.insert(joined.end(), tail.begin(), tail.end());
            if (fmt == "Dc") joined = recompress(joined, o.verb == OptionVerb::Append ? *ob : *nb, tail);
            v.expr = nullptr;
            v.encoded = nullptr;
            v.bytes = std::move(joined);
          } else if (v.host_name.empty()) {
            v.host_name = old->host_name;  // a concatenation with a failed lookup fails too
          }
        }
        break;
      default: break;
    }
    ss.set(code, std::move(v));
  }

  // Decompresses two compressed domain lists and compresses their concatenation again.
  static Bytes recompress(const Bytes& fallback, const Bytes& a, const Bytes& b) {
    std::vector<std::string> names;
    if (!decode_names(a, names) || !decode_names(b, names)) return fallback;
    auto enc = dhcp::encode_domain_list(names, true);
    return enc ? *enc : fallback;
  }

  static bool decode_names(const Bytes& d, std::vector<std::string>& out) {
    std::size_t i = 0;
    while (i < d.size()) {
      std::string name;
      std::size_t p = i;
      bool jumped = false;
      int guard = 0;
      while (true) {
        if (p >= d.size() || ++guard > 255) return false;
        std::uint8_t len = d[p];
        if (len == 0) {
          if (!jumped) i = p + 1;
          break;
        }
        if ((len & 0xc0) == 0xc0) {
          if (p + 1 >= d.size()) return false;
          if (!jumped) i = p + 2;
          p = static_cast<std::size_t>(((len & 0x3f) << 8) | d[p + 1]);
          jumped = true;
          continue;
        }
        if (p + 1 + len > d.size()) return false;
        if (!name.empty()) name += '.';
        name.append(d.begin() + static_cast<long>(p + 1), d.begin() + static_cast<long>(p + 1 + len));
        p += 1 + len;
      }
      out.push_back(name);
    }
    return true;
  }
};

// ---------------------------------------------------------------------------------------------
// Parameters (server space) read from the executed state

struct Params {
  const Model& m;
  Ctx& ctx;
  const State& st;

  const ParamStmt* stmt(std::string_view name) const { return st.param(name); }
  std::optional<Bytes> bytes(std::string_view name) const {
    const ParamStmt* p = stmt(name);
    if (!p) return std::nullopt;
    if (p->expr) {
      Ctx cc = ctx;
      Value v = eval(*p->expr, cc);
      if (v.kind == Value::Data) return v.d;
      if (v.kind == Value::Num) return be32(static_cast<std::uint32_t>(v.n));
      if (v.kind == Value::Bool) return Bytes{static_cast<std::uint8_t>(v.b)};
      return std::nullopt;
    }
    if (m.resolution) {
      auto it = m.resolution->params.find(p);
      if (it != m.resolution->params.end()) return it->second;
    }
    return std::nullopt;
  }
  std::optional<std::uint32_t> u32(std::string_view name) const {
    const ParamStmt* p = stmt(name);
    if (!p) return std::nullopt;
    if (!p->expr && !p->values.empty()) {
      const auto& t = p->values.front();
      if (lower(t.text) == "infinite") return kInfinite;
      if (t.kind == ValueKind::Number) return static_cast<std::uint32_t>(std::stoull(t.text, nullptr, 0));
    }
    auto b = bytes(name);
    if (b && b->size() == 4) return read_be(*b, 4);
    return std::nullopt;
  }
  std::optional<std::string> text(std::string_view name) const {
    const ParamStmt* p = stmt(name);
    if (!p) return std::nullopt;
    if (!p->expr && !p->values.empty()) return p->values.front().text;
    auto b = bytes(name);
    if (!b) return std::nullopt;
    return std::string(b->begin(), b->end());
  }
  /// Flag: 1 true, 0 false, 2 ignore; nullopt when unset.
  std::optional<int> flag(std::string_view name) const {
    const ParamStmt* p = stmt(name);
    if (!p) return std::nullopt;
    if (!p->expr && !p->values.empty()) {
      std::string v = lower(p->values.front().text);
      if (v == "true" || v == "on") return 1;
      if (v == "false" || v == "off") return 0;
      if (v == "ignore") return 2;
    }
    auto b = bytes(name);
    if (b && !b->empty()) return (*b)[0];
    return std::nullopt;
  }
  std::optional<Ipv4> ip(std::string_view name) const {
    const ParamStmt* p = stmt(name);
    if (!p) return std::nullopt;
    if (!p->expr && !p->values.empty() && p->values.front().kind == ValueKind::Ip) return Ipv4::parse(p->values.front().text);
    auto b = bytes(name);
    if (b && b->size() >= 4) return Ipv4{read_be(*b, 4)};
    return std::nullopt;
  }
  std::string where(std::string_view name) const {
    const ParamStmt* p = stmt(name);
    return p ? p->span.where_line() : std::string();
  }
};

// ---------------------------------------------------------------------------------------------
// The server

class Evaluator {
public:
  Evaluator(const Model& m, const Scenario& s, const SimOptions& o) : m_(m), s_(s), o_(o), pv_(make_packet_view(m, s)) {
    a_.server = "isc";
    a_.why.reserve(24);  // a typical answer has 15-20 entries; growing the vector costs more
    now_ = o.now ? o.now : static_cast<std::int64_t>(std::time(nullptr));
  }

  Answer run() {
    if (s_.chaddr.addr.size() > 16) return none("hlen over 16: packet dropped");
    if (const Bytes* cid = s_.option(61); cid && cid->empty()) return none("zero-length client identifier: packet dropped");
    switch (s_.message) {
      case MessageType::Discover: return discover();
      case MessageType::Request: return request();
      case MessageType::Inform: return inform();
      case MessageType::Bootp: return bootp();
    }
    return none("unknown message");
  }

private:
  // --- helpers
  void why(std::string field, std::string loc, std::string reason) {
    if (!o_.full_why && !lean_why_keeps(field)) return;
    a_.why.push_back({std::move(field), std::move(loc), std::move(reason)});
  }
  Answer none(std::string reason) {
    a_.reply = Reply::None;
    why("reply", "", std::move(reason));
    return std::move(a_);
  }

  Ipv4 interface_address() const {
    if (s_.interface) return *s_.interface;
    if (o_.server_address) return *o_.server_address;
    return Ipv4{};
  }

  // §2: link-selection, subnet-selection, giaddr, else the receiving interface.
  const SharedNet* locate_network(std::string* how) {
    auto pick = [&](Ipv4 a, const char* src) -> const SharedNet* {
      const Subnet* s = m_.find_subnet(a);
      if (how) *how = fmt::format("{} {}", src, a.str());
      if (!s) return nullptr;
      network_subnet_ = s;
      return s->share;
    };
    if (auto ls = s_.agent_suboption(5)) {
      if (ls->size() != 4) return nullptr;
      return pick(Ipv4{read_be(*ls, 4)}, "relay link-selection");
    }
    if (const Bytes* ss = s_.option(118)) {
      if (ss->size() != 4) return nullptr;
      return pick(Ipv4{read_be(*ss, 4)}, "subnet-selection option");
    }
    if (s_.relay && s_.relay->value) return pick(*s_.relay, "giaddr");
    if (s_.interface) return pick(*s_.interface, "interface address");
    if (how) *how = "the server's only interface";
    if (m_.subnet_order.empty()) return nullptr;
    network_subnet_ = m_.subnet_order.front();
    return network_subnet_->share;
  }

  // §6.1: classes in declaration order, packet-only context, known false, at most 5.
  void classify() {
    if (pv_.bootp) {
      why("guard", "", "BOOTP request: not classified");
      return;
    }
    Ctx c = class_ctx();
    for (ClassInfo* cls : m_.class_order) {
      const Span& at = cls->decl->name_span.valid() ? cls->decl->name_span : cls->decl->span;
      if (cls->match_if) {
        if (!eval_bool(*cls->match_if->expr, c)) {
          why("guard", cls->if_at, cls->if_false);
          continue;
        }
        if (!cls->match_data) {
          add_class(cls, nullptr, cls->if_at, cls->if_true);
          continue;
        }
      }
      if (!cls->match_data) continue;
      Value v = eval(*cls->match_data->expr, c);
      if (v.kind != Value::Data || v.d.empty()) {
        why("guard", cls->data_at, cls->data_absent);
        continue;
      }
      auto it = cls->subclasses.find(view_of(v.d));
      if (it != cls->subclasses.end()) {
        why("guard", cls->match_data->span.where_line(),
            fmt::format("class \"{}\": match value {} has a subclass", cls->decl->name, to_colon_hex(v.d)));
        add_class(cls, it->second, it->second->decl->span.where_line(),
                  fmt::format("subclass \"{}\" {} matched", cls->decl->name, to_colon_hex(v.d)));
      } else if (cls->match_data->form == MatchStmt::Form::Spawn) {
        add_class(cls, nullptr, cls->match_data->span.where_line(),
                  fmt::format("class \"{}\": spawned subclass {}", cls->decl->name, to_colon_hex(v.d)));
      } else {
        why("guard", cls->match_data->span.where_line(),
            fmt::format("class \"{}\": no subclass for {}", cls->decl->name, to_colon_hex(v.d)));
      }
      (void)at;
    }
  }

  void add_class(ClassInfo* cls, SubclassInfo* sub, std::string loc, std::string reason) {
    if (classes_.size() >= 5) {
      why("guard", loc, reason + "; ignored: too many classes match (at most 5)");
      return;
    }
    classes_.push_back({cls, sub});
    why("guard", std::move(loc), std::move(reason));
  }

  Ctx class_ctx() {
    Ctx c;
    c.m = &m_;
    c.pv = &pv_;
    c.classes = &classes_;
    c.variables = &vars_;
    return c;
  }

  // §3.2: uid, else hardware, else host-identifier; `known` on any match.
  void find_hosts() {
    auto mark = [&](const std::vector<Host*>& chain, const char* by) {
      known_ = true;
      host_chain_ = &chain;
      host_by_ = by;
    };
    if (const Bytes* cid = pv_.find("dhcp", 61)) {
      auto it = m_.by_uid.find(view_of(*cid));
      if (it != m_.by_uid.end()) {
        mark(it->second, "client identifier");
        uid_chain_ = &it->second;
      }
    }
    hw_chain_ = m_.by_hw.find(s_.chaddr.htype, s_.chaddr.addr);
    for (auto t = m_.by_hid.rbegin(); t != m_.by_hid.rend(); ++t) {
      if (const Bytes* v = pv_.find(t->space, t->code)) {
        auto it = t->by_value.find(view_of(*v));
        if (it != t->by_value.end()) {
          hid_chain_ = &it->second;
          break;
        }
      }
    }
    if (!host_chain_ && hw_chain_) mark(*hw_chain_, "hardware address");
    if (!host_chain_ && hid_chain_) mark(*hid_chain_, "host-identifier");
    if (host_chain_) {
      const Host* h = host_chain_->front();
      why("guard", h->decl->span.where_line(), fmt::format("host {} matched by {}", h->decl->name, host_by_));
    } else {
      why("guard", "", "no host declaration matches: unknown client");
    }
  }

  // mockup_lease: first host in the chain with a fixed address in a subnet of `sn`.
  bool fixed_lease(const SharedNet* sn) {
    if (!host_chain_ || !sn) return false;
    for (const Host* h : *host_chain_) {
      for (const auto* e : h->fixed) {
        if (!e->hostname.empty()) {
          why("guard", e->span.where_line(), fmt::format("fixed-address {} needs DNS: not simulated", e->hostname));
          continue;
        }
        if (const Subnet* sub = m_.find_grouped_subnet(sn, e->ip)) {
          fixed_host_ = h;
          fixed_subnet_ = sub;
          fixed_addr_ = e->ip;
          fixed_span_ = e->span;
          return true;
        }
      }
    }
    return false;
  }

  // §3.4: the first host without fixed-address in the uid, hardware, host-identifier chains.
  const Host* fixedless_host() const {
    for (const auto* chain : {uid_chain_, hw_chain_, hid_chain_}) {
      if (!chain) continue;
      for (const Host* h : *chain)
        if (!h->has_fixed) return h;
    }
    return nullptr;
  }

  bool permit_matches(const Permit& p) const {
    using W = PermitStmt::What;
    switch (p.what) {
      case W::UnknownClients: return !known_;
      case W::KnownClients: return known_;
      case W::AllClients: return true;
      case W::DynamicBootpClients: return pv_.bootp;
      case W::AuthenticatedClients: return false;
      case W::UnauthenticatedClients: return true;
      case W::MembersOf:
        for (const auto& mc : classes_)
          if (mc.cls->decl->name == p.class_name) return true;
        return false;
      case W::After: return now_ > p.after;
    }
    return false;
  }

  bool permitted(const Pool& pool) const {
    for (const auto& p : pool.prohibits)
      if (permit_matches(p)) return false;
    if (pool.permits.empty()) return true;
    for (const auto& p : pool.permits)
      if (permit_matches(p)) return true;
    return false;
  }

  const Pool* pool_of(const SharedNet* sn, Ipv4 a) const {
    for (const Pool* p : sn->pools)
      for (const auto& r : p->ranges)
        if (r.contains(a)) return p;
    return nullptr;
  }

  const Subnet* subnet_of_pool_address(const SharedNet* sn, Ipv4 a) const { return m_.find_grouped_subnet(sn, a); }

  // The start of DISCOVER and BOOTP: the network segment, classes, hosts; no network or a fixed
  // address answers at once (the answer is returned), else `sn` is the client's network.
  std::optional<Answer> start_allocation(Reply reply, const SharedNet*& sn) {
    std::string how;
    sn = locate_network(&how);
    if (!sn) return none(fmt::format("unknown network segment ({})", how));
    why("guard", network_subnet_->at, fmt::format("network {} selected by {}", sn->label, how));
    classify();
    find_hosts();
    if (!fixed_lease(sn)) return std::nullopt;
    lease_ = fixed_addr_;
    a_.yiaddr = fixed_addr_;
    why("yiaddr", fixed_span_.where_line(), fmt::format("fixed-address of host {}", fixed_host_->decl->name));
    return ack(reply, sn, fixed_subnet_, nullptr);
  }

  // --- DISCOVER (§11.1, §4.3, §4.4)
  Answer discover() {
    const SharedNet* sn = nullptr;
    if (auto done = start_allocation(Reply::Offer, sn)) return std::move(*done);
    // A requested free address in a permitted pool is honoured (§4.3).
    if (const Bytes* req = pv_.find("dhcp", 50); req && req->size() == 4) {
      Ipv4 r{read_be(*req, 4)};
      if (const Pool* p = pool_of(sn, r); p && permitted(*p)) {
        lease_ = r;
        a_.yiaddr = r;
        why("yiaddr", p->at, fmt::format("requested address {} is free in {}", r.str(), p->label));
        set_candidates(sn);
        return ack(Reply::Offer, sn, subnet_of_pool_address(sn, r), p);
      }
    }
    const Pool* chosen = nullptr;
    for (const Pool* p : sn->pools) {
      bool ok = permitted(*p);
      why("guard", p->at, ok ? p->permitted : p->not_permitted);
      if (ok && p->has_head && !chosen) chosen = p;
    }
    if (!chosen) return none(fmt::format("no free leases on {}", sn->label));
    lease_ = chosen->head;
    a_.yiaddr = chosen->head;
    set_candidates(sn);
    why("yiaddr", chosen->at,
        fmt::format("lowest free address of the first permitted pool ({}) on a fresh server", chosen->label));
    return ack(Reply::Offer, sn, subnet_of_pool_address(sn, chosen->head), chosen);
  }

  void set_candidates(const SharedNet* sn) {
    for (const Pool* p : sn->pools) {
      if (!permitted(*p)) continue;
      for (const auto& r : p->ranges) a_.pool.add(r.first, r.last);
    }
  }

  // --- REQUEST (§11.2)
  Answer request() {
    const Bytes* req = pv_.find("dhcp", 50);
    bool has50 = req && req->size() == 4;
    std::optional<Ipv4> cip;
    if (has50) cip = Ipv4{read_be(*req, 4)};
    else if (s_.ciaddr && s_.ciaddr->value) cip = s_.ciaddr;
    if (!cip) return none("REQUEST without requested address or ciaddr: unknown lease");
    const Subnet* cip_subnet = m_.find_subnet(*cip);
    std::string how;
    const SharedNet* sn = locate_network(&how);
    if (!sn) {
      if (cip_subnet && cip_subnet->group->authoritative)
        return nak(cip_subnet->share, "requested address not available", "wrong network; the subnet of the address is authoritative");
      return none(fmt::format("unknown network segment ({}); not authoritative", how));
    }
    why("guard", network_subnet_->at, fmt::format("network {} selected by {}", sn->label, how));
    classify();
    bool ciaddr_set = s_.ciaddr && s_.ciaddr->value;
    bool giaddr_set = s_.relay && s_.relay->value;
    if ((ciaddr_set && giaddr_set) || (has50 && !ciaddr_set)) {
      if (!m_.find_grouped_subnet(sn, *cip)) {
        if (sn->group->authoritative || sn->authoritative)
          return nak(sn, "requested address not available", fmt::format("{} is not on {}; authoritative", cip->str(), sn->label));
        return none(fmt::format("{} is not on {}; not authoritative: ignored", cip->str(), sn->label));
      }
    }
    const SharedNet* lsn = cip_subnet ? cip_subnet->share : sn;
    find_hosts();
    if (fixed_lease(lsn)) {
      if (fixed_addr_ != *cip)
        return nak(sn, "requested address is incorrect",
                   fmt::format("client has fixed-address {} but requests {}", fixed_addr_.str(), cip->str()));
      lease_ = fixed_addr_;
      a_.yiaddr = fixed_addr_;
      why("yiaddr", fixed_span_.where_line(), fmt::format("fixed-address of host {}", fixed_host_->decl->name));
      return ack(Reply::Ack, lsn, fixed_subnet_, nullptr);
    }
    if (const Pool* p = pool_of(lsn, *cip)) {
      if (!permitted(*p)) return nak(sn, "requested address not available", fmt::format("{} is in a pool the client may not use", cip->str()));
      lease_ = *cip;
      a_.yiaddr = *cip;
      why("yiaddr", p->at, fmt::format("requested address {} is free in {}", cip->str(), p->label));
      return ack(Reply::Ack, lsn, subnet_of_pool_address(lsn, *cip), p);
    }
    return none(fmt::format("unknown lease {}: no reply even when authoritative", cip->str()));
  }

  // --- INFORM (§11.3)
  Answer inform() {
    std::optional<Ipv4> addr;
    if (auto ls = s_.agent_suboption(5); ls && ls->size() == 4) addr = Ipv4{read_be(*ls, 4)};
    else if (const Bytes* ss = s_.option(118); ss && ss->size() == 4) addr = Ipv4{read_be(*ss, 4)};
    else if (s_.relay && s_.relay->value) addr = s_.relay;
    else if (s_.ciaddr && s_.ciaddr->value) addr = s_.ciaddr;
    if (!s_.ciaddr || !s_.ciaddr->value) {
      if (!addr) return none("INFORM without ciaddr: ignored");
    }
    if (!addr) return none("INFORM: no address to locate the subnet");
    const Subnet* sub = m_.find_subnet(*addr);
    if (!sub) return none(fmt::format("INFORM: unknown subnet for {}", addr->str()));
    if (!sub->group->authoritative) return none(fmt::format("INFORM: {} is not authoritative: ignored", sub->label));
    network_subnet_ = sub;
    why("guard", sub->at, fmt::format("{} selected for INFORM", sub->label));
    classify();
    find_hosts();
    const Pool* pool = nullptr;
    if (s_.ciaddr) pool = pool_of(sub->share, *s_.ciaddr);
    // host: fixed-address equal to the client address preferred, else a fixed-less host
    if (host_chain_ && s_.ciaddr) {
      for (const Host* h : *host_chain_)
        for (const auto* e : h->fixed)
          if (e->hostname.empty() && e->ip == *s_.ciaddr && !fixed_host_) fixed_host_ = h;
    }
    return ack(Reply::Ack, sub->share, sub, pool, true);
  }

  // --- BOOTP (§11.6)
  Answer bootp() {
    const SharedNet* sn = nullptr;
    if (auto done = start_allocation(Reply::Bootp, sn)) return std::move(*done);
    const Pool* chosen = nullptr;
    for (const Pool* p : sn->pools)
      if (permitted(*p) && p->has_head) {
        chosen = p;
        break;
      }
    if (!chosen) return none("BOOTP: no fixed address and no pool permits dynamic bootp clients");
    lease_ = chosen->head;
    a_.yiaddr = chosen->head;
    set_candidates(sn);
    why("yiaddr", chosen->at, fmt::format("dynamic BOOTP from {}", chosen->label));
    return ack(Reply::Bootp, sn, subnet_of_pool_address(sn, chosen->head), chosen);
  }

  // --- NAK (§11.2)
  Answer nak(const SharedNet* sn, const std::string& message, std::string reason) {
    a_.reply = Reply::Nak;
    a_.yiaddr.reset();
    a_.pool = {};
    why("reply", "", "DHCPNAK: " + reason);
    // eval_network_statements: first subnet of the network, then its first pool, then classes.
    State st;
    Ctx c = exec_ctx(st);
    Exec ex{m_, c, st, nullptr};
    if (sn && !sn->subnets.empty()) ex.scope(sn->subnets.front()->group, nullptr);
    if (sn && !sn->pools.empty()) ex.scope(sn->pools.front()->group, sn->group);
    for (auto i = classes_.size(); i-- > 0;) ex.scope(classes_[i].group(), m_.root);
    std::vector<AnswerOption> opts;
    opts.push_back({53, {6}});
    Params prm{m_, c, st};
    Bytes sid = interface_address().bytes();
    std::string sid_where;
    if (auto v = option_value(c, "dhcp", 54); v && v->size() == 4) {
      sid = *v;
      sid_where = st.space("dhcp").get(54)->stmt->span.where_line();
    }
    opts.push_back({54, sid});
    why("option 54", sid_where, sid_where.empty() ? "server identifier: receiving interface address" : "configured server identifier");
    opts.push_back({56, Bytes(message.begin(), message.end())});
    why("option 56", "", "NAK message");
    if (prm.flag("echo-client-id").value_or(0) == 1)
      if (const Bytes* cid = pv_.find("dhcp", 61)) opts.push_back({61, *cid});
    if (const Bytes* ag = s_.option(82))
      if (auto echo = agent_echo(*ag)) opts.push_back({82, *echo});
    a_.options = std::move(opts);
    return std::move(a_);
  }

  Ctx exec_ctx(State& st) {
    Ctx c;
    c.m = &m_;
    c.pv = &pv_;
    c.cfg = &st;
    c.known = known_;
    c.is_static = fixed_host_ != nullptr && a_.reply != Reply::Nak && lease_ && *lease_ == fixed_addr_;
    c.lease = lease_;
    c.classes = &classes_;
    c.variables = &vars_;
    return c;
  }

  // --- ack_lease: scope execution (§5.3), drops, lease time (§10), reply options (§8)
  Answer ack(Reply kind, const SharedNet* sn, const Subnet* subnet, const Pool* pool, bool inform = false) {
    a_.reply = kind;
    if (!subnet) subnet = network_subnet_;
    State st;
    const Host* host = fixed_host_ ? fixed_host_ : fixedless_host();
    Ctx c = exec_ctx(st);
    c.host = host;
    Exec ex{m_, c, st, &a_.why};
    // 82 first (agent options), then subnet chain, pool, classes (last matched first), host.
    ex.scope(subnet->group, nullptr);
    const Scope* limit = subnet->group;
    if (pool) {
      ex.scope(pool->group, sn->group);
      limit = pool->group;
    }
    for (auto i = classes_.size(); i-- > 0;) ex.scope(classes_[i].group(), limit);
    if (host) {
      ex.scope(host->group, limit);
      why("guard", host->decl->span.where_line(),
          fmt::format("host {} supplies parameters{}", host->decl->name, host->has_fixed ? " (fixed-address)" : ""));
    }
    Params prm{m_, c, st};

    // Drops in ack_lease.
    if (!inform) {
      if (auto f = prm.flag("boot-unknown-clients"); f && *f != 1 && !host)
        return none_at(prm.where("boot-unknown-clients"), "unknown client denied (deny unknown-clients outside a pool)");
      if (auto f = prm.flag("allow-booting"); f && *f != 1)
        return none_at(prm.where("allow-booting"), "booting denied (deny booting)");
      if (pv_.bootp) {
        if (auto f = prm.flag("allow-bootp"); f && *f != 1) return none_at(prm.where("allow-bootp"), "BOOTP denied (deny bootp)");
      }
      if (kind == Reply::Offer) {
        if (auto ms = prm.u32("min-secs")) {
          auto b = prm.bytes("min-secs");
          std::uint32_t v = b && b->size() == 1 ? (*b)[0] : *ms;
          if (s_.secs < v) return none_at(prm.where("min-secs"), fmt::format("secs {} below min-secs {}", s_.secs, v));
        }
      }
      bool limited = false, billed = false;
      for (const auto& mc : classes_) {
        if (!mc.cls->limit) continue;
        limited = true;
        if (mc.cls->limit->limit > 0) billed = true;
      }
      if (limited && !billed) return none("no available billing: every matching class has lease limit 0");
    }

    // Header fields (§8.1, §11.6).
    if (auto ns = prm.ip("next-server")) {
      a_.siaddr = *ns;
      why("siaddr", prm.where("next-server"), "next-server");
    } else if (kind == Reply::Bootp) {
      a_.siaddr = interface_address();
      why("siaddr", "", "BOOTP: the receiving interface address");
    } else {
      why("siaddr", "", "no next-server: 0.0.0.0");
    }
    if (auto f = prm.text("filename")) {
      a_.file = f->substr(0, std::min<std::size_t>(f->find('\0'), 128));
      why("file", prm.where("filename"), "filename (BOOTP file field only, never option 67)");
    }
    if (auto f = prm.text("server-name")) {
      a_.sname = f->substr(0, std::min<std::size_t>(f->find('\0'), 64));
      why("sname", prm.where("server-name"), "server-name (sname field only, never option 66)");
    }

    // Server-added options (§8.2), inserted after the scopes so they follow in hash order.
    SpaceState& dhcp = st.space("dhcp");
    // `reason` must outlive the answer's construction: a literal or a member of the evaluator.
    auto server_set = [&](std::uint32_t code, Bytes v, std::string_view reason) {
      OptVal ov;
      ov.bytes = std::move(v);
      ov.reason = reason;
      dhcp.set(code, std::move(ov));
    };
    if (kind != Reply::Bootp) server_set(53, {static_cast<std::uint8_t>(kind == Reply::Offer ? 2 : 5)}, "message type");
    {
      auto v = dhcp.get(54) ? option_value(c, "dhcp", 54) : std::nullopt;
      if (!(v && v->size() == 4)) server_set(54, interface_address().bytes(), "server identifier: receiving interface address");
    }
    if (kind != Reply::Bootp && !inform) lease_time(prm, c, dhcp, server_set);
    if (inform) {
      dhcp.erase(51);
      dhcp.erase(58);
      dhcp.erase(59);
    }
    if (const Bytes* ss = s_.option(118)) server_set(118, *ss, "subnet-selection echoed");
    if (!dhcp.get(1)) server_set(1, subnet->netmask.bytes(), subnet->netmask_reason);
    if (host && !dhcp.get(12) && prm.flag("use-host-decl-names").value_or(0) == 1)
      server_set(12, Bytes(host->decl->name.begin(), host->decl->name.end()), "use-host-decl-names: host declaration name");
    bool echo_cid = prm.flag("echo-client-id").value_or(0) == 1;
    if (echo_cid)
      if (const Bytes* cid = pv_.find("dhcp", 61)) server_set(61, *cid, "echo-client-id");
    if (lease_ && !dhcp.get(3) && prm.flag("use-lease-addr-for-default-route").value_or(0) == 1)
      server_set(3, lease_->bytes(), "use-lease-addr-for-default-route");

    build_options(c, st, prm, kind, inform, echo_cid);
    return std::move(a_);
  }

  Answer none_at(std::string loc, std::string reason) {
    a_.reply = Reply::None;
    a_.yiaddr.reset();
    a_.pool = {};
    a_.options.clear();
    why("reply", std::move(loc), std::move(reason));
    return std::move(a_);
  }

  template <typename SetFn>
  void lease_time(const Params& prm, Ctx& c, SpaceState& dhcp, SetFn& server_set) {
    std::uint32_t def = prm.u32("default-lease-time").value_or(43200);
    std::string loc = prm.where("default-lease-time");
    std::string& reason = lease_reason_;  // option 51's reason: kept until the answer is built
    reason = prm.stmt("default-lease-time") ? "default-lease-time" : "dhcpd default 43200";
    std::uint32_t t = def;
    if (const Bytes* r = pv_.find("dhcp", 51); r && r->size() == 4) {
      t = read_be(*r, 4);
      loc.clear();
      reason = fmt::format("client asked for {}", t);
    }
    std::uint32_t mx = prm.u32("max-lease-time").value_or(86400);
    if (t > mx) {
      t = mx;
      loc = prm.where("max-lease-time");
      reason = prm.stmt("max-lease-time") ? "capped by max-lease-time" : "capped by dhcpd's default max 86400";
    }
    std::uint32_t mn = std::min<std::uint32_t>(300, mx);
    bool mn_cfg = false;
    if (auto v = prm.u32("min-lease-time")) {
      mn = *v;
      mn_cfg = true;
    }
    if (t < mn) {
      t = mn ? mn : def;
      loc = mn_cfg ? prm.where("min-lease-time") : std::string();
      reason = mn_cfg ? "raised to min-lease-time" : "raised to dhcpd's minimum 300 (min-lease-time default)";
    }
    std::uint32_t wire = t;
    if (t == kInfinite) {
      wire = static_cast<std::uint32_t>(0x7fffffffLL - now_);
      reason += "; infinite is sent as 0x7fffffff - now";
    }
    a_.lease_time = wire;
    why("lease_time", loc, reason);
    server_set(51, be32(wire), reason);
    // T1/T2 only when configured, dropped when not below the lease (§8.2).
    auto t2 = dhcp.get(59) ? option_value(c, "dhcp", 59) : std::nullopt;
    std::optional<std::uint32_t> t2v;
    if (t2 && t2->size() == 4) {
      if (read_be(*t2, 4) >= t) dhcp.erase(59);
      else t2v = read_be(*t2, 4);
    }
    auto t1 = dhcp.get(58) ? option_value(c, "dhcp", 58) : std::nullopt;
    if (t1 && t1->size() == 4 && read_be(*t1, 4) >= (t2v ? *t2v : t)) dhcp.erase(58);
  }

  // §8.3-§8.7: which options, in which order, encoded, fitted into the packet.
  void build_options(Ctx& c, State& st, const Params& prm, Reply kind, bool inform, bool echo_cid) {
    SpaceState& dhcp = st.space("dhcp");
    std::string site = prm.text("site-option-space").value_or("");
    std::uint32_t site_min = 256;
    if (!site.empty()) {
      if (const auto* sp = m_.registry->find_space(site)) {
        std::uint32_t lowest = 255;
        for (const auto& [code, idx] : sp->by_code) lowest = std::min(lowest, code);
        site_min = std::max<std::uint32_t>(128, sp->by_code.empty() ? 224 : lowest);
      } else {
        site.clear();
      }
    }
    std::optional<Bytes> prl;
    if (dhcp.get(55)) {
      if (auto v = option_value(c, "dhcp", 55); v && !v->empty()) {
        prl = v;
        why("option 55", (dhcp.get(55)->stmt ? dhcp.get(55)->stmt->span : Span{}).where_line(),
            "configured parameter request list replaces the client's");
      }
    }
    if (!prl)
      if (const Bytes* p = pv_.find("dhcp", 55); p && !p->empty()) prl = *p;
    std::vector<std::uint32_t> order{53, 54, 51, 58, 59, 56, 50, 92};
    if (prl) {
      if (dhcp.get(118)) order.push_back(118);
      if (echo_cid) order.push_back(61);
      for (std::uint8_t code : *prl)
        if (code != 82) order.push_back(code);
      if (pv_.find("dhcp", 81)) order.push_back(81);
      if (!inform) order.push_back(1);
    } else {
      for (std::uint32_t code : {1u, 3u, 6u, 12u, 81u}) order.push_back(code);
      for (std::uint32_t code : dhcp.hash_order())
        if (site.empty() || code < site_min) order.push_back(code);
      if (!site.empty()) {
        if (const SpaceState* ss = st.find_space(site))
          for (std::uint32_t code : ss->hash_order()) order.push_back(code);
      }
      for (const auto& sp : m_.encapsulated_spaces) order.push_back(m_.carrier.at(sp));
      order.push_back(43);
    }
    // Deduplicate, keeping the first occurrence; then the subnet-mask/routers swap.
    std::vector<std::uint32_t> list;
    list.reserve(order.size());
    std::array<bool, 256> seen{};
    for (std::uint32_t code : order) {
      if (code == 82 || code == 0 || code == 255) continue;
      if (code < 256) {
        if (seen[code]) continue;
        seen[code] = true;
      } else if (std::find(list.begin(), list.end(), code) != list.end()) {
        continue;
      }
      list.push_back(code);
    }
    {
      auto i3 = std::find(list.begin(), list.end(), 3u);
      auto i1 = std::find(list.begin(), list.end(), 1u);
      if (i3 != list.end() && i1 != list.end() && i1 > i3) std::iter_swap(i1, i3);
    }
    // Maximum option area (§8.7).
    std::size_t limit = 312;
    std::optional<std::uint32_t> mms;
    if (const Bytes* m57 = pv_.find("dhcp", 57); m57 && m57->size() == 2) mms = read_be(*m57, 2);
    else if (auto v = dhcp.get(57) ? option_value(c, "dhcp", 57) : std::nullopt; v && v->size() == 2) mms = read_be(*v, 2);
    if (pv_.bootp && !mms) limit = 64;
    else if (mms) limit = *mms < 576 ? 312 : (*mms > 1500 ? 1236 : *mms - 264);
    std::optional<Bytes> agent_bytes;
    if (const Bytes* raw82 = s_.option(82)) agent_bytes = agent_echo(*raw82);
    const Bytes* agent = agent_bytes ? &*agent_bytes : nullptr;
    if (agent) limit = std::min<std::size_t>(1236, limit + agent->size() + 2);
    std::size_t main_room = limit - 4 - 1 - (agent ? agent->size() + 2 : 0);
    std::size_t file_room = a_.file.empty() ? 127 : 0, sname_room = a_.sname.empty() ? 63 : 0;
    bool overloaded = false;
    std::size_t used_main = 0, used_file = 0, used_sname = 0;

    for (std::uint32_t code : list) {
      bool from_site = !site.empty() && code >= site_min;
      std::string_view space = from_site ? std::string_view(site) : std::string_view("dhcp");
      if (!from_site && !site.empty() && code >= site_min) continue;
      auto v = option_value(c, space, code);
      if (!v || v->empty()) {
        if (const SpaceState* ss = st.find_space(space))
          if (const OptVal* ov = ss->get(code); ov && !ov->host_name.empty())
            why(option_field(code), ov->stmt ? ov->stmt->span.where_line() : "",
                fmt::format("not sent: dhcpd resolves the host name '{}' when it builds the reply; the simulator "
                            "predicts a failed lookup (no resolver, as in the lab), which leaves the option out",
                            ov->host_name));
        continue;
      }
      if (kind == Reply::Bootp && (code == 53 || code == 51)) continue;
      std::string_view fmt = m_.format(space, code);
      if (pv_.host_name_nulls && fmt == "t") v->push_back(0);
      std::size_t need = v->size() + 2 * ((v->size() + 254) / 255);
      // Fit: main area, then (overloaded) file and sname fields.
      if (used_main + need <= main_room - (overloaded ? 3 : 0)) {
        used_main += need;
      } else if (!overloaded && used_main + 3 <= main_room && (file_room || sname_room) &&
                 need <= std::max(file_room, sname_room)) {
        overloaded = true;
        if (need <= file_room) used_file += need;
        else used_sname += need;
      } else if (overloaded && used_file + need <= file_room) {
        used_file += need;
      } else if (overloaded && used_sname + need <= sname_room) {
        used_sname += need;
      } else {
        why(option_field(code), "", "dropped: does not fit in the reply");
        continue;
      }
      const OptVal* ov = nullptr;
      if (const SpaceState* ss = st.find_space(space)) ov = ss->get(code);
      a_.options.push_back(AnswerOption{static_cast<std::uint8_t>(code), std::move(*v)});
      if (!o_.full_why) continue;  // the reasons below are not kept in a lean answer
      if (ov && ov->stmt) why(option_field(code), ov->stmt->span.where_line(), option_reason(*ov));
      else if (ov) why(option_field(code), "", option_reason(*ov));
      else why(option_field(code), "", "built from the configured sub-options of its space (no END)");
    }
    if (overloaded) {
      std::uint8_t ov = static_cast<std::uint8_t>((used_file ? 1 : 0) | (used_sname ? 2 : 0));
      a_.options.push_back({52, {ov}});
      why("option 52", "", "options overflow into the file/sname fields");
    }
    if (agent) {
      a_.options.push_back({82, *agent});
      why("option 82", "", *agent == *s_.option(82) ? "relay agent information echoed last"
                                                     : "relay agent information echoed last, as dhcpd re-encodes its sub-options");
    }
  }

  const Model& m_;
  const Scenario& s_;
  const SimOptions& o_;
  PacketView pv_;
  Answer a_;
  std::int64_t now_ = 0;
  std::vector<MatchedClass> classes_;
  std::unordered_map<std::string, Bytes> vars_;
  const Subnet* network_subnet_ = nullptr;
  bool known_ = false;
  const std::vector<Host*>* host_chain_ = nullptr;
  const std::vector<Host*>* uid_chain_ = nullptr;
  const std::vector<Host*>* hw_chain_ = nullptr;
  const std::vector<Host*>* hid_chain_ = nullptr;
  const char* host_by_ = "";
  const Host* fixed_host_ = nullptr;
  const Subnet* fixed_subnet_ = nullptr;
  Ipv4 fixed_addr_;
  Span fixed_span_;
  std::optional<Ipv4> lease_;
  std::string lease_reason_;
};

}  // namespace

IscServer::IscServer(const Config& config, const Resolution* resolution) : model_(std::make_unique<Model>()) {
  model_->config = &config;
  model_->resolution = resolution;
  model_->registry = resolution ? &resolution->registry : &dhcp::OptionRegistry::dhcpd_builtin();
  Builder(*model_).run();
}

IscServer::~IscServer() = default;

Answer IscServer::answer(const Scenario& scenario, const SimOptions& options) const {
  return Evaluator(*model_, scenario, options).run();
}

Answer simulate_isc(const Config& config, const Scenario& scenario, const SimOptions& options, const Resolution* resolution) {
  IscServer server(config, resolution);
  return server.answer(scenario, options);
}

}  // namespace isc2dnsmasq::sim
