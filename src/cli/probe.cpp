// `probe --server ADDR --client JSON|@file`: ask a live DHCP server and print its Answer as JSON.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <ostream>
#include <random>

#include <CLI/CLI.hpp>

#include "cli/app.hpp"
#include "core/diagnostic.hpp"
#include "core/source.hpp"
#include "dhcp/transport.hpp"
#include "sim/answer.hpp"
#include "sim/scenario.hpp"
#include "sim/wire.hpp"

namespace isc2dnsmasq::cli {

namespace {

struct ProbeOptions {
  std::string server;
  std::string client;
  std::string interface;
  std::string kind;
  double timeout = 5;
  bool pretty = false;
};

/// The local address the kernel would use to reach `server` (no packet is sent).
std::optional<Ipv4> local_address_towards(Ipv4 server) {
  int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return std::nullopt;
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(67);
  to.sin_addr.s_addr = htonl(server.value);
  std::optional<Ipv4> out;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to) == 0) {
    sockaddr_in me{};
    socklen_t len = sizeof me;
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&me), &len) == 0) out = Ipv4{ntohl(me.sin_addr.s_addr)};
  }
  ::close(fd);
  return out;
}

int run_probe(const ProbeOptions& o, const GlobalOptions& g, Io& io) {
  SourceSet sources;
  DiagnosticSink sink;
  const SourceFile* file = nullptr;
  if (!o.client.empty() && o.client[0] == '@') {
    std::string err;
    file = sources.load(o.client.substr(1), err);
    if (!file) sink.error({}, "cannot read '{}': {}", o.client.substr(1), err);
  } else {
    file = &sources.add("<client>", o.client);
  }
  std::optional<sim::Scenario> scenario;
  if (file) scenario = sim::parse_scenario(*file, sink);
  auto server = Ipv4::parse(o.server);
  if (!server) sink.error({}, "--server '{}' is not an IPv4 address", o.server);
  if (scenario && !o.interface.empty() && scenario->relay)
    sink.error({}, "--interface sends as the client itself; remove 'relay' from the scenario or drop --interface");
  if (sink.has_errors() || !scenario || !server) {
    render_text(io.err, sink, {use_color(g, io)});
    return kExitFindings;
  }
  std::uint32_t xid = std::random_device{}();
  dhcp::ExchangeResult r;
  if (o.interface.empty()) {
    // Relayed unicast: giaddr is the scenario's relay, or the local address that reaches the server.
    if (!scenario->relay) scenario->relay = local_address_towards(*server);
    if (!scenario->relay) {
      io.err << "isc2dnsmasq: error: no local address reaches " << server->str() << "\n";
      return kExitFindings;
    }
    r = dhcp::exchange_relayed(sim::encode_request(*scenario, xid), xid, *scenario->relay, *server, o.timeout);
  } else {
    r = dhcp::exchange_broadcast(sim::encode_request(*scenario, xid), xid, o.interface, o.timeout);
  }
  if (!r.error.empty()) {
    io.err << "isc2dnsmasq: error: " << r.error << "\n";
    return kExitFindings;
  }
  sim::Answer answer;
  if (r.reply) {
    std::string err;
    auto a = sim::decode_reply(*r.reply, err);
    if (!a) {
      io.err << "isc2dnsmasq: error: undecodable reply from the server: " << err << "\n";
      return kExitFindings;
    }
    answer = std::move(*a);
  }
  answer.server = o.kind;
  io.out << sim::answer_to_json(answer, o.pretty ? 2 : 0) << "\n";
  return kExitOk;
}

}  // namespace

Command make_probe(CLI::App& app, const GlobalOptions& g) {
  auto* sub = app.add_subcommand("probe", "Send one scenario to a live DHCP server and print its answer as JSON");
  auto o = std::make_shared<ProbeOptions>();
  sub->add_option("--server", o->server, "Server address; the request goes to ADDR:67 as from a relay agent")->required();
  sub->add_option("--client", o->client, "Scenario JSON, or @FILE")->required();
  sub->add_option("--interface", o->interface,
                  "Broadcast on this interface as the client itself instead of relaying (needs CAP_NET_RAW)");
  sub->add_option("--timeout", o->timeout, "Seconds to wait for the reply")->check(CLI::Range(0.1, 60.0))->capture_default_str();
  sub->add_option("--kind", o->kind, "Label the answer's \"server\" field (isc or dnsmasq), as `simulate` does")
      ->check(CLI::IsMember({"isc", "dnsmasq"}));
  sub->add_flag("--pretty", o->pretty, "Indent the JSON");
  return {sub, [o, &g](Io& io) { return run_probe(*o, g, io); }};
}

}  // namespace isc2dnsmasq::cli
