// Unit tests for the dhcpd.conf grammar (rule tables, analyze) and the AST the parser builds.
#include <doctest/doctest.h>

#include <string>

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze.hpp>

#include "core/diagnostic.hpp"
#include "grammar/isc.hpp"
#include "isc/parse.hpp"

namespace pegtl = tao::pegtl;
namespace g = isc2dnsmasq::grammar::isc;
using namespace isc2dnsmasq;

namespace {

/// Whether `rule` matches all of `text` (no actions).
template <typename Rule>
bool matches(const std::string& text) {
  pegtl::memory_input in(text, "input");
  try {
    return pegtl::parse<pegtl::seq<Rule, pegtl::eof>>(in);
  } catch (const pegtl::parse_error&) {
    return false;
  }
}

struct Parsed {
  SourceSet sources;
  DiagnosticSink sink;
  std::optional<isc::Config> config;
  std::string diagnostics() const {
    std::string out;
    for (const auto& d : sink.all()) out += render_text(d);
    return out;
  }
};

std::unique_ptr<Parsed> parse(const std::string& text, isc::ParseOptions options = {}) {
  auto p = std::make_unique<Parsed>();
  const SourceFile& f = p->sources.add("input", text);
  p->config = isc::parse_isc(f, p->sources, p->sink, options);
  return p;
}

/// The dump of `text`, or its diagnostics when it does not parse.
std::string dump_of(const std::string& text) {
  auto p = parse(text);
  return p->config ? isc::dump(*p->config) : p->diagnostics();
}

}  // namespace

TEST_CASE("isc grammar: analyze") {
  CHECK(pegtl::analyze<g::config>(-1) == 0);
}

TEST_CASE("isc grammar: tokens") {
  SUBCASE("atoms") {
    CHECK(matches<isc2dnsmasq::grammar::atom_raw>("10.0.0.1"));
    CHECK(matches<isc2dnsmasq::grammar::atom_raw>("00:11:22:aa:bb:cc"));
    CHECK(matches<isc2dnsmasq::grammar::atom_raw>("host.example.org"));
    CHECK(matches<isc2dnsmasq::grammar::atom_raw>("2001:db8::1"));
    CHECK(matches<isc2dnsmasq::grammar::atom_raw>("-100"));
    CHECK_FALSE(matches<isc2dnsmasq::grammar::atom_raw>("7: "));
    CHECK_FALSE(matches<isc2dnsmasq::grammar::atom_raw>("a b"));
    CHECK_FALSE(matches<isc2dnsmasq::grammar::atom_raw>("\"x\""));
  }
  SUBCASE("strings") {
    CHECK(matches<isc2dnsmasq::grammar::string_raw>("\"plain\""));
    CHECK(matches<isc2dnsmasq::grammar::string_raw>("\"esc \\\" quote\""));
    CHECK(matches<isc2dnsmasq::grammar::string_raw>("\"two\nlines\""));
    CHECK_FALSE(matches<isc2dnsmasq::grammar::string_raw>("\"open"));
  }
  SUBCASE("keywords are case-insensitive and need a word boundary") {
    CHECK(matches<g::kw_subnet>("subnet"));
    CHECK(matches<g::kw_subnet>("SuBnEt"));
    CHECK_FALSE(matches<g::kw_subnet>("subnets"));
    CHECK_FALSE(matches<g::kw_option>("option-x"));
  }
  SUBCASE("comments and spaces before tokens") {
    CHECK(matches<isc2dnsmasq::grammar::tok<g::kw_host>>("  # c\n\thost"));
    CHECK_FALSE(matches<isc2dnsmasq::grammar::tok<g::kw_host>>("/* c */ host"));
  }
  SUBCASE("server parameter names") {
    CHECK(g::is_server_param("default-lease-time"));
    CHECK(g::is_server_param("DEFAULT-LEASE-TIME"));
    CHECK(g::is_server_param("vendor-option-space"));
    CHECK_FALSE(g::is_server_param("ldap-port"));  // Debian's dhcpd is built without LDAP
    CHECK_FALSE(g::is_server_param("dhcp-renewal-time"));
  }
}

