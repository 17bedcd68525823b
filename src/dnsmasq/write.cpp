// Canonical dnsmasq text from the Model, with minimal quoting checked against the reader's inference.
#include "dnsmasq/write.hpp"

#include <cctype>
#include <iterator>

#include <fmt/format.h>

#include "dnsmasq/option_table.hpp"
#include "dnsmasq/read.hpp"

namespace isc2dnsmasq::dnsmasq {

namespace {

/// The escape form of one character inside a quoted section.
void append_quoted_char(std::string& out, char c) {
  switch (c) {
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    case '\t': out += "\\t"; break;
    case '\n': out += "\\n"; break;
    case '\r': out += "\\r"; break;
    case '\b': out += "\\b"; break;
    case '\033': out += "\\e"; break;
    default: out += c; break;
  }
}

/// The whole string in one quoted section.
std::string quote_all(std::string_view s) {
  std::string out = "\"";
  for (char c : s) append_quoted_char(out, c);
  out += '"';
  return out;
}

bool needs_protection(char c, std::string_view extra) {
  auto u = static_cast<unsigned char>(c);
  return c == '"' || c == '#' || c == ',' || c == ' ' || c == '\\' || (u < 32) || u == 127 ||
         extra.find(c) != std::string_view::npos;
}

/// A field value: characters that would split, be trimmed, start a comment or be lexed are
/// put in quotes one run at a time; the parser unhides them, so the field reads back the same.
std::string field(std::string_view s, std::string_view extra = {}) {
  std::string out;
  bool open = false;
  for (char c : s) {
    bool prot = needs_protection(c, extra);
    if (prot && !open) {
      out += '"';
      open = true;
    } else if (!prot && open) {
      out += '"';
      open = false;
      // dnsmasq takes the character right after a closing quote literally; that is what we want.
    }
    if (prot) {
      append_quoted_char(out, c);
    } else {
      out += c;
    }
  }
  if (open) out += '"';
  return out;
}

/// Colon hex; `minimal` drops leading zeros ("1:2:ab"), which keeps digits out of values
/// whose bytes have none (a digit would make a time option's value a number).
std::string colon_hex(const Bytes& b, const std::vector<bool>* wild = nullptr, bool minimal = false) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(b.size() * 3);
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (i) out += ':';
    if (wild && i < wild->size() && (*wild)[i]) {
      out += '*';
    } else {
      if (!minimal || b[i] >= 16) out += kDigits[b[i] >> 4];
      out += kDigits[b[i] & 15];
    }
  }
  return out;
}

std::string hw_text(const HwPattern& h) {
  std::string out;
  if (h.htype != 0) out += fmt::format("{:x}-", h.htype);
  out += colon_hex(h.addr, &h.wildcard);
  if (h.addr.size() == 1) out += ':';  // a lone group needs a separator to stay hex
  return out;
}

std::string cond_text(const TagCond& t) { return std::string(t.negated ? "!" : "") + t.name; }

std::string tags_prefix(const std::vector<TagCond>& tags) {
  std::string out;
  for (const auto& t : tags) out += "tag:" + field(cond_text(t)) + ",";
  return out;
}

std::string lease_text(std::uint32_t v) { return v == kInfiniteLease ? "infinite" : std::to_string(v); }

std::uint32_t bytes_value(const Bytes& b) {
  std::uint32_t v = 0;
  for (std::size_t i = 0; i < b.size() && i < 4; ++i) v = (v << 8) | b[i];
  return v;
}

/// The option field (space prefix and code) of a spec.
std::string spec_prefix(const OptionSpec& s) {
  std::string out;
  switch (s.space) {
    case OptionSpace::Encap: out += fmt::format("encap:{},", s.encap); break;
    case OptionSpace::ViEncap: out += fmt::format("vi-encap:{},", s.encap); break;
    case OptionSpace::Vendor: out += "vendor:" + field(s.vendor_class) + ","; break;
    case OptionSpace::Plain: break;
  }
  if (!s.has_code) {
    if (!out.empty()) out.pop_back();
    return out;
  }
  if (!s.name.empty() && s.space == OptionSpace::Plain) {
    out += "option:" + s.name;
  } else {
    out += std::to_string(s.code);
  }
  return out;
}

/// Reads `arg` back the way dnsmasq would (lexing, trimming, parse_dhcp_opt).
bool reads_as(const std::string& arg, OptionFlavor flavor, const OptionValue& want) {
  std::string err;
  auto processed = process_line(arg, err);
  if (!processed) return false;
  std::string_view p = *processed;
  while (!p.empty() && p.front() == ' ') p.remove_prefix(1);
  while (!p.empty() && p.back() == ' ') p.remove_suffix(1);
  std::vector<TagCond> tags;
  OptionSpec spec;
  if (!parse_option_argument(p, flavor, tags, spec, err)) return false;
  return spec.value == want;
}

