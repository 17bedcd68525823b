// libFuzzer target: the dnsmasq reader must never crash, hang or throw on any input.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/diagnostic.hpp"
#include "core/source.hpp"
#include "dnsmasq/read.hpp"
#include "dnsmasq/write.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace isc2dnsmasq;
  SourceSet sources;
  DiagnosticSink sink;
  std::string text(reinterpret_cast<const char*>(data), size);
  auto model = dnsmasq::read_dnsmasq_text("fuzz.conf", std::move(text), sources, sink);
  for (const auto& d : sink.all()) (void)render_text(d);
  if (model) {
    // Whatever the reader accepts, the writer must write and the reader must read back.
    std::string out = dnsmasq::write_dnsmasq(*model, {});
    DiagnosticSink sink2;
    auto again = dnsmasq::read_dnsmasq_text("written.conf", std::move(out), sources, sink2);
    if (!again) __builtin_trap();
  }
  return 0;
}
