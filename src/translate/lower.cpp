// Lowering of the ISC AST to the dnsmasq model: scopes, ranges, hosts, classes, conditions, options, boot.
//
// How precedence is kept (docs/translation.md has the table):
// - every subnet and pool is a "lease scope" with its own range tag; an option written in the
//   scope chain of a lease scope (global, groups, shared-network, subnet, pool) is emitted with
//   that tag (dnsmasq tier 2), in chain order, so dnsmasq's "last matching line wins" picks what
//   dhcpd's "innermost scope wins" picks. Options written only at global level stay untagged
//   (tier 3) or carry only their condition tags.
// - class lines (tier 1) follow in reverse declaration order, then groups of hosts, then hosts.
// - encap:/vendor-space sub-options are not deduplicated by dnsmasq: each line is guarded by
//   the negation of every more specific line for the same sub-option.
// - dhcp-boot has no tiers: lines go in increasing precedence and carry all three fields.
#include "translate/lower.hpp"

#include <algorithm>
#include <deque>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "dnsmasq/read.hpp"
#include "translate/conditions.hpp"
#include "translate/values.hpp"

namespace isc2dnsmasq::translate {

namespace {

using dnsmasq::Origin;
using dnsmasq::TagCond;
using isc::StmtKind;

enum class Level { Global, Group, SharedNetwork, Subnet, Pool, Class, Subclass, Host };

struct Write {
  std::string key;  ///< "opt/N", "encap/E/S", "boot/file", "boot/sname", "boot/next"
  Conj cond;
  const isc::Stmt* stmt = nullptr;
  dnsmasq::OptionSpec spec;
  std::string text;
  std::optional<Ipv4> ip;
  std::optional<std::string> tftp_name;
};

struct Scope {
  Level level = Level::Global;
  const isc::ScopeStmt* decl = nullptr;
  Scope* parent = nullptr;
  int depth = 0;
  std::string tag;
  std::vector<Write> writes;
  std::optional<std::uint32_t> default_lease, max_lease, min_lease;
  std::vector<const isc::RangeStmt*> ranges;
  std::vector<const isc::PermitStmt*> permits;
  bool deny_unknown = false;       ///< subnet/shared-network level deny unknown-clients
  bool mixed_share = false;        ///< shared network with a subnet that has no range of its own
  bool has_hosts = false;          ///< groups: hosts inside
  bool has_networks = false;       ///< groups: subnets/shared networks inside
  bool pool_denied = false;        ///< deny all-clients
  std::optional<Prefix> prefix;    ///< subnet
  bool use_host_decl_names = false;
  std::optional<bool> host_decl_names_set;
  // classes
  Conj match_if;
  bool has_match_if = false;
  const isc::Expr* match_data = nullptr;
  bool class_ok = true;
  std::vector<Scope*> subclasses;
  // hosts
  std::vector<HwAddr> macs;
  std::vector<Ipv4> addresses;
  std::optional<Bytes> client_id;
  bool ignore = false;
  std::optional<std::uint32_t> host_lease;
};

/// Whether `scope` lies in a shared network with a subnet that has no range of its own.
bool in_mixed_share(const Scope& scope) {
  for (const Scope* p = &scope; p; p = p->parent)
    if (p->level == Level::SharedNetwork) return p->mixed_share;
  return false;
}

std::string describe(const isc::Stmt& s) {
  using K = StmtKind;
  switch (s.kind) {
    case K::Group: return "group";
    case K::SharedNetwork: return "shared-network " + s.as<isc::SharedNetworkDecl>()->name;
    case K::Subnet: {
      auto* n = s.as<isc::SubnetDecl>();
      return fmt::format("subnet {} netmask {}", n->network, n->netmask);
    }
    case K::Pool: return "pool";
    case K::Host: return "host " + s.as<isc::HostDecl>()->name;
    case K::Class: return "class \"" + s.as<isc::ClassDecl>()->name + "\"";
    case K::Subclass: return "subclass \"" + s.as<isc::SubclassDecl>()->class_name + "\"";
    case K::Option: {
      auto* o = s.as<isc::OptionStmt>();
      std::string n = o->option.space.empty() ? o->option.name : o->option.space + "." + o->option.name;
      return std::string(isc::option_verb_name(o->verb)) + " " + n;
    }
    case K::Param: {
      auto* p = s.as<isc::ParamStmt>();
      return p->keyword.empty() ? p->name : p->keyword + " " + p->name;
    }
    case K::Permit: {
      auto* p = s.as<isc::PermitStmt>();
      return std::string(p->allow ? "allow" : "deny") + " (pool permit)";
    }
    default: return isc::stmt_kind_name(s.kind);
  }
}

std::string values_text(const isc::ValueTokens& v) {
  std::string out;
  for (const auto& t : v) {
    if (t.kind == isc::ValueKind::Comma) {
      out += ",";
      continue;
    }
    if (!out.empty() && out.back() != ',') out += ' ';
    out += t.text;
  }
  return out;
}

std::optional<std::uint32_t> parse_u32(const std::string& s) {
  if (s == "infinite" || s == "-1") return dnsmasq::kInfiniteLease;  // dhcpd stores -1 as 0xffffffff
  if (s.empty() || s.size() > 10) return std::nullopt;
  std::uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (v > 0xffffffffULL) return std::nullopt;
  return static_cast<std::uint32_t>(v);
}

bool legal_hostname(const std::string& n) {
  if (n.empty() || n.size() > 63) return false;
  for (char c : n) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok) return false;
  }
  return n.front() != '-' && n.back() != '-';
}

/// The statements already accounted: an open-addressing set of pointers (one probe array instead
/// of a node per statement; configs have hundreds of thousands of statements).
class StmtSet {
public:
  void reserve(std::size_t n) {
    std::size_t cap = 16;
    while (cap < 2 * n) cap *= 2;
    if (cap > slots_.size()) rehash(cap);
  }
  /// True when `s` was not in the set yet.
  bool insert(const isc::Stmt* s) {
    if (2 * (size_ + 1) > slots_.size()) rehash(slots_.empty() ? 16 : slots_.size() * 2);
    std::size_t i = find_slot(s);
    if (slots_[i] == s) return false;
    slots_[i] = s;
    ++size_;
    return true;
  }
  bool contains(const isc::Stmt* s) const { return !slots_.empty() && slots_[find_slot(s)] == s; }

private:
  std::size_t find_slot(const isc::Stmt* s) const {
    std::size_t mask = slots_.size() - 1;
    auto h = static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(s)) * 0x9E3779B97F4A7C15ULL;
    std::size_t i = static_cast<std::size_t>(h >> shift_) & mask;  // high bits: well mixed
    while (slots_[i] && slots_[i] != s) i = (i + 1) & mask;
    return i;
  }
  void rehash(std::size_t cap) {
    std::vector<const isc::Stmt*> old = std::move(slots_);
    slots_.assign(cap, nullptr);
    shift_ = 64;
    for (std::size_t c = cap; c > 1; c >>= 1) --shift_;
    for (const isc::Stmt* p : old) {
      if (p) slots_[find_slot(p)] = p;
    }
  }
  std::vector<const isc::Stmt*> slots_;
  std::size_t size_ = 0;
  int shift_ = 60;
};

class Lowerer {
public:
  Lowerer(const isc::Config& config, const isc::Resolution& res, const LowerOptions& opts, DiagnosticSink& sink)
      : config_(config), res_(res), opts_(opts), sink_(sink),
        cc_(model_, namer_, res, [this](const std::string& n) { return class_tag(n); }) {}

  LowerResult run();

private:
  // accounting
  void account(const isc::Stmt& s, Outcome o, std::string code, std::string message = {}, std::string advice = {});
  void exact(const isc::Stmt& s, std::string code) { account(s, Outcome::Exact, std::move(code)); }
  /// An exact statement's account until the end of the run: its report entry is written then
  /// (or not at all when LowerOptions::report_exact is off), so that a 100,000-host config does
  /// not hold 400,000 entries with four strings each.
  struct ExactMark {
    const isc::Stmt* stmt;  ///< nullptr once turned into an approximate entry
    std::uint32_t code;     ///< index in codes_
  };
  /// The exact mark of `s`, or nullptr when `s` is not accounted exact.
  ExactMark* exact_mark(const isc::Stmt& s);
  /// Turns an exact statement into an approximate one (a report entry and a warning).
  void make_approximate(ExactMark& m, std::string code, std::string message);
  void untranslatable(const isc::Stmt& s, std::string code, std::string why, std::string advice = {}) {
    account(s, Outcome::Untranslatable, std::move(code), std::move(why), std::move(advice));
  }
  void account_tree(const isc::Body& body, Outcome o, const std::string& code, const std::string& why,
                    const std::string& advice);
  Origin origin(const isc::Stmt& s) const {
    Origin o;
    o.span = s.span;
    o.provenance = opts_.provenance;
    return o;
  }

  // walking
  Scope* new_scope(Level level, const isc::ScopeStmt* decl, Scope* parent);
  void walk_body(const isc::Body& body, Scope& scope, const Conj& cond);
  void walk_stmt(const isc::Stmt& s, Scope& scope, const Conj& cond);
  void on_scope(const isc::ScopeStmt& s, Scope& scope, const Conj& cond);
  void on_option(const isc::OptionStmt& o, Scope& scope, const Conj& cond);
  void on_param(const isc::ParamStmt& p, Scope& scope, const Conj& cond);
  void on_if(const isc::IfStmt& s, Scope& scope, const Conj& cond);
  void on_class_match(const isc::MatchStmt& m, Scope& scope);
  void on_subclass(const isc::SubclassDecl& s, Scope& scope);
  void on_permit(const isc::PermitStmt& p, Scope& scope);
  std::optional<std::string> class_tag(const std::string& name) const {
    auto it = classes_by_name_.find(name);
    if (it == classes_by_name_.end()) return std::nullopt;
    return it->second->tag;
  }

