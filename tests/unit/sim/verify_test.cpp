// Unit tests for sim/verify: the progress callback the CLI's progress bar is drawn from.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "sim/load_config.hpp"
#include "sim/verify.hpp"

using namespace isc2dnsmasq;

TEST_CASE("sim verify: progress callback sees every scenario once, in order") {
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
  CHECK(last_total == done.size());
  for (std::size_t i = 0; i < done.size(); ++i) CHECK(done[i] == i + 1);
}
