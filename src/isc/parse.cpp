// The one translation unit that instantiates the dhcpd.conf grammar: actions build the isc:: AST directly.
//
// Actions attach to rules that only match after their statement has committed (see grammar/isc.hpp),
// so no action runs on an abandoned path. Partial results live in ParseState ("pending" fields,
// a frame stack of open bodies, and a flat item stack for expressions that is combined with
// dhcpd's precedence algorithm when an expression ends). Errors are thrown as SyntaxError with a
// byte span and turned into one Diagnostic by parse_isc().
#include "isc/parse.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <set>
#include <unordered_map>

#include <tao/pegtl.hpp>

#include "grammar/isc.hpp"
#include "grammar/isc_errors.hpp"

namespace isc2dnsmasq {
namespace grammar::isc {

namespace {
// server/stables.c server_options[] of dhcpd 4.4.3 as built by Debian (no LDAP), sorted.
struct ServerParam {
  std::string_view name;
  std::string_view format;  // dhcpd format code: T lease time, f flag, t text, I address, B/S/L unsigned, ...
};
constexpr ServerParam kServerParams[] = {
    {"abandon-lease-time", "T"}, {"adaptive-lease-time-threshold", "B"}, {"allow-booting", "f"},
    {"allow-bootp", "f"}, {"always-broadcast", "f"}, {"always-reply-rfc1048", "f"}, {"authoritative", "f"},
    {"bind-local-address6", "f"}, {"boot-unknown-clients", "f"}, {"check-secs-byte-order", "f"},
    {"client-updates", "f"}, {"ddns-domainname", "t"}, {"ddns-dual-stack-mixed-mode", "f"},
    {"ddns-guard-id-must-match", "f"}, {"ddns-hostname", "t"}, {"ddns-local-address4", "I"},
    {"ddns-local-address6", "6"}, {"ddns-other-guard-is-dynamic", "f"}, {"ddns-rev-domainname", "t"},
    {"ddns-ttl", "T"}, {"ddns-update-style", "Nddns-styles."}, {"ddns-updates", "f"}, {"declines", "f"},
    {"default-lease-time", "T"}, {"delayed-ack", "S"}, {"dhcp-cache-threshold", "B"},
    {"dhcpv6-lease-file-name", "t"}, {"dhcpv6-pid-file-name", "t"}, {"dhcpv6-set-tee-times", "f"},
    {"do-forward-updates", "f"}, {"do-reverse-updates", "f"}, {"dont-use-fsync", "f"}, {"duplicates", "f"},
    {"dynamic-bootp", "f"}, {"dynamic-bootp-lease-cutoff", "T"}, {"dynamic-bootp-lease-length", "L"},
    {"echo-client-id", "f"}, {"filename", "t"}, {"fqdn-reply", "f"}, {"get-lease-hostnames", "f"},
    {"ignore-client-uids", "f"}, {"infinite-is-reserved", "f"}, {"lease-file-name", "t"}, {"leasequery", "f"},
    {"limit-addrs-per-ia", "L"}, {"limit-prefs-per-ia", "L"}, {"limited-broadcast-address", "I"},
    {"local-address", "I"}, {"local-address6", "6"}, {"local-port", "S"},
    {"log-facility", "Nsyslog-facilities."}, {"log-threshold-high", "B"}, {"log-threshold-low", "B"},
    {"max-ack-delay", "L"}, {"max-lease-time", "T"}, {"min-lease-time", "T"}, {"min-secs", "B"},
    {"next-server", "I"}, {"omapi-key", "k"}, {"omapi-port", "S"}, {"one-lease-per-client", "f"},
    {"persist-eui-64-leases", "f"}, {"pid-file-name", "t"}, {"ping-check", "f"}, {"ping-cltt-secs", "T"},
    {"ping-timeout", "T"}, {"ping-timeout-ms", "T"}, {"preferred-lifetime", "T"},
    {"prefix-length-mode", "Nprefix_length_modes."}, {"release-on-roam", "f"}, {"remote-port", "S"},
    {"server-id-check", "f"}, {"server-name", "t"}, {"site-option-space", "X"}, {"stash-agent-options", "f"},
    {"update-conflict-detection", "f"}, {"update-optimization", "f"}, {"update-static-leases", "f"},
    {"use-eui-64", "f"}, {"use-host-decl-names", "f"}, {"use-lease-addr-for-default-route", "f"},
    {"vendor-option-space", "U"},
};

bool iless(std::string_view a, std::string_view b) {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) < std::tolower(static_cast<unsigned char>(y));
  });
}
}  // namespace

const ServerParam* find_server_param(std::string_view name) {
  auto it = std::lower_bound(std::begin(kServerParams), std::end(kServerParams), name,
                             [](const ServerParam& p, std::string_view n) { return iless(p.name, n); });
  return it != std::end(kServerParams) && !iless(name, it->name) ? it : nullptr;
}

bool is_server_param(std::string_view name) { return find_server_param(name) != nullptr; }

}  // namespace grammar::isc

namespace isc {
namespace {

namespace pegtl = tao::pegtl;
namespace g = grammar::isc;
using grammar::skip;

/// A fatal syntax or placement error at a byte range of the file being parsed.
struct SyntaxError {
  const SourceFile* file;
  std::uint32_t begin;
  std::uint32_t end;
  std::string message;
};

/// Statement keywords and parameters, for "did you mean" and for spotting a missing ';'.
const std::vector<std::string>& statement_words() {
  static const std::vector<std::string> words = [] {
    std::vector<std::string> w = {
        "include", "group", "shared-network", "subnet", "pool", "host", "class", "subclass", "failover",
        "key", "zone", "option", "supersede", "default", "append", "prepend", "send", "range",
        "fixed-address", "hardware", "allow", "deny", "ignore", "authoritative", "server-identifier",
        "match", "spawn", "lease", "uid", "host-identifier", "interface", "if", "elsif", "else", "switch",
        "case", "set", "define", "unset", "eval", "return", "log", "execute", "on", "add", "break",
        "parse-vendor-option", "server-duid", "lease-id-format", "db-time-format", "vendor-class",
        "user-class"};
    for (auto p : g::kServerParams) w.emplace_back(p.name);
    return w;
  }();
  return words;
}

bool is_statement_word(std::string_view s) {
  std::string l(s);
  for (auto& c : l) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const auto& w = statement_words();
  return std::find(w.begin(), w.end(), l) != w.end();
}

std::string lower(std::string_view s) {
  std::string l(s);
  for (auto& c : l) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return l;
}

enum class Ctx : std::uint8_t { Global, Group, SharedNetwork, Subnet, Pool, Host, Class, Subclass, If, Switch, On, Define };

bool is_exec(Ctx c) { return c >= Ctx::If; }

const char* ctx_where(Ctx c) {
  switch (c) {
    case Ctx::Global: return "at the top level";
    case Ctx::Group: return "inside a group";
    case Ctx::SharedNetwork: return "inside a shared-network";
    case Ctx::Subnet: return "inside a subnet";
    case Ctx::Pool: return "inside a pool";
    case Ctx::Host: return "inside a host";
    case Ctx::Class: return "inside a class";
    case Ctx::Subclass: return "inside a subclass";
    case Ctx::If: return "inside an if statement";
    case Ctx::Switch: return "inside a switch statement";
    case Ctx::On: return "inside an on statement";
    case Ctx::Define: return "inside a function definition";
  }
  return "here";
}

struct Frame {
  Body* body;
  Ctx ctx;
  Stmt* owner;          // scope / if / switch / on / define that owns `body`; nullptr for the global scope
  std::uint32_t brace;  // offset of the '{'
  const SourceFile* file;
};

/// Expression parse items: the flat `operand (op operand)*` list of one expression.
struct Item {
  enum class Kind : std::uint8_t { Operand, Op, Group } kind = Kind::Operand;
  ExprOp op = ExprOp::Null;
  ExprPtr expr;
  std::vector<Item> group;  // a parenthesised sub-expression, combined once its context is known
  Span span;
};

enum class Cx : std::uint8_t { Any, Data, Numeric, Boolean, DataOrNumeric };

struct IncludeLevel {
  const SourceFile* file;
  Span include_span;  // the include statement in the including file (invalid for the main file)
  std::string canonical;
};

/// The body the next '{' opens (set by the declaration before it).
struct PendingBody {
  Body* body = nullptr;
  Ctx ctx = Ctx::Global;
  Stmt* owner = nullptr;
};

struct ParseState {
  ParseState(SourceSet& s, const ParseOptions& o, Config& c) : sources(s), options(o), config(c) {}
  SourceSet& sources;
  const ParseOptions& options;
  Config& config;

  // current input
  const SourceFile* file = nullptr;
  const char* base = nullptr;
  std::vector<IncludeLevel> includes;

  std::vector<Frame> frames;
  int depth = 0;  // braces + parentheses + `not`

  // pending pieces of the statement being parsed
  std::uint32_t stmt_begin = 0;
  Span kw_span;
  std::string pending_name;
  Span pending_name_span;
  std::string last_string;
  Span last_string_span;
  OptionRef pending_opt;
  OptionRef stmt_opt;  ///< the statement's own option name (pending_opt is reused by `option X` in expressions)
  OptionVerb pending_verb = OptionVerb::Option;
  ValueTokens values;
  std::vector<std::pair<Ipv4, Span>> ips;
  bool dynamic_bootp = false;
  std::string hw_type;
  HwAddr hw_addr;
  std::vector<FixedAddressStmt::Entry> fixed;
  std::string permit_verb;
  PermitStmt::What permit_what = PermitStmt::What::AllClients;
  std::string permit_flag;
  bool permit_unknown_words = false;
  std::string permit_text;
  std::int64_t last_number = 0;
  int code_width = 1, length_width = 1;
  std::optional<int> hash_size;
  std::uint32_t option_code = 0;
  Span option_code_span;
  std::string type_text;
  Span type_span;
  std::string variable;
  Span variable_span;
  std::string set_name;  // the variable of set/define/unset
  std::vector<std::string> define_params;
  std::uint8_t on_events = 0;
  std::string log_priority;
  std::vector<GenericLine> generic_lines;
  ValueTokens generic_words;
  ClassType class_type = ClassType::Class;
  ExprPtr subclass_value;
  std::vector<IfStmt*> ifs;
  PendingBody pending_body;
  std::size_t param_items = 0;
  bool failover_was_ref = false;
  bool match_is_if = false;
  // Host declarations are global in dhcpd: names are checked for duplicates at the end. Only a
  // hash and the name token's span are kept (statements may be streamed away, see on_top_level).
  struct HostName {
    std::uint32_t hash;   // 32 bits are enough: equal hashes are compared by name
    std::uint32_t order;  // declaration order
    Span span;            // the name token as written (quoted or not)
  };
  std::vector<HostName> hosts;
  std::set<std::string> classes;                // declared class names (for subclass / add)
  std::set<std::string> keys;                   // declared key names (for zone key references)
  std::uint32_t string_start = 0;               // the '"' of the string being read
  std::vector<DiagnosticNote> error_notes;        // notes for the error being thrown

  // expressions
  std::vector<Item> items;
  std::vector<std::size_t> marks;     // start of each open expression in `items`
  std::vector<std::size_t> fn_marks;  // start of each open function argument list in `items`

  Frame& top() { return frames.back(); }
  Span span(std::uint32_t b, std::uint32_t e) const { return Span{file, b, e}; }
  std::uint32_t offset(const char* p) const { return static_cast<std::uint32_t>(p - base); }

