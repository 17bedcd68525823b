// Unit tests for isc/resolve on hand-built ASTs (definitions in order, lookups, encoded values) and streamed parsing.
#include <doctest/doctest.h>

#include <memory>

#include "core/net.hpp"
#include "isc/parse.hpp"
#include "isc/resolve.hpp"

using namespace isc2dnsmasq;
using namespace isc2dnsmasq::isc;

namespace {

// Span of the first occurrence of `needle` at or after `from` in `file`.
Span find(const SourceFile& f, std::string_view needle, std::uint32_t from = 0) {
  auto at = f.text().find(needle, from);
  REQUIRE(at != std::string::npos);
  return Span{&f, static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + needle.size())};
}

// `option [space.]name value;` occupying the whole line that starts at `line_text`.
StmtPtr option(const SourceFile& f, std::string_view line_text, std::string space, std::string name) {
  auto s = std::make_unique<OptionStmt>();
  Span line = find(f, line_text);
  s->span = line;
  s->option.space = std::move(space);
  s->option.name = std::move(name);
  std::string written = s->option.space.empty() ? s->option.name : s->option.space + "." + s->option.name;
  s->option.span = find(f, written, line.begin);
  return s;
}

}  // namespace

TEST_CASE("isc resolve: definitions, lookups and values") {
  SourceFile f("input",
               "option space ipxe;\n"
               "option ipxe.no-pxedhcp code 176 = unsigned integer 8;\n"
               "option ipxe.no-pxedhcp 1;\n"
               "option routers 192.0.2.1, gw.example.org;\n"
               "option domain-name-server 192.0.2.53;\n"
               "option ipxe.no-pxedhcp 300;\n");
  Config c;
  auto space = std::make_unique<OptionSpaceDecl>();
  space->span = find(f, "option space ipxe;");
  space->name = "ipxe";
  c.body.push_back(std::move(space));
  auto def = std::make_unique<OptionDefStmt>();
  def->span = find(f, "option ipxe.no-pxedhcp code 176 = unsigned integer 8;");
  def->space = "ipxe";
  def->name = "no-pxedhcp";
  def->name_span = find(f, "ipxe.no-pxedhcp");
  def->code = 176;
  def->type_span = find(f, "unsigned integer 8");
  c.body.push_back(std::move(def));
  c.body.push_back(option(f, "option ipxe.no-pxedhcp 1;", "ipxe", "no-pxedhcp"));
  c.body.push_back(option(f, "option routers 192.0.2.1, gw.example.org;", "", "routers"));
  c.body.push_back(option(f, "option domain-name-server 192.0.2.53;", "", "domain-name-server"));
  c.body.push_back(option(f, "option ipxe.no-pxedhcp 300;", "ipxe", "no-pxedhcp"));

  DiagnosticSink sink;
  Resolution r = resolve_options(c, sink);
  CHECK(c.body[1]->as<OptionDefStmt>()->format == "B");
  CHECK(r.registry.find("ipxe", "no-pxedhcp")->code == 176);

  auto* o = c.body[2]->as<OptionStmt>();
  CHECK(o->resolved);
  CHECK(o->option.resolved_space == "ipxe");
  CHECK(o->option.code == 176);
  CHECK(to_hex(o->encoded) == "01");

  auto* routers = c.body[3]->as<OptionStmt>();
  CHECK(routers->option.code == 3);
  CHECK(to_hex(routers->encoded) == "c000020100000000");
  REQUIRE(r.host_names.count(routers) == 1);
  CHECK(r.host_names.at(routers)[0].name == "gw.example.org");

  REQUIRE(sink.all().size() == 2);
  CHECK(render_text(sink.all()[0]) ==
        "input:5:8: error: unknown option 'dhcp.domain-name-server'; did you mean 'domain-name-servers'?\n"
        "option domain-name-server 192.0.2.53;\n"
        "       ^^^^^^^^^^^^^^^^^^\n");
  CHECK(sink.all()[1].span.where() == "input:6:24");
  CHECK(sink.all()[1].message ==
        "value 300 is out of range for option 'ipxe.no-pxedhcp' (8-bit values: dhcpd accepts -128 to 255)");
}

