// Unit tests of the lowering: precedence tiers, exact condition encodings, host merging, the report.
#include <doctest/doctest.h>

#include <functional>
#include <memory>
#include <string>

#include "dnsmasq/write.hpp"
#include "isc/parse.hpp"
#include "isc/resolve.hpp"
#include "translate/lower.hpp"
#include "translate/values.hpp"

using namespace isc2dnsmasq;

namespace {

struct Lowered {
  std::shared_ptr<SourceSet> sources;  ///< report spans point into it
  std::string text;
  translate::Report report;
  std::string diags;
};

// Lowers `conf`; `mutate`, when given, first changes its AST (for report rows that input `check`
// accepts cannot reach).
Lowered lower_mutated(const std::string& conf, const std::function<void(isc::Config&)>& mutate) {
  auto sources = std::make_shared<SourceSet>();
  DiagnosticSink sink;
  const SourceFile& f = sources->add("dhcpd.conf", conf);
  auto config = isc::parse_isc(f, *sources, sink);
  REQUIRE(config);
  auto res = isc::resolve_options(*config, sink);
  REQUIRE_FALSE(sink.has_errors());
  if (mutate) mutate(*config);
  translate::LowerOptions lo;
  lo.provenance = false;
  auto r = translate::lower(*config, res, lo, sink);
  Lowered out;
  out.sources = sources;
  out.text = dnsmasq::write_dnsmasq(r.model, {});
  out.report = r.report;
  for (const auto& d : sink.all()) out.diags += d.code + "\n";
  return out;
}

Lowered lower_text(const std::string& conf) { return lower_mutated(conf, nullptr); }

bool has_line(const std::string& text, const std::string& line) {
  return text.find("\n" + line + "\n") != std::string::npos || text.rfind(line + "\n", 0) == 0;
}

}  // namespace

TEST_CASE("translate lower: subnet option beats a later global one") {
  auto l = lower_text(
      "subnet 192.0.2.0 netmask 255.255.255.0 { range 192.0.2.10 192.0.2.20; option domain-name \"sub.example\"; }\n"
      "option domain-name \"glob.example\";\n");
  CHECK(has_line(l.text, "dhcp-option=option:domain-name,glob.example"));
  CHECK(has_line(l.text, "dhcp-option=tag:net-192-0-2-0,option:domain-name,sub.example"));
  // The tagged line is tier 2 and so wins over the untagged one wherever it is in the file.
  INFO(l.diags);
  CHECK(l.report.clean());
}

TEST_CASE("translate lower: the first declared class comes last") {
  auto l = lower_text(
      "class \"a\" { match if exists user-class; option domain-name \"aye.example\"; }\n"
      "class \"b\" { match if exists vendor-class-identifier; option domain-name \"bee.example\"; }\n"
      "subnet 192.0.2.0 netmask 255.255.255.0 { range 192.0.2.10 192.0.2.20; }\n");
  auto a = l.text.find("tag:class-a,option:domain-name,aye.example");
  auto b = l.text.find("tag:class-b,option:domain-name,bee.example");
  INFO(l.text);
  REQUIRE(a != std::string::npos);
  REQUIRE(b != std::string::npos);
  CHECK(b < a);
}

TEST_CASE("translate lower: equality is a hex prefix without a longer match") {
  auto l = lower_text(
      "subnet 192.0.2.0 netmask 255.255.255.0 { range 192.0.2.10 192.0.2.20;\n"
      "  if option vendor-class-identifier = \"PXEClient\" { filename \"x\"; } }\n");
  CHECK(has_line(l.text, "dhcp-match=set:vendor-class-identifier-PXEClient,60,50:58:45:43:6c:69:65:6e:74"));
  CHECK(has_line(l.text, "dhcp-match=set:vendor-class-identifier-PXEClient-longer,60,50:58:45:43:6c:69:65:6e:74:*"));
  CHECK(has_line(l.text, "dhcp-option=tag:net-192-0-2-0,tag:vendor-class-identifier-PXEClient,"
                         "tag:!vendor-class-identifier-PXEClient-longer,option:bootfile-name,x"));
  CHECK(has_line(l.text, "dhcp-no-override"));
  CHECK(l.report.clean());
}

