// Builds the CLI11 app, registers every subcommand, and turns exceptions into exit codes.
#include "cli/app.hpp"

#include <cstdlib>
#include <exception>
#include <ostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace isc2dnsmasq::cli {

bool use_color(const GlobalOptions& g, const Io& io) {
  if (g.color == "always") return true;
  if (g.color == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  return io.err_is_tty;
}

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, bool is_tty) {
  Io io{out, err, is_tty, is_tty};
  try {
    CLI::App app{"isc2dnsmasq: translate ISC dhcpd.conf to dnsmasq and prove the answers match", "isc2dnsmasq"};
    app.set_version_flag("--version", std::string("isc2dnsmasq ") + ISC2DNSMASQ_VERSION);
    app.require_subcommand(1);
    app.fallthrough();
    GlobalOptions g;
    app.add_option("--format", g.format, "Output format for diagnostics and reports")
        ->check(CLI::IsMember({"text", "json", "sarif"}))
        ->capture_default_str();
    app.add_option("--color", g.color, "Colour diagnostics: auto (terminal only, honours NO_COLOR), always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->capture_default_str();
    app.add_flag("--werror", g.werror, "Treat warnings as errors");

    std::vector<Command> commands;
    commands.push_back(make_check(app, g));
    commands.push_back(make_simulate(app, g));
    commands.push_back(make_explain(app, g));
    commands.push_back(make_probe(app, g));
    commands.push_back(make_translate(app, g));

    std::vector<std::string> rev(args.rbegin(), args.rend());
    try {
      app.parse(rev);
    } catch (const CLI::ParseError& e) {
      int code = app.exit(e, out, err);
      return code == 0 ? kExitOk : kExitUsage;
    }
    for (auto& c : commands) {
      if (c.app->parsed()) return c.run(io);
    }
    err << "isc2dnsmasq: error: no subcommand given; see --help\n";
    return kExitUsage;
  } catch (const std::exception& e) {
    err << fmt::format("isc2dnsmasq: internal error: {}; please report\n", e.what());
    return kExitInternal;
  } catch (...) {
    err << "isc2dnsmasq: internal error: unknown exception; please report\n";
    return kExitInternal;
  }
}

}  // namespace isc2dnsmasq::cli