  // emitting
  std::vector<Scope*> chain(Scope* s) const;
  bool on_lease_chain(const Scope& s) const;
  void emit_ranges();
  void emit_hosts();
  void emit_options();
  void emit_encap();
  void emit_boot();
  void boot_as_options();
  void push_option(std::vector<dnsmasq::DhcpOption>& out, const Write& w, const Conj& extra);
  std::uint32_t lease_for(Scope* ls) const;

  const isc::Config& config_;
  const isc::Resolution& res_;
  const LowerOptions& opts_;
  DiagnosticSink& sink_;
  dnsmasq::Model model_;
  Report report_;
  TagNamer namer_;
  ConditionCompiler cc_;
  std::deque<Scope> scopes_;
  Scope* global_ = nullptr;
  std::vector<Scope*> lease_scopes_;  ///< subnets and pools, in source order
  std::vector<Scope*> classes_;       ///< in declaration order
  std::vector<Scope*> hosts_;
  std::unordered_map<std::string, Scope*> classes_by_name_;
  StmtSet accounted_;
  std::vector<ExactMark> exact_;
  std::unordered_map<std::string, std::uint32_t> code_ids_;
  std::vector<const std::string*> codes_;  ///< code_ids_ keys by id
  std::unordered_map<const isc::Stmt*, std::size_t> exact_index_;
  std::size_t indexed_ = 0;  ///< exact_ marks in exact_index_
  std::set<std::string> vendor_spaces_;
  std::set<std::string> site_spaces_;  ///< global site-option-space: sent as top-level options
  bool vendor_space_scoped_ = false;
  bool boot_written_ = false;
};

void Lowerer::account(const isc::Stmt& s, Outcome o, std::string code, std::string message, std::string advice) {
  if (!accounted_.insert(&s)) return;
  if (o == Outcome::Exact) {
    // Most statements are exact: a pointer and a code number now, the entry text at the end.
    auto [it, fresh] = code_ids_.try_emplace(std::move(code), static_cast<std::uint32_t>(codes_.size()));
    if (fresh) codes_.push_back(&it->first);
    exact_.push_back({&s, it->second});
    return;
  }
  ReportEntry& e = report_.entries.emplace_back();
  e.span = s.span;
  e.statement = describe(s);
  e.outcome = o;
  std::string msg = o == Outcome::Approximate
                        ? fmt::format("'{}' is translated approximately: {}", e.statement, message)
                        : fmt::format("'{}' has no dnsmasq equivalent: {}", e.statement, message);
  if (!advice.empty()) msg += "; " + advice;
  sink_.add(Severity::Warning, s.span, msg, code);
  e.code = std::move(code);
  e.message = std::move(message);
  e.advice = std::move(advice);
}

void Lowerer::make_approximate(ExactMark& m, std::string code, std::string message) {
  const isc::Stmt& s = *m.stmt;
  m.stmt = nullptr;  // the mark gives way to a full entry
  ReportEntry& e = report_.entries.emplace_back();
  e.span = s.span;
  e.statement = describe(s);
  e.outcome = Outcome::Approximate;
  e.code = std::move(code);
  e.message = std::move(message);
  sink_.add(Severity::Warning, s.span, fmt::format("'{}' is translated approximately: {}", e.statement, e.message), e.code);
}

Lowerer::ExactMark* Lowerer::exact_mark(const isc::Stmt& s) {
  // Built on first use (merged hosts are rare) and extended with marks made since.
  for (; indexed_ < exact_.size(); ++indexed_)
    if (exact_[indexed_].stmt) exact_index_.emplace(exact_[indexed_].stmt, indexed_);
  auto it = exact_index_.find(&s);
  if (it == exact_index_.end() || exact_[it->second].stmt != &s) return nullptr;
  return &exact_[it->second];
}

void Lowerer::account_tree(const isc::Body& body, Outcome o, const std::string& code, const std::string& why,
                           const std::string& advice) {
  isc::for_each_stmt(body, [&](const isc::Stmt& s, int) { account(s, o, code, why, advice); });
}

Scope* Lowerer::new_scope(Level level, const isc::ScopeStmt* decl, Scope* parent) {
  scopes_.emplace_back();
  Scope* s = &scopes_.back();
  s->level = level;
  s->decl = decl;
  s->parent = parent;
  s->depth = parent ? parent->depth + 1 : 0;
  if (parent) {
    s->use_host_decl_names = parent->use_host_decl_names;
  }
  return s;
}

LowerResult Lowerer::run() {
  std::size_t statements = 0;
  isc::for_each_stmt(config_.body, [&](const isc::Stmt&, int) { ++statements; });
  accounted_.reserve(statements);
  exact_.reserve(statements);
  global_ = new_scope(Level::Global, nullptr, nullptr);
  walk_body(config_.body, *global_, Conj{});
  // Safety net: a statement kind this lowering does not know is reported, never dropped.
  isc::for_each_stmt(config_.body, [&](const isc::Stmt& s, int) {
    if (!accounted_.contains(&s)) {
      untranslatable(s, "untranslatable/statement", fmt::format("'{}' is not translated", isc::stmt_kind_name(s.kind)));
    }
  });
  emit_ranges();
  emit_hosts();
  boot_as_options();
  emit_options();
  emit_encap();
  emit_boot();
  if (opts_.report_exact) {
    report_.entries.reserve(report_.entries.size() + exact_.size());
    for (const ExactMark& m : exact_) {
      if (!m.stmt) continue;
      ReportEntry& e = report_.entries.emplace_back();
      e.span = m.stmt->span;
      e.statement = describe(*m.stmt);
      e.code = *codes_[m.code];
    }
  } else {
    for (const ExactMark& m : exact_) report_.exact_omitted += m.stmt != nullptr;
  }
  report_.sort();
  return LowerResult{std::move(model_), std::move(report_)};
}

void Lowerer::walk_body(const isc::Body& body, Scope& scope, const Conj& cond) {
  for (const auto& s : body) walk_stmt(*s, scope, cond);
}

void Lowerer::walk_stmt(const isc::Stmt& s, Scope& scope, const Conj& cond) {
  using K = StmtKind;
  if (auto* sc = s.as<isc::ScopeStmt>()) {
    if (s.kind == K::Subclass) {
      on_subclass(*s.as<isc::SubclassDecl>(), scope);
    } else {
      on_scope(*sc, scope, cond);
    }
    return;
  }
  switch (s.kind) {
    case K::Option: on_option(*s.as<isc::OptionStmt>(), scope, cond); return;
    case K::Param: on_param(*s.as<isc::ParamStmt>(), scope, cond); return;
    case K::If: on_if(*s.as<isc::IfStmt>(), scope, cond); return;
    case K::OptionSpace:
    case K::OptionDef: exact(s, "exact/option-definition"); return;
    case K::Range:
      if (scope.level == Level::Subnet || scope.level == Level::Pool) {
        scope.ranges.push_back(s.as<isc::RangeStmt>());
        if (s.as<isc::RangeStmt>()->dynamic_bootp) {
          account(s, Outcome::Approximate, "approx/dynamic-bootp",
                  "dnsmasq gives BOOTP clients dynamic addresses from every range (bootp-dynamic), not only from "
                  "'dynamic-bootp' ranges, and with its own lease rules");
        } else if (in_mixed_share(scope)) {
          account(s, Outcome::Approximate, "approx/shared-network-range",
                  "dhcpd offers this range to clients on every subnet of its shared network; dnsmasq only to "
                  "clients on the range's own subnet, so a client on a subnet without a range gets no address");
        } else {
          exact(s, "exact/range");
        }
      } else {
        untranslatable(s, "untranslatable/range-outside-subnet", "a range outside a subnet or pool is not served");
      }
      return;
    case K::Permit: on_permit(*s.as<isc::PermitStmt>(), scope); return;
    case K::Hardware:
      if (scope.level == Level::Host) {
        scope.macs.push_back(s.as<isc::HardwareStmt>()->address);
        exact(s, "exact/host-identity");
      } else {
        untranslatable(s, "untranslatable/statement", "'hardware' outside a host");
      }
      return;
    case K::FixedAddress:
      if (scope.level == Level::Host) {
        bool names = false;
        for (const auto& a : s.as<isc::FixedAddressStmt>()->addresses) {
          if (a.hostname.empty()) {
            scope.addresses.push_back(a.ip);
          } else {
            names = true;
          }
        }
        if (names) {
          untranslatable(s, "untranslatable/fixed-address-name",
                         "dhcpd resolves the host name with DNS at start-up; dnsmasq's dhcp-host takes an address",
                         "write the address instead of the name");
        } else {
          exact(s, "exact/host-address");
        }
      } else {
        untranslatable(s, "untranslatable/statement", "'fixed-address' outside a host");
      }
      return;
    case K::Match: on_class_match(*s.as<isc::MatchStmt>(), scope); return;
    case K::LeaseLimit:
      untranslatable(s, "untranslatable/lease-limit", "dnsmasq cannot limit the number of leases per class",
                     "dhcp-lease-max limits leases for the whole server");
      return;
    case K::FailoverPeer:
      untranslatable(s, "untranslatable/failover", "dnsmasq has no DHCP failover protocol",
                     "run one dnsmasq per network, or split the ranges between two servers and keep dhcp-host "
                     "lines identical on both");
      return;
    case K::Key:
    case K::Zone:
      untranslatable(s, "untranslatable/ddns", "dnsmasq does not send DNS updates",
                     "dnsmasq answers DNS for its DHCP clients itself: set domain=ZONE (and expand-hosts), and "
                     "delegate or forward ZONE to dnsmasq");
      return;
    case K::Log:
      untranslatable(s, "untranslatable/log", "dnsmasq has no per-packet log expressions",
                     "log-dhcp logs every DHCP transaction; dhcp-script can log lease events");
      return;
    case K::Execute:
      untranslatable(s, "untranslatable/execute", "dnsmasq cannot run commands from the config",
                     "dhcp-script=PATH runs a script on lease add/old/del events");
      return;
    case K::On: {
      auto* on = s.as<isc::OnStmt>();
      untranslatable(s, "untranslatable/on-event", "dnsmasq has no lease event handlers in its config",
                     "dhcp-script=PATH runs a script on lease add/old/del events");
      account_tree(on->body, Outcome::Untranslatable, "untranslatable/on-event", "part of an 'on' handler",
                   "dhcp-script=PATH runs a script on lease events");
      return;
    }
    case K::Switch: {
      auto* sw = s.as<isc::SwitchStmt>();
      untranslatable(s, "untranslatable/switch", "switch statements are not translated",
                     "rewrite as if/elsif on the same expression");
      account_tree(sw->body, Outcome::Untranslatable, "untranslatable/switch", "inside an untranslated switch",
                   "rewrite as if/elsif");
      return;
    }
    case K::Define: {
      auto* d = s.as<isc::DefineStmt>();
      untranslatable(s, "untranslatable/expression-statement", "dnsmasq has no variables or functions");
      account_tree(d->body, Outcome::Untranslatable, "untranslatable/expression-statement", "inside a define", "");
      return;
    }
    case K::Set:
    case K::Unset:
    case K::Eval:
    case K::Return:
    case K::Break:
      untranslatable(s, "untranslatable/expression-statement", "dnsmasq has no variables or statements");
      return;
    case K::Add:
      untranslatable(s, "untranslatable/add-class", "dnsmasq cannot add a client to a class from a statement",
                     "use the condition around 'add' as the class's 'match if'");
      return;
    case K::ParseVendorOption:
      untranslatable(s, "untranslatable/expression-statement", "dnsmasq does not decode option 43 for conditions");
      return;
    default:
      untranslatable(s, "untranslatable/statement", fmt::format("'{}' is not translated", isc::stmt_kind_name(s.kind)));
      return;
  }
}

