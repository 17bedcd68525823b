// Unit tests for sim/dnsmasq_server: one test per fact of reference/dnsmasq-semantics.md §0 and §16.
// Every config is read with the real reader; expected bytes come from the reference's experiments
// (§15) where it gives them.
#include <doctest/doctest.h>

#include <string>
#include <thread>
#include <vector>

#include "dnsmasq/read.hpp"
#include "sim/dnsmasq_server.hpp"
#include "sim/scenario.hpp"

using namespace isc2dnsmasq;
using namespace isc2dnsmasq::sim;

namespace {

SourceSet& sources() {
  static SourceSet s;
  return s;
}

Answer run(const std::string& conf, const std::string& client, DnsmasqSimOptions opt = {}) {
  DiagnosticSink sink;
  auto model = dnsmasq::read_dnsmasq_text("dnsmasq.conf", conf, sources(), sink);
  REQUIRE_MESSAGE(model, "config must read");
  const SourceFile& f = sources().add("client.json", client);
  auto s = parse_scenario(f, sink);
  REQUIRE_MESSAGE(s, "scenario must parse");
  return simulate_dnsmasq(*model, *s, opt);
}

/// Hex of option `code` ("-" when absent).
std::string opt(const Answer& a, std::uint8_t code) {
  const Bytes* b = a.option(code);
  return b ? to_hex(*b) : "-";
}

/// Option codes in wire order, comma-separated.
std::string codes(const Answer& a) {
  std::string s;
  for (const auto& o : a.options) s += (s.empty() ? "" : ",") + std::to_string(o.code);
  return s;
}

bool why_mentions(const Answer& a, const std::string& field, const std::string& location) {
  for (const auto& w : a.why) {
    if (w.field == field && w.location == location) return true;
  }
  return false;
}

const std::string kRange = "dhcp-range=192.0.2.100,192.0.2.199,12h\n";

}  // namespace

// ---- §0 fact 1: lists in reverse file order ------------------------------------------------

TEST_CASE("dnsmasq sim: configured options go on the wire in reverse file order") {
  auto a = run(kRange + "dhcp-option=42,192.0.2.5\ndhcp-option-force=44,192.0.2.6\ndhcp-option=69,192.0.2.7\n",
               R"({"mac":"02:00:00:00:00:01"})");
  CHECK(codes(a) == "53,54,51,58,59,1,28,3,69,44,42");  // verified order (e1)
}

TEST_CASE("dnsmasq sim: the last of two equal dhcp-host lines wins") {
  auto a = run(kRange + "dhcp-host=02:00:00:00:00:01,192.0.2.50\ndhcp-host=02:00:00:00:00:01,192.0.2.51\n",
               R"({"mac":"02:00:00:00:00:01"})");
  REQUIRE(a.yiaddr);
  CHECK(a.yiaddr->str() == "192.0.2.51");
  CHECK(why_mentions(a, "yiaddr", "dnsmasq.conf:3"));
}

TEST_CASE("dnsmasq sim: tag-if runs in file order and later lines see earlier tags") {
  std::string conf = kRange +
                     "dhcp-vendorclass=set:vc,MSFT\ntag-if=set:b,tag:a\ntag-if=set:a,tag:vc\ndhcp-option=tag:a,250,1\n"
                     "dhcp-option=tag:b,251,1\n";
  auto a = run(conf, R"({"mac":"02:00:00:00:00:01","vendor_class":"MSFT"})");
  CHECK(opt(a, 250) == "01");
  CHECK(opt(a, 251) == "-");  // b's line ran before a was set
}

// ---- §0 fact 2: three tiers, tags not counted ----------------------------------------------

TEST_CASE("dnsmasq sim: option tiers (e5 matrix)") {
  std::string conf =
      "dhcp-range=set:rng,192.0.2.100,192.0.2.199,12h\n"
      "dhcp-mac=set:a,02:00:00:00:00:*\n"
      "dhcp-mac=set:b,02:00:00:00:00:01\n"
      "dhcp-option=42,192.0.2.11\n"
      "dhcp-option=42,192.0.2.12\n"
      "dhcp-option=tag:a,tag:b,44,192.0.2.21\n"
      "dhcp-option=tag:a,44,192.0.2.22\n"
      "dhcp-option=tag:a,45,192.0.2.31\n"
      "dhcp-option=tag:a,tag:b,45,192.0.2.32\n"
      "dhcp-option=tag:rng,69,192.0.2.41\n"
      "dhcp-option=69,192.0.2.42\n"
      "dhcp-option=tag:rng,70,192.0.2.51\n"
      "dhcp-option=tag:a,70,192.0.2.52\n"
      "dhcp-option=tag:!rng,73,192.0.2.81\n"
      "dhcp-option=73,192.0.2.82\n"
      "dhcp-option=tag:a,74,192.0.2.92\n"
      "dhcp-option=74,192.0.2.91\n";
  SUBCASE("client with a and b") {
    auto a = run(conf, R"({"mac":"02:00:00:00:00:01"})");
    CHECK(opt(a, 42) == "c000020c");  // later untagged duplicate wins
    CHECK(opt(a, 44) == "c0000216");  // later one-tag line beats earlier two-tag line
    CHECK(opt(a, 45) == "c0000220");  // later two-tag line wins
    CHECK(opt(a, 69) == "c0000229");  // range tag beats untagged
    CHECK(opt(a, 70) == "c0000234");  // host tag beats range tag
    CHECK(opt(a, 73) == "c0000252");  // tag:!rng drops out once the range tag is set
    CHECK(opt(a, 74) == "c000025c");  // earlier tagged beats later untagged
  }
  SUBCASE("client with a only") {
    auto a = run(conf, R"({"mac":"02:00:00:00:00:07"})");
    CHECK(opt(a, 45) == "c000021f");
  }
}