TEST_CASE("isc parser: ast shape") {
  SUBCASE("subnet with range, pool and options") {
    auto p = parse(
        "subnet 192.0.2.0 netmask 255.255.255.0 {\n"
        "  range dynamic-bootp 192.0.2.10 192.0.2.20;\n"
        "  pool { allow members of \"x\"; range 192.0.2.30; }\n"
        "  option routers 192.0.2.1;\n"
        "  filename \"pxelinux.0\";\n"
        "  default-lease-time infinite;\n"
        "}\n");
    REQUIRE(p->config);
    REQUIRE(p->config->body.size() == 1);
    auto* subnet = p->config->body[0]->as<isc::SubnetDecl>();
    REQUIRE(subnet);
    CHECK(subnet->network.str() == "192.0.2.0");
    CHECK(subnet->prefix()->length == 24);
    CHECK(subnet->span.line() == 1);
    CHECK(subnet->span.text().back() == '}');
    REQUIRE(subnet->body.size() == 5);
    auto* range = subnet->body[0]->as<isc::RangeStmt>();
    REQUIRE(range);
    CHECK(range->dynamic_bootp);
    CHECK(range->high->str() == "192.0.2.20");
    CHECK(range->span.text() == "range dynamic-bootp 192.0.2.10 192.0.2.20;");
    auto* pool = subnet->body[1]->as<isc::PoolDecl>();
    REQUIRE(pool);
    auto* permit = pool->body[0]->as<isc::PermitStmt>();
    REQUIRE(permit);
    CHECK(permit->what == isc::PermitStmt::What::MembersOf);
    CHECK(permit->class_name == "x");
    CHECK_FALSE(pool->body[1]->as<isc::RangeStmt>()->high);
    auto* opt = subnet->body[2]->as<isc::OptionStmt>();
    REQUIRE(opt);
    CHECK(opt->option.name == "routers");
    CHECK(opt->option.space.empty());
    REQUIRE(opt->values.size() == 1);
    CHECK(opt->values[0].kind == isc::ValueKind::Ip);
    CHECK(opt->values[0].span.text() == "192.0.2.1");
    CHECK(subnet->filename() == "pxelinux.0");
    CHECK(subnet->default_lease_time() == 0xffffffffu);
    CHECK_FALSE(subnet->max_lease_time());
  }
  SUBCASE("host") {
    auto p = parse("host pc { hardware ethernet 0:1:2:a:b:c; fixed-address 192.0.2.5, pc.example.org; }");
    REQUIRE(p->config);
    auto* host = p->config->body[0]->as<isc::HostDecl>();
    REQUIRE(host);
    CHECK(host->name == "pc");
    REQUIRE(host->hardware());
    CHECK(host->hardware()->address.str() == "00:01:02:0a:0b:0c");
    CHECK(host->hardware()->address.htype == 1);
    REQUIRE(host->fixed_address());
    REQUIRE(host->fixed_address()->addresses.size() == 2);
    CHECK(host->fixed_address()->addresses[0].ip.str() == "192.0.2.5");
    CHECK(host->fixed_address()->addresses[1].hostname == "pc.example.org");
  }
  SUBCASE("option definition formats") {
    auto p = parse(
        "option space ipxe code width 1 length width 1;\n"
        "option ipxe.bus-id code 177 = string;\n"
        "option ipxe-encap-opts code 175 = encapsulate ipxe;\n"
        "option rec code 200 = { ip-address, unsigned integer 8, array of boolean };\n"
        "option arr code 201 = array of { unsigned integer 16, ip-address };\n"
        "option list code 202 = array of ip-address;\n");
    REQUIRE(p->config);
    auto fmt = [&](std::size_t i) { return p->config->body[i]->as<isc::OptionDefStmt>()->format; };
    CHECK(p->config->body[0]->as<isc::OptionSpaceDecl>()->name == "ipxe");
    CHECK(p->config->body[1]->as<isc::OptionDefStmt>()->space == "ipxe");
    CHECK(fmt(1) == "X");
    CHECK(fmt(2) == "Eipxe.");
    CHECK(fmt(3) == "IBfa");
    CHECK(fmt(4) == "SIA");
    CHECK(fmt(5) == "IA");
    auto* rec = p->config->body[3]->as<isc::OptionDefStmt>();
    CHECK(rec->type.base == isc::OptionType::Base::Record);
    REQUIRE(rec->type.fields.size() == 3);
    CHECK(rec->type.fields[2].array);
    CHECK(rec->type_text == "{ip-address, unsigned integer 8, array of boolean}");
  }
  SUBCASE("if / elsif / else branches") {
    auto p = parse("if exists a { } elsif exists b { filename \"b\"; } else if exists c { } else { }");
    REQUIRE(p->config);
    auto* i = p->config->body[0]->as<isc::IfStmt>();
    REQUIRE(i);
    REQUIRE(i->branches.size() == 4);
    CHECK(i->branches[1].condition->op == isc::ExprOp::Exists);
    CHECK(i->branches[1].condition->option->name == "b");
    CHECK(i->branches[1].body.size() == 1);
    CHECK_FALSE(i->branches[3].condition);
  }
  SUBCASE("walk visits nested statements in order") {
    auto p = parse("group { host a { } subnet 10.0.0.0 netmask 255.0.0.0 { if known { filename \"x\"; } } }");
    REQUIRE(p->config);
    std::string kinds;
    isc::for_each_stmt(p->config->body, [&](const isc::Stmt& s, int depth) {
      kinds += std::to_string(depth) + isc::stmt_kind_name(s.kind) + " ";
    });
    CHECK(kinds == "0group 1host 1subnet 2if 3param ");
  }
}