void Lowerer::on_scope(const isc::ScopeStmt& s, Scope& parent, const Conj& cond) {
  using K = StmtKind;
  if (!cond.always()) {
    untranslatable(s, "untranslatable/statement", "declaration inside a conditional");
    account_tree(s.body, Outcome::Untranslatable, "untranslatable/statement", "inside a conditional declaration", "");
    return;
  }
  Scope* sc = nullptr;
  switch (s.kind) {
    case K::Group: {
      sc = new_scope(Level::Group, &s, &parent);
      exact(s, "exact/scope");
      walk_body(s.body, *sc, Conj{});
      for (Scope* p = &parent; p && p->level == Level::Group; p = p->parent) {
        p->has_hosts |= sc->has_hosts;
        p->has_networks |= sc->has_networks;
      }
      return;
    }
    case K::SharedNetwork: {
      sc = new_scope(Level::SharedNetwork, &s, &parent);
      for (Scope* p = &parent; p && p->level == Level::Group; p = p->parent) p->has_networks = true;
      // dhcpd offers a client on any subnet of the shared network an address from any of its
      // ranges; dnsmasq only from ranges on the subnet the request arrives on (its shared-network=
      // option is not emitted).
      // A subnet is served when a range lies in it: its own, or one of a pool of the shared network.
      std::vector<Ipv4> share_pool_lows;
      for (const auto& st : s.body) {
        if (st->kind != K::Pool) continue;
        isc::for_each_stmt(st->as<isc::ScopeStmt>()->body, [&](const isc::Stmt& x, int) {
          if (const auto* r = x.as<isc::RangeStmt>()) share_pool_lows.push_back(r->low);
        });
      }
      bool bare = false, ranged = !share_pool_lows.empty();
      for (const auto& st : s.body) {
        const auto* sub = st->as<isc::SubnetDecl>();
        if (!sub) continue;
        bool has_range = false;
        isc::for_each_stmt(sub->body, [&](const isc::Stmt& x, int) {
          if (x.kind == K::Range) has_range = true;
        });
        for (Ipv4 low : share_pool_lows)
          if ((low.value & sub->netmask.value) == sub->network.value) has_range = true;
        if (has_range) ranged = true;
        else bare = true;
      }
      sc->mixed_share = bare && ranged;
      exact(s, "exact/scope");
      walk_body(s.body, *sc, Conj{});
      return;
    }
    case K::Subnet: {
      auto* d = s.as<isc::SubnetDecl>();
      sc = new_scope(Level::Subnet, &s, &parent);
      for (Scope* p = &parent; p && p->level == Level::Group; p = p->parent) p->has_networks = true;
      sc->prefix = d->prefix();
      sc->tag = namer_.unique("net-" + d->network.str());
      if (!sc->prefix) {
        untranslatable(s, "untranslatable/netmask", "the netmask is not contiguous");
        account_tree(s.body, Outcome::Untranslatable, "untranslatable/netmask", "inside a subnet with a bad netmask", "");
        return;
      }
      lease_scopes_.push_back(sc);
      exact(s, "exact/subnet");
      walk_body(s.body, *sc, Conj{});
      return;
    }
    case K::Pool: {
      sc = new_scope(Level::Pool, &s, &parent);
      std::string base = parent.level == Level::Subnet ? parent.tag + "-pool" : "pool";
      sc->tag = namer_.unique(base);
      lease_scopes_.push_back(sc);
      exact(s, "exact/pool");
      walk_body(s.body, *sc, Conj{});
      return;
    }
    case K::Host: {
      auto* h = s.as<isc::HostDecl>();
      sc = new_scope(Level::Host, &s, &parent);
      for (Scope* p = &parent; p && p->level == Level::Group; p = p->parent) p->has_hosts = true;
      hosts_.push_back(sc);
      walk_body(s.body, *sc, Conj{});
      if (sc->macs.empty() && !sc->client_id) {
        untranslatable(s, "untranslatable/host-without-identifier",
                       "the host has no hardware address or client identifier dnsmasq can match",
                       "add 'hardware ethernet' or 'option dhcp-client-identifier'");
      } else if (sc->use_host_decl_names && h->name.find('.') != std::string::npos) {
        account(s, Outcome::Approximate, "approx/host-name-domain",
                fmt::format("dhcpd sends the whole declared name '{}' as host-name (12); dnsmasq sends only '{}' and "
                            "keeps the domain for its DNS",
                            h->name, h->name.substr(0, h->name.find('.'))));
      } else {
        exact(s, "exact/host");
      }
      (void)h;
      return;
    }
    case K::Class: {
      auto* c = s.as<isc::ClassDecl>();
      sc = new_scope(Level::Class, &s, &parent);
      sc->tag = namer_.unique("class-" + c->name);
      classes_.push_back(sc);
      classes_by_name_[c->name] = sc;
      walk_body(s.body, *sc, Conj{});
      // The class's own tag: `match if` alone sets it; with `match DATA` only subclasses set it.
      if (sc->has_match_if && !sc->match_data && !sc->match_if.never) {
        model_.tag_ifs.push_back(dnsmasq::TagIf{origin(s), {sc->tag}, sc->match_if.tags});
      }
      if (c->type != isc::ClassType::Class) {
        untranslatable(s, "untranslatable/legacy-class", "vendor-class/user-class declarations are obsolete in dhcpd");
      } else if (sc->class_ok) {
        exact(s, "exact/class");
      } else {
        untranslatable(s, "untranslatable/class", "the class's match expression cannot be expressed in dnsmasq",
                       "rewrite the match with option tests dnsmasq supports (see docs/translation.md)");
      }
      return;
    }
    default: break;
  }
  untranslatable(s, "untranslatable/statement", "unknown scope");
}

void Lowerer::on_class_match(const isc::MatchStmt& m, Scope& scope) {
  if (scope.level != Level::Class || !m.expr) {
    untranslatable(m, "untranslatable/statement", "'match' outside a class");
    return;
  }
  switch (m.form) {
    case isc::MatchStmt::Form::If: {
      Compiled c = cc_.compile(*m.expr, origin(m), true);
      scope.has_match_if = true;
      scope.match_if = c.conj;
      if (c.outcome == Outcome::Untranslatable) scope.class_ok = false;
      if (c.outcome == Outcome::Exact) {
        exact(m, "exact/class-match");
      } else {
        account(m, c.outcome, c.code, c.message);
      }
      return;
    }
    case isc::MatchStmt::Form::Data:
      scope.match_data = m.expr.get();
      exact(m, "exact/class-match");
      return;
    case isc::MatchStmt::Form::Spawn: {
      scope.match_data = m.expr.get();
      // Spawned subclasses only matter for lease limits: membership is "the data exists".
      const isc::Expr& e = *m.expr;
      if (e.op == isc::ExprOp::Option && e.option) {
        isc::Expr ex;
        ex.op = isc::ExprOp::Exists;
        ex.span = e.span;
        ex.option = std::make_unique<isc::OptionRef>(*e.option);
        Compiled c = cc_.compile(ex, origin(m), true);
        scope.has_match_if = true;
        scope.match_if.add(c.conj);
        scope.match_data = nullptr;
        account(m, Outcome::Approximate, "approx/spawn-class",
                "dnsmasq puts every client that sends the option into the class; dhcpd spawns one subclass per "
                "value, which only matters for 'lease limit'");
        if (c.outcome == Outcome::Untranslatable) scope.class_ok = false;
      } else {
        scope.class_ok = false;
        untranslatable(m, "untranslatable/spawn-class", "spawn with a computed value");
      }
      return;
    }
  }
}

