// Unit tests for the dnsmasq reader: line rules, directive parsing into the Model, located errors.
#include <doctest/doctest.h>

#include <string>

#include "core/diagnostic.hpp"
#include "dnsmasq/detect.hpp"
#include "dnsmasq/read.hpp"

using namespace isc2dnsmasq;
using namespace isc2dnsmasq::dnsmasq;

namespace {

struct Result {
  std::optional<Model> model;
  std::string diags;
};

Result read(const std::string& text) {
  static SourceSet sources;  // spans must outlive the call for rendering
  DiagnosticSink sink;
  Result r;
  r.model = read_dnsmasq_text("input", text, sources, sink);
  for (const auto& d : sink.all()) r.diags += render_text(d);
  return r;
}

}  // namespace

TEST_CASE("dnsmasq reader: line rules") {
  SUBCASE("comments, spaces around '=', quotes inside words") {
    auto r = read("# comment\n   dhcp-option = 250 , ab\"1,2\"cd   # trailing\n\n\tdhcp-authoritative\n");
    REQUIRE(r.model);
    CHECK(to_hex(r.model->options.at(0).spec.value.bytes) == "6162312c326364");
    CHECK(r.model->authoritative.set);
    CHECK(r.model->options[0].origin.span.line() == 2);
  }
  SUBCASE("the character after a closing quote is literal (dnsmasq --test accepts this line)") {
    auto r = read("dhcp-option=250,\"a\"\"b\n");
    REQUIRE(r.model);
    CHECK(to_hex(r.model->options[0].spec.value.bytes) == "612262");  // a"b
    auto bad = read("dhcp-option=250,\"a\"\"b\"c\n");
    CHECK_FALSE(bad.model);
    CHECK(bad.diags.find("missing \"") != std::string::npos);
  }
  SUBCASE("a hash right after a quote that starts a word is a comment") {
    auto r = read("dhcp-option=250,x \"y\"#z\n");
    REQUIRE(r.model);
    CHECK(std::string(r.model->options[0].spec.value.bytes.begin(), r.model->options[0].spec.value.bytes.end()) == "x y");
  }
  SUBCASE("lines longer than 1024 bytes are cut") {
    // Checked with dnsmasq --test: the text after byte 1024 is a line of its own.
    std::string line = "dhcp-option=250,abc" + std::string(1024 - 19, ' ') + "dhcp-authoritative\n";
    auto r = read(line);
    REQUIRE(r.model);
    CHECK(r.model->authoritative.set);
    CHECK(to_hex(r.model->options[0].spec.value.bytes) == "616263");
  }
  SUBCASE("unknown keys suggest the closest one, with the whole rendered diagnostic") {
    auto r = read("dhcp-rang=1.2.3.4,1.2.3.5\n");
    CHECK_FALSE(r.model);
    CHECK(r.diags ==
          "input:1:1: error: bad option 'dhcp-rang'; did you mean 'dhcp-range'?\n"
          "dhcp-rang=1.2.3.4,1.2.3.5\n"
          "^^^^^^^^^\n");
  }
}

TEST_CASE("dnsmasq reader: dhcp-range") {
  auto r = read(
      "dhcp-range=tag:eth0,tag:!x,set:lan,192.0.2.200,192.0.2.100,255.255.255.0,192.0.2.255,30\n"
      "dhcp-range=192.0.2.0,static,infinite\n"
      "dhcp-range=lan2,192.0.2.1,proxy\n"
      "dhcp-range=192.0.2.10,192.0.2.20,2h\n");
  REQUIRE(r.model);
  const auto& a = r.model->ranges.at(0);
  CHECK(a.filters == std::vector<TagCond>{{"eth0", false}, {"x", true}});
  CHECK(a.set_tag == "lan");
  CHECK(a.start.str() == "192.0.2.100");  // swapped
  CHECK(a.end.str() == "192.0.2.200");
  CHECK(a.netmask->str() == "255.255.255.0");
  CHECK(a.broadcast->str() == "192.0.2.255");
  CHECK(a.lease == 120u);  // floor
  CHECK(r.model->ranges[1].mode == Range::Mode::Static);
  CHECK(r.model->ranges[1].lease == kInfiniteLease);
  CHECK(r.model->ranges[2].mode == Range::Mode::Proxy);
  CHECK(r.model->ranges[2].set_tag == "lan2");
  CHECK(r.model->ranges[3].lease == 7200u);
  CHECK_FALSE(r.model->ranges[3].netmask);
}

TEST_CASE("dnsmasq reader: dhcp-host") {
  auto r = read(
      "dhcp-host=02:00:00:00:00:01,06-02:00:00:*:*:*,id:01:02:03,set:a,net:b,tag:!c,192.0.2.10,desk.example.org,1h\n"
      "dhcp-host=id:myclient,ignore\n"
      "dhcp-host=aabbcc:ddeeff,id:*,infinite\n");
  REQUIRE(r.model);
  const auto& h = r.model->hosts.at(0);
  REQUIRE(h.macs.size() == 2);
  CHECK(to_hex(h.macs[0].addr) == "020000000001");
  CHECK(h.macs[0].htype == 0);
  CHECK(h.macs[1].htype == 6);
  CHECK(h.macs[1].wildcard == std::vector<bool>{false, false, false, true, true, true});
  CHECK(to_hex(*h.client_id) == "010203");
  CHECK(h.set_tags == std::vector<std::string>{"a", "b"});
  CHECK(h.filters == std::vector<TagCond>{{"c", true}});
  CHECK(h.address->str() == "192.0.2.10");
  CHECK(h.hostname == "desk");
  CHECK(h.domain == "example.org");
  CHECK(h.lease == 3600u);
  CHECK(to_hex(*r.model->hosts[1].client_id) == to_hex(Bytes{'m', 'y', 'c', 'l', 'i', 'e', 'n', 't'}));
  CHECK(r.model->hosts[1].ignore);
  CHECK(to_hex(r.model->hosts[2].macs.at(0).addr) == "aabbccddeeff");  // long groups split into pairs
  CHECK(r.model->hosts[2].ignore_client_id);
  CHECK(r.model->hosts[2].lease == kInfiniteLease);
}

