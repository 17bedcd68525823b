// Unit tests for core/diagnostic: the rendered text a user sees.
#include <doctest/doctest.h>

#include <sstream>

#include "core/diagnostic.hpp"

using namespace isc2dnsmasq;

TEST_CASE("core diagnostic: text rendering with caret") {
  SourceSet set;
  const auto& f = set.add("input", "subnet 192.0.2.0 netmask 255.255.255.0 {\n\toption routers 192.0.2.1\n}\n");
  DiagnosticSink sink;
  auto off = static_cast<std::uint32_t>(f.text().find("192.0.2.1\n"));
  sink.error(Span{&f, off + 9, off + 9}, "expected ';' after option value");
  std::ostringstream os;
  render_text(os, sink);
  CHECK(os.str() ==
        "input:2:26: error: expected ';' after option value\n"
        "\toption routers 192.0.2.1\n"
        "\t                        ^\n");
}

TEST_CASE("core diagnostic: token-wide caret, code and note") {
  SourceSet set;
  const auto& f = set.add("input", "failover peer \"a\" {\n}\n");
  DiagnosticSink sink;
  auto& d = sink.add(Severity::Warning, Span{&f, 0, 8}, "'failover peer' has no dnsmasq equivalent", "untranslatable/failover");
  d.notes.push_back({Span{&f, 20, 21}, "ends here"});
  CHECK(render_text(d) ==
        "input:1:1: warning: 'failover peer' has no dnsmasq equivalent [untranslatable/failover]\n"
        "failover peer \"a\" {\n"
        "^^^^^^^^\n"
        "input:2:1: note: ends here\n"
        "}\n"
        "^\n");
}

TEST_CASE("core diagnostic: json") {
  SourceSet set;
  const auto& f = set.add("in\"put", "x\n");
  DiagnosticSink sink;
  sink.error(Span{&f, 0, 1}, "bad \"x\"");
  std::ostringstream os;
  render_json(os, sink);
  CHECK(os.str() ==
        "{\"diagnostics\":[{\"severity\":\"error\",\"file\":\"in\\\"put\",\"line\":1,\"column\":1,\"end_line\":1,"
        "\"end_column\":2,\"message\":\"bad \\\"x\\\"\",\"code\":null,\"notes\":[]}],\"errors\":1,\"warnings\":0}\n");
}

TEST_CASE("core diagnostic: did you mean") {
  CHECK(did_you_mean("routrs", {"routers", "domain-name"}) == "routers");
  CHECK(did_you_mean("zzzzzz", {"routers"}).empty());
}
