// Unit tests for core/sarif: rule ids, URIs, regions and fingerprints as a code-scanning tool reads them.
#include <doctest/doctest.h>

#include <sstream>

#include "core/sarif.hpp"

using namespace isc2dnsmasq;

namespace {

std::string sarif_of(const DiagnosticSink& sink, SarifOptions opt = {}) {
  std::ostringstream os;
  render_sarif(os, sink, opt);
  return os.str();
}

/// The value of the first `"key":"..."` after position `from`.
std::string string_field(const std::string& doc, const std::string& key, std::size_t from = 0) {
  auto p = doc.find("\"" + key + "\":\"", from);
  if (p == std::string::npos) return {};
  p += key.size() + 4;
  return doc.substr(p, doc.find('"', p) - p);
}

}  // namespace

TEST_CASE("sarif: rule ids") {
  Diagnostic d;
  d.severity = Severity::Warning;
  d.code = "untranslatable/failover";
  CHECK(sarif_rule_id(d) == "untranslatable/failover");
  d.code.clear();
  d.message = "host 'a' has no address";
  CHECK(sarif_rule_id(d) == "warning");
  d.severity = Severity::Error;
  CHECK(sarif_rule_id(d) == "error");
  d.message = "expected ';' after option value";
  CHECK(sarif_rule_id(d) == "syntax");
  d.message = "cannot read 'x.conf': No such file or directory";
  CHECK(sarif_rule_id(d) == "io");
}

TEST_CASE("sarif: artifact uris") {
  CHECK(sarif_uri("dhcpd.conf") == "dhcpd.conf");
  CHECK(sarif_uri("./etc//dhcp/dhcpd.conf") == "etc/dhcp/dhcpd.conf");
  CHECK(sarif_uri("my configs/dhcpd #1.conf") == "my%20configs/dhcpd%20%231.conf");
  CHECK(sarif_uri("/srv/repo/dhcp/dhcpd.conf", "/srv/repo") == "dhcp/dhcpd.conf");
  CHECK(sarif_uri("/etc/dhcp/dhcpd.conf", "/srv/repo") == "file:///etc/dhcp/dhcpd.conf");
}

TEST_CASE("sarif: complete log for one error") {
  SourceSet set;
  const auto& f = set.add("dhcpd.conf", "subnet 192.0.2.0 netmask 255.255.255.0 {\n  option routers 192.0.2.1\n}\n");
  DiagnosticSink sink;
  auto off = static_cast<std::uint32_t>(f.text().find("192.0.2.1\n"));
  sink.error(Span{&f, off + 9, off + 9}, "expected ';' after option value");
  SarifOptions opt;
  opt.tool_version = "1.2.3";
  const std::string line_hash = sarif_line_hash("syntax", "dhcpd.conf", "option routers 192.0.2.1");
  CHECK(sarif_of(sink, opt) ==
        "{\"$schema\":\"https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json\","
        "\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"isc2dnsmasq\",\"version\":\"1.2.3\","
        "\"semanticVersion\":\"1.2.3\",\"rules\":[{\"id\":\"syntax\",\"shortDescription\":{\"text\":\"syntax error\"},"
        "\"fullDescription\":{\"text\":\"The input does not follow the grammar of its format; parsing stopped here.\"},"
        "\"defaultConfiguration\":{\"level\":\"error\"}}]}},\"columnKind\":\"unicodeCodePoints\",\"results\":[{"
        "\"ruleId\":\"syntax\",\"ruleIndex\":0,\"level\":\"error\",\"message\":{\"text\":\"expected ';' after option "
        "value\"},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":\"dhcpd.conf\"},\"region\":{"
        "\"startLine\":2,\"startColumn\":27,\"endLine\":2,\"endColumn\":28,\"snippet\":{\"text\":\"  option routers "
        "192.0.2.1\"}}}}],\"partialFingerprints\":{\"isc2dnsmasq/v1\":\"" +
            line_hash + ":1\"}}]}]}\n");
}

