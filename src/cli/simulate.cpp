// `simulate CONFIG --client JSON|@file` and `explain`: what one client receives from a config, and why.
#include <fstream>
#include <map>
#include <set>
#include <memory>
#include <ostream>
#include <sstream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/app.hpp"
#include "cli/simulate_isc.hpp"
#include "core/diagnostic.hpp"
#include "core/source.hpp"
#include "dnsmasq/detect.hpp"
#include "dnsmasq/option_table.hpp"
#include "dnsmasq/read.hpp"
#include "sim/answer.hpp"
#include "sim/compare.hpp"
#include "sim/dnsmasq_server.hpp"
#include "sim/scenario.hpp"

namespace isc2dnsmasq::cli {

namespace {

struct SimulateArgs {
  std::string config;
  std::string client;
  std::string kind = "auto";
  bool json = false;
  int port = 0;
  std::vector<std::string> interfaces;
  std::string against;  // lab output (JSON lines with "index" and "answer") to compare with
  std::string known;    // "INDEX FIELD reason" lines: differences from the real server with a reason
  std::int64_t now = 0;  // ISC: the clock for infinite leases (0 = the current time)
};

/// "4 bytes c0:00:02:01 = 192.0.2.1" style rendering: addresses for dnsmasq's address-list
/// options, text when every byte is printable, hex always.
std::string show_option(std::uint8_t code, const Bytes& v) {
  if (v.empty()) return "(empty)";
  std::string out = to_colon_hex(v);
  std::uint16_t flags = dnsmasq::option_len_flags(code);
  if ((flags & dnsmasq::kOtAddrList) && v.size() % 4 == 0) {
    std::string addrs;
    for (std::size_t i = 0; i < v.size(); i += 4) {
      if (!addrs.empty()) addrs += ',';
      addrs += fmt::format("{}.{}.{}.{}", v[i], v[i + 1], v[i + 2], v[i + 3]);
    }
    return fmt::format("{} = {}", out, addrs);
  }
  if (code == 51 || code == 58 || code == 59) {
    if (v.size() == 4) {
      std::uint32_t t = (std::uint32_t{v[0]} << 24) | (std::uint32_t{v[1]} << 16) | (std::uint32_t{v[2]} << 8) | v[3];
      return fmt::format("{} = {}", out, t == 0xffffffffu ? std::string("infinite") : fmt::format("{} s", t));
    }
  }
  std::size_t end = v.size();
  while (end > 0 && v[end - 1] == 0) --end;
  bool text = end > 0;
  for (std::size_t i = 0; i < end; ++i) text = text && v[i] >= 0x20 && v[i] < 0x7f;
  if (text) return fmt::format("{} = \"{}\"", out, std::string(v.begin(), v.begin() + static_cast<long>(end)));
  return out;
}

std::string answer_text(const sim::Answer& a) {
  std::string out = fmt::format("reply: {}\n", sim::reply_name(a.reply));
  if (a.reply == sim::Reply::None) return out;
  if (a.yiaddr) out += fmt::format("yiaddr: {}\n", a.yiaddr->str());
  if (!a.pool.empty()) out += fmt::format("pool: {}\n", a.pool.str());
  out += fmt::format("siaddr: {}\n", a.siaddr.str());
  if (!a.sname.empty()) out += fmt::format("sname: {}\n", a.sname);
  if (!a.file.empty()) out += fmt::format("file: {}\n", a.file);
  if (a.lease_time) out += fmt::format("lease_time: {}\n", *a.lease_time == 0xffffffffu ? std::string("infinite") : std::to_string(*a.lease_time));
  for (const auto& o : a.options) out += fmt::format("option {}: {}\n", o.code, show_option(o.code, o.value));
  return out;
}

std::string why_text(const sim::Answer& a) {
  std::string out = "why:\n";
  for (const auto& w : a.why) {
    out += fmt::format("  {}: {}{}\n", w.field, w.location.empty() ? std::string() : w.location + ": ", w.reason);
  }
  return out;
}

bool read_text(const std::string& path, std::string& text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  text = ss.str();
  return true;
}

/// Compares simulated answers with a real server's (the lab's JSON lines), field by field, and
/// prints agreement per field; a difference listed in `known` (with its reason) is not a failure.
int compare_with_lab(const SimulateArgs& args, const std::vector<sim::Scenario>& scenarios,
                     const std::vector<sim::Answer>& answers, SourceSet& sources, DiagnosticSink& sink, Io& io) {
  std::string text;
  if (!read_text(args.against, text)) {
    sink.error({}, "cannot read '{}'", args.against);
    return kExitFindings;
  }
  std::map<std::pair<std::size_t, std::string>, std::string> known;
  if (!args.known.empty()) {
    std::string k;
    if (read_text(args.known, k)) {
      std::istringstream in(k);
      for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream ls(line);
        std::size_t idx = 0;
        std::string field, word, reason;
        ls >> idx >> field;
        if (field == "option") {
          ls >> word;
          field += " " + word;
        }
        std::getline(ls, reason);
        known[{idx, field}] = reason;
      }
    }
  }
  std::map<std::string, std::pair<int, int>> agree;  // field -> (agree, total)
  std::vector<std::string> failures, explained;
  std::istringstream in(text);
  std::size_t compared = 0;
  for (std::string line; std::getline(in, line);) {
    auto at = line.find("\"answer\":");
    auto ix = line.find("\"index\":");
    if (at == std::string::npos || ix == std::string::npos) continue;
    std::size_t idx = std::strtoul(line.c_str() + ix + 8, nullptr, 10);
    if (idx >= answers.size()) continue;
    std::string body = line.substr(at + 9);
    body = body.substr(0, body.rfind('}'));
    const SourceFile& f = sources.add(fmt::format("{}:{}", args.against, idx + 1), body);
    auto real = sim::parse_answer(f, sink);
    if (!real) return kExitFindings;
    const sim::Answer& sim_a = answers[idx];
    sim::CompareOptions copt;
    copt.exact_address = true;
    copt.intrinsic = {};
    auto c = sim::compare(*real, sim_a, copt);
    ++compared;
    std::set<std::string> differing;
    for (const auto& d : c.differences) differing.insert(d.field);
    // Wire order of the options both carry.
    std::vector<std::uint8_t> ro, so;
    for (const auto& o : real->options) ro.push_back(o.code);
    for (const auto& o : sim_a.options) so.push_back(o.code);
    if (ro != so && differing.empty()) differing.insert("order");
    std::set<std::string> fields = {"reply", "address", "siaddr", "sname", "file", "lease_time", "order"};
    for (const auto& o : real->options) fields.insert(fmt::format("option {}", o.code));
    for (const auto& o : sim_a.options) fields.insert(fmt::format("option {}", o.code));
    for (const auto& fld : fields) {
      auto& [ok, total] = agree[fld];
      ++total;
      if (!differing.count(fld)) ++ok;
    }
    for (const auto& d : c.differences) {
      std::string what = fmt::format("#{} {}{}: real {} | simulated {}", idx, d.field,
                                     scenarios[idx].name.empty() ? "" : " (" + scenarios[idx].name + ")", d.left, d.right);
      if (auto k = known.find({idx, d.field}); k != known.end()) {
        explained.push_back(what + " [known:" + k->second + "]");
      } else {
        failures.push_back(what);
      }
    }
    if (differing.count("order")) {
      std::string r, s;
      for (auto x : ro) r += fmt::format("{},", x);
      for (auto x : so) s += fmt::format("{},", x);
      std::string what = fmt::format("#{} order: real {} | simulated {}", idx, r, s);
      if (known.count({idx, "order"})) explained.push_back(what); else failures.push_back(what);
    }
  }
  io.out << fmt::format("compared {} of {} scenarios\n", compared, answers.size());
  for (const auto& [fld, n] : agree) io.out << fmt::format("  {:<12} {}/{}\n", fld, n.first, n.second);
  for (const auto& e : explained) io.out << "explained: " << e << "\n";
  for (const auto& f : failures) io.out << "MISMATCH: " << f << "\n";
  if (compared != answers.size()) {
    io.out << "MISMATCH: the lab output does not cover every scenario\n";
    return kExitDifferent;
  }
  return failures.empty() ? kExitOk : kExitDifferent;
}

int run_simulate(const SimulateArgs& args, bool explain, const GlobalOptions& g, Io& io) {
  SourceSet sources;
  DiagnosticSink sink;
  auto finish = [&](int code) {
    sink.sort();
    render_text(io.err, sink, {use_color(g, io)});
    return code;
  };
  // The client: inline JSON or @file.
  const SourceFile* client_file = nullptr;
  if (!args.client.empty() && args.client.front() == '@') {
    std::string err;
    client_file = sources.load(args.client.substr(1), err);
    if (!client_file) {
      sink.error({}, "cannot read '{}': {}", args.client.substr(1), err);
      return finish(kExitFindings);
    }
  } else {
    client_file = &sources.add("<client>", args.client);
  }
  auto scenarios = sim::parse_scenarios(*client_file, sink);
  if (!scenarios) return finish(kExitFindings);

  std::string text;
  if (!read_text(args.config, text)) {
    sink.error({}, "cannot read '{}'", args.config);
    return finish(kExitFindings);
  }
  bool is_dnsmasq = args.kind == "dnsmasq" || (args.kind == "auto" && dnsmasq::looks_like_dnsmasq(text));
  std::optional<dnsmasq::Model> model;
  if (is_dnsmasq) {
    model = dnsmasq::read_dnsmasq_file(args.config, sources, sink);
    if (!model) return finish(kExitFindings);
  }

  sim::DnsmasqSimOptions opt;
  opt.port = args.port;
  for (const auto& spec : args.interfaces) {
    // ADDRESS/LEN[:NAME]
    std::string s = spec, name = "eth0";
    if (auto colon = s.find(':'); colon != std::string::npos) {
      name = s.substr(colon + 1);
      s = s.substr(0, colon);
    }
    auto slash = s.find('/');
    auto addr = Ipv4::parse(s.substr(0, slash));
    int len = slash == std::string::npos ? 24 : std::atoi(s.c_str() + slash + 1);
    if (!addr || len < 1 || len > 32) {
      sink.error({}, "--interface '{}' must be ADDRESS/LEN[:NAME], e.g. 192.0.2.1/24:eth0", spec);
      return finish(kExitUsage);
    }
    opt.interfaces.push_back({*addr, len, name});
  }
  std::vector<sim::Answer> answers;
  if (is_dnsmasq) {
    sim::DnsmasqServer server(*model, opt);
    for (const auto& sc : *scenarios) answers.push_back(server.answer(sc));
  } else {  // ISC path (cli/simulate_isc.cpp)
    auto iface = opt.interfaces.empty() ? std::nullopt : std::optional<Ipv4>(opt.interfaces.front().address);
    for (const auto& sc : *scenarios) {
      auto answer = simulate_isc_file(args.config, sc, iface, sources, sink, args.now);
      if (!answer) return finish(kExitFindings);
      answers.push_back(std::move(*answer));
    }
  }
  if (!args.against.empty()) return finish(compare_with_lab(args, *scenarios, answers, sources, sink, io));
  bool many = client_file->text().find_first_not_of(" \t\r\n") != std::string::npos &&
              client_file->text()[client_file->text().find_first_not_of(" \t\r\n")] == '[';
  for (std::size_t i = 0; i < answers.size(); ++i) {
    const auto& answer = answers[i];
    if (args.json) {
      io.out << sim::answer_to_json(answer, many ? 0 : 2, explain) << "\n";
    } else {
      if (many) io.out << fmt::format("{}# scenario {}{}\n", i ? "\n" : "", i, (*scenarios)[i].name.empty() ? "" : ": " + (*scenarios)[i].name);
      io.out << answer_text(answer);
      if (explain) io.out << why_text(answer);
    }
  }
  return finish(kExitOk);
}

Command make_sim_command(CLI::App& app, const GlobalOptions& g, bool explain) {
  auto* sub = app.add_subcommand(explain ? "explain" : "simulate",
                                 explain ? "Show the answer one client gets and the config line behind every value"
                                         : "Show the answer one client gets from a config");
  auto args = std::make_shared<SimulateArgs>();
  sub->add_option("config", args->config, "dnsmasq config (or dhcpd.conf)")->required();
  sub->add_option("--client", args->client, "The client scenario: JSON text or @FILE (docs/semantics.md)")->required();
  sub->add_flag("--json", args->json, "Print the answer as JSON");
  sub->add_option("--kind", args->kind, "Config kind: auto (by content), isc or dnsmasq")
      ->check(CLI::IsMember({"auto", "isc", "dnsmasq"}));
  sub->add_option("--port", args->port, "dnsmasq's DNS port (--port); 53 adds the default option 6")->capture_default_str();
  sub->add_option("--interface", args->interfaces,
                  "A server interface ADDRESS/LEN[:NAME] (repeatable; default: host .1 of the first range's subnet, eth0)");
  sub->add_option("--against", args->against, "Compare with a real server's answers (lab JSON lines); exit 3 on differences");
  sub->add_option("--now", args->now,
                  "dhcpd.conf: seconds since the epoch for infinite leases (0x7fffffff - now); default the current time");
  sub->add_option("--known", args->known, "With --against: 'INDEX FIELD reason' lines of differences that are understood");
  return {sub, [args, explain, &g](Io& io) { return run_simulate(*args, explain, g, io); }};
}

}  // namespace

Command make_simulate(CLI::App& app, const GlobalOptions& g) { return make_sim_command(app, g, false); }
Command make_explain(CLI::App& app, const GlobalOptions& g) { return make_sim_command(app, g, true); }

}  // namespace isc2dnsmasq::cli
