// Unit tests for sim/isc_server: one test per fact of isc-dhcpd-semantics.md's TL;DR and simulator checklist, on real parses.
#include <doctest/doctest.h>

#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "isc/parse.hpp"
#include "isc/resolve.hpp"
#include "sim/isc_server.hpp"

using namespace isc2dnsmasq;
using namespace isc2dnsmasq::sim;
using namespace std::literals;

namespace {

constexpr std::int64_t kNow = 1700000000;

Ipv4 ip(const char* s) { return *Ipv4::parse(s); }
Bytes text(std::string_view s) { return Bytes(s.begin(), s.end()); }

// A dhcpd.conf parsed with the real front end, resolved, and ready to answer.
struct Isc {
  SourceSet sources;
  DiagnosticSink sink;
  std::optional<isc::Config> config;
  std::optional<isc::Resolution> resolution;
  std::unique_ptr<IscServer> server;

  explicit Isc(std::string conf) {
    const auto& f = sources.add("dhcpd.conf", std::move(conf));
    config = isc::parse_isc(f, sources, sink);
    REQUIRE_MESSAGE(config, diagnostics());
    resolution = isc::resolve_options(*config, sink);
    REQUIRE_MESSAGE(!sink.has_errors(), diagnostics());
    server = std::make_unique<IscServer>(*config, &*resolution);
  }
  std::string diagnostics() const {
    std::string out;
    for (const auto& d : sink.all()) out += render_text(d) + "\n";
    return out;
  }
  Answer ask(const Scenario& s) const {
    SimOptions o;
    o.now = kNow;
    o.server_address = ip("192.0.2.1");
    return server->answer(s, o);
  }
};

// The experiments' default client: direct on 192.0.2.1, PRL 1,3,6,12,15,28,42,51,54,58,59.
Scenario client(const char* mac = "02:00:00:00:00:01", MessageType m = MessageType::Discover) {
  Scenario s;
  s.message = m;
  s.chaddr = *HwAddr::parse(mac);
  s.interface = ip("192.0.2.1");
  s.options.push_back({55, {1, 3, 6, 12, 15, 28, 42, 51, 54, 58, 59}});
  return s;
}
Scenario& set(Scenario& s, std::uint8_t code, Bytes v) {
  for (auto& o : s.options)
    if (o.code == code) {
      o.value = std::move(v);
      return s;
    }
  s.options.push_back({code, std::move(v)});
  return s;
}
Scenario& drop(Scenario& s, std::uint8_t code) {
  std::erase_if(s.options, [&](const ClientOption& o) { return o.code == code; });
  return s;
}
Scenario& prl(Scenario& s, std::initializer_list<std::uint8_t> codes) { return set(s, 55, Bytes(codes)); }

std::vector<int> codes(const Answer& a) {
  std::vector<int> out;
  for (const auto& o : a.options) out.push_back(o.code);
  return out;
}
std::string opt_text(const Answer& a, std::uint8_t code) {
  const Bytes* b = a.option(code);
  return b ? std::string(b->begin(), b->end()) : std::string("-");
}
std::string opt_hex(const Answer& a, std::uint8_t code) {
  const Bytes* b = a.option(code);
  return b ? to_hex(*b) : std::string("-");
}

const char* kSubnet = "subnet 192.0.2.0 netmask 255.255.255.128 { range 192.0.2.10 192.0.2.20; }\n";

}  // namespace

// ---------------------------------------------------------------------------------------------
// TL;DR 1: precedence host > host's groups > classes (first declared) > pool > subnet > global

TEST_CASE("isc server: precedence host > group of host > first class > second class > pool > subnet > global (e2)") {
  Isc isc(R"(ping-check false;
option domain-name "global"; option nis-domain "global"; option root-path "global";
option merit-dump "global"; option extensions-path "global";
class "c1" { match if substring(hardware,1,1) = 02; option domain-name "class-c1"; option nis-domain "class-c1"; option root-path "class-c1"; }
class "c2" { match if substring(hardware,2,1) = 00; option domain-name "class-c2"; option nis-domain "class-c2"; option merit-dump "class-c2"; }
subnet 192.0.2.0 netmask 255.255.255.128 {
  option domain-name "subnet"; option nis-domain "subnet"; option root-path "subnet"; option extensions-path "subnet";
  option nisplus-domain "subnet";
  pool { range 192.0.2.10 192.0.2.20; option domain-name "pool"; option nisplus-domain "pool"; }
}
group { option domain-name "hostgroup"; option extensions-path "hostgroup";
  host h1 { hardware ethernet 02:00:00:00:00:01; option domain-name "host"; } }
)");
  Scenario s = client();
  prl(s, {15, 40, 17, 14, 18, 64});
  Answer a = isc.ask(s);
  CHECK(a.reply == Reply::Offer);
  CHECK(opt_text(a, 15) == "host");
  CHECK(opt_text(a, 18) == "hostgroup");
  CHECK(opt_text(a, 40) == "class-c1");
  CHECK(opt_text(a, 17) == "class-c1");
  CHECK(opt_text(a, 14) == "class-c2");
  CHECK(opt_text(a, 64) == "pool");
  // A client in neither class nor host: pool > subnet > global.
  Scenario o = client("04:01:00:00:00:09");
  prl(o, {15, 40, 14, 64});
  Answer b = isc.ask(o);
  CHECK(opt_text(b, 15) == "pool");
  CHECK(opt_text(b, 40) == "subnet");
  CHECK(opt_text(b, 14) == "global");
}

TEST_CASE("isc server: a fixed-less host declared in another subnet leaks that subnet's options (e16)") {
  Isc isc(R"(option domain-name "global";
subnet 192.0.2.0 netmask 255.255.255.128 { option domain-name "X"; range 192.0.2.10 192.0.2.20; }
subnet 192.0.2.192 netmask 255.255.255.192 { option domain-name "Y"; option nis-domain "Y";
  host hleak { hardware ethernet 02:00:00:00:00:02; } }
)");
  Scenario s = client("02:00:00:00:00:02");
  prl(s, {15, 40});
  Answer a = isc.ask(s);
  CHECK(a.yiaddr == ip("192.0.2.10"));
  CHECK(opt_text(a, 15) == "Y");
  CHECK(opt_text(a, 40) == "Y");
  CHECK(opt_text(isc.ask(prl(s = client("02:00:00:00:00:09"), {15})), 15) == "X");
}

