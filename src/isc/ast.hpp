// Typed AST of an ISC dhcpd.conf (DHCPv4): scopes, declarations, statements and dhcp-eval expressions.
//
// Shape: a Config owns the global Body. A Body is a vector of statements in source order
// (includes are expanded in place; spans point into the included file). Every statement derives
// from Stmt {kind, span}; scopes (group, shared-network, subnet, pool, host, class, subclass)
// derive from ScopeStmt and own a nested Body. Downcast with `stmt->as<SubnetDecl>()` (nullptr when
// the kind differs) and walk the tree with `for_each_stmt`. Expressions are one node type, Expr,
// with an ExprOp and ordered `args`.
//
// Fields under "filled by resolution" are left empty by the parser; option resolution
// (src/isc/resolve, the option catalogue) fills them in.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/net.hpp"
#include "core/source.hpp"

namespace isc2dnsmasq::isc {

// ---------------------------------------------------------------------------------------------
// Values

/// One token of a statement value, as written. dhcpd's lexer splits "10.0.0.1" and "aa:bb" into
/// several tokens; here they are assembled into one token whose kind tells what it looks like.
enum class ValueKind : std::uint8_t {
  String,  ///< "..." ; text = decoded bytes (escapes applied, may contain NUL)
  Number,  ///< decimal digits with optional leading '-', or 0x-prefixed hex; text as written
  Ip,      ///< dotted quad of decimal numbers, e.g. 10.0.0.1
  Hex,     ///< colon-separated list of 1-2 hex digit bytes, e.g. 1:a:ff (text without spaces)
  Name,    ///< identifier or dotted name (host.example.com, 1901.fr, true, ipxe); text as written
  Comma,   ///< ','
};
const char* value_kind_name(ValueKind k);

struct ValueToken {
  ValueKind kind = ValueKind::Name;
  std::string text;
  Span span;
};
using ValueTokens = std::vector<ValueToken>;

// ---------------------------------------------------------------------------------------------
// Expressions (dhcp-eval(5))

enum class ExprOp : std::uint8_t {
  // boolean
  Check,           ///< check "class"                    name = class
  Exists,          ///< exists [space.]option              option
  VariableExists,  ///< defined(var)                       name
  Known,           ///< known
  Static,          ///< static
  Equal,           ///< a = b                               args[0], args[1]
  NotEqual,        ///< a != b
  RegexMatch,      ///< a ~= b
  IRegexMatch,     ///< a ~~ b
  And,             ///< a and b
  Or,              ///< a or b
  Not,             ///< not a                               args[0]
  // data
  Substring,       ///< substring(data, offset, length)     args[0..2]
  Suffix,          ///< suffix(data, length)
  Lcase,           ///< lcase(data)
  Ucase,           ///< ucase(data)
  Option,          ///< option [space.]name                 option
  ConfigOption,    ///< config-option [space.]name          option
  Hardware,        ///< hardware
  Packet,          ///< packet(offset, length)
  ConstData,       ///< "string" or 1:2:3 colon hex         data
  Concat,          ///< concat(a, b, ...)                   args (2 or more, as written)
  Reverse,         ///< reverse(width, data)
  LeasedAddress,   ///< leased-address
  BinaryToAscii,   ///< binary-to-ascii(base, width, separator, data)
  EncodeInt,       ///< encode-int(numeric, width)          args[0], number = width
  PickFirstValue,  ///< pick-first-value(a, b, ...)         args
  HostDeclName,    ///< host-decl-name
  Filename,        ///< filename
  ServerName,      ///< server-name
  GetHostName,     ///< gethostname()
  GetHostByName,   ///< gethostbyname("name")               name
  Null,            ///< null
  V6Relay,         ///< v6relay(numeric, data)
  // numeric
  ExtractInt,      ///< extract-int(data, width)            args[0], number = width
  ConstInt,        ///< 42 (in numeric context); also the DNS rcode / client-state constants
  LeaseTime,       ///< lease-time
  ClientState,     ///< client-state
  Add, Subtract, Multiply, Divide, Remainder, BinaryAnd, BinaryOr, BinaryXor,
  // any type
  Variable,        ///< variable reference                  name
  FunCall,         ///< name(args...)                       name, args
};
const char* expr_op_name(ExprOp op);

/// The value type of an expression, as dhcpd's parser classifies it.
enum class ExprType : std::uint8_t { Boolean, Data, Numeric, Any };
ExprType expr_type(ExprOp op);

/// A reference to an option by name, as written, plus what resolution finds.
struct OptionRef {
  std::string space;  ///< as written before the '.', empty when none (= the "dhcp" space)
  std::string name;   ///< as written (case kept)
  Span span;          ///< the whole [space.]name
  // filled by resolution
  std::string resolved_space;  ///< e.g. "dhcp", "agent", "ipxe", "server"
  int code = -1;               ///< option code, -1 until resolved
  std::string format;          ///< dhcpd format string, e.g. "IA", "t", "Eipxe."
};

struct Expr {
  ExprOp op = ExprOp::Null;
  Span span;
  std::vector<std::unique_ptr<Expr>> args;
  std::string name;        ///< Check/VariableExists/Variable/FunCall/GetHostByName
  Bytes data;              ///< ConstData
  std::int64_t number = 0; ///< ConstInt value; width (8/16/32) for ExtractInt/EncodeInt
  std::unique_ptr<OptionRef> option;  ///< Exists/Option/ConfigOption
  bool literal = false;    ///< parser-internal: a bare decimal number whose type (int or hex data) is not yet known
};
using ExprPtr = std::unique_ptr<Expr>;

// ---------------------------------------------------------------------------------------------
// Statements

enum class StmtKind : std::uint8_t {
  // scopes
  Group, SharedNetwork, Subnet, Pool, Host, Class, Subclass,
  // declarations
  FailoverPeer, Key, Zone, OptionSpace, OptionDef, Range, FixedAddress, Hardware, Permit,
  Param, Option,
  // class body
  Match, LeaseLimit,
  // executable
  If, Switch, Case, Default, Set, Unset, Eval, Log, Execute, On, Add, Break, Return, Define,
  ParseVendorOption,
};
const char* stmt_kind_name(StmtKind k);

struct Stmt {
  explicit Stmt(StmtKind k) : kind(k) {}
  virtual ~Stmt() = default;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  StmtKind kind;
  Span span;  ///< from the first keyword to the closing ';' or '}'