  [[noreturn]] void fail(std::uint32_t b, std::uint32_t e, std::string msg) const {
    throw SyntaxError{file, b, e, std::move(msg)};
  }
  [[noreturn]] void fail(Span s, std::string msg) const { throw SyntaxError{s.file, s.begin, s.end, std::move(msg)}; }
  /// Fails at [b, e) when one more level of nesting would pass ParseOptions::max_depth.
  void check_depth(std::uint32_t b, std::uint32_t e) const {
    if (depth + 1 > options.max_depth) fail(b, e, fmt::format("nesting too deep (more than {} levels)", options.max_depth));
  }
};

// ---------------------------------------------------------------------------------------------
// Small text helpers

/// Offset of the first token character at or after p (skips whitespace and # comments).
const char* skip_space(const char* p, const char* end) {
  while (p < end) {
    if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' || *p == '\f' || *p == '\v') {
      ++p;
    } else if (*p == '#') {
      while (p < end && *p != '\n') ++p;
    } else {
      break;
    }
  }
  return p;
}

struct RawTok {
  std::uint32_t begin, end;
  std::string_view text;
};

template <typename Input>
RawTok raw_token(const Input& in, const ParseState& st) {
  const char* b = skip_space(in.begin(), in.end());
  return RawTok{st.offset(b), st.offset(in.end()), std::string_view(b, static_cast<std::size_t>(in.end() - b))};
}

/// Decodes a "..." token (quotes included) with dhcpd's escapes.
std::string decode_string(std::string_view q) {
  std::string out;
  std::size_t i = 1, n = q.size() - 1;  // inside the quotes
  auto hexv = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  while (i < n) {
    char c = q[i++];
    if (c != '\\' || i >= n) {
      out += c;
      continue;
    }
    char e = q[i++];
    switch (e) {
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case 'n': out += '\n'; break;
      case 'b': out += '\b'; break;
      case 'x':
        if (i + 1 < n + 1 && i < n && hexv(q[i]) >= 0) {
          int v = hexv(q[i++]);
          if (i < n && hexv(q[i]) >= 0) v = v * 16 + hexv(q[i++]);
          out += static_cast<char>(v);
        } else {
          out += 'x';
        }
        break;
      default:
        if (e >= '0' && e <= '3' && i + 1 < n + 1 && i + 1 <= n && q[i] >= '0' && q[i] <= '7' && i + 1 < n &&
            q[i + 1] >= '0' && q[i + 1] <= '7') {
          out += static_cast<char>((e - '0') * 64 + (q[i] - '0') * 8 + (q[i + 1] - '0'));
          i += 2;
        } else {
          out += e;
        }
    }
  }
  return out;
}

template <typename Pred>
bool all_of(std::string_view s, Pred pred) {
  if (s.empty()) return false;
  for (unsigned char c : s)
    if (!pred(c)) return false;
  return true;
}

bool is_decimal(std::string_view s) {
  if (!s.empty() && s[0] == '-') s.remove_prefix(1);
  return all_of(s, [](int c) { return std::isdigit(c); });
}

bool is_dotted_quad(std::string_view s) {
  int parts = 0;
  std::size_t i = 0;
  while (i <= s.size()) {
    std::size_t j = s.find('.', i);
    if (j == std::string_view::npos) j = s.size();
    auto part = s.substr(i, j - i);
    if (part.empty() || part.size() > 3 || !all_of(part, [](int c) { return std::isdigit(c); })) return false;
    ++parts;
    i = j + 1;
    if (j == s.size()) break;
  }
  return parts == 4;
}

/// Colon-separated hex bytes (dhcpd's parse_cshl); nullopt when a piece is not 1-2 hex digits.
std::optional<Bytes> parse_cshl(std::string_view s) {
  Bytes out;
  std::size_t i = 0;
  while (true) {
    std::size_t j = s.find(':', i);
    if (j == std::string_view::npos) j = s.size();
    auto part = s.substr(i, j - i);
    if (part.empty() || part.size() > 2) return std::nullopt;
    unsigned v = 0;
    for (char c : part) {
      int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (d < 0) return std::nullopt;
      v = v * 16 + static_cast<unsigned>(d);
    }
    out.push_back(static_cast<std::uint8_t>(v));
    if (j == s.size()) break;
    i = j + 1;
  }
  return out;
}

ValueKind classify_atom(std::string_view s) {
  if (is_dotted_quad(s)) return ValueKind::Ip;
  if (is_decimal(s)) return ValueKind::Number;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') &&
      all_of(s.substr(2), [](int c) { return std::isxdigit(c); }))
    return ValueKind::Number;
  if (s.find(':') != std::string_view::npos && parse_cshl(s)) return ValueKind::Hex;
  return ValueKind::Name;
}

Ipv4 parse_ip(ParseState& st, const RawTok& t) {
  auto ip = Ipv4::parse(t.text);
  if (!ip || !is_dotted_quad(t.text)) st.fail(t.begin, t.end, fmt::format("invalid IPv4 address '{}'", t.text));
  return *ip;
}

std::uint32_t fnv1a(std::string_view s) {
  std::uint32_t h = 2166136261u;
  for (unsigned char c : s) h = (h ^ c) * 16777619u;
  return h;
}

std::string name_text(const RawTok& t) {
  if (!t.text.empty() && t.text[0] == '"') return decode_string(t.text);
  return std::string(t.text);
}

// ---------------------------------------------------------------------------------------------
// Building statements

/// Streaming (ParseOptions::on_top_level): hands over the finished top-level statements and frees them.
/// Called when the next top-level statement starts (an if/elsif/else chain or a scope is only
/// finished then) and at the end of the input.
void flush_top_level(ParseState& st) {
  if (!st.options.on_top_level) return;
  for (auto& s : st.config.body) st.options.on_top_level(*s);
  st.config.body.clear();
}

template <typename T>
T& append(ParseState& st, std::unique_ptr<T> node) {
  T& ref = *node;
  if (st.frames.size() == 1) flush_top_level(st);
  st.top().body->push_back(std::move(node));
  return ref;
}

template <typename T>
std::unique_ptr<T> make_stmt(ParseState& st, std::uint32_t begin, std::uint32_t end) {
  auto n = std::make_unique<T>();
  n->span = st.span(begin, end);
  return n;
}

void require_ctx(ParseState& st, const RawTok& kw, bool ok, std::string_view what) {
  if (!ok) st.fail(kw.begin, kw.end, fmt::format("{} is not allowed {}", what, ctx_where(st.top().ctx)));
}


// ---------------------------------------------------------------------------------------------
// Expressions: dhcpd's combination and type rules (common/parse.c parse_expression)

int priority(ExprOp op) {
  switch (op) {
    case ExprOp::Equal: case ExprOp::NotEqual: case ExprOp::RegexMatch: case ExprOp::IRegexMatch: return 4;
    case ExprOp::And: case ExprOp::Or: return 3;
    case ExprOp::Add: case ExprOp::Subtract: return 2;
    case ExprOp::Multiply: case ExprOp::Divide: case ExprOp::Remainder: return 1;
    default: return 100;
  }
}

Cx op_context(ExprOp op) {
  switch (op) {
    case ExprOp::Equal: case ExprOp::NotEqual: case ExprOp::RegexMatch: case ExprOp::IRegexMatch: return Cx::Data;
    case ExprOp::And: case ExprOp::Or: return Cx::Boolean;
    default: return Cx::Numeric;
  }
}

Cx context_of(const Expr& e) {
  switch (expr_type(e.op)) {
    case ExprType::Data: return Cx::Data;
    case ExprType::Numeric: return Cx::Numeric;
    case ExprType::Boolean: return Cx::Boolean;
    case ExprType::Any: return Cx::Any;
  }
  return Cx::Any;
}

ExprPtr combine(ParseState& st, std::vector<Item>& items, Cx cx, int depth);

/// Takes one operand in context `cx`: settles bare numbers (int in numeric context, hex data
/// otherwise) and combines deferred parenthesised groups.
ExprPtr settle(ParseState& st, Item& item, Cx cx, int depth) {
  if (item.kind == Item::Kind::Group) {
    auto e = combine(st, item.group, cx, depth + 1);
    return e;
  }
  ExprPtr e = std::move(item.expr);
  if (e->literal) {
    e->literal = false;
    if (cx == Cx::Numeric || cx == Cx::DataOrNumeric) {
      e->op = ExprOp::ConstInt;
    } else {
      auto bytes = parse_cshl(e->name);
      if (!bytes) st.fail(e->span, fmt::format("'{}' is not a hex byte (a number here is colon-separated hex data)", e->name));
      e->op = ExprOp::ConstData;
      e->data = std::move(*bytes);
    }
    e->name.clear();
  }
  return e;
}

ExprPtr make_binary(ExprOp op, ExprPtr l, ExprPtr r) {
  auto e = std::make_unique<Expr>();
  e->op = op;
  e->span = Span{l->span.file, l->span.begin, r->span.end};
  e->args.push_back(std::move(l));
  e->args.push_back(std::move(r));
  return e;
}

void check_binary(ParseState& st, ExprOp op, const Span& op_span, const Expr& l, const Expr& r) {
  Cx rc = context_of(r), lc = context_of(l);
  if (rc != Cx::Any && lc != Cx::Any && rc != lc)
    st.fail(op_span, fmt::format("illegal expression relating different types ({} {} {})",
                                 expr_type(l.op) == ExprType::Boolean ? "boolean" : lc == Cx::Data ? "data" : "numeric",
                                 expr_op_name(op),
                                 rc == Cx::Boolean ? "boolean" : rc == Cx::Data ? "data" : "numeric"));
  switch (op) {
    case ExprOp::Equal: case ExprOp::NotEqual:
      if (rc == Cx::Boolean) st.fail(r.span, "expected a data or numeric expression");
      break;
    case ExprOp::RegexMatch: case ExprOp::IRegexMatch:
      if (rc != Cx::Data) st.fail(r.span, "expected a data expression");
      break;
    case ExprOp::And: case ExprOp::Or:
      if (rc != Cx::Boolean && rc != Cx::Any) st.fail(r.span, "expected a boolean expression");
      break;
    default:
      if (rc != Cx::Numeric && rc != Cx::Any) st.fail(r.span, "expected a numeric expression");
  }
}

/// Port of dhcpd's parse_expression loop over an already-tokenised operand/operator list.
ExprPtr parse_expression(ParseState& st, std::vector<Item>& it, std::size_t& i, Cx cx, ExprPtr lhs, ExprOp binop,
                         Span binop_span, int depth) {
  if (depth > st.options.max_depth * 4)
    st.fail(it[std::min(i, it.size() - 1)].span, "expression nests too deeply");
  while (true) {
    ExprPtr rhs = settle(st, it[i], cx, depth);
    ++i;
    bool has_next = i < it.size();
    ExprOp next = has_next ? it[i].op : ExprOp::Null;
    Span next_span = has_next ? it[i].span : Span{};
    if (has_next) cx = context_of(*rhs);
    if (!lhs) {
      if (!has_next) return rhs;
      lhs = std::move(rhs);
      binop = next;
      binop_span = next_span;
      ++i;
      continue;
    }
    if (has_next && priority(binop) - priority(next) < 0) {
      ++i;
      rhs = parse_expression(st, it, i, op_context(next), std::move(rhs), next, next_span, depth + 1);
      has_next = false;
    }
    check_binary(st, binop, binop_span, *lhs, *rhs);
    if (!has_next) return make_binary(binop, std::move(lhs), std::move(rhs));
    ++i;
    lhs = make_binary(binop, std::move(lhs), std::move(rhs));
    binop = next;
    binop_span = next_span;
  }
}