// ---- §0 fact 3: defaults 1/28 always, configured 1/28 only when requested ------------------

TEST_CASE("dnsmasq sim: default netmask and broadcast always, router only when requested") {
  auto a = run(kRange, R"({"mac":"02:00:00:00:00:01","prl":[6]})");
  CHECK(codes(a) == "53,54,51,58,59,1,28");
  auto b = run(kRange, R"({"mac":"02:00:00:00:00:01","prl":[3]})");
  CHECK(opt(b, 3) == "c0000201");
}

TEST_CASE("dnsmasq sim: configured 1 and 28 obey the PRL, empty router suppresses the default (e10)") {
  std::string conf = kRange + "dhcp-option=1,255.255.0.0\ndhcp-option=option:router\ndhcp-option=28,192.0.2.250\n";
  auto none = run(conf, R"({"mac":"02:00:00:00:00:01"})");
  CHECK(opt(none, 1) == "ffff0000");
  CHECK(opt(none, 28) == "c00002fa");
  CHECK(opt(none, 3) == "-");
  auto prl = run(conf, R"({"mac":"02:00:00:00:00:01","prl":[3,6,15]})");
  CHECK(opt(prl, 1) == "-");
  CHECK(opt(prl, 28) == "-");
}

// ---- §0 fact 4: no option 6 unless port 53 -------------------------------------------------

TEST_CASE("dnsmasq sim: DNS option 6 only with port 53") {
  auto a = run(kRange, R"({"mac":"02:00:00:00:00:01","prl":[6]})");
  CHECK(opt(a, 6) == "-");
  DnsmasqSimOptions o;
  o.port = 53;
  auto b = run(kRange, R"({"mac":"02:00:00:00:00:01","prl":[6]})", o);
  CHECK(opt(b, 6) == "c0000201");
  auto c = run(kRange + "port=53\n", R"({"mac":"02:00:00:00:00:01","prl":[6]})");
  CHECK(opt(c, 6) == "c0000201");  // a port= line overrides the command line
}

// ---- §0 fact 5: END byte in encap/vendor, none in vi-encap ---------------------------------

TEST_CASE("dnsmasq sim: encap, vendor and vi-encap layouts (e1 bytes)") {
  std::string conf = kRange +
                     "dhcp-option=encap:175,1,5\ndhcp-option=encap:175,190,\"iscsi\"\ndhcp-option=vendor:Foo,1,7\n"
                     "dhcp-option=vi-encap:1234,2,9\n";
  auto a = run(conf, R"({"mac":"02:00:00:00:00:01","vendor_class":"xxFooyy","prl":[1,43,125,175]})");
  CHECK(opt(a, 175) == "be056973637369010105ff");
  CHECK(opt(a, 43) == "010107ff");
  CHECK(opt(a, 125) == "000004d203020109");
  CHECK(opt(a, 60) == "7878466f6f7979");  // echoed after 43
  auto b = run(conf, R"({"mac":"02:00:00:00:00:01","vendor_class":"Foo","prl":[1]})");
  CHECK(opt(b, 43) == "-");
}

TEST_CASE("dnsmasq sim: an encap block over 255 bytes splits and only the last part has END") {
  std::string x(100, 'x');
  std::string conf = kRange + "dhcp-option=encap:175,1," + x + "\ndhcp-option=encap:175,2," + x +
                     "\ndhcp-option=encap:175,3," + x + "\n";
  auto a = run(conf, R"({"mac":"02:00:00:00:00:01","prl":[1,175]})");
  const Bytes* b = a.option(175);
  REQUIRE(b);
  CHECK(b->size() == 204 + 103);  // 175(len 204) + 175(len 103 ending ff), read as one option
  CHECK(b->back() == 0xff);
}

TEST_CASE("dnsmasq sim: raw 43 and vendor: give two 43 instances; duplicate encap sub-options both go") {
  std::string conf = kRange + "dhcp-option=encap:175,1,5\ndhcp-option=encap:175,1,6\ndhcp-option=43,01:02:03\n"
                              "dhcp-option=vendor:,7,9\n";
  auto a = run(conf, R"({"mac":"02:00:00:00:00:01","vendor_class":"a","prl":[1,43,175]})");
  CHECK(opt(a, 175) == "010106010105ff");
  CHECK(opt(a, 43) == "010203070109ff");
}

// ---- §0 fact 6: boot file placement ---------------------------------------------------------