TEST_CASE("translate lower: a text option also matches with trailing NULs, which dhcpd strips") {
  auto l = lower_text(
      "subnet 192.0.2.0 netmask 255.255.255.0 { range 192.0.2.10 192.0.2.20;\n"
      "  if option user-class = \"iPXE\" { filename \"x\"; } }\n");
  INFO(l.text);
  CHECK(has_line(l.text, "dhcp-match=set:user-class-iPXE,77,69:50:58:45"));
  CHECK(has_line(l.text, "dhcp-match=set:user-class-iPXE-longer,77,69:50:58:45:*"));
  // "iPXE\0" and "iPXE\0\0" exactly, each as a prefix without a longer match.
  CHECK(l.text.find(",77,69:50:58:45:0\n") != std::string::npos);
  CHECK(l.text.find(",77,69:50:58:45:0:*\n") != std::string::npos);
  CHECK(l.text.find(",77,69:50:58:45:0:0\n") != std::string::npos);
  CHECK(l.text.find(",77,69:50:58:45:0:0:*\n") != std::string::npos);
  CHECK(l.report.by_code().at("approx/text-nul-padding") == 1);
}

TEST_CASE("translate lower: without next-server, filename and server-name are options 67/66, not dhcp-boot") {
  // A matching dhcp-boot always sets siaddr (dnsmasq's own address without a third field);
  // dhcpd sends 0.0.0.0. Options 66/67 leave siaddr to the server-ip-address 0.0.0.0 default.
  auto l = lower_text(
      "filename \"pxelinux.0\";\n"
      "subnet 192.0.2.0 netmask 255.255.255.0 { range 192.0.2.10 192.0.2.20; server-name \"boot1\"; }\n");
  CHECK(has_line(l.text, "dhcp-option=option:bootfile-name,pxelinux.0"));
  CHECK(has_line(l.text, "dhcp-option=tag:net-192-0-2-0,option:tftp-server,boot1"));
  CHECK(l.text.find("dhcp-boot") == std::string::npos);
  CHECK(l.report.clean());
}

TEST_CASE("translate lower: with a next-server anywhere, boot lines stay dhcp-boot with all three fields") {
  auto l = lower_text(
      "filename \"pxelinux.0\";\n"
      "subnet 192.0.2.0 netmask 255.255.255.0 { range 192.0.2.10 192.0.2.20; next-server 192.0.2.5; }\n");
  CHECK(has_line(l.text, "dhcp-boot=pxelinux.0"));
  CHECK(has_line(l.text, "dhcp-boot=tag:net-192-0-2-0,pxelinux.0,,192.0.2.5"));
  CHECK(l.text.find("bootfile-name") == std::string::npos);
}

TEST_CASE("translate lower: exists on an encapsulated sub-option is approximate") {
  auto l = lower_text(
      "option space ipxe;\noption ipxe-encap-opts code 175 = encapsulate ipxe;\n"
      "option ipxe.http code 19 = unsigned integer 8;\n"
      "subnet 192.0.2.0 netmask 255.255.255.0 { range 192.0.2.10 192.0.2.20;\n"
      "  if exists ipxe.http { filename \"http\"; } }\n");
  CHECK(has_line(l.text, "dhcp-match=set:has-ipxe-http,175,19b"));
  CHECK(l.report.count(translate::Outcome::Approximate) == 1);
  CHECK(l.diags.find("approx/encap-exists") != std::string::npos);
}

TEST_CASE("translate lower: hosts sharing an address become one line") {
  auto l = lower_text(
      "subnet 192.0.2.0 netmask 255.255.255.0 { range 192.0.2.10 192.0.2.20; }\n"
      "host a { hardware ethernet 02:00:00:00:00:01; fixed-address 192.0.2.5; }\n"
      "host b { hardware ethernet 02:00:00:00:00:02; fixed-address 192.0.2.5; }\n");
  CHECK(has_line(l.text, "dhcp-host=02:00:00:00:00:01,02:00:00:00:00:02,192.0.2.5"));
  CHECK(l.report.clean());
}