ExprPtr combine(ParseState& st, std::vector<Item>& items, Cx cx, int depth) {
  std::size_t i = 0;
  return parse_expression(st, items, i, cx, nullptr, ExprOp::Null, Span{}, depth);
}

std::vector<Item> take_items(ParseState& st) {
  std::size_t mark = st.marks.back();
  st.marks.pop_back();
  std::vector<Item> out(std::make_move_iterator(st.items.begin() + static_cast<std::ptrdiff_t>(mark)),
                        std::make_move_iterator(st.items.end()));
  st.items.resize(mark);
  return out;
}

/// Finishes a typed expression (dhcpd's parse_{boolean,data,numeric}_expression) and pushes it.
void finish_expr(ParseState& st, Cx cx, bool check = true) {
  auto items = take_items(st);
  ExprPtr e = combine(st, items, cx, 0);
  ExprType t = expr_type(e->op);
  if (check && t != ExprType::Any) {
    if (cx == Cx::Boolean && t != ExprType::Boolean) st.fail(e->span, "expected a boolean expression");
    if (cx == Cx::Data && t != ExprType::Data) st.fail(e->span, "expected a data expression");
    if (cx == Cx::Numeric && t != ExprType::Numeric) st.fail(e->span, "expected a numeric expression");
    if (cx == Cx::DataOrNumeric && t == ExprType::Boolean) st.fail(e->span, "expected a data or numeric expression");
  }
  Item item;
  item.span = e->span;
  item.expr = std::move(e);
  st.items.push_back(std::move(item));
}

ExprPtr pop_expr(ParseState& st) {
  ExprPtr e = std::move(st.items.back().expr);
  st.items.pop_back();
  return e;
}

template <typename Input>
void push_operand(ParseState& st, const Input& in, ExprPtr e) {
  const char* b = skip_space(in.begin(), in.end());
  e->span = st.span(st.offset(b), st.offset(in.end()));
  Item item;
  item.span = e->span;
  item.expr = std::move(e);
  st.items.push_back(std::move(item));
}

ExprPtr new_expr(ExprOp op) {
  auto e = std::make_unique<Expr>();
  e->op = op;
  return e;
}

/// Pops the arguments of a function call (pushed since its '(') and leaves the nesting level.
std::vector<ExprPtr> pop_args(ParseState& st) {
  std::size_t mark = st.fn_marks.back();
  st.fn_marks.pop_back();
  std::vector<ExprPtr> args;
  for (std::size_t i = mark; i < st.items.size(); ++i) args.push_back(std::move(st.items[i].expr));
  st.items.resize(mark);
  --st.depth;
  return args;
}

// ---------------------------------------------------------------------------------------------
// Option definition types (common/parse.c parse_option_code_definition)

struct TypeParser {
  ParseState& st;
  Span span;
  std::vector<std::string> toks;
  std::size_t i = 0;

  [[noreturn]] void fail(const std::string& m) { st.fail(span, m); }
  std::string peek() const { return i < toks.size() ? toks[i] : std::string(); }
  std::string next() { return i < toks.size() ? toks[i++] : std::string(); }

  /// One simple type; appends its format code(s).
  OptionType simple(std::string& fmt) {
    OptionType t;
    std::string w = next();
    using B = OptionType::Base;
    if (w == "boolean") t.base = B::Boolean, fmt += 'f';
    else if (w == "signed" || w == "unsigned" || w == "integer") {
      bool is_signed = w != "unsigned";
      if (w != "integer") next();
      std::string n = next();
      if (n == "8") t.base = is_signed ? B::Int8 : B::UInt8, fmt += is_signed ? 'b' : 'B';
      else if (n == "16") t.base = is_signed ? B::Int16 : B::UInt16, fmt += is_signed ? 's' : 'S';
      else if (n == "32") t.base = is_signed ? B::Int32 : B::UInt32, fmt += is_signed ? 'l' : 'L';
      else fail(fmt::format("integer width must be 8, 16 or 32, not {}", n));
    } else if (w == "ip-address") t.base = B::IpAddress, fmt += 'I';
    else if (w == "ip6-address") t.base = B::Ip6Address, fmt += '6';
    else if (w == "text") t.base = B::Text, fmt += 't';
    else if (w == "string") t.base = B::String, fmt += 'X';
    else if (w == "domain-name") t.base = B::DomainName, fmt += 'd';
    else if (w == "domain-list") {
      if (peek() == "compressed") {
        next();
        t.base = B::DomainListCompressed;
        fmt += "Dc";
      } else {
        t.base = B::DomainList;
        fmt += 'D';
      }
    } else if (w == "zerolen") t.base = B::Zerolen, fmt += 'Z';
    else if (w == "encapsulate") {
      t.base = B::Encapsulate;
      t.encapsulated_space = next();
      fmt += "E" + t.encapsulated_space + ".";
    } else fail(fmt::format("unknown option type '{}'", w));
    return t;
  }

  void parse(OptionType& out, std::string& fmt) {
    bool array = false;
    if (peek() == "array") {
      next(), next();  // array of
      array = true;
    }
    if (peek() == "{") {
      next();
      out.base = OptionType::Base::Record;
      out.array = array;
      bool text_seen = false;
      while (true) {
        if (text_seen) fail("text and string fields must be the last item in a record");
        bool field_array = false;
        if (peek() == "array") {
          next(), next();
          field_array = true;
          if (array) fail("no nested arrays in option definitions");
        }
        OptionType f = simple(fmt);
        f.array = field_array;
        if (f.base == OptionType::Base::Encapsulate && peek() != "}")
          fail("encapsulate must always be the last item");
        if (field_array && (f.base == OptionType::Base::Text || f.base == OptionType::Base::DomainList ||
                            f.base == OptionType::Base::DomainListCompressed))
          fail("arrays of text strings are not supported");
        if (field_array && f.base == OptionType::Base::Zerolen) fail("array incompatible with zerolen");
        if (field_array) fmt += 'a';
        if (f.base == OptionType::Base::Text || f.base == OptionType::Base::String ||
            f.base == OptionType::Base::Zerolen)
          text_seen = true;
        out.fields.push_back(std::move(f));
        std::string sep = next();
        if (sep == "}") break;
      }
      if (array) fmt += 'A';
      return;
    }
    out = simple(fmt);
    out.array = array;
    if (array && (out.base == OptionType::Base::Text || out.base == OptionType::Base::DomainList ||
                  out.base == OptionType::Base::DomainListCompressed))
      fail("arrays of text strings are not supported");
    if (array && out.base == OptionType::Base::Zerolen) fail("array incompatible with zerolen");
    if (array && out.base == OptionType::Base::Encapsulate) fail("arrays of encapsulations don't make sense");
    if (array) fmt += 'A';
  }
};

std::vector<std::string> type_tokens(std::string_view s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (c == '#') {
      while (i < s.size() && s[i] != '\n') ++i;
    } else if (c == '{' || c == '}' || c == ',') {
      out.emplace_back(1, c);
      ++i;
    } else {
      std::size_t j = i;
      while (j < s.size() && !std::isspace(static_cast<unsigned char>(s[j])) && s[j] != '{' && s[j] != '}' &&
             s[j] != ',' && s[j] != ';' && s[j] != '#')
        ++j;
      out.push_back(lower(s.substr(i, j - i)));
      i = j;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Actions

template <typename Rule>
struct action : pegtl::nothing<Rule> {};

#define ACTION(rule) \
  template <>        \
  struct action<g::rule>

/// Expression ends: typed ones are combined now; a parenthesised one waits for its context.
template <Cx C, bool Check = true>
struct typed_expr_action {
  template <typename Input>
  static void apply(const Input&, ParseState& st) { finish_expr(st, C, Check); }
};
ACTION(expr_begin) {
  template <typename Input>
  static void apply(const Input&, ParseState& st) { st.marks.push_back(st.items.size()); }
};
ACTION(expr_any) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    Item g;
    g.kind = Item::Kind::Group;
    g.group = take_items(st);
    const char* b = skip_space(in.begin(), in.end());
    g.span = st.span(st.offset(b), st.offset(in.end()));
    st.items.push_back(std::move(g));
  }
};
ACTION(expr_data) : typed_expr_action<Cx::Data> {};
ACTION(expr_num) : typed_expr_action<Cx::Numeric> {};
ACTION(expr_bool) : typed_expr_action<Cx::Boolean> {};
ACTION(call_arg) : typed_expr_action<Cx::Any> {};
ACTION(option_expr) : typed_expr_action<Cx::Data> {};
ACTION(param_expr) : typed_expr_action<Cx::Data> {};
ACTION(match_data) : typed_expr_action<Cx::Data> {};
ACTION(set_value) : typed_expr_action<Cx::Any> {};
ACTION(eval_value) : typed_expr_action<Cx::Any> {};
ACTION(expr_stmt_value) : typed_expr_action<Cx::Data, false> {};  // dhcpd: parse_expression, no type check
ACTION(switch_expr) : typed_expr_action<Cx::DataOrNumeric> {};
ACTION(case_value) {
  template <typename Input>
  static void apply(const Input&, ParseState& st) {
    Cx cx = Cx::Data;
    if (auto* sw = st.top().owner ? st.top().owner->as<SwitchStmt>() : nullptr)
      if (expr_type(sw->expr->op) == ExprType::Numeric) cx = Cx::Numeric;
    finish_expr(st, cx);
  }
};

// Binary operators
template <ExprOp Op>
struct binop_action {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto t = raw_token(in, st);
    Item item;
    item.kind = Item::Kind::Op;
    item.op = Op;
    item.span = st.span(t.begin, t.end);
    st.items.push_back(std::move(item));
  }
};
ACTION(bin_eq) : binop_action<ExprOp::Equal> {};
ACTION(bin_ne) : binop_action<ExprOp::NotEqual> {};
ACTION(bin_regex) : binop_action<ExprOp::RegexMatch> {};
ACTION(bin_iregex) : binop_action<ExprOp::IRegexMatch> {};
ACTION(bin_and) : binop_action<ExprOp::And> {};
ACTION(bin_or) : binop_action<ExprOp::Or> {};
ACTION(bin_add) : binop_action<ExprOp::Add> {};
ACTION(bin_mul) : binop_action<ExprOp::Multiply> {};
ACTION(bin_div) : binop_action<ExprOp::Divide> {};
ACTION(bin_mod) : binop_action<ExprOp::Remainder> {};
ACTION(bin_band) : binop_action<ExprOp::BinaryAnd> {};
ACTION(bin_bor) : binop_action<ExprOp::BinaryOr> {};
ACTION(bin_bxor) : binop_action<ExprOp::BinaryXor> {};
ACTION(bin_minus) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto t = raw_token(in, st);
    st.fail(t.begin, t.end, "'-' is not an operator in dhcpd expressions (there is no subtraction)");
  }
};
ACTION(bang_alone) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto t = raw_token(in, st);
    st.fail(t.begin, t.end, "'!' must be followed by '=' ('!=')");
  }
};

