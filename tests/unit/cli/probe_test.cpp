// Unit tests for `probe` input handling (the live exchange itself is tested by tests/scripts/lab_smoke.sh).
#include <doctest/doctest.h>

#include <sstream>

#include "cli/app.hpp"

using namespace isc2dnsmasq;

namespace {
int run(const std::vector<std::string>& args, std::string& out, std::string& err) {
  std::ostringstream o, e;
  int code = cli::run(args, o, e);
  out = o.str();
  err = e.str();
  return code;
}
}  // namespace

TEST_CASE("cli probe: a bad scenario is a located error") {
  std::string out, err;
  CHECK(run({"--color=never", "probe", "--server", "192.0.2.1", "--client", R"({"mac": 5})"}, out, err) == cli::kExitFindings);
  CHECK(out.empty());
  CHECK(err.rfind("<client>:1:9: error: 'mac' must be a string, not number", 0) == 0);
}

TEST_CASE("cli probe: a bad server address and a missing file") {
  std::string out, err;
  CHECK(run({"--color=never", "probe", "--server", "192.0.2", "--client", R"({"mac": "02:00:00:00:00:01"})"}, out, err) ==
        cli::kExitFindings);
  CHECK(err.find("--server '192.0.2' is not an IPv4 address") != std::string::npos);
  CHECK(run({"--color=never", "probe", "--server", "192.0.2.1", "--client", "@/nonexistent/s.json"}, out, err) ==
        cli::kExitFindings);
  CHECK(err.find("cannot read '/nonexistent/s.json'") != std::string::npos);
}

TEST_CASE("cli probe: broadcast mode refuses a relayed scenario") {
  std::string out, err;
  CHECK(run({"--color=never", "probe", "--server", "192.0.2.1", "--interface", "lo", "--client",
             R"({"mac": "02:00:00:00:00:01", "relay": "198.51.100.1"})"},
            out, err) == cli::kExitFindings);
  CHECK(err.find("remove 'relay'") != std::string::npos);
}

TEST_CASE("cli probe: usage errors") {
  std::string out, err;
  CHECK(run({"probe", "--server", "192.0.2.1"}, out, err) == cli::kExitUsage);
  CHECK(run({"probe", "--server", "192.0.2.1", "--client", "{}", "--kind", "kea"}, out, err) == cli::kExitUsage);
}