TEST_CASE("dnsmasq sim: dhcp-boot placement depends on the PRL and dhcp-no-override (e3)") {
  std::string conf = kRange + "dhcp-boot=pxelinux.0,bootsrv,192.0.2.9\n";
  auto none = run(conf, R"({"mac":"02:00:00:00:00:01"})");
  CHECK(none.file == "pxelinux.0");
  CHECK(none.sname == "bootsrv");
  CHECK(none.siaddr.str() == "192.0.2.9");
  auto both = run(conf, R"({"mac":"02:00:00:00:00:01","prl":[1,3,66,67]})");
  CHECK(both.file.empty());
  CHECK(opt(both, 67) == "7078656c696e75782e3000");
  CHECK(opt(both, 66) == "626f6f7473727600");
  CHECK(codes(both) == "53,54,51,66,67,58,59,1,28,3");
  auto only67 = run(conf, R"({"mac":"02:00:00:00:00:01","prl":[67]})");
  CHECK(opt(only67, 67) != "-");
  CHECK(only67.sname == "bootsrv");
  auto no = run(conf + "dhcp-no-override\n", R"({"mac":"02:00:00:00:00:01","prl":[66,67]})");
  CHECK(no.file == "pxelinux.0");
  CHECK(opt(no, 67) == "-");
}

TEST_CASE("dnsmasq sim: dhcp-option 67 falls back to the file field; 255 sets siaddr (e3b)") {
  std::string conf = kRange + "dhcp-option=67,pxelinux.0\ndhcp-option=66,tftp.example\n"
                              "dhcp-option=option:server-ip-address,192.0.2.10\n";
  auto a = run(conf, R"({"mac":"02:00:00:00:00:01","prl":[1,3]})");
  CHECK(a.file == "pxelinux.0");
  CHECK(a.sname == "tftp.example");
  CHECK(a.siaddr.str() == "192.0.2.10");
  auto b = run(conf, R"({"mac":"02:00:00:00:00:01","prl":[1,3,66,67]})");
  CHECK(opt(b, 67) == "7078656c696e75782e3000");
  CHECK(b.file.empty());
}

TEST_CASE("dnsmasq sim: dhcp-boot picks the last matching tagged line, else the last untagged (e25)") {
  std::string conf = "dhcp-range=set:lan,192.0.2.100,192.0.2.199,12h\ndhcp-boot=untagged1.0\ndhcp-boot=untagged2.0\n"
                     "dhcp-boot=tag:nomatch,nomatch.0\n";
  CHECK(run(conf, R"({"mac":"02:00:00:00:00:01"})").file == "untagged2.0");
  CHECK(run(conf + "dhcp-boot=tag:lan,lan.0\n", R"({"mac":"02:00:00:00:00:01"})").file == "lan.0");
}

// ---- §0 fact 7: dhcp-match comparisons ------------------------------------------------------

TEST_CASE("dnsmasq sim: dhcp-match value forms (e4)") {
  std::string conf = kRange +
                     "dhcp-match=set:dec5,250,5\ndhcp-match=set:dec300,250,300\ndhcp-match=set:hexw,250,01:*:03\n"
                     "dhcp-match=set:present,251\ndhcp-match=set:arch7,option:client-arch,7\ndhcp-match=set:str,60,foo\n"
                     "dhcp-match=set:dec65,60,65\ndhcp-match=set:ipm,250,192.0.2.5\n"
                     "dhcp-option=tag:dec5,200,1\ndhcp-option=tag:dec300,201,1\ndhcp-option=tag:hexw,202,1\n"
                     "dhcp-option=tag:present,203,1\ndhcp-option=tag:arch7,204,1\ndhcp-option=tag:str,205,1\n"
                     "dhcp-option=tag:dec65,206,1\ndhcp-option=tag:ipm,207,1\n";
  auto tags = [&](const std::string& client) {
    auto a = run(conf, client);
    std::string s;
    for (int c = 200; c <= 207; ++c) s += a.option(static_cast<std::uint8_t>(c)) ? '1' : '0';
    return s;
  };
  CHECK(tags(R"({"mac":"02:00:00:00:00:01","options":{"250":"010503"}})") == "10100000");  // 5 anywhere; hex prefix
  CHECK(tags(R"({"mac":"02:00:00:00:00:01","options":{"250":"09c0000205"}})") == "10000000");  // ip not aligned
  CHECK(tags(R"({"mac":"02:00:00:00:00:01","options":{"250":"012c00"}})") == "01000000");
  CHECK(tags(R"({"mac":"02:00:00:00:00:01","options":{"250":"00012c"}})") == "00000000");
  CHECK(tags(R"({"mac":"02:00:00:00:00:01","options":{"250":"00000000c0000205"}})") == "10000001");
  CHECK(tags(R"({"mac":"02:00:00:00:00:01","options":{"93":"00000007"}})") == "00001000");
  CHECK(tags(R"({"mac":"02:00:00:00:00:01","options":{"93":"000700"}})") == "00001000");
  CHECK(tags(R"({"mac":"02:00:00:00:00:01","options":{"93":"00000700"}})") == "00000000");
  CHECK(tags(R"({"mac":"02:00:00:00:00:01","vendor_class":"xxfooyy"})") == "00000100");
  CHECK(tags(R"({"mac":"02:00:00:00:00:01","vendor_class":"xAy"})") == "00000010");
  CHECK(tags(R"({"mac":"02:00:00:00:00:01","options":{"251":""}})") == "00000000");  // empty option is invisible
}