// Nesting depth: '(' of calls and groups, and `not`.
ACTION(fn_lparen) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto t = raw_token(in, st);
    st.check_depth(t.begin, t.end);
    ++st.depth;
    st.fn_marks.push_back(st.items.size());
  }
};
ACTION(paren_open) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto t = raw_token(in, st);
    st.check_depth(t.begin, t.end);
    ++st.depth;
  }
};
ACTION(op_paren) {
  template <typename Input>
  static void apply(const Input&, ParseState& st) { --st.depth; }
};
ACTION(op_not_head) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto t = raw_token(in, st);
    st.check_depth(t.begin, t.end);
    ++st.depth;
  }
};
ACTION(op_not) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    --st.depth;
    Item operand = std::move(st.items.back());
    st.items.pop_back();
    ExprPtr inner = settle(st, operand, Cx::Boolean, 0);
    if (expr_type(inner->op) != ExprType::Boolean)
      st.fail(inner->span, "expected a boolean expression after 'not'");
    auto e = new_expr(ExprOp::Not);
    e->args.push_back(std::move(inner));
    push_operand(st, in, std::move(e));
  }
};

// Operands
ACTION(option_name_raw) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    std::string_view s = in.string_view();
    st.pending_opt = OptionRef{};
    auto dot = s.find('.');
    if (dot != std::string_view::npos) {
      st.pending_opt.space = std::string(s.substr(0, dot));
      st.pending_opt.name = std::string(s.substr(dot + 1));
    } else {
      st.pending_opt.name = std::string(s);
    }
    st.pending_opt.span = st.span(st.offset(in.begin()), st.offset(in.end()));
  }
};
template <ExprOp Op>
struct option_operand_action {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto e = new_expr(Op);
    e->option = std::make_unique<OptionRef>(std::move(st.pending_opt));
    push_operand(st, in, std::move(e));
  }
};
ACTION(op_exists) : option_operand_action<ExprOp::Exists> {};
ACTION(op_option) : option_operand_action<ExprOp::Option> {};
ACTION(op_config_option) : option_operand_action<ExprOp::ConfigOption> {};

template <ExprOp Op>
struct simple_operand_action {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) { push_operand(st, in, new_expr(Op)); }
};
ACTION(op_known) : simple_operand_action<ExprOp::Known> {};
ACTION(op_static) : simple_operand_action<ExprOp::Static> {};
ACTION(op_hardware) : simple_operand_action<ExprOp::Hardware> {};
ACTION(op_leased_address) : simple_operand_action<ExprOp::LeasedAddress> {};
ACTION(op_client_state) : simple_operand_action<ExprOp::ClientState> {};
ACTION(op_filename) : simple_operand_action<ExprOp::Filename> {};
ACTION(op_server_name) : simple_operand_action<ExprOp::ServerName> {};
ACTION(op_lease_time) : simple_operand_action<ExprOp::LeaseTime> {};
ACTION(op_null) : simple_operand_action<ExprOp::Null> {};
ACTION(op_host_decl_name) : simple_operand_action<ExprOp::HostDeclName> {};

ACTION(string_raw) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    st.last_string = decode_string(in.string_view());
    st.last_string_span = st.span(st.offset(in.begin()), st.offset(in.end()));
  }
};
ACTION(op_check) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    if (st.last_string != "default")
      st.fail(st.last_string_span, fmt::format("unknown collection '{}' (dhcpd has only \"default\")", st.last_string));
    auto e = new_expr(ExprOp::Check);
    e->name = st.last_string;
    push_operand(st, in, std::move(e));
  }
};
ACTION(op_string) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto e = new_expr(ExprOp::ConstData);
    e->data.assign(st.last_string.begin(), st.last_string.end());
    push_operand(st, in, std::move(e));
  }
};
ACTION(op_gethostbyname) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    pop_args(st);
    auto e = new_expr(ExprOp::GetHostByName);
    e->name = st.last_string;
    push_operand(st, in, std::move(e));
  }
};
ACTION(int_width) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto t = raw_token(in, st);
    if (t.text != "8" && t.text != "16" && t.text != "32")
      st.fail(t.begin, t.end, fmt::format("integer width must be 8, 16 or 32, not {}", t.text));
    st.last_number = std::stoi(std::string(t.text));
  }
};
ACTION(op_int_constant) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    static const std::pair<const char*, int> kValues[] = {
        {"formerr", 1}, {"noerror", 0}, {"notauth", 9}, {"notimp", 4}, {"notzone", 10}, {"nxdomain", 3},
        {"nxrrset", 8}, {"refused", 5}, {"servfail", 2}, {"yxdomain", 6}, {"yxrrset", 7}, {"booting", 3},
        {"reboot", 6}, {"select", 2}, {"request", 4}, {"bound", 5}, {"renew", 7}, {"rebind", 8}};
    auto t = raw_token(in, st);
    std::string w = lower(t.text);
    auto e = new_expr(ExprOp::ConstInt);
    for (auto& [k, v] : kValues)
      if (w == k) e->number = v;
    push_operand(st, in, std::move(e));
  }
};
ACTION(variable_name) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto t = raw_token(in, st);
    st.variable = std::string(t.text);
    st.variable_span = st.span(t.begin, t.end);
  }
};
ACTION(set_name) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) { st.set_name = std::string(raw_token(in, st).text); }
};
ACTION(op_defined) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    pop_args(st);
    auto e = new_expr(ExprOp::VariableExists);
    e->name = st.variable;
    push_operand(st, in, std::move(e));
  }
};

template <ExprOp Op, std::size_t N>
struct call_operand_action {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto e = new_expr(Op);
    e->args = pop_args(st);
    if (Op == ExprOp::ExtractInt || Op == ExprOp::EncodeInt) e->number = st.last_number;
    push_operand(st, in, std::move(e));
  }
};
ACTION(op_substring) : call_operand_action<ExprOp::Substring, 3> {};
ACTION(op_suffix) : call_operand_action<ExprOp::Suffix, 2> {};
ACTION(op_lcase) : call_operand_action<ExprOp::Lcase, 1> {};
ACTION(op_ucase) : call_operand_action<ExprOp::Ucase, 1> {};
ACTION(op_concat) : call_operand_action<ExprOp::Concat, 2> {};
ACTION(op_binary_to_ascii) : call_operand_action<ExprOp::BinaryToAscii, 4> {};
ACTION(op_reverse) : call_operand_action<ExprOp::Reverse, 2> {};
ACTION(op_pick_first_value) : call_operand_action<ExprOp::PickFirstValue, 1> {};
ACTION(op_packet) : call_operand_action<ExprOp::Packet, 2> {};
ACTION(op_extract_int) : call_operand_action<ExprOp::ExtractInt, 1> {};
ACTION(op_encode_int) : call_operand_action<ExprOp::EncodeInt, 1> {};
ACTION(op_gethostname) : call_operand_action<ExprOp::GetHostName, 0> {};
ACTION(op_v6relay) : call_operand_action<ExprOp::V6Relay, 2> {};

ACTION(op_call) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto e = new_expr(ExprOp::FunCall);
    e->args = pop_args(st);
    const char* b = skip_space(in.begin(), in.end());
    const char* p = b;
    while (p < in.end() && (std::isalnum(static_cast<unsigned char>(*p)) || *p == '-' || *p == '_')) ++p;
    e->name = std::string(b, p);
    push_operand(st, in, std::move(e));
  }
};
ACTION(op_atom) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto t = raw_token(in, st);
    std::string_view s = t.text;
    if (is_decimal(s)) {
      auto e = new_expr(ExprOp::ConstInt);
      e->literal = true;
      e->name = std::string(s);
      std::from_chars(s.data(), s.data() + s.size(), e->number);
      push_operand(st, in, std::move(e));
      return;
    }
    bool hexish = all_of(s, [](int c) { return std::isxdigit(c) || c == ':'; });
    if (hexish) {
      auto bytes = parse_cshl(s);
      if (!bytes) st.fail(t.begin, t.end, fmt::format("invalid colon-separated hex data '{}'", s));
      auto e = new_expr(ExprOp::ConstData);
      e->data = std::move(*bytes);
      push_operand(st, in, std::move(e));
      return;
    }
    if (s.find_first_of(".:") != std::string_view::npos)
      st.fail(t.begin, t.end, fmt::format("unexpected '{}' in an expression", s));
    auto e = new_expr(ExprOp::Variable);
    e->name = std::string(s);
    push_operand(st, in, std::move(e));
  }
};

// ---- values
ACTION(val_string_raw) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    st.values.push_back({ValueKind::String, decode_string(in.string_view()),
                         st.span(st.offset(in.begin()), st.offset(in.end()))});
  }
};
ACTION(val_comma_raw) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    st.values.push_back({ValueKind::Comma, ",", st.span(st.offset(in.begin()), st.offset(in.end()))});
  }
};
ACTION(val_atom_raw) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    std::string_view s = in.string_view();
    Span sp = st.span(st.offset(in.begin()), st.offset(in.end()));
    ValueKind k = classify_atom(s);
    // A statement keyword at the start of a new line inside a value list: the ';' is missing.
    if (k == ValueKind::Name && !st.values.empty() && is_statement_word(s)) {
      const auto& prev = st.values.back();
      if (prev.kind != ValueKind::Comma && sp.line() != prev.span.line())
        st.fail(prev.span.end, prev.span.end, "expected ';' after value");
    }
    st.values.push_back({k, std::string(s), sp});
  }
};

/// Values of one statement; a value that is a statement keyword on its own line means a missing ';'.
ValueTokens take_values(ParseState& st) {
  ValueTokens v = std::move(st.values);
  st.values.clear();
  return v;
}

// ---- blocks
ACTION(block_open) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto t = raw_token(in, st);
    st.check_depth(t.begin, t.end);
    ++st.depth;
    if (auto* sc = st.pending_body.owner ? st.pending_body.owner->as<ScopeStmt>() : nullptr) sc->open_brace = st.span(t.begin, t.end);
    st.frames.push_back(Frame{st.pending_body.body, st.pending_body.ctx, st.pending_body.owner, t.begin, st.file});
    st.pending_body = {};
  }
};
ACTION(block_close) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    --st.depth;
    Frame f = st.frames.back();
    st.frames.pop_back();
    if (f.owner) {
      f.owner->span.end = st.offset(in.end());
      if (auto* sn = f.owner->as<SharedNetworkDecl>()) {
        bool has_subnet = std::any_of(sn->body.begin(), sn->body.end(), [](const StmtPtr& x) { return x->is<SubnetDecl>(); });
        if (!has_subnet) st.fail(sn->name_span, fmt::format("empty shared-network '{}': it declares no subnet", sn->name));
      }
      if (auto* i = f.owner->as<IfStmt>()) i->branches.back().span.end = st.offset(in.end());
    }
  }
};

void open_body(ParseState& st, Body* body, Ctx ctx, Stmt* owner) { st.pending_body = PendingBody{body, ctx, owner}; }

template <typename T>
T& open_scope(ParseState& st, Ctx ctx) {
  auto node = make_stmt<T>(st, st.stmt_begin, st.stmt_begin);
  T& ref = append(st, std::move(node));
  open_body(st, &ref.body, ctx, &ref);
  return ref;
}

// Heads record where the statement starts and check where it may appear.
template <typename Input>
RawTok head(const Input& in, ParseState& st) {
  auto t = raw_token(in, st);
  st.stmt_begin = t.begin;
  st.kw_span = st.span(t.begin, t.end);
  st.values.clear();
  st.pending_name.clear();
  st.ips.clear();
  return t;
}

bool not_in(Ctx c, std::initializer_list<Ctx> bad) { return std::find(bad.begin(), bad.end(), c) == bad.end(); }

ACTION(include_stmt) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st);
};
ACTION(include_file) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) { head(in, st); }
};

