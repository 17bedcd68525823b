// ISC dhcpd option catalogue: dhcpd tokens, option spaces, type definitions and value encoding.
#include "dhcp/isc_options.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>

#include <arpa/inet.h>
#include <fmt/format.h>

#include "core/diagnostic.hpp"
#include "dhcp/isc_option_tables.hpp"

namespace isc2dnsmasq::dhcp {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

bool is_ascii_alnum(int c) { return c >= 0 && c < 128 && std::isalnum(c); }
bool is_ascii_xdigit(int c) { return c >= 0 && c < 128 && std::isxdigit(c); }
bool is_ascii_digit(int c) { return c >= '0' && c <= '9'; }

// How a token looks in a message: strings quoted as in the source, the end as "end of file".
std::string shown(const Token& t) {
  switch (t.kind) {
    case TokenKind::End: return "end of input";
    case TokenKind::String: return fmt::format("\"{}\"", t.text);
    default: return fmt::format("'{}'", t.text);
  }
}

}  // namespace

bool Token::is_word(std::string_view w) const { return is_identifier() && iequals(text, w); }

// ---------------------------------------------------------------------------------------------
// Lexer (common/conflex.c: get_raw_token, read_string, read_number, read_num_or_name)

std::vector<Token> lex_dhcpd(const SourceFile& file, std::uint32_t begin, std::uint32_t end,
                             std::vector<OptionError>* errors) {
  const std::string& s = file.text();
  if (end > s.size()) end = static_cast<std::uint32_t>(s.size());
  std::vector<Token> out;
  std::uint32_t i = begin;
  auto at = [&](std::uint32_t k) -> int { return k < end ? static_cast<unsigned char>(s[k]) : -1; };
  while (i < end) {
    int c = at(i);
    if (c < 128 && std::isspace(c)) {
      ++i;
      continue;
    }
    if (c == '#') {
      while (i < end && s[i] != '\n') ++i;
      continue;
    }
    Token t;
    std::uint32_t start = i;
    if (c == '"') {
      ++i;
      std::string text;
      bool closed = false;
      while (i < end) {
        int ch = at(i++);
        if (ch == '"') {
          closed = true;
          break;
        }
        if (ch != '\\') {
          text += static_cast<char>(ch);
          continue;
        }
        int e = at(i++);
        if (e < 0) break;
        switch (e) {
          case 't': text += '\t'; break;
          case 'r': text += '\r'; break;
          case 'n': text += '\n'; break;
          case 'b': text += '\b'; break;
          case 'x': {
            int value = 0, digits = 0;
            while (digits < 2 && is_ascii_xdigit(at(i))) {
              int d = at(i++);
              value = value * 16 + (is_ascii_digit(d) ? d - '0' : std::tolower(d) - 'a' + 10);
              ++digits;
            }
            if (digits < 2 && errors) {
              errors->push_back({Span{&file, start, i}, "invalid hex digit in string escape"});
            }
            text += static_cast<char>(value);
            break;
          }
          case '0': case '1': case '2': case '3': {
            int value = e - '0', digits = 1;
            while (digits < 3 && at(i) >= '0' && at(i) <= '7') {
              value = value * 8 + (at(i++) - '0');
              ++digits;
            }
            text += static_cast<char>(value);
            break;
          }
          default: text += static_cast<char>(e); break;
        }
      }
      if (!closed && errors) errors->push_back({Span{&file, start, i}, "eof in string constant"});
      t.kind = TokenKind::String;
      t.text = std::move(text);
    } else if (is_ascii_digit(c) || c == '-') {
      // read_number: NUMBER -> NUMBER_OR_NAME -> NAME, never back, except "0x" + hex digit.
      TokenKind kind = TokenKind::Number;
      ++i;
      for (std::uint32_t n = 1;; ++n, ++i) {
        int ch = at(i);
        if (ch < 0 || ch >= 128) break;
        if (kind == TokenKind::Number && is_ascii_digit(ch)) continue;
        if ((kind == TokenKind::Number || kind == TokenKind::NumberOrName) && is_ascii_xdigit(ch)) {
          kind = TokenKind::NumberOrName;
          continue;
        }
        if (n == 2 && is_ascii_xdigit(ch) && s[start] == '0' && (s[start + 1] == 'x' || s[start + 1] == 'X')) {
          kind = TokenKind::NumberOrName;
          continue;
        }
        if (ch == '-' || ch == '_' || is_ascii_alnum(ch)) {
          kind = TokenKind::Name;
          continue;
        }
        break;
      }
      t.text = s.substr(start, i - start);
      t.kind = (t.text == "-") ? TokenKind::Punct : kind;
    } else if (c < 128 && std::isalpha(c)) {
      bool hex = true;
      while (i < end) {
        int ch = at(i);
        if (!(ch == '-' || ch == '_' || is_ascii_alnum(ch))) break;
        if (!is_ascii_xdigit(ch)) hex = false;
        ++i;
      }
      t.text = s.substr(start, i - start);
      // "add" is the only keyword made of hex digits; intern() turns it into TOKEN_ADD.
      t.kind = (hex && !iequals(t.text, "add")) ? TokenKind::NumberOrName : TokenKind::Name;
    } else {
      ++i;
      t.kind = TokenKind::Punct;
      t.text = std::string(1, static_cast<char>(c));
    }
    t.span = Span{&file, start, i};
    out.push_back(std::move(t));
  }
  Token e;
  e.kind = TokenKind::End;
  e.span = Span{&file, end, end};
  out.push_back(std::move(e));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Registry

const OptionRegistry& OptionRegistry::dhcpd_builtin() {
  static const OptionRegistry reg = [] {
    OptionRegistry r;
    for (const auto& sp : builtin_space_rows()) {
      r.add_space(sp.name, sp.code_width, sp.length_width);
      r.spaces_.back().end = sp.end;
      r.spaces_.back().builtin = true;
    }
    for (const auto& row : builtin_option_rows()) r.add_builtin(row.space, row.name, row.code, row.format);
    return r;
  }();
  return reg;
}

void OptionRegistry::add_builtin(std::string_view space, std::string_view name, std::uint32_t code,
                                 std::string_view format) {
  OptionSpace* sp = space_mut(space);
  defs_.push_back(OptionDef{sp->name, std::string(name), code, std::string(format), true, false});
  sp->by_name[lower(name)] = defs_.size() - 1;
  sp->by_code[code] = defs_.size() - 1;
}

OptionSpace* OptionRegistry::space_mut(std::string_view name) {
  auto it = space_index_.find(lower(name));
  return it == space_index_.end() ? nullptr : &spaces_[it->second];
}

const OptionSpace* OptionRegistry::find_space(std::string_view name) const {
  auto it = space_index_.find(lower(name));
  return it == space_index_.end() ? nullptr : &spaces_[it->second];
}

const OptionDef* OptionRegistry::find(std::string_view space, std::string_view name) const {
  const OptionSpace* sp = find_space(space);
  if (!sp) return nullptr;
  auto it = sp->by_name.find(lower(name));
  return it == sp->by_name.end() ? nullptr : &defs_[it->second];
}

const OptionDef* OptionRegistry::find_code(std::string_view space, std::uint32_t code) const {
  const OptionSpace* sp = find_space(space);
  if (!sp) return nullptr;
  auto it = sp->by_code.find(code);
  return it == sp->by_code.end() ? nullptr : &defs_[it->second];
}

void OptionRegistry::add_space(std::string name, int code_width, int length_width) {
  OptionSpace sp;
  sp.name = std::move(name);
  sp.code_width = code_width;
  sp.length_width = length_width;
  sp.builtin = false;
  std::string key = lower(sp.name);
  auto it = space_index_.find(key);
  if (it != space_index_.end()) {
    spaces_[it->second] = std::move(sp);
  } else {
    spaces_.push_back(std::move(sp));
    space_index_[key] = spaces_.size() - 1;
  }
}

const OptionDef& OptionRegistry::define(std::string_view space, std::string name, std::uint32_t code,
                                        std::string format) {
  OptionSpace* sp = space_mut(space);
  std::string key = lower(name);
  // parse_statement: a known option is removed from both hashes before it is redefined.
  if (auto it = sp->by_name.find(key); it != sp->by_name.end()) {
    std::uint32_t old_code = defs_[it->second].code;
    auto c = sp->by_code.find(old_code);
    if (c != sp->by_code.end() && c->second == it->second) sp->by_code.erase(c);
    sp->by_name.erase(it);
  }
  defs_.push_back(OptionDef{sp->name, std::move(name), code, std::move(format), false, false});
  // parse_option_code_definition: the code's previous owner loses its code entry only.
  sp->by_code[code] = defs_.size() - 1;
  sp->by_name[key] = defs_.size() - 1;
  return defs_.back();
}

std::vector<std::string> OptionRegistry::space_names() const {
  std::vector<std::string> out;
  for (const auto& sp : spaces_) out.push_back(sp.name);
  return out;
}

std::vector<std::string> OptionRegistry::option_names(std::string_view space) const {
  std::vector<std::string> out;
  if (const OptionSpace* sp = find_space(space)) {
    for (const auto& [key, index] : sp->by_name) out.push_back(defs_[index].name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

OptionLookup lookup_option(const OptionRegistry& reg, std::string_view space, std::string_view name) {
  OptionLookup r;
  std::string_view sp_name = space.empty() ? std::string_view("dhcp") : space;
  r.space = reg.find_space(sp_name);
  if (!r.space) {
    r.space_missing = true;
    std::string hint = did_you_mean(sp_name, reg.space_names());
    r.error = hint.empty() ? fmt::format("no option space named '{}'", sp_name)
                           : fmt::format("no option space named '{}'; did you mean '{}'?", sp_name, hint);
    return r;
  }
  if ((r.def = reg.find(sp_name, name))) return r;
  if (name.size() > 8 && iequals(name.substr(0, 8), "unknown-")) {
    // atoi(): leading digits only.
    std::uint32_t code = 0;
    for (char c : name.substr(8)) {
      if (!is_ascii_digit(c)) break;
      code = code * 10 + static_cast<std::uint32_t>(c - '0');
    }
    if (code == 0 || code == r.space->end) {
      r.error = fmt::format("option codes 0 and {} are illegal in the {} space", r.space->end, r.space->name);
      return r;
    }
    if ((r.def = reg.find_code(sp_name, code))) return r;
    r.synthesized = OptionDef{r.space->name, std::string(name), code, "X", false, true};
    r.def = &*r.synthesized;
    return r;
  }
  std::string hint = did_you_mean(name, reg.option_names(sp_name));
  std::string qualified = fmt::format("{}.{}", r.space->name, name);
  r.error = hint.empty() ? fmt::format("unknown option '{}'", qualified)
                         : fmt::format("unknown option '{}'; did you mean '{}'?", qualified,
                                       r.space->name == "dhcp" ? hint : r.space->name + "." + hint);
  return r;
}

// ---------------------------------------------------------------------------------------------
// Type definitions (common/parse.c:parse_option_code_definition)

std::optional<std::string> parse_option_type(const OptionRegistry& reg, std::span<const Token> toks,
                                             std::size_t& pos, OptionError& error) {
  auto tok = [&](std::size_t k) -> const Token& { return toks[std::min(k, toks.size() - 1)]; };
  auto fail = [&](const Token& t, std::string msg) -> std::optional<std::string> {
    error = {t.span, std::move(msg)};
    return std::nullopt;
  };
  std::string format;
  int arrayp = 0;
  bool recordp = false;
  bool no_more_in_record = false;
  bool has_encapsulation = false;

  const Token* t = &tok(pos++);
  if (t->is_word("array")) {
    if (!tok(pos).is_word("of")) return fail(tok(pos), fmt::format("expected 'of' after 'array', got {}", shown(tok(pos))));
    ++pos;
    arrayp = 1;
    t = &tok(pos++);
  }
  if (t->is('{')) {
    recordp = true;
    t = &tok(pos++);
  }
  for (;;) {
    if (has_encapsulation) return fail(*t, "encapsulate must always be the last item");
    char type = 0;
    if (t->is_word("array")) {
      if (arrayp) return fail(*t, "no nested arrays");
      if (!tok(pos).is_word("of")) return fail(tok(pos), fmt::format("expected 'of' after 'array', got {}", shown(tok(pos))));
      ++pos;
      arrayp = recordp ? 2 : 1;
      t = &tok(pos++);
      if (recordp && t->is('{')) return fail(*t, "only uniform array inside record");
      continue;
    } else if (t->is_word("boolean")) {
      type = 'f';
    } else if (t->is_word("integer") || t->is_word("signed") || t->is_word("unsigned")) {
      bool is_signed = !t->is_word("unsigned");
      if (!t->is_word("integer")) {
        t = &tok(pos++);
        if (!t->is_word("integer")) return fail(*t, fmt::format("expected 'integer', got {}", shown(*t)));
      }
      t = &tok(pos++);
      if (t->kind != TokenKind::Number) return fail(*t, fmt::format("expected integer width 8, 16 or 32, got {}", shown(*t)));
      long bits = std::atol(t->text.c_str());
      if (bits == 8) type = is_signed ? 'b' : 'B';
      else if (bits == 16) type = is_signed ? 's' : 'S';
      else if (bits == 32) type = is_signed ? 'l' : 'L';
      else return fail(*t, fmt::format("{} bit precision is not supported", t->text));
    } else if (t->is_word("ip-address")) {
      type = 'I';
    } else if (t->is_word("ip6-address")) {
      type = '6';
    } else if (t->is_word("domain-name") || t->is_word("domain-list") || t->is_word("text") ||
               t->is_word("string")) {
      if (t->is_word("domain-name")) {
        type = 'd';
      } else if (t->is_word("domain-list")) {
        if (tok(pos).is_word("compressed")) {
          ++pos;
          format += 'D';
          type = 'c';
        } else {
          type = 'D';
        }
      } else {
        type = t->is_word("text") ? 't' : 'X';
      }
      if (arrayp) return fail(*t, "arrays of text strings not yet supported");
      no_more_in_record = true;
    } else if (t->is_word("encapsulate")) {
      const Token& sp = tok(pos++);
      if (!sp.is_identifier()) return fail(sp, fmt::format("expected option space name after 'encapsulate', got {}", shown(sp)));
      const OptionSpace* space = reg.find_space(sp.text);
      if (!space) {
        std::string hint = did_you_mean(sp.text, reg.space_names());
        return fail(sp, hint.empty() ? fmt::format("unknown option space '{}'", sp.text)
                                     : fmt::format("unknown option space '{}'; did you mean '{}'?", sp.text, hint));
      }
      format += 'E';
      format += space->name;
      type = '.';
      has_encapsulation = true;
    } else if (t->is_word("zerolen")) {
      if (arrayp) return fail(*t, "array incompatible with zerolen");
      type = 'Z';
      no_more_in_record = true;
    } else {
      return fail(*t, fmt::format("unknown data type {}", shown(*t)));
    }
    format += type;
    if (recordp) {
      t = &tok(pos++);
      if (arrayp == 2) {
        arrayp = 0;
        format += 'a';
      }
      if (t->is(',')) {
        if (no_more_in_record) {
          return fail(*t, fmt::format("{} must be at end of record", type == 't' ? "text" : "string"));
        }
        t = &tok(pos++);
        continue;
      }
      if (!t->is('}')) return fail(*t, fmt::format("expected '}}' or ',' in record type, got {}", shown(*t)));
    }
    break;
  }
  const Token& semi = tok(pos++);
  if (!semi.is(';')) return fail(semi, fmt::format("expected ';' after option type, got {}", shown(semi)));
  if (has_encapsulation && arrayp) return fail(semi, "arrays of encapsulations don't make sense");
  if (arrayp) format += (arrayp == 2) ? 'a' : 'A';
  return format;
}

namespace {

// One atom of a format string and its extent.
struct Atom {
  std::string text;
  std::size_t length;
};

Atom format_atom(std::string_view f, std::size_t i) {
  switch (f[i]) {
    case 'I': return {"ip-address", 1};
    case '6': return {"ip6-address", 1};
    case 'l': return {"signed integer 32", 1};
    case 'L': return {"unsigned integer 32", 1};
    case 's': return {"signed integer 16", 1};
    case 'S': return {"unsigned integer 16", 1};
    case 'b': return {"signed integer 8", 1};
    case 'B': return {"unsigned integer 8", 1};
    case 'T': return {"lease time", 1};
    case 't': return {"text", 1};
    case 'X': return {"string", 1};
    case 'f': return {"boolean", 1};
    case 'd': return {"domain-name", 1};
    case 'D':
      if (i + 1 < f.size() && f[i + 1] == 'c') return {"domain-list compressed", 2};
      return {"domain-list", 1};
    case 'k': return {"key name", 1};
    case 'Z': return {"zerolen", 1};
    case 'U': return {"option space name", 1};
    case 'E':
    case 'N': {
      auto dot = f.find('.', i);
      if (dot == std::string_view::npos) dot = f.size();
      std::string name(f.substr(i + 1, dot - i - 1));
      if (f[i] == 'N') return {fmt::format("one of the {} values", name), dot - i + 1};
      return {name.empty() ? "encapsulate vendor-option-space" : "encapsulate " + name, dot - i + 1};
    }
    default: return {fmt::format("'{}'", f[i]), 1};
  }
}

}  // namespace

std::string describe_format(std::string_view f) {
  std::vector<std::string> atoms;
  bool whole_array = false;
  for (std::size_t i = 0; i < f.size();) {
    if (f[i] == 'A') {
      whole_array = true;
      ++i;
    } else if (f[i] == 'a' && !atoms.empty()) {
      atoms.back() = "array of " + atoms.back();
      ++i;
    } else if (f[i] == 'o' && !atoms.empty()) {
      atoms.back() += " (optional)";
      ++i;
    } else {
      Atom a = format_atom(f, i);
      atoms.push_back(a.text);
      i += a.length;
    }
  }
  std::string body;
  if (atoms.size() == 1) {
    body = atoms[0];
  } else {
    body = "{ ";
    for (std::size_t k = 0; k < atoms.size(); ++k) body += (k ? ", " : "") + atoms[k];
    body += " }";
  }
  return whole_array ? "array of " + body : body;
}

// ---------------------------------------------------------------------------------------------
// Domain names (common/ns_name.c: MRns_name_pton, MRns_name_pack, dn_find)

namespace {

// Presentation -> wire, uncompressed. nullopt on EMSGSIZE.
std::optional<Bytes> name_pton(std::string_view src) {
  Bytes dst;
  dst.push_back(0);
  std::size_t label = 0;
  bool escaped = false;
  for (std::size_t i = 0; i < src.size(); ++i) {
    int c = static_cast<unsigned char>(src[i]);
    if (escaped) {
      if (is_ascii_digit(c)) {
        if (i + 2 >= src.size() || !is_ascii_digit(src[i + 1]) || !is_ascii_digit(src[i + 2])) return std::nullopt;
        int n = (c - '0') * 100 + (src[i + 1] - '0') * 10 + (src[i + 2] - '0');
        if (n > 255) return std::nullopt;
        c = n;
        i += 2;
      }
      escaped = false;
    } else if (c == '\\') {
      escaped = true;
      continue;
    } else if (c == '.') {
      std::size_t len = dst.size() - label - 1;
      if (len > 63) return std::nullopt;
      dst[label] = static_cast<std::uint8_t>(len);
      if (i + 1 == src.size()) {  // fully qualified
        if (len != 0) dst.push_back(0);
        if (dst.size() > 255) return std::nullopt;
        return dst;
      }
      if (len == 0 || src[i + 1] == '.') return std::nullopt;
      label = dst.size();
      dst.push_back(0);
      continue;
    }
    dst.push_back(static_cast<std::uint8_t>(c));
  }
  std::size_t len = dst.size() - label - 1;
  if (len > 63) return std::nullopt;
  dst[label] = static_cast<std::uint8_t>(len);
  if (len != 0) dst.push_back(0);
  if (dst.size() > 255) return std::nullopt;
  return dst;
}

int lower_ascii(int c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }

// dn_find: offset in `msg` of a saved name equal to the labels at wire[from...], or -1.
int dn_find(const Bytes& wire, std::size_t from, const Bytes& msg, const std::vector<std::size_t>& ptrs) {
  for (std::size_t p : ptrs) {
    std::size_t dn = from, cp = p;
    bool matched = false;
    for (;;) {
      unsigned n = msg[cp++];
      if (n == 0) break;
      if ((n & 0xc0) == 0xc0) {
        cp = ((n & 0x3f) << 8) | msg[cp];
        continue;
      }
      if ((n & 0xc0) != 0) return -1;
      if (n != wire[dn++]) break;
      bool same = true;
      for (; n > 0; --n) {
        if (lower_ascii(wire[dn++]) != lower_ascii(msg[cp++])) {
          same = false;
          break;
        }
      }
      if (!same) break;
      if (wire[dn] == 0 && msg[cp] == 0) {
        matched = true;
        break;
      }
      if (wire[dn] == 0) break;
    }
    if (matched) return static_cast<int>(p);
  }
  return -1;
}

}  // namespace

std::optional<Bytes> encode_domain_list(const std::vector<std::string>& names, bool compress) {
  Bytes out;
  std::vector<std::size_t> ptrs;  // dnptrs[1..]: offsets of saved names
  for (const auto& name : names) {
    auto wire = name_pton(name);
    if (!wire) return std::nullopt;
    if (!compress) {
      // MRns_name_pton's output up to and including its root label.
      std::size_t k = 0;
      while ((*wire)[k] != 0) k += (*wire)[k] + 1;
      out.insert(out.end(), wire->begin(), wire->begin() + static_cast<std::ptrdiff_t>(k + 1));
      continue;
    }
    std::size_t src = 0;
    for (;;) {
      unsigned n = (*wire)[src];
      if (n != 0) {
        int found = dn_find(*wire, src, out, ptrs);
        if (found >= 0) {
          out.push_back(static_cast<std::uint8_t>((found >> 8) | 0xc0));
          out.push_back(static_cast<std::uint8_t>(found % 256));
          break;
        }
        if (ptrs.size() < 254 && out.size() < 0x4000) ptrs.push_back(out.size());
      }
      out.insert(out.end(), wire->begin() + static_cast<std::ptrdiff_t>(src),
                 wire->begin() + static_cast<std::ptrdiff_t>(src + n + 1));
      src += n + 1;
      if (n == 0) break;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Values (common/parse.c: parse_option_data, parse_option_token and helpers)

namespace {

const std::vector<BuiltinEnumRow>& enum_rows() { return builtin_enum_rows(); }

class ValueParser {
public:
  ValueParser(const OptionDef& def, std::span<const Token> toks, std::size_t pos)
      : def_(def), toks_(toks), pos_(pos) {
    label_ = def.space == "dhcp" ? def.name : def.space + "." + def.name;
  }

  EncodeResult run() {
    EncodeResult r;
    const std::string& f = def_.format;
    if (peek().is(';') && (f.empty() || f[0] != 'Z')) {
      // dhcpd eats the ';', stores no data, then wants another ';' (and crashes on ";;").
      error(peek(), fmt::format("missing value for option '{}' ({})", label_, describe_format(f)));
    } else if (parse_data()) {
      const Token& t = next();
      if (!t.is(';')) error(t, fmt::format("expected ';' after the value of option '{}', got {}", label_, shown(t)));
    }
    r.errors = std::move(errors_);
    r.warnings = std::move(warnings_);
    if (r.errors.empty()) r.value = std::move(value_);
    return r;
  }

private:
  const Token& peek(std::size_t ahead = 0) const { return toks_[std::min(pos_ + ahead, toks_.size() - 1)]; }
  const Token& next() {
    const Token& t = peek();
    if (pos_ < toks_.size() - 1) ++pos_;
    return t;
  }
  bool error(const Token& t, std::string message) {
    if (errors_.empty()) errors_.push_back({t.span, std::move(message)});
    return false;
  }
  void warning(const Token& t, std::string message) { warnings_.push_back({t.span, std::move(message)}); }

  // parse_option_data: the format-driven loop with 'A' (repeat all) and 'a' (repeat last atom).
  bool parse_data() {
    const std::string& f = def_.format;
    std::size_t fmt = std::string::npos;
    for (;;) {
      bool again = true;
      while (again) {
        again = false;
        if (fmt != std::string::npos && fmt != 0 && at(fmt) == 'a') {
          fmt -= 1;
        } else if (fmt == std::string::npos || at(fmt) == 'A') {
          fmt = 0;
        }
        do {
          char c = at(fmt);
          if (c == 'A' || c == 'a') break;
          if (c == 'o') {
            ++fmt;
            continue;
          }
          if (at(fmt + 1) == 'o' && peek().is(';')) {
            ++fmt;
            continue;
          }
          if (!parse_token(fmt)) {
            if (!errors_.empty() || at(fmt + 1) != 'o') return false;
          }
          ++fmt;
        } while (fmt < f.size());
        char c = at(fmt);
        if (c == 'A' || c == 'a') {
          if (peek().is(',')) {
            next();
            break;  // continue the outer do-while
          }
          if (c == 'A' || at(fmt + 1) == '\0') return true;
          ++fmt;
          again = true;  // goto and_again
        }
      }
      char c = at(fmt);
      if (c != 'A' && c != 'a') return true;
    }
  }

  char at(std::size_t i) const { return i < def_.format.size() ? def_.format[i] : '\0'; }
  bool optional_at(std::size_t fmt) const { return at(fmt + 1) == 'o'; }

  // parse_option_token for the atom at format[fmt]; may advance fmt inside multi-char atoms.
  bool parse_token(std::size_t& fmt) {
    const std::string& f = def_.format;
    char c = at(fmt);
    switch (c) {
      case 'U': {
        const Token& t = next();
        if (!t.is_identifier()) {
          if (!optional_at(fmt)) return error(t, fmt::format("expected an option space name for '{}', got {}", label_, shown(t)));
          return false;
        }
        append(t.text);
        return true;
      }
      case 'E': {
        auto dot = f.find('.', fmt);
        fmt = dot == std::string::npos ? f.size() - 1 : dot;
        [[fallthrough]];
      }
      case 'X': {
        const Token& p = peek();
        if (p.kind == TokenKind::Number || p.kind == TokenKind::NumberOrName) return parse_cshl();
        const Token& t = next();
        if (t.kind == TokenKind::String) {
          append(t.text);
          return true;
        }
        if (!optional_at(fmt)) {
          return error(t, fmt::format("expected a quoted string or colon-separated hex bytes for option '{}', got {}",
                                      label_, shown(t)));
        }
        return false;
      }
      case 'D': {
        bool compress = at(fmt + 1) == 'c';
        if (compress) ++fmt;
        std::vector<std::string> names;
        for (;;) {
          const Token& t = next();
          if (t.kind != TokenKind::String) {
            return error(t, fmt::format("expected a quoted domain name for option '{}', got {}", label_, shown(t)));
          }
          if (!name_pton(t.text)) {
            return error(t, fmt::format("invalid domain name {} in option '{}' (empty label, label over 63 or name over 255 bytes)",
                                        shown(t), label_));
          }
          names.push_back(t.text);
          if (!peek().is(',')) break;
          next();
        }
        auto wire = encode_domain_list(names, compress);
        append(*wire);
        return true;
      }
      case 'd': {
        const Token& first = peek();
        auto name = parse_host_name();
        if (!name) return error(first, fmt::format("expected a domain name for option '{}', got {}", label_, shown(first)));
        auto wire = name_pton(*name);
        if (!wire) return error(first, fmt::format("invalid domain name '{}' in option '{}'", *name, label_));
        std::size_t k = 0;
        while ((*wire)[k] != 0) k += (*wire)[k] + 1;
        value_.bytes.insert(value_.bytes.end(), wire->begin(), wire->begin() + static_cast<std::ptrdiff_t>(k + 1));
        return true;
      }
      case 't': {
        const Token& t = next();
        if (t.kind != TokenKind::String && !t.is_identifier()) {
          if (!optional_at(fmt)) return error(t, fmt::format("expected a string for option '{}', got {}", label_, shown(t)));
          return false;
        }
        append(t.text);
        return true;
      }
      case 'k': {
        if (peek().kind == TokenKind::String) {
          append(next().text);
          return true;
        }
        const Token& first = peek();
        auto name = parse_host_name();
        if (!name) return error(first, fmt::format("expected a key name for '{}', got {}", label_, shown(first)));
        append(*name);
        return true;
      }
      case 'N': {
        auto dot = f.find('.', fmt);
        std::string enumeration = f.substr(fmt + 1, (dot == std::string::npos ? f.size() : dot) - fmt - 1);
        fmt = dot == std::string::npos ? f.size() - 1 : dot;
        const Token& t = next();
        if (!t.is_identifier()) return error(t, fmt::format("expected one of the {} values for '{}', got {}", enumeration, label_, shown(t)));
        std::vector<std::string> names;
        for (const auto& row : enum_rows()) {
          if (enumeration != row.enumeration) continue;
          if (t.text == row.name) {
            value_.bytes.push_back(row.value);
            return true;
          }
          names.push_back(row.name);
        }
        std::string hint = did_you_mean(t.text, names);
        return error(t, fmt::format("unknown value {} for '{}' (expected {}){}", shown(t), label_,
                                    fmt::join(names, ", "), hint.empty() ? "" : fmt::format("; did you mean '{}'?", hint)));
      }
      case 'I': return parse_ip_or_host(fmt);
      case '6': return parse_ip6();
      case 'T':
        if (peek().is_word("infinite")) {
          next();
          put(0xffffffffu, 4);
          return true;
        }
        [[fallthrough]];
      case 'L':
      case 'l': return parse_number(fmt, 32);
      case 's':
      case 'S': return parse_number(fmt, 16);
      case 'b':
      case 'B': return parse_number(fmt, 8);
      case 'f': {
        const Token& t = next();
        if (!t.is_identifier()) {
          if (!optional_at(fmt)) return error(t, fmt::format("expected a boolean (true, false, on, off or ignore) for option '{}', got {}", label_, shown(t)));
          return false;
        }
        if (t.is_word("true") || t.is_word("on")) {
          value_.bytes.push_back(1);
        } else if (t.is_word("false") || t.is_word("off")) {
          value_.bytes.push_back(0);
        } else if (t.is_word("ignore")) {
          value_.bytes.push_back(2);
        } else {
          if (!optional_at(fmt)) return error(t, fmt::format("expected a boolean (true, false, on, off or ignore) for option '{}', got {}", label_, shown(t)));
          return false;
        }
        return true;
      }
      case 'Z':
        if (!peek().is(';')) {
          return error(peek(), fmt::format("option '{}' is zero-length and takes no value; expected ';', got {}", label_, shown(peek())));
        }
        return true;
      default:
        return error(peek(), fmt::format("option '{}' has no value syntax (format '{}')", label_, f));
    }
  }

  void append(std::string_view s) { value_.bytes.insert(value_.bytes.end(), s.begin(), s.end()); }
  void append(const Bytes& b) { value_.bytes.insert(value_.bytes.end(), b.begin(), b.end()); }
  void put(std::uint32_t v, int bytes) {
    for (int k = bytes - 1; k >= 0; --k) value_.bytes.push_back(static_cast<std::uint8_t>(v >> (8 * k)));
  }

  // parse_host_name: identifiers or numbers joined by dots, with an optional trailing dot.
  std::optional<std::string> parse_host_name() {
    std::string out;
    bool any = false;
    for (;;) {
      const Token& t = peek();
      if (!t.is_identifier() && t.kind != TokenKind::Number) break;
      next();
      if (any) out += '.';
      out += t.text;
      any = true;
      if (!peek().is('.')) break;
      next();
      if (!peek().is_identifier() && peek().kind != TokenKind::Number) {
        out += '.';
        break;
      }
    }
    if (!any) return std::nullopt;
    return out;
  }

  // convert_num: dhcpd's own conversion with its range check ("exceeds max") and wrap-around.
  bool convert(const Token& t, int base, int size, std::uint32_t& out) {
    std::string_view s = t.text;
    bool negative = false;
    std::size_t i = 0;
    if (i < s.size() && s[i] == '-') {
      negative = true;
      ++i;
    }
    if (base == 0) {
      base = 10;
      if (i < s.size() && s[i] == '0' && i + 1 < s.size()) {
        if (s[i + 1] == 'x') {
          base = 16;
          i += 2;
        } else if (is_ascii_digit(s[i + 1])) {
          base = 8;
          i += 1;
        }
      }
    }
    std::uint32_t val = 0;
    std::uint64_t wide = 0;
    do {
      int c = i < s.size() ? static_cast<unsigned char>(s[i]) : 0;
      ++i;
      int d;
      if (c >= 'a') d = c - 'a' + 10;
      else if (c >= 'A') d = c - 'A' + 10;
      else if (c >= '0') d = c - '0';
      else return error(t, fmt::format("bad number {} for option '{}'", shown(t), label_));
      if (d >= base) return error(t, fmt::format("bad number {} for option '{}': digit {} is not in base {}", shown(t), label_, d, base));
      val = val * static_cast<std::uint32_t>(base) + static_cast<std::uint32_t>(d);
      wide = std::min<std::uint64_t>(wide * static_cast<std::uint64_t>(base) + static_cast<std::uint64_t>(d), 1ull << 40);
    } while (i < s.size());
    std::uint32_t max = size == 32 ? (negative ? 0x80000000u : 0xffffffffu)
                                   : (negative ? (1u << (size - 1)) : (1u << size) - 1);
    if (val > max) {
      long long lo = -(1ll << (size - 1));
      long long hi = (1ll << size) - 1;
      return error(t, fmt::format("value {} is out of range for option '{}' ({}-bit values: dhcpd accepts {} to {})",
                                  t.text, label_, size, lo, hi));
    }
    out = negative ? static_cast<std::uint32_t>(0u - val) : val;
    if (size < 32) out &= (1u << size) - 1;
    if (wide > 0xffffffffull) {
      warning(t, fmt::format("value {} does not fit in 32 bits; dhcpd silently uses {}", t.text, out));
    }
    return true;
  }

  bool parse_number(std::size_t fmt, int size) {
    const Token& t = next();
    if (t.kind != TokenKind::Number && t.kind != TokenKind::NumberOrName) {
      if (!optional_at(fmt)) return error(t, fmt::format("expected a number for option '{}', got {}", label_, shown(t)));
      return false;
    }
    int_atom_ = at(fmt);
    std::uint32_t v = 0;
    if (!convert(t, 0, size, v)) return false;
    bool is_signed = int_atom_ == 'l' || int_atom_ == 's' || int_atom_ == 'b';
    bool negative = !t.text.empty() && t.text[0] == '-';
    if (negative && !is_signed && int_atom_ != 'T') {
      warning(t, fmt::format("negative value {} for {} option '{}'; dhcpd stores {}", t.text,
                             describe_format(std::string(1, int_atom_)), label_, v));
    } else if (!negative && is_signed && size < 32 && v >= (1u << (size - 1))) {
      warning(t, fmt::format("value {} is out of range for {} option '{}'; dhcpd stores it as {}", t.text,
                             describe_format(std::string(1, int_atom_)), label_,
                             static_cast<long long>(v) - (1ll << size)));
    }
    put(v, size / 8);
    return true;
  }

  bool parse_cshl() {
    for (;;) {
      const Token& t = next();
      if (t.kind != TokenKind::Number && t.kind != TokenKind::NumberOrName) {
        return error(t, fmt::format("expected a hexadecimal number in option '{}', got {}", label_, shown(t)));
      }
      int_atom_ = 'B';
      std::uint32_t v = 0;
      if (!convert(t, 16, 8, v)) return false;
      value_.bytes.push_back(static_cast<std::uint8_t>(v));
      if (!peek().is(':')) return true;
      next();
    }
  }

  bool parse_ip_or_host(std::size_t /*fmt*/) {
    const Token& t = peek();
    if (t.kind == TokenKind::Number && peek(1).is('.') && peek(2).kind == TokenKind::Number) {
      // parse_numeric_aggregate(4, '.', base 10, 8 bits)
      for (int count = 0; count < 4; ++count) {
        if (count) {
          if (!peek().is('.')) {
            const Token& bad = (peek().is('{') || peek().is('}')) ? peek() : next();
            return error(bad, fmt::format("too few numbers in IP address for option '{}'", label_));
          }
          next();
        }
        const Token& n = next();
        if (n.kind == TokenKind::End) return error(n, "unexpected end of file");
        if (n.kind != TokenKind::Number) {
          return error(n, fmt::format("expected a number in IP address for option '{}', got {}", label_, shown(n)));
        }
        int_atom_ = 'B';
        std::uint32_t v = 0;
        if (!convert(n, 10, 8, v)) return false;
        value_.bytes.push_back(static_cast<std::uint8_t>(v));
      }
      return true;
    }
    if (t.is_identifier() || t.kind == TokenKind::Number) {
      const Token& first = peek();
      auto name = parse_host_name();
      Span span{first.span.file, first.span.begin, toks_[pos_ - 1].span.end};
      value_.host_names.push_back({value_.bytes.size(), *name, span});
      put(0, 4);
      return true;
    }
    const Token& bad = (t.is('{') || t.is('}')) ? t : next();
    return error(bad, fmt::format("expected an IP address or host name for option '{}', got {}", label_, shown(bad)));
  }

  bool parse_ip6() {
    // Adjacent hex words, numbers, dots and colons, handed to inet_pton (whitespace ends it).
    std::string text;
    const Token& first = peek();
    std::uint32_t last_end = first.span.begin;
    for (;;) {
      const Token& t = peek();
      bool part = ((t.kind == TokenKind::Name || t.kind == TokenKind::NumberOrName) &&
                   std::all_of(t.text.begin(), t.text.end(), [](char ch) { return is_ascii_xdigit(static_cast<unsigned char>(ch)); })) ||
                  t.kind == TokenKind::Number || t.is('.') || t.is(':');
      if (!part || (!text.empty() && t.span.begin != last_end)) break;
      text += t.text;
      last_end = t.span.end;
      next();
      if (text.size() > 45) break;
    }
    unsigned char buf[16];
    if (text.size() > 45 || inet_pton(AF_INET6, text.c_str(), buf) != 1) {
      return error(first, fmt::format("invalid IPv6 address {} for option '{}'", text.empty() ? shown(first) : "'" + text + "'", label_));
    }
    value_.bytes.insert(value_.bytes.end(), buf, buf + 16);
    return true;
  }

  const OptionDef& def_;
  std::span<const Token> toks_;
  std::size_t pos_;
  std::string label_;
  char int_atom_ = 'B';
  EncodedValue value_;
  std::vector<OptionError> errors_;
  std::vector<OptionError> warnings_;
};

}  // namespace

EncodeResult encode_option_value(const OptionDef& def, std::span<const Token> tokens, std::size_t pos) {
  if (tokens.empty()) return EncodeResult{};
  return ValueParser(def, tokens, pos).run();
}

}  // namespace isc2dnsmasq::dhcp