TEST_CASE("dnsmasq sim: dhcp-match vi-encap looks at option 124, not 125") {
  std::string conf = kRange + "dhcp-match=set:vi,vi-encap:3561,abc\ndhcp-match=set:vipres,vi-encap:9\n"
                              "dhcp-option=tag:vi,200,1\ndhcp-option=tag:vipres,201,1\n";
  auto a = run(conf, R"({"mac":"02:00:00:00:00:01","options":{"124":"00000de90403616263","125":"0000000902010a"}})");
  CHECK(opt(a, 200) == "01");
  CHECK(opt(a, 201) == "-");
  auto b = run(conf, R"({"mac":"02:00:00:00:00:01","options":{"124":"000000090201ff"}})");
  CHECK(opt(b, 201) == "01");
}

// ---- §0 fact 8: the offered address ---------------------------------------------------------

TEST_CASE("dnsmasq sim: first offer = start + SDBM(chaddr) mod size (t0, e13)") {
  CHECK(run(kRange, R"({"mac":"02:00:00:00:00:01"})").yiaddr->str() == "192.0.2.163");
  CHECK(run(kRange, R"({"mac":"02:00:00:00:00:02"})").yiaddr->str() == "192.0.2.164");
  CHECK(run(kRange, R"({"mac":"02:00:00:00:00:0c"})").yiaddr->str() == "192.0.2.174");
  CHECK(run("dhcp-range=192.0.2.110,192.0.2.119\n", R"({"mac":"02:00:00:00:00:01"})").yiaddr->str() == "192.0.2.113");
  auto a = run(kRange, R"({"mac":"02:00:00:00:00:01"})");
  CHECK(a.pool.str() == "192.0.2.100-192.0.2.199");
}

TEST_CASE("dnsmasq sim: the walk skips dhcp-host addresses and .0/.255 in class C space") {
  auto a = run(kRange + "dhcp-host=02:00:00:00:00:99,192.0.2.163\n", R"({"mac":"02:00:00:00:00:01"})");
  CHECK(a.yiaddr->str() == "192.0.2.164");
  CHECK(!a.pool.contains(*Ipv4::parse("192.0.2.163")));
  auto b = run("dhcp-range=192.0.2.250,192.0.3.5,255.255.0.0\n", R"({"mac":"02:00:00:00:00:01"})",
               DnsmasqSimOptions{0, {{*Ipv4::parse("192.0.2.1"), 16, "eth0"}}});
  CHECK(!b.pool.contains(*Ipv4::parse("192.0.2.255")));
  CHECK(!b.pool.contains(*Ipv4::parse("192.0.3.0")));
}

TEST_CASE("dnsmasq sim: ranges with a matching tag filter are tried first (e13)") {
  std::string conf = "dhcp-range=192.0.2.100,192.0.2.109,12h\ndhcp-range=192.0.2.110,192.0.2.119,12h\n"
                     "dhcp-range=tag:special,192.0.2.120,192.0.2.129,12h\ndhcp-mac=set:special,02:00:00:00:00:0f\n"
                     "dhcp-range=tag:!special,set:notspecial,192.0.2.130,192.0.2.139,1h\n";
  auto a = run(conf, R"({"mac":"02:00:00:00:00:01"})");
  CHECK(a.yiaddr->str() == "192.0.2.133");  // the tag:!special range beats the untagged ones
  CHECK(a.lease_time == 3600u);
  auto s = run(conf, R"({"mac":"02:00:00:00:00:0f"})");
  CHECK(s.yiaddr->value >= Ipv4::parse("192.0.2.120")->value);
  CHECK(s.yiaddr->value <= Ipv4::parse("192.0.2.129")->value);
  auto first = run("dhcp-range=192.0.2.110,192.0.2.119,12h\ndhcp-range=192.0.2.100,192.0.2.109,12h\n",
                   R"({"mac":"02:00:00:00:00:01"})");
  CHECK(first.yiaddr->str() == "192.0.2.113");  // file order (e27)
}

// ---- §0 fact 9: range tags invisible to dhcp-ignore -----------------------------------------

TEST_CASE("dnsmasq sim: dhcp-ignore ignores silently and does not see the range tag") {
  auto a = run("dhcp-range=set:lan,192.0.2.100,192.0.2.199\ndhcp-ignore=tag:lan\n", R"({"mac":"02:00:00:00:00:01"})");
  CHECK(a.reply == Reply::Offer);
  auto b = run(kRange + "dhcp-ignore=tag:!known\n", R"({"mac":"02:00:00:00:00:01"})");
  CHECK(b.reply == Reply::None);
  CHECK(why_mentions(b, "reply", "dnsmasq.conf:2"));
  auto c = run(kRange + "dhcp-ignore=tag:!known\ndhcp-host=02:00:00:00:00:01,192.0.2.50\n", R"({"mac":"02:00:00:00:00:01"})");
  CHECK(c.yiaddr->str() == "192.0.2.50");
  auto d = run(kRange + "dhcp-host=02:00:00:00:00:05,ignore\n", R"({"mac":"02:00:00:00:00:05"})");
  CHECK(d.reply == Reply::None);
}

// ---- §0 fact 10: lease time -----------------------------------------------------------------

