// Post-parse checks dhcpd's parser makes on generically kept statements (see validate.hpp).
#include "isc/validate.hpp"

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace isc2dnsmasq::isc {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] - 'A' + 'a') : a[i];
    char y = b[i] >= 'A' && b[i] <= 'Z' ? static_cast<char>(b[i] - 'A' + 'a') : b[i];
    if (x != y) return false;
  }
  return true;
}

bool is_hex_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
  }
  return true;
}

bool is_decimal(const ValueToken& t) {
  if (t.kind != ValueKind::Number || t.text.empty()) return false;
  for (char c : t.text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

/// dhcpd's parse_cshl: colon-separated hex bytes (one byte alone is a number or a hex word).
bool is_hw_address(const ValueToken& t) {
  return t.kind == ValueKind::Hex || (t.kind == ValueKind::Number && is_hex_digits(t.text)) ||
         (t.kind == ValueKind::Name && t.text.size() <= 2 && is_hex_digits(t.text));
}

bool is_hw_type(const ValueToken& t) {
  return t.kind == ValueKind::Name && (iequals(t.text, "ethernet") || iequals(t.text, "token-ring") ||
                                       iequals(t.text, "fddi") || iequals(t.text, "infiniband"));
}

class Validator {
public:
  explicit Validator(DiagnosticSink& sink) : sink_(sink) {}

  /// One top-level statement, in source order. Statements may be freed after the call: nothing
  /// here keeps a pointer into them (shared networks are always inside one top-level statement).
  void add(const Stmt& top_level) {
    interfaces_.clear();
    walk_one(top_level, Where{});
  }

  /// dhcpd's checks after parsing: the omapi-key is a declared key, and every failover peer is
  /// named by at least one pool.
  void finish() {
    for (const auto& [name, span] : omapi_keys_) {
      if (!keys_.count(name)) sink_.error(span, "omapi-key '{}' names no key declared in the configuration", name);
    }
    for (const auto& [name, span] : peer_decls_) {
      if (!referred_.count(name)) {
        sink_.error(span, "failover peer '{}' is not referred to by any pool (dhcpd requires at least one pool with "
                    "'failover peer \"{}\";')",
                    name, name);
      }
    }
  }

private:
  DiagnosticSink& sink_;
  std::unordered_set<std::string> classes_;
  std::unordered_set<std::string> peers_;
  std::vector<std::pair<std::string, Span>> peer_decls_;  ///< name, declaration
  std::unordered_set<std::string> referred_;
  std::unordered_set<std::string> keys_;
  std::vector<std::pair<std::string, Span>> omapi_keys_;  ///< key name, its token
  std::unordered_set<const Stmt*> interfaces_;  ///< shared-network (or lone subnet) -> has one

  /// Where an error about a missing value points: the statement's last token, else the statement.
  static Span after(const ParamStmt& p, std::size_t index) {
    if (index < p.values.size()) return p.values[index].span;
    if (!p.values.empty()) return p.values.back().span;
    return p.name_span.valid() ? p.name_span : p.span;
  }

  /// Where a statement sits: its shared network (a lone subnet is its own) and subnet.
  struct Where {
    const Stmt* share = nullptr;
    const SharedNetworkDecl* shared_network = nullptr;
    const SubnetDecl* subnet = nullptr;
    std::vector<const SubnetDecl*>* share_subnets = nullptr;  ///< subnets of the shared network so far
  };

  void walk(const Body& body, const Where& where) {
    for (const auto& sp : body) walk_one(*sp, where);
  }

  void walk_one(const Stmt& s, const Where& where) {
      switch (s.kind) {
        case StmtKind::SharedNetwork: {
          std::vector<const SubnetDecl*> subnets;
          Where w;
          w.share = &s;
          w.shared_network = s.as<SharedNetworkDecl>();
          w.share_subnets = &subnets;
          walk(w.shared_network->body, w);
          break;
        }
        case StmtKind::Subnet: {
          const auto* sub = s.as<SubnetDecl>();
          Where w = where;
          if (!w.share) w.share = &s;
          w.subnet = sub;
          if (where.share_subnets) where.share_subnets->push_back(sub);
          walk(sub->body, w);
          break;
        }
        case StmtKind::Range: range(*s.as<RangeStmt>(), where); break;
        case StmtKind::Class: {
          const auto* c = s.as<ClassDecl>();
          if (c->type != ClassType::Class && !classes_.count(c->name)) {
            sink_.error(c->name_span.valid() ? c->name_span : c->span, "no class named '{}' (a {} declaration adds to "
                        "a class declared before it)",
                        c->name, c->type == ClassType::VendorClass ? "vendor-class" : "user-class");
          }
          classes_.insert(c->name);
          walk(c->body, where);
          break;
        }
        case StmtKind::FailoverPeer:
          peers_.insert(s.as<FailoverPeerDecl>()->name);
          peer_decls_.emplace_back(s.as<FailoverPeerDecl>()->name, s.span);
          break;
        case StmtKind::Key:
          keys_.insert(s.as<KeyDecl>()->name);
          key(*s.as<KeyDecl>());
          break;
        case StmtKind::Param: param(*s.as<ParamStmt>(), where.share); break;
        default:
          if (const auto* sc = s.as<ScopeStmt>()) walk(sc->body, where);
          break;
      }
  }

  static bool in_subnet(const SubnetDecl& sub, Ipv4 a) {
    return (a.value & sub.netmask.value) == sub.network.value;
  }

  // dhcpd: a range lies in its subnet; a pool of a shared network lies in one of the subnets
  // declared before it.
  void range(const RangeStmt& r, const Where& where) {
    const SubnetDecl* sub = where.subnet;
    if (!sub && where.share_subnets) {
      for (const auto* cand : *where.share_subnets) {
        if (in_subnet(*cand, r.low)) {
          sub = cand;
          break;
        }
      }
      if (!sub) {
        sink_.error(r.low_span.valid() ? r.low_span : r.span,
                    "address range not on shared network '{}' (no subnet declared before this pool contains {})",
                    where.shared_network ? where.shared_network->name : std::string(), r.low.str());
        return;
      }
    }
    if (!sub) return;
    auto check = [&](Ipv4 a, const Span& span) {
      if (in_subnet(*sub, a)) return true;
      sink_.error(span.valid() ? span : r.span, "bad range: address {} is not in subnet {} netmask {}", a.str(),
                  sub->network.str(), sub->netmask.str());
      return false;
    };
    if (check(r.low, r.low_span) && r.high) check(*r.high, r.high_span);
  }

  void param(const ParamStmt& p, const Stmt* share) {
    if (p.name == "omapi-key" && !p.values.empty()) {
      omapi_keys_.emplace_back(p.values.front().text, p.values.front().span);
    } else if (p.name == "server-duid") {
      server_duid(p);
    } else if (p.name == "interface" && share) {
      if (!interfaces_.insert(share).second) {
        sink_.error(after(p, 0), "a subnet or shared network can't be connected to two interfaces");
      }
    } else if (p.name == "failover-peer" && !p.values.empty() && p.values[0].kind == ValueKind::String) {
      referred_.insert(p.values[0].text);
      if (!peers_.count(p.values[0].text)) {
        sink_.error(p.values[0].span, "failover peer '{}' is not declared before this reference", p.values[0].text);
      }
    }
  }

  // dhcpd's parse_server_duid_conf.
  void server_duid(const ParamStmt& p) {
    const ValueTokens& v = p.values;
    if (v.empty()) {
      sink_.error(after(p, 0), "server-duid: DUID type LLT, EN or LL expected");
      return;
    }
    std::size_t next = 1;
    const ValueToken& type = v[0];
    if (type.kind == ValueKind::Name && (iequals(type.text, "llt") || iequals(type.text, "ll"))) {
      bool llt = iequals(type.text, "llt");
      if (v.size() == 1) return;  // the default hardware address (and time)
      if (!is_hw_type(v[1])) {
        sink_.error(v[1].span, "server-duid {}: hardware type expected (ethernet, token-ring, fddi or infiniband)",
                    type.text);
        return;
      }
      next = 2;
      if (llt) {
        if (next >= v.size() || !is_decimal(v[next])) {
          sink_.error(after(p, next), "server-duid llt: timestamp expected after the hardware type");
          return;
        }
        ++next;
      }
      if (next >= v.size() || !is_hw_address(v[next])) {
        sink_.error(after(p, next), "server-duid {}: hardware address expected (colon-separated hex bytes)",
                    type.text);
        return;
      }
      ++next;
    } else if (type.kind == ValueKind::Name && iequals(type.text, "en")) {
      if (v.size() < 2 || !is_decimal(v[1])) {
        sink_.error(after(p, 1), "server-duid en: enterprise number expected");
        return;
      }
      if (v.size() < 3 || v[2].kind != ValueKind::String) {
        sink_.error(after(p, 2), "server-duid en: identifier (a quoted string) expected");
        return;
      }
      next = 3;
    } else if (is_decimal(type)) {
      if (v.size() < 2 || v[1].kind != ValueKind::String) {
        sink_.error(after(p, 1), "server-duid {}: identifier (a quoted string) expected after the DUID type",
                    type.text);
        return;
      }
      next = 2;
    } else {
      sink_.error(type.span, "server-duid: DUID type LLT, EN or LL expected, not '{}'", type.text);
      return;
    }
    if (next < v.size()) sink_.error(v[next].span, "server-duid: ';' expected after the DUID, not '{}'", v[next].text);
  }

  // dhcpd's parse_base64: every character of the secret is in the base64 alphabet.
  void key(const KeyDecl& k) {
    for (const auto& line : k.lines) {
      if (line.words.empty() || !iequals(line.words[0].text, "secret")) continue;
      for (std::size_t i = 1; i < line.words.size(); ++i) {
        for (char c : line.words[i].text) {
          bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
                    c == '/' || c == '=';
          if (!ok) {
            sink_.error(line.words[i].span, "key '{}': invalid base64 character '{}' in the secret", k.name,
                        std::string(1, c));
            return;
          }
        }
      }
    }
  }
};

}  // namespace

class ConfigValidator::Impl : public Validator {
public:
  using Validator::Validator;
};

ConfigValidator::ConfigValidator(DiagnosticSink& sink) : impl_(std::make_unique<Impl>(sink)) {}
ConfigValidator::~ConfigValidator() = default;
void ConfigValidator::add(const Stmt& top_level) { impl_->add(top_level); }
void ConfigValidator::finish() { impl_->finish(); }

void validate_config(const Config& config, DiagnosticSink& sink) {
  ConfigValidator v(sink);
  for (const auto& s : config.body) v.add(*s);
  v.finish();
}

}  // namespace isc2dnsmasq::isc