TEST_CASE("isc parser: expression precedence quirks") {
  SUBCASE("'+' binds tighter than '*'") {
    CHECK(dump_of("set a = lease-time * 3 + 1;") == "set@1 a (* (lease-time) (+ 3 1))\n");
    CHECK(dump_of("set b = lease-time + 2 * 3;") == "set@1 b (* (+ (lease-time) 2) 3)\n");
  }
  SUBCASE("'=' binds tighter than and/or, which share a level") {
    CHECK(dump_of("if exists a and option b = \"x\" { }") ==
          "if@1\n when (and (exists a) (= (option b) \"x\"))\n");
    CHECK(dump_of("if exists a or exists b and exists c { }") ==
          "if@1\n when (and (or (exists a) (exists b)) (exists c))\n");
  }
  SUBCASE("a bare number is data unless the context is numeric") {
    CHECK(dump_of("if option x = 10 { }") == "if@1\n when (= (option x) 10)\n");  // hex byte 0x10
    CHECK(dump_of("if extract-int(option x, 8) = 10 { }") == "if@1\n when (= (extract-int (option x) 8) 10)\n");
    auto p = parse("if extract-int(option x, 8) = 10 { }");
    auto* rhs = p->config->body[0]->as<isc::IfStmt>()->branches[0].condition->args[1].get();
    CHECK(rhs->op == isc::ExprOp::ConstInt);
    CHECK(rhs->number == 10);
    auto q = parse("if option x = 10 { }");
    auto* data = q->config->body[0]->as<isc::IfStmt>()->branches[0].condition->args[1].get();
    CHECK(data->op == isc::ExprOp::ConstData);
    CHECK(data->data == Bytes{0x10});
  }
  SUBCASE("no subtraction") {
    CHECK(dump_of("set x = lease-time - 2;") ==
          "input:1:20: error: '-' is not an operator in dhcpd expressions (there is no subtraction)\n"
          "set x = lease-time - 2;\n"
          "                   ^\n");
  }
  SUBCASE("not A = B is an error") {
    CHECK(dump_of("if not option host-name = \"a\" { }") ==
          "input:1:8: error: expected a boolean expression after 'not'\n"
          "if not option host-name = \"a\" { }\n"
          "       ^^^^^^^^^^^^^^^^\n");
    CHECK(dump_of("if not exists host-name = \"a\" { }").rfind(
              "input:1:25: error: illegal expression relating different types", 0) == 0);
  }
}

TEST_CASE("isc parser: errors") {
  SUBCASE("missing semicolon is reported after the value") {
    CHECK(dump_of("subnet 10.0.0.0 netmask 255.255.255.0 {\n  option routers 10.0.0.1\n}\n") ==
          "input:2:26: error: expected ';' after option value\n"
          "  option routers 10.0.0.1\n"
          "                         ^\n");
  }
  SUBCASE("nesting depth limit") {
    std::string deep;
    for (int i = 0; i < 5000; ++i) deep += "group {\n";
    auto p = parse(deep);
    CHECK_FALSE(p->config);
    CHECK(p->diagnostics().find("nesting too deep (more than 100 levels)") != std::string::npos);
    isc::ParseOptions shallow;
    shallow.max_depth = 3;
    auto q = parse("group { group { group { group { } } } }", shallow);
    CHECK(q->diagnostics().rfind("input:1:31: error: nesting too deep (more than 3 levels)", 0) == 0);
  }
  SUBCASE("includes can be disabled") {
    isc::ParseOptions no_includes;
    no_includes.follow_includes = false;
    auto p = parse("include \"x.conf\";", no_includes);
    CHECK(p->diagnostics().rfind("input:1:9: error: includes are disabled", 0) == 0);
  }
  SUBCASE("placement") {
    CHECK(dump_of("fixed-address 10.0.0.1;").rfind("input:1:1: error: 'fixed-address' is not allowed at the top level", 0) == 0);
    CHECK(dump_of("host a { host b { } }").rfind("input:1:10: error: a host declaration is not allowed inside a host", 0) == 0);
  }
}