ACTION(group_head) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto t = head(in, st);
    require_ctx(st, t, not_in(st.top().ctx, {Ctx::Class, Ctx::Subclass}) && !is_exec(st.top().ctx), "a group declaration");
  }
};
ACTION(group_name) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto t = raw_token(in, st);
    st.pending_name = name_text(t);
    st.pending_name_span = st.span(t.begin, t.end);
  }
};
ACTION(group_ref) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    if (st.top().ctx != Ctx::Host) st.fail(st.pending_name_span, "a named group reference ('group \"name\";') is only allowed inside a host");
    auto p = make_stmt<ParamStmt>(st, st.stmt_begin, st.offset(in.end()));
    p->name = "group";
    p->name_span = st.kw_span;
    p->values.push_back({ValueKind::String, st.pending_name, st.pending_name_span});
    append(st, std::move(p));
  }
};
ACTION(group_open) {
  template <typename Input>
  static void apply(const Input&, ParseState& st) {
    if (st.top().ctx == Ctx::Host) st.fail(st.kw_span, "a group declaration is not allowed inside a host");
    auto& g = open_scope<GroupDecl>(st, Ctx::Group);
    g.name = st.pending_name;
  }
};

ACTION(shared_network_head) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto t = head(in, st);
    require_ctx(st, t, st.top().ctx == Ctx::Global || st.top().ctx == Ctx::Group, "a shared-network declaration");
  }
};
ACTION(shared_network_name) : action<g::group_name> {};
ACTION(shared_network_open) {
  template <typename Input>
  static void apply(const Input&, ParseState& st) {
    if (st.pending_name.empty()) st.fail(st.pending_name_span, "zero-length shared-network name");
    auto& n = open_scope<SharedNetworkDecl>(st, Ctx::SharedNetwork);
    n.name = st.pending_name;
    n.name_span = st.pending_name_span;
  }
};

ACTION(subnet_head) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto t = head(in, st);
    require_ctx(st, t, st.top().ctx == Ctx::Global || st.top().ctx == Ctx::Group || st.top().ctx == Ctx::SharedNetwork,
                "a subnet declaration");
  }
};
ACTION(subnet6_decl) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto t = raw_token(in, st);
    st.fail(t.begin, t.end, "'subnet6' is DHCPv6; only DHCPv4 configurations are supported");
  }
};
template <bool Push>
struct ip_action {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto t = raw_token(in, st);
    st.ips.emplace_back(parse_ip(st, t), st.span(t.begin, t.end));
  }
};
ACTION(subnet_network) : ip_action<true> {};
ACTION(subnet_netmask) : ip_action<true> {};
ACTION(subnet_open) {
  template <typename Input>
  static void apply(const Input&, ParseState& st) {
    auto [net, net_span] = st.ips[0];
    auto [mask, mask_span] = st.ips[1];
    if ((net.value & ~mask.value) != 0)
      st.fail(net_span, fmt::format("subnet {} netmask {}: bad subnet number/mask combination", net.str(), mask.str()));
    auto& n = open_scope<SubnetDecl>(st, Ctx::Subnet);
    n.network = net;
    n.netmask = mask;
    n.network_span = net_span;
    n.netmask_span = mask_span;
  }
};

ACTION(pool_head) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto t = head(in, st);
    if (st.top().ctx == Ctx::Pool) st.fail(t.begin, t.end, "pool declared within pool");
    require_ctx(st, t, st.top().ctx == Ctx::Subnet || st.top().ctx == Ctx::SharedNetwork,
                "a pool declaration (pools belong in a subnet or shared-network)");
  }
};
ACTION(pool_open) {
  template <typename Input>
  static void apply(const Input&, ParseState& st) { open_scope<PoolDecl>(st, Ctx::Pool); }
};

ACTION(host_head) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto t = head(in, st);
    require_ctx(st, t, not_in(st.top().ctx, {Ctx::Host, Ctx::Class, Ctx::Subclass}) && !is_exec(st.top().ctx),
                "a host declaration");
  }
};
ACTION(host_name) : action<g::group_name> {};
ACTION(host_open) {
  template <typename Input>
  static void apply(const Input&, ParseState& st) {
    auto& n = open_scope<HostDecl>(st, Ctx::Host);
    n.name = st.pending_name;
    st.hosts.push_back({fnv1a(n.name), static_cast<std::uint32_t>(st.hosts.size()), st.pending_name_span});
    n.name_span = st.pending_name_span;
  }
};

ACTION(class_head) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto t = head(in, st);
    std::string w = lower(t.text);
    st.class_type = w == "class" ? ClassType::Class : w == "vendor-class" ? ClassType::VendorClass : ClassType::UserClass;
    require_ctx(st, t, not_in(st.top().ctx, {Ctx::Class, Ctx::Subclass}) && !is_exec(st.top().ctx), "a class declaration");
  }
};
ACTION(class_name) : action<g::group_name> {};
ACTION(class_open) {
  template <typename Input>
  static void apply(const Input&, ParseState& st) {
    st.classes.insert(st.pending_name);
    auto& n = open_scope<ClassDecl>(st, Ctx::Class);
    n.type = st.class_type;
    n.name = st.pending_name;
    n.name_span = st.pending_name_span;
  }
};

ACTION(subclass_head) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto t = head(in, st);
    require_ctx(st, t, not_in(st.top().ctx, {Ctx::Class, Ctx::Subclass}) && !is_exec(st.top().ctx), "a subclass declaration");
  }
};
ACTION(subclass_class) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    action<g::group_name>::apply(in, st);
    if (!st.classes.count(st.pending_name))
      st.fail(st.pending_name_span, fmt::format("no class named '{}' (a subclass needs its class declared first)", st.pending_name));
  }
};
ACTION(subclass_value_string) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto e = new_expr(ExprOp::ConstData);
    std::string v = decode_string(in.string_view());
    e->data.assign(v.begin(), v.end());
    e->span = st.span(st.offset(in.begin()), st.offset(in.end()));
    st.subclass_value = std::move(e);
  }
};
ACTION(subclass_value_hex) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto bytes = parse_cshl(in.string_view());
    Span sp = st.span(st.offset(in.begin()), st.offset(in.end()));
    if (!bytes) st.fail(sp, fmt::format("invalid colon-separated hex data '{}'", in.string_view()));
    auto e = new_expr(ExprOp::ConstData);
    e->data = std::move(*bytes);
    e->span = sp;
    st.subclass_value = std::move(e);
  }
};
SubclassDecl& add_subclass(ParseState& st, std::uint32_t end) {
  auto node = make_stmt<SubclassDecl>(st, st.stmt_begin, end);
  node->class_name = st.pending_name;
  node->class_span = st.pending_name_span;
  node->value = std::move(st.subclass_value);
  return append(st, std::move(node));
}
ACTION(semi_subclass) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) { add_subclass(st, st.offset(in.end())); }
};
ACTION(subclass_open) {
  template <typename Input>
  static void apply(const Input&, ParseState& st) {
    auto& n = add_subclass(st, st.stmt_begin);
    n.has_body = true;
    open_body(st, &n.body, Ctx::Subclass, &n);
  }
};

// ---- failover / key / zone
ACTION(generic_word) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto t = raw_token(in, st);
    Span sp = st.span(t.begin, t.end);
    if (t.text[0] == '"') st.generic_words.push_back({ValueKind::String, decode_string(t.text), sp});
    else if (t.text == ",") st.generic_words.push_back({ValueKind::Comma, ",", sp});
    else {
      ValueKind k = classify_atom(t.text);
      st.generic_words.push_back({k, k == ValueKind::Name ? lower(t.text) : std::string(t.text), sp});
    }
  }
};
ACTION(generic_line) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto t = raw_token(in, st);
    st.generic_lines.push_back(GenericLine{std::move(st.generic_words), st.span(t.begin, t.end)});
    st.generic_words.clear();
  }
};
ACTION(generic_open) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto t = raw_token(in, st);
    st.check_depth(t.begin, t.end);
    st.generic_lines.clear();
  }
};
/// failover peer / key / zone: NAME plus the generic lines of its block.
template <typename T>
void add_generic_decl(ParseState& st, std::uint32_t end) {
  auto n = make_stmt<T>(st, st.stmt_begin, end);
  n->name = st.pending_name;
  n->lines = std::move(st.generic_lines);
  st.generic_lines.clear();
  append(st, std::move(n));
}
ACTION(failover_head) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    head(in, st);
    st.failover_was_ref = false;
  }
};
ACTION(failover_name) : action<g::group_name> {};
ACTION(failover_ref) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    Ctx c = st.top().ctx;
    if (c != Ctx::Pool && c != Ctx::SharedNetwork)
      st.fail(st.kw_span, "a failover peer reference is only allowed inside a pool or shared-network");
    auto p = make_stmt<ParamStmt>(st, st.stmt_begin, st.offset(in.end()));
    p->name = "failover-peer";
    p->name_span = st.kw_span;
    p->values.push_back({ValueKind::String, st.pending_name, st.pending_name_span});
    append(st, std::move(p));
    st.failover_was_ref = true;
  }
};
ACTION(failover_decl) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    if (st.failover_was_ref) return;
    Ctx c = st.top().ctx;
    if (c != Ctx::Global && c != Ctx::SharedNetwork)
      st.fail(st.kw_span, "failover peers may only be declared at the top level or in a shared-network");
    add_generic_decl<FailoverPeerDecl>(st, st.offset(in.end()));
  }
};
ACTION(key_head) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) { head(in, st); }
};
ACTION(key_name) : action<g::group_name> {};
ACTION(key_decl) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    st.keys.insert(lower(st.pending_name));
    add_generic_decl<KeyDecl>(st, st.offset(in.end()));
  }
};
ACTION(zone_head) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) { head(in, st); }
};
ACTION(zone_name) : action<g::group_name> {};
ACTION(zone_decl) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    for (const auto& line : st.generic_lines)
      if (line.words.size() >= 2 && line.words[0].text == "key" && !st.keys.count(lower(line.words[1].text)))
        st.fail(line.words[1].span, fmt::format("unknown key '{}' (keys must be declared before the zone)", line.words[1].text));
    add_generic_decl<ZoneDecl>(st, st.offset(in.end()));
  }
};

