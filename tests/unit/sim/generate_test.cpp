// Unit tests for sim/generate: scenarios the generator builds for option 82 guards are packets a relay agent could send.
#include <doctest/doctest.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "dnsmasq/read.hpp"
#include "sim/dnsmasq_server.hpp"
#include "sim/generate.hpp"

using namespace isc2dnsmasq;
using namespace isc2dnsmasq::sim;

namespace {

// True when `v` is a list of non-empty agent sub-options that ends exactly at its end.
bool well_formed_agent_list(const Bytes& v) {
  std::size_t i = 0;
  while (i + 2 <= v.size() && v[i] != 0 && v[i + 1] != 0 && i + 2 + v[i + 1] <= v.size()) i += 2 + v[i + 1];
  return !v.empty() && i == v.size();
}

}  // namespace

TEST_CASE("sim generate: option 82 guards get well-formed sub-option lists that still set the tag (lab finding)") {
  SourceSet sources;
  DiagnosticSink sink;
  auto model = dnsmasq::read_dnsmasq_text("dnsmasq.conf",
                                          "dhcp-range=192.0.2.100,192.0.2.200,255.255.255.0\n"
                                          "dhcp-match=set:one,82,1b\n"
                                          "dhcp-match=set:three,82,03:04:05\n",
                                          sources, sink);
  REQUIRE(model);
  REQUIRE(!sink.has_errors());
  Generated g = generate_scenarios(nullptr, nullptr, &*model);
  DnsmasqSimOptions opt;
  opt.port = 0;
  opt.interfaces.push_back({*Ipv4::parse("192.0.2.1"), 24, "eth0"});
  std::size_t with82 = 0;
  bool one = false, three = false;
  for (const auto& s : g.scenarios) {
    const Bytes* o82 = s.option(82);
    if (!o82) continue;
    ++with82;
    CAPTURE(to_hex(*o82));
    CHECK(well_formed_agent_list(*o82));
    Answer a = simulate_dnsmasq(*model, s, opt);
    auto hit = exercised_outcomes(a);
    // The appending variant names the same outcomes, as views into the answer.
    std::vector<ExercisedOutcome> seen;
    exercised_outcomes(a, seen);
    std::set<std::string> ids;
    for (const auto& e : seen) ids.insert(e.id());
    CHECK(ids == hit);
    one = one || hit.count("dnsmasq.conf:2#true");
    three = three || hit.count("dnsmasq.conf:3#true");
  }
  CHECK(with82 >= 2);
  CHECK(one);    // a sub-option list holding byte 01: 01 01 00
  CHECK(three);  // a list that starts with 03 04 05 (a hex match is a prefix match): 03 04 05 00 00 00
}

TEST_CASE("sim generate: scenario_hash and same_scenario agree with scenario_key") {
  Scenario a;
  a.name = "one";
  a.chaddr = HwAddr{1, {0x02, 0, 0, 0, 0, 1}};
  a.options.push_back({55, {1, 3, 6}});
  Scenario b = a;
  b.name = "two";
  CHECK(same_scenario(a, b, false));
  CHECK(!same_scenario(a, b, true));
  CHECK(scenario_hash(a, false) == scenario_hash(b, false));
  CHECK(scenario_key(a, false) == scenario_key(b, false));
  Scenario c = a;
  c.relay = *Ipv4::parse("192.0.2.1");
  Scenario d = a;
  d.options.front().value.push_back(15);
  for (const Scenario* x : {&c, &d}) {
    CHECK(!same_scenario(a, *x, false));
    CHECK(scenario_key(a, false) != scenario_key(*x, false));
    CHECK(scenario_hash(a, false) != scenario_hash(*x, false));
  }
  // Generated scenarios are pairwise different in every field but the name.
  SourceSet sources;
  DiagnosticSink sink;
  auto model = dnsmasq::read_dnsmasq_text("dnsmasq.conf",
                                          "dhcp-range=192.0.2.100,192.0.2.200,255.255.255.0\n"
                                          "dhcp-host=02:00:00:00:00:05,192.0.2.5\n"
                                          "dhcp-vendorclass=set:pxe,PXEClient\n",
                                          sources, sink);
  REQUIRE(model);
  Generated g = generate_scenarios(nullptr, nullptr, &*model);
  std::set<std::string> keys;
  for (const auto& s : g.scenarios) keys.insert(scenario_key(s, false));
  CHECK(keys.size() == g.scenarios.size());
  CHECK(g.scenarios.size() > 5);
}
