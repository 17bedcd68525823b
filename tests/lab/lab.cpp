// Real-server lab: runs the real dhcpd or dnsmasq in a network namespace and records its answers to scenarios.
//
//   isc2dnsmasq_lab --server dhcpd|dnsmasq --config FILE --link 192.0.2.1/24 [--link ...]
//                   (--scenarios FILE | --exec 'COMMAND') [--timeout S] [--reuse] [--state-dir DIR]
//                   [--expect ANSWERS.json | --predict] [--exact-address] [--probe PATH/TO/isc2dnsmasq]
//
// Topology (docs/lab.md): namespace <name>-s holds the server and one veth end per --link with the
// link's server address; namespace <name>-c holds the other ends and no address on them, except
// every relay address (giaddr) the scenarios use, as a /32 on the first link, with a route for it
// in the server namespace. Direct scenarios are broadcast from 0.0.0.0 on the client end of the
// link whose server address equals the scenario's `interface` (default: the first link); relayed
// ones are sent by UDP from relay:67 to the first link's server address. Each answer is printed
// as one JSON line. Every process is stopped by its pid and both namespaces are deleted at the
// end, also after an error, SIGINT or SIGTERM. Without root it prints "SKIPPED: ..." and exits 77.
// --predict (dhcpd only) compares each answer with the ISC evaluator's prediction over --config made
// at the second the request is sent (SimOptions::now), so time-dependent values (an infinite lease is
// sent as 0x7fffffff - now) are predicted exactly. --probe sends each scenario with `isc2dnsmasq probe`
// (run in the client namespace: relayed, or broadcast with --interface) instead of the lab's own
// sockets, and records probe's JSON as the answer.
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "core/json.hpp"
#include "core/source.hpp"
#include "dhcp/transport.hpp"
#include "isc/parse.hpp"
#include "isc/resolve.hpp"
#include "sim/answer.hpp"
#include "sim/compare.hpp"
#include "sim/isc_server.hpp"
#include "sim/scenario.hpp"
#include "sim/wire.hpp"

extern char** environ;

namespace {

using namespace isc2dnsmasq;
using Clock = std::chrono::steady_clock;

std::atomic<bool> g_stop{false};

void on_signal(int) { g_stop.store(true); }

constexpr int kExitSkipped = 77;

struct Link {
  Ipv4 address;
  int length = 24;
  std::string server_if;
  std::string client_if;
};

/// Runs argv to completion (bounded: killed after `timeout_s`); stdout+stderr go to `log`.
int run(const std::vector<std::string>& argv, const std::string& log, double timeout_s = 20) {
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2(&fa, 1, 2);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, args[0], &fa, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) return -1;
  auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(timeout_s));
  int status = 0;
  while (true) {
    pid_t w = waitpid(pid, &status, WNOHANG);
    if (w == pid) break;
    if (Clock::now() > deadline) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string tail(const std::string& path, std::size_t lines) {
  std::ifstream in(path);
  std::vector<std::string> all;
  for (std::string l; std::getline(in, l);) all.push_back(l);
  std::string out;
  for (std::size_t i = all.size() > lines ? all.size() - lines : 0; i < all.size(); ++i) out += "  " + all[i] + "\n";
  return out;
}

/// Whether the process `pid` (in its own network namespace) has a UDP socket on local port 67.
bool listens_on_67(pid_t pid) {
  std::ifstream in(fmt::format("/proc/{}/net/udp", pid));
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::istringstream ls(line);
    std::string slot, local;
    ls >> slot >> local;
    if (local.size() > 5 && local.substr(local.size() - 5) == ":0043") return true;
  }
  return false;
}

class Lab {
public:
  Lab(std::string name, std::string state_dir) : name_(std::move(name)), state_(std::move(state_dir)) {}
  ~Lab() { teardown(); }

  std::string server_ns() const { return name_ + "-s"; }
  std::string client_ns() const { return name_ + "-c"; }
  std::string log(const char* what) const { return state_ + "/" + what; }