TEST_CASE("dnsmasq sim: the client's lease request only shortens, with a 120 s floor (e8)") {
  CHECK(run(kRange, R"({"mac":"02:00:00:00:00:01","options":{"51":"0000003c"}})").lease_time == 120u);
  CHECK(run(kRange, R"({"mac":"02:00:00:00:00:01","options":{"51":"000003e8"}})").lease_time == 1000u);
  CHECK(run(kRange, R"({"mac":"02:00:00:00:00:01","options":{"51":"00015180"}})").lease_time == 43200u);
  std::string inf = kRange + "dhcp-host=02:00:00:00:00:04,infinite\n";
  auto a = run(inf, R"({"mac":"02:00:00:00:00:04"})");
  CHECK(a.lease_time == 0xffffffffu);
  CHECK(opt(a, 58) == "-");
  CHECK(run(inf, R"({"mac":"02:00:00:00:00:04","options":{"51":"000003e8"}})").lease_time == 1000u);
}

TEST_CASE("dnsmasq sim: T1/T2 defaults and configured values (e8, e26)") {
  auto a = run(kRange + "dhcp-host=02:00:00:00:00:03,192.0.2.30,10m\n", R"({"mac":"02:00:00:00:00:03"})");
  CHECK(opt(a, 51) == "00000258");
  CHECK(opt(a, 58) == "0000012c");
  CHECK(opt(a, 59) == "0000020d");
  auto b = run(kRange + "dhcp-option=58,1000\ndhcp-option=59,30000\n", R"({"mac":"02:00:00:00:00:01"})");
  CHECK(opt(b, 58) == "000003e8");
  CHECK(opt(b, 59) == "00007530");
}

TEST_CASE("dnsmasq sim: range lease under 120 s becomes 120 (e22)") {
  auto a = run("dhcp-range=192.0.2.0,static,255.255.255.0,30\ndhcp-host=02:00:00:00:00:01,192.0.2.77\n",
               R"({"mac":"02:00:00:00:00:01"})");
  CHECK(a.yiaddr->str() == "192.0.2.77");
  CHECK(a.lease_time == 120u);
  auto b = run("dhcp-range=192.0.2.0,static,255.255.255.0,30\n", R"({"mac":"02:00:00:00:00:02"})");
  CHECK(b.reply == Reply::None);  // static: no dynamic pool
}

// ---- §16 checklist ---------------------------------------------------------------------------

TEST_CASE("dnsmasq sim: intake drops htype 0 with an address, and needs a range on the network") {
  auto a = run(kRange, R"({"mac":"02:00:00:00:00:01","htype":0})");
  CHECK(a.reply == Reply::None);
  auto b = run("dhcp-range=192.0.2.130,192.0.2.140,255.255.255.192,1h\n", R"({"mac":"02:00:00:00:00:01"})",
               DnsmasqSimOptions{0, {{*Ipv4::parse("192.0.2.1"), 24, "eth0"}}});
  CHECK(b.reply == Reply::None);  // e9 direct
}

TEST_CASE("dnsmasq sim: relayed requests use the relay's range; router = giaddr (e9)") {
  auto a = run("dhcp-range=192.0.2.130,192.0.2.140,255.255.255.192,1h\n",
               R"({"mac":"02:00:00:00:00:01","relay":"192.0.2.129","prl":[1,3,28]})",
               DnsmasqSimOptions{0, {{*Ipv4::parse("192.0.2.1"), 24, "eth0"}}});
  REQUIRE(a.reply == Reply::Offer);
  CHECK(a.yiaddr->str() == "192.0.2.135");
  CHECK(opt(a, 3) == "c0000281");
  CHECK(opt(a, 1) == "ffffffc0");
  CHECK(opt(a, 28) == "c00002bf");
  CHECK(opt(a, 54) == "c0000201");
}

TEST_CASE("dnsmasq sim: tags from every source") {
  std::string conf = kRange +
                     "dhcp-vendorclass=set:vc,MSFT\ndhcp-userclass=set:uc,accounts\ndhcp-circuitid=set:c1,01:02\n"
                     "dhcp-remoteid=set:r1,myremote\ndhcp-mac=set:m,02:00:00:00:00:*\n"
                     "dhcp-name-match=set:nm,laptop*\ndhcp-name-match=set:exact,desk\n"
                     "dhcp-option=tag:vc,tag:uc,200,1\ndhcp-option=tag:c1,tag:r1,201,1\ndhcp-option=tag:m,202,1\n"
                     "dhcp-option=tag:nm,203,1\ndhcp-option=tag:exact,204,1\ndhcp-option=tag:eth0,205,1\n";
  auto a = run(conf, R"({"mac":"02:00:00:00:00:01","vendor_class":"xMSFTx","user_class":"0x086163636f756e7473",)"
                     R"("agent_circuit_id":"0x0102","agent_remote_id":"myremote","hostname":"laptop7","relay":"192.0.2.129"})");
  CHECK(opt(a, 200) == "01");
  CHECK(opt(a, 201) == "01");
  CHECK(opt(a, 202) == "01");
  CHECK(opt(a, 203) == "01");
  CHECK(opt(a, 204) == "-");
  CHECK(opt(a, 205) == "01");  // the interface name is a tag
  CHECK(codes(a).substr(codes(a).size() - 2) == "82");  // the agent option is echoed last
  auto b = run(conf, R"({"mac":"02:00:00:00:00:01","hostname":"DESK"})");
  CHECK(opt(b, 204) == "01");
  auto c = run(conf, R"({"mac":"02:00:00:00:00:01","hostname":"desk.example.org"})");
  CHECK(opt(c, 204) == "-");
}