void Lowerer::on_subclass(const isc::SubclassDecl& s, Scope& parent) {
  auto it = classes_by_name_.find(s.class_name);
  if (it == classes_by_name_.end() || !s.value) {
    untranslatable(s, "untranslatable/class", fmt::format("no class '{}' declared before", s.class_name));
    account_tree(s.body, Outcome::Untranslatable, "untranslatable/class", "inside an untranslated subclass", "");
    return;
  }
  Scope* cls = it->second;
  Scope* sc = new_scope(Level::Subclass, &s, &parent);
  cls->subclasses.push_back(sc);
  if (!cls->match_data) {
    untranslatable(s, "untranslatable/class", fmt::format("class '{}' has no 'match' expression", s.class_name));
    account_tree(s.body, Outcome::Untranslatable, "untranslatable/class", "inside an untranslated subclass", "");
    return;
  }
  isc::Expr eq;
  eq.op = isc::ExprOp::Equal;
  eq.span = s.span;
  // The comparison borrows both expressions; ownership stays with the AST.
  eq.args.emplace_back(const_cast<isc::Expr*>(cls->match_data));
  eq.args.emplace_back(s.value.get());
  Compiled c = cc_.compile(eq, origin(s), true);
  eq.args[0].release();
  eq.args[1].release();
  Conj conj = cls->match_if;
  conj.add(c.conj);
  std::string hint = cls->tag + "-" + (is_plain_text(s.value->data) ? std::string(s.value->data.begin(), s.value->data.end())
                                                                     : to_hex(s.value->data));
  if (s.has_body && !s.body.empty()) {
    sc->tag = namer_.unique(hint);
    if (!conj.never) {
      model_.tag_ifs.push_back(dnsmasq::TagIf{origin(s), {sc->tag}, conj.tags});
      model_.tag_ifs.push_back(dnsmasq::TagIf{origin(s), {cls->tag}, {TagCond{sc->tag, false}}});
    }
  } else if (!conj.never) {
    model_.tag_ifs.push_back(dnsmasq::TagIf{origin(s), {cls->tag}, conj.tags});
  }
  if (c.outcome == Outcome::Exact) {
    exact(s, "exact/subclass");
  } else {
    account(s, c.outcome, c.code, c.message);
  }
  walk_body(s.body, *sc, Conj{});
}

void Lowerer::on_permit(const isc::PermitStmt& p, Scope& scope) {
  using W = isc::PermitStmt::What;
  if (scope.level != Level::Pool) {
    untranslatable(p, "untranslatable/statement", "permit outside a pool");
    return;
  }
  switch (p.what) {
    case W::UnknownClients:
    case W::KnownClients:
    case W::AllClients:
    case W::DynamicBootpClients:
      scope.permits.push_back(&p);
      if (p.what == W::AllClients && !p.allow) scope.pool_denied = true;
      if (p.what == W::DynamicBootpClients) {
        account(p, Outcome::Approximate, "approx/dynamic-bootp",
                "dnsmasq decides BOOTP address allocation globally (bootp-dynamic), not per pool");
      } else {
        exact(p, "exact/permit");
      }
      return;
    case W::MembersOf:
      scope.permits.push_back(&p);
      if (!classes_by_name_.count(p.class_name)) {
        untranslatable(p, "untranslatable/permit", fmt::format("no class '{}' declared before", p.class_name));
      } else {
        exact(p, "exact/permit");
      }
      return;
    default:
      untranslatable(p, "untranslatable/permit", "dnsmasq has no authenticated-client or date permits",
                     "remove the permit or split the pool by class");
      return;
  }
}

void Lowerer::on_if(const isc::IfStmt& s, Scope& scope, const Conj& cond) {
  // Compile every condition first: when one cannot be expressed, nothing of the if is emitted.
  std::vector<Conj> branch_conds;
  Conj none_before;  // conjunction of "no earlier branch held"
  Compiled worst;
  for (std::size_t i = 0; i < s.branches.size(); ++i) {
    const auto& b = s.branches[i];
    Conj branch = cond;
    branch.add(none_before);
    if (b.condition) {
      Origin o = origin(s);
      Compiled c = cc_.compile(*b.condition, o);
      if (c.outcome == Outcome::Untranslatable) {
        worst = c;
        break;
      }
      if (c.outcome == Outcome::Approximate) worst = c;
      branch.add(c.conj);
      // Several literals get one tag so later branches can negate it.
      if (i + 1 < s.branches.size()) {
        none_before.add(cc_.negate(c.conj, o, fmt::format("if-{}", b.span.valid() ? b.span.line() : s.span.line())));
      }
    }
    branch_conds.push_back(branch);
  }
  if (worst.outcome == Outcome::Untranslatable) {
    untranslatable(s, worst.code, worst.message, "rewrite the condition with option tests dnsmasq supports");
    for (const auto& b : s.branches) {
      account_tree(b.body, Outcome::Untranslatable, worst.code, "inside an untranslated condition", "");
    }
    return;
  }
  for (std::size_t i = 0; i < s.branches.size(); ++i) walk_body(s.branches[i].body, scope, branch_conds[i]);
  if (worst.outcome == Outcome::Approximate) {
    account(s, Outcome::Approximate, worst.code, worst.message);
  } else {
    exact(s, "exact/condition");
  }
}

void Lowerer::on_option(const isc::OptionStmt& o, Scope& scope, const Conj& cond) {
  if (cond.never) {
    exact(o, "exact/never");
    return;
  }
  if (o.verb == isc::OptionVerb::Append || o.verb == isc::OptionVerb::Prepend) {
    untranslatable(o, "untranslatable/append-option", "dnsmasq cannot add to an option value set in another scope",
                   "write the complete value in the scope that needs it");
    return;
  }
  if (o.expr || !o.resolved) {
    std::string advice;
    if (o.option.name == "dhcp-parameter-request-list") {
      advice = "use dhcp-option-force for the options the client must receive";
    } else {
      advice = "compute the value in advance and write it as a constant";
    }
    untranslatable(o, "untranslatable/data-expression", "the option value is computed per client", advice);
    return;
  }
  const std::string& space = o.option.resolved_space;
  int code = o.option.code;
  // Host identity.
  if (scope.level == Level::Host && space == "dhcp" && code == 61 && cond.always()) {
    scope.client_id = o.encoded;
    exact(o, "exact/host-identity");
    return;
  }
  if (o.encoded.empty()) {
    exact(o, "exact/empty-option");  // dhcpd never sends a zero-length value
    return;
  }
  OptionTarget target;
  if (space == "dhcp") {
    if (code == 54) {
      untranslatable(o, "untranslatable/server-identifier",
                     "dnsmasq always sends its own address as the server identifier; a dhcp-option=54 would be sent "
                     "as a second copy",
                     "run dnsmasq on the address clients should see (listen-address=), or dhcp-proxy for relays");
      return;
    }
    if (code == 51) {
      untranslatable(o, "untranslatable/lease-time-option", "set lease times with default-lease-time",
                     "use the lease field of dhcp-range or dhcp-host");
      return;
    }
    target.code = code;
  } else if (auto outer = cc_.encapsulating_code(space)) {
    target.space = dnsmasq::OptionSpace::Encap;
    target.encap = *outer;
    target.code = code;
  } else if (site_spaces_.count(space)) {
    target.code = code;
  } else if (vendor_spaces_.count(space)) {
    target.space = dnsmasq::OptionSpace::Encap;
    target.encap = 43;
    target.code = code;
  } else if (space == "server" || space == "agent") {
    untranslatable(o, "untranslatable/option-space", fmt::format("options of space '{}' are not sent by dnsmasq", space));
    return;
  } else {
    exact(o, "exact/unsent-option");  // a space no option encapsulates: dhcpd never sends it
    return;
  }
  if (auto hn = res_.host_names.find(&o); hn != res_.host_names.end() && !hn->second.empty()) {
    untranslatable(o, "untranslatable/option-host-name",
                   fmt::format("dhcpd looks up '{}' in DNS when it sends the option; dnsmasq needs addresses",
                               hn->second.front().name),
                   "write the addresses instead of the names");
    return;
  }
  std::string why;
  auto spec = make_option_spec(target, o.option.format, o.encoded, why);
  if (!spec) {
    untranslatable(o, "untranslatable/option-encoding", why, "send the option as colon hex if dnsmasq accepts that");
    return;
  }
  Write& w = scope.writes.emplace_back();
  if (target.space == dnsmasq::OptionSpace::Plain) {
    w.key = "opt/";
    w.key += std::to_string(code);
  } else {
    w.key = fmt::format("encap/{}/{}", target.encap, code);
  }
  w.cond = cond;
  w.stmt = &o;
  w.spec = std::move(*spec);
  if (!why.empty()) {
    account(o, Outcome::Approximate, "approx/domain-list-compression",
            "dnsmasq compresses the name list differently: the same names, other bytes on the wire");
  } else if (target.space == dnsmasq::OptionSpace::Plain && (code == 66 || code == 67)) {
    account(o, Outcome::Approximate, "approx/boot-option-field",
            fmt::format("a client that does not request option {} gets the value in the BOOTP {} field from dnsmasq; "
                        "dhcpd does not send it at all (write 'filename'/'server-name' for the field)",
                        code, code == 67 ? "file" : "sname"));
  } else if (o.verb == isc::OptionVerb::Default) {
    account(o, Outcome::Approximate, "approx/default-option",
            "dhcpd keeps a value set by an outer scope over a 'default' in an inner one; dnsmasq uses the inner one");
  } else if (scope.level == Level::Class && scope.decl && scope.decl->kind == StmtKind::Class && scope.parent &&
             scope.parent->level != Level::Global) {
    account(o, Outcome::Approximate, "approx/scoped-class",
            "dhcpd re-applies the scopes around a class declared inside a group or subnet; they are not re-applied");
  } else {
    exact(o, target.space == dnsmasq::OptionSpace::Plain ? "exact/option" : "exact/encap-option");
  }
}