std::string value_text(const OptionSpec& s) {
  const OptionValue& v = s.value;
  switch (v.kind) {
    case ValueKind::None: return {};
    case ValueKind::Time: return std::to_string(bytes_value(v.bytes));
    case ValueKind::Hex: return colon_hex(v.bytes, v.wildcard.empty() ? nullptr : &v.wildcard, true);
    case ValueKind::Decimal: {
      std::string out = std::to_string(bytes_value(v.bytes));
      if (v.width_suffix) {
        out += static_cast<char>(v.width_suffix);
      } else {
        std::uint16_t table = s.space == OptionSpace::Plain && s.code >= 0 && s.code <= 0xffffffffLL
                                  ? option_len_flags(static_cast<std::uint32_t>(s.code))
                                  : 0;
        std::uint32_t val = bytes_value(v.bytes);
        std::size_t natural = table != 0 ? table : (val & 0xffff0000u) ? 4 : (val & 0xff00u) ? 2 : 1;
        if (natural != v.bytes.size()) {
          out += v.bytes.size() == 1 ? 'b' : v.bytes.size() == 2 ? 's' : 'i';
        }
      }
      return out;
    }
    case ValueKind::Addresses: {
      std::string out;
      for (std::size_t i = 0; i < v.addrs.size(); ++i) {
        if (i) out += ',';
        out += v.addrs[i].addr.str();
        if (v.addrs[i].prefix) out += "/" + std::to_string(*v.addrs[i].prefix);
      }
      return out;
    }
    case ValueKind::DomainList: {
      std::string out;
      for (std::size_t i = 0; i < v.domains.size(); ++i) {
        if (i) out += ',';
        const std::string& d = v.domains[i];
        bool plain = true;
        for (char c : d) {
          if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) plain = false;
        }
        out += (plain && s.code != 120) || d == "." ? d : quote_all(d);
      }
      return out;
    }
    case ValueKind::String: return std::string(v.bytes.begin(), v.bytes.end());
  }
  return {};
}

class Writer {
public:
  explicit Writer(const WriteOptions& o) : opts_(o) {}

  void comment_for(const Origin& o) {
    if (opts_.provenance_comments && o.provenance && o.span.valid()) {
      out_ += "# ";
      out_ += o.span.where_line();
      out_ += '\n';
    }
  }
  void line(const Origin& o, const std::string& text) {
    comment_for(o);
    out_ += text;
    out_ += '\n';
  }
  std::string& out() { return out_; }

  std::string option_arg(const std::string& tags_text, const OptionSpec& s, OptionFlavor flavor) {
    std::string head = tags_text + spec_prefix(s);
    if (s.value.kind == ValueKind::None) return head;
    std::string plain = head + "," + value_text(s);
    if (reads_as(plain, flavor, s.value)) return plain;
    if (s.value.kind == ValueKind::String) {
      return head + "," + quote_all(std::string(s.value.bytes.begin(), s.value.bytes.end()));
    }
    if (s.value.kind == ValueKind::DomainList) {
      std::string out = head + ",";
      for (std::size_t i = 0; i < s.value.domains.size(); ++i) {
        out += (i ? "," : "") + quote_all(s.value.domains[i]);
      }
      return out;
    }
    return plain;  // no better form exists; the reader's own output always reads back
  }

private:
  WriteOptions opts_;
  std::string out_;
};

std::string host_text(const Host& h) {
  // Fields appended in place (one string per line, not one per field).
  std::string out = "dhcp-host=";
  bool first = true;
  auto sep = [&]() -> std::string& {
    if (!first) out += ',';
    first = false;
    return out;
  };
  for (const auto& m : h.macs) sep() += hw_text(m);
  if (h.ignore_client_id) {
    sep() += "id:*";
  } else if (h.client_id) {
    sep() += "id:";
    out += colon_hex(*h.client_id);
    if (h.client_id->size() <= 1) out += ':';
  }
  for (const auto& t : h.set_tags) {
    sep() += "set:";
    out += field(t);
  }
  for (const auto& t : h.filters) {
    sep() += "tag:";
    out += field(cond_text(t));
  }
  if (h.address) sep() += h.address->str();
  for (const auto& a : h.ipv6) {
    sep() += '[';
    out += a;
    out += ']';
  }
  if (h.hostname) sep() += field(*h.hostname + (h.domain ? "." + *h.domain : std::string()));
  if (h.lease) sep() += lease_text(*h.lease);
  if (h.ignore) sep() += "ignore";
  return out;
}

