// dnsmasq text -> Model: line lexing (the one PEGTL instantiation), keyword rules, per-directive
// parsing and value inference reproducing dnsmasq 2.90 option.c (read_file, one_opt, parse_dhcp_opt).
#include "dnsmasq/read.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>
#include <unordered_set>

#include "dnsmasq/directive_table.hpp"
#include "dnsmasq/option_table.hpp"
#include "grammar/dnsmasq.hpp"

namespace isc2dnsmasq::dnsmasq {

namespace pegtl = tao::pegtl;
namespace gr = isc2dnsmasq::grammar::dnsmasq;

// ---------------------------------------------------------------------------------------------
// Line lexing
// ---------------------------------------------------------------------------------------------

namespace {

// dnsmasq's meta table: a quoted character equal to meta[i] is stored as the byte i.
constexpr char kMeta[] = "\000123456 \b\t\n78\r90abcdefABCDE\033F:,.";
constexpr std::size_t kMetaLen = sizeof(kMeta) - 1;

char hide_meta(char c) {
  for (std::size_t i = 0; i < kMetaLen; ++i) {
    if (c == kMeta[i]) return static_cast<char>(i);
  }
  return c;
}

char unhide_meta(char c) {
  auto u = static_cast<unsigned char>(c);
  return u < kMetaLen ? kMeta[u] : c;
}

/// Output of lexing one piece: processed bytes and, per byte, its offset in the piece.
struct LexState {
  std::string out;
  std::vector<std::uint32_t> pos;
};

template <typename Rule>
struct lex_action : pegtl::nothing<Rule> {};

template <>
struct lex_action<gr::ws> {
  template <typename Input>
  static void apply(const Input& in, LexState& st) {
    for (std::size_t i = 0; i < in.size(); ++i) {
      st.out.push_back(' ');
      st.pos.push_back(static_cast<std::uint32_t>(in.begin() - in.input().begin() + i));
    }
  }
};

template <>
struct lex_action<gr::plain_char> {
  template <typename Input>
  static void apply(const Input& in, LexState& st) {
    st.out.push_back(in.peek_char());
    st.pos.push_back(static_cast<std::uint32_t>(in.begin() - in.input().begin()));
  }
};

template <>
struct lex_action<gr::after_quote> {
  template <typename Input>
  static void apply(const Input& in, LexState& st) {
    st.out.push_back(in.peek_char());
    st.pos.push_back(static_cast<std::uint32_t>(in.begin() - in.input().begin()));
  }
};

template <>
struct lex_action<gr::escape> {
  template <typename Input>
  static void apply(const Input& in, LexState& st) {
    char c = in.peek_char(1);
    switch (c) {
      case 't': c = '\t'; break;
      case 'n': c = '\n'; break;
      case 'b': c = '\b'; break;
      case 'r': c = '\r'; break;
      case 'e': c = '\033'; break;
      default: break;
    }
    st.out.push_back(hide_meta(c));
    st.pos.push_back(static_cast<std::uint32_t>(in.begin() - in.input().begin()));
  }
};

template <>
struct lex_action<gr::quoted_plain> {
  template <typename Input>
  static void apply(const Input& in, LexState& st) {
    st.out.push_back(hide_meta(in.peek_char()));
    st.pos.push_back(static_cast<std::uint32_t>(in.begin() - in.input().begin()));
  }
};

/// Lexes one piece. On 'missing "' returns false with the offset of the opening quote.
bool lex_piece(std::string_view piece, LexState& st, std::uint32_t& error_at) {
  pegtl::memory_input<pegtl::tracking_mode::lazy, pegtl::eol::lf> in(piece.data(), piece.size(), "line");
  try {
    pegtl::parse<gr::line, lex_action, gr::control>(in, st);
    return true;
  } catch (const pegtl::parse_error&) {
    // The only must<> point is the closing quote; report at the last opening quote.
    std::uint32_t q = 0;
    bool in_quote = false;
    for (std::uint32_t i = 0; i < piece.size(); ++i) {
      (void)in_quote;
      if (piece[i] == '"') q = i;
    }
    // Find the opening quote that was left open: scan like the grammar does.
    std::uint32_t open = q;
    bool inside = false;
    bool after = false;
    for (std::uint32_t i = 0; i < piece.size(); ++i) {
      char c = piece[i];
      if (inside) {
        if (c == '\\' && i + 1 < piece.size() && std::strchr("\"tnebr\\", piece[i + 1])) {
          ++i;
        } else if (c == '"') {
          inside = false;
          after = true;
        }
        continue;
      }
      if (after) {
        after = false;
        continue;
      }
      if (c == '"') {
        inside = true;
        open = i;
      }
    }
    error_at = open;
    return false;
  }
}

/// lex_piece for a piece without any double quote: the grammar then reduces to "whitespace
/// becomes spaces, a '#' at the start of a word comments out the rest" (same output and positions).
void lex_unquoted(std::string_view piece, LexState& st) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; };
  for (std::size_t k = 0; k < piece.size(); ++k) {
    char c = piece[k];
    if (space(c)) {
      st.out.push_back(' ');
    } else if (c == '#' && (k == 0 || space(piece[k - 1]))) {
      return;
    } else {
      st.out.push_back(c);
    }
    st.pos.push_back(static_cast<std::uint32_t>(k));
  }
}

}  // namespace

std::string unhide(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = unhide_meta(c);
  return out;
}

std::optional<std::string> process_line(std::string_view line, std::string& error) {
  LexState st;
  std::uint32_t at = 0;
  if (line.find('"') == std::string_view::npos) {
    lex_unquoted(line, st);
  } else if (!lex_piece(line, st, at)) {
    error = "missing \"";
    return std::nullopt;
  }
  return std::move(st.out);
}

// ---------------------------------------------------------------------------------------------
// C-string helpers with dnsmasq's semantics
// ---------------------------------------------------------------------------------------------

namespace {

/// A field of the processed argument: a view to the END of the argument (as C's split leaves
/// it), and its index in the argument for locations.
struct Field {
  std::string_view s;
  std::size_t pos = 0;
};

/// split_chr(): cuts `f` at the first `c`; `f` becomes the left part with trailing spaces
/// removed; returns the right part with leading spaces skipped, or nullopt (f unchanged).
std::optional<Field> split_chr(Field& f, char c) {
  auto idx = f.s.find(c);
  if (idx == std::string_view::npos) return std::nullopt;
  std::size_t start = idx + 1;
  while (start < f.s.size() && f.s[start] == ' ') ++start;
  Field right{f.s.substr(start), f.pos + start};
  std::size_t e = idx;
  while (e > 0 && f.s[e - 1] == ' ') --e;
  f.s = f.s.substr(0, e);
  return right;
}

std::optional<Field> split(Field& f) { return split_chr(f, ','); }

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

bool is_tag_prefix(std::string_view s) { return starts_with(s, "net:") || starts_with(s, "tag:"); }

std::string_view set_prefix(std::string_view s) { return starts_with(s, "set:") ? s.substr(4) : s; }

/// glibc atoi: strtol (saturating at 64 bits) truncated to int.
std::int32_t c_atoi(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  bool neg = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    neg = s[i] == '-';
    ++i;
  }
  unsigned long long v = 0;
  bool sat = false;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
    if (v > (static_cast<unsigned long long>(LLONG_MAX) - static_cast<unsigned>(s[i] - '0')) / 10) {
      sat = true;
    } else {
      v = v * 10 + static_cast<unsigned>(s[i] - '0');
    }
  }
  long long r;
  if (sat) {
    r = neg ? LLONG_MIN : LLONG_MAX;
  } else {
    r = neg ? -static_cast<long long>(v) : static_cast<long long>(v);
  }
  return static_cast<std::int32_t>(static_cast<std::uint32_t>(static_cast<unsigned long long>(r)));
}

/// atoi_check(): digits only (after unhiding), then atoi.
bool atoi_check(std::string_view s, std::int32_t& out) {
  std::string u = unhide(s);
  for (char c : u) {
    if (c < '0' || c > '9') return false;
  }
  out = c_atoi(u);
  return true;
}

/// glibc inet_pton(AF_INET): exactly four decimal parts 0-255, no leading zeros.
std::optional<Ipv4> inet_pton4(std::string_view s) {
  std::uint32_t v = 0;
  int parts = 0;
  std::size_t i = 0;
  while (true) {
    if (i >= s.size() || !std::isdigit(static_cast<unsigned char>(s[i]))) return std::nullopt;
    unsigned part = 0;
    std::size_t start = i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
      if (i > start && s[start] == '0') return std::nullopt;
      part = part * 10 + static_cast<unsigned>(s[i] - '0');
      if (part > 255) return std::nullopt;
      ++i;
    }
    v = (v << 8) | part;
    ++parts;
    if (parts == 4) break;
    if (i >= s.size() || s[i] != '.') return std::nullopt;
    ++i;
  }
  if (i != s.size()) return std::nullopt;
  return Ipv4{v};
}