void Lowerer::on_param(const isc::ParamStmt& p, Scope& scope, const Conj& cond) {
  const std::string& n = p.name;
  std::string value = values_text(p.values);
  bool global = scope.level == Level::Global;
  auto first_token = [&]() -> std::string { return p.values.empty() ? std::string() : p.values.front().text; };
  auto bool_value = [&]() -> std::optional<bool> {
    std::string v = first_token();
    if (p.keyword == "deny" || p.keyword == "ignore") return false;
    if (p.keyword == "allow") return true;
    if (v == "true" || v == "on" || v.empty()) return true;
    if (v == "false" || v == "off" || v == "ignore") return false;
    return std::nullopt;
  };
  if (p.expr) {
    untranslatable(p, "untranslatable/data-expression", "the parameter is computed per client",
                   "compute the value in advance and write it as a constant");
    return;
  }
  // Boot fields.
  if (n == "filename" || n == "server-name" || n == "next-server") {
    if (cond.never) {
      exact(p, "exact/never");
      return;
    }
    Write w;
    w.key = n == "filename" ? "boot/file" : n == "server-name" ? "boot/sname" : "boot/next";
    w.cond = cond;
    w.stmt = &p;
    if (n == "next-server") {
      auto ip = Ipv4::parse(value);
      if (!ip) {
        w.tftp_name = value;
        account(p, Outcome::Approximate, "approx/next-server-name",
                "dhcpd resolves the name with DNS; dnsmasq looks it up in /etc/hosts and sends 0.0.0.0 if absent");
      } else {
        w.ip = ip;
        exact(p, "exact/boot");
      }
    } else {
      w.text = p.values.empty() ? std::string() : p.values.front().text;
      exact(p, "exact/boot");
      boot_written_ = true;
    }
    scope.writes.push_back(std::move(w));
    return;
  }
  if (n == "default-lease-time" || n == "max-lease-time" || n == "min-lease-time") {
    auto v = parse_u32(first_token());
    if (!v) {
      untranslatable(p, "untranslatable/lease-time", "the lease time is not a number");
      return;
    }
    if (!cond.always() || scope.level == Level::Class || scope.level == Level::Subclass) {
      untranslatable(p, "untranslatable/scoped-lease-time",
                     "dnsmasq takes lease times only from dhcp-range and dhcp-host, not per class or condition",
                     "put the lease time on the subnet, pool or host");
      return;
    }
    if (scope.level == Level::Host) {
      if (n == "default-lease-time") scope.host_lease = *v;
      if (n == "default-lease-time" || n == "max-lease-time") {
        if (n == "max-lease-time") scope.max_lease = *v;
        exact(p, "exact/lease-time");
      } else {
        untranslatable(p, "untranslatable/min-lease-time", "dnsmasq's lease floor is fixed at 120 s");
      }
      return;
    }
    if (n == "default-lease-time") scope.default_lease = *v;
    if (n == "max-lease-time") scope.max_lease = *v;
    if (n == "min-lease-time") scope.min_lease = *v;
    if (n == "min-lease-time") {
      account(p, Outcome::Approximate, "approx/min-lease-time",
              "dnsmasq raises requested lease times below 120 s to 120 s, not to min-lease-time");
    } else {
      exact(p, "exact/lease-time");
    }
    return;
  }
  if (n == "authoritative") {
    bool on = p.keyword != "not";
    if (global) {
      model_.authoritative.set = on;
      model_.authoritative.origin = origin(p);
      exact(p, "exact/authoritative");
    } else if (on) {
      model_.authoritative.set = true;
      model_.authoritative.origin = origin(p);
      account(p, Outcome::Approximate, "approx/scoped-authoritative",
              "dnsmasq's dhcp-authoritative applies to every network, not only to this one");
    } else {
      account(p, model_.authoritative.set ? Outcome::Approximate : Outcome::Exact,
              model_.authoritative.set ? "approx/scoped-authoritative" : "exact/authoritative",
              model_.authoritative.set ? "dnsmasq's dhcp-authoritative applies to every network" : "");
    }
    return;
  }
  if (n == "use-host-decl-names") {
    scope.use_host_decl_names = bool_value().value_or(false);
    exact(p, "exact/host-names");
    return;
  }
  if (n == "vendor-option-space") {
    vendor_spaces_.insert(first_token());
    if (global) {
      exact(p, "exact/vendor-option-space");
    } else {
      account(p, Outcome::Approximate, "approx/scoped-vendor-option-space",
              "the sub-options of this space are sent as option 43 wherever they are set, not only in this scope");
    }
    return;
  }
  if (n == "site-option-space" && global && cond.always()) {
    // dhcpd sends the options of this space as top-level options with their own codes.
    site_spaces_.insert(first_token());
    exact(p, "exact/site-option-space");
    return;
  }
  if (n == "boot-unknown-clients") {
    bool allow = bool_value().value_or(true);
    if (allow) {
      exact(p, "exact/permit");
    } else if (global) {
      model_.tag_lists.push_back(dnsmasq::TagList{origin(p), dnsmasq::TagList::Kind::Ignore, {TagCond{"known", true}}});
      exact(p, "exact/deny-unknown");
    } else if (scope.level == Level::Subnet || scope.level == Level::SharedNetwork || scope.level == Level::Pool) {
      scope.deny_unknown = true;
      account(p, Outcome::Approximate, "approx/scoped-deny-unknown",
              "dnsmasq cannot ignore clients per network (range tags are invisible to dhcp-ignore): the ranges get "
              "tag:known, so an unknown client gets no address and no offer, but a REQUEST may be NAKed");
    } else {
      untranslatable(p, "untranslatable/scoped-deny-unknown", "deny unknown-clients in a class or group of hosts");
    }
    return;
  }
  if (n == "allow-booting" || n == "allow-bootp") {
    bool allow = bool_value().value_or(true);
    if (allow) {
      exact(p, "exact/permit");
    } else if (scope.level == Level::Host && n == "allow-booting") {
      scope.ignore = true;
      exact(p, "exact/host-ignore");
    } else if (global && n == "allow-bootp") {
      model_.tag_lists.push_back(dnsmasq::TagList{origin(p), dnsmasq::TagList::Kind::Ignore, {TagCond{"bootp", false}}});
      exact(p, "exact/deny-bootp");
    } else {
      untranslatable(p, "untranslatable/scoped-deny", "dnsmasq cannot refuse clients per network or class");
    }
    return;
  }
  if (n == "ddns-update-style" && (first_token() == "none")) {
    exact(p, "exact/no-ddns");
    return;
  }
  if (n == "client-updates" && !bool_value().value_or(true)) {
    exact(p, "exact/no-ddns");
    return;
  }
  if (n.rfind("ddns", 0) == 0 || n == "update-static-leases" || n == "update-optimization" ||
      n == "update-conflict-detection" || n == "do-forward-updates" || n == "client-updates" ||
      n == "update-no-forward-updates" || n == "ddns-updates" || n == "omapi-port" || n == "omapi-key") {
    bool omapi = n.rfind("omapi", 0) == 0;
    untranslatable(p, omapi ? "untranslatable/omapi" : "untranslatable/ddns",
                   omapi ? "dnsmasq has no OMAPI control channel" : "dnsmasq does not send DNS updates",
                   omapi ? "edit a dhcp-hostsfile and send SIGHUP to dnsmasq to change hosts at run time"
                         : "dnsmasq answers DNS for its DHCP clients itself: set domain=ZONE (and expand-hosts), "
                           "and delegate or forward ZONE to dnsmasq");
    return;
  }
  if (n == "failover-peer") {
    untranslatable(p, "untranslatable/failover", "dnsmasq has no DHCP failover protocol",
                   "split the ranges between two dnsmasq servers and keep dhcp-host lines identical on both");
    return;
  }
  if (global && (n == "log-facility" || n == "lease-file-name" || n == "pid-file-name")) {
    std::string key = n == "log-facility" ? "log-facility" : n == "lease-file-name" ? "dhcp-leasefile" : "pid-file";
    model_.others.push_back(dnsmasq::OtherDirective{origin(p), key, first_token()});
    exact(p, "exact/server-setting");
    return;
  }
  if (n == "ping-check") {
    if (!bool_value().value_or(true)) {
      if (global) {
        model_.others.push_back(dnsmasq::OtherDirective{origin(p), "no-ping", std::nullopt});
        exact(p, "exact/ping");
      } else {
        account(p, Outcome::Approximate, "approx/scoped-ping", "dnsmasq's no-ping applies to every network");
        model_.others.push_back(dnsmasq::OtherDirective{origin(p), "no-ping", std::nullopt});
      }
    } else {
      exact(p, "exact/ping");
    }
    return;
  }
  if (n == "ping-timeout") {
    account(p, Outcome::Approximate, "approx/ping-timeout", "dnsmasq waits a fixed time for ping replies");
    return;
  }
  if (n == "one-lease-per-client") {
    exact(p, "exact/one-lease-per-client");  // dnsmasq keeps one lease per client anyway
    return;
  }
  if (n == "always-broadcast" && global) {
    if (bool_value().value_or(false)) {
      model_.tag_lists.push_back(dnsmasq::TagList{origin(p), dnsmasq::TagList::Kind::Broadcast, {}});
    }
    exact(p, "exact/broadcast");
    return;
  }
  if (n == "uid" && scope.level == Level::Host && !p.values.empty()) {
    const auto& t = p.values.front();
    if (t.kind == isc::ValueKind::Hex) {
      scope.client_id = parse_hex(t.text).value_or(Bytes{});
    } else {
      scope.client_id = Bytes(t.text.begin(), t.text.end());
    }
    exact(p, "exact/host-identity");
    return;
  }
  if (n == "dynamic-bootp-lease-length" || n == "dynamic-bootp-lease-cutoff") {
    untranslatable(p, "untranslatable/bootp-lease", "dnsmasq gives BOOTP clients the range's lease rules");
    return;
  }
  if (n == "local-address" || n == "interface" || n == "local-port") {
    untranslatable(p, "untranslatable/server-parameter", fmt::format("'{}' is a listener setting", n),
                   "use dnsmasq's interface=, listen-address= or dhcp-alternate-port=");
    return;
  }
  if (n == "ignore-client-uids" && global) {
    if (bool_value().value_or(false)) {
      model_.others.push_back(dnsmasq::OtherDirective{origin(p), "dhcp-ignore-clid", std::nullopt});
    }
    exact(p, "exact/ignore-client-uids");
    return;
  }
  untranslatable(p, "untranslatable/server-parameter", "dnsmasq has no such setting");
}

