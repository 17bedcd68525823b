// Golden value forms: the exact bytes dnsmasq 2.90 encodes for dhcp-option / dhcp-match values.
//
// Evidence per row: "obs" = observed on the wire with the real dnsmasq 2.90 in the experiments of
// shared/reference/dnsmasq-semantics.md (section 12.2 / 11.3 / 15, experiments e1 e6 e18-e20);
// "src" = derived from reading dnsmasq 2.90 src/option.c parse_dhcp_opt() and src/util.c
// parse_hex() (Debian source package 2.90-4~deb12u2); "test" = accept/reject confirmed with
// `dnsmasq --test` on this machine.
#include <doctest/doctest.h>

#include <string>

#include "core/diagnostic.hpp"
#include "dnsmasq/read.hpp"

using namespace isc2dnsmasq;
using namespace isc2dnsmasq::dnsmasq;

namespace {

struct Row {
  const char* line;
  const char* hex;  // expected wire bytes, lowercase hex; nullptr = the line must be rejected
  ValueKind kind;
  const char* evidence;
};

std::optional<Model> read_text(const std::string& text, DiagnosticSink& sink, SourceSet& sources) {
  return read_dnsmasq_text("input", text, sources, sink);
}

const OptionSpec* first_spec(const Model& m) {
  if (!m.options.empty()) return &m.options.front().spec;
  if (!m.matches.empty()) return &m.matches.front().spec;
  return nullptr;
}

// clang-format off
const Row kRows[] = {
    // Decimal integers: width from the value, the table or a b/s/i suffix; atoi semantics.
    {"dhcp-option=200,1-2", "01", ValueKind::Decimal, "obs e6"},
    {"dhcp-option=201,0102", "66", ValueKind::Decimal, "obs e6"},
    {"dhcp-option=202,300", "012c", ValueKind::Decimal, "obs e6"},
    {"dhcp-option=203,70000", "00011170", ValueKind::Decimal, "obs e6"},
    {"dhcp-option=204,5i", "00000005", ValueKind::Decimal, "obs e6"},
    {"dhcp-option=205,-1", "ffffffff", ValueKind::Decimal, "obs e6"},
    {"dhcp-option=214,12b", "0c", ValueKind::Decimal, "obs e6"},
    {"dhcp-option=26,1500", "05dc", ValueKind::Decimal, "obs e6 (mtu is 2 bytes in the table)"},
    {"dhcp-option=19,300", "2c", ValueKind::Decimal, "obs e6 (1-byte table width truncates)"},
    {"dhcp-option=option:mtu,576", "0240", ValueKind::Decimal, "src"},
    {"dhcp-option=93,7", "0007", ValueKind::Decimal, "src (client-arch is 2 bytes)"},
    {"dhcp-option=2,5", "00000005", ValueKind::Decimal, "src (time-offset is 4 bytes)"},
    {"dhcp-option=250,255", "ff", ValueKind::Decimal, "src"},
    {"dhcp-option=250,256", "0100", ValueKind::Decimal, "src"},
    {"dhcp-option=250,65536", "00010000", ValueKind::Decimal, "src"},
    {"dhcp-option=250,4294967295", "ffffffff", ValueKind::Decimal, "src (atoi wraps to -1)"},
    {"dhcp-option=250,300b", "2c", ValueKind::Decimal, "src"},
    {"dhcp-option=250,1s", "0001", ValueKind::Decimal, "src"},
    {"dhcp-option=46,0x8", "307838", ValueKind::String, "src ('x' is neither decimal nor hex)"},
    {"dhcp-option=option:message-type,3", nullptr, ValueKind::None, "src+test: internal option rejected by name"},
    {"dhcp-option=43,5", nullptr, ValueKind::None, "test: internal width 0x2000 gives 'dhcp-option too long'"},
    {"dhcp-match=set:x,53,1", nullptr, ValueKind::None, "obs section 5.2: 'dhcp-option too long'"},
    {"dhcp-match=set:x,53,3b", "03", ValueKind::Decimal, "obs section 5.2 workaround"},
    // Hex: at least two colon groups; groups longer than 2 digits split, capped at the group count.
    {"dhcp-option=206,01:02:03", "010203", ValueKind::Hex, "obs e6"},
    {"dhcp-option=207,1:2:abc", "0102ab", ValueKind::Hex, "obs e6"},
    {"dhcp-option=250,a:b:c", "0a0b0c", ValueKind::Hex, "src"},
    {"dhcp-option=250,01:02:", "010200", ValueKind::Hex, "src (3 groups, the empty one stays zero)"},
    {"dhcp-option=250,ab", "6162", ValueKind::String, "src (one group is not hex)"},
    {"dhcp-match=set:x,250,01:*:03", "010003", ValueKind::Hex, "obs section 5.2 ('*' only in dhcp-match)"},
    // Time options.
    {"dhcp-option=58,1h", "00000e10", ValueKind::Time, "src (section 12.2 58,1h = 3600)"},
    {"dhcp-option=58,01:02", "00000001", ValueKind::Time, "src (atoi stops at ':')"},
    {"dhcp-option=59,2d", "0002a300", ValueKind::Time, "src"},
    {"dhcp-option=option:lease-time,600", nullptr, ValueKind::None, "src: internal by name"},
    {"dhcp-option=51,600", "00000258", ValueKind::Time, "src (internal by number is allowed)"},
    // IPv4 lists and RFC 3442 descriptors.
    {"dhcp-option=208,192.0.2.5,192.0.2.6", "c0000205c0000206", ValueKind::Addresses, "obs e6"},
    {"dhcp-option=212,0.0.0.0", "00000000", ValueKind::Addresses, "obs e6 (rewritten at send time)"},
    {"dhcp-option=217,1.2.3.4/24,192.0.2.1", "18010203c0000201", ValueKind::Addresses, "obs e6"},
    {"dhcp-option=121,0.0.0.0/0,192.0.2.1", "00c0000201", ValueKind::Addresses, "obs section 12.2"},
    {"dhcp-option=121,192.168.0.0/16,10.0.0.1", "10c0a80a000001", ValueKind::Addresses, "src"},
    {"dhcp-option=option:router,192.0.2.1", "c0000201", ValueKind::Addresses, "obs t0"},
    {"dhcp-option=option:sip-server,192.0.2.7", "01c0000207", ValueKind::Addresses, "obs e6 (RFC 3361 enc byte 1)"},
    {"dhcp-option=3,5", nullptr, ValueKind::None, "test: 'bad IP address'"},
    {"dhcp-option=250,1,2", nullptr, ValueKind::None, "test: 'bad IPv4 address'"},
    {"dhcp-option=250,1.2.3", nullptr, ValueKind::None, "test: 'bad IPv4 address'"},
    {"dhcp-option=250,1/2", nullptr, ValueKind::None, "src: '/' keeps the address flag, '1' is no address"},
    {"dhcp-option=42,\"192.0.2.5\"", nullptr, ValueKind::None, "src: quoted digits are hidden, no address"},
    // Strings.
    {"dhcp-option=209,\"192.0.2.5\"", "3139322e302e322e35", ValueKind::String, "obs e6"},
    {"dhcp-option=210,hello world", "68656c6c6f20776f726c64", ValueKind::String, "obs e6"},
    {"dhcp-option=211,a,b", "612c62", ValueKind::String, "obs e6"},
    {"dhcp-option=215,\"a\\tb\\\"c\"", "6109622263", ValueKind::String, "obs e6"},
    {"dhcp-option=216,  spaced  ", "737061636564", ValueKind::String, "obs e6"},
    {"dhcp-option=15,123", "313233", ValueKind::String, "src (name options are always strings)"},
    {"dhcp-option=66,192.0.2.1", "3139322e302e322e31", ValueKind::String, "src"},
    {"dhcp-option=12,foo", "666f6f", ValueKind::String, "src (internal by number is allowed)"},
    {"dhcp-option=250,/path", "2f70617468", ValueKind::String, "src (leading '/' is a path)"},
    {"dhcp-option=250,a#b", "612362", ValueKind::String, "obs e21 ('#' inside a word)"},
    {"dhcp-option=250,x #y", "78", ValueKind::String, "obs e21 (comment after whitespace)"},
    {"dhcp-option=250,ab\"1,2\"cd", "6162312c326364", ValueKind::String, "obs e21 (quote inside a word)"},
    {"dhcp-option=250,b", "", ValueKind::String, "src+test: a lone b/s/i is taken as a width suffix"},
    {"dhcp-option=250,\"s\"", "", ValueKind::String, "src+test: 's' is not hidden by quotes"},
    {"dhcp-option=250,-s", "2d", ValueKind::String, "src"},
    {"dhcp-option=250,", "", ValueKind::String, "src"},
    {"dhcp-option=218", "", ValueKind::None, "obs e6 (sent with length 0)"},
    // Domain lists.
    {"dhcp-option=119,a.com,b.a.com", "0161036" "36f6d000162c000", ValueKind::DomainList, "src"},
    {"dhcp-option=120,sip.example.com", "00037369700765786" "16d706c6503636f6d00", ValueKind::DomainList,
     "src (RFC 3361 enc byte 0)"},
    {"dhcp-option=119,a.com,,b.com", "016103636f6d00", ValueKind::DomainList, "src (an empty name ends the list)"},
    {"dhcp-option=119,aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com", nullptr, ValueKind::None,
     "src: label over 63 is 'bad domain in dhcp-option'"},
    // Encapsulated sub-options: no table lookup, no domain encoding.
    {"dhcp-option=encap:175,1,5", "05", ValueKind::Decimal, "obs e1 (175 = be 05 iscsi 01 01 05 ff)"},
    {"dhcp-option=encap:175,190,\"iscsi\"", "6973637369", ValueKind::String, "obs e1"},
    {"dhcp-option=vendor:Foo,1,7", "07", ValueKind::Decimal, "obs e1 (43 = 01 01 07 ff)"},
    {"dhcp-option=vi-encap:1234,2,9", "09", ValueKind::Decimal, "obs e1 (125 = 00 00 04 d2 03 02 01 09)"},
    {"dhcp-option=encap:175,26,1500", "05dc", ValueKind::Decimal, "src (no table width: 1500 needs 2 bytes)"},
    {"dhcp-option=encap:175,19,300", "012c", ValueKind::Decimal, "src"},
    {"dhcp-option=encap:175,119,example.com", "6578616d706c652e636f6d", ValueKind::String, "src"},
    {"dhcp-option=encap:175,vendor:x,1,1", nullptr, ValueKind::None, "test: 'inappropriate vendor:'"},
    {"dhcp-match=set:x,encap:175,1", nullptr, ValueKind::None, "src: 'inappropriate encap:'"},
    {"dhcp-match=set:a,set:b,60,foo", nullptr, ValueKind::None, "src: 'illegal dhcp-match' (two tags)"},
    {"dhcp-match=set:ipxe,175", "", ValueKind::None, "src (presence test)"},
    {"dhcp-match=set:x,vi-encap:3561", "", ValueKind::None, "src"},
};
// clang-format on

}  // namespace

