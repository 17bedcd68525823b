// The command-line front door: builds the CLI11 app, dispatches subcommands, maps failures to exit codes.
#pragma once

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace isc2dnsmasq::cli {

/// Process exit codes (docs/diagnostics.md).
enum ExitCode : int {
  kExitOk = 0,
  kExitFindings = 1,   // input errors, unreadable files, findings at the requested severity
  kExitUsage = 2,      // bad command line
  kExitDifferent = 3,  // verify/diff found a behavioural difference
  kExitInternal = 70,  // a bug: "internal error: ...; please report"
};

/// Options every subcommand shares.
struct GlobalOptions {
  std::string format = "text";  // text | json | sarif
  std::string color = "auto";   // auto | always | never
  bool werror = false;
};

/// Where a command writes; tests pass string streams.
struct Io {
  std::ostream& out;
  std::ostream& err;
  bool err_is_tty = false;
  bool out_is_tty = false;
};

/// A registered subcommand: its CLI11 node and what runs when it was chosen.
struct Command {
  CLI::App* app = nullptr;
  std::function<int(Io&)> run;
};

/// Runs the tool with `args` (without argv[0]); returns the exit code. Never throws.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, bool is_tty = false);

/// Whether diagnostics to `io.err` should be coloured under `g` (NO_COLOR, --color, terminal).
bool use_color(const GlobalOptions& g, const Io& io);

// Subcommand factories, one per file in src/cli/.
Command make_check(CLI::App& app, const GlobalOptions& g);
Command make_simulate(CLI::App& app, const GlobalOptions& g);
Command make_explain(CLI::App& app, const GlobalOptions& g);
Command make_probe(CLI::App& app, const GlobalOptions& g);
Command make_translate(CLI::App& app, const GlobalOptions& g);

}  // namespace isc2dnsmasq::cli