const char* class_key(ClassMatch::Kind k) {
  switch (k) {
    case ClassMatch::Kind::VendorClass: return "dhcp-vendorclass";
    case ClassMatch::Kind::UserClass: return "dhcp-userclass";
    case ClassMatch::Kind::CircuitId: return "dhcp-circuitid";
    case ClassMatch::Kind::RemoteId: return "dhcp-remoteid";
    case ClassMatch::Kind::SubscriberId: return "dhcp-subscrid";
  }
  return "dhcp-vendorclass";
}

const char* taglist_key(TagList::Kind k) {
  switch (k) {
    case TagList::Kind::Ignore: return "dhcp-ignore";
    case TagList::Kind::IgnoreNames: return "dhcp-ignore-names";
    case TagList::Kind::GenerateNames: return "dhcp-generate-names";
    case TagList::Kind::Broadcast: return "dhcp-broadcast";
    case TagList::Kind::BootpDynamic: return "bootp-dynamic";
  }
  return "dhcp-ignore";
}

bool looks_hex(std::string_view s) {
  bool dig = false, colon = false;
  for (char c : s) {
    if (std::isxdigit(static_cast<unsigned char>(c))) {
      dig = true;
    } else if (c == ':') {
      colon = true;
    } else {
      return false;
    }
  }
  return dig && colon;
}

}  // namespace