// ---------------------------------------------------------------------------------------------
// Emitting

std::vector<Scope*> Lowerer::chain(Scope* s) const {
  std::vector<Scope*> out;
  for (; s; s = s->parent) out.push_back(s);
  std::reverse(out.begin(), out.end());
  // dhcpd runs a pool after its subnet; both are ancestors here already (pool inside subnet),
  // except for a pool declared in a shared-network: its subnet is the one holding its addresses.
  Scope* pool = out.back();
  if (pool->level == Level::Pool && !pool->ranges.empty() &&
      std::none_of(out.begin(), out.end(), [](const Scope* x) { return x->level == Level::Subnet; })) {
    Ipv4 a = pool->ranges.front()->low;
    for (Scope* ls : lease_scopes_) {
      if (ls->level == Level::Subnet && ls->prefix && ls->prefix->contains(a)) {
        out.insert(out.end() - 1, ls);
        break;
      }
    }
  }
  return out;
}

bool Lowerer::on_lease_chain(const Scope& s) const {
  switch (s.level) {
    case Level::Global:
    case Level::SharedNetwork:
    case Level::Subnet:
    case Level::Pool: return true;
    case Level::Group: return s.has_networks;
    default: return false;
  }
}

std::uint32_t Lowerer::lease_for(Scope* ls) const {
  std::optional<std::uint32_t> def, max, min;
  for (Scope* s : chain(ls)) {
    if (s->default_lease) def = s->default_lease;
    if (s->max_lease) max = s->max_lease;
    if (s->min_lease) min = s->min_lease;
  }
  std::uint32_t t = def.value_or(43200);
  std::uint32_t mx = max.value_or(86400);
  if (t > mx) t = mx;
  std::uint32_t mn = min.value_or(std::min<std::uint32_t>(300, mx));
  if (t < mn) t = mn;
  return t;
}

void Lowerer::emit_ranges() {
  for (Scope* ls : lease_scopes_) {
    Scope* subnet = ls->level == Level::Subnet ? ls : nullptr;
    for (Scope* p = ls; p && !subnet; p = p->parent) {
      if (p->level == Level::Subnet) subnet = p;
    }
    std::vector<TagCond> filters;
    bool deny_unknown = false;
    for (Scope* s : chain(ls)) deny_unknown |= s->deny_unknown;
    if (deny_unknown) filters.push_back({"known", false});
    std::vector<Conj> allows;
    Conj denies;
    for (const auto* p : ls->permits) {
      using W = isc::PermitStmt::What;
      Conj c;
      switch (p->what) {
        case W::KnownClients: c.tags.push_back({"known", false}); break;
        case W::UnknownClients: c.tags.push_back({"known", true}); break;
        case W::MembersOf:
          if (auto t = class_tag(p->class_name)) {
            c.tags.push_back({*t, false});
          } else {
            c.never = true;
          }
          break;
        default: continue;  // all clients, dynamic bootp: no filter
      }
      if (p->allow) {
        allows.push_back(c);
      } else {
        for (auto& t : c.tags) t.negated = !t.negated;
        if (!c.never) denies.add(c);
      }
    }
    Conj f;
    for (const auto& t : filters) f.tags.push_back(t);
    if (!allows.empty()) f.add(cc_.any_of(allows, origin(*ls->decl), ls->tag + "-allowed"));
    f.add(denies);
    std::uint32_t lease = lease_for(ls);
    auto add_range = [&](Ipv4 lo, Ipv4 hi, dnsmasq::Range::Mode mode, const isc::Stmt& where) {
      dnsmasq::Range r;
      r.origin = origin(where);
      r.filters = f.tags;
      r.set_tag = ls->tag;
      r.mode = mode;
      r.start = lo;
      r.end = hi;
      if (subnet && subnet->prefix) {
        r.netmask = Ipv4{subnet->prefix->mask()};
      }
      r.lease = lease;
      model_.ranges.push_back(r);
    };
    if (ls->pool_denied || f.never) continue;
    for (const auto* r : ls->ranges) {
      Ipv4 lo = r->low, hi = r->high.value_or(r->low);
      if (hi < lo) std::swap(lo, hi);
      add_range(lo, hi, dnsmasq::Range::Mode::Dynamic, *r);
    }
    if (ls->level == Level::Subnet && (ls->ranges.empty() || !f.tags.empty()) && ls->prefix) {
      // Fixed addresses and INFORM need a range on the subnet; a static one gives them the subnet's tag.
      f = Conj{};
      add_range(ls->prefix->network, ls->prefix->network, dnsmasq::Range::Mode::Static, *ls->decl);
    }
    if (std::any_of(ls->ranges.begin(), ls->ranges.end(), [](const isc::RangeStmt* r) { return r->dynamic_bootp; })) {
      bool have = std::any_of(model_.tag_lists.begin(), model_.tag_lists.end(), [](const dnsmasq::TagList& t) {
        return t.kind == dnsmasq::TagList::Kind::BootpDynamic;
      });
      if (!have) model_.tag_lists.push_back(dnsmasq::TagList{origin(*ls->decl), dnsmasq::TagList::Kind::BootpDynamic, {}});
    }
  }
}

void Lowerer::emit_hosts() {
  std::unordered_map<std::uint32_t, std::size_t> by_address;
  // dhcpd keeps hosts with the same hardware address in declaration order and serves the first
  // whose fixed address is on the client's network (isc-dhcpd-semantics §3); dnsmasq would pick
  // another line. A later host's address on a subnet an earlier twin already covers is never used.
  std::unordered_map<std::string, std::vector<Ipv4>> by_hardware;
  by_address.reserve(hosts_.size());
  by_hardware.reserve(hosts_.size());
  model_.hosts.reserve(model_.hosts.size() + hosts_.size());
  auto subnet_of = [&](Ipv4 a) -> const Scope* {
    for (const Scope* ls : lease_scopes_) {
      const Scope* sub = ls;
      while (sub && sub->level != Level::Subnet) sub = sub->parent;
      if (sub && sub->prefix && sub->prefix->contains(a)) return sub;
    }
    return nullptr;
  };
  for (Scope* h : hosts_) {
    auto* decl = h->decl->as<isc::HostDecl>();
    if (h->macs.empty() && !h->client_id) continue;
    if (h->macs.size() == 1 && !h->client_id && !h->addresses.empty()) {
      // Lookup key only (never printed): the type byte, then the address bytes.
      std::string key(1, static_cast<char>(h->macs.front().htype));
      key.append(h->macs.front().addr.begin(), h->macs.front().addr.end());
      auto& earlier = by_hardware[key];
      std::vector<Ipv4> keep;
      for (Ipv4 a : h->addresses) {
        if (earlier.empty()) {
          keep.push_back(a);
          continue;
        }
        const Scope* sub = subnet_of(a);
        bool covered = sub && std::any_of(earlier.begin(), earlier.end(), [&](Ipv4 b) { return subnet_of(b) == sub; });
        if (!covered) keep.push_back(a);
      }
      earlier.insert(earlier.end(), h->addresses.begin(), h->addresses.end());
      if (keep.empty()) continue;
      h->addresses = std::move(keep);
    }
    // Tags: the host's own (when it writes anything) and those of enclosing groups of hosts.
    std::vector<std::string> set_tags;
    for (Scope* p = h->parent; p; p = p->parent) {
      if (p->level == Level::Group && !p->writes.empty()) {
        if (p->tag.empty()) p->tag = namer_.unique(fmt::format("group-{}", p->decl->span.line()));
        set_tags.insert(set_tags.begin(), p->tag);
      }
    }
    if (!h->writes.empty()) {
      h->tag = namer_.unique("host-" + decl->name);
      set_tags.push_back(h->tag);
    }
    dnsmasq::Host base;
    base.origin = origin(*decl);
    for (const auto& m : h->macs) {
      dnsmasq::HwPattern p;
      p.htype = m.htype == 1 ? 0 : m.htype;
      p.addr = m.addr;
      p.wildcard.assign(m.addr.size(), false);
      base.macs.push_back(p);
    }
    base.client_id = h->client_id;
    base.set_tags = std::move(set_tags);
    base.ignore = h->ignore;
    if (h->host_lease) base.lease = std::max<std::uint32_t>(*h->host_lease, 120);
    if (h->use_host_decl_names) {
      std::string name = decl->name;
      std::string label = name.substr(0, name.find('.'));
      if (legal_hostname(label)) {
        base.hostname = label;
        if (label.size() < name.size()) base.domain = name.substr(label.size() + 1);
      }
    }
    if (h->addresses.empty()) {
      model_.hosts.push_back(base);
      continue;
    }
    for (std::size_t ai = 0; ai < h->addresses.size(); ++ai) {
      Ipv4 a = h->addresses[ai];
      auto it = by_address.find(a.value);
      if (it != by_address.end()) {
        // dnsmasq refuses a second dhcp-host with the same address: one line, several MACs.
        dnsmasq::Host& prev = model_.hosts[it->second];
        for (const auto& m : base.macs) prev.macs.push_back(m);
        bool same = prev.set_tags == base.set_tags && !base.client_id && !prev.client_id;
        for (const auto& t : base.set_tags) {
          if (std::find(prev.set_tags.begin(), prev.set_tags.end(), t) == prev.set_tags.end()) prev.set_tags.push_back(t);
        }
        if (!same) {
          if (ExactMark* m = exact_mark(*decl)) {
            make_approximate(*m, "approx/merged-host",
                             fmt::format("merged into one dhcp-host with the host at {} (same fixed address {}); both "
                                         "get the options of both, and a client id is not kept",
                                         prev.origin.span.where(), a.str()));
          }
        }
        continue;
      }
      // The last address takes `base` itself (no copy of its strings and vectors).
      dnsmasq::Host line = ai + 1 == h->addresses.size() ? std::move(base) : base;
      line.address = a;
      by_address[a.value] = model_.hosts.size();
      model_.hosts.push_back(std::move(line));
    }
  }
}

