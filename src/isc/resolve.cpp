// Option resolution: spaces, definitions, option names and constant values, in dhcpd's order.
#include "isc/resolve.hpp"
#include "isc/validate.hpp"

#include <optional>

#include <fmt/format.h>

namespace isc2dnsmasq::isc {

namespace {

using dhcp::OptionDef;
using dhcp::OptionRegistry;
using dhcp::Token;

}  // namespace

class OptionResolver::Impl {
public:
  Impl(DiagnosticSink& sink, bool keep_results) : sink_(sink), keep_(keep_results), validator_(sink) {
    out_.registry = OptionRegistry::dhcpd_builtin();
  }

  void add(Stmt& top_level) {
    visit(top_level, true);
    validator_.add(top_level);
  }

  Resolution finish() {
    validator_.finish();
    if (ad_hoc_) {
      sink_.error(*ad_hoc_, "ddns-update-style ad-hoc is no longer supported by dhcpd 4.4 "
                            "(use interim or standard)");
    }
    return std::move(out_);
  }

private:
  void walk(Body& body, bool root) {
    for (auto& s : body) visit(*s, root);
  }

  void visit(Stmt& s, bool root) {
    if (auto* sc = s.as<ScopeStmt>()) {
      if (auto* sub = s.as<SubclassDecl>(); sub && sub->value) expr(*sub->value);
      walk(sc->body, false);
      return;
    }
    switch (s.kind) {
      case StmtKind::OptionSpace: option_space(*s.as<OptionSpaceDecl>(), root); break;
      case StmtKind::OptionDef: option_def(*s.as<OptionDefStmt>(), root); break;
      case StmtKind::Option: option_stmt(*s.as<OptionStmt>()); break;
      case StmtKind::Param: param(*s.as<ParamStmt>(), root); break;
      case StmtKind::Match: expr(s.as<MatchStmt>()->expr); break;
      case StmtKind::If:
        for (auto& b : s.as<IfStmt>()->branches) {
          expr(b.condition);
          walk(b.body, false);
        }
        break;
      case StmtKind::Switch: {
        auto* sw = s.as<SwitchStmt>();
        expr(sw->expr);
        walk(sw->body, false);
        break;
      }
      case StmtKind::Case: expr(s.as<CaseStmt>()->value); break;
      case StmtKind::Set: expr(s.as<SetStmt>()->expr); break;
      case StmtKind::Eval: expr(s.as<EvalStmt>()->expr); break;
      case StmtKind::Log: expr(s.as<LogStmt>()->expr); break;
      case StmtKind::Return: expr(s.as<ReturnStmt>()->expr); break;
      case StmtKind::Execute:
        for (auto& a : s.as<ExecuteStmt>()->args) expr(a);
        break;
      case StmtKind::On: walk(s.as<OnStmt>()->body, false); break;
      case StmtKind::Define: {
        auto* d = s.as<DefineStmt>();
        expr(d->expr);
        walk(d->body, false);
        break;
      }
      default: break;
    }
  }

  // Tokens of the source text [begin, end) of the file a span points into.
  std::vector<Token> tokens(const Span& from, std::uint32_t begin, std::uint32_t end) {
    return dhcp::lex_dhcpd(*from.file, begin, end);
  }

  void report(const std::vector<dhcp::OptionError>& errors, const std::vector<dhcp::OptionError>& warnings) {
    if (!errors.empty()) sink_.add(Severity::Error, errors.front().span, errors.front().message);
    for (const auto& w : warnings) sink_.add(Severity::Warning, w.span, w.message);
  }

  void option_space(OptionSpaceDecl& d, bool root) {
    if (!root) {
      sink_.error(d.span, "option space definitions may not be scoped (only at the top level)");
      return;
    }
    if (d.code_width != 1 && d.code_width != 2 && d.code_width != 4) {
      sink_.error(d.span, "invalid code width ({}) for option space '{}'; expected 1, 2 or 4", d.code_width, d.name);
      return;
    }
    if (d.length_width != 1 && d.length_width != 2) {
      sink_.error(d.span, "invalid length width ({}) for option space '{}'; expected 1 or 2", d.length_width, d.name);
      return;
    }
    out_.registry.add_space(d.name, d.code_width, d.length_width);
  }

  void option_def(OptionDefStmt& d, bool root) {
    Span name_span = d.name_span.valid() ? d.name_span : d.span;
    if (!root) {
      sink_.error(name_span, "option definitions may not be scoped (only at the top level)");
      return;
    }
    std::string_view space = d.space.empty() ? std::string_view("dhcp") : std::string_view(d.space);
    const dhcp::OptionSpace* sp = out_.registry.find_space(space);
    if (!sp) {
      std::string hint = did_you_mean(space, out_.registry.space_names());
      if (hint.empty()) sink_.error(name_span, "no option space named '{}'", space);
      else sink_.error(name_span, "no option space named '{}'; did you mean '{}'?", space, hint);
      return;
    }
    if (!d.type_span.valid()) return;
    auto toks = tokens(d.type_span, d.type_span.begin, d.span.end);
    std::size_t pos = 0;
    dhcp::OptionError err;
    auto format = dhcp::parse_option_type(out_.registry, toks, pos, err);
    if (!format) {
      sink_.add(Severity::Error, err.span, err.message);
      return;
    }
    std::string space_name = sp->name;
    out_.registry.define(space_name, d.name, d.code, *format);
    d.format = *format;
  }