TEST_CASE("isc server: in an explicit shared-network a host in the subnet re-applies the subnet over the pool (e23)") {
  Isc isc(R"(shared-network S { subnet 192.0.2.0 netmask 255.255.255.128 {
    option domain-name "subnet";
    pool { range 192.0.2.10 192.0.2.20; option domain-name "pool"; }
    host h { hardware ethernet 02:00:00:00:00:01; } } }
)");
  Scenario s = client();
  CHECK(opt_text(isc.ask(s), 15) == "subnet");
  CHECK(opt_text(isc.ask(client("02:00:00:00:00:02")), 15) == "pool");
}

// ---------------------------------------------------------------------------------------------
// TL;DR 2: classes run before host lookup; at most 5; BOOTP never classified

TEST_CASE("isc server: match if known and match if static never match, subnet-level if known works (e7)") {
  Isc isc(R"(class "k" { match if known; option domain-name "known-class"; }
class "s" { match if static; option root-path "static-class"; }
host hfix { hardware ethernet 02:00:00:00:00:01; fixed-address 192.0.2.50; }
subnet 192.0.2.0 netmask 255.255.255.128 {
  if known { option nis-domain "if-known"; } else { option nis-domain "if-unknown"; }
  if static { option extensions-path "if-static"; }
  range 192.0.2.10 192.0.2.20; }
)");
  Scenario s = client();
  prl(s, {15, 17, 40, 18});
  Answer a = isc.ask(s);
  CHECK(a.yiaddr == ip("192.0.2.50"));
  CHECK(a.option(15) == nullptr);
  CHECK(a.option(17) == nullptr);
  CHECK(opt_text(a, 40) == "if-known");
  CHECK(opt_text(a, 18) == "if-static");
  Scenario u = client("02:00:00:00:00:09");
  prl(u, {40, 18});
  Answer b = isc.ask(u);
  CHECK(opt_text(b, 40) == "if-unknown");
  CHECK(b.option(18) == nullptr);
}

TEST_CASE("isc server: at most 5 classes per packet, the 6th matching class is ignored (e20)") {
  Isc isc(R"(class "c1" { match if substring(hardware,1,1) = 02; if known { option root-path "c1-known"; } else { option root-path "c1-unknown"; } }
class "c2" { match if substring(hardware,1,1) = 02; option merit-dump "c2"; }
class "c3" { match if substring(hardware,1,1) = 02; option extensions-path "c3"; }
class "c4" { match if substring(hardware,1,1) = 02; option nis-domain "c4"; }
class "c5" { match if substring(hardware,1,1) = 02; option nisplus-domain "c5"; }
class "c6" { match if substring(hardware,1,1) = 02; option domain-name "c6"; }
host k { hardware ethernet 02:00:00:00:00:01; }
subnet 192.0.2.0 netmask 255.255.255.128 { range 192.0.2.10 192.0.2.20; }
)");
  Scenario s = client();
  prl(s, {17, 14, 18, 40, 64, 15});
  Answer a = isc.ask(s);
  CHECK(opt_text(a, 17) == "c1-known");  // class bodies run at ack time: known works there
  CHECK(opt_text(a, 64) == "c5");
  CHECK(a.option(15) == nullptr);
}

TEST_CASE("isc server: BOOTP requests are never classified") {
  Isc isc(R"(class "all" { match if substring(hardware,1,1) = 02; option domain-name "class"; }
subnet 192.0.2.0 netmask 255.255.255.128 { range dynamic-bootp 192.0.2.10 192.0.2.20; }
)");
  Scenario s = client("02:00:00:00:00:01", MessageType::Bootp);
  drop(s, 55);
  Answer a = isc.ask(s);
  CHECK(a.reply == Reply::Bootp);
  CHECK(a.yiaddr == ip("192.0.2.10"));
  CHECK(a.option(15) == nullptr);
  CHECK(a.option(53) == nullptr);
  CHECK(a.option(51) == nullptr);
  Scenario d = client();
  prl(d, {15});
  CHECK(opt_text(isc.ask(d), 15) == "class");
}

// ---------------------------------------------------------------------------------------------
// TL;DR 3: PRL rules and order

TEST_CASE("isc server: with a PRL unrequested options are not sent, order follows the PRL, 3,1 becomes 1,3 (e1)") {
  Isc isc(R"(subnet 192.0.2.0 netmask 255.255.255.128 { range 192.0.2.10 192.0.2.20;
  option routers 192.0.2.1; option domain-name-servers 192.0.2.2; option domain-name "example.org"; option ntp-servers 192.0.2.3; }
)");
  Scenario s = client();
  prl(s, {3, 1, 6});
  Answer a = isc.ask(s);
  CHECK(codes(a) == std::vector<int>{53, 54, 51, 1, 3, 6});
  CHECK(opt_hex(a, 54) == "c0000201");
  CHECK(opt_hex(a, 51) == "0000a8c0");
  CHECK(a.option(42) == nullptr);
  CHECK(a.option(15) == nullptr);
}

TEST_CASE("isc server: without a PRL every option is sent in hash-bucket order (e1, e5)") {
  Isc e1(R"(subnet 192.0.2.0 netmask 255.255.255.128 { range 192.0.2.10 192.0.2.20;
  option routers 192.0.2.1; option domain-name-servers 192.0.2.2; option domain-name "example.org"; option ntp-servers 192.0.2.3; }
)");
  Scenario s = client();
  drop(s, 55);
  CHECK(codes(e1.ask(s)) == std::vector<int>{53, 54, 51, 1, 3, 6, 42, 15});
  Isc e5(R"(option ien116-name-servers 192.0.2.5; option ieee802-3-encapsulation true; option smtp-server 192.0.2.25;
option time-offset -3600; option dhcp-renewal-time 1000; option dhcp-rebinding-time 50000;
subnet 192.0.2.0 netmask 255.255.255.128 { range 192.0.2.10 192.0.2.20; option ien116-name-servers 192.0.2.6;
  option ntp-servers 192.0.2.123; option subnet-mask 255.255.255.0; option host-name "hn"; }
)");
  Answer a = e5.ask(s);
  CHECK(codes(a) == std::vector<int>{53, 54, 51, 58, 1, 12, 2, 36, 5, 69, 42});
  CHECK(opt_hex(a, 1) == "ffffff00");  // configured subnet-mask overrides the subnet's
  CHECK(opt_hex(a, 5) == "c0000206");
}

