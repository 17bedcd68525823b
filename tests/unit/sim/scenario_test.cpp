// Unit tests for sim/scenario: the JSON form, conveniences and their option bytes, errors.
#include <doctest/doctest.h>

#include "core/diagnostic.hpp"
#include "sim/scenario.hpp"

using namespace isc2dnsmasq;
using namespace isc2dnsmasq::sim;

namespace {
std::optional<Scenario> parse(const std::string& text, std::string* diag = nullptr) {
  SourceFile f("input", text);
  DiagnosticSink sink;
  auto s = parse_scenario(f, sink);
  if (diag) {
    *diag = sink.all().empty() ? "" : render_text(sink.all().front());
  }
  return s;
}
std::string hex_of(const Scenario& s, std::uint8_t code) {
  const Bytes* b = s.option(code);
  return b ? to_hex(*b) : "-";
}
}  // namespace

TEST_CASE("sim scenario: conveniences expand to wire bytes") {
  auto s = parse(R"({"message": "discover", "mac": "02:00:00:00:00:01", "prl": [1, 3, 6, 67],
    "user_class": "iPXE", "vendor_class": "PXEClient:Arch:00007:UNDI:003016", "client_id": "01:02:00:00:00:00:01",
    "arch": 7, "ipxe_175": ["http", "https", 23], "hostname": "pc1",
    "agent_circuit_id": "eth0/1", "agent_remote_id": "0x0a0b", "options": {"43": "0102"}})");
  REQUIRE(s);
  CHECK(s->message == MessageType::Discover);
  CHECK(s->chaddr.str() == "02:00:00:00:00:01");
  CHECK(hex_of(*s, 55) == "01030643");
  CHECK(hex_of(*s, 77) == "69505845");
  CHECK(hex_of(*s, 61) == "01020000000001");
  CHECK(hex_of(*s, 93) == "0007");
  CHECK(hex_of(*s, 175) == "130101140101170101");
  CHECK(hex_of(*s, 12) == "706331");
  CHECK(hex_of(*s, 82) == "0106657468302f3102020a0b");
  CHECK(s->agent_suboption(1) == Bytes{'e', 't', 'h', '0', '/', '1'});
  CHECK(s->agent_suboption(2) == Bytes{0x0a, 0x0b});
  CHECK_FALSE(s->agent_suboption(5));
  // Wire order: 61 12 60 77 93 175 55, raw options, 82 last.
  std::vector<int> order;
  for (const auto& o : s->options) order.push_back(o.code);
  CHECK(order == std::vector<int>{61, 12, 60, 77, 93, 175, 55, 43, 82});
  CHECK(s->prl() == std::vector<std::uint8_t>{1, 3, 6, 67});
}

TEST_CASE("sim scenario: json round trip") {
  auto s = parse(R"({"name": "relayed", "message": "request", "mac": "02:00:00:00:00:02", "relay": "198.51.100.1",
    "ciaddr": "198.51.100.20", "broadcast": true, "secs": 3, "requested_address": "198.51.100.20",
    "server_id": "192.0.2.1", "options": {"60": "", "250": "00ff"}})");
  REQUIRE(s);
  CHECK(s->relay->str() == "198.51.100.1");
  CHECK(hex_of(*s, 50) == "c6336414");
  CHECK(hex_of(*s, 60) == "");
  std::string json = scenario_to_json(*s);
  CHECK(json ==
        R"({"name":"relayed","message":"request","mac":"02:00:00:00:00:02","relay":"198.51.100.1","ciaddr":"198.51.100.20","broadcast":true,"secs":3,"options":{"50":"c6336414","54":"c0000201","60":"","250":"00ff"}})");
  auto back = parse(json);
  REQUIRE(back);
  CHECK(*back == *s);
  CHECK_FALSE(s->prl());
}

TEST_CASE("sim scenario: errors") {
  std::string d;
  CHECK_FALSE(parse("{\"mac\": \"02:00:00:00:00:01\", \"prl\": [1, 300]}", &d));
  CHECK(d.rfind("input:1:41: error: 'prl' must be an integer from 0 to 255", 0) == 0);
  CHECK_FALSE(parse("{\"mac\": \"02:00:00:00:00:01\",\n \"vendor_clas\": \"x\"}", &d));
  CHECK(d.rfind("input:2:17: error: unknown scenario key 'vendor_clas'; did you mean 'vendor_class'?", 0) == 0);
  CHECK_FALSE(parse("{\"message\": \"discover\"}", &d));
  CHECK(d.rfind("input:1:1: error: a scenario needs 'mac'", 0) == 0);
  CHECK_FALSE(parse("{\"mac\": \"zz\"}", &d));
  CHECK(d.rfind("input:1:9: error: 'mac' must be 1 to 16 hex bytes", 0) == 0);
  CHECK_FALSE(parse("{\"mac\": \"02:00:00:00:00:01\", \"hostname\": \"a\", \"options\": {\"12\": \"61\"}}", &d));
  CHECK(d.find("option 12 is given twice") != std::string::npos);
  CHECK_FALSE(parse("{\"mac\": \"02:00:00:00:00:01\", \"options\": {\"53\": \"01\"}}", &d));
  CHECK(d.find("option 53 comes from 'message'") != std::string::npos);
  CHECK_FALSE(parse("{\"mac\": \"02:00:00:00:00:01\", \"options\": {\"255\": \"01\"}}", &d));
  CHECK(d.find("from 1 to 254") != std::string::npos);
  CHECK_FALSE(parse("{\"mac\": \"02:00:00:00:00:01\", \"ipxe_175\": [\"htp\"]}", &d));
  CHECK(d.find("unknown iPXE feature 'htp'; did you mean 'http'?") != std::string::npos);
  CHECK_FALSE(parse("{\"mac\": \"02:00:00:00:00:01\", \"relay\": \"192.0.2.1\", \"interface\": \"192.0.2.1\"}", &d));
  CHECK(d.find("either 'relay' or 'interface'") != std::string::npos);
  CHECK_FALSE(parse("{\"mac\": ", &d));
  CHECK(d.rfind("input:1:9: error: unexpected end of input", 0) == 0);
}

TEST_CASE("sim scenario: a file with several scenarios") {
  SourceFile f("list.json", R"([{"mac": "02:00:00:00:00:01"}, {"mac": "02:00:00:00:00:02", "message": "inform"}])");
  DiagnosticSink sink;
  auto list = parse_scenarios(f, sink);
  REQUIRE(list);
  REQUIRE(list->size() == 2);
  CHECK((*list)[1].message == MessageType::Inform);
  SourceFile bad("bad.json", R"([{"mac": "02:00:00:00:00:01"}, {"mac": 5}, {"mac": "x", "prl": 1}])");
  CHECK_FALSE(parse_scenarios(bad, sink));
  CHECK(sink.error_count() == 2);
}
