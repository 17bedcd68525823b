// Unit tests for sim/compare: the equivalence rules and the intrinsic classification.
#include <doctest/doctest.h>

#include <ctime>

#include "sim/compare.hpp"

using namespace isc2dnsmasq;
using namespace isc2dnsmasq::sim;

namespace {
Ipv4 ip(const char* s) { return *Ipv4::parse(s); }
Answer offer(const char* server, const char* addr) {
  Answer a;
  a.server = server;
  a.reply = Reply::Offer;
  a.yiaddr = ip(addr);
  a.lease_time = 600;
  a.options = {{53, {2}}, {54, {192, 0, 2, 1}}, {51, {0, 0, 2, 0x58}}, {1, {255, 255, 255, 0}}};
  return a;
}
std::vector<std::string> fields(const std::vector<Difference>& ds) {
  std::vector<std::string> out;
  for (const auto& d : ds) out.push_back(d.field);
  return out;
}
}  // namespace

TEST_CASE("sim compare: identical answers are equivalent") {
  auto c = compare(offer("isc", "192.0.2.10"), offer("dnsmasq", "192.0.2.10"));
  CHECK(c.equivalent(true));
}

TEST_CASE("sim compare: address against a candidate set") {
  Answer sim = offer("isc", "192.0.2.10");
  sim.pool.add(ip("192.0.2.10"), ip("192.0.2.20"));
  Answer real = offer("isc", "192.0.2.15");
  CHECK(compare(sim, real).equivalent());
  CompareOptions exact;
  exact.exact_address = true;
  CHECK(fields(compare(sim, real, exact).differences) == std::vector<std::string>{"address"});
  Answer outside = offer("isc", "192.0.2.21");
  auto c = compare(sim, outside);
  REQUIRE(c.differences.size() == 1);
  CHECK(c.differences[0].left == "192.0.2.10 in 192.0.2.10-192.0.2.20");
  CHECK(c.differences[0].right == "192.0.2.21");
  Answer other_set = sim;
  other_set.pool.add(ip("192.0.2.30"));
  CHECK(fields(compare(sim, other_set).differences) == std::vector<std::string>{"address"});
}

TEST_CASE("sim compare: boot file as the client reads it") {
  Answer a = offer("isc", "192.0.2.10");
  Answer b = a;
  a.file = "undionly.kpxe";
  b.options.push_back({67, {'u', 'n', 'd', 'i', 'o', 'n', 'l', 'y', '.', 'k', 'p', 'x', 'e', 0}});
  CHECK(compare(a, b).equivalent(true));
  b.options.back().value = {'x', 0};
  auto c = compare(a, b);
  CHECK(fields(c.differences) == std::vector<std::string>{"file"});
  CHECK(c.differences[0].right == "x");
}

TEST_CASE("sim compare: every field and option") {
  Answer a = offer("isc", "192.0.2.10");
  Answer b = offer("isc", "192.0.2.10");
  b.reply = Reply::Ack;
  b.siaddr = ip("192.0.2.1");
  b.lease_time = 300;
  b.options.push_back({3, {192, 0, 2, 1}});
  a.options.push_back({6, {}});
  auto c = compare(a, b);
  CHECK(fields(c.differences) == std::vector<std::string>{"reply", "siaddr", "lease_time", "option 3", "option 6"});
  CHECK(c.differences[3].left == "-");
  CHECK(c.differences[4].left == "(empty)");
  CHECK_FALSE(c.equivalent());
}