  /// Nodes come from a per-thread pool of size classes (100k-host configs allocate millions of
  /// small nodes; this avoids malloc's per-call cost). Transparent to users: new/delete/unique_ptr.
  static void* operator new(std::size_t size);
  static void operator delete(void* p, std::size_t size) noexcept;

  /// Downcast: `if (auto* s = stmt->as<SubnetDecl>())`. Returns nullptr on another kind.
  template <typename T> T* as() { return is<T>() ? static_cast<T*>(this) : nullptr; }
  template <typename T> const T* as() const { return is<T>() ? static_cast<const T*>(this) : nullptr; }
  template <typename T> bool is() const { return T::matches(kind); }
};
using StmtPtr = std::unique_ptr<Stmt>;
using Body = std::vector<StmtPtr>;

#define ISC2DNSMASQ_STMT(Name, Kind) \
  static constexpr StmtKind kKind = StmtKind::Kind; \
  static bool matches(StmtKind k) { return k == kKind; } \
  Name() : Base(kKind) {}

/// A statement without a body of its own (derives from Stmt directly).
#define ISC2DNSMASQ_LEAF(Name, Kind) \
  using Base = Stmt; \
  ISC2DNSMASQ_STMT(Name, Kind)

struct ParamStmt;
struct OptionStmt;

/// A scope: its own statements (and nested scopes) in source order.
struct ScopeStmt : Stmt {
  using Stmt::Stmt;
  static bool matches(StmtKind k) { return k <= StmtKind::Subclass; }
  Body body;
  Span open_brace;  ///< the '{' (invalid for a bodyless subclass)

