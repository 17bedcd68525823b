// Verification driver: load, translate in memory (always through dnsmasq text), evaluate both sides, group differences, render.
#include "sim/verify.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "core/exit.hpp"
#include "core/json.hpp"
#include "core/view_index.hpp"
#include "dnsmasq/detect.hpp"
#include "dnsmasq/read.hpp"
#include "dnsmasq/write.hpp"
#include "translate/lower.hpp"
#include "sim/dnsmasq_server.hpp"

namespace isc2dnsmasq::sim {

namespace {

// "# name:LINE" comments (write_dnsmasq's provenance) apply to the next non-comment line. One
// offset per line (LoadedConfig::provenance), not a string per line: 300,000 lines at 100k hosts.
std::vector<std::uint32_t> text_provenance(std::string_view text) {
  std::vector<std::uint32_t> prov{LoadedConfig::kNoProvenance};
  std::uint32_t pending = LoadedConfig::kNoProvenance;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    std::size_t at = pos;
    pos = end + 1;
    if (line.rfind("# ", 0) == 0) {
      std::string_view c = line.substr(2);
      std::size_t colon = c.rfind(':');
      bool loc = colon != std::string_view::npos && colon + 1 < c.size() && c.find(' ') == std::string_view::npos &&
                 c.find_first_not_of("0123456789", colon + 1) == std::string_view::npos;
      prov.push_back(LoadedConfig::kNoProvenance);
      if (loc) pending = static_cast<std::uint32_t>(at + 2);
      continue;
    }
    prov.push_back(line.empty() ? LoadedConfig::kNoProvenance : pending);
    if (!line.empty()) pending = LoadedConfig::kNoProvenance;
  }
  return prov;
}

}  // namespace

std::optional<LoadedConfig> translate_in_memory(const LoadedConfig& isc, SourceSet& sources, DiagnosticSink& sink,
                                                Timings* timings) {
  if (!isc.isc || !isc.resolution) return std::nullopt;
  timing_phase(timings, "translate: lower");
  DiagnosticSink lower_sink;
  translate::LowerOptions lo;
  lo.report_exact = false;  // verify needs the counts and the approximate/untranslatable entries only
  auto lowered = translate::lower(*isc.isc, *isc.resolution, lo, lower_sink);
  LoadedConfig out;
  out.kind = LoadedConfig::Kind::Dnsmasq;
  out.name = isc.name + ".dnsmasq";
  out.approximate = lowered.report.count(translate::Outcome::Approximate);
  out.untranslatable = lowered.report.count(translate::Outcome::Untranslatable);
  timing_phase(timings, "translate: write");
  dnsmasq::WriteOptions wo;
  wo.provenance_comments = true;
  const SourceFile& text = sources.add(out.name, dnsmasq::write_dnsmasq(lowered.model, wo));
  out.translated_text = text.text();
  for (const auto& e : lowered.report.entries) {
    if (e.outcome == translate::Outcome::Exact || !e.span.valid()) continue;
    out.findings.emplace(fmt::format("{}:{}", e.span.file->name(), e.span.line()), e.code);
  }
  out.provenance = text_provenance(out.translated_text);
  // Always the text: the model the user deploys is the one dnsmasq reads back.
  timing_phase(timings, "translate: read back");
  auto m = dnsmasq::read_dnsmasq_source(text, sources, sink);
  if (!m) return std::nullopt;
  out.dnsmasq = std::move(*m);
  return out;
}

namespace {

const char* kind_label(const LoadedConfig& c) { return c.kind == LoadedConfig::Kind::Isc ? "isc" : "dnsmasq"; }

struct Side {
  const LoadedConfig* cfg = nullptr;
  std::unique_ptr<IscServer> isc;
  std::unique_ptr<DnsmasqServer> dm;  // indexed once: a scenario costs O(log hosts), not O(hosts)
  SimOptions isc_opt;

