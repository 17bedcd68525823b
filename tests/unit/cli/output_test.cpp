// Unit tests for cli/output and colour handling: what each --format/--color choice prints where.
#include <doctest/doctest.h>

#include <cstdlib>
#include <sstream>

#include "cli/app.hpp"
#include "cli/output.hpp"

using namespace isc2dnsmasq;
using namespace isc2dnsmasq::cli;

namespace {

struct Captured {
  int code;
  std::string out, err;
};

Captured run_cli(const std::vector<std::string>& args, bool tty) {
  std::ostringstream out, err;
  int code = run(args, out, err, tty);
  return {code, out.str(), err.str()};
}

/// Sets NO_COLOR for one scope.
struct NoColor {
  explicit NoColor(const char* value) {
    if (value) {
      setenv("NO_COLOR", value, 1);
    } else {
      unsetenv("NO_COLOR");
    }
  }
  ~NoColor() { unsetenv("NO_COLOR"); }
};

}  // namespace

TEST_CASE("cli output: emit_diagnostics per format") {
  SourceSet set;
  const auto& f = set.add("dnsmasq.conf", "dhcp-range=192.0.2.10\n");
  DiagnosticSink sink;
  sink.warning(Span{&f, 0, 10}, "something odd");
  std::ostringstream out, err;
  Io io{out, err};
  GlobalOptions g;

  SUBCASE("text goes to stderr and warnings pass") {
    CHECK(emit_diagnostics(io, g, sink) == kExitOk);
    CHECK(out.str().empty());
    CHECK(err.str() == "dnsmasq.conf:1:1: warning: something odd\ndhcp-range=192.0.2.10\n^^^^^^^^^^\n");
  }
  SUBCASE("werror fails on warnings") {
    g.werror = true;
    CHECK(emit_diagnostics(io, g, sink) == kExitFindings);
  }
  SUBCASE("json goes to stdout") {
    g.format = "json";
    CHECK(emit_diagnostics(io, g, sink) == kExitOk);
    CHECK(err.str().empty());
    CHECK(out.str().rfind("{\"diagnostics\":[{\"severity\":\"warning\"", 0) == 0);
  }
  SUBCASE("sarif goes to stdout with the tool version") {
    g.format = "sarif";
    CHECK(emit_diagnostics(io, g, sink) == kExitOk);
    CHECK(err.str().empty());
    CHECK(out.str().find("\"version\":\"2.1.0\"") != std::string::npos);
    CHECK(out.str().find(std::string("\"version\":\"") + ISC2DNSMASQ_VERSION + "\"") != std::string::npos);
  }
  SUBCASE("emit_diagnostics_to sends machine formats to the given stream") {
    g.format = "sarif";
    std::ostringstream report;
    CHECK(emit_diagnostics_to(report, io, g, sink) == kExitOk);
    CHECK(out.str().empty());
    CHECK(err.str().empty());
    CHECK(report.str().find("\"version\":\"2.1.0\"") != std::string::npos);
    g.format = "text";
    emit_diagnostics_to(report, io, g, sink);
    CHECK(err.str().find("warning: something odd") != std::string::npos);
  }
  SUBCASE("errors fail") {
    sink.error(Span{&f, 11, 12}, "bad");
    CHECK(emit_diagnostics(io, g, sink) == kExitFindings);
  }
}

TEST_CASE("cli output: colour follows --color, the terminal and NO_COLOR") {
  const std::vector<std::string> missing = {"check", "/nonexistent/dhcpd.conf"};
  auto with = [&](std::vector<std::string> pre, bool tty) {
    pre.insert(pre.end(), missing.begin(), missing.end());
    return run_cli(pre, tty);
  };
  NoColor unset(nullptr);
  CHECK(with({}, false).err.find('\033') == std::string::npos);
  CHECK(with({}, true).err.find("\033[1;31merror:") != std::string::npos);
  CHECK(with({"--color=never"}, true).err.find('\033') == std::string::npos);
  CHECK(with({"--color=always"}, false).err.find("\033[1;31merror:") != std::string::npos);
  {
    NoColor set("1");
    CHECK(with({}, true).err.find('\033') == std::string::npos);
    CHECK(with({"--color=always"}, true).err.find('\033') != std::string::npos);
  }
  Captured c = with({}, false);
  CHECK(c.code == kExitFindings);
  CHECK(c.err == "isc2dnsmasq: error: cannot read '/nonexistent/dhcpd.conf': No such file or directory\n");
}

TEST_CASE("cli output: check --format sarif on an unreadable file") {
  Captured c = run_cli({"--format", "sarif", "check", "/nonexistent/dhcpd.conf"}, false);
  CHECK(c.code == kExitFindings);
  CHECK(c.err.empty());
  CHECK(c.out.find("\"ruleId\":\"io\",\"ruleIndex\":0,\"level\":\"error\"") != std::string::npos);
  // No location is known, so the result has none (SARIF allows that); the fingerprint uses the message.
  CHECK(c.out.find("\"locations\"") == std::string::npos);
  CHECK(c.out.find("\"isc2dnsmasq/v1\":\"") != std::string::npos);
}