TEST_CASE("isc server: PRL 15,3,119 with 1 appended is sent as 15,1,119,3; configured PRL and default/append/prepend (e14)") {
  Isc isc(R"(option domain-name "base"; option domain-search "a.example", "b.example"; option ntp-servers 192.0.2.123; option nis-domain "nis";
class "prl-override" { match if substring(hardware,6,1) = 01; option dhcp-parameter-request-list 40,3,1; }
class "prl-append" { match if substring(hardware,6,1) = 02; option dhcp-parameter-request-list = concat(option dhcp-parameter-request-list, 2a); }
class "defaults" { match if substring(hardware,6,1) = 03; default domain-name "from-default"; default routers 192.0.2.77; append domain-name ".app"; prepend domain-search "p.example"; }
class "sid" { match if substring(hardware,6,1) = 04; option dhcp-server-identifier 192.0.2.44; echo-client-id on; }
subnet 192.0.2.0 netmask 255.255.255.128 { range 192.0.2.10 192.0.2.20; }
)");
  Scenario s1 = client("02:00:00:00:00:01");
  CHECK(codes(isc.ask(s1)) == std::vector<int>{53, 54, 51, 40, 1});
  Scenario s2 = client("02:00:00:00:00:02");
  prl(s2, {1, 3});
  Answer a2 = isc.ask(s2);
  CHECK(codes(a2) == std::vector<int>{53, 54, 51, 1, 42});
  Scenario s3 = client("02:00:00:00:00:03");
  prl(s3, {15, 3, 119});
  Answer a3 = isc.ask(s3);
  CHECK(codes(a3) == std::vector<int>{53, 54, 51, 15, 1, 119, 3});
  CHECK(opt_text(a3, 15) == "base.app");
  CHECK(opt_hex(a3, 3) == "c000024d");
  CHECK(opt_hex(a3, 119) == "0170076578616d706c65000161c0020162c002");
  Scenario s4 = client("02:00:00:00:00:04");
  set(s4, 61, {1, 2, 0, 0, 0, 0, 4});
  prl(s4, {1});
  Answer a4 = isc.ask(s4);
  CHECK(opt_hex(a4, 54) == "c000022c");
  CHECK(opt_hex(a4, 61) == "01020000000004");
  CHECK(codes(a4) == std::vector<int>{53, 54, 51, 61, 1});
}

// ---------------------------------------------------------------------------------------------
// TL;DR 4: encapsulation

TEST_CASE("isc server: option 43 from vendor-option-space has no END, explicit value wins, sent only if requested (e4)") {
  Isc isc(R"(option space pxe;
option pxe.mtftp-ip code 1 = ip-address;
option pxe.discovery-control code 6 = unsigned integer 8;
option pxe.boot-menu code 9 = { unsigned integer 16, unsigned integer 8, text };
option pxe.mtftp-ip 192.0.2.3; option pxe.discovery-control 8; option pxe.boot-menu 0 4 "x";
subnet 192.0.2.0 netmask 255.255.255.128 { range 192.0.2.10 192.0.2.20;
  class "a" { match if substring(hardware,6,1) = 01; vendor-option-space pxe; }
  class "b" { match if substring(hardware,6,1) = 02; option vendor-encapsulated-options 01:02:03:04; vendor-option-space pxe; }
  class "c" { match if substring(hardware,6,1) = 03; } }
)");
  Scenario a = client("02:00:00:00:00:01");
  prl(a, {1, 43});
  CHECK(opt_hex(isc.ask(a), 43) == "0104c0000203060108090400000478");
  prl(a, {1});
  CHECK(isc.ask(a).option(43) == nullptr);
  drop(a, 55);
  CHECK(opt_hex(isc.ask(a), 43) == "0104c0000203060108090400000478");
  Scenario b = client("02:00:00:00:00:02");
  prl(b, {1, 43});
  CHECK(opt_hex(isc.ask(b), 43) == "01020304");
  Scenario c = client("02:00:00:00:00:03");
  drop(c, 55);
  CHECK(isc.ask(c).option(43) == nullptr);
}

TEST_CASE("isc server: a user encapsulation is built in hash order without END; zero-length values are skipped (e3)") {
  Isc isc(R"(option space foo;
option foo.one code 1 = text; option foo.two code 2 = ip-address; option foo.eighteen code 18 = unsigned integer 8;
option foo.forty code 40 = unsigned integer 16; option foo.empty code 3 = text;
option foo-encap code 224 = encapsulate foo;
option foo.one "hello"; option foo.eighteen 1; option foo.two 192.0.2.7; option foo.forty 258; option foo.empty "";
subnet 192.0.2.0 netmask 255.255.255.128 { range 192.0.2.10 192.0.2.20; }
)");
  Scenario s = client();
  prl(s, {224});
  CHECK(opt_hex(isc.ask(s), 224) == "120101" "010568656c6c6f" "0204c0000207" "28020102");
}

TEST_CASE("isc server: iPXE feature tests decode option 175 as sub-options, so a byte elsewhere does not count") {
  Isc isc(R"(option space ipxe;
option ipxe-encap-opts code 175 = encapsulate ipxe;
option ipxe.http code 19 = unsigned integer 8;
subnet 192.0.2.0 netmask 255.255.255.128 { range 192.0.2.10 192.0.2.20;
  if exists ipxe.http { filename "http://boot/ipxe"; } else { filename "undionly.kpxe"; } }
)");
  Scenario real = client();
  set(real, 175, {19, 1, 1});
  CHECK(isc.ask(real).file == "http://boot/ipxe");
  Scenario adversarial = client();
  set(adversarial, 175, {16, 1, 19, 21, 1, 19});  // byte 19 as a value, no sub-option 19
  CHECK(isc.ask(adversarial).file == "undionly.kpxe");
}

// ---------------------------------------------------------------------------------------------
// TL;DR 5: siaddr, file, sname

TEST_CASE("isc server: siaddr 0 unless next-server; filename/server-name fill only file/sname, never 67/66 (e1, e12)") {
  Isc plain(kSubnet);
  CHECK(plain.ask(client()).siaddr == Ipv4{});
  Isc isc(R"(subnet 192.0.2.0 netmask 255.255.255.128 { range 192.0.2.10 192.0.2.20;
  filename "pxelinux.0"; server-name "bootsrv"; next-server 192.0.2.99; }
)");
  Scenario s = client();
  prl(s, {1, 66, 67});
  Answer a = isc.ask(s);
  CHECK(a.siaddr == ip("192.0.2.99"));
  CHECK(a.file == "pxelinux.0");
  CHECK(a.sname == "bootsrv");
  CHECK(a.option(66) == nullptr);
  CHECK(a.option(67) == nullptr);
}

