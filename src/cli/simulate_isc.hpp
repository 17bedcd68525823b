// The ISC path of `simulate`/`explain`: load a dhcpd.conf and answer one scenario with the ISC evaluator.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/diagnostic.hpp"
#include "core/source.hpp"
#include "sim/answer.hpp"
#include "sim/scenario.hpp"

namespace isc2dnsmasq::cli {

/// Parses and resolves `path`, then answers `scenario` as dhcpd would. `server_address` is the
/// receiving interface when the scenario names none (option 54, BOOTP siaddr); unset = the first
/// subnet's first address. `now` (seconds since the epoch, 0 = the current time) is the clock
/// behind infinite leases (0x7fffffff - now). nullopt after errors in `sink`.
std::optional<sim::Answer> simulate_isc_file(const std::string& path, const sim::Scenario& scenario,
                                             std::optional<Ipv4> server_address, SourceSet& sources,
                                             DiagnosticSink& sink, std::int64_t now = 0);

}  // namespace isc2dnsmasq::cli