std::string write_dnsmasq(const Model& m, const WriteOptions& opts) {
  Writer w(opts);
  if (!opts.header.empty()) {
    std::size_t i = 0;
    while (i <= opts.header.size()) {
      std::size_t e = opts.header.find('\n', i);
      if (e == std::string::npos) e = opts.header.size();
      w.out() += "# " + opts.header.substr(i, e - i) + "\n";
      i = e + 1;
    }
  }
  if (m.authoritative.set) w.line(m.authoritative.origin, "dhcp-authoritative");
  if (m.no_override.set) w.line(m.no_override.origin, "dhcp-no-override");
  if (m.sequential_ip.set) w.line(m.sequential_ip.origin, "dhcp-sequential-ip");
  if (m.lease_max) w.line(m.lease_max_origin, fmt::format("dhcp-lease-max={}", *m.lease_max));
  for (const auto& d : m.domains) {
    w.line(d.origin, "domain=" + field(d.name) + (d.scope.empty() ? "" : "," + d.scope));
  }
  for (const auto& t : m.enable_tftp) {
    std::string s = "enable-tftp";
    for (std::size_t i = 0; i < t.interfaces.size(); ++i) s += (i ? "," : "=") + field(t.interfaces[i]);
    w.line(t.origin, s);
  }
  for (const auto& t : m.tftp_roots) {
    w.line(t.origin, "tftp-root=" + field(t.root) + (t.root_interface ? "," + field(*t.root_interface) : ""));
  }
  for (const auto& r : m.ranges) {
    std::string s = "dhcp-range=" + tags_prefix(r.filters);
    if (r.set_tag) s += "set:" + field(*r.set_tag) + ",";
    s += r.start.str() + ",";
    switch (r.mode) {
      case Range::Mode::Dynamic: s += r.end.str(); break;
      case Range::Mode::Static: s += "static"; break;
      case Range::Mode::Proxy: s += "proxy"; break;
    }
    if (r.netmask) {
      s += "," + r.netmask->str();
      if (r.broadcast) s += "," + r.broadcast->str();
    }
    if (r.lease) {
      s += "," + lease_text(*r.lease);
    } else if (r.deprecated) {
      s += ",deprecated";
    }
    w.line(r.origin, s);
  }
  for (const auto& x : m.mac_matches) w.line(x.origin, "dhcp-mac=set:" + field(x.set_tag) + "," + hw_text(x.mac));
  for (const auto& c : m.class_matches) {
    std::string s = std::string(class_key(c.kind)) + "=set:" + field(c.set_tag) + ",";
    if (c.enterprise) s += fmt::format("enterprise:{},", *c.enterprise);
    if (c.hex) {
      s += colon_hex(c.data) + (c.data.size() <= 1 ? ":" : "");
    } else {
      std::string d(c.data.begin(), c.data.end());
      bool relay = c.kind != ClassMatch::Kind::VendorClass && c.kind != ClassMatch::Kind::UserClass;
      s += relay && looks_hex(d) ? quote_all(d) : field(d);
    }
    w.line(c.origin, s);
  }
  for (const auto& x : m.matches) {
    w.line(x.origin, "dhcp-match=" + w.option_arg("set:" + field(x.set_tag) + ",", x.spec, OptionFlavor::Match));
  }
  for (const auto& n : m.name_matches) {
    w.line(n.origin, "dhcp-name-match=set:" + field(n.set_tag) + "," + field(n.name) + (n.wildcard ? "*" : ""));
  }
  for (const auto& t : m.tag_ifs) {
    std::string s = "tag-if=";
    bool first = true;
    for (const auto& x : t.set_tags) {
      s += (first ? "" : ",") + std::string("set:") + field(x);
      first = false;
    }
    for (const auto& c : t.conds) s += ",tag:" + field(cond_text(c));
    w.line(t.origin, s);
  }
  for (const auto& t : m.tag_lists) {
    std::string s = taglist_key(t.kind);
    for (std::size_t i = 0; i < t.tags.size(); ++i) s += (i ? ",tag:" : "=tag:") + field(cond_text(t.tags[i]));
    w.line(t.origin, s);
  }
  for (const auto& h : m.hosts) w.line(h.origin, host_text(h));
  for (const auto& o : m.options) {
    std::string key = o.force ? "dhcp-option-force=" : "dhcp-option=";
    w.line(o.origin, key + w.option_arg(tags_prefix(o.tags), o.spec, o.force ? OptionFlavor::Force : OptionFlavor::Option));
  }
  for (const auto& b : m.boots) {
    std::string s = "dhcp-boot=" + tags_prefix(b.tags) + (b.file ? field(*b.file) : "");
    if (b.sname || b.server || b.tftp_name) s += "," + (b.sname ? field(*b.sname) : "");
    if (b.server) s += "," + b.server->str();
    else if (b.tftp_name) s += "," + field(*b.tftp_name);
    w.line(b.origin, s);
  }
  for (const auto& p : m.pxe_prompts) {
    std::string s = "pxe-prompt=" + tags_prefix(p.tags) + field(p.text);
    if (p.timeout != 255) s += "," + std::to_string(p.timeout);
    w.line(p.origin, s);
  }
  static const char* const kCsa[] = {"x86PC",    "PC98",       "IA64_EFI",   "Alpha",  "Arc_x86",   "Intel_Lean_Client",
                                     "IA32_EFI", "x86-64_EFI", "Xscale_EFI", "BC_EFI", "ARM32_EFI", "ARM64_EFI"};
  for (const auto& p : m.pxe_services) {
    std::string s = "pxe-service=" + tags_prefix(p.tags);
    s += p.csa >= 0 && p.csa < 12 ? kCsa[p.csa] : std::to_string(p.csa);
    s += "," + field(p.menu);
    if (p.basename) {
      s += "," + field(*p.basename);
    } else if (p.type != 0 || p.server || p.server_name) {
      s += "," + std::to_string(p.type);
    }
    if (p.server) s += "," + p.server->str();
    else if (p.server_name) s += "," + field(*p.server_name);
    w.line(p.origin, s);
  }
  if (opts.write_includes) {
    for (const auto& inc : m.includes) {
      std::string s;
      switch (inc.kind) {
        case Include::Kind::ConfFile: s = "conf-file=" + field(inc.path); break;
        case Include::Kind::ConfDir:
          s = "conf-dir=" + field(inc.path);
          for (const auto& x : inc.suffixes) s += "," + field(x);
          break;
        case Include::Kind::HostsFile: s = "dhcp-hostsfile=" + field(inc.path); break;
        case Include::Kind::OptsFile: s = "dhcp-optsfile=" + field(inc.path); break;
      }
      w.line(inc.origin, s);
    }
  }
  for (const auto& o : m.others) {
    // Outside the model: written as read; only characters the lexer would change are quoted
    // (none of them is a hidden character, so the directive's own parser sees the same text).
    std::string s = o.key;
    if (o.arg) {
      s += "=";
      std::string a;
      for (std::size_t i = 0; i < o.arg->size(); ++i) {
        char c = (*o.arg)[i];
        auto u = static_cast<unsigned char>(c);
        bool edge_space = c == ' ' && (i == 0 || i + 1 == o.arg->size());
        if (c == '"' || c == '#' || (u < 32 && c != ' ') || edge_space) {
          a += '"';
          append_quoted_char(a, c);
          a += '"';
        } else {
          a += c;
        }
      }
      s += a;
    }
    w.line(o.origin, s);
  }
  return std::move(w.out());
}

}  // namespace isc2dnsmasq::dnsmasq