// ---------------------------------------------------------------------------------------------
// TL;DR 6: lease times

TEST_CASE("isc server: lease times: no T1/T2 by default, 300 minimum, infinite, max, client request (e6)") {
  Isc isc(R"(class "t1" { match if substring(hardware,6,1) = 01; default-lease-time 60; }
class "t2" { match if substring(hardware,6,1) = 02; default-lease-time 60; min-lease-time 30; }
class "t3" { match if substring(hardware,6,1) = 03; default-lease-time infinite; max-lease-time infinite; }
class "t4" { match if substring(hardware,6,1) = 04; max-lease-time 100; }
class "t5" { match if substring(hardware,6,1) = 05; default-lease-time 1000; option dhcp-renewal-time 600; option dhcp-rebinding-time 500; }
subnet 192.0.2.0 netmask 255.255.255.128 { range 192.0.2.10 192.0.2.20; }
)");
  Answer d = isc.ask(client("02:00:00:00:00:09"));
  CHECK(d.lease_time == 43200u);
  CHECK(d.option(58) == nullptr);
  CHECK(d.option(59) == nullptr);
  CHECK(isc.ask(client("02:00:00:00:00:01")).lease_time == 300u);
  CHECK(isc.ask(client("02:00:00:00:00:02")).lease_time == 60u);
  CHECK(isc.ask(client("02:00:00:00:00:03")).lease_time == static_cast<std::uint32_t>(0x7fffffffLL - kNow));
  CHECK(isc.ask(client("02:00:00:00:00:04")).lease_time == 100u);
  Scenario ask10 = client("02:00:00:00:00:09");
  set(ask10, 51, {0, 0, 0, 10});
  CHECK(isc.ask(ask10).lease_time == 300u);
  set(ask10, 51, {0, 3, 0x0d, 0x40});  // 200000
  CHECK(isc.ask(ask10).lease_time == 86400u);
  Answer t5 = isc.ask(client("02:00:00:00:00:05"));
  CHECK(t5.lease_time == 1000u);
  CHECK(t5.option(58) == nullptr);  // 600 is not below T2 500
  CHECK(opt_hex(t5, 59) == "000001f4");
}

// ---------------------------------------------------------------------------------------------
// TL;DR 7: first address of a fresh server

TEST_CASE("isc server: the first permitted pool offers its lowest address; interleaved ranges put the last run first (e1, e11)") {
  Isc e1(kSubnet);
  Answer a = e1.ask(client());
  CHECK(a.yiaddr == ip("192.0.2.10"));
  CHECK(a.pool.str() == "192.0.2.10-192.0.2.20");
  Isc e11(R"(subnet 192.0.2.0 netmask 255.255.255.128 {
  pool { range 192.0.2.10 192.0.2.11; range 192.0.2.30 192.0.2.31; option root-path "A"; }
  pool { range 192.0.2.20 192.0.2.21; option root-path "B"; } }
)");
  Scenario s = client();
  prl(s, {17});
  Answer b = e11.ask(s);
  CHECK(b.yiaddr == ip("192.0.2.30"));
  CHECK(opt_text(b, 17) == "A");
}

TEST_CASE("isc server: a bare range after a restricted pool joins the restricted pool (anonymous pool bug, e10)") {
  Isc isc(R"(class "never" { match if substring(hardware,1,1) = ee; }
subnet 192.0.2.0 netmask 255.255.255.128 {
  pool { allow members of "never"; range 192.0.2.10 192.0.2.10; }
  range 192.0.2.20 192.0.2.20;
  range 192.0.2.30 192.0.2.30; }
)");
  Answer non = isc.ask(client());
  CHECK(non.yiaddr == ip("192.0.2.20"));
  CHECK(non.pool.str() == "192.0.2.20");
  Answer member = isc.ask(client("ee:00:00:00:00:01"));
  CHECK(member.yiaddr == ip("192.0.2.30"));
  CHECK(member.pool.str() == "192.0.2.10,192.0.2.20,192.0.2.30");
}

// TL;DR 8 (and checklist 11): ping check only delays the first OFFER.
TEST_CASE("isc server: ping-check changes timing only, not the answer") {
  Isc with(kSubnet);
  Isc without(std::string("ping-check false;\n") + kSubnet);
  Answer a = with.ask(client()), b = without.ask(client());
  a.why.clear();
  b.why.clear();
  CHECK(a == b);
}

// ---------------------------------------------------------------------------------------------
// TL;DR 9: expression quirks

TEST_CASE("isc server: expressions: false and X is NULL, two absent options are equal, + binds tighter than * (e8)") {
  Isc isc(R"(subnet 192.0.2.0 netmask 255.255.255.128 { range 192.0.2.10 192.0.2.20;
  if not (false and true) { option domain-name "T"; } else { option domain-name "F"; }
  if option nis-domain = option nisplus-domain { option root-path "T"; } else { option root-path "F"; }
  option merit-dump = binary-to-ascii(10, 8, "", encode-int(1 + 2 * 3, 8));
  option extensions-path = binary-to-ascii(10, 8, "", encode-int(2 * 3 + 1, 8));
  option nis-domain = binary-to-ascii(16, 8, ":", substring(hardware, 1, 6));
  if exists host-name { option nisplus-domain = option host-name; }
  option netbios-scope = concat("a", option vendor-class-identifier);
  option nds-tree-name = substring("abc", 5, 1);
  option nds-context = suffix("abcdef", 2); }
)");
  Scenario s = client("02:00:00:00:00:09");
  prl(s, {15, 17, 14, 18, 40, 64, 47, 86, 87});
  set(s, 12, text("myhost\0"sv));
  Answer a = isc.ask(s);
  // Every text option carries one NUL: the client's host-name arrived with one (MS NUL rule).
  CHECK(opt_text(a, 15) == "F\0"s);
  CHECK(opt_text(a, 17) == "T\0"s);
  CHECK(opt_text(a, 14) == "9\0"s);
  CHECK(opt_text(a, 18) == "8\0"s);
  CHECK(opt_text(a, 40) == "2:0:0:0:0:9\0"s);      // t option: MS NUL rule applies (host-name had a NUL)
  CHECK(opt_text(a, 64) == "myhost\0"s);           // option host-name arrived without its NUL
  CHECK(a.option(47) == nullptr);                  // concat with NULL is NULL: not sent
  CHECK(a.option(86) == nullptr);                  // substring past the end: empty, not sent
  CHECK(opt_text(a, 87) == "ef\0"s);
}