// ---- option statements and definitions
ACTION(option_head) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    head(in, st);
    st.pending_verb = OptionVerb::Option;
    st.code_width = st.length_width = 1;
    st.hash_size.reset();
  }
};
ACTION(verb_head) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto t = head(in, st);
    std::string w = lower(t.text);
    st.pending_verb = w == "supersede" ? OptionVerb::Supersede
                      : w == "append"  ? OptionVerb::Append
                      : w == "prepend" ? OptionVerb::Prepend
                                       : OptionVerb::Send;
  }
};
ACTION(default_head) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    head(in, st);
    st.pending_verb = OptionVerb::Default;
  }
};
ACTION(default_label) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    if (st.top().ctx != Ctx::Switch) st.fail(st.kw_span, "'default:' is only allowed directly inside a switch");
    append(st, make_stmt<DefaultStmt>(st, st.stmt_begin, st.offset(in.end())));
  }
};
ACTION(option_space_name) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto t = raw_token(in, st);
    st.pending_name = std::string(t.text);
    st.pending_name_span = st.span(t.begin, t.end);
  }
};
ACTION(space_number) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto t = raw_token(in, st);
    auto r = std::from_chars(t.text.data(), t.text.data() + t.text.size(), st.last_number);
    if (r.ec != std::errc()) st.fail(t.begin, t.end, fmt::format("number '{}' is out of range", t.text));
  }
};
ACTION(space_code_width) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    if (st.last_number != 1 && st.last_number != 2 && st.last_number != 4)
      st.fail(raw_token(in, st).begin, st.offset(in.end()), fmt::format("code width must be 1, 2 or 4, not {}", st.last_number));
    st.code_width = static_cast<int>(st.last_number);
  }
};
ACTION(space_length_width) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    if (st.last_number != 1 && st.last_number != 2)
      st.fail(raw_token(in, st).begin, st.offset(in.end()), fmt::format("length width must be 1 or 2, not {}", st.last_number));
    st.length_width = static_cast<int>(st.last_number);
  }
};
ACTION(space_hash_size) {
  template <typename Input>
  static void apply(const Input&, ParseState& st) { st.hash_size = static_cast<int>(st.last_number); }
};
ACTION(option_space_decl) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    if (st.top().ctx != Ctx::Global) st.fail(st.kw_span, "option space definitions may only appear at the top level");
    auto n = make_stmt<OptionSpaceDecl>(st, st.stmt_begin, st.offset(in.end()));
    n->name = st.pending_name;
    n->code_width = st.code_width;
    n->length_width = st.length_width;
    n->hash_size = st.hash_size;
    append(st, std::move(n));
  }
};
ACTION(option_code) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto t = raw_token(in, st);
    std::uint32_t v = 0;
    auto r = std::from_chars(t.text.data(), t.text.data() + t.text.size(), v);
    if (r.ec != std::errc()) st.fail(t.begin, t.end, fmt::format("option code '{}' is out of range", t.text));
    st.option_code = v;
    st.option_code_span = st.span(t.begin, t.end);
  }
};
ACTION(option_type) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto t = raw_token(in, st);
    st.type_text = std::string(t.text);
    st.type_span = st.span(t.begin, t.end);
  }
};
ACTION(option_def_tail) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    if (st.top().ctx != Ctx::Global) st.fail(st.kw_span, "option definitions may only appear at the top level");
    auto n = make_stmt<OptionDefStmt>(st, st.stmt_begin, st.offset(in.end()));
    n->space = st.pending_opt.space;
    n->name = st.pending_opt.name;
    n->name_span = st.pending_opt.span;
    n->code = st.option_code;
    n->code_span = st.option_code_span;
    n->type_span = st.type_span;
    TypeParser tp{st, st.type_span, type_tokens(st.type_text)};
    // normalised text: tokens joined by single spaces
    for (std::size_t i = 0; i < tp.toks.size(); ++i) {
      const auto& w = tp.toks[i];
      if (i && w != "," && w != "}" && tp.toks[i - 1] != "{") n->type_text += ' ';
      n->type_text += w;
    }
    tp.parse(n->type, n->format);
    append(st, std::move(n));
  }
};
ACTION(option_stmt_name) {
  template <typename Input>
  static void apply(const Input&, ParseState& st) { st.stmt_opt = st.pending_opt; }
};
void add_option_stmt(ParseState& st, std::uint32_t end, ExprPtr expr) {
  auto n = make_stmt<OptionStmt>(st, st.stmt_begin, end);
  n->verb = st.pending_verb;
  n->option = std::move(st.stmt_opt);
  n->values = take_values(st);
  n->expr = std::move(expr);
  append(st, std::move(n));
}
ACTION(option_expr_tail) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) { add_option_stmt(st, st.offset(in.end()), pop_expr(st)); }
};
ACTION(option_values_tail) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) { add_option_stmt(st, st.offset(in.end()), nullptr); }
};

// ---- range / fixed-address / hardware
ACTION(range_head) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto t = head(in, st);
    st.dynamic_bootp = false;
    require_ctx(st, t, st.top().ctx == Ctx::Subnet || st.top().ctx == Ctx::Pool,
                "a range declaration (ranges belong in a subnet or pool)");
  }
};
ACTION(range_dynamic_bootp) {
  template <typename Input>
  static void apply(const Input&, ParseState& st) { st.dynamic_bootp = true; }
};
ACTION(range_low) : ip_action<true> {};
ACTION(range_high) : ip_action<true> {};
ACTION(range_stmt) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto n = make_stmt<RangeStmt>(st, st.stmt_begin, st.offset(in.end()));
    n->dynamic_bootp = st.dynamic_bootp;
    n->low = st.ips[0].first;
    n->low_span = st.ips[0].second;
    if (st.ips.size() > 1) {
      n->high = st.ips[1].first;
      n->high_span = st.ips[1].second;
    }
    append(st, std::move(n));
  }
};
ACTION(fixed_address_head) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto t = head(in, st);
    st.fixed.clear();
    require_ctx(st, t, st.top().ctx == Ctx::Host, "'fixed-address'");
  }
};
ACTION(fixed_address_entry) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto t = raw_token(in, st);
    FixedAddressStmt::Entry e;
    e.span = st.span(t.begin, t.end);
    // dhcpd (parse_ip_addr_or_hostname): NUMBER '.' NUMBER starts an address, anything else is a name.
    auto dot = t.text.find('.');
    std::string_view first = t.text.substr(0, dot);
    std::string_view second = dot == std::string_view::npos ? std::string_view() : t.text.substr(dot + 1);
    second = second.substr(0, second.find('.'));
    if (is_decimal(first) && is_decimal(second)) {
      e.ip = parse_ip(st, t);
    } else {
      if (t.text.find(':') != std::string_view::npos || t.text.back() == '.' || t.text.find("..") != std::string_view::npos)
        st.fail(t.begin, t.end, fmt::format("invalid host name '{}'", t.text));
      e.hostname = std::string(t.text);
    }
    st.fixed.push_back(std::move(e));
  }
};
ACTION(fixed_address_stmt) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto n = make_stmt<FixedAddressStmt>(st, st.stmt_begin, st.offset(in.end()));
    n->addresses = std::move(st.fixed);
    st.fixed.clear();
    append(st, std::move(n));
  }
};
ACTION(hardware_head) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto t = head(in, st);
    require_ctx(st, t, st.top().ctx == Ctx::Host, "'hardware'");
  }
};
ACTION(hardware_type) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) { st.hw_type = lower(raw_token(in, st).text); }
};
ACTION(hardware_address) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto t = raw_token(in, st);
    std::uint8_t htype = st.hw_type == "ethernet" ? 1 : st.hw_type == "token-ring" ? 6 : st.hw_type == "fddi" ? 8 : 32;
    auto bytes = parse_cshl(t.text);
    if (!bytes) st.fail(t.begin, t.end, fmt::format("invalid hardware address '{}'", t.text));
    st.hw_addr = HwAddr{htype, std::move(*bytes)};
  }
};
ACTION(hardware_stmt) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto n = make_stmt<HardwareStmt>(st, st.stmt_begin, st.offset(in.end()));
    n->type_name = st.hw_type;
    n->address = st.hw_addr;
    append(st, std::move(n));
  }
};

// ---- allow / deny / ignore
ACTION(permit_head) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto t = head(in, st);
    st.permit_verb = lower(t.text);
    st.permit_flag.clear();
    st.permit_text.clear();
    st.permit_unknown_words = false;
  }
};
template <PermitStmt::What W>
struct permit_action {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    st.permit_what = W;
    if constexpr (W == PermitStmt::What::UnknownClients) {
      std::string w = lower(raw_token(in, st).text);
      st.permit_unknown_words = w.rfind("unknown-clients", 0) != 0;
    }
  }
};
ACTION(permit_unknown) : permit_action<PermitStmt::What::UnknownClients> {};
ACTION(permit_known) : permit_action<PermitStmt::What::KnownClients> {};
ACTION(permit_all) : permit_action<PermitStmt::What::AllClients> {};
ACTION(permit_dynamic_bootp) : permit_action<PermitStmt::What::DynamicBootpClients> {};
ACTION(permit_authenticated) : permit_action<PermitStmt::What::AuthenticatedClients> {};
ACTION(permit_unauthenticated) : permit_action<PermitStmt::What::UnauthenticatedClients> {};
ACTION(permit_members) : permit_action<PermitStmt::What::MembersOf> {};
ACTION(permit_after) : permit_action<PermitStmt::What::After> {};
ACTION(permit_class) {
  template <typename Input>
  static void apply(const Input&, ParseState& st) { st.permit_text = st.last_string; }
};
ACTION(permit_date) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto t = raw_token(in, st);
    std::string_view s = t.text;
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    st.permit_text = std::string(s);
  }
};
ACTION(permit_flag) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) { st.permit_flag = lower(raw_token(in, st).text); }
};
ACTION(permit_stmt) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    const bool in_pool = st.top().ctx == Ctx::Pool;
    std::string flag = st.permit_flag;
    if (flag.empty() && (!in_pool || st.permit_verb == "ignore")) {
      // Outside a pool (or `ignore` anywhere) only server flags exist; `unknown-clients` is one.
      if (st.permit_what == PermitStmt::What::UnknownClients && !st.permit_unknown_words) {
        flag = "unknown-clients";
      } else {
        st.fail(st.kw_span, fmt::format("this '{}' permit is only allowed inside a pool; outside a pool "
                                        "'{}' takes bootp, booting, dynamic-bootp, unknown-clients, duplicates, "
                                        "declines, client-updates or leasequery", st.permit_verb, st.permit_verb));
      }
    }
    if (!flag.empty()) {
      if (in_pool && st.permit_verb != "ignore")
        st.fail(st.kw_span, fmt::format("'{} {}' is not a pool permit; expected a permit such as 'unknown-clients' or "
                                        "'members of \"CLASS\"'", st.permit_verb, flag));
      static const std::pair<const char*, const char*> kFlags[] = {
          {"bootp", "allow-bootp"}, {"booting", "allow-booting"}, {"dynamic-bootp", "dynamic-bootp"},
          {"unknown-clients", "boot-unknown-clients"}, {"duplicates", "duplicates"}, {"declines", "declines"},
          {"client-updates", "client-updates"}, {"leasequery", "leasequery"}};
      auto n = make_stmt<ParamStmt>(st, st.stmt_begin, st.offset(in.end()));
      for (auto& [k, v] : kFlags)
        if (flag == k) n->name = v;
      n->name_span = st.kw_span;
      n->keyword = st.permit_verb;
      n->values.push_back({ValueKind::Name,
                           st.permit_verb == "allow" ? "true" : st.permit_verb == "deny" ? "false" : "ignore",
                           st.kw_span});
      append(st, std::move(n));
      return;
    }
    auto n = make_stmt<PermitStmt>(st, st.stmt_begin, st.offset(in.end()));
    n->allow = st.permit_verb == "allow";
    n->what = st.permit_what;
    if (st.permit_what == PermitStmt::What::MembersOf) n->class_name = st.permit_text;
    if (st.permit_what == PermitStmt::What::After) n->date_text = st.permit_text;
    append(st, std::move(n));
  }
};

