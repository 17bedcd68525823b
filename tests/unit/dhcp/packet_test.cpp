// Unit tests for dhcp/packet: encoding, decoding, RFC 3396 concatenation, option overload, bad input.
#include <doctest/doctest.h>

#include "dhcp/packet.hpp"

using namespace isc2dnsmasq;
using namespace isc2dnsmasq::dhcp;

namespace {
Bytes header(std::uint8_t op = 2) {
  Packet p;
  p.op = op;
  p.xid = 0x01020304;
  p.yiaddr = *Ipv4::parse("192.0.2.10");
  Bytes b = encode(p, 0);
  b.resize(kHeaderSize + 4);  // header + cookie, options appended by the tests
  return b;
}
}  // namespace

TEST_CASE("dhcp packet: encode layout") {
  Packet p;
  p.xid = 0xdeadbeef;
  p.flags = 0x8000;
  p.giaddr = *Ipv4::parse("198.51.100.1");
  p.hops = 1;
  p.chaddr[0] = 0x02;
  p.chaddr[5] = 0x01;
  p.options = {{53, {1}}, {55, {1, 3}}};
  Bytes b = encode(p);
  REQUIRE(b.size() == 300);
  CHECK(b[0] == 1);
  CHECK(b[2] == 6);
  CHECK(b[3] == 1);
  CHECK(to_hex(Bytes(b.begin() + 4, b.begin() + 8)) == "deadbeef");
  CHECK(to_hex(Bytes(b.begin() + 10, b.begin() + 12)) == "8000");
  CHECK(to_hex(Bytes(b.begin() + 24, b.begin() + 28)) == "c6336401");
  CHECK(to_hex(Bytes(b.begin() + 28, b.begin() + 34)) == "020000000001");
  CHECK(to_hex(Bytes(b.begin() + 236, b.begin() + 250)) == "63825363" "350101" "37020103" "ff0000");
}

TEST_CASE("dhcp packet: long options split and concatenate (RFC 3396)") {
  Packet p;
  Bytes big(600, 0xab);
  p.options = {{53, {1}}, {43, big}, {60, {}}};
  Bytes b = encode(p);
  CHECK(b.size() == 240 + 3 + (2 + 255) * 2 + (2 + 90) + 2 + 1);
  std::string err;
  auto d = decode(b, err);
  REQUIRE(d);
  REQUIRE(d->options.size() == 3);
  CHECK(d->options[1].value == big);
  CHECK(d->options[2].value.empty());
  CHECK(d->message_type() == 1);
}

TEST_CASE("dhcp packet: decode concatenates split instances in wire order") {
  Bytes b = header();
  for (std::uint8_t x : {53, 1, 2, 3, 4, 192, 0, 2, 1, 0, 0, 3, 4, 192, 0, 2, 254, 255}) b.push_back(x);
  std::string err;
  auto d = decode(b, err);
  REQUIRE(d);
  REQUIRE(d->options.size() == 2);
  CHECK(d->options[0].code == 53);
  CHECK(d->options[1].code == 3);
  CHECK(to_hex(d->options[1].value) == "c0000201c00002fe");
  CHECK(d->yiaddr.str() == "192.0.2.10");
}

TEST_CASE("dhcp packet: option overload moves options into file and sname") {
  Bytes b = header();
  // file (offset 108) holds option 67 split over file and sname; 52 = 3 (both).
  b[108] = 67; b[109] = 2; b[110] = 'a'; b[111] = 'b'; b[112] = 255;
  b[44] = 67; b[45] = 1; b[46] = 'c'; b[47] = 12; b[48] = 1; b[49] = 'h'; b[50] = 255;
  for (std::uint8_t x : {53, 1, 5, 52, 1, 3, 255}) b.push_back(x);
  std::string err;
  auto d = decode(b, err);
  REQUIRE(d);
  CHECK(d->overload == 3);
  CHECK(d->file_text().empty());
  CHECK(d->sname_text().empty());
  REQUIRE(d->find(67));
  CHECK(std::string(d->find(67)->value.begin(), d->find(67)->value.end()) == "abc");
  CHECK(d->find(12)->value == Bytes{'h'});
}

TEST_CASE("dhcp packet: bad input is rejected with a reason") {
  std::string err;
  CHECK_FALSE(decode(Bytes(100, 0), err));
  CHECK(err == "packet shorter than the 236-byte BOOTP header");
  Bytes b = header();
  b[2] = 17;
  CHECK_FALSE(decode(b, err));
  CHECK(err == "hardware address length over 16");
  b = header();
  for (std::uint8_t x : {53, 1, 2, 3, 10, 1}) b.push_back(x);
  CHECK_FALSE(decode(b, err));
  CHECK(err == "option 3 runs past the end of the packet");
  b = header();
  b.push_back(3);
  CHECK_FALSE(decode(b, err));
  CHECK(err == "option 3 has no length byte");
  // No cookie: plain BOOTP, no options; a missing END is accepted.
  b = header();
  b[236] = 0;
  auto d = decode(b, err);
  REQUIRE(d);
  CHECK_FALSE(d->has_cookie);
  b = header();
  for (std::uint8_t x : {53, 1, 2}) b.push_back(x);
  CHECK(decode(b, err));
}