TEST_CASE("dnsmasq reader: tag sources, boot and PXE") {
  auto r = read(
      "dhcp-vendorclass=set:pxe,PXEClient\n"
      "dhcp-vendorclass=set:e,enterprise:311,MSFT\n"
      "dhcp-circuitid=set:c1,01:02\n"
      "dhcp-remoteid=set:r1,abc\n"
      "dhcp-mac=set:vm,52:54:00:*:*:*\n"
      "tag-if=set:both,set:x,tag:a,tag:!b\n"
      "dhcp-ignore=tag:!known\n"
      "dhcp-ignore-names\n"
      "dhcp-name-match=set:prn,printer*\n"
      "dhcp-boot=tag:!ipxe,undionly.kpxe,bootsrv,192.0.2.5\n"
      "dhcp-boot=pxelinux.0,,tftp.example\n"
      "pxe-prompt=\"Press F8\",10\n"
      "pxe-service=x86PC,Local\n"
      "pxe-service=tag:bios,X86pc,Linux,pxelinux\n"
      "pxe-service=7,EFI,7,192.0.2.9\n"
      "pxe-service=x86PC,Other,menu2\n");
  REQUIRE(r.model);
  const auto& m = *r.model;
  CHECK(m.class_matches.at(0).kind == ClassMatch::Kind::VendorClass);
  CHECK(m.class_matches[1].enterprise == 311);
  CHECK(m.class_matches[2].hex);
  CHECK(to_hex(m.class_matches[2].data) == "0102");
  CHECK_FALSE(m.class_matches[3].hex);
  CHECK(m.mac_matches.at(0).mac.has_wildcard());
  CHECK(m.tag_ifs.at(0).set_tags == std::vector<std::string>{"both", "x"});
  CHECK(m.tag_ifs[0].conds == std::vector<TagCond>{{"a", false}, {"b", true}});
  CHECK(m.tag_lists.at(0).kind == TagList::Kind::Ignore);
  CHECK(m.tag_lists[0].tags == std::vector<TagCond>{{"known", true}});
  CHECK(m.tag_lists[1].tags.empty());
  CHECK(m.name_matches.at(0).wildcard);
  CHECK(m.name_matches[0].name == "printer");
  CHECK(m.boots.at(0).tags == std::vector<TagCond>{{"ipxe", true}});
  CHECK(m.boots[0].server->str() == "192.0.2.5");
  CHECK_FALSE(m.boots[1].sname);
  CHECK(m.boots[1].tftp_name == "tftp.example");
  CHECK(m.pxe_prompts.at(0).timeout == 10);
  CHECK(m.pxe_prompts[0].text == "Press F8");
  CHECK(m.pxe_services.at(0).type == 0);
  CHECK(m.pxe_services[1].csa == 0);  // CSA names are case-insensitive
  CHECK(m.pxe_services[1].type == 0x8000);
  CHECK(m.pxe_services[2].csa == 7);
  CHECK(m.pxe_services[2].type == 7);
  CHECK(m.pxe_services[2].server->str() == "192.0.2.9");
  CHECK(m.pxe_services[3].type == 0x8001);
}

TEST_CASE("dnsmasq reader: other directives are kept") {
  auto r = read("port=0\nlog-dhcp\ndhcp-range=::,constructor:eth0,ra-only\n");
  REQUIRE(r.model);
  REQUIRE(r.model->others.size() == 3);
  CHECK(r.model->others[0].key == "port");
  CHECK(r.model->others[0].arg == "0");
  CHECK_FALSE(r.model->others[1].arg);
  CHECK(r.model->others[2].key == "dhcp-range");
}

TEST_CASE("dnsmasq reader: located errors") {
  auto r = read("dhcp-range=192.0.2.1,192.0.2.9\ndhcp-option=3,5\n");
  CHECK_FALSE(r.model);
  CHECK(r.diags ==
        "input:2:13: error: bad IP address\n"
        "dhcp-option=3,5\n"
        "            ^^^\n");
  auto dup = read("dhcp-host=02:00:00:00:00:01,192.0.2.10\ndhcp-host=02:00:00:00:00:02,192.0.2.10\n");
  CHECK_FALSE(dup.model);
  CHECK(dup.diags.find("input:2:29: error: duplicate dhcp-host IP address 192.0.2.10") == 0);
  auto rep = read("port=1\nport=2\n");
  CHECK(rep.diags.find("input:2:1: error: illegal repeated keyword 'port'") == 0);
}

TEST_CASE("dnsmasq detect: content sniffing") {
  CHECK(looks_like_dnsmasq("# dnsmasq\ndhcp-range=192.0.2.10,192.0.2.20\nport=0\n"));
  CHECK(looks_like_dnsmasq("interface=eth0\n"));
  CHECK_FALSE(looks_like_dnsmasq("subnet 192.0.2.0 netmask 255.255.255.0 {\n  range 192.0.2.10 192.0.2.20;\n}\n"));
  CHECK_FALSE(looks_like_dnsmasq("option domain-name \"example.org\";\ndefault-lease-time 600;\n"));
  CHECK_FALSE(looks_like_dnsmasq("# only a comment\n"));
}