// ---- authoritative / server-identifier / host and misc parameters
template <bool Not>
struct authoritative_action {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto t = raw_token(in, st);
    Ctx c = st.top().ctx;
    if (c == Ctx::Host || is_exec(c))
      st.fail(t.begin, t.begin + (Not ? 3 : 13), fmt::format("'authoritative' is not allowed {}", ctx_where(c)));
    auto n = make_stmt<ParamStmt>(st, t.begin, st.offset(in.end()));
    n->name = "authoritative";
    n->name_span = st.span(t.begin, t.end);
    if (Not) n->keyword = "not";
    append(st, std::move(n));
  }
};
ACTION(authoritative_stmt) : authoritative_action<false> {};
ACTION(not_authoritative_stmt) : authoritative_action<true> {};
ACTION(server_identifier_head) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto t = head(in, st);
    require_ctx(st, t, !is_exec(st.top().ctx), "'server-identifier'");
  }
};
ACTION(server_identifier_stmt) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto n = make_stmt<OptionStmt>(st, st.stmt_begin, st.offset(in.end()));
    n->option.name = "dhcp-server-identifier";
    n->option.span = st.kw_span;
    n->alias = true;
    n->values = take_values(st);
    append(st, std::move(n));
  }
};
ACTION(host_param_head) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto t = head(in, st);
    st.pending_name = lower(t.text);
    require_ctx(st, t, st.top().ctx == Ctx::Host, fmt::format("'{}'", st.pending_name));
  }
};
ACTION(misc_param_head) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto t = head(in, st);
    st.pending_name = lower(t.text);
    Ctx c = st.top().ctx;
    if (st.pending_name == "interface")
      require_ctx(st, t, c == Ctx::SharedNetwork || c == Ctx::Subnet, "'interface'");
    else if (st.pending_name != "db-time-format")
      require_ctx(st, t, !is_exec(c), fmt::format("'{}'", st.pending_name));
  }
};
template <typename Input>
void add_param(const Input& in, ParseState& st, ExprPtr expr) {
  auto n = make_stmt<ParamStmt>(st, st.stmt_begin, st.offset(in.end()));
  n->name = st.pending_name;
  n->name_span = st.kw_span;
  n->values = take_values(st);
  n->expr = std::move(expr);
  append(st, std::move(n));
}
ACTION(host_param_stmt) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) { add_param(in, st, nullptr); }
};
ACTION(misc_param_stmt) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) { add_param(in, st, nullptr); }
};
ACTION(param_name) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto t = head(in, st);
    st.pending_name = lower(t.text);
    st.param_items = st.items.size();
  }
};
/// Checks a server parameter's value against its format, as dhcpd's parse_option_token does for
/// the server option space: one token of the right shape, then ';'.
void check_param_values(ParseState& st, const ValueTokens& v, std::uint32_t semi) {
  const auto* p = g::find_server_param(st.pending_name);
  if (!p) return;
  std::string_view f = p->format;
  if (v.empty()) st.fail(semi, semi + 1, fmt::format("expected a value for '{}'", st.pending_name));
  const ValueToken& t = v.front();
  auto bad = [&](std::string_view what) {
    st.fail(t.span, fmt::format("expected {} for '{}', not '{}'", what, st.pending_name, t.text));
  };
  std::string w = lower(t.text);
  switch (f[0]) {
    case 'T':
      if (!(t.kind == ValueKind::Number && t.text.find('x') == std::string::npos) && w != "infinite")
        bad("a number of seconds or 'infinite'");
      break;
    case 'B': case 'S': case 'L': {
      if (t.kind != ValueKind::Number || t.text[0] == '-') bad("an unsigned number");
      unsigned long long max = f[0] == 'B' ? 255 : f[0] == 'S' ? 65535 : 4294967295ull;
      unsigned long long n = 0;
      auto r = std::from_chars(t.text.data(), t.text.data() + t.text.size(), n);
      if (r.ec != std::errc() || n > max)
        st.fail(t.span, fmt::format("{} exceeds the maximum ({}) for '{}'", t.text, max, st.pending_name));
      break;
    }
    case 'f':
      if (w != "true" && w != "false" && w != "on" && w != "off" && w != "ignore")
        bad("a boolean (true, false, on, off or ignore)");
      break;
    case 't': case 'k':
      if (t.kind == ValueKind::Comma) bad("a string");
      break;
    case 'I':
      if (t.kind != ValueKind::Ip && t.kind != ValueKind::Name) bad("an IPv4 address or host name");
      break;
    case 'U':
      if (t.kind != ValueKind::Name) bad("an option space name");
      break;
    case 'X':
      if (t.kind != ValueKind::String && t.kind != ValueKind::Hex) bad("a string or colon-separated hex list");
      break;
    case '6':
      if (t.kind != ValueKind::Hex && t.kind != ValueKind::Name && t.kind != ValueKind::Number) bad("an IPv6 address");
      break;
    case 'N': {
      static const std::vector<std::string> kStyles = {"none", "ad-hoc", "interim", "standard"};
      static const std::vector<std::string> kFacilities = {
          "kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "authpriv",
          "ftp", "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7"};
      static const std::vector<std::string> kPrefixModes = {"ignore", "prefer", "exact", "minimum", "maximum"};
      const auto& allowed = f.find("ddns") != std::string_view::npos     ? kStyles
                            : f.find("syslog") != std::string_view::npos ? kFacilities
                                                                          : kPrefixModes;
      if (t.kind != ValueKind::Name || std::find(allowed.begin(), allowed.end(), w) == allowed.end()) {
        std::string hint = did_you_mean(w, allowed);
        st.fail(t.span, fmt::format("unknown value '{}' for '{}'{}", t.text, st.pending_name,
                                    hint.empty() ? "" : fmt::format("; did you mean '{}'?", hint)));
      }
      if (w == "ad-hoc") st.fail(t.span, "ddns-update-style ad-hoc is no longer supported by dhcpd");
      break;
    }
    default: break;
  }
  if (v.size() > 1) st.fail(t.span.end, t.span.end, "expected ';' after parameter value");
}

ACTION(param_stmt) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    bool has_expr = st.items.size() > st.param_items;
    if (!has_expr) check_param_values(st, st.values, st.offset(in.end()) - 1);
    add_param(in, st, has_expr ? pop_expr(st) : nullptr);
  }
};

// ---- class bodies
template <MatchStmt::Form F>
struct match_action {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto t = raw_token(in, st);
    Ctx c = st.top().ctx;
    if (c != Ctx::Class && c != Ctx::Subclass)
      st.fail(t.begin, t.begin + (F == MatchStmt::Form::Spawn ? 5 : 5),
              fmt::format("'{}' is only allowed inside a class", F == MatchStmt::Form::Spawn ? "spawn" : "match"));
    if (auto* cls = st.top().owner ? st.top().owner->as<ScopeStmt>() : nullptr) {
      for (const auto& prev : cls->body) {
        auto* m = prev->as<MatchStmt>();
        if (!m) continue;
        if (F == MatchStmt::Form::If && m->form == MatchStmt::Form::If)
          st.fail(t.begin, st.offset(in.end()), "a class may only have one 'match if' clause");
        if (F != MatchStmt::Form::If && m->form != MatchStmt::Form::If)
          st.fail(t.begin, st.offset(in.end()), "a class may only have one 'match' or 'spawn with' clause");
      }
    }
    auto n = make_stmt<MatchStmt>(st, t.begin, st.offset(in.end()));
    n->form = F;
    n->expr = pop_expr(st);
    append(st, std::move(n));
  }
};
ACTION(match_if) {
  template <typename Input>
  static void apply(const Input&, ParseState& st) { st.match_is_if = true; }
};
ACTION(match_stmt) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    if (st.match_is_if) {
      match_action<MatchStmt::Form::If>::apply(in, st);
    } else {
      match_action<MatchStmt::Form::Data>::apply(in, st);
    }
    st.match_is_if = false;
  }
};
ACTION(spawn_stmt) : match_action<MatchStmt::Form::Spawn> {};
ACTION(lease_limit_number) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto t = raw_token(in, st);
    auto r = std::from_chars(t.text.data(), t.text.data() + t.text.size(), st.last_number);
    if (r.ec != std::errc()) st.fail(t.begin, t.end, fmt::format("number '{}' is out of range", t.text));
  }
};
ACTION(lease_limit_stmt) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto t = raw_token(in, st);
    Ctx c = st.top().ctx;
    if (c != Ctx::Class && c != Ctx::Subclass) st.fail(t.begin, t.begin + 5, "'lease limit' is only allowed inside a class");
    auto n = make_stmt<LeaseLimitStmt>(st, t.begin, st.offset(in.end()));
    n->limit = static_cast<std::uint32_t>(st.last_number);
    append(st, std::move(n));
  }
};

// ---- executable statements
ACTION(if_head) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto t = head(in, st);
    auto n = make_stmt<IfStmt>(st, t.begin, t.end);
    st.ifs.push_back(&append(st, std::move(n)));
  }
};
ACTION(elsif_head) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) { st.stmt_begin = raw_token(in, st).begin; }
};
ACTION(else_head) : action<g::elsif_head> {};
ACTION(if_branch_open) {
  template <typename Input>
  static void apply(const Input&, ParseState& st) {
    IfStmt* i = st.ifs.back();
    IfStmt::Branch b;
    b.condition = pop_expr(st);
    b.span = st.span(i->branches.empty() ? i->span.begin : st.stmt_begin, 0);
    i->branches.push_back(std::move(b));
    open_body(st, &i->branches.back().body, Ctx::If, i);
  }
};
ACTION(else_open) {
  template <typename Input>
  static void apply(const Input&, ParseState& st) {
    IfStmt* i = st.ifs.back();
    IfStmt::Branch b;
    b.span = st.span(st.stmt_begin, 0);
    i->branches.push_back(std::move(b));
    open_body(st, &i->branches.back().body, Ctx::If, i);
  }
};
ACTION(if_stmt) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    IfStmt* i = st.ifs.back();
    st.ifs.pop_back();
    i->span.end = st.offset(in.end());
    (void)i;
  }
};
ACTION(switch_open) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto t = raw_token(in, st);
    (void)t;
    auto n = std::make_unique<SwitchStmt>();
    n->expr = pop_expr(st);
    n->span = st.span(st.stmt_begin, st.stmt_begin);
    auto& ref = append(st, std::move(n));
    open_body(st, &ref.body, Ctx::Switch, &ref);
  }
};
ACTION(case_stmt) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto t = raw_token(in, st);
    if (st.top().ctx != Ctx::Switch) st.fail(t.begin, t.begin + 4, "'case' is only allowed directly inside a switch");
    auto n = make_stmt<CaseStmt>(st, t.begin, st.offset(in.end()));
    n->value = pop_expr(st);
    append(st, std::move(n));
  }
};
template <typename Input>
std::uint32_t stmt_start(const Input& in, ParseState& st) {
  return raw_token(in, st).begin;
}
ACTION(set_stmt) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto n = make_stmt<SetStmt>(st, stmt_start(in, st), st.offset(in.end()));
    n->name = st.set_name;
    n->expr = pop_expr(st);
    append(st, std::move(n));
  }
};
ACTION(define_param) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) { st.define_params.emplace_back(raw_token(in, st).text); }
};
ACTION(define_open) {
  template <typename Input>
  static void apply(const Input&, ParseState& st) {
    auto n = std::make_unique<DefineStmt>();
    n->span = st.span(st.stmt_begin, st.stmt_begin);
    n->name = st.set_name;
    n->is_function = true;
    n->params = std::move(st.define_params);
    st.define_params.clear();
    auto& ref = append(st, std::move(n));
    open_body(st, &ref.body, Ctx::Define, &ref);
  }
};
ACTION(define_value) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto n = make_stmt<DefineStmt>(st, st.stmt_begin, st.offset(in.end()));
    n->name = st.set_name;
    n->expr = pop_expr(st);
    append(st, std::move(n));
  }
};
template <typename Input>
void exec_head(const Input& in, ParseState& st) {
  auto t = raw_token(in, st);
  st.stmt_begin = t.begin;
  st.define_params.clear();
  st.on_events = 0;
  st.log_priority.clear();
}
template <>
struct action<g::tok<g::kw_define>> {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) { exec_head(in, st); }
};
template <>
struct action<g::tok<g::kw_on>> : action<g::tok<g::kw_define>> {};
template <>
struct action<g::tok<g::kw_log>> : action<g::tok<g::kw_define>> {};
template <>
struct action<g::tok<g::kw_switch>> : action<g::tok<g::kw_define>> {};
ACTION(unset_stmt) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto n = make_stmt<UnsetStmt>(st, stmt_start(in, st), st.offset(in.end()));
    n->name = st.set_name;
    append(st, std::move(n));
  }
};
/// `eval EXPR;`, a bare expression statement, `return EXPR;`: a T whose only field is the expression.
template <typename T>
struct expr_stmt_action {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto n = make_stmt<T>(st, stmt_start(in, st), st.offset(in.end()));
    n->expr = pop_expr(st);
    append(st, std::move(n));
  }
};
ACTION(eval_stmt) : expr_stmt_action<EvalStmt> {};
ACTION(expr_stmt) : expr_stmt_action<EvalStmt> {};
ACTION(return_stmt) : expr_stmt_action<ReturnStmt> {};
ACTION(log_priority) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) { st.log_priority = lower(raw_token(in, st).text); }
};
ACTION(log_stmt) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto n = make_stmt<LogStmt>(st, stmt_start(in, st), st.offset(in.end()));
    n->priority = st.log_priority;
    n->expr = pop_expr(st);
    append(st, std::move(n));
  }
};
ACTION(execute_command) {
  template <typename Input>
  static void apply(const Input&, ParseState& st) {
    st.pending_name = st.last_string;
    st.fn_marks.push_back(st.items.size());
    ++st.depth;
  }
};
ACTION(execute_stmt) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto n = make_stmt<ExecuteStmt>(st, stmt_start(in, st), st.offset(in.end()));
    n->command = st.pending_name;
    n->args = pop_args(st);
    append(st, std::move(n));
  }
};
ACTION(on_event) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    std::string w = lower(raw_token(in, st).text);
    st.on_events |= w == "commit" ? OnStmt::kCommit : w == "release" ? OnStmt::kRelease : OnStmt::kExpiry;
  }
};
ACTION(on_empty) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    auto n = make_stmt<OnStmt>(st, st.stmt_begin, st.offset(in.end()));
    n->events = st.on_events;
    append(st, std::move(n));
  }
};
ACTION(on_open) {
  template <typename Input>
  static void apply(const Input&, ParseState& st) {
    auto n = make_stmt<OnStmt>(st, st.stmt_begin, st.stmt_begin);
    n->events = st.on_events;
    auto& ref = append(st, std::move(n));
    open_body(st, &ref.body, Ctx::On, &ref);
  }
};
ACTION(add_stmt) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    if (!st.classes.count(st.last_string))
      st.fail(st.last_string_span, fmt::format("class '{}' is not declared (before this point)", st.last_string));
    auto n = make_stmt<AddStmt>(st, stmt_start(in, st), st.offset(in.end()));
    n->class_name = st.last_string;
    append(st, std::move(n));
  }
};
ACTION(break_stmt) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    append(st, make_stmt<BreakStmt>(st, stmt_start(in, st), st.offset(in.end())));
  }
};
ACTION(parse_vendor_option_stmt) {
  template <typename Input>
  static void apply(const Input& in, ParseState& st) {
    append(st, make_stmt<ParseVendorOptionStmt>(st, stmt_start(in, st), st.offset(in.end())));
  }
};