TEST_CASE("sim compare: intrinsic differences are reported apart") {
  Answer isc = offer("isc", "192.0.2.10");
  Answer dm = offer("dnsmasq", "192.0.2.10");
  dm.options.push_back({58, {0, 0, 1, 0x2c}});
  dm.options.push_back({59, {0, 0, 2, 0x0d}});
  auto c = compare(isc, dm);
  CHECK(c.differences.empty());
  CHECK(fields(c.intrinsic) == std::vector<std::string>{"option 58", "option 59"});
  CHECK(c.intrinsic[0].intrinsic == "dnsmasq-t1-t2");
  CHECK(c.equivalent());
  CHECK_FALSE(c.equivalent(true));
  // The same difference between two dnsmasq answers is real.
  Answer dm2 = offer("dnsmasq", "192.0.2.10");
  CHECK(fields(compare(dm2, dm).differences) == std::vector<std::string>{"option 58", "option 59"});
  // A configured T1 on the ISC side that differs is real too.
  isc.options.push_back({58, {0, 0, 0, 1}});
  CHECK(fields(compare(isc, dm).differences) == std::vector<std::string>{"option 58"});

  Answer inf_isc = offer("isc", "192.0.2.10");
  Answer inf_dm = offer("dnsmasq", "192.0.2.10");
  inf_isc.lease_time = static_cast<std::uint32_t>(0x7fffffffLL - std::time(nullptr));
  inf_dm.lease_time = 0xffffffffu;
  auto ci = compare(inf_dm, inf_isc);
  CHECK(fields(ci.intrinsic) == std::vector<std::string>{"lease_time"});
  CHECK(ci.intrinsic[0].intrinsic == "isc-infinite-lease");
  CompareOptions none;
  none.intrinsic = {};
  CHECK(fields(compare(inf_dm, inf_isc, none).differences) == std::vector<std::string>{"lease_time"});
  CHECK(format_differences(ci) == "lease_time: 4294967295 | " + std::to_string(*inf_isc.lease_time) +
                                       " (intrinsic: isc-infinite-lease)\n");
  // A long but ordinary ISC lease is a real difference.
  inf_isc.lease_time = 86400 * 365;
  CHECK(fields(compare(inf_dm, inf_isc).differences) == std::vector<std::string>{"lease_time"});
}

TEST_CASE("sim compare: a missing reply is one difference") {
  Answer none;
  none.server = "dnsmasq";
  auto c = compare(offer("isc", "192.0.2.10"), none);
  CHECK(fields(c.differences) == std::vector<std::string>{"reply"});
  CHECK(c.differences[0].left == "offer");
  CHECK(c.differences[0].right == "none");
  CHECK(compare(none, none).equivalent(true));
}

TEST_CASE("sim compare: each server's own NAK text is intrinsic (nak-message)") {
  Answer isc, dm;
  isc.server = "isc";
  dm.server = "dnsmasq";
  isc.reply = dm.reply = Reply::Nak;
  std::string a = "requested address not available", b = "address not available";
  isc.options.push_back({56, Bytes(a.begin(), a.end())});
  dm.options.push_back({56, Bytes(b.begin(), b.end())});
  auto c = compare(isc, dm);
  CHECK(c.differences.empty());
  REQUIRE(c.intrinsic.size() == 1);
  CHECK(c.intrinsic[0].intrinsic == "nak-message");
  // A NAK on one side only is a real difference.
  isc.reply = Reply::Ack;
  CHECK(!compare(isc, dm).differences.empty());
}

TEST_CASE("sim compare: a silent non-authoritative dhcpd against a dnsmasq NAK is intrinsic") {
  Answer isc, dm;
  isc.server = "isc";
  dm.server = "dnsmasq";
  dm.reply = Reply::Nak;
  isc.why.push_back({"reply", "", "192.0.2.50 is not on subnet 198.51.100.0/24; not authoritative: ignored"});
  auto c = compare(isc, dm);
  CHECK(c.differences.empty());
  REQUIRE(c.intrinsic.size() == 1);
  CHECK(c.intrinsic[0].intrinsic == "isc-silent-not-authoritative");
  // dhcpd silent for another reason (e.g. an unknown client denied): a real difference.
  isc.why = {{"reply", "", "no pool permits this client"}};
  CHECK(fields(compare(isc, dm).differences) == std::vector<std::string>{"reply"});
}

TEST_CASE("sim compare: dnsmasq's END byte after encapsulated sub-options is intrinsic (dnsmasq-encap-end)") {
  Answer isc, dm;
  isc.server = "isc";
  dm.server = "dnsmasq";
  isc.reply = dm.reply = Reply::Offer;
  isc.options.push_back({175, Bytes{0x08, 0x01, 0x01}});
  dm.options.push_back({175, Bytes{0x08, 0x01, 0x01, 0xff}});
  auto c = compare(isc, dm);
  CHECK(c.differences.empty());
  REQUIRE(c.intrinsic.size() == 1);
  CHECK(c.intrinsic[0].intrinsic == "dnsmasq-encap-end");
  // Another value before the END byte, or a value that is not a sub-option list: real differences.
  dm.options[0].value = Bytes{0x08, 0x01, 0x02, 0xff};
  CHECK(fields(compare(isc, dm).differences) == std::vector<std::string>{"option 175"});
  isc.options[0].value = Bytes{0x08, 0x05};
  dm.options[0].value = Bytes{0x08, 0x05, 0xff};
  CHECK(fields(compare(isc, dm).differences) == std::vector<std::string>{"option 175"});
}
