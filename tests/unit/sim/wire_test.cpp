// Unit tests for sim/wire: a scenario becomes the request a real client sends; a reply becomes an Answer.
#include <doctest/doctest.h>

#include "sim/wire.hpp"

using namespace isc2dnsmasq;
using namespace isc2dnsmasq::sim;

namespace {
Scenario scenario(const std::string& json) {
  SourceFile f("input", json);
  DiagnosticSink sink;
  auto s = parse_scenario(f, sink);
  REQUIRE(s);
  return *s;
}
}  // namespace

TEST_CASE("sim wire: relayed discover") {
  Scenario s = scenario(R"({"mac": "02:00:00:00:00:07", "relay": "198.51.100.1", "prl": [1, 3],
                            "agent_circuit_id": "c1", "broadcast": true})");
  Bytes b = encode_request(s, 0x11223344);
  std::string err;
  auto p = dhcp::decode(b, err);
  REQUIRE(p);
  CHECK(p->op == 1);
  CHECK(p->hops == 1);
  CHECK(p->giaddr.str() == "198.51.100.1");
  CHECK(p->flags == 0x8000);
  CHECK(p->xid == 0x11223344);
  REQUIRE(p->options.size() == 3);
  CHECK(p->options[0].code == 53);
  CHECK(p->message_type() == dhcp::kDiscover);
  CHECK(p->options[2].code == 82);
  CHECK(to_hex(p->options[2].value) == "01026331");
}

TEST_CASE("sim wire: inform and bootp requests") {
  Scenario inform = scenario(R"({"message": "inform", "mac": "02:00:00:00:00:08", "ciaddr": "192.0.2.50"})");
  std::string err;
  auto p = dhcp::decode(encode_request(inform, 1), err);
  REQUIRE(p);
  CHECK(p->ciaddr.str() == "192.0.2.50");
  CHECK(p->message_type() == dhcp::kInform);
  Scenario bootp = scenario(R"({"message": "bootp", "mac": "02:00:00:00:00:09"})");
  auto q = dhcp::decode(encode_request(bootp, 1), err);
  REQUIRE(q);
  CHECK(q->has_cookie);
  CHECK(q->options.empty());
}

TEST_CASE("sim wire: reply to answer") {
  dhcp::Packet r;
  r.op = 2;
  r.yiaddr = *Ipv4::parse("192.0.2.163");
  r.siaddr = *Ipv4::parse("192.0.2.1");
  r.set_file("pxelinux.0");
  r.set_sname("boot");
  r.options = {{53, {2}}, {54, {192, 0, 2, 1}}, {51, {0, 0, 0x0e, 0x10}}, {58, {0, 0, 7, 8}}};
  Bytes b = dhcp::encode(r);
  std::string err;
  auto a = decode_reply(b, err);
  REQUIRE(a);
  CHECK(a->reply == Reply::Offer);
  CHECK(a->yiaddr->str() == "192.0.2.163");
  CHECK(a->siaddr.str() == "192.0.2.1");
  CHECK(a->file == "pxelinux.0");
  CHECK(a->sname == "boot");
  CHECK(a->lease_time == 3600u);
  CHECK(a->options.size() == 4);
  r.options = {{53, {6}}};
  r.yiaddr = {};
  a = decode_reply(dhcp::encode(r), err);
  REQUIRE(a);
  CHECK(a->reply == Reply::Nak);
  CHECK_FALSE(a->yiaddr);
  r.options.clear();
  a = decode_reply(dhcp::encode(r), err);
  REQUIRE(a);
  CHECK(a->reply == Reply::Bootp);
  r.op = 1;
  CHECK_FALSE(decode_reply(dhcp::encode(r), err));
  CHECK(err == "not a BOOTREPLY (op is not 2)");
}