  /// `full_why` false: a lean answer (lean_why_keeps), which is all verify reads of most answers.
  Answer eval(const Scenario& s, bool full_why) const {
    if (isc) {
      SimOptions o = isc_opt;
      o.full_why = full_why;
      return isc->answer(s, o);
    }
    return dm->answer(s, full_why);
  }
};

std::string signature(const Comparison& c) {
  std::string s;
  for (const auto& d : c.differences) s += d.field + (d.approximation.empty() ? "" : "=" + d.approximation) + ";";
  return s;
}

std::size_t witness_size(const Scenario& s) {
  std::size_t n = s.options.size() * 1000;
  for (const auto& o : s.options) n += o.value.size();
  return n;
}

bool printable(const Bytes& b) {
  if (b.empty()) return false;
  for (std::size_t i = 0; i < b.size(); ++i) {
    std::uint8_t c = b[i];
    if (c == 0 && i + 1 == b.size()) continue;
    if (c < 0x20 || c > 0x7e || c == '"') return false;
  }
  return true;
}

bool address_option(std::uint8_t code) {
  switch (code) {
    case 1: case 3: case 4: case 5: case 6: case 7: case 8: case 9: case 10: case 11: case 16: case 28: case 32:
    case 41: case 42: case 44: case 45: case 48: case 49: case 50: case 54: case 65: case 68: case 69: case 70:
    case 71: case 72: case 73: case 74: case 75: case 76: case 118: case 150:
      return true;
    default: return false;
  }
}

std::string show_value(std::uint8_t code, const Bytes& v) {
  if (v.empty()) return "(empty)";
  if ((code == 51 || code == 58 || code == 59) && v.size() == 4)
    return std::to_string((std::uint32_t{v[0]} << 24) | (std::uint32_t{v[1]} << 16) | (std::uint32_t{v[2]} << 8) | v[3]);
  if (address_option(code) && v.size() % 4 == 0) {
    std::string s;
    for (std::size_t i = 0; i < v.size(); i += 4) {
      if (i) s += ',';
      s += fmt::format("{}.{}.{}.{}", v[i], v[i + 1], v[i + 2], v[i + 3]);
    }
    return s;
  }
  if (printable(v)) {
    std::string t(v.begin(), v.end());
    if (!t.empty() && t.back() == '\0') {
      t.pop_back();
      return fmt::format("\"{}\\0\"", t);
    }
    return fmt::format("\"{}\"", t);
  }
  return to_colon_hex(v);
}

std::string show_answer(const Answer& a, const Comparison& c, bool left) {
  std::string s = reply_name(a.reply);
  if (a.yiaddr) s += " " + a.yiaddr->str();
  if (a.lease_time) s += fmt::format(" lease={}", *a.lease_time);
  for (const auto& d : c.differences) {
    const std::string& v = left ? d.left : d.right;
    if (d.field == "reply" || d.field == "lease_time") continue;
    if (d.field.rfind("option ", 0) == 0) {
      auto code = static_cast<std::uint8_t>(std::stoi(d.field.substr(7)));
      const Bytes* b = a.option(code);
      s += fmt::format(" option {}={}", code, b ? show_value(code, *b) : "-");
    } else if (d.field == "address") {
      s += fmt::format(" pool={}", a.pool.empty() ? "-" : a.pool.str());
    } else {
      s += fmt::format(" {}={}", d.field, v);
    }
  }
  return s;
}

// The translation finding (approximate or untranslatable statement) that explains a real
// difference: first a statement that produced the differing value on either side (the answers'
// `why`; dnsmasq lines lead back to their ISC statement through the provenance comments), then
// one that decided the client's guards (classes, hosts, networks, tags).
struct Attributor {
  const LoadedConfig* translated = nullptr;  // the side translated in memory, with findings