TEST_CASE("dnsmasq sim: user-class length bytes cannot join two entries") {
  std::string conf = kRange + "dhcp-userclass=set:x,ab\ndhcp-option=tag:x,200,1\n";
  auto rfc = run(conf, R"({"mac":"02:00:00:00:00:01","user_class":"0x01610162"})");  // "a" and "b"
  CHECK(opt(rfc, 200) == "-");
}

TEST_CASE("dnsmasq sim: host lookup order (e7, e17)") {
  std::string conf = kRange +
                     "dhcp-host=02:00:00:00:00:02,198.51.100.5\ndhcp-host=02:00:00:00:00:*,192.0.2.60\n"
                     "dhcp-host=02:00:00:00:*:*,192.0.2.61\ndhcp-host=id:01:02:00:00:00:00:aa,192.0.2.40\n"
                     "dhcp-host=id:myid,192.0.2.41\ndhcp-host=06-02:00:00:00:00:0c,192.0.2.42\n"
                     "dhcp-host=02:00:00:00:00:0d,192.0.2.43\ndhcp-host=tag:eth0,02:00:00:00:00:10,192.0.2.46\n"
                     "dhcp-host=02:00:00:00:00:10,192.0.2.47\n"
                     "dhcp-option=tag:known-othernet,200,1\n";
  auto y = [&](const std::string& c) { auto a = run(conf, c); return a.yiaddr ? a.yiaddr->str() : std::string("-"); };
  CHECK(y(R"({"mac":"02:00:00:00:00:02"})") == "192.0.2.60");  // other-subnet entry skipped, wildcard used
  CHECK(y(R"({"mac":"02:00:00:00:01:02"})") == "192.0.2.61");
  CHECK(y(R"({"mac":"02:00:00:00:00:99","client_id":"010200000000aa"})") == "192.0.2.40");
  CHECK(y(R"({"mac":"02:00:00:00:00:99","client_id":"006d796964"})") == "192.0.2.41");  // dhcpcd's 0 prefix
  CHECK(y(R"({"mac":"02:00:00:00:00:0d","client_id":"6d796964"})") == "192.0.2.41");  // client id beats MAC
  CHECK(y(R"({"mac":"02:00:00:00:00:0c"})") == "192.0.2.60");  // 06- needs htype 6
  CHECK(y(R"({"mac":"02:00:00:00:00:0c","htype":6})") == "192.0.2.42");
  CHECK(y(R"({"mac":"02:00:00:00:00:10"})") == "192.0.2.46");  // tagged entry wins
  auto o = run("dhcp-range=192.0.2.100,192.0.2.199\ndhcp-host=02:00:00:00:00:02,198.51.100.5\ndhcp-option=tag:known-othernet,200,1\n",
               R"({"mac":"02:00:00:00:00:02"})");
  CHECK(opt(o, 200) == "01");
}

TEST_CASE("dnsmasq sim: hostname offered only when the client's name is absent or equal (e11)") {
  std::string conf = kRange + "domain=example.test\ndhcp-host=02:00:00:00:00:07,fixedname\n";
  auto a = run(conf, R"({"mac":"02:00:00:00:00:07","prl":[12,15]})");
  CHECK(opt(a, 12) == "66697865646e616d65");
  CHECK(opt(a, 15) == "6578616d706c652e74657374");
  auto b = run(conf, R"({"mac":"02:00:00:00:00:07","hostname":"other","prl":[12]})");
  CHECK(opt(b, 12) == "-");
  auto c = run(conf, R"({"mac":"02:00:00:00:00:08","hostname":"myhost","prl":[12]})");
  CHECK(opt(c, 12) == "-");  // a plain client name is not echoed in the OFFER
  auto d = run(conf, R"({"message":"request","mac":"02:00:00:00:00:08","hostname":"myhost","requested_address":"192.0.2.120","server_id":"192.0.2.1","prl":[12]})");
  CHECK(opt(d, 12) == "6d79686f7374");  // but it is in the ACK
}

TEST_CASE("dnsmasq sim: a client name ending in NUL makes strings NUL-terminated (e24)") {
  std::string conf = kRange + "domain=example.test\ndhcp-option=250,abc\ndhcp-option=encap:175,1,xyz\n";
  auto a = run(conf, R"({"mac":"02:00:00:00:00:01","hostname":"0x6d7900","prl":[15,175,250]})");
  CHECK(opt(a, 250) == "61626300");
  CHECK(opt(a, 15) == "6578616d706c652e7465737400");
  CHECK(opt(a, 175) == "010478797a00ff");
}

TEST_CASE("dnsmasq sim: client FQDN gets flags 03 and name.domain (e24)") {
  std::string conf = kRange + "domain=example.test\n";
  auto a = run(conf, R"({"mac":"02:00:00:00:00:01","options":{"81":"000000686f737431"}})");
  CHECK(opt(a, 81) == "03ffff686f7374312e6578616d706c652e74657374");
}

