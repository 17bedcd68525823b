// ISC AST helpers: names of kinds, expression types, typed scope accessors, and the text dump.
#include "isc/ast.hpp"

#include <charconv>
#include <iterator>

#include <fmt/format.h>

namespace isc2dnsmasq::isc {

const char* value_kind_name(ValueKind k) {
  switch (k) {
    case ValueKind::String: return "string";
    case ValueKind::Number: return "number";
    case ValueKind::Ip: return "ip";
    case ValueKind::Hex: return "hex";
    case ValueKind::Name: return "name";
    case ValueKind::Comma: return "comma";
  }
  return "?";
}

const char* expr_op_name(ExprOp op) {
  switch (op) {
    case ExprOp::Check: return "check";
    case ExprOp::Exists: return "exists";
    case ExprOp::VariableExists: return "defined";
    case ExprOp::Known: return "known";
    case ExprOp::Static: return "static";
    case ExprOp::Equal: return "=";
    case ExprOp::NotEqual: return "!=";
    case ExprOp::RegexMatch: return "~=";
    case ExprOp::IRegexMatch: return "~~";
    case ExprOp::And: return "and";
    case ExprOp::Or: return "or";
    case ExprOp::Not: return "not";
    case ExprOp::Substring: return "substring";
    case ExprOp::Suffix: return "suffix";
    case ExprOp::Lcase: return "lcase";
    case ExprOp::Ucase: return "ucase";
    case ExprOp::Option: return "option";
    case ExprOp::ConfigOption: return "config-option";
    case ExprOp::Hardware: return "hardware";
    case ExprOp::Packet: return "packet";
    case ExprOp::ConstData: return "data";
    case ExprOp::Concat: return "concat";
    case ExprOp::Reverse: return "reverse";
    case ExprOp::LeasedAddress: return "leased-address";
    case ExprOp::BinaryToAscii: return "binary-to-ascii";
    case ExprOp::EncodeInt: return "encode-int";
    case ExprOp::PickFirstValue: return "pick-first-value";
    case ExprOp::HostDeclName: return "host-decl-name";
    case ExprOp::Filename: return "filename";
    case ExprOp::ServerName: return "server-name";
    case ExprOp::GetHostName: return "gethostname";
    case ExprOp::GetHostByName: return "gethostbyname";
    case ExprOp::Null: return "null";
    case ExprOp::V6Relay: return "v6relay";
    case ExprOp::ExtractInt: return "extract-int";
    case ExprOp::ConstInt: return "int";
    case ExprOp::LeaseTime: return "lease-time";
    case ExprOp::ClientState: return "client-state";
    case ExprOp::Add: return "+";
    case ExprOp::Subtract: return "-";
    case ExprOp::Multiply: return "*";
    case ExprOp::Divide: return "/";
    case ExprOp::Remainder: return "%";
    case ExprOp::BinaryAnd: return "&";
    case ExprOp::BinaryOr: return "|";
    case ExprOp::BinaryXor: return "^";
    case ExprOp::Variable: return "var";
    case ExprOp::FunCall: return "call";
  }
  return "?";
}

ExprType expr_type(ExprOp op) {
  switch (op) {
    case ExprOp::Check: case ExprOp::Exists: case ExprOp::VariableExists: case ExprOp::Known:
    case ExprOp::Static: case ExprOp::Equal: case ExprOp::NotEqual: case ExprOp::RegexMatch:
    case ExprOp::IRegexMatch: case ExprOp::And: case ExprOp::Or: case ExprOp::Not:
      return ExprType::Boolean;
    case ExprOp::Substring: case ExprOp::Suffix: case ExprOp::Lcase: case ExprOp::Ucase:
    case ExprOp::Option: case ExprOp::ConfigOption: case ExprOp::Hardware: case ExprOp::Packet:
    case ExprOp::ConstData: case ExprOp::Concat: case ExprOp::Reverse: case ExprOp::LeasedAddress:
    case ExprOp::BinaryToAscii: case ExprOp::EncodeInt: case ExprOp::PickFirstValue:
    case ExprOp::HostDeclName: case ExprOp::Filename: case ExprOp::ServerName:
    case ExprOp::GetHostName: case ExprOp::GetHostByName: case ExprOp::Null: case ExprOp::V6Relay:
      return ExprType::Data;
    case ExprOp::ExtractInt: case ExprOp::ConstInt: case ExprOp::LeaseTime: case ExprOp::ClientState:
    case ExprOp::Add: case ExprOp::Subtract: case ExprOp::Multiply: case ExprOp::Divide:
    case ExprOp::Remainder: case ExprOp::BinaryAnd: case ExprOp::BinaryOr: case ExprOp::BinaryXor:
      return ExprType::Numeric;
    case ExprOp::Variable: case ExprOp::FunCall:
      return ExprType::Any;
  }
  return ExprType::Any;
}

const char* stmt_kind_name(StmtKind k) {
  switch (k) {
    case StmtKind::Group: return "group";
    case StmtKind::SharedNetwork: return "shared-network";
    case StmtKind::Subnet: return "subnet";
    case StmtKind::Pool: return "pool";
    case StmtKind::Host: return "host";
    case StmtKind::Class: return "class";
    case StmtKind::Subclass: return "subclass";
    case StmtKind::FailoverPeer: return "failover-peer";
    case StmtKind::Key: return "key";
    case StmtKind::Zone: return "zone";
    case StmtKind::OptionSpace: return "option-space";
    case StmtKind::OptionDef: return "option-def";
    case StmtKind::Range: return "range";
    case StmtKind::FixedAddress: return "fixed-address";
    case StmtKind::Hardware: return "hardware";
    case StmtKind::Permit: return "permit";
    case StmtKind::Param: return "param";
    case StmtKind::Option: return "option";
    case StmtKind::Match: return "match";
    case StmtKind::LeaseLimit: return "lease-limit";
    case StmtKind::If: return "if";
    case StmtKind::Switch: return "switch";
    case StmtKind::Case: return "case";
    case StmtKind::Default: return "default";
    case StmtKind::Set: return "set";
    case StmtKind::Unset: return "unset";
    case StmtKind::Eval: return "eval";
    case StmtKind::Log: return "log";
    case StmtKind::Execute: return "execute";
    case StmtKind::On: return "on";
    case StmtKind::Add: return "add";
    case StmtKind::Break: return "break";
    case StmtKind::Return: return "return";
    case StmtKind::Define: return "define";
    case StmtKind::ParseVendorOption: return "parse-vendor-option";
  }
  return "?";
}

const char* option_verb_name(OptionVerb v) {
  switch (v) {
    case OptionVerb::Option: return "option";
    case OptionVerb::Supersede: return "supersede";
    case OptionVerb::Default: return "default";
    case OptionVerb::Append: return "append";
    case OptionVerb::Prepend: return "prepend";
    case OptionVerb::Send: return "send";
  }
  return "?";
}

// ---------------------------------------------------------------------------------------------
// Node pool: size classes of 16 bytes up to kMaxPooled, carved from 256 KiB chunks; freed nodes go
// back to their class's free list (so repeated parses reuse memory). Larger nodes use ::operator new.

namespace {

constexpr std::size_t kGrain = 16;
constexpr std::size_t kMaxPooled = 512;
constexpr std::size_t kChunk = 256 * 1024;

struct NodePool {
  struct FreeNode {
    FreeNode* next;
  };
  FreeNode* free[kMaxPooled / kGrain + 1] = {};
  char* cur = nullptr;
  char* end = nullptr;
  std::vector<void*> chunks;

