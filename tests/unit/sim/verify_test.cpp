// Unit tests for sim/verify: the progress callback the CLI's progress bar is drawn from, and a verdict
// that does not depend on the number of evaluation threads.
#include <doctest/doctest.h>

#include <fstream>
#include <string>
#include <vector>

#include "sim/load_config.hpp"
#include "sim/verify.hpp"

using namespace isc2dnsmasq;

TEST_CASE("sim verify: progress callback counts up to every scenario") {
  SourceSet sources;
  DiagnosticSink sink;
  std::string path = std::string(ISC2DNSMASQ_SOURCE_DIR) + "/corpus/ipxe/chainload-user-class/dhcpd.conf";
  auto left = sim::load_config(path, sources, sink);
  auto right = sim::load_config(path, sources, sink);
  REQUIRE(left);
  REQUIRE(right);
  sim::VerifyOptions vo;
  std::vector<std::size_t> done;
  std::size_t last_total = 0;
  vo.progress = [&](std::size_t d, std::size_t total) {
    done.push_back(d);
    last_total = total;
  };
  auto r = sim::verify_configs(*left, *right, vo);
  CHECK(r.is_equivalent());
  REQUIRE(!done.empty());
  CHECK(last_total == r.scenarios.size());
  CHECK(done.back() == r.scenarios.size());
  for (std::size_t i = 1; i < done.size(); ++i) CHECK(done[i - 1] <= done[i]);
}

TEST_CASE("sim verify: the verdict is the same with 1 and with 4 evaluation threads") {
  // A hand-written config with real differences (several groups) and intrinsic ones.
  for (const char* name : {"ipxe-missing-tag", "userclass-substring-overmatch", "reserved-address-intrinsic"}) {
    CAPTURE(name);
    std::string dir = std::string(ISC2DNSMASQ_SOURCE_DIR) + "/corpus/verify/" + name;
    SourceSet sources;
    DiagnosticSink sink;
    auto left = sim::load_config(dir + "/dhcpd.conf", sources, sink);
    REQUIRE(left);
    auto right = sim::translate_in_memory(*left, sources, sink);
    std::string hand = dir + "/dnsmasq.conf";
    if (std::ifstream(hand)) right = sim::load_config(hand, sources, sink, sim::LoadedConfig::Kind::Dnsmasq);
    REQUIRE(right);
    std::vector<std::string> verdicts;
    for (unsigned jobs : {1u, 4u}) {
      sim::VerifyOptions vo;
      vo.jobs = jobs;
      vo.generate.random_clients = 300;  // more scenarios than one block of work
      verdicts.push_back(sim::render_verdict_json(sim::verify_configs(*left, *right, vo)));
    }
    CHECK(verdicts[0] == verdicts[1]);
    CHECK(verdicts[0].find("\"count\":") != std::string::npos);  // at least one group of differences
  }
}