  std::string isc_location(const Answer& a, const std::string& at) const {
    if (a.server != "dnsmasq") return at;
    std::size_t colon = at.rfind(':');
    if (colon == std::string::npos || at.compare(0, colon, translated->name) != 0) return {};
    std::size_t line = 0;
    for (std::size_t i = colon + 1; i < at.size(); ++i) {
      if (at[i] < '0' || at[i] > '9') return {};
      line = line * 10 + static_cast<std::size_t>(at[i] - '0');
    }
    return std::string(translated->provenance_at(line));
  }

  bool explain(Difference& d, const Answer& l, const Answer& r) const {
    std::vector<std::string> fields{d.field};
    if (d.field == "address") fields = {"yiaddr", "address", "reply"};
    if (d.field == "file") fields.push_back("option 67");
    if (d.field == "sname") fields.push_back("option 66");
    // Whether an option is sent at all can depend on a configured parameter request list.
    if (d.field.rfind("option ", 0) == 0 && (d.left == "-" || d.right == "-")) fields.push_back("option 55");
    auto guard = [](const std::string& f) { return f == "guard" || f == "reply" || f.rfind("tag ", 0) == 0; };
    // Then the guards on the client's path (classes, hosts, networks, tags, if branches): a value
    // that came from another branch than dhcpd's differs because of the condition that chose it.
    int passes = 2;
    for (int pass = 0; pass < passes; ++pass) {
      for (const Answer* a : {&l, &r}) {
        for (const auto& w : a->why) {
          bool hit = pass == 0 ? std::find(fields.begin(), fields.end(), w.field) != fields.end() : guard(w.field);
          if (!hit || w.location.empty()) continue;
          std::string at = isc_location(*a, w.location);
          auto it = translated->findings.find(at);
          if (it == translated->findings.end()) continue;
          d.approximation = it->second;
          d.approximation_at = at;
          return true;
        }
      }
    }
    return false;
  }
};

// Intrinsic "dnsmasq-reserved-address" (docs/semantics.md): dnsmasq never gives a client an
// address that a dhcp-host line reserves (for another client), its own address, or x.x.x.0 /
// x.x.x.255 in class C space (dnsmasq-semantics §8); dhcpd offers any free address of its range
// and ACKs a request for one. Needs the dnsmasq config, so verify applies it, not sim::compare.
struct ReservedAddresses {
  std::unordered_set<std::uint32_t> hosts;
  Ipv4 server;
  bool reserved(Ipv4 a) const {
    std::uint32_t first = a.value >> 24, last = a.value & 0xff;
    return hosts.count(a.value) || a == server || (first >= 192 && first <= 223 && (last == 0 || last == 255));
  }
  // Every address the ISC candidates have and dnsmasq's lack is reserved, and dnsmasq adds none.
  bool explains_pools(const AddressSet& isc, const AddressSet& dm) const {
    for (const auto& r : dm.ranges()) {
      for (std::uint64_t v = r.first.value; v <= r.last.value; ++v)
        if (!isc.contains(Ipv4{static_cast<std::uint32_t>(v)})) return false;
    }
    std::uint64_t budget = 1u << 20;
    for (const auto& r : isc.ranges()) {
      for (std::uint64_t v = r.first.value; v <= r.last.value; ++v) {
        if (--budget == 0) return false;
        Ipv4 a{static_cast<std::uint32_t>(v)};
        if (!dm.contains(a) && !reserved(a)) return false;
      }
    }
    return true;
  }
  // Moves the differences this rule explains from `differences` to `intrinsic`.
  void classify(Comparison& c, const Answer& l, const Answer& r) const {
    const Answer& isc = l.server == "dnsmasq" ? r : l;
    const Answer& dm = l.server == "dnsmasq" ? l : r;
    if (dm.server != "dnsmasq" || isc.server != "isc" || c.differences.empty()) return;
    auto move_if = [&](auto pred) {
      std::vector<Difference> keep;
      for (auto& d : c.differences) {
        if (pred(d)) {
          d.intrinsic = "dnsmasq-reserved-address";
          d.approximation.clear();
          d.approximation_at.clear();
          c.intrinsic.push_back(std::move(d));
        } else {
          keep.push_back(std::move(d));
        }
      }
      c.differences = std::move(keep);
    };
    // A REQUEST for an address dhcpd ACKs and dnsmasq refuses as reserved: the whole answer differs.
    bool isc_fixed = std::any_of(isc.why.begin(), isc.why.end(), [](const Why& w) {
      return w.field == "yiaddr" && w.reason.rfind("fixed-address", 0) == 0;
    });
    if (isc.reply == Reply::Ack && dm.reply == Reply::Nak && isc.yiaddr && !isc_fixed && reserved(*isc.yiaddr)) {
      move_if([](const Difference&) { return true; });
      return;
    }
    if (isc.reply == dm.reply && !isc.pool.empty() && !dm.pool.empty() && explains_pools(isc.pool, dm.pool))
      move_if([](const Difference& d) { return d.field == "address"; });
  }
};

}  // namespace