TEST_CASE("dnsmasq sim: forced 51 and 54 are sent twice; zero-length options are sent empty (e26, e6)") {
  std::string conf = kRange + "dhcp-option-force=51,1h\ndhcp-option-force=54,192.0.2.9\ndhcp-option=218\n"
                              "dhcp-option=212,0.0.0.0\n";
  auto a = run(conf, R"({"mac":"02:00:00:00:00:01"})");
  CHECK(opt(a, 54) == "c0000201c0000209");
  CHECK(opt(a, 51) == "0000a8c000000e10");
  CHECK(!a.lease_time);  // 51 is no longer 4 bytes as a client reads it
  CHECK(opt(a, 218) == "");
  CHECK(opt(a, 212) == "c0000201");  // 0.0.0.0 = the server's own address
}

TEST_CASE("dnsmasq sim: options that do not fit overload file and sname (e16)") {
  std::string x(100, 'x');
  std::string conf = kRange + "dhcp-option=200," + x + "\ndhcp-option=201," + x + "\ndhcp-option=202," + x +
                     "\ndhcp-option=203," + x + "\n";
  auto a = run(conf, R"({"mac":"02:00:00:00:00:01","prl":[1,200,201,202,203]})");
  CHECK(opt(a, 52) == "03");
  CHECK(opt(a, 203) != "-");
  CHECK(opt(a, 202) != "-");
  CHECK(opt(a, 201) != "-");
  CHECK(opt(a, 200) == "-");  // dropped: no space left
}

TEST_CASE("dnsmasq sim: REQUEST flows on a fresh server (e11)") {
  std::string conf = kRange + "dhcp-host=02:00:00:00:00:07,192.0.2.50\n";
  auto sel = run(conf, R"({"message":"request","mac":"02:00:00:00:00:01","requested_address":"192.0.2.120","server_id":"192.0.2.1"})");
  CHECK(sel.reply == Reply::Ack);
  CHECK(sel.yiaddr->str() == "192.0.2.120");
  auto foreign = run(conf, R"({"message":"request","mac":"02:00:00:00:00:01","requested_address":"192.0.2.120","server_id":"192.0.2.9"})");
  CHECK(foreign.reply == Reply::None);
  auto auth = run(conf + "dhcp-authoritative\n",
                  R"({"message":"request","mac":"02:00:00:00:00:01","requested_address":"192.0.2.120","server_id":"192.0.2.9"})");
  CHECK(auth.reply == Reply::Nak);
  CHECK(opt(auth, 56) == "77726f6e67207365727665722d4944");
  auto reboot = run(conf, R"({"message":"request","mac":"02:00:00:00:00:01","requested_address":"192.0.2.120"})");
  CHECK(reboot.reply == Reply::None);
  auto reserved = run(conf, R"({"message":"request","mac":"02:00:00:00:00:01","requested_address":"192.0.2.50","server_id":"192.0.2.1"})");
  CHECK(reserved.reply == Reply::Nak);
  auto outside = run(conf + "dhcp-authoritative\n", R"({"message":"request","mac":"02:00:00:00:00:02","requested_address":"192.0.2.10"})");
  CHECK(outside.reply == Reply::Nak);
  CHECK(opt(outside, 56) == "61646472657373206e6f7420617661696c61626c65");
}

TEST_CASE("dnsmasq sim: DISCOVER honours a free requested address") {
  auto a = run(kRange, R"({"mac":"02:00:00:00:00:01","requested_address":"192.0.2.120"})");
  CHECK(a.yiaddr->str() == "192.0.2.120");
}

TEST_CASE("dnsmasq sim: BOOTP gets the host address, the bootp tag and the file field (e23)") {
  std::string conf = kRange + "dhcp-host=02:00:00:00:00:01,192.0.2.77\ndhcp-option=tag:bootp,42,192.0.2.5\ndhcp-boot=pxelinux.0\n";
  auto a = run(conf, R"({"message":"bootp","mac":"02:00:00:00:00:01"})");
  CHECK(a.reply == Reply::Bootp);
  CHECK(a.yiaddr->str() == "192.0.2.77");
  CHECK(codes(a) == "1,28,3,42");
  CHECK(a.file == "pxelinux.0");
  CHECK(run(conf, R"({"message":"bootp","mac":"02:00:00:00:00:02"})").reply == Reply::None);
}

TEST_CASE("dnsmasq sim: every answer value has a why with its config line") {
  auto a = run(kRange + "dhcp-option=42,192.0.2.5\n", R"({"mac":"02:00:00:00:00:01"})");
  CHECK(why_mentions(a, "option 42", "dnsmasq.conf:2"));
  CHECK(why_mentions(a, "yiaddr", "dnsmasq.conf:1"));
  CHECK(why_mentions(a, "lease_time", "dnsmasq.conf:1"));
  CHECK(why_mentions(a, "siaddr", "dnsmasq.conf:1"));
}

TEST_CASE("dnsmasq sim: PXE clients get 60, 97 and the menu in 43 (e15 bytes)") {
  std::string conf = kRange + "pxe-prompt=\"Boot\",5\npxe-service=x86PC,\"Local\",0\npxe-service=x86PC,\"Net\",pxelinux\n"
                              "dhcp-boot=undionly.kpxe\n";
  auto a = run(conf, R"({"mac":"02:00:00:00:00:01","vendor_class":"PXEClient:Arch:00000:UNDI:002001","arch":0,)"
                     R"("options":{"97":"00000102030405060708090a0b0c0d0e0f"}})");
  CHECK(codes(a) == "53,54,51,58,59,1,28,3,60,97,43");
  CHECK(opt(a, 60) == "505845436c69656e74");
  CHECK(opt(a, 43) == "0601030807800001c0000201090e0000054c6f63616c8000034e65740a0505426f6f74ff");
  CHECK(a.file == "undionly.kpxe");
}

