// Unit tests for sim/answer: address sets, boot fields as the client reads them, JSON round trip.
#include <doctest/doctest.h>

#include "sim/answer.hpp"

using namespace isc2dnsmasq;
using namespace isc2dnsmasq::sim;

namespace {
Ipv4 ip(const char* s) { return *Ipv4::parse(s); }
}  // namespace

TEST_CASE("sim answer: address set merges ranges") {
  AddressSet s;
  s.add(ip("192.0.2.30"), ip("192.0.2.40"));
  s.add(ip("192.0.2.10"), ip("192.0.2.20"));
  s.add(ip("192.0.2.21"));
  CHECK(s.str() == "192.0.2.10-192.0.2.21,192.0.2.30-192.0.2.40");
  s.add(ip("192.0.2.15"), ip("192.0.2.35"));
  CHECK(s.str() == "192.0.2.10-192.0.2.40");
  CHECK(s.size() == 31);
  CHECK(s.contains(ip("192.0.2.40")));
  CHECK_FALSE(s.contains(ip("192.0.2.41")));
  AddressSet t;
  t.add(ip("255.255.255.255"));
  t.add(ip("255.255.255.254"));
  CHECK(t.str() == "255.255.255.254-255.255.255.255");
}

TEST_CASE("sim answer: boot file and server as the client reads them") {
  Answer a;
  a.file = "header.efi";
  a.sname = "hdr";
  CHECK(a.boot_file() == "header.efi");
  a.options.push_back({67, {'o', 'p', 't', '.', 'e', 'f', 'i', 0}});
  a.options.push_back({66, {'t', 'f', 't', 'p', 0}});
  CHECK(a.boot_file() == "opt.efi");
  CHECK(a.boot_server() == "tftp");
}

TEST_CASE("sim answer: json round trip") {
  Answer a;
  a.server = "isc";
  a.reply = Reply::Offer;
  a.yiaddr = ip("192.0.2.10");
  a.pool.add(ip("192.0.2.10"), ip("192.0.2.20"));
  a.siaddr = ip("192.0.2.1");
  a.file = "undionly.kpxe";
  a.lease_time = 600;
  a.options = {{53, {2}}, {54, {192, 0, 2, 1}}, {3, {192, 0, 2, 1}}};
  a.why = {{"option 3", "dhcpd.conf:4", "option routers in subnet 192.0.2.0/24"}};
  std::string json = answer_to_json(a);
  CHECK(json ==
        R"({"server":"isc","reply":"offer","yiaddr":"192.0.2.10","pool":["192.0.2.10-192.0.2.20"],"siaddr":"192.0.2.1","sname":"","file":"undionly.kpxe","lease_time":600,"options":[{"code":53,"hex":"02"},{"code":54,"hex":"c0000201"},{"code":3,"hex":"c0000201"}],"why":[{"field":"option 3","at":"dhcpd.conf:4","because":"option routers in subnet 192.0.2.0/24"}]})");
  SourceFile f("answer.json", answer_to_json(a, 2));
  DiagnosticSink sink;
  auto back = parse_answer(f, sink);
  REQUIRE(back);
  CHECK(*back == a);
  CHECK(answer_to_json(a, 0, false).find("why") == std::string::npos);
  SourceFile bad("bad.json", R"({"reply": "offered"})");
  CHECK_FALSE(parse_answer(bad, sink));
  CHECK(render_text(sink.all().back()).rfind("bad.json:1:11: error: unknown reply 'offered'", 0) == 0);
}