TEST_CASE("sarif: rules, levels, notes") {
  SourceSet set;
  const auto& f = set.add("dhcpd.conf", "failover peer \"a\" {\n}\nhost x { }\n");
  DiagnosticSink sink;
  auto& w = sink.add(Severity::Warning, Span{&f, 0, 8}, "'failover peer' has no dnsmasq equivalent",
                     "untranslatable/failover");
  w.notes.push_back({Span{&f, 20, 21}, "ends here"});
  sink.add(Severity::Warning, Span{&f, 22, 26}, "host 'x' has no identifier", "");
  sink.add(Severity::Warning, Span{&f, 22, 26}, "second finding on the same line", "untranslatable/failover");
  std::string doc = sarif_of(sink);
  // Rules are sorted by id and each is listed once.
  auto r1 = doc.find("{\"id\":\"untranslatable/failover\"");
  auto r2 = doc.find("{\"id\":\"warning\"");
  REQUIRE(r1 != std::string::npos);
  REQUIRE(r2 != std::string::npos);
  CHECK(r1 < r2);
  CHECK(doc.find("{\"id\":\"untranslatable/failover\"", r1 + 1) == std::string::npos);
  CHECK(doc.find("\"ruleId\":\"warning\",\"ruleIndex\":1,\"level\":\"warning\"") != std::string::npos);
  CHECK(doc.find("\"relatedLocations\":[{\"id\":0,\"message\":{\"text\":\"ends here\"},\"physicalLocation\":"
                 "{\"artifactLocation\":{\"uri\":\"dhcpd.conf\"},\"region\":{\"startLine\":2,\"startColumn\":1,"
                 "\"endLine\":2,\"endColumn\":2,") != std::string::npos);
  CHECK(doc.find("\"startLine\":1,\"startColumn\":1,\"endLine\":1,\"endColumn\":9,") != std::string::npos);
  // --werror reports warnings as errors.
  SarifOptions werror;
  werror.warnings_as_errors = true;
  std::string strict = sarif_of(sink, werror);
  CHECK(strict.find("\"level\":\"warning\"") == std::string::npos);
  CHECK(strict.find("\"ruleId\":\"warning\",\"ruleIndex\":1,\"level\":\"error\"") != std::string::npos);
}

TEST_CASE("sarif: fingerprints ignore line numbers and indentation") {
  auto fingerprint = [](const std::string& text) {
    SourceSet set;
    const auto& f = set.add("dhcpd.conf", text);
    DiagnosticSink sink;
    auto off = static_cast<std::uint32_t>(f.text().find("option"));
    sink.error(Span{&f, off, off + 6}, "unknown option 'routerz'; did you mean 'routers'?");
    return string_field(sarif_of(sink), "isc2dnsmasq/v1");
  };
  std::string a = fingerprint("option routerz 192.0.2.1;\n");
  CHECK(a.size() == 18);  // 16 hex digits + ":1"
  CHECK(a == fingerprint("option routerz 192.0.2.1;\n"));
  CHECK(a == fingerprint("# a comment added above\n\n\toption   routerz 192.0.2.1;\n"));
  CHECK(a != fingerprint("option routerz 192.0.2.2;\n"));
}

TEST_CASE("sarif: repeated identical findings get distinct fingerprints") {
  SourceSet set;
  const auto& f = set.add("dhcpd.conf", "deny unknown-clients;\ndeny unknown-clients;\n");
  DiagnosticSink sink;
  sink.warning(Span{&f, 0, 4}, "duplicate");
  sink.warning(Span{&f, 22, 26}, "duplicate");
  std::string doc = sarif_of(sink);
  std::string first = string_field(doc, "isc2dnsmasq/v1");
  std::string second = string_field(doc, "isc2dnsmasq/v1", doc.find(first) + first.size());
  CHECK(first.substr(0, 16) == second.substr(0, 16));
  CHECK(first.substr(16) == ":1");
  CHECK(second.substr(16) == ":2");
}

TEST_CASE("sarif: columns count code points, not bytes") {
  SourceSet set;
  const auto& f = set.add("dhcpd.conf", "# caf\xc3\xa9 x\n");
  DiagnosticSink sink;
  auto off = static_cast<std::uint32_t>(f.text().find('x'));
  sink.warning(Span{&f, off, off + 1}, "here");
  CHECK(sarif_of(sink).find("\"startColumn\":8,\"endLine\":1,\"endColumn\":9") != std::string::npos);
}
