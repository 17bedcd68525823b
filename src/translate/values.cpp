// Turning ISC option bytes into dnsmasq option text, checked against the dnsmasq reader's inference.
#include "translate/values.hpp"

#include <fmt/format.h>

#include "dnsmasq/option_table.hpp"
#include "dnsmasq/read.hpp"

namespace isc2dnsmasq::translate {

using dnsmasq::OptionSpec;
using dnsmasq::OptionSpace;

namespace {

std::string target_prefix(const OptionTarget& t) {
  switch (t.space) {
    case OptionSpace::Encap: return fmt::format("encap:{},{}", t.encap, t.code);
    case OptionSpace::ViEncap: return fmt::format("vi-encap:{},{}", t.encap, t.code);
    case OptionSpace::Vendor: return fmt::format("vendor:{},{}", t.vendor_class, t.code);
    case OptionSpace::Plain: break;
  }
  if (t.code >= 0 && t.code < 256) {
    if (const auto* info = dnsmasq::find_option(static_cast<std::uint32_t>(t.code))) {
      if (!(info->size & dnsmasq::kOtInternal)) return "option:" + std::string(info->name);
    }
  }
  return std::to_string(t.code);
}

/// Quotes a text value for the dnsmasq line lexer (backslash escapes for '"' and '\').
std::string quoted(const Bytes& b) {
  std::string out = "\"";
  for (auto c : b) {
    if (c == '"' || c == '\\') out += '\\';
    out += static_cast<char>(c);
  }
  return out + "\"";
}

std::optional<OptionSpec> try_parse(const std::string& arg, const Bytes& want, bool same_names_ok) {
  std::vector<dnsmasq::TagCond> tags;
  OptionSpec spec;
  std::string err;
  auto processed = dnsmasq::process_line(arg, err);
  if (!processed) return std::nullopt;
  if (!dnsmasq::parse_option_argument(*processed, dnsmasq::OptionFlavor::Option, tags, spec, err)) return std::nullopt;
  if (spec.value.bytes != want) {
    // A domain list dnsmasq compresses differently still carries the same names.
    if (!same_names_ok || decode_domain_list(spec.value.bytes) != decode_domain_list(want)) return std::nullopt;
  }
  if (spec.value.kind == dnsmasq::ValueKind::Addresses && spec.value.rewritable_addr) {
    for (const auto& a : spec.value.addrs) {
      if (a.addr.value == 0) return std::nullopt;  // dnsmasq would send its own address instead
    }
  }
  return spec;
}

std::uint64_t be(const Bytes& b, std::size_t off, std::size_t n) {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < n; ++i) v = (v << 8) | b[off + i];
  return v;
}

}  // namespace

std::optional<std::vector<std::string>> decode_domain_list(const Bytes& b) {
  std::vector<std::string> names;
  std::size_t i = 0;
  while (i < b.size()) {
    std::string name;
    std::size_t p = i;
    bool jumped = false;
    int hops = 0;
    while (true) {
      if (p >= b.size()) return std::nullopt;
      std::uint8_t len = b[p];
      if (len == 0) {
        if (!jumped) i = p + 1;
        break;
      }
      if ((len & 0xc0) == 0xc0) {
        if (p + 1 >= b.size() || ++hops > 64) return std::nullopt;
        std::size_t target = (static_cast<std::size_t>(len & 0x3f) << 8) | b[p + 1];
        if (!jumped) i = p + 2;
        jumped = true;
        p = target;
        continue;
      }
      if (len > 63 || p + 1 + len > b.size()) return std::nullopt;
      for (std::size_t k = p + 1; k < p + 1 + len; ++k) {
        char c = static_cast<char>(b[k]);
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!ok) return std::nullopt;
      }
      if (!name.empty()) name += '.';
      name.append(b.begin() + static_cast<long>(p) + 1, b.begin() + static_cast<long>(p) + 1 + len);
      p += 1 + len;
    }
    names.push_back(name.empty() ? std::string(".") : name);
  }
  return names;
}

