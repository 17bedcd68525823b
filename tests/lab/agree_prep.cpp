// Lab agreement driver: for one dhcpd.conf, writes the scenarios, the translated dnsmasq config and both simulators' predicted answers.
//
//   isc2dnsmasq_agree_prep --config dhcpd.conf --out DIR [--max N] [--seed S]
//
// Writes into DIR (tests/scripts/lab_agreement.sh feeds them to isc2dnsmasq_lab):
//   link.txt              the lab's server interface: the first ISC subnet's first address/prefix
//                         (the interface sim::generate_scenarios sends direct clients to)
//   scenarios.json        up to N generated scenarios, evenly spread over the generated list (guard-
//                         driven first, then pairs and random clients), named "gN <name>" (N = place)
//   isc.expect.json       the ISC evaluator's answer to each scenario (server address = the link)
//                         (lab_agreement.sh judges dhcpd with the lab's --predict instead: the same
//                         evaluator asked at the second of the send, exact for infinite leases)
//   dnsmasq.conf          the translation (translate::lower, then write_dnsmasq), when it reads back
//   dnsmasq.expect.json   the dnsmasq evaluator's answer, over the model read back from dnsmasq.conf
//                         (port 0 and the same interface, as the lab runs dnsmasq)
// Exit 0 done; 4 the config does not fit the lab (parse/resolve errors, no subnet, the first subnet
// or a scenario address outside 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24) with the reason on
// stdout; 2 usage.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "core/diagnostic.hpp"
#include "core/net.hpp"
#include "core/source.hpp"
#include "dnsmasq/read.hpp"
#include "dnsmasq/write.hpp"
#include "isc/parse.hpp"
#include "isc/resolve.hpp"
#include "sim/answer.hpp"
#include "sim/dnsmasq_server.hpp"
#include "sim/generate.hpp"
#include "sim/isc_server.hpp"
#include "sim/scenario.hpp"
#include "translate/lower.hpp"

using namespace isc2dnsmasq;

namespace {

// RFC 5737 documentation ranges: the only addresses the lab may use.
bool documentation_address(Ipv4 a) {
  return (a.value >> 8) == 0xc00002 || (a.value >> 8) == 0xc63364 || (a.value >> 8) == 0xcb0071;
}

bool write_file(const std::filesystem::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary);
  out << text;
  return static_cast<bool>(out);
}

std::string answers_json(const std::vector<sim::Answer>& answers) {
  std::string s = "[\n";
  for (std::size_t i = 0; i < answers.size(); ++i)
    s += sim::answer_to_json(answers[i], 0, false) + (i + 1 < answers.size() ? ",\n" : "\n");
  return s + "]\n";
}

// Addresses a server may hand out or ping: every range and every fixed address of the config.
struct Taken {
  std::vector<std::pair<Ipv4, Ipv4>> ranges;
  bool contains(Ipv4 a) const {
    for (const auto& [lo, hi] : ranges)
      if (lo <= a && a <= hi) return true;
    return false;
  }
};

Taken taken_addresses(const isc::Config& config) {
  Taken t;
  isc::for_each_stmt(config.body, [&](const isc::Stmt& s, int) {
    if (auto* r = s.as<isc::RangeStmt>()) {
      Ipv4 hi = r->high ? *r->high : r->low;
      t.ranges.emplace_back(r->low <= hi ? r->low : hi, r->low <= hi ? hi : r->low);
    } else if (auto* f = s.as<isc::FixedAddressStmt>()) {
      for (const auto& a : f->addresses)
        if (a.hostname.empty()) t.ranges.emplace_back(a.ip, a.ip);
    }
  });
  return t;
}

// The lab's address for a subnet (server interface or relay agent): the highest host address
// that no range or fixed address covers, so dhcpd's ping check never reaches the lab's own
// address (a pool that starts at .1 would otherwise make dhcpd abandon it: no OFFER).
Ipv4 lab_address(Ipv4 generated, int len, const Taken& taken) {
  if (len >= 31 || !taken.contains(generated)) return generated;
  std::uint32_t net = generated.value & (len ? ~0u << (32 - len) : 0);
  std::uint32_t bcast = net | (len ? ~(~0u << (32 - len)) : ~0u);
  for (std::uint32_t v = bcast - 1; v > net; --v)
    if (!taken.contains(Ipv4{v})) return Ipv4{v};
  return generated;
}