// ---------------------------------------------------------------------------------------------
// TL;DR 10 and §11.2: authoritative and NAK

TEST_CASE("isc server: REQUEST rules: no NAK for unknown in-subnet addresses, NAK for foreign only when authoritative (e13)") {
  std::string conf = R"(subnet 192.0.2.0 netmask 255.255.255.128 { range 192.0.2.10 192.0.2.20; }
subnet 192.0.2.192 netmask 255.255.255.192 { range 192.0.2.200 192.0.2.210; }
)";
  Isc na("not authoritative;\n" + conf);
  Isc au("authoritative;\n" + conf);
  Scenario in_subnet = client("02:00:00:00:00:01", MessageType::Request);
  set(in_subnet, 50, ip("192.0.2.100").bytes());
  CHECK(na.ask(in_subnet).reply == Reply::None);
  CHECK(au.ask(in_subnet).reply == Reply::None);
  Scenario foreign = client("02:00:00:00:00:01", MessageType::Request);
  set(foreign, 50, ip("192.0.2.200").bytes());
  CHECK(na.ask(foreign).reply == Reply::None);
  Answer nak = au.ask(foreign);
  CHECK(nak.reply == Reply::Nak);
  CHECK(codes(nak) == std::vector<int>{53, 54, 56});
  CHECK(opt_text(nak, 56) == "requested address not available");
  Scenario ok = client("02:00:00:00:00:01", MessageType::Request);
  set(ok, 50, ip("192.0.2.15").bytes());
  Answer ack = na.ask(ok);
  CHECK(ack.reply == Reply::Ack);
  CHECK(ack.yiaddr == ip("192.0.2.15"));
}

TEST_CASE("isc server: a client with a fixed address requesting another gets a NAK even when not authoritative") {
  Isc isc(R"(host f { hardware ethernet 02:00:00:00:00:01; fixed-address 192.0.2.50; }
subnet 192.0.2.0 netmask 255.255.255.128 { range 192.0.2.10 192.0.2.20; }
)");
  Scenario s = client("02:00:00:00:00:01", MessageType::Request);
  set(s, 50, ip("192.0.2.12").bytes());
  Answer a = isc.ask(s);
  CHECK(a.reply == Reply::Nak);
  CHECK(opt_text(a, 56) == "requested address is incorrect");
  set(s, 50, ip("192.0.2.50").bytes());
  CHECK(isc.ask(s).reply == Reply::Ack);
}

TEST_CASE("isc server: authoritative written after a subnet does not apply to it (e21)") {
  Isc isc(R"(subnet 192.0.2.0 netmask 255.255.255.128 { range 192.0.2.10 192.0.2.20; }
authoritative;
)");
  Scenario s = client("02:00:00:00:00:01", MessageType::Request);
  set(s, 50, ip("198.51.100.7").bytes());
  CHECK(isc.ask(s).reply == Reply::None);
}

// ---------------------------------------------------------------------------------------------
// TL;DR 11: known for pools vs deny unknown-clients in the subnet

TEST_CASE("isc server: a host with a fixed address elsewhere is known for pools but dropped by subnet deny unknown-clients (e7, e7b)") {
  Isc pools(R"(host hother { hardware ethernet 02:00:00:00:00:02; fixed-address 192.0.2.200; option merit-dump "hother"; }
subnet 192.0.2.0 netmask 255.255.255.128 {
  pool { allow known-clients; range 192.0.2.10 192.0.2.12; }
  pool { allow unknown-clients; range 192.0.2.20 192.0.2.22; } }
subnet 192.0.2.192 netmask 255.255.255.192 { }
)");
  Scenario s = client("02:00:00:00:00:02");
  prl(s, {14});
  Answer a = pools.ask(s);
  CHECK(a.yiaddr == ip("192.0.2.10"));
  CHECK(a.option(14) == nullptr);  // fixed-address hosts never give options to dynamic leases
  CHECK(pools.ask(client("02:00:00:00:00:09")).yiaddr == ip("192.0.2.20"));
  Isc deny(R"(host hother { hardware ethernet 02:00:00:00:00:02; fixed-address 192.0.2.200; }
host hnofix { hardware ethernet 02:00:00:00:00:03; }
subnet 192.0.2.0 netmask 255.255.255.128 { deny unknown-clients; range 192.0.2.10 192.0.2.20; }
subnet 192.0.2.192 netmask 255.255.255.192 { }
)");
  CHECK(deny.ask(client("02:00:00:00:00:02")).reply == Reply::None);
  CHECK(deny.ask(client("02:00:00:00:00:03")).reply == Reply::Offer);
  CHECK(deny.ask(client("02:00:00:00:00:09")).reply == Reply::None);
}

// ---------------------------------------------------------------------------------------------
// Simulator checklist

TEST_CASE("isc checklist 1: zero-length client identifier and hlen over 16 drop the packet") {
  Isc isc(kSubnet);
  Scenario s = client();
  set(s, 61, {});
  CHECK(isc.ask(s).reply == Reply::None);
  Scenario h = client();
  h.chaddr.addr.assign(17, 1);
  CHECK(isc.ask(h).reply == Reply::None);
}

TEST_CASE("isc checklist 2: duplicate options concatenate, text options lose trailing NULs, host-name NUL adds one to text replies") {
  Isc isc(R"(class "ipxe" { match if option user-class = "iPXE"; option domain-name "ipxe"; }
class "vc" { match if option vendor-class-identifier = "PXEClient"; option root-path "vc"; }
subnet 192.0.2.0 netmask 255.255.255.128 { range 192.0.2.10 192.0.2.20; }
)");
  Scenario s = client();
  prl(s, {15, 17});
  set(s, 77, text("iPXE\0"sv));
  s.options.push_back({60, text("PXE")});
  s.options.push_back({60, text("Client")});
  Answer a = isc.ask(s);
  CHECK(opt_text(a, 15) == "ipxe");
  CHECK(opt_text(a, 17) == "vc");
  set(s, 12, text("pc\0"sv));
  CHECK(opt_text(isc.ask(s), 15) == "ipxe\0"s);
}