  // Resolves an option name; reports and returns nullptr when unknown.
  const OptionDef* lookup(OptionRef& ref, std::optional<OptionDef>& holder) {
    auto r = dhcp::lookup_option(out_.registry, ref.space, ref.name);
    if (!r.def) {
      sink_.error(ref.span, "{}", r.error);
      return nullptr;
    }
    if (r.synthesized) {
      holder = *r.synthesized;
      ref.resolved_space = holder->space;
      ref.code = static_cast<int>(holder->code);
      ref.format = holder->format;
      return &*holder;
    }
    ref.resolved_space = r.def->space;
    ref.code = static_cast<int>(r.def->code);
    ref.format = r.def->format;
    return r.def;
  }

  void option_stmt(OptionStmt& o) {
    std::optional<OptionDef> holder;
    const OptionDef* def = lookup(o.option, holder);
    if (!def) return;
    if (o.expr) {
      expr(*o.expr);
      return;
    }
    // The value is re-read from the source with dhcpd's own token classes, from the end of the
    // option name to the statement's ';'.
    std::uint32_t begin = o.option.span.valid() ? o.option.span.end : o.span.begin;
    auto toks = tokens(o.span, begin, o.span.end);
    auto r = dhcp::encode_option_value(*def, toks, 0);
    report(r.errors, r.warnings);
    if (r.value) {
      o.encoded = std::move(r.value->bytes);
      o.resolved = true;
      if (keep_ && !r.value->host_names.empty()) out_.host_names[&o] = std::move(r.value->host_names);
    }
  }

  void param(ParamStmt& p, bool root) {
    if (p.expr) {
      expr(*p.expr);
      return;
    }
    if (!p.keyword.empty()) return;  // allow/deny/ignore flags, `not authoritative`
    if (p.name == "host-identifier") {
      host_identifier(p);
      return;
    }
    const OptionDef* def = out_.registry.find("server", p.name);
    if (!def || p.name == "authoritative") return;  // not a server-space option statement in dhcpd
    std::uint32_t begin = p.name_span.valid() ? p.name_span.end : p.span.begin;
    auto toks = tokens(p.span, begin, p.span.end);
    auto r = dhcp::encode_option_value(*def, toks, 0);
    report(r.errors, r.warnings);
    if (!r.value) return;
    if (root && def->name == "ddns-update-style") {
      ad_hoc_.reset();
      if (r.value->bytes.size() == 1 && r.value->bytes[0] == 1) ad_hoc_ = p.span;
    }
    if (keep_) out_.params[&p] = std::move(r.value->bytes);
  }

  // host-identifier option [SPACE.]NAME VALUE;  (v6relopt N ... is DHCPv6 only: left alone)
  void host_identifier(ParamStmt& p) {
    std::uint32_t begin = p.name_span.valid() ? p.name_span.end : p.span.begin;
    auto toks = tokens(p.span, begin, p.span.end);
    if (toks.size() < 3 || !toks[0].is_word("option") || !toks[1].is_identifier()) return;
    OptionRef ref;
    std::size_t pos = 2;
    if (toks[2].is('.') && toks.size() > 3 && toks[3].is_identifier()) {
      ref.space = toks[1].text;
      ref.name = toks[3].text;
      ref.span = Span{toks[1].span.file, toks[1].span.begin, toks[3].span.end};
      pos = 4;
    } else {
      ref.name = toks[1].text;
      ref.span = toks[1].span;
    }
    std::optional<OptionDef> holder;
    const OptionDef* def = lookup(ref, holder);
    if (!def) return;
    auto r = dhcp::encode_option_value(*def, toks, pos);
    report(r.errors, r.warnings);
    if (r.value && keep_) out_.params[&p] = std::move(r.value->bytes);
  }

  void expr(ExprPtr& e) {
    if (e) expr(*e);
  }
  void expr(Expr& e) {
    if (e.option) {
      std::optional<OptionDef> holder;
      lookup(*e.option, holder);
    }
    for (auto& a : e.args) expr(a);
  }

  DiagnosticSink& sink_;
  bool keep_;
  Resolution out_;
  std::optional<Span> ad_hoc_;  ///< the last top-level `ddns-update-style ad-hoc;`
  ConfigValidator validator_;   ///< dhcpd's checks on generically parsed statements
};

OptionResolver::OptionResolver(DiagnosticSink& sink, bool keep_results)
    : impl_(std::make_unique<Impl>(sink, keep_results)) {}
OptionResolver::~OptionResolver() = default;
void OptionResolver::add(Stmt& top_level) { impl_->add(top_level); }
Resolution OptionResolver::finish() { return impl_->finish(); }

Resolution resolve_options(Config& config, DiagnosticSink& sink) {
  OptionResolver r(sink);
  for (auto& s : config.body) r.add(*s);
  return r.finish();
}

}  // namespace isc2dnsmasq::isc