#undef ACTION

// ---------------------------------------------------------------------------------------------
// Control: every must<> failure becomes a SyntaxError with a located, human message.

template <typename Rule>
struct control : pegtl::normal<Rule> {
  template <typename ParseInput>
  static void start(const ParseInput& in, ParseState& st) {
    if constexpr (std::is_same_v<Rule, g::string_body>) st.string_start = st.offset(in.current()) - 1;
  }

  template <typename ParseInput, typename... States>
  [[noreturn]] static void raise(const ParseInput& in, ParseState& st, States&&...) {
    const char* msg = g::error_message<Rule>;
    const char* here = in.current();
    const char* end = in.end();
    std::string text = msg ? msg : "syntax error";
    const bool after = text.rfind("expected '", 0) == 0 && text.size() > 10 && !std::isalpha(static_cast<unsigned char>(text[10]));
    std::uint32_t b = st.offset(here);
    if constexpr (std::is_same_v<Rule, g::string_body>) {
      st.fail(st.string_start, st.string_start + 1, text);  // the opening quote
    }
    if constexpr (std::is_same_v<Rule, g::semi_expr_stmt>) {
      // `foo bar;` : dhcpd would parse `foo` as an expression statement; say what it most likely is.
      if (!st.items.empty() && st.items.back().expr && st.items.back().expr->op == ExprOp::Variable) {
        const Expr& v = *st.items.back().expr;
        std::string hint = did_you_mean(lower(v.name), statement_words());
        st.fail(v.span, fmt::format("unknown statement '{}'{}", v.name,
                                    hint.empty() ? "" : fmt::format("; did you mean '{}'?", hint)));
      }
    }
    if constexpr (std::is_same_v<Rule, g::option_type> || std::is_same_v<Rule, g::type_simple> ||
                  std::is_same_v<Rule, g::option_type_must>) {
      const char* p = skip_space(here, end);
      if (end - p >= 5 && lower(std::string_view(p, 5)) == "array") st.fail(st.offset(p), st.offset(p) + 5, "no nested arrays in option definitions");
      if (p < end && *p == '{') st.fail(st.offset(p), st.offset(p) + 1, "only uniform arrays inside a record (no record inside a record)");
    }
    if (!after) {
      const char* p = skip_space(here, end);
      b = st.offset(p);
      if (p >= end) {
        st.fail(b, b, text + " before end of file");
      }
      if (*p == '}' && (std::is_same_v<Rule, g::statement>)) st.fail(b, b + 1, "unexpected '}' with no open block");
      // caret under the whole next token
      const char* q = p;
      while (q < end && (std::isalnum(static_cast<unsigned char>(*q)) || *q == '-' || *q == '_' || *q == '.' || *q == ':')) ++q;
      if (q == p) q = p + 1;
      st.fail(b, st.offset(q), text);
    }
    if constexpr (std::is_same_v<Rule, g::block_close>) {
      st.fail(b, b, text);
    }
    st.fail(b, b, text);
  }
};

// ---------------------------------------------------------------------------------------------

void parse_into(ParseState& st, const SourceFile& file);

std::string canonical_path(const std::string& p) {
  std::error_code ec;
  auto c = std::filesystem::weakly_canonical(p, ec);
  return ec ? p : c.string();
}

template <typename Input>
void action<g::include_stmt>::apply(const Input& in, ParseState& st) {
  auto t = raw_token(in, st);
  Span stmt_span = st.span(t.begin, st.offset(in.end()));
  if (is_exec(st.top().ctx)) st.fail(t.begin, t.begin + 7, fmt::format("'include' is not allowed {}", ctx_where(st.top().ctx)));
  std::string path = st.last_string;
  Span path_span = st.last_string_span;
  if (!st.options.follow_includes) st.fail(path_span, "includes are disabled");
  std::string canon = canonical_path(path);
  for (const auto& lvl : st.includes)
    if (lvl.canonical == canon) st.fail(path_span, fmt::format("include cycle: '{}' is already being read", path));
  if (static_cast<int>(st.includes.size()) >= st.options.max_depth)
    st.fail(path_span, fmt::format("includes nest too deeply (more than {} levels)", st.options.max_depth));
  std::string error;
  const SourceFile* f = st.sources.load(path, error);
  if (!f) st.fail(path_span, fmt::format("cannot open included file '{}': {}", path, error));
  st.config.files.push_back(f);
  // parse the included file into the current scope, then restore this file's state
  const SourceFile* saved_file = st.file;
  const char* saved_base = st.base;
  st.includes.push_back(IncludeLevel{f, stmt_span, canon});
  parse_into(st, *f);
  st.includes.pop_back();
  st.file = saved_file;
  st.base = saved_base;
}

void parse_into(ParseState& st, const SourceFile& file) {
  st.file = &file;
  st.base = file.text().data();
  pegtl::memory_input<pegtl::tracking_mode::lazy, pegtl::eol::lf_crlf> in(file.text().data(), file.text().size(),
                                                                          file.name());
  pegtl::parse<g::config, action, control>(in, st);
}

}  // namespace

std::optional<Config> parse_isc(const SourceFile& file, SourceSet& sources, DiagnosticSink& sink,
                                const ParseOptions& options) {
  Config config;
  config.files.push_back(&file);
  ParseState st{sources, options, config};
  st.frames.push_back(Frame{&config.body, Ctx::Global, nullptr, 0, &file});
  st.includes.push_back(IncludeLevel{&file, Span{}, canonical_path(file.name())});
  try {
    parse_into(st, file);
  } catch (const SyntaxError& e) {
    auto& d = sink.error(Span{e.file, e.begin, e.end}, "{}", e.message);
    for (auto& n : st.error_notes) d.notes.push_back(std::move(n));
    // the include chain, innermost first
    for (std::size_t i = st.includes.size(); i-- > 1;)
      d.notes.push_back({st.includes[i].include_span, fmt::format("in file included from here")});
    if (e.message.rfind("expected '}'", 0) == 0 && st.frames.size() > 1) {
      const Frame& f = st.frames.back();
      d.notes.push_back({Span{f.file, f.brace, f.brace + 1}, "to match this '{'"});
    }
    return std::nullopt;
  } catch (const pegtl::parse_error& e) {
    const auto& pos = e.positions().front();
    auto off = static_cast<std::uint32_t>(pos.byte);
    sink.error(Span{st.file, off, off}, "{}", e.message());
    return std::nullopt;
  }
  // dhcpd keeps hosts in one global table: a second declaration of a name is an error.
  // (Sorted once here instead of hashing into a table while parsing: much cheaper for 100k hosts.)
  auto name_of = [](const Span& sp) { return name_text(RawTok{sp.begin, sp.end, sp.text()}); };
  std::sort(st.hosts.begin(), st.hosts.end(), [](const auto& a, const auto& b) {
    return a.hash != b.hash ? a.hash < b.hash : a.order < b.order;
  });
  const ParseState::HostName* dup = nullptr;
  const ParseState::HostName* first = nullptr;
  for (std::size_t i = 1; i < st.hosts.size(); ++i) {
    if (st.hosts[i].hash != st.hosts[i - 1].hash) continue;
    // equal hashes: compare the name with the earlier entries of this hash run, nearest first
    // (orders ascend); the nearest earlier declaration of the same name is the one to point at.
    const auto& b = st.hosts[i];
    std::string b_name = name_of(b.span);
    for (std::size_t j = i; j-- > 0 && st.hosts[j].hash == b.hash;) {
      const auto& a = st.hosts[j];
      if (name_of(a.span) != b_name) continue;
      if (!dup || b.span.begin < dup->span.begin) {
        dup = &b;
        first = &a;
      }
      break;
    }
  }
  if (dup) {
    auto& d = sink.error(dup->span, "host '{}' is already declared", name_of(dup->span));
    d.notes.push_back({first->span, "previous declaration is here"});
    return std::nullopt;
  }
  st.hosts = {};
  flush_top_level(st);
  return config;
}

std::optional<Config> parse_isc_file(const std::string& path, SourceSet& sources, DiagnosticSink& sink,
                                     const ParseOptions& options) {
  std::string error;
  const SourceFile* f = sources.load(path, error);
  if (!f) {
    sink.error({}, "cannot read '{}': {}", path, error);
    return std::nullopt;
  }
  return parse_isc(*f, sources, sink, options);
}

}  // namespace isc
}  // namespace isc2dnsmasq