void Lowerer::push_option(std::vector<dnsmasq::DhcpOption>& out, const Write& w, const Conj& extra) {
  Conj c = extra;
  c.add(w.cond);
  if (c.never) return;
  dnsmasq::DhcpOption& o = out.emplace_back();
  o.origin = origin(*w.stmt);
  o.tags = std::move(c.tags);
  o.spec = w.spec;
}

void Lowerer::emit_options() {
  // Keys written anywhere, and whether any lease-chain scope below global writes them.
  std::map<std::string, bool> keys;  // key -> written below global on a lease chain
  for (auto& s : scopes_) {
    for (const auto& w : s.writes) {
      if (w.key.rfind("opt/", 0) != 0) continue;
      bool below = s.level != Level::Global && on_lease_chain(s);
      keys[w.key] |= below;
    }
  }
  std::vector<dnsmasq::DhcpOption> global_lines;
  std::vector<std::vector<dnsmasq::DhcpOption>> ls_lines(lease_scopes_.size());
  for (const auto& [key, below] : keys) {
    // Global writes in order; those before the last unconditional one can never win.
    std::vector<const Write*> gw;
    for (const auto& w : global_->writes) {
      if (w.key == key) gw.push_back(&w);
    }
    std::size_t start = 0;
    for (std::size_t i = 0; i < gw.size(); ++i) {
      if (gw[i]->cond.always()) start = i;
    }
    const Write* global_uncond = nullptr;
    for (std::size_t i = start; i < gw.size(); ++i) {
      if (gw[i]->cond.always()) global_uncond = gw[i];
    }
    if (!below) {
      for (std::size_t i = start; i < gw.size(); ++i) push_option(global_lines, *gw[i], Conj{});
      continue;
    }
    if (global_uncond) push_option(global_lines, *global_uncond, Conj{});
    for (std::size_t li = 0; li < lease_scopes_.size(); ++li) {
      Scope* ls = lease_scopes_[li];
      std::vector<const Write*> seq;
      for (Scope* s : chain(ls)) {
        if (!on_lease_chain(*s)) continue;
        for (const auto& w : s->writes) {
          if (w.key == key) seq.push_back(&w);
        }
      }
      std::size_t st = 0;
      for (std::size_t i = 0; i < seq.size(); ++i) {
        if (seq[i]->cond.always()) st = i;
      }
      Conj rt{{TagCond{ls->tag, false}}, false};
      for (std::size_t i = st; i < seq.size(); ++i) {
        if (seq[i] == global_uncond) continue;  // the untagged line already says it
        push_option(ls_lines[li], *seq[i], rt);
      }
    }
  }
  auto& out = model_.options;
  {
    std::size_t n = out.size() + 4 + global_lines.size();
    for (const auto& v : ls_lines) n += v.size();
    for (const auto& sc : scopes_) {
      if (sc.level != Level::Global && !on_lease_chain(sc)) n += sc.writes.size();
    }
    out.reserve(n);
  }
  // dnsmasq sends defaults that dhcpd never sends: router (3) and DNS server (6) when requested,
  // broadcast (28) always, and siaddr = its own address. Empty untagged lines come first, so any
  // configured value (a later untagged line, or a tagged one in a higher tier) still wins.
  for (const char* text : {"3", "6", "28", "option:server-ip-address,0.0.0.0"}) {
    std::string error;
    auto o = dnsmasq::option_from_text(text, false, error);
    if (o) out.push_back(std::move(*o));
  }
  auto by_source = [](std::vector<dnsmasq::DhcpOption>& v) {
    std::stable_sort(v.begin(), v.end(), [](const dnsmasq::DhcpOption& a, const dnsmasq::DhcpOption& b) {
      return a.spec.code < b.spec.code;
    });
  };
  by_source(global_lines);
  out.insert(out.end(), global_lines.begin(), global_lines.end());
  for (auto& v : ls_lines) {
    by_source(v);
    out.insert(out.end(), v.begin(), v.end());
  }
  auto scope_lines = [&](Scope& s, const std::string& tag) {
    Conj t{{TagCond{tag, false}}, false};
    for (const auto& w : s.writes) {
      if (w.key.rfind("opt/", 0) == 0) push_option(out, w, t);
    }
  };
  // Classes: the first declared must win, so it comes last.
  for (auto it = classes_.rbegin(); it != classes_.rend(); ++it) {
    scope_lines(**it, (*it)->tag);
    for (Scope* sub : (*it)->subclasses) {
      if (!sub->tag.empty()) scope_lines(*sub, sub->tag);
    }
  }
  // Groups around hosts (outer first), then hosts.
  std::vector<Scope*> groups;
  for (auto& s : scopes_) {
    if (s.level == Level::Group && !s.tag.empty()) groups.push_back(&s);
  }
  std::stable_sort(groups.begin(), groups.end(), [](Scope* a, Scope* b) { return a->depth < b->depth; });
  for (Scope* g : groups) scope_lines(*g, g->tag);
  for (Scope* h : hosts_) {
    if (!h->tag.empty()) scope_lines(*h, h->tag);
  }
}

void Lowerer::emit_encap() {
  // Every write of one sub-option, in increasing dhcpd precedence, each with the condition under
  // which it applies. dnsmasq sends every matching encap line, so each line excludes the later ones.
  std::map<std::string, std::vector<std::pair<const Write*, Conj>>> by_key;
  auto add_scope = [&](Scope& s, const Conj& extra) {
    for (const auto& w : s.writes) {
      if (w.key.rfind("encap/", 0) != 0) continue;
      Conj c = extra;
      c.add(w.cond);
      if (!c.never) by_key[w.key].push_back({&w, c});
    }
  };
  add_scope(*global_, Conj{});
  for (Scope* ls : lease_scopes_) {
    for (Scope* s : chain(ls)) {
      if (s->level == Level::Global || !on_lease_chain(*s)) continue;
      add_scope(*s, Conj{{TagCond{ls->tag, false}}, false});
    }
  }
  for (auto it = classes_.rbegin(); it != classes_.rend(); ++it) {
    add_scope(**it, Conj{{TagCond{(*it)->tag, false}}, false});
    for (Scope* sub : (*it)->subclasses) {
      if (!sub->tag.empty()) add_scope(*sub, Conj{{TagCond{sub->tag, false}}, false});
    }
  }
  for (auto& s : scopes_) {
    if (s.level == Level::Group && !s.tag.empty()) add_scope(s, Conj{{TagCond{s.tag, false}}, false});
  }
  for (Scope* h : hosts_) {
    if (!h->tag.empty()) add_scope(*h, Conj{{TagCond{h->tag, false}}, false});
  }
  // dnsmasq packs the matching sub-options in reverse file order; dhcpd packs them by hash bucket
  // ((c & 31) + ((c >> 5) & 31)) % 17, ascending, and within a bucket the first set last
  // (isc-dhcpd-semantics §8.4). Emitting the buckets descending, and within one the first written
  // first, gives the same order on the wire.
  struct Keyed {
    std::int64_t outer = 0;
    int bucket = 0;
    std::uint32_t first = 0;  // source offset of the first write of the sub-option
    std::vector<std::pair<const Write*, Conj>>* list = nullptr;
  };
  std::vector<Keyed> order;
  for (auto& [key, list] : by_key) {
    Keyed k;
    k.list = &list;
    k.outer = list.front().first->spec.encap;
    auto code = static_cast<std::uint32_t>(list.front().first->spec.code);
    k.bucket = static_cast<int>(((code & 31) + ((code >> 5) & 31)) % 17);
    k.first = list.front().first->stmt->span.begin;
    for (const auto& [w, c] : list) k.first = std::min(k.first, w->stmt->span.begin);
    order.push_back(k);
  }
  std::stable_sort(order.begin(), order.end(), [](const Keyed& a, const Keyed& b) {
    if (a.outer != b.outer) return a.outer < b.outer;
    if (a.bucket != b.bucket) return a.bucket > b.bucket;
    return a.first < b.first;
  });
  std::vector<dnsmasq::DhcpOption> lines;
  for (auto& keyed : order) {
    auto& list = *keyed.list;
    std::vector<Conj> later;
    std::vector<std::pair<const Write*, Conj>> keep;
    for (std::size_t i = list.size(); i-- > 0;) {
      Conj mine = list[i].second;
      for (const auto& l : later) {
        mine.add(cc_.negate(l, origin(*list[i].first->stmt), "more-specific"));
      }
      if (!mine.never) keep.push_back({list[i].first, mine});
      if (list[i].second.always()) break;  // everything before is overridden for every client
      later.push_back(list[i].second);
    }
    std::reverse(keep.begin(), keep.end());
    for (auto& [w, c] : keep) {
      dnsmasq::DhcpOption o;
      o.origin = origin(*w->stmt);
      o.tags = c.tags;
      o.spec = w->spec;
      lines.push_back(std::move(o));
    }
  }
  model_.options.insert(model_.options.end(), lines.begin(), lines.end());
}

