// Unit tests for core/net: address and byte-string parsing and formatting.
#include <doctest/doctest.h>

#include "core/net.hpp"

using namespace isc2dnsmasq;

TEST_CASE("core net: ipv4") {
  CHECK(Ipv4::parse("192.0.2.1")->str() == "192.0.2.1");
  CHECK(Ipv4::parse("255.255.255.255")->value == 0xffffffffu);
  CHECK_FALSE(Ipv4::parse("256.0.0.1"));
  CHECK_FALSE(Ipv4::parse("1.2.3"));
  CHECK_FALSE(Ipv4::parse("1.2.3.4.5"));
  CHECK_FALSE(Ipv4::parse("1..2.3"));
}

TEST_CASE("core net: prefix") {
  CHECK(Prefix::mask_length(*Ipv4::parse("255.255.255.0")) == 24);
  CHECK(Prefix::mask_length(*Ipv4::parse("0.0.0.0")) == 0);
  CHECK_FALSE(Prefix::mask_length(*Ipv4::parse("255.0.255.0")));
  Prefix p{*Ipv4::parse("198.51.100.0"), 24};
  CHECK(p.contains(*Ipv4::parse("198.51.100.77")));
  CHECK_FALSE(p.contains(*Ipv4::parse("198.51.101.1")));
  CHECK(p.broadcast().str() == "198.51.100.255");
}

TEST_CASE("core net: hex and hardware addresses") {
  CHECK(to_hex(*parse_hex("0a:b:ff")) == "0a0bff");
  CHECK(to_hex(*parse_hex("0a0b")) == "0a0b");
  CHECK_FALSE(parse_hex("0a0"));
  CHECK_FALSE(parse_hex("0g"));
  CHECK(HwAddr::parse("0:1:2:a:bb:cc")->str() == "00:01:02:0a:bb:cc");
  CHECK_FALSE(HwAddr::parse("00:11:22:33:44:zz"));
  CHECK_FALSE(HwAddr::parse("001122334455"));
}
