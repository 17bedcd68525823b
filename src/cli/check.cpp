// `check FILE...`: parse each config with its front end (ISC or dnsmasq) and report located diagnostics.
#include <fstream>
#include <functional>
#include <ostream>
#include <sstream>

#include <CLI/CLI.hpp>

#include "cli/app.hpp"
#include "cli/check_dnsmasq.hpp"
#include "cli/output.hpp"
#include "core/diagnostic.hpp"
#include "core/source.hpp"
#include "dnsmasq/detect.hpp"
#include "isc/parse.hpp"
#include "isc/resolve.hpp"

namespace isc2dnsmasq::cli {

namespace {

struct CheckOptions {
  std::vector<std::string> files;
  std::string kind = "auto";
  bool dump_ast = false;
};

/// Parses and resolves one ISC file (with its includes); with `dump`, writes the tree (isc::dump format).
/// Without `dump` the tree is not kept: each top-level statement is resolved as soon as it is
/// parsed and then freed (a 100,000-host file needs a fraction of the memory). Resolution
/// diagnostics are staged and kept only when the whole file parses, as with resolve_options.
void check_isc(const SourceFile& file, SourceSet& sources, DiagnosticSink& sink, std::ostream* dump) {
  if (dump) {
    auto config = isc::parse_isc(file, sources, sink);
    if (!config) return;
    isc::resolve_options(*config, sink);
    *dump << isc::dump(*config);
    return;
  }
  DiagnosticSink resolved;
  isc::OptionResolver resolver(resolved, /*keep_results=*/false);
  isc::ParseOptions options;
  options.on_top_level = [&resolver](isc::Stmt& s) { resolver.add(s); };
  if (!isc::parse_isc(file, sources, sink, options)) return;
  resolver.finish();
  for (auto& d : resolved.all()) sink.add(d.severity, d.span, std::move(d.message), std::move(d.code)).notes = std::move(d.notes);
}

/// --kind auto: a file whose content looks like dnsmasq is read as dnsmasq, anything else as ISC.
bool is_dnsmasq(const std::string& kind, const SourceFile& file) {
  if (kind == "dnsmasq") return true;
  if (kind == "isc") return false;
  return dnsmasq::looks_like_dnsmasq(file.text());
}

}  // namespace

Command make_check(CLI::App& app, const GlobalOptions& g) {
  auto* sub = app.add_subcommand("check", "Parse and resolve configs; report errors with file:line:col");
  auto opt = std::make_shared<CheckOptions>();
  sub->add_option("files", opt->files, "dhcpd.conf or dnsmasq config files")->required();
  sub->add_option("--kind", opt->kind, "Config language: isc, dnsmasq, or auto (detect by content)")
      ->check(CLI::IsMember({"isc", "dnsmasq", "auto"}))
      ->capture_default_str();
  sub->add_flag("--dump-ast", opt->dump_ast, "Print the parsed tree (one statement per line) to stdout");
  return {sub, [opt, &g](Io& io) {
            SourceSet sources;
            DiagnosticSink sink;
            for (const auto& f : opt->files) {
              std::string error;
              const SourceFile* file = sources.load(f, error);
              if (!file) {
                sink.error({}, "cannot read '{}': {}", f, error);
                continue;
              }
              if (is_dnsmasq(opt->kind, *file)) {
                check_dnsmasq_file(f, sources, sink);
              } else {
                check_isc(*file, sources, sink, opt->dump_ast && g.format == "text" ? &io.out : nullptr);
              }
            }
            sink.sort();
            return emit_diagnostics(io, g, sink);
          }};
}

}  // namespace isc2dnsmasq::cli
