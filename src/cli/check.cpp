// `check FILE...`: parse each config with its front end and report problems as located diagnostics.
#include <functional>
#include <ostream>

#include <CLI/CLI.hpp>

#include "cli/app.hpp"
#include "core/diagnostic.hpp"
#include "core/source.hpp"
#include "isc/parse.hpp"
#include "isc/resolve.hpp"

namespace isc2dnsmasq::cli {

namespace {

struct CheckOptions {
  std::vector<std::string> files;
  std::string kind = "auto";
  bool dump_ast = false;
};

/// A front end: parses one loaded file, appending diagnostics; returns whether it parsed.
/// With `dump`, a parsed file's tree is written there (isc::dump format).
using FrontEnd = std::function<bool(const SourceFile&, SourceSet&, DiagnosticSink&, std::ostream* dump)>;

bool check_isc(const SourceFile& file, SourceSet& sources, DiagnosticSink& sink, std::ostream* dump) {
  auto config = isc::parse_isc(file, sources, sink);
  if (config) isc::resolve_options(*config, sink);
  if (config && dump) *dump << isc::dump(*config);
  return config.has_value();
}

/// Which front end reads `file` under `--kind`. `auto` picks ISC until a dnsmasq front end exists.
FrontEnd front_end_for(const std::string& kind, const SourceFile& /*file*/) {
  if (kind == "isc" || kind == "auto") return check_isc;
  return nullptr;
}

}  // namespace

Command make_check(CLI::App& app, const GlobalOptions& g) {
  auto* sub = app.add_subcommand("check", "Parse and resolve configs; report errors with file:line:col");
  auto opt = std::make_shared<CheckOptions>();
  sub->add_option("files", opt->files, "dhcpd.conf or dnsmasq config files")->required();
  sub->add_option("--kind", opt->kind, "Config language: isc, dnsmasq, or auto (detect)")
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
              FrontEnd fe = front_end_for(opt->kind, *file);
              if (!fe) {
                sink.error({}, "no front end for --kind {} yet ('{}')", opt->kind, f);
                continue;
              }
              fe(*file, sources, sink, opt->dump_ast && g.format != "json" ? &io.out : nullptr);
            }
            if (g.werror)
              for (auto& d : sink.all())
                if (d.severity == Severity::Warning) d.severity = Severity::Error;
            bool failed = sink.has_errors() || (g.werror && sink.warning_count() > 0);
            if (g.format == "json") {
              render_json(io.out, sink);
            } else {
              render_text(io.err, sink, {use_color(g, io)});
            }
            return failed ? kExitFindings : kExitOk;
          }};
}

}  // namespace isc2dnsmasq::cli