int not_fit(const std::string& why) {
  std::cout << "does not fit: " << why << "\n";
  return 4;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Write scenarios, the translation and both simulators' predictions for one dhcpd.conf", "isc2dnsmasq_agree_prep"};
  std::string config_path, out_dir;
  std::size_t max_scenarios = 10;
  std::uint64_t seed = 1;
  app.add_option("--config", config_path, "The dhcpd.conf")->required()->check(CLI::ExistingFile);
  app.add_option("--out", out_dir, "Output directory (created)")->required();
  app.add_option("--max", max_scenarios, "At most this many scenarios (default 10)");
  app.add_option("--seed", seed, "Seed for the generator's random clients");
  CLI11_PARSE(app, argc, argv);

  SourceSet sources;
  DiagnosticSink sink;
  auto config = isc::parse_isc_file(config_path, sources, sink);
  if (!config || sink.has_errors()) return not_fit("the ISC front end reports errors");
  isc::Resolution resolution = isc::resolve_options(*config, sink);
  if (sink.has_errors()) return not_fit("option resolution reports errors");

  auto interfaces = sim::isc_interfaces(*config);
  if (interfaces.empty()) return not_fit("no subnet declaration");
  Taken taken = taken_addresses(*config);
  auto [gen_link, link_len] = interfaces.front();
  Ipv4 link_addr = lab_address(gen_link, link_len, taken);
  // Generated address of each subnet -> the lab's address for it.
  auto relocate = [&](Ipv4 a) {
    for (const auto& [addr, len] : interfaces)
      if (addr == a) return lab_address(addr, len, taken);
    return a;
  };
  if (!documentation_address(link_addr) || link_len < 24 || link_len > 30)
    return not_fit(fmt::format("first subnet interface {}/{} is not inside a lab /24", link_addr.str(), link_len));

  // The translation, as a user would deploy it: lowered, written, and read back from the text.
  DiagnosticSink tsink;
  translate::LowerResult lowered = translate::lower(*config, resolution, {}, tsink);
  dnsmasq::WriteOptions wo;
  wo.provenance_comments = true;
  wo.header = fmt::format("translated from {} for the lab agreement test", config_path);
  std::string dnsmasq_text = dnsmasq::write_dnsmasq(lowered.model, wo);
  DiagnosticSink rsink;
  auto model = dnsmasq::read_dnsmasq_text("dnsmasq.conf", dnsmasq_text, sources, rsink);
  if (model && rsink.has_errors()) model.reset();

  sim::GenerateOptions go;
  go.seed = seed;
  sim::Generated gen = sim::generate_scenarios(&*config, &resolution, model ? &*model : nullptr, go);

  std::vector<sim::Scenario> chosen;
  std::size_t dropped = 0;
  // Evenly spread over the generated list (client families, hosts, classes, pairs, random
  // clients come in that order), so a small cap still samples every kind.
  std::vector<std::size_t> picks;
  std::size_t total = gen.scenarios.size();
  for (std::size_t k = 0; k < total; ++k) {
    std::size_t i = total <= max_scenarios ? k : k * total / max_scenarios;
    if (total > max_scenarios && k >= max_scenarios) break;
    picks.push_back(i);
  }
  for (std::size_t i : picks) {
    sim::Scenario s = gen.scenarios[i];
    if (s.interface) s.interface = relocate(*s.interface);
    if (s.relay) s.relay = relocate(*s.relay);
    bool ok = (!s.relay || documentation_address(*s.relay)) && (!s.ciaddr || documentation_address(*s.ciaddr)) &&
              (!s.interface || *s.interface == link_addr);
    if (!ok) {
      ++dropped;
      continue;
    }
    s.name = fmt::format("g{} {}", i + 1, s.name);
    chosen.push_back(std::move(s));
  }
  if (chosen.empty()) return not_fit("no generated scenario fits the lab");

  std::filesystem::path dir(out_dir);
  std::filesystem::create_directories(dir);
  std::string scen = "[\n";
  for (std::size_t i = 0; i < chosen.size(); ++i)
    scen += sim::scenario_to_json(chosen[i], 0) + (i + 1 < chosen.size() ? ",\n" : "\n");
  scen += "]\n";

  sim::IscServer isc_server(*config, &resolution);
  sim::SimOptions so;
  so.server_address = link_addr;
  std::vector<sim::Answer> isc_answers;
  for (const auto& s : chosen) isc_answers.push_back(isc_server.answer(s, so));

  bool ok = write_file(dir / "link.txt", fmt::format("{}/{}\n", link_addr.str(), link_len)) &&
            write_file(dir / "scenarios.json", scen) && write_file(dir / "isc.expect.json", answers_json(isc_answers));
  if (model) {
    sim::DnsmasqSimOptions dopt;
    dopt.port = 0;
    dopt.interfaces.push_back({link_addr, link_len, "eth0"});
    std::vector<sim::Answer> dm_answers;
    for (const auto& s : chosen) dm_answers.push_back(sim::simulate_dnsmasq(*model, s, dopt));
    ok = ok && write_file(dir / "dnsmasq.conf", dnsmasq_text) && write_file(dir / "dnsmasq.expect.json", answers_json(dm_answers));
  }
  if (!ok) {
    std::cerr << "agree_prep: cannot write into " << out_dir << "\n";
    return 1;
  }
  std::cout << fmt::format("{} scenarios of {} generated ({} outside the lab), link {}/{}, translation {}\n", chosen.size(),
                           gen.scenarios.size(), dropped, link_addr.str(), link_len,
                           model ? "read back" : "does not read back");
  return 0;
}
