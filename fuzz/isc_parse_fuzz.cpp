// libFuzzer target: the dhcpd.conf front end must never crash, hang or leak on any input.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/diagnostic.hpp"
#include "core/source.hpp"
#include "isc/parse.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace isc2dnsmasq;
  SourceSet sources;
  DiagnosticSink sink;
  const SourceFile& file = sources.add("fuzz.conf", std::string(reinterpret_cast<const char*>(data), size));
  isc::ParseOptions options;
  options.follow_includes = false;  // no file system access from fuzz inputs
  auto config = isc::parse_isc(file, sources, sink, options);
  if (config) (void)isc::dump(*config);
  // every error must render (positions inside the text)
  for (const auto& d : sink.all()) (void)render_text(d);
  return 0;
}