TEST_CASE("isc resolve: scoped definitions and unknown spaces") {
  SourceFile f("input",
               "group {\n"
               "  option space foo;\n"
               "}\n"
               "option VOIP.tftp \"x\";\n");
  Config c;
  auto g = std::make_unique<GroupDecl>();
  g->span = find(f, "group {\n  option space foo;\n}");
  auto space = std::make_unique<OptionSpaceDecl>();
  space->span = find(f, "option space foo;");
  space->name = "foo";
  g->body.push_back(std::move(space));
  c.body.push_back(std::move(g));
  c.body.push_back(option(f, "option VOIP.tftp \"x\";", "VOIP", "tftp"));
  DiagnosticSink sink;
  resolve_options(c, sink);
  REQUIRE(sink.all().size() == 2);
  CHECK(sink.all()[0].span.where() == "input:2:3");
  CHECK(sink.all()[0].message == "option space definitions may not be scoped (only at the top level)");
  CHECK(sink.all()[1].span.where() == "input:4:8");
  CHECK(sink.all()[1].message == "no option space named 'VOIP'");
}

namespace {

std::string diag_lines(const DiagnosticSink& sink) {
  std::string out;
  for (const auto& d : sink.all()) out += d.span.where() + ": " + d.message + "\n";
  return out;
}

}  // namespace

TEST_CASE("isc streaming: parse with on_top_level + OptionResolver equals parse + resolve_options") {
  const std::string text =
      "option space ipxe;\n"
      "option ipxe.no-pxedhcp code 176 = unsigned integer 8;\n"
      "if exists ipxe.no-pxedhcp { option ipxe.no-pxedhcp 1; }\n"
      "elsif exists user-class { option ipxe.no-pxedhcp 300; } else { option no-such-option 1; }\n"
      "subnet 192.0.2.0 netmask 255.255.255.0 {\n"
      "  host a { hardware ethernet 02:00:00:00:00:01; option host-name \"a\"; option routers 1.2.3; }\n"
      "}\n"
      "group { host b { option ipxe.no-pxedhcp 2; } }\n"
      "default-lease-time 60;\n";

  // whole tree
  SourceSet sources_a;
  DiagnosticSink sink_a;
  const SourceFile& fa = sources_a.add("input", text);
  auto config = parse_isc(fa, sources_a, sink_a);
  REQUIRE(config);
  resolve_options(*config, sink_a);
  std::vector<std::string> whole;
  for (const auto& s : config->body) whole.push_back(std::string(stmt_kind_name(s->kind)) + " " + std::string(s->span.text()));

  // streamed
  SourceSet sources_b;
  DiagnosticSink sink_b;
  const SourceFile& fb = sources_b.add("input", text);
  OptionResolver resolver(sink_b, false);
  std::vector<std::string> streamed;
  ParseOptions options;
  options.on_top_level = [&](Stmt& s) {
    streamed.push_back(std::string(stmt_kind_name(s.kind)) + " " + std::string(s.span.text()));
    resolver.add(s);
  };
  auto empty = parse_isc(fb, sources_b, sink_b, options);
  REQUIRE(empty);
  CHECK(empty->body.empty());
  auto r = resolver.finish();
  CHECK(r.params.empty());
  CHECK(r.registry.find("ipxe", "no-pxedhcp") != nullptr);

  CHECK(streamed.size() == 6);
  CHECK(streamed == whole);
  CHECK(sink_a.error_count() == 3);  // 300 out of range, no-such-option, 1.2.3
  CHECK(diag_lines(sink_b) == diag_lines(sink_a));
}

TEST_CASE("isc streaming: a duplicate host in another top-level scope is still an error") {
  SourceSet sources;
  DiagnosticSink sink;
  const SourceFile& f = sources.add("input",
                                    "group { host \"a\" { } }\n"
                                    "group { host b { } }\n"
                                    "group { host a { } }\n");
  int handed = 0;
  ParseOptions options;
  options.on_top_level = [&](Stmt&) { ++handed; };
  CHECK_FALSE(parse_isc(f, sources, sink, options));
  CHECK(handed == 2);  // the third group is only finished at the end of the input
  REQUIRE(sink.all().size() == 1);
  CHECK(sink.all()[0].message == "host 'a' is already declared");
  CHECK(sink.all()[0].span.where() == "input:3:14");
  REQUIRE(sink.all()[0].notes.size() == 1);
  CHECK(sink.all()[0].notes[0].span.where() == "input:1:14");
}