// A matching dhcp-boot line always sets siaddr: its third field, else dnsmasq's own address
// (dnsmasq-semantics §13.1), while dhcpd sends 0.0.0.0 without next-server. When the config has
// no next-server at all, filename and server-name go out as dhcp-option 67 / 66 instead: without a
// matching dhcp-boot, dnsmasq puts them in the file / sname fields unless the client requests
// the option (§13.2; the client reads the same name either way), and siaddr comes from the
// server-ip-address 0.0.0.0 default. They then follow the option tiers like any other option.
void Lowerer::boot_as_options() {
  bool next = false, empty = false, explicit_option = false, any = false;
  for (const auto& s : scopes_) {
    for (const auto& w : s.writes) {
      if (w.key == "boot/next") next = true;
      if (w.key == "boot/file" || w.key == "boot/sname") {
        any = true;
        // dnsmasq 2.90 copies an empty 66/67 option into the field and crashes: keep dhcp-boot.
        if (w.text.empty()) empty = true;
      }
      if (w.key == "opt/66" || w.key == "opt/67") explicit_option = true;
    }
  }
  if (!any || next || empty || explicit_option) return;
  for (auto& s : scopes_) {
    for (auto& w : s.writes) {
      if (w.key != "boot/file" && w.key != "boot/sname") continue;
      OptionTarget target;
      target.code = w.key == "boot/file" ? 67 : 66;
      std::string why;
      auto spec = make_option_spec(target, "t", Bytes(w.text.begin(), w.text.end()), why);
      if (!spec) return;  // not spelled the same way: keep dhcp-boot (all or nothing)
      w.spec = *spec;
    }
  }
  for (auto& s : scopes_) {
    for (auto& w : s.writes) {
      if (w.key == "boot/file") w.key = "opt/67";
      if (w.key == "boot/sname") w.key = "opt/66";
    }
  }
}

void Lowerer::emit_boot() {
  struct Fields {
    std::optional<std::string> file, sname;
    std::optional<Ipv4> next;
    std::optional<std::string> tftp;
    const isc::Stmt* stmt = nullptr;
    const isc::Stmt* file_stmt = nullptr;
    const isc::Stmt* sname_stmt = nullptr;
    bool any() const { return file || sname || next || tftp; }
    void apply(const Write& w) {
      if (w.key == "boot/file") {
        file = w.text;
        file_stmt = w.stmt;
      }
      if (w.key == "boot/sname") {
        sname = w.text;
        sname_stmt = w.stmt;
      }
      if (w.key == "boot/next") {
        next = w.ip;
        tftp = w.tftp_name;
      }
      stmt = w.stmt;
    }
    bool operator==(const Fields& o) const { return file == o.file && sname == o.sname && next == o.next && tftp == o.tftp; }
  };
  auto is_boot = [](const Write& w) { return w.key.rfind("boot/", 0) == 0; };
  // Statements whose dhcp-boot line has no server address: dnsmasq sends its own as siaddr.
  std::vector<const isc::Stmt*> own_siaddr;
  auto push = [&](const Fields& f, const Conj& tags) {
    if (!f.any() || tags.never || !f.stmt) return;
    if (!f.next && !f.tftp) {
      if (f.file_stmt) own_siaddr.push_back(f.file_stmt);
      if (f.sname_stmt) own_siaddr.push_back(f.sname_stmt);
    }
    dnsmasq::Boot b;
    b.origin = origin(*f.stmt);
    b.tags = tags.tags;
    b.file = f.file.value_or("");
    b.sname = f.sname;
    b.server = f.next;
    b.tftp_name = f.tftp;
    if (b.server || b.tftp_name) {
      if (!b.sname) b.sname = "";
    }
    model_.boots.push_back(std::move(b));
  };
  // Lines for one sequence of writes (one chain or one tier-1 scope): the unconditional result,
  // then one line per condition (its writes over the unconditional ones).
  auto lines_for = [&](const std::vector<const Write*>& seq, const Fields& base, const Conj& extra, bool emit_base) {
    Fields uncond = base;
    for (const Write* w : seq) {
      if (w->cond.always()) uncond.apply(*w);
    }
    if (emit_base && !(uncond == base)) push(uncond, extra);
    std::vector<std::string> seen;
    for (const Write* w : seq) {
      if (w->cond.always()) continue;
      std::string k;
      for (const auto& t : w->cond.tags) k += (t.negated ? "!" : "") + t.name + ",";
      if (std::find(seen.begin(), seen.end(), k) != seen.end()) continue;
      seen.push_back(k);
      Fields f = base;
      for (const Write* v : seq) {
        bool same = v->cond.tags == w->cond.tags;
        if (v->cond.always() || same) f.apply(*v);
      }
      Conj c = extra;
      c.add(w->cond);
      push(f, c);
    }
    return uncond;
  };
  std::vector<const Write*> gseq;
  for (const auto& w : global_->writes) {
    if (is_boot(w)) gseq.push_back(&w);
  }
  // Global unconditional values: untagged line; global conditions: tagged lines.
  Fields gbase = lines_for(gseq, Fields{}, Conj{}, true);
  std::vector<std::pair<Scope*, Fields>> ls_base;
  for (Scope* ls : lease_scopes_) {
    std::vector<const Write*> seq;
    bool below = false;
    for (Scope* s : chain(ls)) {
      if (s->level == Level::Global || !on_lease_chain(*s)) continue;
      for (const auto& w : s->writes) {
        if (is_boot(w)) {
          seq.push_back(&w);
          below = true;
        }
      }
    }
    if (!below) continue;
    // Conditions written at global level must be re-said under this range's tag, after its base.
    std::vector<const Write*> full = gseq;
    full.insert(full.end(), seq.begin(), seq.end());
    Fields f = lines_for(full, Fields{}, Conj{{TagCond{ls->tag, false}}, false}, true);
    ls_base.push_back({ls, f});
  }
  // Tier-1 scopes: fields they do not set come from the global values, and again per range
  // where the range's chain sets them differently.
  auto tier1 = [&](Scope& s, const std::string& tag, const Scope* host = nullptr) {
    std::vector<const Write*> seq;
    for (const auto& w : s.writes) {
      if (is_boot(w)) seq.push_back(&w);
    }
    if (seq.empty()) return;
    Conj t{{TagCond{tag, false}}, false};
    Fields start = gbase;
    start.stmt = nullptr;
    // The base line (scope tag only) answers clients on ranges without a line of their own below;
    // its missing server address matters only if such a range exists (for approx/boot-siaddr).
    std::vector<const isc::Stmt*> outer = std::move(own_siaddr);
    own_siaddr.clear();
    lines_for(seq, Fields{gbase.file, gbase.sname, gbase.next, gbase.tftp, nullptr, gbase.file_stmt, gbase.sname_stmt}, t, true);
    std::vector<const isc::Stmt*> base_flags = std::move(own_siaddr);
    own_siaddr = std::move(outer);
    auto serves = [&](const Scope* ls) {
      if (!host || host->addresses.empty()) return true;
      // A host with fixed addresses is only ever served on the subnets of those addresses.
      const Scope* sub = ls;
      while (sub && sub->level != Level::Subnet) sub = sub->parent;
      bool on = false;
      for (Ipv4 a : host->addresses) on |= sub && sub->prefix && sub->prefix->contains(a);
      return on;
    };
    std::set<const Scope*> own_line;
    for (auto& [ls, base] : ls_base) {
      if (!serves(ls)) continue;
      Conj tr = t;
      tr.add(Conj{{TagCond{ls->tag, false}}, false});
      Fields b = base;
      b.stmt = nullptr;
      if (!(lines_for(seq, b, tr, true) == b)) own_line.insert(ls);
    }
    bool base_used = lease_scopes_.empty();
    for (const Scope* ls : lease_scopes_) base_used |= serves(ls) && !own_line.count(ls);
    if (base_used) own_siaddr.insert(own_siaddr.end(), base_flags.begin(), base_flags.end());
  };
  for (auto it = classes_.rbegin(); it != classes_.rend(); ++it) {
    tier1(**it, (*it)->tag);
    for (Scope* sub : (*it)->subclasses) {
      if (!sub->tag.empty()) tier1(*sub, sub->tag);
    }
  }
  for (auto& s : scopes_) {
    if (s.level == Level::Group && !s.tag.empty()) tier1(s, s.tag);
  }
  for (Scope* h : hosts_) {
    if (!h->tag.empty()) tier1(*h, h->tag, h);
  }
  if (!own_siaddr.empty()) {
    // boot_as_options() keeps dhcp-boot when some scope sets next-server; lines without one
    // then get dnsmasq's address as siaddr (dnsmasq-semantics §13.1) where dhcpd sends 0.0.0.0.
    std::set<std::pair<const SourceFile*, std::size_t>> approx;
    for (const isc::Stmt* st : own_siaddr) approx.insert({st->span.file, st->span.begin});
    if (auto boot = code_ids_.find("exact/boot"); boot != code_ids_.end()) {
      for (ExactMark& m : exact_) {
        if (!m.stmt || m.code != boot->second || !approx.count({m.stmt->span.file, m.stmt->span.begin})) continue;
        make_approximate(m, "approx/boot-siaddr",
                         "dnsmasq answers with this dhcp-boot line where no next-server applies and then sends its "
                         "own address as siaddr; dhcpd sends 0.0.0.0 (a config without any next-server avoids "
                         "dhcp-boot)");
      }
    }
  }
  if (boot_written_) {
    // dhcpd always puts filename/server-name in the BOOTP header fields; so does dnsmasq with this.
    model_.no_override.set = true;
  }
}

}  // namespace

LowerResult lower(const isc::Config& config, const isc::Resolution& resolution, const LowerOptions& options,
                  DiagnosticSink& sink) {
  Lowerer l(config, resolution, options, sink);
  return l.run();
}

}  // namespace isc2dnsmasq::translate
