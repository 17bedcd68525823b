// Unit tests for sim/verify: the progress callback the CLI's progress bar is drawn from, a verdict
// that does not depend on the number of evaluation threads, and lean answers.
#include <doctest/doctest.h>

#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "sim/dnsmasq_server.hpp"
#include "sim/generate.hpp"
#include "sim/isc_server.hpp"
#include "sim/load_config.hpp"
#include "sim/verify.hpp"

using namespace isc2dnsmasq;

namespace {

// Three corpus/verify cases with real differences (several groups) and intrinsic ones.
const char* const kDivergentCases[] = {"ipxe-missing-tag", "userclass-substring-overmatch", "reserved-address-intrinsic"};

// corpus/verify/NAME: its dhcpd.conf and the dnsmasq side verify compares it with (the hand-written
// dnsmasq.conf when the case has one, else the in-memory translation).
struct VerifyCase {
  SourceSet sources;
  DiagnosticSink sink;
  std::optional<sim::LoadedConfig> isc, dnsmasq;
  explicit VerifyCase(const std::string& name) {
    std::string dir = std::string(ISC2DNSMASQ_SOURCE_DIR) + "/corpus/verify/" + name;
    isc = sim::load_config(dir + "/dhcpd.conf", sources, sink);
    if (!isc) return;
    dnsmasq = sim::translate_in_memory(*isc, sources, sink);
    std::string hand = dir + "/dnsmasq.conf";
    if (std::ifstream(hand)) dnsmasq = sim::load_config(hand, sources, sink, sim::LoadedConfig::Kind::Dnsmasq);
  }
};

// Runs `check(isc, dnsmasq)` on each of kDivergentCases.
template <typename Check>
void for_each_divergent_case(Check check) {
  for (const char* name : kDivergentCases) {
    CAPTURE(name);
    VerifyCase c(name);
    REQUIRE(c.isc);
    REQUIRE(c.dnsmasq);
    check(*c.isc, *c.dnsmasq);
  }
}

}  // namespace

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
  for_each_divergent_case([](const sim::LoadedConfig& left, const sim::LoadedConfig& right) {
    std::vector<std::string> verdicts;
    for (unsigned jobs : {1u, 4u}) {
      sim::VerifyOptions vo;
      vo.jobs = jobs;
      vo.generate.random_clients = 300;  // more scenarios than one block of work
      verdicts.push_back(sim::render_verdict_json(sim::verify_configs(left, right, vo)));
    }
    CHECK(verdicts[0] == verdicts[1]);
    CHECK(verdicts[0].find("\"count\":") != std::string::npos);  // at least one group of differences
  });
}

TEST_CASE("sim verify: a lean answer has the full answer's values and the why entries verify reads") {
  // Both evaluators, over every generated scenario of configs with classes, hosts, pools and options.
  for_each_divergent_case([](const sim::LoadedConfig& isc, const sim::LoadedConfig& dm) {
    auto g = sim::generate_scenarios(&*isc.isc, &*isc.resolution, &*dm.dnsmasq, {});
    REQUIRE(g.scenarios.size() > 10);
    sim::IscServer isc_server(*isc.isc, &*isc.resolution);
    sim::DnsmasqServer dm_server(*dm.dnsmasq, {});
    sim::SimOptions lean_opt;
    lean_opt.full_why = false;
    std::size_t dropped = 0;
    for (const auto& s : g.scenarios) {
      CAPTURE(sim::scenario_to_json(s));
      for (int side = 0; side < 2; ++side) {
        sim::Answer full = side == 0 ? isc_server.answer(s) : dm_server.answer(s);
        sim::Answer lean = side == 0 ? isc_server.answer(s, lean_opt) : dm_server.answer(s, false);
        // Every value is the same: only the trace is shorter.
        sim::Answer full_values = full, lean_values = lean;
        full_values.why.clear();
        lean_values.why.clear();
        CHECK(full_values == lean_values);
        // The lean trace is the full trace's entries of the kept fields, in the same order.
        std::vector<sim::Why> kept;
        for (const auto& w : full.why)
          if (sim::lean_why_keeps(w.field)) kept.push_back(w);
        CHECK(lean.why == kept);
        dropped += full.why.size() - lean.why.size();
      }
    }
    CHECK(dropped > 0);  // options, lease times, ... were left out
  });
}