  ~NodePool() {
    for (void* c : chunks) ::operator delete(c);
  }
  void* allocate(std::size_t size) {
    std::size_t cls = (size + kGrain - 1) / kGrain;
    if (FreeNode* n = free[cls]) {
      free[cls] = n->next;
      return n;
    }
    std::size_t bytes = cls * kGrain;
    if (static_cast<std::size_t>(end - cur) < bytes) {
      cur = static_cast<char*>(::operator new(kChunk));
      end = cur + kChunk;
      chunks.push_back(cur);
    }
    void* p = cur;
    cur += bytes;
    return p;
  }
  void release(void* p, std::size_t size) {
    std::size_t cls = (size + kGrain - 1) / kGrain;
    auto* n = static_cast<FreeNode*>(p);
    n->next = free[cls];
    free[cls] = n;
  }
};

NodePool& node_pool() {
  thread_local NodePool pool;
  return pool;
}

}  // namespace

void* Stmt::operator new(std::size_t size) {
  if (size > kMaxPooled) return ::operator new(size);
  return node_pool().allocate(size);
}

void Stmt::operator delete(void* p, std::size_t size) noexcept {
  if (!p) return;
  if (size > kMaxPooled) {
    ::operator delete(p);
    return;
  }
  node_pool().release(p, size);
}

// ---------------------------------------------------------------------------------------------
// Scope accessors

const ParamStmt* ScopeStmt::find_param(std::string_view name) const {
  const ParamStmt* found = nullptr;
  for (const auto& s : body)
    if (auto* p = s->as<ParamStmt>(); p && p->name == name) found = p;
  return found;
}

const OptionStmt* ScopeStmt::find_option(std::string_view name) const {
  const OptionStmt* found = nullptr;
  for (const auto& s : body)
    if (auto* o = s->as<OptionStmt>(); o && o->option.name == name) found = o;
  return found;
}

namespace {

std::optional<std::string> first_text(const ParamStmt* p) {
  if (!p || p->values.empty()) return std::nullopt;
  return p->values.front().text;
}

std::optional<std::uint32_t> lease_time(const ParamStmt* p) {
  if (!p || p->values.size() != 1) return std::nullopt;
  const auto& t = p->values.front();
  if (t.kind == ValueKind::Name && (t.text == "infinite" || t.text == "INFINITE")) return 0xffffffffu;
  if (t.kind != ValueKind::Number) return std::nullopt;
  std::uint32_t v = 0;
  auto r = std::from_chars(t.text.data(), t.text.data() + t.text.size(), v);
  if (r.ec != std::errc() || r.ptr != t.text.data() + t.text.size()) return std::nullopt;
  return v;
}

}  // namespace

std::optional<std::string> ScopeStmt::filename() const { return first_text(find_param("filename")); }
std::optional<std::string> ScopeStmt::server_name() const { return first_text(find_param("server-name")); }
std::optional<std::string> ScopeStmt::next_server() const { return first_text(find_param("next-server")); }
std::optional<std::uint32_t> ScopeStmt::default_lease_time() const { return lease_time(find_param("default-lease-time")); }
std::optional<std::uint32_t> ScopeStmt::max_lease_time() const { return lease_time(find_param("max-lease-time")); }
std::optional<std::uint32_t> ScopeStmt::min_lease_time() const { return lease_time(find_param("min-lease-time")); }
std::optional<std::string> ScopeStmt::vendor_option_space() const { return first_text(find_param("vendor-option-space")); }
std::optional<std::string> ScopeStmt::site_option_space() const { return first_text(find_param("site-option-space")); }

std::optional<bool> ScopeStmt::flag(std::string_view name) const {
  const ParamStmt* p = find_param(name);
  if (!p) return std::nullopt;
  if (p->values.empty()) return true;  // `authoritative;`
  std::string v = p->values.front().text;
  for (auto& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (v == "true" || v == "on") return true;
  if (v == "false" || v == "off") return false;
  return std::nullopt;
}

std::optional<bool> ScopeStmt::authoritative() const {
  const ParamStmt* p = find_param("authoritative");
  if (!p) return std::nullopt;
  if (p->keyword == "not") return false;
  return flag("authoritative");
}

std::optional<Prefix> SubnetDecl::prefix() const {
  auto len = Prefix::mask_length(netmask);
  if (!len) return std::nullopt;
  return Prefix{network, *len};
}

const HardwareStmt* HostDecl::hardware() const {
  const HardwareStmt* found = nullptr;
  for (const auto& s : body)
    if (auto* h = s->as<HardwareStmt>()) found = h;
  return found;
}

const FixedAddressStmt* HostDecl::fixed_address() const {
  const FixedAddressStmt* found = nullptr;
  for (const auto& s : body)
    if (auto* f = s->as<FixedAddressStmt>()) found = f;
  return found;
}

const MatchStmt* ClassDecl::match_if() const {
  for (const auto& s : body)
    if (auto* m = s->as<MatchStmt>(); m && m->form == MatchStmt::Form::If) return m;
  return nullptr;
}

const MatchStmt* ClassDecl::match_data() const {
  for (const auto& s : body)
    if (auto* m = s->as<MatchStmt>(); m && m->form != MatchStmt::Form::If) return m;
  return nullptr;
}

// ---------------------------------------------------------------------------------------------
// Dump

namespace {

std::string quote_bytes(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c >= 0x7f) {
      out += fmt::format("\\x{:02x}", c);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

void dump_expr(std::string& out, const Expr& e) {
  switch (e.op) {
    case ExprOp::ConstData: {
      bool printable = true;
      for (auto b : e.data) printable = printable && b >= 0x20 && b < 0x7f;
      if (printable) out += quote_bytes(std::string(e.data.begin(), e.data.end()));
      else out += to_colon_hex(e.data);
      return;
    }
    case ExprOp::ConstInt: out += std::to_string(e.number); return;
    case ExprOp::Variable: out += e.name; return;
    case ExprOp::Option: case ExprOp::ConfigOption: case ExprOp::Exists:
      out += fmt::format("({} {}{}{})", expr_op_name(e.op), e.option->space, e.option->space.empty() ? "" : ".",
                         e.option->name);
      return;
    case ExprOp::Check: case ExprOp::VariableExists: case ExprOp::GetHostByName:
      out += fmt::format("({} {})", expr_op_name(e.op), quote_bytes(e.name));
      return;
    default: break;
  }
  out += '(';
  out += e.op == ExprOp::FunCall ? e.name : expr_op_name(e.op);
  for (const auto& a : e.args) {
    out += ' ';
    dump_expr(out, *a);
  }
  if (e.op == ExprOp::ExtractInt || e.op == ExprOp::EncodeInt) out += fmt::format(" {}", e.number);
  out += ')';
}

void dump_values(std::string& out, const ValueTokens& v) {
  for (const auto& t : v) {
    if (t.kind == ValueKind::Comma) {
      out += ",";
      continue;
    }
    out += fmt::format(" {}:{}", value_kind_name(t.kind),
                       t.kind == ValueKind::String ? quote_bytes(t.text) : t.text);
  }
}

void dump_body(std::string& out, const Body& body, int depth);

void dump_stmt(std::string& out, const Stmt& s, int depth) {
  out.append(static_cast<std::size_t>(depth) * 2, ' ');
  out += fmt::format("{}@{}", stmt_kind_name(s.kind), s.span.line());
  switch (s.kind) {
    case StmtKind::Group: out += " " + quote_bytes(s.as<GroupDecl>()->name); break;
    case StmtKind::SharedNetwork: out += " " + quote_bytes(s.as<SharedNetworkDecl>()->name); break;
    case StmtKind::Subnet: {
      auto* n = s.as<SubnetDecl>();
      out += fmt::format(" {} {}", n->network.str(), n->netmask.str());
      break;
    }
    case StmtKind::Host: out += " " + quote_bytes(s.as<HostDecl>()->name); break;
    case StmtKind::Class: {
      auto* c = s.as<ClassDecl>();
      if (c->type != ClassType::Class) out += c->type == ClassType::VendorClass ? " vendor" : " user";
      out += " " + quote_bytes(c->name);
      break;
    }
    case StmtKind::Subclass: {
      auto* c = s.as<SubclassDecl>();
      out += " " + quote_bytes(c->class_name) + " ";
      dump_expr(out, *c->value);
      break;
    }
    case StmtKind::FailoverPeer: case StmtKind::Key: case StmtKind::Zone: {
      const std::vector<GenericLine>* lines = nullptr;
      if (auto* f = s.as<FailoverPeerDecl>()) out += " " + quote_bytes(f->name), lines = &f->lines;
      if (auto* k = s.as<KeyDecl>()) out += " " + quote_bytes(k->name), lines = &k->lines;
      if (auto* z = s.as<ZoneDecl>()) out += " " + quote_bytes(z->name), lines = &z->lines;
      for (const auto& l : *lines) {
        out += " {";
        dump_values(out, l.words);
        out += " }";
      }
      break;
    }
    case StmtKind::OptionSpace: {
      auto* o = s.as<OptionSpaceDecl>();
      out += fmt::format(" {} code-width={} length-width={}", o->name, o->code_width, o->length_width);
      if (o->hash_size) out += fmt::format(" hash-size={}", *o->hash_size);
      break;
    }
    case StmtKind::OptionDef: {
      auto* o = s.as<OptionDefStmt>();
      out += fmt::format(" {}{}{} code={} type=\"{}\" format={}", o->space, o->space.empty() ? "" : ".", o->name,
                         o->code, o->type_text, o->format);
      break;
    }
    case StmtKind::Range: {
      auto* r = s.as<RangeStmt>();
      out += fmt::format("{} {}", r->dynamic_bootp ? " dynamic-bootp" : "", r->low.str());
      if (r->high) out += " " + r->high->str();
      break;
    }
    case StmtKind::FixedAddress:
      for (const auto& a : s.as<FixedAddressStmt>()->addresses)
        out += " " + (a.hostname.empty() ? a.ip.str() : a.hostname);
      break;
    case StmtKind::Hardware: {
      auto* h = s.as<HardwareStmt>();
      out += fmt::format(" {} {}", h->type_name, h->address.str());
      break;
    }
    case StmtKind::Permit: {
      static const char* const kNames[] = {"unknown-clients", "known-clients", "all-clients", "dynamic-bootp-clients",
                                           "authenticated-clients", "unauthenticated-clients", "members-of", "after"};
      auto* p = s.as<PermitStmt>();
      out += fmt::format(" {} {}", p->allow ? "allow" : "deny", kNames[static_cast<int>(p->what)]);
      if (!p->class_name.empty()) out += " " + quote_bytes(p->class_name);
      if (!p->date_text.empty()) out += " " + p->date_text;
      break;
    }
    case StmtKind::Param: {
      auto* p = s.as<ParamStmt>();
      out += " " + p->name;
      if (!p->keyword.empty()) out += " [" + p->keyword + "]";
      dump_values(out, p->values);
      if (p->expr) {
        out += " = ";
        dump_expr(out, *p->expr);
      }
      break;
    }
    case StmtKind::Option: {
      auto* o = s.as<OptionStmt>();
      out += fmt::format(" {} {}{}{}", option_verb_name(o->verb), o->option.space, o->option.space.empty() ? "" : ".",
                         o->option.name);
      dump_values(out, o->values);
      if (o->expr) {
        out += " = ";
        dump_expr(out, *o->expr);
      }
      break;
    }
    case StmtKind::Match: {
      auto* m = s.as<MatchStmt>();
      out += m->form == MatchStmt::Form::If ? " if " : m->form == MatchStmt::Form::Data ? " data " : " spawn ";
      dump_expr(out, *m->expr);
      break;
    }
    case StmtKind::LeaseLimit: out += fmt::format(" {}", s.as<LeaseLimitStmt>()->limit); break;
    case StmtKind::If:
      out += '\n';
      for (const auto& b : s.as<IfStmt>()->branches) {
        out.append(static_cast<std::size_t>(depth) * 2 + 1, ' ');
        if (b.condition) {
          out += "when ";
          dump_expr(out, *b.condition);
        } else {
          out += "else";
        }
        out += '\n';
        dump_body(out, b.body, depth + 1);
      }
      return;
    case StmtKind::Switch:
      out += " ";
      dump_expr(out, *s.as<SwitchStmt>()->expr);
      out += '\n';
      dump_body(out, s.as<SwitchStmt>()->body, depth + 1);
      return;
    case StmtKind::Case: out += " "; dump_expr(out, *s.as<CaseStmt>()->value); break;
    case StmtKind::Set: out += " " + s.as<SetStmt>()->name + " "; dump_expr(out, *s.as<SetStmt>()->expr); break;
    case StmtKind::Unset: out += " " + s.as<UnsetStmt>()->name; break;
    case StmtKind::Eval: out += " "; dump_expr(out, *s.as<EvalStmt>()->expr); break;
    case StmtKind::Log: {
      auto* l = s.as<LogStmt>();
      out += " " + (l->priority.empty() ? std::string("info") : l->priority) + " ";
      dump_expr(out, *l->expr);
      break;
    }
    case StmtKind::Execute: {
      auto* e = s.as<ExecuteStmt>();
      out += " " + quote_bytes(e->command);
      for (const auto& a : e->args) {
        out += " ";
        dump_expr(out, *a);
      }
      break;
    }
    case StmtKind::On: {
      auto* o = s.as<OnStmt>();
      if (o->events & OnStmt::kCommit) out += " commit";
      if (o->events & OnStmt::kRelease) out += " release";
      if (o->events & OnStmt::kExpiry) out += " expiry";
      out += '\n';
      dump_body(out, o->body, depth + 1);
      return;
    }
    case StmtKind::Add: out += " " + quote_bytes(s.as<AddStmt>()->class_name); break;
    case StmtKind::Return: out += " "; dump_expr(out, *s.as<ReturnStmt>()->expr); break;
    case StmtKind::Define: {
      auto* d = s.as<DefineStmt>();
      out += " " + d->name;
      if (d->is_function) {
        out += " (";
        for (std::size_t i = 0; i < d->params.size(); ++i) out += (i ? " " : "") + d->params[i];
        out += ")\n";
        dump_body(out, d->body, depth + 1);
        return;
      }
      out += " ";
      dump_expr(out, *d->expr);
      break;
    }
    default: break;
  }
  out += '\n';
  if (auto* sc = s.as<ScopeStmt>()) dump_body(out, sc->body, depth + 1);
}

void dump_body(std::string& out, const Body& body, int depth) {
  for (const auto& s : body) dump_stmt(out, *s, depth);
}

}  // namespace

std::string dump(const Config& config) {
  std::string out;
  dump_body(out, config.body, 0);
  return out;
}

std::string dump(const Expr& expr) {
  std::string out;
  dump_expr(out, expr);
  return out;
}

}  // namespace isc2dnsmasq::isc