  /// Creates namespaces, veth pairs, addresses and relay routes. Returns an error text or "".
  std::string setup(std::vector<Link>& links, const std::set<Ipv4>& relays) {
    std::string ip_log = log("ip.log");
    if (run({"ip", "netns", "add", server_ns()}, ip_log) != 0) return "ip netns add failed";
    ns_created_ = 1;
    if (run({"ip", "netns", "add", client_ns()}, ip_log) != 0) return "ip netns add failed";
    ns_created_ = 2;
    std::vector<std::vector<std::string>> cmds = {
        {"ip", "-n", server_ns(), "link", "set", "lo", "up"},
        {"ip", "-n", client_ns(), "link", "set", "lo", "up"},
    };
    std::string tag = std::to_string(getpid());
    for (std::size_t i = 0; i < links.size(); ++i) {
      Link& l = links[i];
      l.server_if = fmt::format("i{}s{}", tag, i);
      l.client_if = fmt::format("i{}c{}", tag, i);
      cmds.push_back({"ip", "link", "add", l.server_if, "netns", server_ns(), "type", "veth", "peer", "name",
                      l.client_if, "netns", client_ns()});
      cmds.push_back({"ip", "-n", server_ns(), "addr", "add", fmt::format("{}/{}", l.address.str(), l.length), "dev",
                      l.server_if});
      cmds.push_back({"ip", "-n", server_ns(), "link", "set", l.server_if, "up"});
      cmds.push_back({"ip", "-n", client_ns(), "link", "set", l.client_if, "up"});
    }
    if (!relays.empty()) {
      const Link& first = links.front();
      cmds.push_back({"ip", "-n", client_ns(), "route", "add", first.address.str() + "/32", "dev", first.client_if});
      for (Ipv4 r : relays) {
        cmds.push_back({"ip", "-n", client_ns(), "addr", "add", r.str() + "/32", "dev", first.client_if});
        cmds.push_back({"ip", "-n", server_ns(), "route", "add", r.str() + "/32", "dev", first.server_if});
      }
    }
    for (const auto& c : cmds) {
      if (run(c, ip_log) != 0) return fmt::format("'{}' failed:\n{}", fmt::join(c, " "), tail(ip_log, 5));
    }
    // Let the veths finish coming up (carrier) before servers open their sockets.
    for (int i = 0; i < 50 && !g_stop; ++i) {
      bool all_up = true;
      for (const auto& l : links) {
        std::string out = log("carrier.txt");
        std::filesystem::remove(out);
        run({"ip", "-n", client_ns(), "-o", "link", "show", l.client_if}, out);
        std::ifstream in(out);
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (text.find("LOWER_UP") == std::string::npos) all_up = false;
      }
      if (all_up) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return "";
  }

  /// Starts the server; waits until it listens on port 67. Returns an error text or "".
  std::string start_server(const std::string& kind, const std::string& config, const std::vector<Link>& links) {
    std::string leases = log("leases");
    std::string pidfile = log("server.pid");
    { std::ofstream(leases, std::ios::trunc); }
    std::filesystem::remove(pidfile);
    std::vector<std::string> argv = {"ip", "netns", "exec", server_ns()};
    if (kind == "dhcpd") {
      for (const char* a : {"dhcpd", "-4", "-f", "-d", "-cf"}) argv.push_back(a);
      argv.insert(argv.end(), {config, "-lf", leases, "-pf", pidfile});
      for (const auto& l : links) argv.push_back(l.server_if);
    } else {
      argv.insert(argv.end(), {"dnsmasq", "-d", "--no-ping", "--port=0", "--conf-file=" + config,
                               "--dhcp-leasefile=" + leases, "--pid-file=" + pidfile, "--user=root", "--group=root",
                               "--log-dhcp", "--log-facility=-"});
      for (const auto& l : links) argv.push_back("--interface=" + l.server_if);
    }
    std::string server_log = log("server.log");
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, server_log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    posix_spawn_file_actions_adddup2(&fa, 1, 2);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    int rc = posix_spawnp(&server_pid_, args[0], &fa, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0) {
      server_pid_ = 0;
      return fmt::format("cannot start {}: {}", kind, std::strerror(rc));
    }
    // `ip netns exec` execs the server, so server_pid_ is the server's own pid.
    auto deadline = Clock::now() + std::chrono::seconds(10);
    while (!g_stop) {
      int status = 0;
      if (waitpid(server_pid_, &status, WNOHANG) == server_pid_) {
        server_pid_ = 0;
        return fmt::format("{} exited during start-up; its log ends with:\n{}", kind, tail(server_log, 12));
      }
      if (listens_on_67(server_pid_)) return "";
      if (Clock::now() > deadline) return fmt::format("{} did not open port 67 within 10 s", kind);
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return "interrupted";
  }

  /// Stops the server by its pid: SIGTERM, then SIGKILL after 3 s.
  void stop_server() {
    if (server_pid_ <= 0) return;
    kill(server_pid_, SIGTERM);
    auto deadline = Clock::now() + std::chrono::seconds(3);
    int status = 0;
    while (waitpid(server_pid_, &status, WNOHANG) != server_pid_) {
      if (Clock::now() > deadline) {
        kill(server_pid_, SIGKILL);
        waitpid(server_pid_, &status, 0);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    server_pid_ = 0;
  }

  /// Runs `fn` with this thread in the client namespace (sockets created there stay there).
  template <typename Fn>
  auto in_client(Fn fn) {
    int self = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
    int target = open(("/run/netns/" + client_ns()).c_str(), O_RDONLY | O_CLOEXEC);
    if (self < 0 || target < 0 || setns(target, CLONE_NEWNET) != 0) {
      if (self >= 0) close(self);
      if (target >= 0) close(target);
      dhcp::ExchangeResult r;
      r.error = "cannot enter the client namespace";
      return r;
    }
    auto result = fn();
    if (setns(self, CLONE_NEWNET) != 0) {
      std::cerr << "lab: cannot return to the original network namespace\n";
      std::abort();
    }
    close(self);
    close(target);
    return result;
  }

  void teardown() {
    stop_server();
    std::string ip_log = log("ip.log");
    if (ns_created_ >= 2) run({"ip", "netns", "del", client_ns()}, ip_log);
    if (ns_created_ >= 1) run({"ip", "netns", "del", server_ns()}, ip_log);
    ns_created_ = 0;
  }

private:
  std::string name_;
  std::string state_;
  pid_t server_pid_ = 0;
  int ns_created_ = 0;
};

constexpr int kExitDoesNotFit = 4;

/// Why running `config` would act outside the lab's namespaces and state directory, or "".
/// Both servers let the config file override the lab's command line for the lease file, pid
/// file and log file (dhcpd's lease-file-name / pid-file-name beat -lf / -pf; dnsmasq's later
/// setting wins, and it refuses a repeated one inside files), which would then be host files such
/// as /var/lib/dhcp/dhcpd.leases. dnsmasq's dhcp-script / dhcp-luascript run host programs on
/// lease events. Comments are skipped; included files are not read.
std::string outside_effects(const std::string& server, const std::string& config) {
  std::ifstream in(config);
  std::vector<std::string> words = server == "dhcpd" ? std::vector<std::string>{"lease-file-name", "pid-file-name"}
                                                     : std::vector<std::string>{"dhcp-leasefile", "pid-file",
                                                                                "log-facility", "dhcp-script",
                                                                                "dhcp-luascript"};
  int n = 0;
  for (std::string line; std::getline(in, line);) {
    ++n;
    auto hash = line.find('#');
    if (hash != std::string::npos) line.resize(hash);
    std::size_t start = line.find_first_not_of(" \t");
    if (start == std::string::npos) continue;
    for (const auto& w : words) {
      if (line.compare(start, w.size(), w) == 0) {
        char next = start + w.size() < line.size() ? line[start + w.size()] : '\0';
        if (next == '\0' || next == ' ' || next == '\t' || next == '=' || next == '"')
          return fmt::format("line {} sets '{}'", n, w);
      }
    }
  }
  return "";
}

// RFC 5737 documentation ranges only, so the lab can never touch a real network's addresses.
bool documentation_address(Ipv4 a) {
  return (a.value >> 8) == 0xc00002 || (a.value >> 8) == 0xc63364 || (a.value >> 8) == 0xcb0071;
}

std::optional<Link> parse_link(const std::string& text) {
  auto slash = text.find('/');
  if (slash == std::string::npos) return std::nullopt;
  auto a = Ipv4::parse(text.substr(0, slash));
  int len = std::atoi(text.c_str() + slash + 1);
  if (!a || len < 8 || len > 30) return std::nullopt;
  if (!documentation_address(*a)) return std::nullopt;
  Link l;
  l.address = *a;
  l.length = len;
  return l;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"isc2dnsmasq lab: ask the real dhcpd or dnsmasq in a network namespace", "isc2dnsmasq_lab"};
  std::string server, config, scenarios_path, exec_cmd, state_dir, name;
  std::vector<std::string> link_args;
  double timeout = 3.0;
  bool reuse = false;
  app.add_option("--server", server, "dhcpd or dnsmasq")->required()->check(CLI::IsMember({"dhcpd", "dnsmasq"}));
  app.add_option("--config", config, "The config under test (used unchanged)")->required()->check(CLI::ExistingFile);
  app.add_option("--link", link_args, "Server address/prefix of one server interface (192.0.2.0/24, 198.51.100.0/24 or 203.0.113.0/24)")
      ->required();
  app.add_option("--scenarios", scenarios_path, "JSON file: one scenario or an array of them")->check(CLI::ExistingFile);
  app.add_option("--exec", exec_cmd,
                 "Shell command run in the client namespace while the server runs (env LAB_SERVER, LAB_IF)");
  std::string expect_path;
  bool exact_address = false;
  app.add_option("--expect", expect_path,
                 "JSON array of expected Answers (e.g. the simulator's), one per scenario: compare field by field")
      ->check(CLI::ExistingFile);
  bool predict = false;
  app.add_flag("--predict", predict,
               "dhcpd only, instead of --expect: compare with the ISC evaluator's answer over --config, made at the "
               "second each request is sent (exact for infinite leases, 0x7fffffff - now)");
  std::string probe_tool;
  app.add_option("--probe", probe_tool,
                 "Send each scenario with this isc2dnsmasq binary's `probe` command (in the client namespace) and "
                 "record its JSON as the answer")
      ->check(CLI::ExistingFile);
  app.add_flag("--exact-address", exact_address, "With --expect or --predict: also require the exact yiaddr when both have one");
  app.add_option("--timeout", timeout, "Seconds to wait for each reply")->capture_default_str();
  app.add_flag("--reuse", reuse, "One server for all scenarios (default: a fresh server and lease file per scenario)");
  app.add_option("--state-dir", state_dir, "Where leases, pid file and logs go (default: a new /tmp/i2dlab.* dir)");
  app.add_option("--name", name, "Namespace name prefix (default i2dlab-PID)");
  CLI11_PARSE(app, argc, argv);

  if (geteuid() != 0) {
    std::cout << "SKIPPED: lab needs root (network namespaces, veth pairs, raw sockets)\n";
    return kExitSkipped;
  }
  if (timeout <= 0 || timeout > 60) {
    std::cerr << "lab: --timeout must be in (0, 60]\n";
    return 2;
  }
  std::vector<Link> links;
  for (const auto& a : link_args) {
    auto l = parse_link(a);
    if (!l) {
      std::cerr << fmt::format("lab: --link '{}' must be ADDRESS/LEN (8..30) inside 192.0.2.0/24, 198.51.100.0/24 or 203.0.113.0/24\n", a);
      return 2;
    }
    links.push_back(*l);
  }
  std::vector<sim::Scenario> scenarios;
  SourceSet sources;
  if (!scenarios_path.empty()) {
    std::string err;
    const SourceFile* f = sources.load(scenarios_path, err);
    if (!f) {
      std::cerr << fmt::format("lab: cannot read '{}': {}\n", scenarios_path, err);
      return 1;
    }
    DiagnosticSink sink;
    auto list = sim::parse_scenarios(*f, sink);
    if (!list) {
      render_text(std::cerr, sink);
      return 1;
    }
    scenarios = std::move(*list);
  }
  std::vector<sim::Answer> expected;
  if (!expect_path.empty()) {
    std::string err;
    const SourceFile* f = sources.load(expect_path, err);
    if (!f) {
      std::cerr << fmt::format("lab: cannot read '{}': {}\n", expect_path, err);
      return 1;
    }
    DiagnosticSink sink;
    auto list = sim::parse_answers(*f, sink);
    if (!list) {
      render_text(std::cerr, sink);
      return 1;
    }
    expected = std::move(*list);
    if (expected.size() != scenarios.size()) {
      std::cerr << fmt::format("lab: --expect holds {} answers for {} scenarios\n", expected.size(), scenarios.size());
      return 2;
    }
  }
  // --predict: the ISC evaluator over the same config, asked just before each request is sent.
  std::optional<isc::Config> predict_config;
  isc::Resolution predict_resolution;
  std::unique_ptr<sim::IscServer> predictor;
  if (predict) {
    if (server != "dhcpd" || !expect_path.empty()) {
      std::cerr << "lab: --predict needs --server dhcpd and no --expect\n";
      return 2;
    }
    DiagnosticSink sink;
    predict_config = isc::parse_isc_file(config, sources, sink);
    if (predict_config && !sink.has_errors()) predict_resolution = isc::resolve_options(*predict_config, sink);
    if (!predict_config || sink.has_errors()) {
      render_text(std::cerr, sink);
      return 1;
    }
    predictor = std::make_unique<sim::IscServer>(*predict_config, &predict_resolution);
  }
  // Agreement by field (docs/lab.md): how often the real answer agreed with the expected one.
  const std::vector<std::string> kFields = {"reply", "address", "siaddr", "sname", "file", "lease_time", "options"};
  std::vector<std::size_t> disagree(kFields.size(), 0);
  std::size_t compared = 0, equivalent = 0;
  std::set<Ipv4> relays;
  for (const auto& s : scenarios) {
    if (s.relay) {
      if (!documentation_address(*s.relay)) {
        std::cerr << fmt::format("lab: relay {} is outside the documentation ranges the lab may use\n", s.relay->str());
        return 2;
      }
      relays.insert(*s.relay);
    }
    if (s.interface) {
      bool found = false;
      for (const auto& l : links) found = found || l.address == *s.interface;
      if (!found) {
        std::cerr << fmt::format("lab: scenario interface {} is not the address of any --link\n", s.interface->str());
        return 2;
      }
    }
  }
  // Extra relay addresses for --exec commands (space-separated), e.g. for `probe` with a giaddr.
  if (const char* extra = std::getenv("LAB_RELAYS")) {
    std::istringstream in(extra);
    for (std::string a; in >> a;) {
      auto ip = Ipv4::parse(a);
      if (!ip || !documentation_address(*ip)) {
        std::cerr << fmt::format("lab: LAB_RELAYS entry '{}' is not a documentation address\n", a);
        return 2;
      }
      relays.insert(*ip);
    }
  }

  if (name.empty()) name = fmt::format("i2dlab-{}", getpid());
  bool own_state = state_dir.empty();
  if (own_state) {
    char tmpl[] = "/tmp/i2dlab.XXXXXX";
    if (!mkdtemp(tmpl)) {
      std::cerr << "lab: cannot create a state directory\n";
      return 1;
    }
    state_dir = tmpl;
  } else {
    std::filesystem::create_directories(state_dir);
  }
  config = std::filesystem::absolute(config).string();
  if (std::string why = outside_effects(server, config); !why.empty()) {
    std::cerr << fmt::format("lab: the config does not fit the lab: {}\n", why);
    return kExitDoesNotFit;
  }

  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGHUP, &sa, nullptr);

  auto started = Clock::now();
  int exit_code = 0;
  std::size_t answered = 0;
  {
    Lab lab(name, state_dir);
    std::string err = lab.setup(links, relays);
    if (!err.empty()) {
      bool no_netns = err == "ip netns add failed";
      lab.teardown();
      if (no_netns) {
        std::cout << "SKIPPED: lab needs network namespaces ('ip netns add' failed)\n";
        return kExitSkipped;
      }
      std::cerr << "lab: " << err << "\n";
      return 1;
    }
    bool running = false;
    for (std::size_t i = 0; i < scenarios.size() && !g_stop; ++i) {
      const auto& s = scenarios[i];
      if (!running || !reuse) {
        lab.stop_server();
        err = lab.start_server(server, config, links);
        if (!err.empty()) {
          std::cerr << "lab: " << err << "\n";
          exit_code = 1;
          break;
        }
        running = true;
      }
      // A reply to a client with ciaddr (INFORM, renewing REQUEST) is unicast to ciaddr: the client end
      // of the link owns that address for this scenario only, so it answers the server's ARP.
      const Link* link = &links.front();
      for (const auto& l : links) {
        if (s.interface && l.address == *s.interface) link = &l;
      }
      std::string owned;
      if (!s.relay && s.ciaddr) {
        owned = s.ciaddr->str() + "/32";
        if (run({"ip", "-n", lab.client_ns(), "addr", "add", owned, "dev", link->client_if}, lab.log("ip.log")) != 0) {
          std::cerr << fmt::format("lab: scenario {}: cannot add ciaddr {} to the client side\n", i, owned);
          exit_code = 1;
          break;
        }
      }
      std::uint32_t xid = static_cast<std::uint32_t>(getpid()) * 65536u + static_cast<std::uint32_t>(i) + 1;
      Bytes request = sim::encode_request(s, xid);
      std::optional<sim::Answer> predicted;
      std::int64_t predicted_now = 0;
      if (predictor) {
        // dhcpd reads the clock when the request arrives (ack_lease, a few ms after the send; `probe`
        // needs a process start first): keep the prediction and the arrival inside one second by
        // waiting out the end of a second.
        auto wall = std::chrono::system_clock::now().time_since_epoch();
        auto into_second = wall % std::chrono::seconds(1);
        if (into_second > std::chrono::milliseconds(probe_tool.empty() ? 950 : 600))
          std::this_thread::sleep_for(std::chrono::seconds(1) - into_second + std::chrono::milliseconds(5));
        sim::SimOptions so;
        so.now = predicted_now =
            std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
        so.server_address = s.relay ? links.front().address : link->address;
        predicted = predictor->answer(s, so);
      }
      // The second of the send (dhcpd's clock for infinite leases), printed as "sent".
      std::int64_t sent = predicted ? predicted_now
                                    : std::chrono::duration_cast<std::chrono::seconds>(
                                          std::chrono::system_clock::now().time_since_epoch()).count();
      dhcp::ExchangeResult r;
      std::optional<sim::Answer> probed;
      if (!probe_tool.empty()) {
        // `isc2dnsmasq probe` as a user runs it: relayed (giaddr = the scenario's relay, owned by the
        // client side) or broadcast on the link's client end; its stdout is one Answer JSON line.
        std::string scen = lab.log("probe-scenario.json"), out = lab.log("probe.out"), perr = lab.log("probe.err");
        sim::Scenario unnamed = s;
        unnamed.name.clear();
        std::ofstream(scen) << sim::scenario_to_json(unnamed) << "\n";
        std::filesystem::remove(out);
        std::string cmd = fmt::format("'{}' probe --server {} --client @'{}' --kind {} --timeout {}{} 2>'{}'", probe_tool,
                                      (s.relay ? links.front() : *link).address.str(), scen,
                                      server == "dhcpd" ? "isc" : "dnsmasq", timeout,
                                      s.relay ? "" : " --interface " + link->client_if, perr);
        auto t0 = Clock::now();
        int prc = run({"ip", "netns", "exec", lab.client_ns(), "sh", "-c", cmd}, out, timeout + 20);
        r.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
        std::string text;
        if (std::ifstream in(out); in) text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        DiagnosticSink psink;
        if (prc == 0) probed = sim::parse_answer(sources.add(fmt::format("probe answer {}", i), text), psink);
        if (!probed) {
          std::ifstream in(perr);
          std::string e((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
          r.error = fmt::format("probe exited with {} and printed no answer: {}{}", prc, text, e);
        }
      } else {
        r = lab.in_client([&] {
          if (s.relay) return dhcp::exchange_relayed(request, xid, *s.relay, links.front().address, timeout, &g_stop);
          return dhcp::exchange_broadcast(request, xid, link->client_if, timeout, &g_stop);
        });
      }
      if (!owned.empty()) run({"ip", "-n", lab.client_ns(), "addr", "del", owned, "dev", link->client_if}, lab.log("ip.log"));
      if (g_stop) break;  // an interrupted wait is not an answer
      if (!r.error.empty()) {
        std::cerr << fmt::format("lab: scenario {}: {}\n", i, r.error);
        exit_code = 1;
        break;
      }
      sim::Answer answer;
      if (probed) {
        answer = std::move(*probed);
        if (answer.reply != sim::Reply::None) ++answered;
      } else if (r.reply) {
        std::string derr;
        auto a = sim::decode_reply(*r.reply, derr);
        if (!a) {
          std::cerr << fmt::format("lab: scenario {}: undecodable reply: {}\n", i, derr);
          exit_code = 1;
          break;
        }
        answer = std::move(*a);
        ++answered;
      }
      answer.server = server == "dhcpd" ? "isc" : "dnsmasq";
      json::Writer w;
      w.begin_object().key("index").value(static_cast<std::uint64_t>(i));
      if (!s.name.empty()) w.key("name").value(s.name);
      w.key("seconds").raw(fmt::format("{:.3f}", r.seconds));
      w.key("sent").raw(std::to_string(sent));
      w.key("answer").raw(sim::answer_to_json(answer));
      if (!expected.empty() || predicted) {
        sim::CompareOptions co;
        co.exact_address = exact_address;
        sim::Comparison c = sim::compare(predicted ? *predicted : expected[i], answer, co);
        ++compared;
        if (c.equivalent()) ++equivalent;
        std::set<std::size_t> hit;
        for (const auto& d : c.differences) {
          std::size_t k = d.field.rfind("option ", 0) == 0 ? kFields.size() - 1 : 0;
          for (std::size_t j = 0; j < kFields.size(); ++j) {
            if (kFields[j] == d.field) k = j;
          }
          hit.insert(k);
        }
        for (std::size_t k : hit) ++disagree[k];
        auto list = [&](const std::vector<sim::Difference>& ds) {
          w.begin_array();
          for (const auto& d : ds) {
            w.begin_object().key("field").value(d.field).key("expected").value(d.left).key("real").value(d.right);
            if (!d.intrinsic.empty()) w.key("intrinsic").value(d.intrinsic);
            w.end_object();
          }
          w.end_array();
        };
        w.key("differences");
        list(c.differences);
        w.key("intrinsic");
        list(c.intrinsic);
      }
      w.end_object();
      std::cout << w.str() << std::endl;
    }
    if (!exec_cmd.empty() && exit_code == 0 && !g_stop) {
      if (!running) err = lab.start_server(server, config, links);
      if (!err.empty()) {
        std::cerr << "lab: " << err << "\n";
        exit_code = 1;
      } else {
        // The command runs in the client namespace; its output goes to our stdout.
        std::string out = lab.log("exec.out");
        setenv("LAB_SERVER", links.front().address.str().c_str(), 1);
        setenv("LAB_IF", links.front().client_if.c_str(), 1);
        int rc = run({"ip", "netns", "exec", lab.client_ns(), "sh", "-c", exec_cmd}, out, 120);
        std::ifstream in(out);
        std::cout << in.rdbuf() << std::flush;
        if (rc != 0) {
          std::cerr << fmt::format("lab: --exec command exited with {}\n", rc);
          exit_code = 1;
        }
      }
    }
    lab.teardown();
  }
  double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  // A state directory the lab made itself is removed after a clean run and kept for diagnosis otherwise.
  bool keep = !own_state || exit_code != 0 || g_stop;
  std::cerr << fmt::format("lab: {}: {} scenarios, {} answered, {:.1f} s{}\n", server, scenarios.size(), answered,
                           seconds, keep ? fmt::format(" (state in {})", state_dir) : "");
  if (!keep) {
    std::error_code ec;
    std::filesystem::remove_all(state_dir, ec);
  }
  if (compared > 0) {
    std::cerr << fmt::format("lab: agreement with --expect: {} of {} answers equivalent\n", equivalent, compared);
    for (std::size_t k = 0; k < kFields.size(); ++k) {
      std::cerr << fmt::format("lab:   {:<10} {:>5} of {} agree ({:.1f}%)\n", kFields[k], compared - disagree[k], compared,
                               100.0 * static_cast<double>(compared - disagree[k]) / static_cast<double>(compared));
    }
  }
  if (g_stop) {
    std::cerr << "lab: interrupted; namespaces removed\n";
    return 130;
  }
  if (exit_code == 0 && compared > equivalent) return 3;  // like verify: a behavioural difference
  return exit_code;
}