std::string describe_scenario(const Scenario& s) {
  std::string out = message_name(s.message);
  for (auto& ch : out) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  out += " mac=" + s.chaddr.str();
  if (s.chaddr.htype != 1) out += fmt::format(" htype={}", s.chaddr.htype);
  if (s.relay) out += " giaddr=" + s.relay->str();
  if (s.interface) out += " interface=" + s.interface->str();
  if (s.ciaddr) out += " ciaddr=" + s.ciaddr->str();
  for (const auto& o : s.options) out += fmt::format(" {}={}", o.code, show_value(o.code, o.value));
  return out;
}

VerifyResult verify_configs(const LoadedConfig& left, const LoadedConfig& right, const VerifyOptions& options) {
  VerifyResult r;
  r.seed = options.generate.seed;
  r.strict = options.strict;
  bool same = left.kind == right.kind;
  r.left_label = same ? "A" : kind_label(left);
  r.right_label = same ? "B" : kind_label(right);

  // Both servers see the same interface: the first ISC subnet's first address, else the first range's.
  Ipv4 server_addr;
  int server_prefix = 24;
  const LoadedConfig* isc_side = left.isc ? &left : right.isc ? &right : nullptr;
  if (isc_side) {
    auto ifs = isc_interfaces(*isc_side->isc);
    if (!ifs.empty()) {
      server_addr = ifs.front().first;
      server_prefix = ifs.front().second;
    }
  } else {
    auto di = default_interface(*left.dnsmasq);
    server_addr = di.address;
    server_prefix = di.prefix;
  }
  auto make_side = [&](const LoadedConfig& c) {
    Side s;
    s.cfg = &c;
    if (c.isc) s.isc = std::make_unique<IscServer>(*c.isc, &*c.resolution);
    s.isc_opt.server_address = server_addr;
    SimInterface si;
    si.address = server_addr;
    si.prefix = server_prefix;
    DnsmasqSimOptions dm_opt;
    dm_opt.interfaces = {si};
    if (c.dnsmasq) s.dm = std::make_unique<DnsmasqServer>(*c.dnsmasq, std::move(dm_opt));
    return s;
  };
  Side ls, rs;
  std::optional<ReservedAddresses> reserved;
  auto index = [&] {
    ls = make_side(left);
    rs = make_side(right);
    if ((left.isc && right.dnsmasq) || (left.dnsmasq && right.isc)) {
      reserved.emplace();
      for (const auto& h : (left.dnsmasq ? *left.dnsmasq : *right.dnsmasq).hosts)
        if (h.address) reserved->hosts.insert(h.address->value);
      reserved->server = server_addr;
    }
  };
  // The servers' indexes do not depend on the scenarios: with more than one job they are built on
  // a second thread while the scenarios are generated.
  std::thread indexer;
  struct JoinOnExit {
    std::thread& t;
    ~JoinOnExit() {
      if (t.joinable()) t.join();
    }
  } join_indexer{indexer};
  std::exception_ptr index_error;
  if (options.jobs != 1) {
    timing_phase(options.timings, "generate + index");
    indexer = std::thread([&] {
      try {
        index();
      } catch (...) {
        index_error = std::current_exception();
      }
    });
  } else {
    timing_phase(options.timings, "index configs");
    index();
    timing_phase(options.timings, "generate scenarios");
  }
  // Scenarios from both sides' guards.
  GenerateOptions gopt = options.generate;
  if (!gopt.server_id && server_addr.value) gopt.server_id = server_addr;
  auto gen_one = [&](const LoadedConfig& c, const LoadedConfig* other) {
    const isc::Config* ic = c.isc ? &*c.isc : (other && other->isc ? &*other->isc : nullptr);
    const isc::Resolution* ir = c.isc ? &*c.resolution : (other && other->isc ? &*other->resolution : nullptr);
    const dnsmasq::Model* dm = c.dnsmasq ? &*c.dnsmasq : (other && other->dnsmasq ? &*other->dnsmasq : nullptr);
    return generate_scenarios(ic, ir, dm, gopt);
  };
  Generated g = gen_one(left, &right);
  if (same) {
    Generated g2 = gen_one(right, nullptr);
    // Scenarios of the second side that the first does not have, by hash then field equality.
    std::unordered_multimap<std::uint64_t, std::size_t> seen;
    seen.reserve(g.scenarios.size() + g2.scenarios.size());
    for (std::size_t i = 0; i < g.scenarios.size(); ++i) seen.emplace(scenario_hash(g.scenarios[i], true), i);
    for (auto& s : g2.scenarios) {
      std::uint64_t h = scenario_hash(s, true);
      auto [b, e] = seen.equal_range(h);
      bool dup = std::any_of(b, e, [&](const auto& kv) { return same_scenario(g.scenarios[kv.second], s, true); });
      if (dup) continue;
      g.scenarios.push_back(std::move(s));
      seen.emplace(h, g.scenarios.size() - 1);
    }
    g.outcomes.insert(g.outcomes.end(), g2.outcomes.begin(), g2.outcomes.end());
  }
  r.scenarios = std::move(g.scenarios);
  for (const auto& s : options.extra) r.scenarios.push_back(s);
  if (indexer.joinable()) indexer.join();
  if (index_error) std::rethrow_exception(index_error);

  Attributor attributor;
  if (!right.findings.empty()) attributor.translated = &right;
  else if (!left.findings.empty()) attributor.translated = &left;

  timing_phase(options.timings, "evaluate and compare");
  // Guard outcomes by location: the answers' exercised outcomes mark slots, not id strings.
  // Every outcome's id is its location + "#true"/"#false" (sim/generate); equal ids share a slot.
  struct Place {
    std::int64_t slot[2] = {-1, -1};  // [false, true]
    std::int64_t implicit = -1;       // index in `implicit_false` of this location's implicit "false"
  };
  ViewIndex place_of;  // location -> place
  std::vector<Place> places;
  std::vector<std::size_t> outcome_slot(g.outcomes.size());
  std::size_t slots = 0;
  // dnsmasq tag sources whose "false" outcome only shows as an answer without the tag.
  std::vector<std::size_t> implicit_false;  // slots
  std::vector<std::size_t> implicit_place;  // their places
  for (std::size_t k = 0; k < g.outcomes.size(); ++k) {
    const auto& o = g.outcomes[k];
    std::size_t place = place_of.insert(o.location);
    if (place == places.size()) places.emplace_back();
    Place& p = places[place];
    int v = o.value ? 1 : 0;
    if (p.slot[v] < 0) p.slot[v] = static_cast<std::int64_t>(slots++);
    outcome_slot[k] = static_cast<std::size_t>(p.slot[v]);
    if (o.implicit_false && p.implicit < 0) {
      p.implicit = static_cast<std::int64_t>(implicit_false.size());
      implicit_false.push_back(outcome_slot[k]);
      implicit_place.push_back(place);
    }
  }
  const std::size_t n = r.scenarios.size();
  // Workers take blocks of scenarios from a shared counter and keep their own tallies; the merge
  // below gives the same result whatever the split (counts add up, a group's witness is the
  // smallest scenario, ties to the lowest id, as one pass in order would choose).
  struct Tally {
    std::size_t equivalent = 0;
    std::vector<char> hit;           // per slot
    std::vector<std::size_t> stamp;  // per place: the last dnsmasq answer (1-based) that set its "true"
    std::vector<ExercisedOutcome> ex;
    std::map<std::string, Divergence> groups, igroups;
  };
  auto add_to_group = [](std::map<std::string, Divergence>& groups, const std::string& sig, ScenarioOutcome&& so,
                         std::size_t count) {
    auto it = groups.find(sig);
    if (it == groups.end()) {
      groups.emplace(sig, Divergence{std::move(so), count, sig});
      return;
    }
    auto& d = it->second;
    d.count += count;
    std::size_t a = witness_size(*so.scenario), b = witness_size(*d.witness.scenario);
    if (a < b || (a == b && so.id < d.witness.id)) d.witness = std::move(so);
  };
  // Both servers' answers to `so.scenario` and their comparison, intrinsic rules applied.
  auto answer_both = [&](ScenarioOutcome& so, bool full_why) {
    so.left = ls.eval(*so.scenario, full_why);
    so.right = rs.eval(*so.scenario, full_why);
    so.comparison = compare(so.left, so.right);
    if (reserved) reserved->classify(so.comparison, so.left, so.right);
  };
  constexpr std::size_t kBlock = 256;
  std::atomic<std::size_t> next_block{0}, done{0};
  auto work = [&](Tally& t, bool report_progress) {
    t.hit.assign(slots, 0);
    t.stamp.assign(places.size(), 0);
    std::vector<std::size_t> pending(implicit_false.size());
    for (std::size_t j = 0; j < pending.size(); ++j) pending[j] = j;
    std::size_t answers = 0;
    for (;;) {
      std::size_t begin = next_block.fetch_add(1) * kBlock;
      if (begin >= n) break;
      std::size_t end = std::min(n, begin + kBlock);
      for (std::size_t i = begin; i < end; ++i) {
        ScenarioOutcome so;
        so.id = i + 1;
        so.scenario = &r.scenarios[i];
        // Lean answers: the same values, and the why entries coverage and the intrinsic rules read.
        answer_both(so, false);
        if (attributor.translated && !so.comparison.differences.empty()) {
          // Attribution reads the whole trace: the (rare) differing scenarios are answered again
          // in full, which yields the same values and so the same comparison.
          answer_both(so, true);
          for (auto& d : so.comparison.differences) attributor.explain(d, so.left, so.right);
        }
        for (const Answer* a : {&so.left, &so.right}) {
          t.ex.clear();
          exercised_outcomes(*a, t.ex);
          ++answers;
          for (const auto& e : t.ex) {
            std::uint32_t place = place_of.find(e.location);
            if (place == ViewIndex::npos) continue;
            const Place& p = places[place];
            if (p.slot[e.value] >= 0) t.hit[static_cast<std::size_t>(p.slot[e.value])] = 1;
            if (e.value) t.stamp[place] = answers;
          }
          // A dnsmasq answer without a tag source's tag exercises its implicit "false".
          if (a->server == "dnsmasq" && !pending.empty()) {
            std::erase_if(pending, [&](std::size_t j) {
              if (t.stamp[implicit_place[j]] == answers) return false;
              t.hit[implicit_false[j]] = 1;
              return true;
            });
          }
        }
        if (so.comparison.differences.empty()) ++t.equivalent;
        if (!so.comparison.differences.empty()) {
          std::string sig = signature(so.comparison);
          add_to_group(t.groups, sig, std::move(so), 1);
        } else if (!so.comparison.intrinsic.empty()) {
          std::string sig;
          for (const auto& d : so.comparison.intrinsic) sig += d.intrinsic + ";";
          add_to_group(t.igroups, sig, std::move(so), 1);
        }
      }
      std::size_t now = done.fetch_add(end - begin) + (end - begin);
      if (report_progress && options.progress) options.progress(now, n);
    }
  };
  unsigned jobs = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  jobs = static_cast<unsigned>(std::min<std::size_t>({jobs, 64, (n + kBlock - 1) / kBlock}));
  std::vector<Tally> tallies(std::max(1u, jobs));
  {
    std::vector<std::thread> threads;
    std::vector<std::exception_ptr> errors(tallies.size());
    for (std::size_t k = 1; k < tallies.size(); ++k)
      threads.emplace_back([&, k] {
        try {
          work(tallies[k], false);
        } catch (...) {
          errors[k] = std::current_exception();
          next_block = n;  // the others stop at their next block
        }
      });
    try {
      work(tallies[0], true);
    } catch (...) {
      errors[0] = std::current_exception();
      next_block = n;
    }
    for (auto& th : threads) th.join();
    for (auto& e : errors)
      if (e) std::rethrow_exception(e);
  }
  if (options.progress && n) options.progress(n, n);
  std::vector<char> exercised(slots, 0);
  std::map<std::string, Divergence> groups, igroups;
  for (std::size_t k = 0; k < tallies.size(); ++k) {
    auto& t = tallies[k];
    r.equivalent += t.equivalent;
    for (std::size_t x = 0; x < slots; ++x) exercised[x] |= t.hit[x];
    for (auto& [sig, d] : t.groups) add_to_group(groups, sig, std::move(d.witness), d.count);
    for (auto& [sig, d] : t.igroups) add_to_group(igroups, sig, std::move(d.witness), d.count);
  }
  for (auto& [sig, d] : groups) r.divergences.push_back(std::move(d));
  for (auto& [sig, d] : igroups) r.intrinsic.push_back(std::move(d));
  std::sort(r.divergences.begin(), r.divergences.end(), [](const Divergence& a, const Divergence& b) { return a.witness.id < b.witness.id; });
  std::sort(r.intrinsic.begin(), r.intrinsic.end(), [](const Divergence& a, const Divergence& b) { return a.witness.id < b.witness.id; });
  timing_phase(options.timings, "coverage");
  // Coverage: a dnsmasq tag source's "false" outcome is exercised by any answer without its tag.
  r.outcomes_total = g.outcomes.size();
  for (std::size_t k = 0; k < g.outcomes.size(); ++k) {
    if (exercised[outcome_slot[k]]) ++r.outcomes_exercised;
    else r.unexercised.push_back(g.outcomes[k]);
  }
  dispose(ls);
  dispose(rs);
  dispose(g);
  dispose(place_of);
  return r;
}

