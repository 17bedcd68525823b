// Compiles dhcp-eval conditions to dnsmasq tags: exact prefix/length tests with hex dhcp-match, OR/NOT via tag-if.
#include "translate/conditions.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "translate/values.hpp"

namespace isc2dnsmasq::translate {

using dnsmasq::TagCond;
using isc::Expr;
using isc::ExprOp;

void Conj::add(const Conj& other) {
  if (other.never) never = true;
  for (const auto& t : other.tags) {
    bool dup = false;
    for (const auto& u : tags) {
      if (u.name == t.name) {
        if (u.negated != t.negated) never = true;
        dup = true;
      }
    }
    if (!dup) tags.push_back(t);
  }
}

std::string TagNamer::sanitize(const std::string& s) {
  std::string out;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (ok) {
      out += c;
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  if (out.size() > 40) out.resize(40);
  if (out.empty()) out = "t";
  return out;
}

std::string TagNamer::unique(const std::string& base) {
  std::string b = sanitize(base);
  if (b == "known" || b == "known-othernet" || b == "bootp") b += "-1";
  if (used_.insert(b).second) return b;
  // Numbers below next_[b] are all taken (names are never released): start the search there, so
  // many hosts sharing one base stay linear.
  int& next = next_[b];
  for (int i = std::max(next, 2);; ++i) {
    std::string c = fmt::format("{}-{}", b, i);
    if (used_.insert(c).second) {
      next = i + 1;
      return c;
    }
  }
}

ConditionCompiler::ConditionCompiler(dnsmasq::Model& model, TagNamer& namer, const isc::Resolution& resolution,
                                     ClassTag class_tag)
    : model_(model), namer_(namer), resolution_(resolution), class_tag_(std::move(class_tag)) {
  for (const auto& name : resolution_.registry.option_names("dhcp")) {
    const auto* def = resolution_.registry.find("dhcp", name);
    if (!def || def->format.size() < 3 || def->format[0] != 'E' || def->format.back() != '.') continue;
    encap_codes_[def->format.substr(1, def->format.size() - 2)] = def->code;
  }
}

std::optional<std::uint32_t> ConditionCompiler::encapsulating_code(const std::string& space) const {
  auto it = encap_codes_.find(space);
  if (it == encap_codes_.end()) return std::nullopt;
  return it->second;
}

void ConditionCompiler::degrade(Outcome o, std::string code, std::string message) {
  if (!current_) return;
  if (static_cast<int>(o) < static_cast<int>(current_->outcome)) return;
  if (o == current_->outcome && !current_->code.empty()) {
    current_->message += "; " + message;
    return;
  }
  current_->outcome = o;
  current_->code = std::move(code);
  current_->message = std::move(message);
}

Compiled ConditionCompiler::compile(const Expr& e, const dnsmasq::Origin& origin, bool in_class_match) {
  Compiled c;
  current_ = &c;
  c.conj = walk(e, origin, in_class_match);
  current_ = nullptr;
  return c;
}

std::string ConditionCompiler::match_tag(const dnsmasq::OptionSpec& spec, const std::string& hint,
                                         const dnsmasq::Origin& origin) {
  std::string key = fmt::format("match/{}/{}/{}/{}", static_cast<int>(spec.value.kind), spec.code,
                                to_hex(spec.value.bytes), spec.value.wildcard.size());
  for (bool w : spec.value.wildcard) key += w ? '*' : '.';
  auto it = atoms_.find(key);
  if (it != atoms_.end()) return it->second;
  std::string tag = namer_.unique(hint);
  model_.matches.push_back(dnsmasq::Match{origin, tag, spec});
  atoms_[key] = tag;
  return tag;
}

TagCond ConditionCompiler::as_literal(const Conj& c, const dnsmasq::Origin& origin, const std::string& hint) {
  if (c.tags.size() == 1 && !c.never) return c.tags.front();
  std::string key = "and/";
  for (const auto& t : c.tags) key += (t.negated ? "!" : "") + t.name + ",";
  if (c.never) key = "never";
  auto it = atoms_.find(key);
  if (it != atoms_.end()) return TagCond{it->second, false};
  std::string tag = namer_.unique(hint);
  if (!c.never) model_.tag_ifs.push_back(dnsmasq::TagIf{origin, {tag}, c.tags});
  atoms_[key] = tag;
  return TagCond{tag, false};
}

Conj ConditionCompiler::negate(const Conj& c, const dnsmasq::Origin& origin, const std::string& hint) {
  if (c.never) return Conj{};
  if (c.tags.empty()) return Conj{{}, true};
  TagCond t = as_literal(c, origin, hint);
  t.negated = !t.negated;
  return Conj{{t}, false};
}

Conj ConditionCompiler::any_of(const std::vector<Conj>& alts, const dnsmasq::Origin& origin, const std::string& hint) {
  std::vector<const Conj*> live;
  for (const auto& a : alts) {
    if (a.always()) return Conj{};
    if (!a.never) live.push_back(&a);
  }
  if (live.empty()) return Conj{{}, true};
  if (live.size() == 1) return *live.front();
  std::string key = "or/";
  for (const auto* a : live) {
    for (const auto& t : a->tags) key += (t.negated ? "!" : "") + t.name + ",";
    key += "|";
  }
  auto it = atoms_.find(key);
  if (it != atoms_.end()) return Conj{{TagCond{it->second, false}}, false};
  std::string tag = namer_.unique(hint);
  for (const auto* a : live) model_.tag_ifs.push_back(dnsmasq::TagIf{origin, {tag}, a->tags});
  atoms_[key] = tag;
  return Conj{{TagCond{tag, false}}, false};
}

namespace {

const Expr* arg(const Expr& e, std::size_t i) { return i < e.args.size() ? e.args[i].get() : nullptr; }

std::optional<std::int64_t> const_int(const Expr* e) {
  if (e && e->op == ExprOp::ConstInt) return e->number;
  return std::nullopt;
}

bool is_text_format(const std::string& format) { return format == "t" || format == "k"; }

std::string value_hint(const Bytes& d) {
  if (is_plain_text(d)) return std::string(d.begin(), d.end());
  return to_hex(d);
}

}  // namespace

Conj ConditionCompiler::option_equal(std::uint32_t code, const std::string& name, std::size_t offset,
                                     const Bytes& data, bool exact_length, const dnsmasq::Origin& origin) {
  Bytes pattern(offset, 0);
  std::vector<bool> wild(offset, true);
  pattern.insert(pattern.end(), data.begin(), data.end());
  wild.resize(pattern.size(), false);
  std::string hint = name + "-" + value_hint(data);
  Conj out;
  if (pattern.size() >= 2) {
    out.tags.push_back({match_tag(make_match_hex(code, pattern, wild), hint, origin), false});
  } else {
    // One byte at offset 0: "any byte equals d" and "at most one byte" together mean "is exactly d".
    std::string byte = match_tag(make_match_byte(code, pattern[0]), name + "-has-byte-" + to_hex(pattern), origin);
    std::string two = match_tag(make_match_hex(code, {0, 0}, {true, true}), name + "-2-bytes", origin);
    Conj only{{{byte, false}, {two, true}}, false};
    if (exact_length) return only;
    std::string longer = match_tag(make_match_hex(code, {pattern[0], 0}, {false, true}), hint + "-longer", origin);
    return any_of({only, Conj{{{longer, false}}, false}}, origin, hint);
  }
  if (exact_length) {
    Bytes longer = pattern;
    longer.push_back(0);
    auto lw = wild;
    lw.push_back(true);
    out.tags.push_back({match_tag(make_match_hex(code, longer, lw), hint + "-longer", origin), true});
  }
  return out;
}

// The NUL bytes a client may pad a text option with that the lines below still tell apart exactly.
constexpr std::size_t kTextNulPadding = 2;

Conj ConditionCompiler::text_option_equal(std::uint32_t code, const std::string& name, std::size_t offset,
                                          const Bytes& data, bool exact_length, const dnsmasq::Origin& origin) {
  // dhcpd strips trailing NULs from text options on input (prepare_option_buffer), so "iPXE\0"
  // equals "iPXE". A prefix test is unaffected unless the data itself ends in NUL; an exact-length
  // test must accept the data followed by NULs, which dnsmasq's prefix matches can say only for a
  // bounded number of them: one alternative per padding length.
  bool ends_in_nul = !data.empty() && data.back() == 0;
  if (!exact_length && !ends_in_nul) return option_equal(code, name, offset, data, false, origin);
  if (ends_in_nul) {
    degrade(Outcome::Approximate, "approx/text-nul-padding",
            fmt::format("dhcpd strips trailing NULs from option '{}' before comparing, so data ending in NUL "
                        "matches differently there",
                        name));
    return option_equal(code, name, offset, data, exact_length, origin);
  }
  degrade(Outcome::Approximate, "approx/text-nul-padding",
          fmt::format("dhcpd strips trailing NULs from option '{}'; the dnsmasq lines accept up to {} of them, a "
                      "client padding the value with more NULs does not match",
                      name, kTextNulPadding));
  std::vector<Conj> alts;
  Bytes padded = data;
  for (std::size_t nuls = 0; nuls <= kTextNulPadding; ++nuls) {
    alts.push_back(option_equal(code, name, offset, padded, true, origin));
    padded.push_back(0);
  }
  return any_of(alts, origin, name + "-" + value_hint(data) + "-nul-padded");
}

Conj ConditionCompiler::equal(const Expr& a, const Expr& b, const dnsmasq::Origin& origin) {
  const Expr* data = nullptr;
  const Expr* other = nullptr;
  if (b.op == ExprOp::ConstData) {
    data = &b;
    other = &a;
  } else if (a.op == ExprOp::ConstData) {
    data = &a;
    other = &b;
  }
  if (!data) {
    degrade(Outcome::Untranslatable, "untranslatable/expression",
            "dnsmasq can compare a client option only with a constant");
    return Conj{{}, true};
  }
  const Bytes& d = data->data;
  auto dhcp_option = [&](const Expr* e) -> const isc::OptionRef* {
    if (!e || e->op != ExprOp::Option || !e->option) return nullptr;
    return e->option.get();
  };
  if (const auto* opt = dhcp_option(other)) {
    if (opt->resolved_space == "dhcp" && opt->code >= 0 && opt->code < 256) {
      if (d.empty()) {
        degrade(Outcome::Untranslatable, "untranslatable/expression", "comparison with empty data");
        return Conj{{}, true};
      }
      if (is_text_format(opt->format))
        return text_option_equal(static_cast<std::uint32_t>(opt->code), opt->name, 0, d, true, origin);
      return option_equal(static_cast<std::uint32_t>(opt->code), opt->name, 0, d, true, origin);
    }
    if (opt->resolved_space == "agent" && (opt->code == 1 || opt->code == 2 || opt->code == 6)) {
      using K = dnsmasq::ClassMatch::Kind;
      K kind = opt->code == 1 ? K::CircuitId : opt->code == 2 ? K::RemoteId : K::SubscriberId;
      std::string key = fmt::format("relay/{}/{}", opt->code, to_hex(d));
      auto it = atoms_.find(key);
      if (it != atoms_.end()) return Conj{{{it->second, false}}, false};
      std::string tag = namer_.unique(opt->name + "-" + value_hint(d));
      dnsmasq::ClassMatch m;
      m.origin = origin;
      m.kind = kind;
      m.set_tag = tag;
      m.data = d;
      m.hex = !is_plain_text(d);
      model_.class_matches.push_back(m);
      atoms_[key] = tag;
      return Conj{{{tag, false}}, false};
    }
    degrade(Outcome::Untranslatable, "untranslatable/expression",
            fmt::format("dnsmasq cannot compare option '{}' of space '{}'", opt->name, opt->resolved_space));
    return Conj{{}, true};
  }
  if (other->op == ExprOp::Substring) {
    const Expr* inner = arg(*other, 0);
    auto off = const_int(arg(*other, 1));
    auto len = const_int(arg(*other, 2));
    if (!off || !len || *off < 0 || *len < 0) {
      degrade(Outcome::Untranslatable, "untranslatable/expression", "substring() with computed bounds");
      return Conj{{}, true};
    }
    if (static_cast<std::int64_t>(d.size()) > *len) return Conj{{}, true};  // can never be equal
    if (d.empty()) {
      degrade(Outcome::Untranslatable, "untranslatable/expression", "comparison with empty data");
      return Conj{{}, true};
    }
    bool exact_len = static_cast<std::int64_t>(d.size()) < *len;
    if (const auto* opt = dhcp_option(inner); opt && opt->resolved_space == "dhcp" && opt->code >= 0 && opt->code < 256) {
      if (is_text_format(opt->format))
        return text_option_equal(static_cast<std::uint32_t>(opt->code), opt->name, static_cast<std::size_t>(*off),
                                 d, exact_len, origin);
      return option_equal(static_cast<std::uint32_t>(opt->code), opt->name, static_cast<std::size_t>(*off), d,
                          exact_len, origin);
    }
    if (inner && inner->op == ExprOp::Hardware && *off >= 1 && !exact_len && *off - 1 + static_cast<std::int64_t>(d.size()) <= 6) {
      dnsmasq::HwPattern p;
      p.htype = 0;
      p.addr.assign(6, 0);
      p.wildcard.assign(6, true);
      for (std::size_t i = 0; i < d.size(); ++i) {
        p.addr[static_cast<std::size_t>(*off - 1) + i] = d[i];
        p.wildcard[static_cast<std::size_t>(*off - 1) + i] = false;
      }
      std::string key = "mac/" + to_hex(p.addr);
      for (bool w : p.wildcard) key += w ? '*' : '.';
      degrade(Outcome::Approximate, "approx/hardware-length",
              "dnsmasq's dhcp-mac compares 6-byte hardware addresses only; a client whose hardware address has "
              "another length never matches");
      auto it = atoms_.find(key);
      if (it != atoms_.end()) return Conj{{{it->second, false}}, false};
      std::string tag = namer_.unique("mac-" + to_hex(d));
      model_.mac_matches.push_back(dnsmasq::MacMatch{origin, tag, p});
      atoms_[key] = tag;
      return Conj{{{tag, false}}, false};
    }
  }
  if (other->op == ExprOp::Hardware && d.size() >= 2) {
    dnsmasq::HwPattern p;
    p.htype = d[0];
    p.addr.assign(d.begin() + 1, d.end());
    p.wildcard.assign(p.addr.size(), false);
    std::string key = "mac/" + to_hex(d);
    auto it = atoms_.find(key);
    if (it != atoms_.end()) return Conj{{{it->second, false}}, false};
    std::string tag = namer_.unique("mac-" + to_hex(p.addr));
    model_.mac_matches.push_back(dnsmasq::MacMatch{origin, tag, p});
    atoms_[key] = tag;
    return Conj{{{tag, false}}, false};
  }
  if (other->op == ExprOp::Suffix) {
    const auto* opt = dhcp_option(arg(*other, 0));
    auto len = const_int(arg(*other, 1));
    if (opt && opt->resolved_space == "dhcp" && opt->code >= 0 && opt->code < 256 && len &&
        static_cast<std::int64_t>(d.size()) == *len && !d.empty()) {
      degrade(Outcome::Approximate, "approx/suffix-match",
              fmt::format("dnsmasq matches '{}' anywhere in option '{}', not only at its end", value_hint(d), opt->name));
      std::string tag = match_tag(make_match_substring(opt->code, d), opt->name + "-contains-" + value_hint(d), origin);
      return Conj{{{tag, false}}, false};
    }
  }
  degrade(Outcome::Untranslatable, "untranslatable/expression",
          fmt::format("dnsmasq has no test for '{}' of this form", isc::dump(*other)));
  return Conj{{}, true};
}

Conj ConditionCompiler::walk(const Expr& e, const dnsmasq::Origin& origin, bool in_class_match) {
  switch (e.op) {
    case ExprOp::And: {
      Conj c;
      for (const auto& a : e.args) c.add(walk(*a, origin, in_class_match));
      return c;
    }
    case ExprOp::Or: {
      std::vector<Conj> alts;
      for (const auto& a : e.args) alts.push_back(walk(*a, origin, in_class_match));
      return any_of(alts, origin, fmt::format("or-{}", origin.span.line()));
    }
    case ExprOp::Not: {
      if (e.args.empty()) return Conj{{}, true};
      Conj inner = walk(*e.args[0], origin, in_class_match);
      return negate(inner, origin, fmt::format("cond-{}", origin.span.line()));
    }
    case ExprOp::Known:
      if (in_class_match) return Conj{{}, true};  // dhcpd classifies before host lookup
      return Conj{{{"known", false}}, false};
    case ExprOp::Check: {
      if (auto t = class_tag_(e.name)) return Conj{{{*t, false}}, false};
      degrade(Outcome::Untranslatable, "untranslatable/expression",
              fmt::format("check \"{}\" asks whether the client is in any class of dhcpd's collection '{}'; dnsmasq "
                          "has no such test",
                          e.name, e.name));
      return Conj{{}, true};
    }
    case ExprOp::Exists: {
      const isc::OptionRef* opt = e.option.get();
      if (!opt || opt->code < 0) break;
      if (opt->resolved_space == "dhcp" && opt->code < 256) {
        return Conj{{{match_tag(make_match_exists(opt->code), "has-" + opt->name, origin), false}}, false};
      }
      std::optional<std::uint32_t> outer;
      if (opt->resolved_space == "agent") {
        outer = 82;
      } else {
        outer = encapsulating_code(opt->resolved_space);
      }
      if (outer && opt->code < 256) {
        degrade(Outcome::Approximate, "approx/encap-exists",
                fmt::format("dnsmasq tests whether any byte of option {} equals {}: a client whose option {} holds "
                            "byte {} elsewhere (a value, a length or another sub-option) matches without sub-option "
                            "'{}.{}'",
                            *outer, opt->code, *outer, opt->code, opt->resolved_space, opt->name));
        std::string tag = match_tag(make_match_byte(*outer, static_cast<std::uint8_t>(opt->code)),
                                    "has-" + opt->resolved_space + "-" + opt->name, origin);
        return Conj{{{tag, false}}, false};
      }
      break;
    }
    case ExprOp::Equal:
      if (e.args.size() == 2) return equal(*e.args[0], *e.args[1], origin);
      break;
    case ExprOp::NotEqual:
      if (e.args.size() == 2) {
        Conj eq = equal(*e.args[0], *e.args[1], origin);
        return negate(eq, origin, fmt::format("cond-{}", origin.span.line()));
      }
      break;
    default: break;
  }
  degrade(Outcome::Untranslatable, "untranslatable/expression",
          fmt::format("'{}' has no dnsmasq tag equivalent", isc::expr_op_name(e.op)));
  return Conj{{}, true};
}

}  // namespace isc2dnsmasq::translate