TEST_CASE("translate lower: failover is untranslatable with advice") {
  auto l = lower_text(
      "failover peer \"p\" { primary; address 192.0.2.2; port 647; peer address 192.0.2.3; peer port 647;\n"
      "  max-response-delay 60; max-unacked-updates 10; mclt 3600; split 128; load balance max seconds 3; }\n"
      "subnet 192.0.2.0 netmask 255.255.255.0 { pool { failover peer \"p\"; range 192.0.2.10 192.0.2.20; } }\n");
  CHECK(l.report.count(translate::Outcome::Untranslatable) == 2);
  CHECK(l.report.by_code().at("untranslatable/failover") == 2);
  auto text = translate::render_report_text(l.report);
  CHECK(text.find("advice: ") != std::string::npos);
}

TEST_CASE("translate values: bytes are kept") {
  std::string why;
  translate::OptionTarget t;
  t.space = dnsmasq::OptionSpace::Encap;
  t.encap = 175;
  t.code = 1;
  auto spec = translate::make_option_spec(t, "b", Bytes{0xff}, why);
  REQUIRE(spec);
  CHECK(spec->value.bytes == Bytes{0xff});
  t.space = dnsmasq::OptionSpace::Plain;
  t.code = 3;
  auto routers = translate::make_option_spec(t, "IA", Bytes{192, 0, 2, 1, 192, 0, 2, 2}, why);
  REQUIRE(routers);
  CHECK(routers->value.kind == dnsmasq::ValueKind::Addresses);
  // dnsmasq would replace 0.0.0.0 in a router list by its own address: no spelling keeps it.
  CHECK_FALSE(translate::make_option_spec(t, "IA", Bytes{0, 0, 0, 0}, why));
}

TEST_CASE("translate values: domain lists with compression pointers") {
  Bytes b = {3, 'l', 'a', 'b', 3, 'o', 'r', 'g', 0, 1, 'x', 0xc0, 0};
  auto names = translate::decode_domain_list(b);
  REQUIRE(names);
  CHECK(*names == std::vector<std::string>{"lab.org", "x.lab.org"});
  CHECK_FALSE(translate::decode_domain_list(Bytes{5, 'a'}));
}

// The rows of docs/translation.md that the front end keeps out (dhcpd rejects the same input):
// the lowering still reports them if a statement ever reaches it there.
TEST_CASE("translate lower: statements out of place are reported, never dropped") {
  const std::string conf =
      "subnet 192.0.2.0 netmask 255.255.255.0 { range 192.0.2.10 192.0.2.20; default-lease-time 600; }\n"
      "host a { hardware ethernet 02:00:00:00:00:01; fixed-address 192.0.2.5; }\n";
  // Moves the first statement of the scope at `scope` (global index) to the global scope.
  auto hoist_first = [](std::size_t scope) {
    return [scope](isc::Config& c) {
      auto* sc = c.body.at(scope)->as<isc::ScopeStmt>();
      REQUIRE(sc);
      c.body.push_back(std::move(sc->body.front()));
      sc->body.erase(sc->body.begin());
    };
  };
  SUBCASE("hardware outside a host: the safety net") {
    CHECK(lower_mutated(conf, hoist_first(1)).report.by_code().at("untranslatable/statement") == 1);
  }
  SUBCASE("a range outside a subnet") {
    CHECK(lower_mutated(conf, hoist_first(0)).report.by_code().at("untranslatable/range-outside-subnet") == 1);
  }
  SUBCASE("a lease time that is not a number") {
    auto l = lower_mutated(conf, [](isc::Config& c) {
      auto* subnet = c.body[0]->as<isc::SubnetDecl>();
      REQUIRE(subnet);
      auto* p = subnet->body[1]->as<isc::ParamStmt>();
      REQUIRE(p);
      REQUIRE_FALSE(p->values.empty());
      p->values[0].text = "soon";
    });
    CHECK(l.report.by_code().at("untranslatable/lease-time") == 1);
  }
}