TEST_CASE("isc checklist 3: network from link-selection, subnet-selection, giaddr, else the interface; unknown network drops (e12)") {
  Isc isc(R"(subnet 192.0.2.0 netmask 255.255.255.128 { range 192.0.2.10 192.0.2.20; }
shared-network relaynet { option domain-name "relaynet";
  subnet 192.0.2.128 netmask 255.255.255.192 { option routers 192.0.2.129; }
  subnet 192.0.2.192 netmask 255.255.255.192 { range 192.0.2.200 192.0.2.210; option routers 192.0.2.193; } }
)");
  Scenario r = client();
  r.interface.reset();
  r.relay = ip("192.0.2.129");
  prl(r, {3, 15});
  set(r, 82, {1, 3, 'c', 'i', 'd'});
  Answer a = isc.ask(r);
  CHECK(a.yiaddr == ip("192.0.2.200"));  // served from the sibling subnet's range
  CHECK(opt_hex(a, 3) == "c00002c1");
  CHECK(opt_text(a, 15) == "relaynet");
  CHECK(a.options.back().code == 82);
  CHECK(opt_hex(a, 1) == "ffffffc0");
  Scenario sel = client();
  set(sel, 118, ip("192.0.2.200").bytes());
  prl(sel, {1, 3});
  Answer b = isc.ask(sel);
  CHECK(b.yiaddr == ip("192.0.2.200"));
  CHECK(codes(b) == std::vector<int>{53, 54, 51, 118, 1, 3});
  Scenario lost = client();
  lost.interface.reset();
  lost.relay = ip("198.51.100.1");
  CHECK(isc.ask(lost).reply == Reply::None);
}

TEST_CASE("isc checklist 4: subclasses by match value override the parent; members of includes subclasses (e9)") {
  Isc isc(R"(class "vc" { match option vendor-class-identifier; option domain-name "parent"; option root-path "parent"; }
subclass "vc" "MSFT 5.0" { option domain-name "msft"; }
subclass "vc" "PXEClient";
subnet 192.0.2.0 netmask 255.255.255.128 {
  pool { allow members of "vc"; range 192.0.2.10 192.0.2.12; }
  pool { deny members of "vc"; range 192.0.2.20 192.0.2.22; } }
)");
  Scenario m = client();
  prl(m, {15, 17});
  set(m, 60, text("MSFT 5.0"));
  Answer a = isc.ask(m);
  CHECK(a.yiaddr == ip("192.0.2.10"));
  CHECK(opt_text(a, 15) == "msft");
  CHECK(opt_text(a, 17) == "parent");
  set(m, 60, text("PXEClient"));
  CHECK(opt_text(isc.ask(m), 15) == "parent");
  set(m, 60, text("other"));
  Answer o = isc.ask(m);
  CHECK(o.yiaddr == ip("192.0.2.20"));
  CHECK(o.option(15) == nullptr);
}

TEST_CASE("isc checklist 5: requested free address honoured; uid host wins over a hardware host with fixed address (e16)") {
  Isc isc(R"(host hA { uid 01:02:00:00:00:00:01; option merit-dump "hA-uid"; }
host hB { hardware ethernet 02:00:00:00:00:01; fixed-address 192.0.2.51; option merit-dump "hB-hw"; }
subnet 192.0.2.0 netmask 255.255.255.128 { range 192.0.2.10 192.0.2.20; }
)");
  Scenario s = client();
  prl(s, {14});
  set(s, 61, {1, 2, 0, 0, 0, 0, 1});
  Answer a = isc.ask(s);
  CHECK(a.yiaddr == ip("192.0.2.10"));
  CHECK(opt_text(a, 14) == "hA-uid");
  drop(s, 61);
  Answer b = isc.ask(s);
  CHECK(b.yiaddr == ip("192.0.2.51"));
  CHECK(opt_text(b, 14) == "hB-hw");
  Scenario r = client("02:00:00:00:00:09");
  set(r, 50, ip("192.0.2.17").bytes());
  CHECK(isc.ask(r).yiaddr == ip("192.0.2.17"));
}

TEST_CASE("isc checklist 5: host-identifier and dhcp-client-identifier in a host make the client known (e7)") {
  Isc isc(R"(host hid { host-identifier option vendor-class-identifier "hid"; option merit-dump "hid"; }
host hcid { option dhcp-client-identifier "myid"; option merit-dump "hcid"; }
subnet 192.0.2.0 netmask 255.255.255.128 { pool { allow known-clients; range 192.0.2.10 192.0.2.12; } }
)");
  Scenario a = client();
  prl(a, {14});
  CHECK(isc.ask(a).reply == Reply::None);
  set(a, 60, text("hid"));
  CHECK(opt_text(isc.ask(a), 14) == "hid");
  Scenario b = client();
  prl(b, {14});
  set(b, 61, text("myid"));
  CHECK(opt_text(isc.ask(b), 14) == "hcid");
}

TEST_CASE("isc checklist 6: switch falls through to break, default when no case matches") {
  Isc isc(R"(subnet 192.0.2.0 netmask 255.255.255.128 { range 192.0.2.10 192.0.2.20;
  switch (option vendor-class-identifier) {
    case "a": option domain-name "case-a";
    case "b": option root-path "case-b"; break;
    default: option domain-name "default"; } }
)");
  Scenario s = client();
  prl(s, {15, 17});
  set(s, 60, text("a"));
  Answer a = isc.ask(s);
  CHECK(opt_text(a, 15) == "case-a");
  CHECK(opt_text(a, 17) == "case-b");
  set(s, 60, text("z"));
  Answer d = isc.ask(s);
  CHECK(opt_text(d, 15) == "default");
  CHECK(d.option(17) == nullptr);
}

TEST_CASE("isc checklist 7: drops in ack_lease: min-secs and deny booting") {
  Isc isc(R"(subnet 192.0.2.0 netmask 255.255.255.128 { range 192.0.2.10 192.0.2.20; min-secs 5;
  class "nb" { match if substring(hardware,6,1) = 07; deny booting; } }
)");
  Scenario s = client();
  CHECK(isc.ask(s).reply == Reply::None);
  s.secs = 5;
  CHECK(isc.ask(s).reply == Reply::Offer);
  Scenario nb = client("02:00:00:00:00:07");
  nb.secs = 9;
  CHECK(isc.ask(nb).reply == Reply::None);
}

TEST_CASE("isc checklist 8: server-added options: configured server identifier, subnet mask, use-host-decl-names (e12, e14)") {
  Isc isc(R"(use-host-decl-names on;
subnet 192.0.2.0 netmask 255.255.255.128 { range 192.0.2.10 192.0.2.20; }
host named1 { hardware ethernet 02:00:00:00:00:07; fixed-address 192.0.2.60; }
host named2 { hardware ethernet 02:00:00:00:00:08; }
)");
  Answer a = isc.ask(client("02:00:00:00:00:07"));
  CHECK(a.yiaddr == ip("192.0.2.60"));
  CHECK(opt_text(a, 12) == "named1");
  CHECK(opt_hex(a, 1) == "ffffff80");
  CHECK(opt_text(isc.ask(client("02:00:00:00:00:08")), 12) == "named2");
  CHECK(isc.ask(client("02:00:00:00:00:09")).option(12) == nullptr);
}