std::string render_verdict_text(const VerifyResult& r) {
  std::string out;
  std::size_t n = r.scenarios.size();
  bool eq = r.is_equivalent();
  if (eq) out += fmt::format("verdict: equivalent ({} scenarios, seed {})\n", n, r.seed);
  else if (r.divergences.empty())
    out += fmt::format("verdict: divergent ({} of {} scenarios equivalent, intrinsic differences counted by --strict, seed {})\n",
                       r.equivalent, n, r.seed);
  else out += fmt::format("verdict: divergent ({} of {} scenarios equivalent, seed {})\n", r.equivalent, n, r.seed);
  out += fmt::format("coverage: {} of {} guard outcomes exercised\n", r.outcomes_exercised, r.outcomes_total);
  std::size_t width = std::max(r.left_label.size(), r.right_label.size()) + 1;
  auto block = [&](const Divergence& d, bool intrinsic) {
    const auto& w = d.witness;
    out += fmt::format("#{} {}\n", w.id, describe_scenario(*w.scenario));
    Comparison shown = w.comparison;
    if (intrinsic) shown.differences = shown.intrinsic;
    out += fmt::format("  {:<{}} {}\n", r.left_label + ":", width, show_answer(w.left, shown, true));
    out += fmt::format("  {:<{}} {}\n", r.right_label + ":", width, show_answer(w.right, shown, false));
    if (d.count > 1) out += fmt::format("  ({} scenarios differ this way)\n", d.count);
    if (!intrinsic) {
      for (const auto& x : shown.differences) {
        if (!x.approximation.empty()) out += fmt::format("  {}: reported by translate as {} at {}\n", x.field, x.approximation, x.approximation_at);
      }
    }
  };
  for (const auto& d : r.divergences) block(d, false);
  for (const auto& d : r.intrinsic) {
    std::string rules;
    for (const auto& x : d.witness.comparison.intrinsic) {
      if (rules.find(x.intrinsic) == std::string::npos) rules += (rules.empty() ? "" : ", ") + x.intrinsic;
    }
    out += fmt::format("intrinsic: {} in {} scenarios, e.g.\n", rules, d.count);
    block(d, true);
  }
  return out;
}

