// libFuzzer target: the DHCP packet decoder and the reply -> Answer -> JSON -> Answer path on arbitrary bytes.
#include <cstdint>
#include <cstdlib>
#include <span>

#include "dhcp/packet.hpp"
#include "sim/answer.hpp"
#include "sim/wire.hpp"

using namespace isc2dnsmasq;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string error;
  auto p = dhcp::decode(std::span<const std::uint8_t>(data, size), error);
  if (!p) {
    if (error.empty()) std::abort();  // every rejection has a reason
    return 0;
  }
  // Re-encoding a decoded packet (without overload) and decoding it again gives the same packet.
  if (p->overload == 0) {
    std::string e2;
    auto again = dhcp::decode(dhcp::encode(*p), e2);
    if (!again || again->options != p->options || again->xid != p->xid || again->yiaddr != p->yiaddr ||
        again->file != p->file || again->sname != p->sname)
      std::abort();
  }
  // The Answer JSON reads back to the same Answer.
  sim::Answer a = sim::answer_from_packet(*p);
  SourceFile f("fuzz.json", sim::answer_to_json(a));
  DiagnosticSink sink;
  auto back = sim::parse_answer(f, sink);
  if (!back || !(*back == a)) std::abort();
  return 0;
}