TEST_CASE("isc checklist 9: options that overflow the 312-byte area go to the file field with option 52 (e15)") {
  std::string x(90, 'x');
  Isc isc("subnet 192.0.2.0 netmask 255.255.255.128 { range 192.0.2.10 192.0.2.20;\n"
          "  option merit-dump \"" + x + "\"; option root-path \"" + x + "\"; option extensions-path \"" + x +
          "\"; option nis-domain \"" + x + "\"; }\n");
  Scenario s = client();
  prl(s, {14, 17, 18, 40});
  Answer a = isc.ask(s);
  CHECK(opt_hex(a, 52) == "01");
  CHECK(a.option(40) != nullptr);
  set(s, 57, {0x05, 0xdc});  // 1500
  CHECK(isc.ask(s).option(52) == nullptr);
}

TEST_CASE("isc checklist 10: site-option-space takes codes from the site space and hides dhcp codes above its minimum (e18)") {
  Isc isc(R"(option space site;
option site.foo code 224 = text; option site.bar code 230 = ip-address;
option dhcpfoo code 240 = text; option dhcp200 code 200 = text;
option site.foo "sitefoo"; option site.bar 192.0.2.230; option dhcpfoo "dhcp240"; option dhcp200 "dhcp200";
subnet 192.0.2.0 netmask 255.255.255.128 { range 192.0.2.10 192.0.2.20;
  class "s" { match if substring(hardware,6,1) = 01; site-option-space "site"; } }
)");
  Scenario s = client();
  prl(s, {200, 224, 230, 240});
  Answer a = isc.ask(s);
  CHECK(opt_text(a, 224) == "sitefoo");
  CHECK(opt_hex(a, 230) == "c00002e6");
  CHECK(a.option(240) == nullptr);
  CHECK(opt_text(a, 200) == "dhcp200");
  Answer b = isc.ask(prl(s = client("02:00:00:00:00:02"), {200, 224, 230, 240}));
  CHECK(b.option(224) == nullptr);
  CHECK(opt_text(b, 240) == "dhcp240");
}

TEST_CASE("isc server: INFORM is answered only when authoritative, without lease times, mask only without PRL (e19)") {
  std::string conf = R"(option domain-name "inf"; option dhcp-renewal-time 100;
subnet 192.0.2.0 netmask 255.255.255.128 { range 192.0.2.10 192.0.2.20; option routers 192.0.2.1; }
)";
  Isc au("authoritative;\n" + conf);
  Scenario s = client("02:00:00:00:00:01", MessageType::Inform);
  s.ciaddr = ip("192.0.2.33");
  prl(s, {3, 15});
  Answer a = au.ask(s);
  CHECK(a.reply == Reply::Ack);
  CHECK(!a.yiaddr);
  CHECK(codes(a) == std::vector<int>{53, 54, 3, 15});
  drop(s, 55);
  Answer b = au.ask(s);
  CHECK(b.option(1) != nullptr);
  CHECK(b.option(51) == nullptr);
  CHECK(b.option(58) == nullptr);
  Isc na(conf);
  CHECK(na.ask(s).reply == Reply::None);
}

TEST_CASE("isc server: why names the config line of every option and guard") {
  Isc isc(R"(subnet 192.0.2.0 netmask 255.255.255.128 {
  range 192.0.2.10 192.0.2.20;
  option routers 192.0.2.1;
}
)");
  Answer a = isc.ask(client());
  bool routers = false, yiaddr = false;
  for (const auto& w : a.why) {
    if (w.field == "option 3") routers = w.location == "dhcpd.conf:3";
    if (w.field == "yiaddr") yiaddr = w.location == "dhcpd.conf:2";
  }
  CHECK(routers);
  CHECK(yiaddr);
}

// ---------------------------------------------------------------------------------------------
// Lab findings (tests/lab/KNOWN_MISMATCHES.md, now fixed): option 82 echo, host names in options

TEST_CASE("isc server: option 82 is decoded into agent sub-options and encoded again, as real dhcpd echoes it (lab)") {
  Isc isc(kSubnet);
  // Each pair: what the client (or relay) sent, what real dhcpd 4.4.3 sent back ("-" = no option 82).
  const std::vector<std::pair<const char*, const char*>> cases = {
      {"0103616263", "0103616263"},      // a well-formed list: byte for byte
      {"01", "-"},                       // a code without its length byte: nothing decodes
      {"0101aa02", "0101aa"},            // the truncated tail is dropped, earlier sub-options stay
      {"0101aa0205bb", "0101aa"},        // a length past the end likewise
      {"0101aa000201bb", "0101aa"},      // code 0 is the agent space's END
      {"0100", "-"},                     // empty sub-options are not sent back
      {"01000201bb", "0201bb"},
      {"0101aa0201bb0101cc", "0101aa0201bb"},  // a repeated code keeps its first value
      {"0201bb0101aa", "0201bb0101aa"},        // first-seen order
      {"0902cdef0900ff01ee", "0902cdefff01ee"},
      {"13000101aa", "13000101aa"},      // relay-port (19) is format Z: sent empty
  };
  for (const auto& [sent, echoed] : cases) {
    CAPTURE(sent);
    Scenario s = client();
    set(s, 82, *parse_hex(sent));
    Answer direct = isc.ask(s);
    CHECK(direct.reply == Reply::Offer);
    CHECK(opt_hex(direct, 82) == echoed);
    if (std::string(echoed) != "-") CHECK(direct.options.back().code == 82);
    s.interface.reset();
    s.relay = ip("192.0.2.126");
    CHECK(opt_hex(isc.ask(s), 82) == echoed);
  }
}

TEST_CASE("isc server: agent sub-options after code 0 do not exist for class matching (the agent space's END is 0)") {
  Isc isc(R"(class "cid" { match if option agent.remote-id = "r"; option domain-name "matched"; }
subnet 192.0.2.0 netmask 255.255.255.128 { range 192.0.2.10 192.0.2.20; }
)");
  Scenario s = client();
  prl(s, {1, 15});
  set(s, 82, {2, 1, 'r'});
  CHECK(opt_text(isc.ask(s), 15) == "matched");
  set(s, 82, {1, 1, 'c', 0, 2, 1, 'r'});
  CHECK(opt_text(isc.ask(s), 15) == "-");
  set(s, 82, {2, 1, 'r', 2, 1, 'x'});  // first instance counts
  CHECK(opt_text(isc.ask(s), 15) == "matched");
  set(s, 82, {2, 1, 'x', 2, 1, 'r'});
  CHECK(opt_text(isc.ask(s), 15) == "-");
}

