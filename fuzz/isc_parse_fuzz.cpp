// libFuzzer target: the dhcpd.conf front end must never crash, hang or leak on any input.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/diagnostic.hpp"
#include "core/source.hpp"
#include "isc/parse.hpp"
#include "isc/resolve.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace isc2dnsmasq;
  const std::string text(reinterpret_cast<const char*>(data), size);

  // The whole tree, then resolution over it.
  SourceSet sources;
  DiagnosticSink sink;
  const SourceFile& file = sources.add("fuzz.conf", text);
  isc::ParseOptions options;
  options.follow_includes = false;  // no file system access from fuzz inputs
  auto config = isc::parse_isc(file, sources, sink, options);
  if (config) {
    (void)isc::dump(*config);
    isc::resolve_options(*config, sink);
  }
  // every error must render (positions inside the text)
  for (const auto& d : sink.all()) (void)render_text(d);

  // The streamed path `check` takes (each top-level statement resolved, then freed) must give the
  // same verdict and the same diagnostics.
  SourceSet sources2;
  DiagnosticSink sink2, resolved;
  const SourceFile& file2 = sources2.add("fuzz.conf", text);
  isc::OptionResolver resolver(resolved, false);
  options.on_top_level = [&resolver](isc::Stmt& s) { resolver.add(s); };
  auto streamed = isc::parse_isc(file2, sources2, sink2, options);
  if (streamed) {
    resolver.finish();
    for (auto& d : resolved.all()) sink2.add(d.severity, d.span, d.message);
  }
  if (streamed.has_value() != config.has_value() || sink2.all().size() != sink.all().size()) std::abort();
  for (std::size_t i = 0; i < sink.all().size(); ++i)
    if (sink.all()[i].message != sink2.all()[i].message || sink.all()[i].span.begin != sink2.all()[i].span.begin) std::abort();
  return 0;
}