TEST_CASE("dnsmasq sim: proxy-DHCP offers no address, only the PXE menu") {
  std::string conf = "dhcp-range=192.0.2.0,proxy\npxe-service=x86PC,\"Network boot\",pxelinux\n";
  auto a = run(conf, R"({"mac":"02:00:00:00:00:01","vendor_class":"PXEClient:Arch:00000:UNDI:002001","arch":0})");
  CHECK(a.reply == Reply::Offer);
  CHECK(!a.yiaddr);
  CHECK(codes(a) == "53,54,60,43");
  auto b = run(conf, R"({"mac":"02:00:00:00:00:01"})");
  CHECK(b.reply == Reply::None);
}

TEST_CASE("dnsmasq sim: an empty dhcp-option 66/67 in the header-field path crashes dnsmasq 2.90 (lab finding)") {
  std::string conf = kRange + "dhcp-option=67\n";
  auto a = run(conf, R"({"mac":"02:00:00:00:00:01","prl":[1,3]})");
  CHECK(a.reply == Reply::None);
  CHECK(why_mentions(a, "reply", "dnsmasq.conf:2"));
  auto b = run(conf, R"({"mac":"02:00:00:00:00:01","prl":[1,3,67]})");
  CHECK(b.reply == Reply::Offer);  // requested: sent as an (empty) option, no crash
  auto c = run(conf + "dhcp-boot=pxelinux.0\n", R"({"mac":"02:00:00:00:00:01"})");
  CHECK(c.reply == Reply::Offer);  // a dhcp-boot line takes the other path
}

// ---- DnsmasqServer: prepared once, answers from several threads -----------------------------

TEST_CASE("dnsmasq sim: the pool leaves out dhcp-host addresses and the relay's own address") {
  DiagnosticSink sink;
  auto model = dnsmasq::read_dnsmasq_text("dnsmasq.conf",
                                          "dhcp-range=198.51.100.10,198.51.100.20,255.255.255.0\n"
                                          "dhcp-host=02:00:00:00:00:09,198.51.100.15\n",
                                          sources(), sink);
  REQUIRE(model);
  Scenario s;
  s.chaddr = HwAddr{1, {0x02, 0x00, 0x00, 0x00, 0x00, 0x01}};
  s.relay = *Ipv4::parse("198.51.100.12");
  DnsmasqSimOptions o;
  o.interfaces.push_back({*Ipv4::parse("192.0.2.1"), 24, "eth0"});
  Answer a = DnsmasqServer(*model, o).answer(s);
  CHECK(a.reply == Reply::Offer);
  CHECK(a.pool.str() == "198.51.100.10-198.51.100.11,198.51.100.13-198.51.100.14,198.51.100.16-198.51.100.20");
}

TEST_CASE("dnsmasq sim: one DnsmasqServer answers from two threads as simulate_dnsmasq does") {
  DiagnosticSink sink;
  auto model = dnsmasq::read_dnsmasq_text("dnsmasq.conf",
                                          "dhcp-range=set:lan,192.0.2.100,192.0.2.199,255.255.255.0\n"
                                          "dhcp-range=set:far,198.51.100.10,198.51.100.90,255.255.255.0\n"
                                          "dhcp-host=02:00:00:00:00:07,set:seven,192.0.2.7\n"
                                          "dhcp-option=tag:seven,12,seven\n"
                                          "dhcp-option=tag:far,3,198.51.100.1\n"
                                          "dhcp-option=6,192.0.2.53\n",
                                          sources(), sink);
  REQUIRE(model);
  DnsmasqSimOptions o;
  o.interfaces.push_back({*Ipv4::parse("192.0.2.1"), 24, "eth0"});
  std::vector<Scenario> scenarios;
  for (std::uint8_t i = 0; i < 64; ++i) {
    Scenario s;
    s.chaddr = HwAddr{1, {0x02, 0x00, 0x00, 0x00, 0x00, static_cast<std::uint8_t>(i % 9)}};
    if (i % 2) s.relay = *Ipv4::parse("198.51.100.1");
    if (i % 3 == 0) s.interface = *Ipv4::parse(i % 6 ? "192.0.2.1" : "203.0.113.1");  // a known and an unknown interface
    s.options.push_back({55, {1, 3, 6, 12, 15, 28}});
    scenarios.push_back(s);
  }
  std::vector<Answer> expected;
  for (const auto& s : scenarios) expected.push_back(simulate_dnsmasq(*model, s, o));
  DnsmasqServer server(*model, o);
  std::vector<Answer> left(scenarios.size()), right(scenarios.size());
  std::thread t([&] {
    for (std::size_t i = 0; i < scenarios.size(); ++i) left[i] = server.answer(scenarios[i]);
  });
  for (std::size_t i = 0; i < scenarios.size(); ++i) right[i] = server.answer(scenarios[scenarios.size() - 1 - i]);
  t.join();
  std::size_t offers = 0;
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    CHECK(left[i] == expected[i]);
    CHECK(right[scenarios.size() - 1 - i] == expected[i]);
    offers += expected[i].reply == Reply::Offer;
  }
  CHECK(offers > 0);
}
