// `check FILE...`: parse each config with its front end and report problems as located diagnostics.
#include <fstream>
#include <functional>
#include <ostream>
#include <sstream>

#include <CLI/CLI.hpp>

#include "cli/app.hpp"
#include "cli/check_dnsmasq.hpp"
#include "core/diagnostic.hpp"
#include "core/source.hpp"
#include "dnsmasq/detect.hpp"
#include "isc/parse.hpp"

namespace isc2dnsmasq::cli {

namespace {

struct CheckOptions {
  std::vector<std::string> files;
  std::string kind = "auto";
};

/// --kind auto: a file whose content looks like dnsmasq is read as dnsmasq.
bool file_is_dnsmasq(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  return dnsmasq::looks_like_dnsmasq(ss.str());
}

}  // namespace

Command make_check(CLI::App& app, const GlobalOptions& g) {
  auto* sub = app.add_subcommand("check", "Parse and resolve configs; report errors with file:line:col");
  auto opt = std::make_shared<CheckOptions>();
  sub->add_option("files", opt->files, "dhcpd.conf or dnsmasq config files")->required();
  sub->add_option("--kind", opt->kind, "Config language: isc, dnsmasq, or auto (detect by content)")
      ->check(CLI::IsMember({"isc", "dnsmasq", "auto"}))
      ->capture_default_str();
  return {sub, [opt, &g](Io& io) {
            SourceSet sources;
            DiagnosticSink sink;
            for (const auto& f : opt->files) {
              if (opt->kind == "dnsmasq" || (opt->kind == "auto" && file_is_dnsmasq(f))) {
                check_dnsmasq_file(f, sources, sink);
                continue;
              }
              std::string error;
              const SourceFile* file = sources.load(f, error);
              if (!file) {
                sink.error({}, "cannot read '{}': {}", f, error);
                continue;
              }
              isc::parse_isc(*file, sources, sink);
            }
            sink.sort();
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