bool is_plain_text(const Bytes& b) {
  if (b.empty()) return false;
  for (auto c : b) {
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

std::optional<OptionSpec> make_option_spec(const OptionTarget& target, const std::string& fmt_str,
                                           const Bytes& bytes, std::string& why_not) {
  const std::string head = target_prefix(target);
  std::vector<std::string> candidates;
  // Each candidate is tried as soon as it is formed; the first that reads back wins (the later
  // ones are then not built at all: every group below starts with `!found`).
  std::optional<OptionSpec> found;
  auto add = [&](std::string c) {
    if (found) return;
    found = try_parse(c, bytes, false);
    candidates.push_back(std::move(c));
  };
  char f0 = fmt_str.empty() ? 'X' : fmt_str[0];
  bool array = fmt_str.find('A') != std::string::npos;
  // Addresses.
  if (!found && (f0 == 'I') && bytes.size() % 4 == 0 && !bytes.empty() && (array || bytes.size() == 4)) {
    std::string v;
    for (std::size_t i = 0; i < bytes.size(); i += 4) {
      if (i) v += ',';
      v += fmt::format("{}.{}.{}.{}", bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]);
    }
    add(head + "," + v);
  }
  // Integers: one element, explicit width suffix so dnsmasq cannot guess another width.
  std::size_t width = 0;
  switch (f0) {
    case 'B': case 'b': case 'f': width = 1; break;
    case 'S': case 's': width = 2; break;
    case 'L': case 'l': case 'T': width = 4; break;
    default: break;
  }
  if (!found && width && bytes.size() == width) {
    char suffix = width == 1 ? 'b' : width == 2 ? 's' : 'i';
    add(fmt::format("{},{}", head, be(bytes, 0, width)));
    add(fmt::format("{},{}{}", head, be(bytes, 0, width), suffix));
  }
  // Text.
  if (!found && is_plain_text(bytes)) {
    std::string s(bytes.begin(), bytes.end());
    add(head + "," + quoted(bytes));
    add(head + "," + s);
  }
  // Domain lists (119 and friends): dnsmasq re-encodes (and compresses) the names itself.
  if (!found && (f0 == 'D' || f0 == 'd') && !bytes.empty()) {
    if (auto names = decode_domain_list(bytes)) {
      std::string v;
      for (const auto& n : *names) v += (v.empty() ? "" : ",") + n;
      add(head + "," + v);
    }
  }
  // Colon hex (two bytes or more).
  if (!found && bytes.size() >= 2) add(head + "," + to_colon_hex(bytes));
  // A single byte of any kind.
  if (!found && bytes.size() == 1) add(fmt::format("{},{}b", head, bytes[0]));
  if (found) return found;
  for (const auto& c : candidates) {
    if (f0 != 'D') break;
    if (auto spec = try_parse(c, bytes, true)) {
      why_not = "same names, different compression";
      return spec;
    }
  }
  if (bytes.size() > 255) {
    why_not = fmt::format("the value is {} bytes; dnsmasq takes at most 255 per option line", bytes.size());
  } else {
    why_not = "no dnsmasq spelling of this option encodes the same bytes (dnsmasq infers the type of "
              "known options from its own table)";
  }
  return std::nullopt;
}

OptionSpec make_match_hex(std::int64_t code, const Bytes& pattern, const std::vector<bool>& wild) {
  OptionSpec s;
  s.code = code;
  s.value.kind = dnsmasq::ValueKind::Hex;
  s.value.bytes = pattern;
  for (std::size_t i = 0; i < wild.size(); ++i) {
    if (wild[i]) s.value.bytes[i] = 0;
  }
  bool any = false;
  for (bool w : wild) any |= w;
  if (any) s.value.wildcard = wild;
  return s;
}

OptionSpec make_match_byte(std::int64_t code, std::uint8_t d) {
  OptionSpec s;
  s.code = code;
  s.value.kind = dnsmasq::ValueKind::Decimal;
  s.value.bytes = {d};
  s.value.width_suffix = 'b';
  return s;
}

OptionSpec make_match_exists(std::int64_t code) {
  OptionSpec s;
  s.code = code;
  s.value.kind = dnsmasq::ValueKind::None;
  return s;
}

OptionSpec make_match_substring(std::int64_t code, const Bytes& text) {
  OptionSpec s;
  s.code = code;
  s.value.kind = dnsmasq::ValueKind::String;
  s.value.bytes = text;
  s.value.text = std::string(text.begin(), text.end());
  return s;
}

}  // namespace isc2dnsmasq::translate
