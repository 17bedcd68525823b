// `check FILE...`: load each file and report problems (front ends plug in here).
#include <fstream>
#include <ostream>
#include <sstream>

#include <CLI/CLI.hpp>

#include "cli/app.hpp"
#include "cli/check_dnsmasq.hpp"
#include "cli/output.hpp"
#include "core/diagnostic.hpp"
#include "core/source.hpp"
#include "dnsmasq/detect.hpp"

namespace isc2dnsmasq::cli {

namespace {

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
  auto files = std::make_shared<std::vector<std::string>>();
  auto kind = std::make_shared<std::string>("auto");
  sub->add_option("files", *files, "dhcpd.conf or dnsmasq config files")->required();
  sub->add_option("--kind", *kind, "Input kind: auto (by content), isc or dnsmasq")
      ->check(CLI::IsMember({"auto", "isc", "dnsmasq"}));
  return {sub, [files, kind, &g](Io& io) {
            SourceSet sources;
            DiagnosticSink sink;
            for (const auto& f : *files) {
              if (*kind == "dnsmasq" || (*kind == "auto" && file_is_dnsmasq(f))) {
                check_dnsmasq_file(f, sources, sink);
                continue;
              }
              std::string error;
              if (!sources.load(f, error)) sink.error({}, "cannot read '{}': {}", f, error);
            }
            sink.sort();
            return emit_diagnostics(io, g, sink);
          }};
}

}  // namespace isc2dnsmasq::cli