/// A loose IPv6 syntax check (inet_pton AF_INET6 accepts hex groups, one "::", optional
/// trailing dotted quad).
bool inet_pton6(std::string_view s) {
  if (s.empty()) return false;
  int groups = 0;
  bool dbl = false;
  std::size_t i = 0;
  if (starts_with(s, "::")) {
    dbl = true;
    i = 2;
    if (i == s.size()) return true;
  } else if (s[0] == ':') {
    return false;
  }
  while (i < s.size()) {
    std::size_t start = i;
    while (i < s.size() && std::isxdigit(static_cast<unsigned char>(s[i])) && i - start < 5) ++i;
    if (i < s.size() && s[i] == '.') {
      if (!inet_pton4(s.substr(start))) return false;
      groups += 2;
      i = s.size();
      break;
    }
    if (i == start || i - start > 4) return false;
    ++groups;
    if (i == s.size()) break;
    if (s[i] != ':') return false;
    ++i;
    if (i < s.size() && s[i] == ':') {
      if (dbl) return false;
      dbl = true;
      ++i;
      if (i == s.size()) break;
    } else if (i == s.size()) {
      return false;
    }
  }
  return dbl ? groups <= 7 : groups == 8;
}

/// util.c parse_hex(): groups separated by ':' '-' ' ', 1-2 hex digits each (longer groups are
/// split into pairs), '*' = wildcard byte, optional "<hex>-" hardware type prefix when `htype`
/// is given. Returns -1 on bad characters; writes at most `maxlen` bytes (-1 = unlimited).
int parse_hex(std::string_view in, Bytes& out, std::vector<bool>& wild, int maxlen, int* htype) {
  out.clear();
  wild.clear();
  if (htype) *htype = 0;
  bool type_allowed = htype != nullptr;
  std::size_t p = 0;
  bool done = false;
  int i = 0;
  while (!done && (maxlen == -1 || i < maxlen)) {
    std::size_t r = p;
    while (r < in.size() && in[r] != ':' && in[r] != '-' && in[r] != ' ') {
      if (in[r] != '*' && !std::isxdigit(static_cast<unsigned char>(in[r]))) return -1;
      ++r;
    }
    if (r >= in.size()) done = true;
    if (r != p) {
      std::string_view g = in.substr(p, r - p);
      if (!done && in[r] == '-' && i == 0 && type_allowed) {
        *htype = static_cast<int>(std::strtol(std::string(g).c_str(), nullptr, 16));
        type_allowed = false;
      } else if (g == "*") {
        out.push_back(0);
        wild.push_back(true);
        ++i;
      } else {
        std::size_t bytes = (1 + g.size()) / 2;
        for (std::size_t j = 0; j < bytes; ++j) {
          std::string_view pair = g.substr(j * 2, j < bytes - 1 ? 2 : std::string_view::npos);
          if (pair.find('*') != std::string_view::npos) return -1;
          out.push_back(static_cast<std::uint8_t>(std::strtol(std::string(pair).c_str(), nullptr, 16)));
          wild.push_back(false);
          if (++i == maxlen) break;
        }
      }
    }
    p = r + 1;
  }
  return i;
}

constexpr std::size_t kMaxLabel = 63;
constexpr std::size_t kMaxDname = 1025;

/// util.c check_name() + canonicalise(): nullopt when the name is not acceptable. Names with
/// upper-case letters go through IDN in dnsmasq, which lower-cases them; non-ASCII names are
/// kept as given (no punycode here; see docs/dnsmasq-model.md).
std::optional<std::string> canonicalise(std::string name) {
  std::size_t l = name.size();
  if (l == 0 || l > kMaxDname) return std::nullopt;
  bool nowhite = false;
  if (name[l - 1] == '.') {
    name.pop_back();
    nowhite = true;
  }
  std::size_t dotgap = 0;
  bool upper = false;
  for (char ch : name) {
    auto c = static_cast<unsigned char>(ch);
    if (c == '.') {
      dotgap = 0;
    } else if (++dotgap > kMaxLabel) {
      return std::nullopt;
    } else if (c < 0x80 && std::iscntrl(c)) {
      return std::nullopt;
    } else if (c >= 0x80) {
      // IDN: accepted as is.
    } else if (c != ' ') {
      nowhite = true;
      if (c >= 'A' && c <= 'Z') upper = true;
    }
  }
  if (!nowhite) return std::nullopt;
  if (upper) {
    for (auto& c : name) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return name;
}

/// canonicalise_opt(): unhide, then canonicalise ("" stays "").
std::optional<std::string> canonicalise_opt(std::string_view s) {
  if (s.empty()) return std::string();
  return canonicalise(unhide(s));
}

/// util.c legal_hostname() on an already canonical name (only the first label is strict).
bool legal_hostname(std::string_view name) {
  bool first = true;
  for (char c : name) {
    bool alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (alnum) {
      first = false;
      continue;
    }
    if (!first && (c == '-' || c == '_')) continue;
    if (c == '.') return true;
    return false;
  }
  return true;
}

TagCond make_cond(std::string_view raw) {
  TagCond t;
  std::string name = unhide(raw);
  if (!name.empty() && (name[0] == '!' || name[0] == '#')) {
    t.negated = true;
    name.erase(0, 1);
  }
  t.name = std::move(name);
  return t;
}

/// Lease time field of dhcp-range/dhcp-host: digits with an optional s/m/h/d/w suffix.
int lease_factor(char last) {
  switch (last) {
    case 'w': case 'W': return 7 * 24 * 60 * 60;
    case 'd': case 'D': return 24 * 60 * 60;
    case 'h': case 'H': return 60 * 60;
    case 'm': case 'M': return 60;
    case 's': case 'S': return 1;
    default: return 0;
  }
}

std::uint32_t floor_lease(std::uint32_t v) { return v < 120 ? 120 : v; }

}  // namespace

// ---------------------------------------------------------------------------------------------
// dhcp-option / dhcp-match values (parse_dhcp_opt)
// ---------------------------------------------------------------------------------------------

namespace {

constexpr std::uint32_t kFlagVendor = 1, kFlagEncap = 2, kFlagRfc3925 = 4;

/// strcmp on a byte buffer from two offsets (the buffer always ends in a 0 byte).
int buf_strcmp(const Bytes& b, std::size_t x, std::size_t y) {
  while (x < b.size() && y < b.size()) {
    if (b[x] != b[y]) return b[x] < b[y] ? -1 : 1;
    if (b[x] == 0) return 0;
    ++x;
    ++y;
  }
  return x < b.size() ? 1 : (y < b.size() ? -1 : 0);
}

/// RFC 3397 domain list with dnsmasq's tail compression (option.c), header byte for 120.
bool encode_domain_list(Field value, bool sip, OptionValue& v, std::string& error) {
  Bytes m;
  std::size_t header = sip ? 1 : 0;
  if (sip) m.push_back(0);
  std::size_t len = 0;
  Field arg = value;
  std::optional<Field> next = split(arg);
  bool have = false;
  while (!arg.s.empty()) {
    std::optional<std::string> dom;
    bool root = arg.s == ".";
    if (!root) {
      dom = canonicalise_opt(arg.s);
      if (!dom) {
        error = "bad domain in dhcp-option";
        return false;
      }
      v.domains.push_back(*dom);
    } else {
      v.domains.push_back(".");
    }
    have = true;
    m.resize(header + len);
    std::size_t p = header;
    std::size_t q = p + len;
    // Append in RFC 1035 format.
    if (dom) {
      const std::string& d = *dom;
      std::size_t i = 0;
      while (i < d.size()) {
        std::size_t lenpos = q++;
        m.resize(q);
        std::size_t j = 0;
        while (i < d.size() && d[i] != '.') {
          m.push_back(static_cast<std::uint8_t>(d[i]));
          ++q;
          ++i;
          ++j;
        }
        m[lenpos] = static_cast<std::uint8_t>(j);
        if (i < d.size()) ++i;
      }
    }
    m.resize(q + 1);
    m[q++] = 0;
    std::size_t newlen = q - p;
    // Tail-compress against earlier names.
    bool done = false;
    for (std::size_t tail = p + len; tail < m.size() && m[tail] && !done; tail += m[tail] + 1u) {
      for (std::size_t r = p; r < m.size() && r - p < len; r += m[r] + 1u) {
        if (buf_strcmp(m, r, tail) == 0) {
          std::uint16_t ptr = static_cast<std::uint16_t>((r - p) | 0xc000);
          m[tail] = static_cast<std::uint8_t>(ptr >> 8);
          m[tail + 1] = static_cast<std::uint8_t>(ptr & 0xff);
          newlen = tail + 2 - p;
          done = true;
          break;
        }
      }
    }
    len = newlen;
    m.resize(header + len);
    if (!next) break;
    arg = *next;
    next = split(arg);
  }
  (void)have;
  m.resize(header + len);
  v.bytes = std::move(m);
  return true;
}

}  // namespace