  /// The last ParamStmt named `name` directly in this body (not inside if/switch), or nullptr.
  const ParamStmt* find_param(std::string_view name) const;
  /// The last OptionStmt directly in this body whose name (as written, without space) matches.
  const OptionStmt* find_option(std::string_view name) const;

  // Typed accessors over find_param (direct statements only; conditionals are not evaluated).
  std::optional<std::string> filename() const;     ///< filename "x";
  std::optional<std::string> server_name() const;  ///< server-name "x";
  std::optional<std::string> next_server() const;  ///< next-server IP-or-name; (text as written)
  std::optional<std::uint32_t> default_lease_time() const;  ///< 0xffffffff for "infinite"
  std::optional<std::uint32_t> max_lease_time() const;
  std::optional<std::uint32_t> min_lease_time() const;
  std::optional<bool> authoritative() const;       ///< authoritative; / not authoritative;
  std::optional<std::string> vendor_option_space() const;
  std::optional<std::string> site_option_space() const;
  /// Boolean (flag) parameter: true/on -> true, false/off -> false, ignore -> nullopt+found.
  std::optional<bool> flag(std::string_view name) const;
};

#define ISC2DNSMASQ_SCOPE(Name, Kind) \
  using Base = ScopeStmt; \
  ISC2DNSMASQ_STMT(Name, Kind)

/// group [NAME] { ... }
struct GroupDecl : ScopeStmt {
  ISC2DNSMASQ_SCOPE(GroupDecl, Group)
  std::string name;  ///< empty for an anonymous group
};

/// shared-network NAME { ... }
struct SharedNetworkDecl : ScopeStmt {
  ISC2DNSMASQ_SCOPE(SharedNetworkDecl, SharedNetwork)
  std::string name;
  Span name_span;
};

/// subnet NETWORK netmask MASK { ... }
struct SubnetDecl : ScopeStmt {
  ISC2DNSMASQ_SCOPE(SubnetDecl, Subnet)
  Ipv4 network;
  Ipv4 netmask;
  Span network_span;
  Span netmask_span;
  /// Prefix length when the mask is contiguous.
  std::optional<Prefix> prefix() const;
};

/// pool { ... }
struct PoolDecl : ScopeStmt {
  ISC2DNSMASQ_SCOPE(PoolDecl, Pool)
};

struct HardwareStmt;
struct FixedAddressStmt;

/// host NAME { ... }
struct HostDecl : ScopeStmt {
  ISC2DNSMASQ_SCOPE(HostDecl, Host)
  std::string name;  ///< as written (quoted string contents or dotted name)
  Span name_span;
  const HardwareStmt* hardware() const;            ///< last `hardware` statement
  const FixedAddressStmt* fixed_address() const;   ///< last `fixed-address` statement
};

enum class ClassType : std::uint8_t { Class, VendorClass, UserClass };

struct MatchStmt;

/// class "NAME" { match if ...; match ...; spawn with ...; lease limit N; ... }
struct ClassDecl : ScopeStmt {
  ISC2DNSMASQ_SCOPE(ClassDecl, Class)
  ClassType type = ClassType::Class;
  std::string name;
  Span name_span;
  const MatchStmt* match_if() const;    ///< `match if BOOL;`
  const MatchStmt* match_data() const;  ///< `match DATA;` or `spawn with DATA;`
};

/// subclass "CLASS" VALUE [{ ... } | ;]  (value: string, colon-hex, or a data expression)
struct SubclassDecl : ScopeStmt {
  ISC2DNSMASQ_SCOPE(SubclassDecl, Subclass)
  std::string class_name;
  Span class_span;
  ExprPtr value;          ///< ConstData for string/hex selectors
  bool has_body = false;  ///< `{ ... }` present (else ';')
};

/// A generic `WORDS...;` line inside failover/key/zone blocks.
struct GenericLine {
  ValueTokens words;  ///< keywords lowercased, strings decoded
  Span span;
};

/// failover peer / key / zone: a name and a block of generic lines.
struct GenericBlockDecl : Stmt {
  using Stmt::Stmt;
  static bool matches(StmtKind k) { return k >= StmtKind::FailoverPeer && k <= StmtKind::Zone; }
  std::string name;
  std::vector<GenericLine> lines;
};

#define ISC2DNSMASQ_GENERIC_BLOCK(Name, Kind) \
  using Base = GenericBlockDecl; \
  ISC2DNSMASQ_STMT(Name, Kind)

/// failover peer "NAME" { ... }   (lines kept generically; `failover peer "x";` in a pool is a ParamStmt)
struct FailoverPeerDecl : GenericBlockDecl {
  ISC2DNSMASQ_GENERIC_BLOCK(FailoverPeerDecl, FailoverPeer)
};

/// key NAME { algorithm A; secret S; };
struct KeyDecl : GenericBlockDecl {
  ISC2DNSMASQ_GENERIC_BLOCK(KeyDecl, Key)
};

/// zone NAME { primary ...; secondary ...; key K; }
struct ZoneDecl : GenericBlockDecl {
  ISC2DNSMASQ_GENERIC_BLOCK(ZoneDecl, Zone)
};

/// option space NAME [code width N] [length width N] [hash size N];
struct OptionSpaceDecl : Stmt {
  ISC2DNSMASQ_LEAF(OptionSpaceDecl, OptionSpace)
  std::string name;
  int code_width = 1;
  int length_width = 1;
  std::optional<int> hash_size;
};

/// The type of an option definition.
struct OptionType {
  enum class Base : std::uint8_t {
    Boolean, Int8, Int16, Int32, UInt8, UInt16, UInt32, IpAddress, Ip6Address, Text, String,
    DomainName, DomainList, DomainListCompressed, Zerolen, Encapsulate, Record,
  };
  Base base = Base::String;
  bool array = false;                 ///< `array of T` (for Record: array of records)
  std::string encapsulated_space;     ///< Encapsulate
  std::vector<OptionType> fields;     ///< Record fields in order (a field may itself be `array of`)
};

/// option [SPACE.]NAME code N = TYPE;
struct OptionDefStmt : Stmt {
  ISC2DNSMASQ_LEAF(OptionDefStmt, OptionDef)
  std::string space;  ///< empty = dhcp
  std::string name;
  Span name_span;
  std::uint32_t code = 0;
  Span code_span;
  std::string type_text;  ///< the TYPE as written (whitespace normalised to single spaces)
  Span type_span;
  OptionType type;
  std::string format;     ///< dhcpd format string: "B", "IA", "Eipxe.", "{IB}" records as "IB", "A" suffix...
};

/// range [dynamic-bootp] LOW [HIGH];
struct RangeStmt : Stmt {
  ISC2DNSMASQ_LEAF(RangeStmt, Range)
  bool dynamic_bootp = false;
  Ipv4 low;
  std::optional<Ipv4> high;
  Span low_span;
  Span high_span;
};

/// fixed-address ADDR-OR-NAME [, ...];
struct FixedAddressStmt : Stmt {
  ISC2DNSMASQ_LEAF(FixedAddressStmt, FixedAddress)
  struct Entry {
    Ipv4 ip;               ///< when hostname is empty
    std::string hostname;  ///< non-empty when written as a DNS name
    Span span;
  };
  std::vector<Entry> addresses;
};

/// hardware TYPE MAC;
struct HardwareStmt : Stmt {
  ISC2DNSMASQ_LEAF(HardwareStmt, Hardware)
  std::string type_name;  ///< "ethernet", "token-ring", "fddi", "infiniband" (lowercase)
  HwAddr address;         ///< htype: ethernet 1, token-ring 6, fddi 8, infiniband 32
};

/// allow|deny PERMIT; inside a pool.
struct PermitStmt : Stmt {
  ISC2DNSMASQ_LEAF(PermitStmt, Permit)
  enum class What : std::uint8_t {
    UnknownClients, KnownClients, AllClients, DynamicBootpClients, AuthenticatedClients,
    UnauthenticatedClients, MembersOf, After,
  };
  bool allow = true;       ///< allow vs deny
  What what = What::AllClients;
  std::string class_name;  ///< MembersOf
  std::string date_text;   ///< After: the date as written (e.g. "4 2030/01/01 00:00:00", "never")
};

/// A server parameter: `NAME value...;` or `NAME = expr;`. Also `authoritative;`, `not authoritative;`,
/// allow/deny/ignore FLAG outside pools (name is the server-space option, e.g. "boot-unknown-clients",
/// value Name token "true"/"false"/"ignore"), `interface NAME;`, `failover peer "x";` (name
/// "failover-peer"), `server-duid`, `lease-id-format`, `db-time-format`, host `uid`,
/// `host-identifier`, `dynamic`, `deleted`, host `group "name";` (name "group").
struct ParamStmt : Stmt {
  ISC2DNSMASQ_LEAF(ParamStmt, Param)
  std::string name;    ///< lowercase keyword
  Span name_span;
  std::string keyword; ///< the leading keyword when it differs from name: "allow", "deny", "ignore", "not"
  ValueTokens values;  ///< value tokens as written (empty for `authoritative;`)
  ExprPtr expr;        ///< `NAME = expr;` form (values empty then)
};

enum class OptionVerb : std::uint8_t { Option, Supersede, Default, Append, Prepend, Send };
const char* option_verb_name(OptionVerb v);

/// option|supersede|default|append|prepend|send [SPACE.]NAME value...;  or  ... NAME = expr;
/// Also `server-identifier X;` (name "dhcp-server-identifier", alias = true).
struct OptionStmt : Stmt {
  ISC2DNSMASQ_LEAF(OptionStmt, Option)
  OptionVerb verb = OptionVerb::Option;
  OptionRef option;
  ValueTokens values;  ///< raw value tokens, commas included; empty for `option NAME;`
  ExprPtr expr;        ///< `= expr` form
  bool alias = false;  ///< written as server-identifier
  // filled by resolution
  Bytes encoded;       ///< wire bytes of the value (not for the expr form)
  bool resolved = false;
};

/// Class body: `match if BOOL;`, `match DATA;`, `spawn with DATA;`
struct MatchStmt : Stmt {
  ISC2DNSMASQ_LEAF(MatchStmt, Match)
  enum class Form : std::uint8_t { If, Data, Spawn };
  Form form = Form::If;
  ExprPtr expr;
};

/// lease limit N;
struct LeaseLimitStmt : Stmt {
  ISC2DNSMASQ_LEAF(LeaseLimitStmt, LeaseLimit)
  std::uint32_t limit = 0;
};

/// if C { } elsif C { } else { }   (`else if` is kept as an elsif branch)
struct IfStmt : Stmt {
  ISC2DNSMASQ_LEAF(IfStmt, If)
  struct Branch {
    ExprPtr condition;  ///< nullptr for else
    Body body;
    Span span;          ///< from the keyword to the closing brace
  };
  std::vector<Branch> branches;
};

/// switch (EXPR) { case V: ... default: ... }  — cases are CaseStmt/DefaultStmt markers in body.
struct SwitchStmt : Stmt {
  ISC2DNSMASQ_LEAF(SwitchStmt, Switch)
  ExprPtr expr;
  Body body;
};

struct CaseStmt : Stmt {
  ISC2DNSMASQ_LEAF(CaseStmt, Case)
  ExprPtr value;
};

struct DefaultStmt : Stmt {
  ISC2DNSMASQ_LEAF(DefaultStmt, Default)
};

/// set NAME = EXPR;
struct SetStmt : Stmt {
  ISC2DNSMASQ_LEAF(SetStmt, Set)
  std::string name;
  ExprPtr expr;
};

/// unset NAME;
struct UnsetStmt : Stmt {
  ISC2DNSMASQ_LEAF(UnsetStmt, Unset)
  std::string name;
};

/// eval EXPR;
struct EvalStmt : Stmt {
  ISC2DNSMASQ_LEAF(EvalStmt, Eval)
  ExprPtr expr;
};

/// log ([fatal|error|info|debug,] DATA);
struct LogStmt : Stmt {
  ISC2DNSMASQ_LEAF(LogStmt, Log)
  std::string priority;  ///< lowercase; empty = info
  ExprPtr expr;
};

/// execute ("command" [, DATA...]);
struct ExecuteStmt : Stmt {
  ISC2DNSMASQ_LEAF(ExecuteStmt, Execute)
  std::string command;
  std::vector<ExprPtr> args;
};

/// on commit|release|expiry [or ...] { ... }  (or `;` for an empty body)
struct OnStmt : Stmt {
  ISC2DNSMASQ_LEAF(OnStmt, On)
  static constexpr std::uint8_t kCommit = 1, kRelease = 2, kExpiry = 4;
  std::uint8_t events = 0;
  Body body;
};

/// add "CLASS";
struct AddStmt : Stmt {
  ISC2DNSMASQ_LEAF(AddStmt, Add)
  std::string class_name;
};

struct BreakStmt : Stmt {
  ISC2DNSMASQ_LEAF(BreakStmt, Break)
};

/// return EXPR;
struct ReturnStmt : Stmt {
  ISC2DNSMASQ_LEAF(ReturnStmt, Return)
  ExprPtr expr;
};

/// define NAME = EXPR;  or  define NAME (ARGS) { ... }
struct DefineStmt : Stmt {
  ISC2DNSMASQ_LEAF(DefineStmt, Define)
  std::string name;
  ExprPtr expr;                     ///< value form
  bool is_function = false;
  std::vector<std::string> params;  ///< function form
  Body body;
};

struct ParseVendorOptionStmt : Stmt {
  ISC2DNSMASQ_LEAF(ParseVendorOptionStmt, ParseVendorOption)
};

#undef ISC2DNSMASQ_GENERIC_BLOCK
#undef ISC2DNSMASQ_LEAF
#undef ISC2DNSMASQ_SCOPE
#undef ISC2DNSMASQ_STMT

// ---------------------------------------------------------------------------------------------

/// A parsed configuration: the global scope and the files it was read from.
struct Config {
  Body body;                                 ///< the global scope, source order, includes expanded
  std::vector<const SourceFile*> files;      ///< main file first, then each included file once
};

/// Pre-order walk over every statement, including those nested in scopes, if/switch/on/define
/// bodies. `f(const Stmt&, int depth)`.
template <typename F>
void for_each_stmt(const Body& body, F&& f, int depth = 0) {
  for (const auto& s : body) {
    f(*s, depth);
    if (auto* sc = s->as<ScopeStmt>()) for_each_stmt(sc->body, f, depth + 1);
    else if (auto* i = s->as<IfStmt>()) {
      for (const auto& b : i->branches) for_each_stmt(b.body, f, depth + 1);
    } else if (auto* sw = s->as<SwitchStmt>()) for_each_stmt(sw->body, f, depth + 1);
    else if (auto* on = s->as<OnStmt>()) for_each_stmt(on->body, f, depth + 1);
    else if (auto* d = s->as<DefineStmt>()) for_each_stmt(d->body, f, depth + 1);
  }
}

/// A compact, deterministic text dump of the tree (for tests and debugging), one statement per line.
std::string dump(const Config& config);
std::string dump(const Expr& expr);

}  // namespace isc2dnsmasq::isc
