// libFuzzer target: the JSON reader and the Scenario reader on arbitrary text; accepted scenarios round-trip.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/json.hpp"
#include "sim/scenario.hpp"
#include "sim/wire.hpp"

using namespace isc2dnsmasq;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  SourceFile f("fuzz.json", text);
  DiagnosticSink sink;
  auto list = sim::parse_scenarios(f, sink);
  if (!list) {
    if (!sink.has_errors()) std::abort();  // a rejection always says why
    return 0;
  }
  for (const auto& s : *list) {
    SourceFile g("again.json", sim::scenario_to_json(s));
    DiagnosticSink sink2;
    auto back = sim::parse_scenario(g, sink2);
    if (!back || !(*back == s)) std::abort();
    std::string err;
    if (!dhcp::decode(sim::encode_request(s, 1), err)) std::abort();
  }
  return 0;
}