std::string render_verdict_json(const VerifyResult& r) {
  std::string out = "{";
  out += fmt::format("\"verdict\":\"{}\",\"scenarios\":{},\"equivalent\":{},\"seed\":{},", r.is_equivalent() ? "equivalent" : "divergent",
                     r.scenarios.size(), r.equivalent, r.seed);
  out += fmt::format("\"coverage\":{{\"exercised\":{},\"total\":{}}},", r.outcomes_exercised, r.outcomes_total);
  out += fmt::format("\"left\":{},\"right\":{},", json_quote(r.left_label), json_quote(r.right_label));
  auto group = [&](const std::vector<Divergence>& v, bool intrinsic) {
    std::string s = "[";
    for (std::size_t i = 0; i < v.size(); ++i) {
      const auto& w = v[i].witness;
      if (i) s += ",";
      s += fmt::format("{{\"id\":{},\"count\":{},\"scenario\":{},\"left\":{},\"right\":{},\"fields\":[", w.id, v[i].count,
                       scenario_to_json(*w.scenario), answer_to_json(w.left, 0, false), answer_to_json(w.right, 0, false));
      const auto& ds = intrinsic ? w.comparison.intrinsic : w.comparison.differences;
      for (std::size_t k = 0; k < ds.size(); ++k) {
        if (k) s += ",";
        s += fmt::format("{{\"field\":{},\"left\":{},\"right\":{}", json_quote(ds[k].field), json_quote(ds[k].left), json_quote(ds[k].right));
        if (!ds[k].intrinsic.empty()) s += fmt::format(",\"intrinsic\":{}", json_quote(ds[k].intrinsic));
        if (!ds[k].approximation.empty())
          s += fmt::format(",\"translation\":{{\"code\":{},\"at\":{}}}", json_quote(ds[k].approximation), json_quote(ds[k].approximation_at));
        s += "}";
      }
      s += "]}";
    }
    return s + "]";
  };
  out += "\"differences\":" + group(r.divergences, false) + ",";
  out += "\"intrinsic\":" + group(r.intrinsic, true) + ",";
  out += "\"unexercised\":[";
  for (std::size_t i = 0; i < r.unexercised.size(); ++i) {
    if (i) out += ",";
    out += fmt::format("{{\"id\":{},\"what\":{}}}", json_quote(r.unexercised[i].id()), json_quote(r.unexercised[i].description));
  }
  out += "]}\n";
  return out;
}

}  // namespace isc2dnsmasq::sim
