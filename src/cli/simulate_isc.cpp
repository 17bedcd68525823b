// The ISC path of `simulate`/`explain`: dhcpd.conf -> parse, resolve -> IscServer answer.
#include "cli/simulate_isc.hpp"

#include "sim/generate.hpp"
#include "sim/isc_server.hpp"
#include "sim/load_config.hpp"

namespace isc2dnsmasq::cli {

std::optional<sim::Answer> simulate_isc_file(const std::string& path, const sim::Scenario& scenario,
                                             std::optional<Ipv4> server_address, SourceSet& sources,
                                             DiagnosticSink& sink, std::int64_t now) {
  auto cfg = sim::load_config(path, sources, sink, sim::LoadedConfig::Kind::Isc);
  if (!cfg) return std::nullopt;
  sim::SimOptions opt;
  opt.now = now;
  opt.server_address = server_address;
  if (!opt.server_address) {
    auto ifs = sim::isc_interfaces(*cfg->isc);
    if (!ifs.empty()) opt.server_address = ifs.front().first;
  }
  sim::IscServer server(*cfg->isc, &*cfg->resolution);
  return server.answer(scenario, opt);
}

}  // namespace isc2dnsmasq::cli