TEST_CASE("dnsmasq values: golden wire bytes") {
  int checked = 0;
  for (const Row& r : kRows) {
    CAPTURE(r.line);
    CAPTURE(r.evidence);
    SourceSet sources;
    DiagnosticSink sink;
    auto m = read_text(std::string(r.line) + "\n", sink, sources);
    if (!r.hex) {
      CHECK_FALSE(m.has_value());
      CHECK(sink.has_errors());
      ++checked;
      continue;
    }
    REQUIRE(m.has_value());
    const OptionSpec* s = first_spec(*m);
    REQUIRE(s != nullptr);
    CHECK(to_hex(s->value.bytes) == r.hex);
    CHECK(s->value.kind == r.kind);
    ++checked;
  }
  CHECK(checked >= 40);
}

TEST_CASE("dnsmasq values: domain search list compression") {
  // obs e6: example.com,sub.example.com,. -> 07 example 03 com 00 03 sub c0 00 00
  SourceSet sources;
  DiagnosticSink sink;
  auto m = read_text("dhcp-option=option:domain-search,example.com,sub.example.com,.\n", sink, sources);
  REQUIRE(m);
  CHECK(to_hex(m->options[0].spec.value.bytes) == "076578616d706c6503636f6d0003737562c00000");
  CHECK(m->options[0].spec.value.domains == std::vector<std::string>{"example.com", "sub.example.com", "."});
}

TEST_CASE("dnsmasq values: dhcp-match wildcards and address rewrite flag") {
  SourceSet sources;
  DiagnosticSink sink;
  auto m = read_text("dhcp-match=set:x,250,01:*:03\ndhcp-option=212,0.0.0.0\ndhcp-option=encap:175,1,0.0.0.0\n", sink,
                     sources);
  REQUIRE(m);
  CHECK(m->matches[0].spec.value.wildcard == std::vector<bool>{false, true, false});
  CHECK(m->options[0].spec.value.rewritable_addr);
  CHECK_FALSE(m->options[1].spec.value.rewritable_addr);
}