bool parse_option_argument(std::string_view arg_text, OptionFlavor flavor, std::vector<TagCond>& tags,
                           OptionSpec& spec, std::string& error) {
  const bool match = flavor == OptionFlavor::Match;
  std::uint32_t flags = 0;
  bool option_ok = false;
  std::uint16_t opt_len = 0;
  bool looked_up = false;
  std::string value_buf;
  std::optional<Field> comma;
  Field arg{arg_text, 0};
  bool have_arg = true;
  std::int64_t opt = 0;
  std::string name;
  while (have_arg) {
    comma = split(arg);
    bool digits = std::all_of(arg.s.begin(), arg.s.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (digits) {
      opt = c_atoi(arg.s);
      opt_len = 0;
      option_ok = true;
      break;
    }
    if (starts_with(arg.s, "option:")) {
      std::string_view n = arg.s.substr(7);
      const OptionInfo* info = find_option(n);
      if (info) {
        opt = info->code;
        opt_len = option_len_flags(info->code);
        looked_up = true;
        name = std::string(info->name);
        if (!(opt_len & kOtInternal) || match) option_ok = true;
      } else {
        opt = -1;
        static const std::vector<std::string> kOptionNames = option_names();
        std::string sugg = n.size() <= 40 ? did_you_mean(unhide(n), kOptionNames) : std::string();
        error = sugg.empty() ? fmt::format("bad dhcp-option: unknown option name '{}'", unhide(n))
                             : fmt::format("bad dhcp-option: unknown option name '{}'; did you mean '{}'?",
                                           unhide(n), sugg);
        return false;
      }
      if (!option_ok) {
        error = fmt::format("bad dhcp-option: '{}' is internal to dnsmasq and cannot be set by name", name);
        return false;
      }
      break;
    }
    if (starts_with(arg.s, "option6:")) {
      error = "option6: is a DHCPv6 option";
      return false;
    }
    if (starts_with(arg.s, "vendor:")) {
      spec.vendor_class = unhide(arg.s.substr(7));
      flags |= kFlagVendor;
      if ((flags & kFlagEncap) || match) {
        error = "inappropriate vendor:";
        return false;
      }
    } else if (starts_with(arg.s, "encap:")) {
      spec.encap = c_atoi(arg.s.substr(6));
      flags |= kFlagEncap;
      if ((flags & kFlagVendor) || match) {
        error = "inappropriate encap:";
        return false;
      }
    } else if (starts_with(arg.s, "vi-encap:")) {
      spec.encap = c_atoi(arg.s.substr(9));
      flags |= kFlagRfc3925;
      if (match) {
        option_ok = true;
        spec.has_code = false;
        break;
      }
    } else {
      tags.push_back(make_cond(is_tag_prefix(arg.s) ? arg.s.substr(4) : set_prefix(arg.s)));
    }
    if (!comma) {
      have_arg = false;
    } else {
      arg = *comma;
    }
  }
  if (!have_arg) comma.reset();
  spec.code = opt;
  spec.name = name;
  spec.space = (flags & kFlagVendor)  ? OptionSpace::Vendor
               : (flags & kFlagEncap) ? OptionSpace::Encap
               : (flags & kFlagRfc3925) ? OptionSpace::ViEncap
                                        : OptionSpace::Plain;
  if (!looked_up && opt_len == 0 && !(flags & (kFlagVendor | kFlagEncap | kFlagRfc3925)) && opt >= 0 &&
      opt <= UINT32_MAX) {
    opt_len = option_len_flags(static_cast<std::uint32_t>(opt));
  }
  if (!option_ok) {
    error = "bad dhcp-option: no option number";
    return false;
  }

  OptionValue& v = spec.value;
  v = OptionValue{};
  const bool in_space = (flags & (kFlagVendor | kFlagEncap | kFlagRfc3925)) != 0;
  if (comma) {
    std::string text(comma->s);  // mutable copy: the width suffix is cut off as dnsmasq does
    bool is_addr = true, is_hex = true, is_dec = true;
    int addrs = 1, digs = 1, dots = 0;
    bool found_dig = false;
    char lenchar = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
      char c = text[i];
      if (c == ',') {
        ++addrs;
        is_dec = is_hex = false;
      } else if (c == ':') {
        ++digs;
        is_dec = is_addr = false;
      } else if (c == '/') {
        is_dec = is_hex = false;
        if (i == 0) is_addr = false;
      } else if (c == '.') {
        is_dec = is_hex = false;
        ++dots;
      } else if (c == '-') {
        is_hex = is_addr = false;
      } else if (c == ' ') {
        is_dec = is_hex = false;
      } else if (!(c >= '0' && c <= '9')) {
        is_addr = false;
        if (i + 1 == text.size() && is_dec && (c == 'b' || c == 's' || c == 'i')) {
          lenchar = c;
          text.resize(i);
          if (!((c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f'))) is_hex = false;
          break;
        }
        is_dec = false;
        if (!((c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f') || (c == '*' && match))) is_hex = false;
      } else {
        found_dig = true;
      }
    }
    if (!found_dig) is_dec = is_addr = false;
    v.text = unhide(text);
    bool is_string = true;
    if (opt_len & kOtAddrList) {
      is_string = is_dec = is_hex = false;
      if (!is_addr || dots == 0) {
        error = "bad IP address";
        return false;
      }
    } else if (opt_len & (kOtName | kOtRfc1035Name | kOtCString)) {
      is_addr = is_dec = is_hex = false;
    }

    if (found_dig && (opt_len & kOtTime) && !text.empty()) {
      int fac = 1;
      char last = text.back();
      if (int f = lease_factor(last); f != 0) {
        fac = f;
        text.pop_back();
      }
      std::uint32_t val = static_cast<std::uint32_t>(c_atoi(text)) * static_cast<std::uint32_t>(fac);
      v.kind = ValueKind::Time;
      v.bytes = {static_cast<std::uint8_t>(val >> 24), static_cast<std::uint8_t>(val >> 16),
                 static_cast<std::uint8_t>(val >> 8), static_cast<std::uint8_t>(val)};
    } else if (is_hex && digs > 1) {
      Bytes out;
      std::vector<bool> wild;
      parse_hex(text, out, wild, digs, nullptr);
      out.resize(static_cast<std::size_t>(digs), 0);
      wild.resize(static_cast<std::size_t>(digs), false);
      v.kind = ValueKind::Hex;
      v.bytes = std::move(out);
      if (match) v.wildcard = std::move(wild);
    } else if (is_dec) {
      std::int32_t val = c_atoi(text);
      std::size_t len;
      if (opt_len != 0) {
        len = opt_len;
      } else if (static_cast<std::uint32_t>(val) & 0xffff0000u) {
        len = 4;
      } else if (val & 0xff00) {
        len = 2;
      } else {
        len = 1;
      }
      if (lenchar == 'b') len = 1;
      if (lenchar == 's') len = 2;
      if (lenchar == 'i') len = 4;
      if (len > 255) {
        error = "dhcp-option too long";
        return false;
      }
      v.kind = ValueKind::Decimal;
      v.width_suffix = lenchar;
      v.bytes.resize(len);
      for (std::size_t i = 0; i < len; ++i) {
        std::size_t shift = (len - i - 1) * 8;
        v.bytes[i] = shift >= 32 ? 0 : static_cast<std::uint8_t>(static_cast<std::uint32_t>(val) >> shift);
      }
    } else if (is_addr) {
      v.kind = ValueKind::Addresses;
      v.rewritable_addr = !in_space;
      if (!in_space && opt == 120) {
        v.bytes.push_back(1);
        v.rewritable_addr = false;
      }
      Field rest{text, 0};
      for (int k = 0; k < addrs; ++k) {
        Field cp = rest;
        std::optional<Field> nxt = split(cp);
        std::optional<Field> slash = split_chr(cp, '/');
        auto a = inet_pton4(cp.s);
        if (!a) {
          error = fmt::format("bad IPv4 address '{}'", cp.s);
          return false;
        }
        AddrElem e{*a, std::nullopt};
        if (!slash) {
          auto b = a->bytes();
          v.bytes.insert(v.bytes.end(), b.begin(), b.end());
        } else {
          int netsize = c_atoi(slash->s);
          e.prefix = netsize;
          auto b = a->bytes();
          v.bytes.push_back(static_cast<std::uint8_t>(netsize));
          if (netsize > 0) v.bytes.push_back(b[0]);
          if (netsize > 8) v.bytes.push_back(b[1]);
          if (netsize > 16) v.bytes.push_back(b[2]);
          if (netsize > 24) v.bytes.push_back(b[3]);
          v.rewritable_addr = false;
        }
        v.addrs.push_back(e);
        if (!nxt) break;
        rest = *nxt;
      }
    } else if (is_string) {
      if ((opt == 119 || opt == 120) && !in_space) {
        v.kind = ValueKind::DomainList;
        if (!encode_domain_list(Field{text, 0}, opt == 120, v, error)) return false;
      } else {
        v.kind = ValueKind::String;
        std::string u = unhide(text);
        v.bytes.assign(u.begin(), u.end());
      }
    }
  }
  std::size_t len = v.bytes.size();
  if (len > 255 || (len > 253 && (flags & (kFlagVendor | kFlagEncap))) || (len > 250 && (flags & kFlagRfc3925))) {
    error = "dhcp-option too long";
    return false;
  }
  if (match && ((flags & (kFlagVendor | kFlagEncap)) || tags.size() != 1)) {
    error = "illegal dhcp-match";
    return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// The reader
// ---------------------------------------------------------------------------------------------

namespace {

constexpr std::size_t kLineBuffer = 1024;  // fgets(buff, MAXDNAME = 1025, f)

/// One processed line: the key, the argument, and source offsets of each processed byte.
struct Line {
  const SourceFile* file = nullptr;
  std::uint32_t begin = 0;                 // offset of the piece in the file
  std::string text;                        // processed text (leading/trailing spaces stripped)
  std::vector<std::uint32_t> pos;          // per byte: offset in the file
  std::size_t arg_start = std::string::npos;  // index of the argument in `text`
};

class Reader {
public:
  Reader(SourceSet& sources, DiagnosticSink& sink, const ReadOptions& opts)
      : sources_(sources), sink_(sink), opts_(opts) {}

  void read_file(const SourceFile& file, int hard_opt);
  Model& model() { return model_; }
  bool failed() const { return errors_ > 0; }
  void mark_read(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) seen_.insert({st.st_dev, st.st_ino});
  }
  bool already_read(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return false;
    return !seen_.insert({st.st_dev, st.st_ino}).second;
  }

private:
  enum HardOpt { kNone = 0, kHostsFile = 1, kOptsFile = 2 };

  Span span_at(const Line& l, std::size_t idx, std::size_t len = 1) const {
    if (l.pos.empty()) return Span{l.file, l.begin, l.begin};
    std::size_t i = std::min(idx, l.pos.size() - 1);
    std::size_t j = std::min(idx + (len ? len - 1 : 0), l.pos.size() - 1);
    return Span{l.file, l.pos[i], l.pos[j] + 1};
  }
  Span field_span(const Line& l, const Field& f) const {
    return span_at(l, l.arg_start + f.pos, std::max<std::size_t>(f.s.size(), 1));
  }
  Span line_span(const Line& l) const { return span_at(l, 0, l.text.size()); }

  template <typename... Args>
  void fail(int hard, Span s, fmt::format_string<Args...> f, Args&&... args) {
    if (hard != kNone) {
      sink_.warning(s, "{} (dnsmasq logs this and ignores the line)", fmt::format(f, std::forward<Args>(args)...));
    } else {
      sink_.error(s, f, std::forward<Args>(args)...);
      ++errors_;
    }
  }

  void one_line(Line& l, int hard_opt);
  bool directive(Line& l, const DirectiveInfo* info, std::string_view key, std::optional<Field> arg, int hard);

  bool parse_range(Line& l, Field arg, int hard);
  bool parse_host(Line& l, Field arg, int hard);
  bool parse_option(Line& l, Field arg, OptionFlavor flavor, int hard);
  bool parse_boot(Line& l, Field arg, int hard);
  bool parse_class(Line& l, Field arg, ClassMatch::Kind kind, int hard);
  bool parse_tag_if(Line& l, Field arg, int hard);
  bool parse_pxe_service(Line& l, Field arg, int hard);
  bool parse_pxe_prompt(Line& l, Field arg, int hard);
  bool parse_domain(Line& l, Field arg, int hard);
  bool parse_conf_dir(Line& l, Field arg, int hard);
  bool parse_other(Line& l, std::string_view key, std::optional<Field> arg, int hard);

  std::vector<TagCond> dhcp_tags(Field& arg, bool& have) {
    std::vector<TagCond> out;
    while (have && is_tag_prefix(arg.s)) {
      auto c = split(arg);
      out.push_back(make_cond(arg.s.substr(4)));
      if (!c) {
        have = false;
        break;
      }
      arg = *c;
    }
    if (!have) out.clear();
    return out;
  }

  SourceSet& sources_;
  DiagnosticSink& sink_;
  ReadOptions opts_;
  Model model_;
  std::size_t errors_ = 0;
  std::set<std::string_view> used_once_;
  std::unordered_set<std::uint32_t> host_addrs_;  ///< addresses of the dhcp-host lines so far
  int pxe_boottype_ = 0x8000;
  std::set<std::pair<dev_t, ino_t>> seen_;
  int depth_ = 0;
};

namespace {

/// Lines of `t` that start with `key`: a capacity hint.
std::size_t lines_starting_with(std::string_view t, std::string_view key) {
  std::size_t n = t.starts_with(key) ? 1 : 0;
  for (std::size_t at = t.find('\n'); at != std::string_view::npos; at = t.find('\n', at + 1))
    n += t.substr(at + 1).starts_with(key);
  return n;
}

/// Makes room for `more` elements, growing geometrically across several files (includes).
template <typename T>
void make_room(std::vector<T>& v, std::size_t more) {
  std::size_t need = v.size() + more;
  if (need > v.capacity()) v.reserve(std::max(need, 2 * v.capacity()));
}

}  // namespace

void Reader::read_file(const SourceFile& file, int hard_opt) {
  const std::string& t = file.text();
  // A translated config holds 100,000 dhcp-host and dhcp-option lines: their vectors are filled
  // once at their final size instead of growing (and copying) seventeen times.
  if (hard_opt == kNone) {
    make_room(model_.hosts, lines_starting_with(t, "dhcp-host"));
    make_room(model_.options, lines_starting_with(t, "dhcp-option"));
  }
  std::uint32_t i = 0;
  const auto n = static_cast<std::uint32_t>(t.size());
  // Reused for every line (their buffers keep their capacity).
  LexState st;
  Line l;
  l.file = &file;
  while (i < n) {
    // fgets: up to 1024 bytes or through the newline.
    std::uint32_t e = i;
    while (e < n && e - i < kLineBuffer && t[e] != '\n') ++e;
    std::uint32_t next = e;
    if (e < n && t[e] == '\n' && e - i < kLineBuffer) next = e + 1;
    std::string_view piece(t.data() + i, next - i);
    if (auto z = piece.find('\0'); z != std::string_view::npos) piece = piece.substr(0, z);
    st.out.clear();
    st.pos.clear();
    std::uint32_t err_at = 0;
    if (piece.find('"') == std::string_view::npos) {
      lex_unquoted(piece, st);  // the common case, without the grammar
    } else if (!lex_piece(piece, st, err_at)) {
      fail(hard_opt, Span{&file, i + err_at, i + err_at + 1}, "missing \" (unterminated quote)");
      i = next;
      continue;
    }
    l.begin = i;
    l.text.clear();
    l.pos.clear();
    l.arg_start = std::string::npos;
    std::size_t b = 0, en = st.out.size();
    while (b < en && st.out[b] == ' ') ++b;
    while (en > b && st.out[en - 1] == ' ') --en;
    if (en > b) {
      l.text.assign(st.out, b, en - b);
      l.pos.resize(en - b);
      for (std::size_t k = b; k < en; ++k) l.pos[k - b] = i + st.pos[k];
      one_line(l, hard_opt);
    }
    i = next;
  }
}

void Reader::one_line(Line& l, int hard_opt) {
  if (hard_opt == kHostsFile) {
    l.arg_start = 0;
    parse_host(l, Field{l.text, 0}, hard_opt);
    return;
  }
  if (hard_opt == kOptsFile) {
    l.arg_start = 0;
    parse_option(l, Field{l.text, 0}, OptionFlavor::OptsFile, hard_opt);
    return;
  }
  std::string_view key = l.text;
  std::optional<Field> arg;
  if (auto eq = l.text.find('='); eq != std::string::npos) {
    std::size_t a = eq + 1;
    while (a < l.text.size() && l.text[a] == ' ') ++a;
    std::size_t k = eq;
    while (k > 0 && (l.text[k - 1] == ' ' || l.text[k - 1] == '=')) --k;
    key = std::string_view(l.text).substr(0, k);
    l.arg_start = a;
    arg = Field{std::string_view(l.text).substr(a), 0};
  }
  const DirectiveInfo* info = find_directive(key);
  Span kspan = span_at(l, 0, std::max<std::size_t>(key.size(), 1));
  if (!info) {
    // Suggestions only for key-sized words: keeps a file of long garbage lines linear and fast.
    static const std::vector<std::string> kNames = directive_names();
    std::string sugg = key.size() <= 40 ? did_you_mean(unhide(key), kNames) : std::string();
    if (sugg.empty()) {
      fail(hard_opt, kspan, "bad option '{}'", unhide(key));
    } else {
      fail(hard_opt, kspan, "bad option '{}'; did you mean '{}'?", unhide(key), sugg);
    }
    return;
  }
  if (info->has_arg == 0 && arg) {
    fail(hard_opt, span_at(l, l.arg_start), "extraneous parameter: '{}' takes no value", key);
    return;
  }
  if (info->has_arg == 1 && !arg) {
    fail(hard_opt, kspan, "missing parameter: '{}' needs a value", key);
    return;
  }
  if (info->repeat == Repeat::One) {
    if (!used_once_.insert(info->group).second) {
      fail(hard_opt, kspan, "illegal repeated keyword '{}'", key);
      return;
    }
  }
  directive(l, info, key, arg, hard_opt);
}

bool Reader::directive(Line& l, const DirectiveInfo* info, std::string_view key, std::optional<Field> arg, int hard) {
  (void)info;
  Origin o{line_span(l), {}};
  if (key == "dhcp-range") return parse_range(l, *arg, hard);
  if (key == "dhcp-host") return parse_host(l, *arg, hard);
  if (key == "dhcp-option") return parse_option(l, *arg, OptionFlavor::Option, hard);
  if (key == "dhcp-option-force") return parse_option(l, *arg, OptionFlavor::Force, hard);
  if (key == "dhcp-match") return parse_option(l, *arg, OptionFlavor::Match, hard);
  if (key == "dhcp-boot") return parse_boot(l, *arg, hard);
  if (key == "dhcp-vendorclass") return parse_class(l, *arg, ClassMatch::Kind::VendorClass, hard);
  if (key == "dhcp-userclass") return parse_class(l, *arg, ClassMatch::Kind::UserClass, hard);
  if (key == "dhcp-circuitid") return parse_class(l, *arg, ClassMatch::Kind::CircuitId, hard);
  if (key == "dhcp-remoteid") return parse_class(l, *arg, ClassMatch::Kind::RemoteId, hard);
  if (key == "dhcp-subscrid") return parse_class(l, *arg, ClassMatch::Kind::SubscriberId, hard);
  if (key == "tag-if") return parse_tag_if(l, *arg, hard);
  if (key == "pxe-service") return parse_pxe_service(l, *arg, hard);
  if (key == "pxe-prompt") return parse_pxe_prompt(l, *arg, hard);
  if (key == "domain") return parse_domain(l, *arg, hard);
  if (key == "conf-dir") return parse_conf_dir(l, *arg, hard);
  if (key == "dhcp-mac") {
    Field a = *arg;
    auto comma = split(a);
    if (!comma) {
      fail(hard, field_span(l, a), "dhcp-mac needs set:TAG,MAC");
      return false;
    }
    MacMatch m{o, unhide(set_prefix(a.s)), {}};
    std::string mac = unhide(comma->s);
    int ht = 0;
    if (parse_hex(mac, m.mac.addr, m.mac.wildcard, 16, &ht) == -1) {
      fail(hard, field_span(l, *comma), "bad hardware address '{}'", mac);
      return false;
    }
    m.mac.htype = ht;
    model_.mac_matches.push_back(std::move(m));
    return true;
  }
  if (key == "dhcp-name-match") {
    Field a = *arg;
    auto comma = split(a);
    if (!comma || comma->s.empty()) {
      fail(hard, field_span(l, a), "dhcp-name-match needs set:TAG,NAME");
      return false;
    }
    NameMatch m{o, unhide(set_prefix(a.s)), std::string(comma->s), false};
    if (m.name.back() == '*') {
      m.name.pop_back();
      m.wildcard = true;
    }
    m.name = unhide(m.name);
    model_.name_matches.push_back(std::move(m));
    return true;
  }
  if (key == "dhcp-ignore" || key == "dhcp-ignore-names" || key == "dhcp-generate-names" || key == "dhcp-broadcast" ||
      key == "bootp-dynamic") {
    TagList t;
    t.origin = o;
    t.kind = key == "dhcp-ignore"           ? TagList::Kind::Ignore
             : key == "dhcp-ignore-names"   ? TagList::Kind::IgnoreNames
             : key == "dhcp-generate-names" ? TagList::Kind::GenerateNames
             : key == "dhcp-broadcast"      ? TagList::Kind::Broadcast
                                            : TagList::Kind::BootpDynamic;
    if (arg) {
      Field a = *arg;
      while (true) {
        auto c = split(a);
        t.tags.push_back(make_cond(is_tag_prefix(a.s) ? a.s.substr(4) : a.s));
        if (!c) break;
        a = *c;
      }
    }
    model_.tag_lists.push_back(std::move(t));
    return true;
  }
  if (key == "dhcp-authoritative") {
    model_.authoritative = Flag{o, true};
    return true;
  }
  if (key == "dhcp-no-override") {
    model_.no_override = Flag{o, true};
    return true;
  }
  if (key == "dhcp-sequential-ip") {
    model_.sequential_ip = Flag{o, true};
    return true;
  }
  if (key == "dhcp-lease-max") {
    std::int32_t v = 0;
    if (!atoi_check(arg->s, v)) {
      fail(hard, field_span(l, *arg), "dhcp-lease-max needs a number, not '{}'", unhide(arg->s));
      return false;
    }
    model_.lease_max = v;
    model_.lease_max_origin = o;
    return true;
  }
  if (key == "enable-tftp") {
    Tftp t;
    t.origin = o;
    if (arg) {
      Field a = *arg;
      while (true) {
        auto c = split(a);
        t.interfaces.push_back(unhide(a.s));
        if (!c) break;
        a = *c;
      }
    }
    model_.enable_tftp.push_back(std::move(t));
    return true;
  }
  if (key == "tftp-root") {
    Tftp t;
    t.origin = o;
    Field a = *arg;
    auto c = split(a);
    t.root = unhide(a.s);
    if (c) t.root_interface = unhide(c->s);
    model_.tftp_roots.push_back(std::move(t));
    return true;
  }
  if (key == "conf-file") {
    std::string path = arg ? unhide(arg->s) : std::string();
    model_.includes.push_back(Include{o, Include::Kind::ConfFile, path, {}});
    if (path.empty() || !opts_.follow_includes) return true;
    if (path == "-") {
      fail(hard, field_span(l, *arg), "conf-file=- (standard input) is not supported here");
      return false;
    }
    if (already_read(path)) return true;
    if (struct stat st {}; ::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
      sink_.warning(field_span(l, *arg), "'{}' is not a regular file; not read", path);
      return true;
    }
    if (depth_ > 64) {
      fail(hard, field_span(l, *arg), "conf-file nesting too deep at '{}'", path);
      return false;
    }
    std::string err;
    const SourceFile* f = sources_.load(path, err);
    if (!f) {
      fail(hard, field_span(l, *arg), "cannot read {}: {}", path, err);
      return false;
    }
    mark_read(path);
    ++depth_;
    read_file(*f, kNone);
    --depth_;
    return true;
  }
  if (key == "dhcp-hostsfile" || key == "dhcp-optsfile") {
    bool hosts = key == "dhcp-hostsfile";
    std::string path = unhide(arg->s);
    model_.includes.push_back(Include{o, hosts ? Include::Kind::HostsFile : Include::Kind::OptsFile, path, {}});
    if (!opts_.follow_includes) return true;
    std::error_code ec;
    if (struct stat st {}; ::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
      sink_.warning(field_span(l, *arg), "'{}' is not a regular file; not read", path);
      return true;
    }
    if (std::filesystem::is_directory(path, ec)) {
      sink_.warning(field_span(l, *arg), "'{}' is a directory; dnsmasq reads the files in it at startup", path);
      return true;
    }
    std::string err;
    const SourceFile* f = sources_.load(path, err);
    if (!f) {
      sink_.warning(field_span(l, *arg), "cannot read {}: {} (dnsmasq only logs this)", path, err);
      return true;
    }
    read_file(*f, hosts ? kHostsFile : kOptsFile);
    return true;
  }
  return parse_other(l, key, arg, hard);
}

bool Reader::parse_range(Line& l, Field arg, int hard) {
  Range r;
  r.origin = Origin{line_span(l), {}};
  Field a0 = arg;
  while (true) {
    std::size_t k = 0;
    for (; k < arg.s.size(); ++k) {
      char c = arg.s[k];
      if (!(c == ' ' || c == '.' || c == ':' || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') ||
            (c >= '0' && c <= '9')))
        break;
    }
    bool at_comma = k < arg.s.size() && arg.s[k] == ',';
    std::optional<Field> comma;
    if (!at_comma) {
      Field tmp = arg;
      comma = split(tmp);
      if (comma) {
        if (is_tag_prefix(tmp.s)) {
          if (tmp.s.size() > 4) r.filters.push_back(make_cond(tmp.s.substr(4)));
        } else {
          if (r.set_tag) {
            fail(hard, field_span(l, tmp), "only one tag allowed: the range already sets '{}'", *r.set_tag);
            return false;
          }
          std::string name = unhide(set_prefix(tmp.s));
          if (!name.empty()) r.set_tag = name;
        }
        arg = *comma;
        continue;
      }
    }
    a0 = arg;
    break;
  }
  std::vector<Field> a{a0};
  for (int k = 1; k < 8; ++k) {
    auto n = split(a.back());
    if (!n) break;
    a.push_back(*n);
  }
  const std::size_t k = a.size();
  if (k < 2) {
    fail(hard, field_span(l, a[0]), "bad dhcp-range: expected start,end|static|proxy");
    return false;
  }
  auto start = inet_pton4(a[0].s);
  std::size_t leasepos = 2;
  if (start) {
    r.start = r.end = *start;
    if (a[1].s == "static") {
      r.mode = Range::Mode::Static;
    } else if (a[1].s == "proxy") {
      r.mode = Range::Mode::Proxy;
    } else if (auto e = inet_pton4(a[1].s)) {
      r.end = *e;
    } else {
      fail(hard, field_span(l, a[1]), "bad dhcp-range: '{}' is not an IPv4 address, 'static' or 'proxy'",
           unhide(a[1].s));
      return false;
    }
    if (r.start > r.end) std::swap(r.start, r.end);
    if (k >= 3 && a[2].s.find('.') != std::string_view::npos) {
      if (auto m = inet_pton4(a[2].s)) {
        r.netmask = *m;
        leasepos = 3;
        if ((r.start.value & m->value) != (r.end.value & m->value)) {
          fail(hard, field_span(l, a[2]), "inconsistent DHCP range: {} and {} are not in one subnet with netmask {}",
               r.start, r.end, *m);
          return false;
        }
        if (k >= 4 && a[3].s.find('.') != std::string_view::npos) {
          if (auto b = inet_pton4(a[3].s)) {
            r.broadcast = *b;
            leasepos = 4;
          }
        }
      }
    }
  } else if (inet_pton6(a[0].s)) {
    // DHCPv6 range: outside the model, kept verbatim.
    OtherDirective od{Origin{line_span(l), {}}, "dhcp-range", std::string(l.text.substr(l.arg_start))};
    od.arg = unhide(*od.arg);
    model_.others.push_back(std::move(od));
    return true;
  } else {
    fail(hard, field_span(l, a[0]), "bad dhcp-range: '{}' is not an address", unhide(a[0].s));
    return false;
  }
  if (leasepos < k) {
    if (leasepos != k - 1) {
      fail(hard, field_span(l, a[leasepos]), "bad dhcp-range: unexpected field '{}'", unhide(a[leasepos].s));
      return false;
    }
    std::string lt(a[leasepos].s);
    if (lt == "infinite") {
      r.lease = kInfiniteLease;
    } else if (lt == "deprecated") {
      r.deprecated = true;
    } else if (!lt.empty()) {
      int fac = lease_factor(lt.back());
      if (fac) lt.pop_back(); else fac = 1;
      bool digits = std::all_of(lt.begin(), lt.end(), [](char c) { return c >= '0' && c <= '9'; });
      if (!digits) {
        fail(hard, field_span(l, a[leasepos]), "bad dhcp-range: bad lease time '{}'", unhide(a[leasepos].s));
        return false;
      }
      r.lease = floor_lease(static_cast<std::uint32_t>(c_atoi(lt)) * static_cast<std::uint32_t>(fac));
    }
  }
  model_.ranges.push_back(std::move(r));
  return true;
}

bool Reader::parse_host(Line& l, Field arg, int hard) {
  Host h;
  h.origin = Origin{line_span(l), {}};
  h.from_hostsfile = hard == kHostsFile;
  std::optional<Ipv4> new_addr;
  while (true) {
    auto comma = split(arg);
    std::string_view s = arg.s;
    if (s.find(':') != std::string_view::npos) {
      if (s.size() >= 3 && (s[0] == 'i' || s[0] == 'I') && (s[1] == 'd' || s[1] == 'D') && s[2] == ':') {
        if (s.size() > 3 && s[3] == '*') {
          h.ignore_client_id = true;
        } else {
          std::string_view id = s.substr(3);
          Bytes b;
          if (id.find(':') != std::string_view::npos) {
            std::vector<bool> w;
            if (parse_hex(id, b, w, -1, nullptr) == -1) {
              fail(hard, field_span(l, arg), "bad hex constant '{}'", unhide(s));
              return false;
            }
          } else {
            std::string u = unhide(id);
            b.assign(u.begin(), u.end());
          }
          h.client_id = std::move(b);
        }
      } else if (starts_with(s, "net:") || starts_with(s, "set:")) {
        h.set_tags.push_back(unhide(s.substr(4)));
      } else if (starts_with(s, "tag:")) {
        h.filters.push_back(make_cond(s.substr(4)));
      } else if (s.front() == '[' && s.back() == ']') {
        std::string v6(s.substr(1, s.size() - 2));
        Field tmp{v6, 0};
        auto pref = split_chr(tmp, '/');
        if (!inet_pton6(tmp.s)) {
          fail(hard, field_span(l, arg), "bad IPv6 address '{}'", unhide(s));
          return false;
        }
        if (pref) {
          std::int32_t p = 0;
          if (!atoi_check(pref->s, p) || p > 128) {
            fail(hard, field_span(l, arg), "bad IPv6 prefix '{}'", unhide(s));
            return false;
          }
        }
        h.ipv6.push_back(unhide(v6));
      } else {
        HwPattern hw;
        int ht = 0;
        if (parse_hex(s, hw.addr, hw.wildcard, 16, &ht) == -1) {
          fail(hard, field_span(l, arg), "bad hex constant '{}'", unhide(s));
          return false;
        }
        hw.htype = ht;
        h.macs.push_back(std::move(hw));
      }
    } else if (s.find('.') != std::string_view::npos && inet_pton4(s)) {
      Ipv4 a = *inet_pton4(s);
      if (host_addrs_.count(a.value)) {
        fail(hard, field_span(l, arg), "duplicate dhcp-host IP address {}", a);
        return false;
      }
      h.address = a;
      new_addr = a;
    } else {
      std::string t(s);
      char last = 0;
      int fac = 1;
      bool cut = false;
      if (t.size() > 1) {
        last = t.back();
        if (int f = lease_factor(last)) {
          fac = f;
          t.pop_back();
          cut = true;
        }
      }
      bool isdig = false;
      std::size_t i = 0;
      for (; i < t.size(); ++i) {
        if (std::isdigit(static_cast<unsigned char>(t[i]))) {
          isdig = true;
        } else if (t[i] != ' ') {
          break;
        }
      }
      if (i < t.size()) {
        if (cut) t.push_back(last);
        if (t == "infinite") {
          h.lease = kInfiniteLease;
        } else if (t == "ignore") {
          h.ignore = true;
        } else {
          auto name = canonicalise_opt(t);
          if (!name || name->empty() || !legal_hostname(*name)) {
            fail(hard, field_span(l, arg), "bad DHCP host name '{}'", unhide(t));
            return false;
          }
          auto dot = name->find('.');
          if (dot != std::string::npos) {
            h.domain = name->substr(dot + 1);
            h.hostname = name->substr(0, dot);
          } else {
            h.hostname = *name;
            h.domain.reset();
          }
        }
      } else if (isdig) {
        h.lease = floor_lease(static_cast<std::uint32_t>(c_atoi(t)) * static_cast<std::uint32_t>(fac));
      }
    }
    if (!comma) break;
    arg = *comma;
  }
  if (h.address) host_addrs_.insert(h.address->value);
  (void)new_addr;
  model_.hosts.push_back(std::move(h));
  return true;
}

bool Reader::parse_option(Line& l, Field arg, OptionFlavor flavor, int hard) {
  if (starts_with(arg.s, "option6:") || arg.s.find(",option6:") != std::string_view::npos) {
    OtherDirective od{Origin{line_span(l), {}},
                      flavor == OptionFlavor::Force ? "dhcp-option-force"
                      : flavor == OptionFlavor::Match ? "dhcp-match"
                                                      : "dhcp-option",
                      unhide(arg.s)};
    model_.others.push_back(std::move(od));
    return true;
  }
  std::vector<TagCond> tags;
  OptionSpec spec;
  std::string error;
  if (!parse_option_argument(arg.s, flavor, tags, spec, error)) {
    fail(hard, field_span(l, arg), "{}", error);
    return false;
  }
  Origin o{line_span(l), {}};
  if (flavor == OptionFlavor::Match) {
    Match m{o, tags.front().negated ? "!" + tags.front().name : tags.front().name, std::move(spec)};
    model_.matches.push_back(std::move(m));
  } else {
    DhcpOption d{o, flavor == OptionFlavor::Force, std::move(tags), std::move(spec), flavor == OptionFlavor::OptsFile};
    model_.options.push_back(std::move(d));
  }
  return true;
}

bool Reader::parse_boot(Line& l, Field arg, int hard) {
  bool have = true;
  Boot b;
  b.origin = Origin{line_span(l), {}};
  b.tags = dhcp_tags(arg, have);
  if (!have) {
    fail(hard, field_span(l, arg), "dhcp-boot needs a file name after its tags");
    return false;
  }
  auto comma = split(arg);
  if (!arg.s.empty()) b.file = unhide(arg.s);
  if (comma) {
    Field a = *comma;
    auto c2 = split(a);
    if (!a.s.empty()) b.sname = unhide(a.s);
    if (c2) {
      std::string third = unhide(c2->s);
      if (auto ip = inet_pton4(third)) {
        b.server = *ip;
      } else if (!third.empty()) {
        b.tftp_name = third;
      }
    }
  }
  model_.boots.push_back(std::move(b));
  return true;
}

bool Reader::parse_class(Line& l, Field arg, ClassMatch::Kind kind, int hard) {
  ClassMatch m;
  m.origin = Origin{line_span(l), {}};
  m.kind = kind;
  auto comma = split(arg);
  if (!comma) {
    fail(hard, field_span(l, arg), "expected set:TAG,VALUE");
    return false;
  }
  m.set_tag = unhide(set_prefix(arg.s));
  Field a = *comma;
  auto c2 = split(a);
  Field value = a;
  if (c2) {
    if (kind != ClassMatch::Kind::VendorClass || !starts_with(a.s, "enterprise:")) {
      fail(hard, field_span(l, a), "unexpected field '{}'", unhide(a.s));
      return false;
    }
    m.enterprise = c_atoi(a.s.substr(11));
    value = *c2;
  }
  bool dig = false, colon = false;
  std::size_t i = 0;
  for (; i < value.s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(value.s[i]);
    if (std::isxdigit(c)) {
      dig = true;
    } else if (c == ':') {
      colon = true;
    } else {
      break;
    }
  }
  std::string u = unhide(value.s);
  bool relay = kind != ClassMatch::Kind::VendorClass && kind != ClassMatch::Kind::UserClass;
  if (!relay || i < value.s.size() || !dig || !colon) {
    m.data.assign(u.begin(), u.end());
  } else {
    std::vector<bool> w;
    parse_hex(u, m.data, w, static_cast<int>(u.size()), nullptr);
    m.hex = true;
  }
  model_.class_matches.push_back(std::move(m));
  return true;
}

bool Reader::parse_tag_if(Line& l, Field arg, int hard) {
  TagIf t;
  t.origin = Origin{line_span(l), {}};
  bool bad = false;
  while (true) {
    auto comma = split(arg);
    if (arg.s.size() < 5) {
      bad = true;
      break;
    }
    if (starts_with(arg.s, "set:")) {
      t.set_tags.push_back(unhide(arg.s.substr(4)));
    } else if (starts_with(arg.s, "tag:")) {
      t.conds.push_back(make_cond(arg.s.substr(4)));
    } else {
      bad = true;
      break;
    }
    if (!comma) break;
    arg = *comma;
  }
  if (bad) {
    fail(hard, field_span(l, arg), "bad tag-if: '{}' is not set:TAG or tag:TAG", unhide(arg.s));
    return false;
  }
  if (t.set_tags.empty()) {
    fail(hard, line_span(l), "bad tag-if: no set:TAG");
    return false;
  }
  model_.tag_ifs.push_back(std::move(t));
  return true;
}

bool Reader::parse_pxe_service(Line& l, Field arg, int hard) {
  static const char* const kCsa[] = {"x86PC",    "PC98",       "IA64_EFI",   "Alpha",  "Arc_x86",   "Intel_Lean_Client",
                                     "IA32_EFI", "x86-64_EFI", "Xscale_EFI", "BC_EFI", "ARM32_EFI", "ARM64_EFI"};
  bool have = true;
  PxeService p;
  p.origin = Origin{line_span(l), {}};
  p.tags = dhcp_tags(arg, have);
  std::optional<Field> comma;
  if (have) comma = split(arg);
  if (have && comma) {
    int csa = -1;
    for (int i = 0; i < 12; ++i) {
      if (strcasecmp(kCsa[i], std::string(arg.s).c_str()) == 0) csa = i;
    }
    std::int32_t num = 0;
    if (csa >= 0 || atoi_check(arg.s, num)) {
      p.csa = csa >= 0 ? csa : num;
      Field a = *comma;
      auto c2 = split(a);
      p.menu = unhide(a.s);
      if (c2) {
        Field b = *c2;
        auto c3 = split(b);
        std::int32_t ty = 0;
        if (atoi_check(b.s, ty)) {
          p.type = ty;
        } else {
          p.type = pxe_boottype_++;
          p.basename = unhide(b.s);
        }
        if (c3) {
          std::string srv = unhide(c3->s);
          if (auto ip = inet_pton4(srv)) {
            p.server = *ip;
          } else {
            p.server_name = srv;
          }
        }
      }
      model_.pxe_services.push_back(std::move(p));
      return true;
    }
  }
  fail(hard, field_span(l, arg), "bad pxe-service (expected [tag:T,]CSA,menu[,basename|type][,server])");
  return false;
}

bool Reader::parse_pxe_prompt(Line& l, Field arg, int hard) {
  bool have = true;
  PxePrompt p;
  p.origin = Origin{line_span(l), {}};
  p.tags = dhcp_tags(arg, have);
  if (!have) {
    fail(hard, field_span(l, arg), "pxe-prompt needs a prompt after its tags");
    return false;
  }
  auto comma = split(arg);
  p.text = unhide(arg.s);
  std::int32_t t = 0;
  p.timeout = (comma && atoi_check(comma->s, t)) ? static_cast<std::uint8_t>(t) : 255;
  model_.pxe_prompts.push_back(std::move(p));
  return true;
}

bool Reader::parse_domain(Line& l, Field arg, int hard) {
  Field d = arg;
  auto comma = split(d);
  auto name = canonicalise_opt(d.s);
  if (!name) {
    fail(hard, field_span(l, d), "bad domain '{}'", unhide(d.s));
    return false;
  }
  Domain dom{Origin{line_span(l), {}}, *name, {}};
  if (comma) {
    std::string rest = unhide(comma->s);
    dom.scope = rest;
    Field c{rest, 0};
    if (auto netpart = split_chr(c, '/')) {
      Field np = *netpart;
      auto a2 = split(np);
      std::int32_t msize = 0;
      if (!atoi_check(np.s, msize)) {
        fail(hard, field_span(l, *comma), "bad prefix length in domain '{}'", rest);
        return false;
      }
      if (inet_pton4(c.s)) {
        if (msize > 32) {
          fail(hard, field_span(l, *comma), "bad prefix length {}", msize);
          return false;
        }
      } else if (inet_pton6(c.s)) {
        if (msize > 128) {
          fail(hard, field_span(l, *comma), "bad prefix length {}", msize);
          return false;
        }
      } else {
        fail(hard, field_span(l, *comma), "bad address in domain '{}'", rest);
        return false;
      }
      if (a2 && a2->s != "local") {
        fail(hard, field_span(l, *comma), "expected 'local' after the subnet, not '{}'", a2->s);
        return false;
      }
    } else {
      auto a2 = split(c);
      if (inet_pton4(c.s)) {
        if (a2 && !inet_pton4(a2->s)) {
          fail(hard, field_span(l, *comma), "bad range end '{}'", a2->s);
          return false;
        }
      } else if (inet_pton6(c.s)) {
        if (a2 && !inet_pton6(a2->s)) {
          fail(hard, field_span(l, *comma), "bad range end '{}'", a2->s);
          return false;
        }
      }
    }
  }
  model_.domains.push_back(std::move(dom));
  return true;
}

bool Reader::parse_conf_dir(Line& l, Field arg, int hard) {
  Field a = arg;
  auto comma = split(a);
  Include inc{Origin{line_span(l), {}}, Include::Kind::ConfDir, unhide(a.s), {}};
  std::vector<std::string> ignore, need;
  while (comma) {
    Field s = *comma;
    comma = split(s);
    std::string u = unhide(s.s);
    if (u.empty()) continue;
    inc.suffixes.push_back(u);
    if (u[0] == '*') {
      if (u.size() > 1) need.push_back(u.substr(1));
    } else {
      ignore.push_back(u);
    }
  }
  model_.includes.push_back(inc);
  if (!opts_.follow_includes || inc.path.empty()) return true;
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::directory_iterator it(inc.path, ec);
  if (ec) {
    fail(hard, field_span(l, arg), "cannot access directory {}: {}", inc.path, ec.message());
    return false;
  }
  std::vector<std::string> files;
  for (const auto& ent : it) {
    std::string fname = ent.path().filename().string();
    if (fname.empty() || fname[0] == '.' || fname.back() == '~' ||
        (fname.size() >= 2 && fname.front() == '#' && fname.back() == '#'))
      continue;
    auto has_suffix = [&](const std::string& suf) {
      return fname.size() >= suf.size() && fname.compare(fname.size() - suf.size(), suf.size(), suf) == 0;
    };
    if (!need.empty() && std::none_of(need.begin(), need.end(), has_suffix)) continue;
    if (std::any_of(ignore.begin(), ignore.end(), has_suffix)) continue;
    std::string path = inc.path + "/" + fname;
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    files.push_back(path);
  }
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    if (already_read(path)) continue;
    std::string err;
    const SourceFile* f = sources_.load(path, err);
    if (!f) {
      fail(hard, field_span(l, arg), "cannot read {}: {}", path, err);
      return false;
    }
    ++depth_;
    read_file(*f, kNone);
    --depth_;
  }
  return true;
}

bool Reader::parse_other(Line& l, std::string_view key, std::optional<Field> arg, int hard) {
  // Directives outside the model: the value checks dnsmasq --test makes for the common ones.
  if (arg) {
    std::int32_t v = 0;
    static const std::unordered_set<std::string_view> kNumeric = {
        "port", "cache-size", "dns-forward-max", "edns-packet-max", "query-port", "local-ttl", "neg-ttl", "max-ttl",
        "min-cache-ttl", "max-cache-ttl", "auth-ttl", "dhcp-ttl", "tftp-max", "tftp-mtu", "min-port", "max-port",
        "port-limit", "max-tcp-connections"};
    if (kNumeric.count(key) && !atoi_check(arg->s, v)) {
      fail(hard, field_span(l, *arg), "'{}' needs a number, not '{}'", key, unhide(arg->s));
      return false;
    }
    if (key == "dhcp-luascript") {
      fail(hard, field_span(l, *arg), "recompile with HAVE_LUASCRIPT defined to enable Lua scripts");
      return false;
    }
    if (key == "server" || key == "local" || key == "address") {
      // option.c case 'S'/'A': after the /domain/ part comes the server (or, for address=,
      // the answer). dnsmasq resolves a server *name* with getaddrinfo() at parse time, so
      // whether it is accepted depends on DNS; that is a warning here, not an error.
      std::string u = unhide(arg->s);
      std::string_view rest = u;
      if (!rest.empty() && rest.front() == '/') {
        auto last = rest.rfind('/');
        rest = rest.substr(last + 1);
        while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
      }
      if (!rest.empty()) {
        if (key == "address") {
          if (rest != "#" && !inet_pton4(rest) && !inet_pton6(rest)) {
            fail(hard, field_span(l, *arg), "Bad address in --address: '{}'", rest);
            return false;
          }
        } else {
          std::string_view host = rest.substr(0, rest.find_first_of("#@"));
          if (auto pct = host.find('%'); pct != std::string_view::npos) host = host.substr(0, pct);
          if (!host.empty() && !inet_pton4(host) && !inet_pton6(host)) {
            sink_.warning(field_span(l, *arg),
                          "'{}' is not an IP address; dnsmasq resolves it at startup and rejects the config "
                          "when that fails",
                          host);
          }
        }
      }
    }
    if (key == "listen-address") {
      Field a = *arg;
      while (true) {
        auto c = split(a);
        std::string u = unhide(a.s);
        if (!inet_pton4(u) && !inet_pton6(u)) {
          fail(hard, field_span(l, a), "bad listen address '{}'", u);
          return false;
        }
        if (!c) break;
        a = *c;
      }
    }
  }
  OtherDirective od{Origin{line_span(l), {}}, unhide(key), std::nullopt};
  if (arg) od.arg = unhide(arg->s);
  model_.others.push_back(std::move(od));
  return true;
}

}  // namespace

bool HwPattern::has_wildcard() const { return std::find(wildcard.begin(), wildcard.end(), true) != wildcard.end(); }

/// The checks dnsmasq's read_opts() makes after all files are read (the DHCP-relevant one).
bool post_parse_checks(const Model& m, DiagnosticSink& sink) {
  bool ok = true;
  bool default_domain = std::any_of(m.domains.begin(), m.domains.end(), [](const Domain& d) { return d.scope.empty(); });
  for (const auto& o : m.others) {
    if (o.key == "dhcp-fqdn" && !default_domain) {
      sink.error(o.origin.span, "there must be a default domain when --dhcp-fqdn is set");
      ok = false;
      break;
    }
  }
  return ok;
}

std::optional<Model> read_dnsmasq(const SourceFile& file, SourceSet& sources, DiagnosticSink& sink,
                                  const ReadOptions& options) {
  Reader r(sources, sink, options);
  r.mark_read(file.name());
  r.read_file(file, 0);
  if (r.failed()) return std::nullopt;
  if (!post_parse_checks(r.model(), sink)) return std::nullopt;
  return std::move(r.model());
}

std::optional<Model> read_dnsmasq_file(const std::string& path, SourceSet& sources, DiagnosticSink& sink,
                                       const ReadOptions& options) {
  std::string err;
  const SourceFile* f = sources.load(path, err);
  if (!f) {
    sink.error({}, "cannot read {}: {}", path, err);
    return std::nullopt;
  }
  return read_dnsmasq(*f, sources, sink, options);
}

std::optional<DhcpOption> option_from_text(std::string_view arg, bool force, std::string& error) {
  auto processed = process_line(arg, error);
  if (!processed) return std::nullopt;
  std::string_view p = *processed;
  while (!p.empty() && p.front() == ' ') p.remove_prefix(1);
  while (!p.empty() && p.back() == ' ') p.remove_suffix(1);
  DhcpOption o;
  o.force = force;
  if (!parse_option_argument(p, force ? OptionFlavor::Force : OptionFlavor::Option, o.tags, o.spec, error)) {
    return std::nullopt;
  }
  return o;
}

std::optional<Model> read_dnsmasq_text(std::string name, std::string text, SourceSet& sources, DiagnosticSink& sink) {
  return read_dnsmasq_source(sources.add(std::move(name), std::move(text)), sources, sink);
}

std::optional<Model> read_dnsmasq_source(const SourceFile& f, SourceSet& sources, DiagnosticSink& sink) {
  ReadOptions o;
  o.follow_includes = false;
  Reader r(sources, sink, o);
  r.read_file(f, 0);
  if (r.failed()) return std::nullopt;
  return std::move(r.model());
}

}  // namespace isc2dnsmasq::dnsmasq