TEST_CASE("isc server: an option naming a host is left out (dhcpd's lookup fails without a resolver, as in the lab)") {
  Isc isc(R"(option domain-name-servers ns1.example.org, 192.0.2.53;
option ntp-servers 192.0.2.123;
subnet 192.0.2.0 netmask 255.255.255.128 { range 192.0.2.10 192.0.2.20; option log-servers 192.0.2.9; }
subnet 198.51.100.0 netmask 255.255.255.0 { range 198.51.100.10 198.51.100.20; option domain-name-servers 198.51.100.53; }
group { option domain-name-servers 192.0.2.54; option log-servers logger;
  host h { hardware ethernet 02:00:00:00:00:0a; } }
)");
  Scenario s = client();
  prl(s, {1, 3, 6, 7, 42});
  Answer a = isc.ask(s);
  CHECK(a.reply == Reply::Offer);
  CHECK(opt_hex(a, 6) == "-");  // not 0.0.0.0 + 192.0.2.53: the whole value fails
  CHECK(opt_hex(a, 42) == "c000027b");
  CHECK(opt_hex(a, 7) == "c0000209");
  bool explained = false;
  for (const auto& w : a.why)
    if (w.field == "option 6") explained = w.location == "dhcpd.conf:1" && w.reason.find("ns1.example.org") != std::string::npos;
  CHECK(explained);
  // A more specific scope with addresses wins; a more specific scope with a name hides the subnet's value.
  Scenario r = client();
  r.interface.reset();
  r.relay = ip("198.51.100.1");
  prl(r, {6});
  CHECK(opt_hex(isc.ask(r), 6) == "c6336435");
  Scenario h = client("02:00:00:00:00:0a");
  prl(h, {6, 7});
  Answer ha = isc.ask(h);
  CHECK(opt_hex(ha, 6) == "c0000236");
  CHECK(opt_hex(ha, 7) == "-");
}

TEST_CASE("isc server: append to a value with a host name fails as a whole") {
  Isc isc(R"(option domain-name-servers ns1.example.org;
subnet 192.0.2.0 netmask 255.255.255.128 { range 192.0.2.10 192.0.2.20; append domain-name-servers 192.0.2.53; }
)");
  Scenario s = client();
  prl(s, {6});
  CHECK(opt_hex(isc.ask(s), 6) == "-");
}

TEST_CASE("isc server: check \"default\" holds when the packet is in any class (seen in the lab)") {
  Isc isc(R"(class "pxe" { match if substring(option vendor-class-identifier, 0, 9) = "PXEClient"; }
subnet 192.0.2.0 netmask 255.255.255.0 { range 192.0.2.10 192.0.2.20;
  if check "default" { option domain-name "classified"; } }
)");
  Scenario in_class = client("02:00:00:00:00:0a");
  set(in_class, 60, text("PXEClient:Arch:00000"));
  prl(in_class, {15});
  CHECK(opt_text(isc.ask(in_class), 15) == "classified");
  Scenario plain = client("02:00:00:00:00:0b");
  prl(plain, {15});
  CHECK(isc.ask(plain).option(15) == nullptr);
}

TEST_CASE("isc server: hosts are found by hardware type and address of any length, first declared first, among thousands") {
  std::string conf = "subnet 192.0.2.0 netmask 255.255.255.0 { range 192.0.2.200 192.0.2.250; }\n"
                     "host eth { hardware ethernet 02:00:00:00:00:01; fixed-address 192.0.2.11; }\n"
                     "host tr { hardware token-ring 02:00:00:00:00:01; fixed-address 192.0.2.12; }\n"
                     "host short { hardware ethernet 02:00:07; fixed-address 192.0.2.13; }\n"
                     "host long { hardware ethernet 02:00:00:00:00:00:00:00:00:09; fixed-address 192.0.2.14; }\n"
                     "host dup1 { hardware ethernet 02:00:00:00:00:02; }\n"
                     "host dup2 { hardware ethernet 02:00:00:00:00:02; fixed-address 192.0.2.15; }\n";
  // Enough hosts that the index grows several times; each is still found.
  for (int i = 0; i < 3000; ++i)
    conf += fmt::format("host n{} {{ hardware ethernet 02:01:00:00:{:02x}:{:02x}; fixed-address 10.0.{}.{}; }}\n", i, i / 256,
                        i % 256, i / 200, i % 200 + 1);
  conf += "subnet 10.0.0.0 netmask 255.255.0.0 { }\n";
  Isc isc(conf);
  auto yiaddr = [&](const char* mac, std::uint8_t htype = 1) {
    Scenario s = client(mac);
    s.chaddr.htype = htype;
    Answer a = isc.ask(s);
    return a.yiaddr ? a.yiaddr->str() : std::string("-");
  };
  CHECK(yiaddr("02:00:00:00:00:01") == "192.0.2.11");
  CHECK(yiaddr("02:00:00:00:00:01", 6) == "192.0.2.12");
  CHECK(yiaddr("02:00:07") == "192.0.2.13");
  CHECK(yiaddr("02:00:00:00:00:00:00:00:00:09") == "192.0.2.14");
  CHECK(yiaddr("02:00:00:00:00:00:00:00:00:08") == "192.0.2.200");  // unknown: the pool
  CHECK(yiaddr("02:00:00:00:00:02") == "192.0.2.15");  // dup1 has no fixed address: dup2's
  Scenario s = client("02:00:00:00:00:02");
  bool matched_dup1 = false;
  for (const auto& w : isc.ask(s).why) matched_dup1 = matched_dup1 || w.reason == "host dup1 matched by hardware address";
  CHECK(matched_dup1);  // the chain starts with the first declaration
  s.interface = ip("10.0.0.1");
  for (int i : {0, 1, 255, 1024, 2999}) {
    s.chaddr = *HwAddr::parse(fmt::format("02:01:00:00:{:02x}:{:02x}", i / 256, i % 256));
    Answer a = isc.ask(s);
    REQUIRE(a.yiaddr);
    CHECK(a.yiaddr->str() == fmt::format("10.0.{}.{}", i / 200, i % 200 + 1));
  }
}
